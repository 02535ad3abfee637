//! Trainers' annotations on a transcript's events, kept in a sidecar file so
//! the transcript stays byte for byte as recorded. Each annotation names its
//! event by `seq` and by that line's hash, so it cannot silently attach to a
//! different event if the transcript is ever replaced.
//!
//! The sidecar (`<transcript>.annotations`) is JSON Lines, appended and synced
//! one line at a time: `{"op":"add",...}` and `{"op":"remove","id":N,...}`.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnnotationKind {
    Strength,
    Improvement,
    Note,
}

impl AnnotationKind {
    pub fn name(self) -> &'static str {
        match self {
            Self::Strength => "strength",
            Self::Improvement => "area for improvement",
            Self::Note => "note",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    pub id: u64,
    pub seq: u64,
    /// The hash of the transcript line holding event `seq`.
    pub line_hash: String,
    pub kind: AnnotationKind,
    pub text: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
enum Entry {
    Add(Annotation),
    Remove { id: u64, at: DateTime<Utc> },
}

/// Whether an annotation still points at the event it was written for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attachment {
    Attached,
    /// The transcript has no such line, or a different one: shown apart, never
    /// moved onto whatever event now has that number.
    Detached(String),
}

#[derive(Debug)]
pub struct AnnotationStore {
    path: PathBuf,
    /// The live annotations, in the order they were written.
    pub items: Vec<Annotation>,
    /// Lines of the sidecar that could not be read (a torn last line, an edit).
    pub problems: Vec<String>,
    next_id: u64,
    /// File length up to the end of the last whole line.
    good_len: u64,
    /// The last line is whole but has no newline (written by hand, say).
    missing_newline: bool,
}

#[derive(Debug, thiserror::Error)]
#[error("{path}: {source}")]
pub struct AnnotationError {
    path: String,
    source: std::io::Error,
}

impl AnnotationStore {
    /// Where the annotations of `transcript` live.
    pub fn path_for(transcript: &Path) -> PathBuf {
        let mut name = transcript.as_os_str().to_owned();
        name.push(".annotations");
        PathBuf::from(name)
    }

    /// Reads the sidecar of `transcript`; none yet is an empty store.
    pub fn load(transcript: &Path) -> Result<Self, AnnotationError> {
        let mut store = Self {
            path: Self::path_for(transcript),
            items: Vec::new(),
            problems: Vec::new(),
            next_id: 1,
            good_len: 0,
            missing_newline: false,
        };
        store.reload()?;
        Ok(store)
    }

    /// Reads the file again: another review of the same transcript may have
    /// written to it since, and its lines must neither be cut nor share ids.
    fn reload(&mut self) -> Result<(), AnnotationError> {
        let bytes =
            match crate::regular_file::read(&self.path, crate::regular_file::MAX_SIDECAR_BYTES) {
                Ok(bytes) => bytes,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
                Err(source) => return Err(Self::error(&self.path, source)),
            };
        self.items.clear();
        self.problems.clear();
        self.next_id = 1;
        self.good_len = 0;
        self.missing_newline = false;
        let mut offset = 0;
        for (n, raw) in bytes.split_inclusive(|b| *b == b'\n').enumerate() {
            let complete = raw.ends_with(b"\n");
            let entry = std::str::from_utf8(raw)
                .ok()
                .and_then(|text| serde_json::from_str::<Entry>(text.trim_end()).ok());
            offset += raw.len();
            match entry {
                Some(Entry::Add(a)) => {
                    self.next_id = self.next_id.max(a.id + 1);
                    self.items.push(a);
                }
                Some(Entry::Remove { id, .. }) => {
                    self.next_id = self.next_id.max(id + 1);
                    self.items.retain(|a| a.id != id);
                }
                None if !complete => {
                    self.problems.push(format!(
                        "line {}: incomplete (the writer was interrupted); it is left out and will be replaced",
                        n + 1
                    ));
                    continue;
                }
                None => self
                    .problems
                    .push(format!("line {}: not an annotation; left out", n + 1)),
            }
            self.good_len = offset as u64;
            self.missing_newline = !complete;
        }
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Adds an annotation and returns it once it is on disk.
    pub fn add(
        &mut self,
        seq: u64,
        line_hash: &str,
        kind: AnnotationKind,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<&Annotation, AnnotationError> {
        self.reload()?;
        let annotation = Annotation {
            id: self.next_id,
            seq,
            line_hash: line_hash.to_string(),
            kind,
            text: text.trim().to_string(),
            at: now,
        };
        let id = annotation.id;
        self.append(&Entry::Add(annotation))?;
        Ok(self
            .items
            .iter()
            .find(|a| a.id == id)
            .expect("the line just written reads back"))
    }

    pub fn remove(&mut self, id: u64, now: DateTime<Utc>) -> Result<(), AnnotationError> {
        self.reload()?;
        self.append(&Entry::Remove { id, at: now })
    }

    /// Checks each annotation against the transcript's line hashes.
    pub fn check<'a>(
        &self,
        line_hash: impl Fn(u64) -> Option<&'a str>,
    ) -> Vec<(Annotation, Attachment)> {
        self.items
            .iter()
            .map(|a| {
                let attachment = match line_hash(a.seq) {
                    Some(hash) if hash == a.line_hash => Attachment::Attached,
                    Some(_) => Attachment::Detached(format!(
                        "event #{} is not the line it was written for",
                        a.seq
                    )),
                    None => Attachment::Detached(format!(
                        "event #{} is not in the checked part of the transcript (missing, or after damage)",
                        a.seq
                    )),
                };
                (a.clone(), attachment)
            })
            .collect()
    }

    /// The annotations that still point at their events.
    pub fn attached<'a>(&self, line_hash: impl Fn(u64) -> Option<&'a str>) -> Vec<Annotation> {
        self.check(line_hash)
            .into_iter()
            .filter(|(_, a)| *a == Attachment::Attached)
            .map(|(a, _)| a)
            .collect()
    }

    /// One line, written and synced after the last whole line: a torn line
    /// left by a crash is cut first, and a failed write is cut back, so the
    /// file only ever holds whole lines. Callers reload first; the store is
    /// read back afterwards.
    fn append(&mut self, entry: &Entry) -> Result<(), AnnotationError> {
        let mut line = serde_json::to_string(entry).expect("annotations serialize to JSON") + "\n";
        if self.missing_newline {
            line.insert(0, '\n');
        }
        let created = !self.path.exists();
        let io = |source| Self::error(&self.path, source);
        let mut file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(&self.path)
            .map_err(io)?;
        let written = {
            use std::io::Seek;
            file.set_len(self.good_len)
                .and_then(|()| file.seek(std::io::SeekFrom::Start(self.good_len)))
                .and_then(|_| file.write_all(line.as_bytes()))
                .and_then(|()| file.sync_data())
        };
        if let Err(source) = written {
            let _ = file.set_len(self.good_len).and_then(|()| file.sync_data());
            return Err(io(source));
        }
        if created {
            let parent = self
                .path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            File::open(parent).and_then(|d| d.sync_all()).map_err(io)?;
        }
        // What is on disk now is the truth, with this line in it.
        self.reload()
    }

    fn error(path: &Path, source: std::io::Error) -> AnnotationError {
        AnnotationError {
            path: path.display().to_string(),
            source,
        }
    }
}
