//! `tabletop sign`: SSH signatures over transcripts and their sidecars, and
//! the signature check `tabletop verify --signer` makes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use tabletop_core::signature::{self, SignError, Signer, signature_path};
use tabletop_core::text::visible;

pub use tabletop_core::signature::default_key;

pub fn run(files: &[PathBuf], key: Option<&Path>) -> anyhow::Result<ExitCode> {
    let key = match key.map(Path::to_path_buf).or_else(default_key) {
        Some(k) => k,
        None => {
            bail!("no SSH key found in ~/.ssh: name one with --key, e.g. --key ~/.ssh/id_ed25519")
        }
    };
    for file in files {
        sign_file(file, &key)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Signs one file, in-process where the key allows and with `ssh-keygen`
/// otherwise (a passphrase, an agent, a security key).
pub fn sign_file(file: &Path, key: &Path) -> anyhow::Result<()> {
    let target = signature_path(file);
    match signature::sign_file(file, key) {
        Ok(_) => {}
        Err(SignError::NeedsSshKeygen(why)) => {
            with_ssh_keygen(file, key, &target)
                .with_context(|| format!("{why}, and ssh-keygen could not sign with it either"))?;
        }
        Err(SignError::Failed(why)) => bail!("could not sign {}: {why}", file.display()),
    }
    eprintln!(
        "tabletop: signed {} with {}: {}",
        visible(&file.display().to_string()),
        visible(&key.display().to_string()),
        visible(&target.display().to_string())
    );
    Ok(())
}

fn with_ssh_keygen(file: &Path, key: &Path, target: &Path) -> anyhow::Result<()> {
    // ssh-keygen will not replace a signature: the old one steps aside and
    // comes back if signing fails.
    let aside = target.with_extension("sig.old");
    let had_one = target.exists();
    if had_one {
        std::fs::rename(target, &aside)?;
    }
    let status = std::process::Command::new("ssh-keygen")
        .args(["-Y", "sign", "-n", signature::NAMESPACE, "-f"])
        .arg(key)
        .arg(file)
        .status();
    match status {
        Ok(s) if s.success() => {
            if had_one {
                let _ = std::fs::remove_file(&aside);
            }
            Ok(())
        }
        other => {
            if had_one {
                let _ = std::fs::rename(&aside, target);
            }
            match other {
                Ok(s) => bail!("ssh-keygen ended with {s}"),
                Err(e) => bail!("ssh-keygen could not be run ({e}); is OpenSSH installed?"),
            }
        }
    }
}

/// Reads the signers given to `verify`: a public key file, or an
/// allowed-signers file.
pub fn signers(signer: Option<&Path>, allowed: Option<&Path>) -> anyhow::Result<Vec<Signer>> {
    let mut out = Vec::new();
    if let Some(path) = signer {
        let text = read_text(path)?;
        out.push(
            Signer::from_public_key(&text)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
        );
    }
    if let Some(path) = allowed {
        let text = read_text(path)?;
        out.extend(
            Signer::from_allowed_signers(&text)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
        );
    }
    Ok(out)
}

/// A small text file (a key, a list of signers): regular files only.
fn read_text(path: &Path) -> anyhow::Result<String> {
    let bytes = tabletop_core::regular_file::read(path, 1024 * 1024)
        .with_context(|| format!("cannot read {}", path.display()))?;
    String::from_utf8(bytes).with_context(|| format!("{} is not text", path.display()))
}

/// Checks `file` against its `.sig`; prints who signed, or why it fails.
pub fn check(file: &Path, signers: &[Signer]) -> anyhow::Result<bool> {
    let name = visible(&file.display().to_string());
    let sig_path = signature_path(file);
    let armored = tabletop_core::regular_file::read(&sig_path, 64 * 1024)
        .ok()
        .and_then(|b| String::from_utf8(b).ok());
    let Some(armored) = armored else {
        println!(
            "{name}: NOT signed: no {} beside it",
            visible(&sig_path.display().to_string())
        );
        return Ok(false);
    };
    let message =
        tabletop_core::regular_file::read(file, tabletop_core::regular_file::MAX_TRANSCRIPT_BYTES)
            .with_context(|| format!("cannot read {}", file.display()))?;
    match signature::verify(&message, &armored, signers) {
        Ok(signer) => {
            println!(
                "{name}: signed by {} ({})",
                visible(&signer.name),
                signer.fingerprint()
            );
            Ok(true)
        }
        Err(why) => {
            println!("{name}: signature does NOT verify: {}", visible(&why));
            Ok(false)
        }
    }
}
