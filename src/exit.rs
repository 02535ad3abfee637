//! One rule for every command's exit code: 0 success; 1 the input is invalid
//! or a check failed; 2 a usage or environment problem (bad arguments, a path
//! that cannot be read or written). Clap's own usage errors exit 2 as well.

use tabletop_core::InvalidFile;
use tabletop_core::library::FindError;
use tabletop_core::replay::ReplayError;
use tabletop_core::session::SessionError;
use tabletop_core::transcript::TranscriptError;

/// The exit code for an error that ended a command, by what went wrong.
pub fn code_for(error: &anyhow::Error) -> u8 {
    error.chain().find_map(known).unwrap_or(2)
}

fn known(cause: &(dyn std::error::Error + 'static)) -> Option<u8> {
    if let Some(e) = cause.downcast_ref::<InvalidFile>() {
        return Some(file(e));
    }
    if let Some(e) = cause.downcast_ref::<TranscriptError>() {
        return Some(transcript(e));
    }
    if let Some(e) = cause.downcast_ref::<ReplayError>() {
        return Some(match e {
            ReplayError::Transcript(t) => transcript(t),
            ReplayError::Invalid(f) => file(f),
        });
    }
    if let Some(e) = cause.downcast_ref::<SessionError>() {
        return Some(match e {
            SessionError::Transcript(t) | SessionError::Read(t) | SessionError::Busy(t) => {
                transcript(t)
            }
            SessionError::Invalid(f) => file(f),
            SessionError::Refused(_) | SessionError::Damaged { .. } => 1,
        });
    }
    if let Some(e) = cause.downcast_ref::<FindError>() {
        return Some(match e {
            FindError::NotFound { .. } => 2,
            FindError::Unreadable(f) | FindError::Invalid(f) => file(f),
        });
    }
    cause.downcast_ref::<std::io::Error>().map(|_| 2)
}

fn file(e: &InvalidFile) -> u8 {
    if e.unreadable { 2 } else { 1 }
}

fn transcript(e: &TranscriptError) -> u8 {
    match e {
        TranscriptError::Io { .. } => 2,
        TranscriptError::Unreadable { .. } => 1,
        TranscriptError::Locked { .. } => 2,
    }
}
