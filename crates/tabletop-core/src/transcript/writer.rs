//! Appends events to a transcript durably: each batch is written and fsynced
//! before it counts as recorded; a failed write is cut back off the file.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use crate::engine::EventRecord;

use super::TranscriptError;
use super::header::Header;
use super::line::{encode, seal};

#[derive(Debug)]
pub struct TranscriptWriter {
    file: File,
    path: PathBuf,
    /// Whether the header and the folder entry are on disk. A new transcript
    /// holds nothing recorded yet, so this waits until the first event (or
    /// `sync`), which keeps it off the path to the console's first frame.
    synced: bool,
    /// Hash of the last line written.
    prev: String,
    /// File length up to the end of the last recorded line.
    good_len: u64,
}

/// A transcript this process holds the writer's lock on, not yet continued.
#[derive(Debug)]
pub struct ClaimedTranscript {
    file: File,
    path: PathBuf,
}

/// The one-writer rule: an exclusive advisory lock on the open transcript,
/// released when the file is closed (at exit, crash or kill included).
fn lock(file: &File, path: &Path) -> Result<(), TranscriptError> {
    use std::os::fd::AsRawFd;
    // SAFETY: flock on a file descriptor this File owns; no memory is shared.
    let taken = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0;
    if taken {
        Ok(())
    } else {
        Err(TranscriptError::Locked {
            path: path.to_path_buf(),
        })
    }
}

/// Whether another process is writing the transcript at `path` now.
pub fn in_use(path: &Path) -> bool {
    use std::os::fd::AsRawFd;
    let Ok(file) = File::open(path) else {
        return false;
    };
    // SAFETY: as in `lock`; a shared lock taken here is dropped with the file.
    unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_SH | libc::LOCK_NB) != 0 }
}

impl TranscriptWriter {
    /// Creates a new transcript (never overwriting one) readable only by its owner.
    pub fn create(path: &Path, header: &Header) -> Result<Self, TranscriptError> {
        let io = |e| TranscriptError::io(path, e);
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(parent)
                .map_err(io)?;
        }
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path)
            .map_err(io)?;
        lock(&file, path)?;
        let (line, hash) = seal(&serde_json::to_string(header).expect("headers serialize to JSON"));
        if let Err(e) = file.write_all(format!("{line}\n").as_bytes()) {
            // A full disk: leave no empty or half-written transcript behind.
            drop(file);
            let _ = std::fs::remove_file(path);
            return Err(io(e));
        }
        Ok(Self {
            file,
            path: path.to_path_buf(),
            synced: false,
            prev: hash,
            good_len: line.len() as u64 + 1,
        })
    }

    /// Takes the transcript for writing before it is read to be continued:
    /// no other writer may hold it, and none may start while this one does.
    pub fn claim(path: &Path) -> Result<ClaimedTranscript, TranscriptError> {
        // Opening a named pipe to write would wait for a reader: check first.
        crate::regular_file::open(path).map_err(|e| TranscriptError::io(path, e))?;
        let file = OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(|e| TranscriptError::io(path, e))?;
        lock(&file, path)?;
        Ok(ClaimedTranscript {
            file,
            path: path.to_path_buf(),
        })
    }

    /// A device that fails every write, such as /dev/full, standing in for a
    /// full disk in tests (a claim refuses anything but a regular file).
    #[cfg(test)]
    pub(crate) fn claim_device_for_test(path: &Path) -> ClaimedTranscript {
        let file = OpenOptions::new().append(true).open(path).unwrap();
        ClaimedTranscript {
            file,
            path: path.to_path_buf(),
        }
    }

    /// Continues a claimed transcript after its last intact line.
    pub fn reopen(claimed: ClaimedTranscript, last_line_hash: String, len: u64) -> Self {
        Self {
            file: claimed.file,
            path: claimed.path,
            synced: true,
            prev: last_line_hash,
            good_len: len,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes the records and waits until they are on disk. On failure nothing
    /// of the batch stays in the file, and the error says what happened.
    /// Puts the header and the file's folder entry on disk.
    pub fn sync(&mut self) -> Result<(), TranscriptError> {
        if !self.synced {
            let io = |e| TranscriptError::io(&self.path, e);
            self.file.sync_all().map_err(io)?;
            sync_parent(&self.path).map_err(io)?;
            self.synced = true;
        }
        Ok(())
    }

    pub fn append(&mut self, records: &[EventRecord]) -> Result<(), TranscriptError> {
        if records.is_empty() {
            return Ok(());
        }
        self.sync()?;
        let mut buffer = String::new();
        let mut prev = self.prev.clone();
        for record in records {
            let (line, hash) = encode(record, &prev);
            prev = hash;
            buffer.push_str(&line);
            buffer.push('\n');
        }
        let written = self
            .file
            .write_all(buffer.as_bytes())
            .and_then(|()| self.file.sync_data());
        if let Err(error) = written {
            // Cut off whatever part of the batch reached the file, so the next
            // write does not follow a torn line.
            let _ = self
                .file
                .set_len(self.good_len)
                .and_then(|()| self.file.sync_data());
            return Err(TranscriptError::io(&self.path, error));
        }
        self.good_len += buffer.len() as u64;
        self.prev = prev;
        Ok(())
    }
}

fn sync_parent(path: &Path) -> std::io::Result<()> {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    File::open(parent)?.sync_all()
}
