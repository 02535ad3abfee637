//! A transcript opened for reading without replaying it: the header checked,
//! the event lines found, and any line decoded when it is asked for. A review
//! of a long transcript shows its first screen from this while the full check
//! and replay run on another thread.

use std::ops::Range;
use std::sync::Arc;

use super::{Header, decode_line, line_hash, parse_header};
use crate::engine::EventRecord;

#[derive(Debug, Clone)]
pub struct TranscriptIndex {
    bytes: Arc<[u8]>,
    pub header: Header,
    /// Where each event line is, without its newline.
    lines: Vec<Range<usize>>,
    /// The file ends part-way through a line, which is not counted.
    pub torn_tail: bool,
}

impl TranscriptIndex {
    pub fn open(bytes: Arc<[u8]>) -> Result<Self, String> {
        let first_end = memchr::memchr(b'\n', &bytes)
            .ok_or_else(|| "line 1 (the header) is incomplete".to_string())?;
        let header_line = std::str::from_utf8(&bytes[..first_end])
            .map_err(|_| "line 1 is not UTF-8 text".to_string())?;
        let (header, _) = parse_header(header_line)?;
        let mut lines = Vec::new();
        let body = first_end + 1;
        let mut start = body;
        for end in memchr::memchr_iter(b'\n', &bytes[body..]).map(|i| i + body) {
            lines.push(start..end);
            start = end + 1;
        }
        let torn_tail = start < bytes.len();
        Ok(Self {
            bytes,
            header,
            lines,
            torn_tail,
        })
    }

    pub fn bytes(&self) -> &Arc<[u8]> {
        &self.bytes
    }

    /// Event lines, complete ones only.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    fn text(&self, n: usize) -> Option<&str> {
        std::str::from_utf8(&self.bytes[self.lines.get(n)?.clone()]).ok()
    }

    /// The event on line `n` (0 is the first event), decoded but not checked.
    pub fn record(&self, n: usize) -> Result<EventRecord, String> {
        let text = self
            .text(n)
            .ok_or_else(|| format!("line {} is not UTF-8 text", n + 2))?;
        decode_line(text)
            .map(|(record, _)| record)
            .map_err(|e| format!("line {} is not a transcript event ({e})", n + 2))
    }

    /// The hash line `n` carries (not checked here).
    pub fn line_hash(&self, n: usize) -> Option<&str> {
        line_hash(self.text(n)?)
    }
}
