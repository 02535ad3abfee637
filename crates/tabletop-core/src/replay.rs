//! A saved transcript read back and replayed through the engine, for scoring,
//! reports and review. Damage is kept, not fatal: what came before it still counts.

use std::path::{Path, PathBuf};

use crate::InvalidFile;
use crate::engine::Engine;
use crate::session::Exercise;
use crate::transcript::{
    TranscriptError, TranscriptRead, apply_checked, parse_transcript, sha256_hex,
};

#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    #[error(transparent)]
    Transcript(#[from] TranscriptError),
    /// The scenario or plan copied into the header no longer loads.
    #[error("{0}")]
    Invalid(Box<InvalidFile>),
}

#[derive(Debug)]
pub struct Replay {
    pub path: PathBuf,
    pub read: TranscriptRead,
    pub engine: Engine,
    /// SHA-256 of the whole file as read.
    pub sha256: String,
}

impl Replay {
    pub fn open(path: &Path) -> Result<Self, ReplayError> {
        let bytes = crate::regular_file::read(path, crate::regular_file::MAX_TRANSCRIPT_BYTES)
            .map_err(|e| TranscriptError::io(path, e))?;
        Self::from_bytes(path, &bytes)
    }

    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Self, ReplayError> {
        let mut read = parse_transcript(bytes).map_err(|reason| TranscriptError::Unreadable {
            path: path.to_path_buf(),
            reason,
        })?;
        let exercise = Exercise::from_header(&read.header).map_err(ReplayError::Invalid)?;
        let mut engine = exercise.engine(read.header.setup(), read.header.started);
        apply_checked(&mut engine, &mut read);
        Ok(Self {
            path: path.to_path_buf(),
            sha256: sha256_hex(bytes),
            read,
            engine,
        })
    }
}
