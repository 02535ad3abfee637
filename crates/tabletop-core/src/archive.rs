//! Encrypted archives for sharing or keeping an exercise: the transcript, its
//! sidecars, reports and signatures in one tar file encrypted with age, to
//! X25519 (`age1...`) or SSH recipients. The standard `age` tool decrypts it.

use std::io::{Read, Write};

#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("{0}")]
    Recipient(String),
    #[error("{0}")]
    Identity(String),
    #[error("cannot decrypt the archive: {0}")]
    Decrypt(String),
    #[error("the archive is damaged or not a tabletop archive: {0}")]
    Contents(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// One file to put in, or taken out: its name (no folders) and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A recipient as `age` and `ssh` write them: `age1...`, or an SSH public key line.
fn recipient(text: &str) -> Result<Box<dyn age::Recipient + Send>, ArchiveError> {
    let t = text.trim();
    // A secret key given where a public one belongs: say so, echo none of it.
    if t.starts_with("AGE-SECRET-KEY-") || t.contains("PRIVATE KEY") {
        return Err(ArchiveError::Recipient(
            "a secret key was given to --to: give its public key instead (age-keygen -y KEY, or KEY.pub)".into(),
        ));
    }
    if t.starts_with("age1") {
        return t
            .parse::<age::x25519::Recipient>()
            .map(|r| Box::new(r) as _)
            .map_err(|e| ArchiveError::Recipient(format!("\"{t}\" is not an age recipient: {e}")));
    }
    if t.starts_with("ssh-") || t.starts_with("ecdsa-") || t.starts_with("sk-") {
        return t
            .parse::<age::ssh::Recipient>()
            .map(|r| Box::new(r) as _)
            .map_err(|_| {
                ArchiveError::Recipient(format!(
                    "\"{}\" is an SSH key of a kind age cannot encrypt to: use an ssh-ed25519 or ssh-rsa key, or an age recipient",
                    crate::text::visible(&t.chars().take(40).collect::<String>())
                ))
            });
    }
    Err(ArchiveError::Recipient(format!(
        "\"{}\" is neither an age recipient (age1...) nor an SSH public key (ssh-ed25519 ...)",
        crate::text::visible(&t.chars().take(40).collect::<String>())
    )))
}

/// Recipients from the words given: each a recipient itself, or the text of a
/// recipients file or public key file (one a line, `#` comments).
pub fn recipients(given: &[String]) -> Result<Vec<Box<dyn age::Recipient + Send>>, ArchiveError> {
    let mut out = Vec::new();
    for g in given {
        for line in g
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            out.push(recipient(line)?);
        }
    }
    if out.is_empty() {
        return Err(ArchiveError::Recipient(
            "no recipient: name one with --to (age1... or an SSH public key)".into(),
        ));
    }
    Ok(out)
}

/// The tar of `entries`, encrypted to `recipients`.
pub fn seal(
    entries: &[Entry],
    recipients: &[Box<dyn age::Recipient + Send>],
) -> Result<Vec<u8>, ArchiveError> {
    let mut builder = tar::Builder::new(Vec::new());
    for entry in entries {
        let mut header = tar::Header::new_gnu();
        header.set_size(entry.bytes.len() as u64);
        header.set_mode(0o600);
        header.set_cksum();
        builder.append_data(&mut header, &entry.name, entry.bytes.as_slice())?;
    }
    let tar = builder.into_inner()?;
    let encryptor = age::Encryptor::with_recipients(
        recipients.iter().map(|r| r.as_ref() as &dyn age::Recipient),
    )
    .map_err(|e| ArchiveError::Recipient(e.to_string()))?;
    let mut out = Vec::new();
    let mut writer = encryptor.wrap_output(&mut out)?;
    writer.write_all(&tar)?;
    writer.finish()?;
    Ok(out)
}

