//! Reads a transcript back and checks it line by line: JSON, sequence, and the
//! hash chain. Finds the first bad line and tells a torn end from tampering.

use std::path::Path;

use crate::engine::EventRecord;

use super::TranscriptError;
use super::header::Header;
use super::line::{check_seal, decode};

/// The first thing wrong with a transcript, by 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Damage {
    /// The last line stops part-way: the writer was interrupted.
    TornEnd { line: usize },
    /// A line is not what was written: edited, removed, inserted or reordered.
    Broken { line: usize, reason: String },
}

impl Damage {
    pub fn line(&self) -> usize {
        match self {
            Self::TornEnd { line } | Self::Broken { line, .. } => *line,
        }
    }
}

impl std::fmt::Display for Damage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TornEnd { line } => write!(
                f,
                "line {line}: the last line is incomplete (the writer was interrupted mid-line)"
            ),
            Self::Broken { line, reason } => write!(f, "line {line}: {reason}"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct TranscriptRead {
    pub header: Header,
    /// The events of every intact line before the first damage.
    pub records: Vec<EventRecord>,
    pub damage: Option<Damage>,
    /// Bytes up to the end of the last intact line.
    pub intact_len: u64,
    /// Hash of the last intact line.
    pub last_hash: String,
    /// Each event line's own hash (hex), by `seq - 1`: annotations refer to lines by it.
    pub line_hashes: Vec<[u8; 64]>,
}

impl TranscriptRead {
    /// The hash of the line that holds event `seq`.
    pub fn line_hash(&self, seq: u64) -> Option<&str> {
        let i = usize::try_from(seq.checked_sub(1)?).ok()?;
        self.line_hashes
            .get(i)
            .and_then(|h| std::str::from_utf8(h).ok())
    }

    pub fn ended(&self) -> bool {
        matches!(
            self.records.last().map(|r| &r.event),
            Some(crate::engine::Event::ExerciseEnded { .. })
        )
    }
}

pub fn read_transcript(path: &Path) -> Result<TranscriptRead, TranscriptError> {
    let bytes = crate::regular_file::read(path, crate::regular_file::MAX_TRANSCRIPT_BYTES)
        .map_err(|e| TranscriptError::io(path, e))?;
    parse_transcript(&bytes).map_err(|reason| TranscriptError::Unreadable {
        path: path.to_path_buf(),
        reason,
    })
}

/// Checks the bytes of a transcript. Fails only when not even the header can be read.
pub fn parse_transcript(bytes: &[u8]) -> Result<TranscriptRead, String> {
    if bytes.is_empty() {
        return Err("the file is empty".into());
    }
    // memchr finds line ends many bytes at a time; splitting byte by byte was
    // the largest single cost of replaying a long transcript.
    let mut starts = std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1))
        .peekable();
    let mut lines = std::iter::from_fn(move || {
        let start = starts.next()?;
        if start >= bytes.len() {
            return None;
        }
        let end = starts.peek().copied().unwrap_or(bytes.len());
        Some(&bytes[start..end])
    });
    let first = lines.next().ok_or("the file is empty")?;
    let first_text =
        std::str::from_utf8(first).map_err(|_| "line 1 is not UTF-8 text".to_string())?;
    if !first_text.ends_with('\n') {
        return Err("line 1 (the header) is incomplete".into());
    }
    let header_line = first_text.trim_end_matches('\n');
    let (header, header_hash) = parse_header(header_line)?;
    let lines_after_header = memchr::memchr_iter(b'\n', &bytes[first.len()..]).count();
    let mut read = TranscriptRead {
        header,
        records: Vec::with_capacity(lines_after_header),
        damage: None,
        intact_len: first.len() as u64,
        last_hash: String::new(),
        line_hashes: Vec::with_capacity(lines_after_header),
    };
    // Borrowed from the bytes while reading: one allocation at the end, not one per line.
    let mut last_hash: &str = header_hash;
    for (i, raw) in lines.enumerate() {
        let line_no = i + 2;
        if !raw.ends_with(b"\n") {
            read.damage = Some(Damage::TornEnd { line: line_no });
            break;
        }
        let broken = |reason: String| {
            Some(Damage::Broken {
                line: line_no,
                reason,
            })
        };
        let Ok(text) = std::str::from_utf8(&raw[..raw.len() - 1]) else {
            read.damage = broken("not UTF-8 text".into());
            break;
        };
        let hash = match check_seal(text) {
            Ok(hash) => hash,
            Err(reason) => {
                read.damage = broken(reason.to_string());
                break;
            }
        };
        let (record, prev) = match decode(text) {
            Ok(parsed) => parsed,
            Err(e) => {
                read.damage = broken(format!("not a transcript event ({e})"));
                break;
            }
        };
        if prev != last_hash {
            read.damage = broken(format!(
                "it does not follow line {}: lines were removed, inserted or reordered here",
                line_no - 1
            ));
            break;
        }
        let expected = read.records.len() as u64 + 1;
        if record.seq != expected {
            read.damage = broken(format!(
                "sequence number {} where {expected} was expected",
                record.seq
            ));
            break;
        }
        last_hash = hash;
        let mut own = [0u8; 64];
        own.copy_from_slice(hash.as_bytes());
        read.line_hashes.push(own);
        read.intact_len += raw.len() as u64;
        read.records.push(record);
    }
    read.last_hash = last_hash.to_string();
    Ok(read)
}

/// Reads and checks the header line (without its newline): its seal, its
/// kind, the copies of the scenario and plan, and the format version.
pub fn parse_header(header_line: &str) -> Result<(Header, &str), String> {
    let header_hash =
        check_seal(header_line).map_err(|reason| format!("line 1 (the header): {reason}"))?;
    let header: Header = serde_json::from_str(header_line)
        .map_err(|e| format!("line 1 is not a transcript header: {e}"))?;
    if header.kind != "header" {
        return Err("line 1 is not a transcript header".into());
    }
    for (what, file) in [("scenario", &header.scenario), ("plan", &header.plan)] {
        if super::header::sha256_hex(file.source.as_bytes()) != file.sha256 {
            return Err(format!(
                "line 1 (the header): the copy of the {what} does not match its SHA-256"
            ));
        }
    }
    if header.format > super::header::FORMAT_VERSION {
        return Err(format!(
            "the transcript uses format {}, newer than this tabletop reads ({}): update tabletop",
            header.format,
            super::header::FORMAT_VERSION
        ));
    }
    Ok((header, header_hash))
}
