//! Transcripts: every event of an exercise as JSON Lines, appended durably,
//! chained by hashes, and read back for resume, review and scoring.

mod checked_apply;
mod header;
mod index;
mod line;
mod reader;
mod writer;

use std::path::{Path, PathBuf};

pub use checked_apply::apply_checked;
pub use header::{EmbeddedFile, FORMAT_VERSION, Header, Redaction, sha256_hex};
pub use index::TranscriptIndex;
pub use line::{decode as decode_line, encode as encode_line, line_hash, seal};
pub use reader::{Damage, TranscriptRead, parse_header, parse_transcript, read_transcript};
pub use writer::{ClaimedTranscript, TranscriptWriter, in_use};

#[derive(Debug, thiserror::Error)]
pub enum TranscriptError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {reason}", path.display())]
    Unreadable { path: PathBuf, reason: String },
    #[error("{}: another tabletop is writing this transcript (a console or a run); close it first, or pick another transcript", path.display())]
    Locked { path: PathBuf },
}

impl TranscriptError {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// `transcripts/<scenario>-<UTC time>.jsonl`, under `dir`.
pub fn default_path(
    dir: &Path,
    scenario_id: &str,
    started: chrono::DateTime<chrono::Utc>,
) -> PathBuf {
    dir.join(format!(
        "{scenario_id}-{}.jsonl",
        started.format("%Y%m%dT%H%M%SZ")
    ))
}