/// Identities from a key file's text: age identities (`AGE-SECRET-KEY-1...`)
/// or an unencrypted OpenSSH private key.
pub fn identities(text: &str) -> Result<Vec<Box<dyn age::Identity>>, ArchiveError> {
    if text.contains("-----BEGIN OPENSSH PRIVATE KEY-----") {
        let identity = age::ssh::Identity::from_buffer(text.as_bytes(), None)
            .map_err(|e| ArchiveError::Identity(format!("the SSH key cannot be read: {e}")))?;
        return match identity {
            age::ssh::Identity::Unencrypted(_) => Ok(vec![Box::new(identity)]),
            age::ssh::Identity::Encrypted(_) => Err(ArchiveError::Identity(
                "the SSH key is protected by a passphrase: decrypt with the age tool instead, `age -d -i KEY ARCHIVE | tar x`".into(),
            )),
            age::ssh::Identity::Unsupported(_) => Err(ArchiveError::Identity(
                "age cannot decrypt with this kind of SSH key".into(),
            )),
        };
    }
    let file = age::IdentityFile::from_buffer(text.as_bytes())
        .map_err(|e| ArchiveError::Identity(e.to_string()))?;
    let list = file
        .into_identities()
        .map_err(|e| ArchiveError::Identity(e.to_string()))?;
    Ok(list
        .into_iter()
        .map(|i| i as Box<dyn age::Identity>)
        .collect())
}

/// The files inside an archive. A name with a folder, `..` or an absolute
/// path in it is refused: nothing is written outside the folder chosen.
pub fn open(
    sealed: &[u8],
    identities: &[Box<dyn age::Identity>],
) -> Result<Vec<Entry>, ArchiveError> {
    let decryptor =
        age::Decryptor::new_buffered(sealed).map_err(|e| ArchiveError::Decrypt(e.to_string()))?;
    let mut reader = decryptor
        .decrypt(identities.iter().map(|i| i.as_ref()))
        .map_err(|e| ArchiveError::Decrypt(e.to_string()))?;
    let mut tar = Vec::new();
    reader
        .read_to_end(&mut tar)
        .map_err(|e| ArchiveError::Decrypt(e.to_string()))?;
    let mut archive = tar::Archive::new(tar.as_slice());
    let mut out = Vec::new();
    for entry in archive
        .entries()
        .map_err(|e| ArchiveError::Contents(e.to_string()))?
    {
        let mut entry = entry.map_err(|e| ArchiveError::Contents(e.to_string()))?;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let path = entry
            .path()
            .map_err(|e| ArchiveError::Contents(e.to_string()))?
            .into_owned();
        let mut parts = path.components();
        let name = match (parts.next(), parts.next()) {
            (Some(std::path::Component::Normal(name)), None) => name.to_string_lossy().into_owned(),
            _ => {
                return Err(ArchiveError::Contents(format!(
                    "entry \"{}\" is not a plain file name",
                    crate::text::visible(&path.display().to_string())
                )));
            }
        };
        let mut bytes = Vec::new();
        entry
            .read_to_end(&mut bytes)
            .map_err(|e| ArchiveError::Contents(e.to_string()))?;
        out.push(Entry { name, bytes });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_files_open_with_the_identity_and_not_without() {
        let key = age::x25519::Identity::generate();
        let other = age::x25519::Identity::generate();
        let to = recipients(&[key.to_public().to_string()]).unwrap();
        let entries = vec![
            Entry {
                name: "run.jsonl".into(),
                bytes: b"{\"type\":\"header\"}\n".to_vec(),
            },
            Entry {
                name: "run.jsonl.sig".into(),
                bytes: b"sig".to_vec(),
            },
        ];
        let sealed = seal(&entries, &to).unwrap();
        let secret = age::secrecy::ExposeSecret::expose_secret(&key.to_string()).to_string();
        let opened = open(&sealed, &identities(&secret).unwrap()).unwrap();
        assert_eq!(opened, entries);
        let wrong = age::secrecy::ExposeSecret::expose_secret(&other.to_string()).to_string();
        assert!(open(&sealed, &identities(&wrong).unwrap()).is_err());
    }

    #[test]
    fn a_secret_key_given_as_recipient_is_never_echoed() {
        let key = age::x25519::Identity::generate();
        let secret = age::secrecy::ExposeSecret::expose_secret(&key.to_string()).to_string();
        let Err(e) = recipients(&[format!("# created: now\n{secret}\n")]) else {
            panic!("a secret key is no recipient")
        };
        assert!(e.to_string().contains("secret key"));
        assert!(!e.to_string().contains(&secret[16..30]));
    }

    #[test]
    fn a_recipient_that_is_neither_is_named_in_the_error() {
        let Err(e) = recipients(&["bob@example.com".into()]) else {
            panic!("not a recipient")
        };
        assert!(e.to_string().contains("bob@example.com"));
    }
}
