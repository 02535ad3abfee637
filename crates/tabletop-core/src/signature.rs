//! Signatures over whole files with the facilitator's SSH key, in the SSH
//! signature format (`ssh-keygen -Y sign` and `-Y verify` read and write the
//! same files), namespace `tabletop`. The signature covers every byte, so an
//! edit with the hash chain recomputed, or lines cut at a line boundary, no
//! longer verifies.

use std::path::{Path, PathBuf};

use ssh_key::{HashAlg, LineEnding, PrivateKey, PublicKey, SshSig};

/// Keeps tabletop's signatures apart from signatures made for other purposes
/// with the same key (git commits, files).
pub const NAMESPACE: &str = "tabletop";

/// Where the signature of `file` lives: beside it, with `.sig` added.
pub fn signature_path(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".sig");
    PathBuf::from(name)
}

#[derive(Debug, thiserror::Error)]
pub enum SignError {
    /// The key is protected by a passphrase, held by an agent or a security
    /// key, or of a kind this build cannot use: `ssh-keygen` can still sign.
    #[error("{0}")]
    NeedsSshKeygen(String),
    #[error("{0}")]
    Failed(String),
}

/// Signs `message` with the private key in `key_text` (OpenSSH format);
/// returns the armored signature.
pub fn sign(key_text: &str, message: &[u8]) -> Result<String, SignError> {
    let key = PrivateKey::from_openssh(key_text)
        .map_err(|e| SignError::NeedsSshKeygen(format!("the key cannot be read here ({e})")))?;
    if key.is_encrypted() {
        return Err(SignError::NeedsSshKeygen(
            "the key is protected by a passphrase".into(),
        ));
    }
    let signature = key.sign(NAMESPACE, HashAlg::Sha512, message).map_err(|e| {
        SignError::NeedsSshKeygen(format!("this kind of key cannot sign here ({e})"))
    })?;
    signature
        .to_pem(LineEnding::LF)
        .map_err(|e| SignError::Failed(e.to_string()))
}

/// The facilitator's usual key in `~/.ssh`, when there is one.
pub fn default_key() -> Option<PathBuf> {
    let home = std::env::var_os("HOME")?;
    let ssh = Path::new(&home).join(".ssh");
    ["id_ed25519", "id_ecdsa", "id_rsa"]
        .iter()
        .map(|k| ssh.join(k))
        .find(|p| p.exists())
}

/// Signs `file` with the private key at `key`, in-process, writing the
/// signature beside it (readable by its owner only); returns its path.
pub fn sign_file(file: &Path, key: &Path) -> Result<PathBuf, SignError> {
    // Regular files only: a FIFO or a device is refused, never waited on.
    let message = crate::regular_file::read(file, crate::regular_file::MAX_TRANSCRIPT_BYTES)
        .map_err(|e| SignError::Failed(format!("cannot read {}: {e}", file.display())))?;
    let key_text = crate::regular_file::read(key, 1024 * 1024)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .ok_or_else(|| SignError::Failed(format!("cannot read the key {}", key.display())))?;
    let armored = sign(&key_text, &message)?;
    let target = signature_path(file);
    crate::private_file::write_private(&target, armored.as_bytes())
        .map_err(|e| SignError::Failed(format!("could not write {}: {e}", target.display())))?;
    Ok(target)
}

/// A key allowed to have signed, with the name it goes by.
#[derive(Debug, Clone)]
pub struct Signer {
    pub name: String,
    pub key: PublicKey,
}

impl Signer {
    /// The key's SHA-256 fingerprint, as `ssh-keygen -l` prints it.
    pub fn fingerprint(&self) -> String {
        self.key.fingerprint(HashAlg::Sha256).to_string()
    }

    /// From a public key line, `ssh-ed25519 AAAA... comment`.
    pub fn from_public_key(text: &str) -> Result<Self, String> {
        let key = PublicKey::from_openssh(text.trim())
            .map_err(|e| format!("not an SSH public key ({e})"))?;
        let name = if key.comment().is_empty() {
            key.fingerprint(HashAlg::Sha256).to_string()
        } else {
            key.comment().to_string()
        };
        Ok(Self { name, key })
    }

