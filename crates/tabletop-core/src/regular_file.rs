//! Files as exercise data needs them: only regular files are read (a named
//! pipe would wait forever and a device never end), every read is bounded,
//! and an output replaces only a regular file, never a device or a pipe.

use std::fs::{File, FileType, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

/// A transcript as large as the review opens at once, with room to spare.
pub const MAX_TRANSCRIPT_BYTES: u64 = 1024 * 1024 * 1024;

/// An annotations sidecar: far above thousands of notes.
pub const MAX_SIDECAR_BYTES: u64 = 64 * 1024 * 1024;

/// Opens `path` for reading if it is a regular file. The open does not wait
/// (a named pipe with no writer would block it), and the check is made on the
/// opened file, so a link swapped in between cannot slip a device past it.
pub fn open(path: &Path) -> io::Result<File> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    let kind = file.metadata()?.file_type();
    if kind.is_file() {
        Ok(file)
    } else {
        Err(not_regular(kind))
    }
}

/// The whole of a regular file of at most `limit` bytes.
pub fn read(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let file = open(path)?;
    let len = file.metadata()?.len();
    if len > limit {
        return Err(too_large(len, limit));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // The file may grow while it is read: never take more than the limit.
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

/// Whether an output may be written at `path`: nothing is there yet, or a
/// regular file (or a link to one) that the new file will replace.
pub fn check_replaceable(path: &Path) -> io::Result<()> {
    let found = match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
        Ok(found) => found,
    };
    if found.is_file() {
        return Ok(());
    }
    if found.file_type().is_symlink() {
        return match std::fs::metadata(path) {
            Ok(target) if target.is_file() => Ok(()),
            Ok(target) => Err(not_regular(target.file_type())),
            // A dangling link: the new file takes its place.
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        };
    }
    Err(not_regular(found.file_type()))
}

/// Whether something other than a regular file sits at `path`: such a path
/// is never replaced, not even when asked to.
pub fn is_special(path: &Path) -> bool {
    check_replaceable(path).is_err_and(|e| e.kind() == io::ErrorKind::InvalidInput)
}

fn not_regular(kind: FileType) -> io::Error {
    let what = if kind.is_dir() {
        "a folder"
    } else if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    };
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("it is {what}; tabletop reads and writes only regular files"),
    )
}

fn too_large(len: u64, limit: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "it is {:.1} MiB, more than the {} MiB tabletop reads",
            len as f64 / 1_048_576.0,
            limit / 1_048_576
        ),
    )
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;

    fn fifo(dir: &Path) -> std::path::PathBuf {
        let path = dir.join("pipe.toml");
        let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo does not keep it.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        path
    }

    #[test]
    fn a_named_pipe_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let pipe = fifo(dir.path());
        let started = Instant::now();
        let error = read(&pipe, 1024).unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(1));
        assert!(error.to_string().contains("named pipe"), "{error}");
        assert!(check_replaceable(&pipe).is_err());
        assert!(is_special(&pipe));
    }

    #[test]
    fn a_link_to_a_device_is_refused_and_never_read() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("zero.jsonl");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        let error = read(&link, u64::MAX).unwrap_err();
        assert!(error.to_string().contains("character device"), "{error}");
        assert!(is_special(&link));
        assert!(is_special(Path::new("/dev/null")));
    }

    #[test]
    fn regular_files_are_read_within_their_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, b"twelve bytes").unwrap();
        assert_eq!(read(&path, 12).unwrap(), b"twelve bytes");
        assert!(
            read(&path, 11)
                .unwrap_err()
                .to_string()
                .contains("more than")
        );
        check_replaceable(&path).unwrap();
        check_replaceable(&dir.path().join("new.txt")).unwrap();
        assert!(!is_special(&path));
        assert!(
            read(dir.path(), 100)
                .unwrap_err()
                .to_string()
                .contains("a folder")
        );
    }
}