    /// From an allowed-signers file (`ssh-keygen -Y verify -f`): one
    /// `PRINCIPALS [OPTIONS] KEYTYPE KEY [COMMENT]` a line. Entries limited to
    /// other namespaces are left out.
    pub fn from_allowed_signers(text: &str) -> Result<Vec<Self>, String> {
        let mut signers = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let tokens: Vec<&str> = line.split_whitespace().collect();
            let is_key_type = |t: &&str| {
                t.starts_with("ssh-") || t.starts_with("ecdsa-sha2-") || t.starts_with("sk-")
            };
            // The principal comes first; a line that starts with the key is
            // a public key file given in the place of an allowed-signers file.
            let Some(at) = tokens.iter().skip(1).position(is_key_type).map(|i| i + 1) else {
                return Err(format!(
                    "line {}: write who the key belongs to, then the key (e.g. facilitator@example.com ssh-ed25519 AAAA...); for a single public key use --signer",
                    n + 1
                ));
            };
            let options = tokens[1..at].join(" ");
            if let Some(spaces) = namespaces(&options)
                && !spaces.iter().any(|s| s == NAMESPACE)
            {
                continue;
            }
            let key = PublicKey::from_openssh(&tokens[at..].join(" "))
                .map_err(|e| format!("line {}: not an SSH public key ({e})", n + 1))?;
            signers.push(Self {
                name: tokens[0].to_string(),
                key,
            });
        }
        if signers.is_empty() {
            return Err("no signer allowed for the tabletop namespace".into());
        }
        Ok(signers)
    }
}

/// The namespaces an allowed-signers entry is limited to, from its options
/// (`namespaces="git,tabletop"`), when it names any.
fn namespaces(options: &str) -> Option<Vec<String>> {
    let at = options.find("namespaces=")? + "namespaces=".len();
    let rest = &options[at..];
    let value = match rest.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next().unwrap_or(""),
        None => rest.split([',', ' ']).next().unwrap_or(""),
    };
    Some(value.split(',').map(|s| s.trim().to_string()).collect())
}

/// Who, of `signers`, signed `message`; why not, otherwise.
pub fn verify<'a>(
    message: &[u8],
    armored: &str,
    signers: &'a [Signer],
) -> Result<&'a Signer, String> {
    let signature = SshSig::from_pem(armored)
        .map_err(|e| format!("the signature file cannot be read ({e})"))?;
    if signature.namespace() != NAMESPACE {
        return Err(format!(
            "the signature is for \"{}\", not for tabletop",
            signature.namespace()
        ));
    }
    let Some(signer) = signers
        .iter()
        .find(|s| s.key.key_data() == signature.public_key())
    else {
        return Err("it was signed with a key not among the signers given".into());
    };
    signer
        .key
        .verify(NAMESPACE, message, &signature)
        .map_err(|_| "the file has changed since it was signed".to_string())?;
    Ok(signer)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A key made for these tests only.
    const KEY: &str = "-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACD/BTxMq/MP6ox9L+FVqhabjJvTsQYVKqH3Mpki4UyfKwAAAKCc5gFGnOYB
RgAAAAtzc2gtZWQyNTUxOQAAACD/BTxMq/MP6ox9L+FVqhabjJvTsQYVKqH3Mpki4UyfKw
AAAECS0AyHAA6DBdf+WuNPQNIXVtk21eoZu1Tkk92rg9jytv8FPEyr8w/qjH0v4VWqFpuM
m9OxBhUqofcymSLhTJ8rAAAAF2ZhY2lsaXRhdG9yQGV4YW1wbGUuY29tAQIDBAUG
-----END OPENSSH PRIVATE KEY-----
";
    const PUB: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIP8FPEyr8w/qjH0v4VWqFpuMm9OxBhUqofcymSLhTJ8r facilitator@example.com";

    #[test]
    fn a_signature_verifies_and_fails_on_any_change() {
        let signers = vec![Signer::from_public_key(PUB).unwrap()];
        let signed = sign(KEY, b"line one\nline two\n").unwrap();
        assert_eq!(
            verify(b"line one\nline two\n", &signed, &signers)
                .unwrap()
                .name,
            "facilitator@example.com"
        );
        assert!(
            verify(b"line one\n", &signed, &signers).is_err(),
            "cut at a line"
        );
        assert!(verify(b"line one\nline 2\n", &signed, &signers).is_err());
    }

    #[test]
    fn allowed_signers_read_principals_and_namespaces() {
        let text = format!(
            "# team\nfacilitator@example.com namespaces=\"tabletop\" {PUB}\nother@x namespaces=\"git\" {PUB}\n"
        );
        let signers = Signer::from_allowed_signers(&text).unwrap();
        assert_eq!(signers.len(), 1);
        assert_eq!(signers[0].name, "facilitator@example.com");
    }
}
