//! One event as a transcript line: the record, the hash of the line before it,
//! and story time spelled out for people reading the file with ordinary tools.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use crate::engine::{Event, EventRecord};
use crate::time::StoryInstant;

#[derive(Serialize)]
struct LineOut<'a> {
    seq: u64,
    prev: &'a str,
    wall: String,
    elapsed_ms: i64,
    story: StoryInstant,
    story_text: String,
    #[serde(flatten)]
    event: &'a Event,
}

#[derive(Deserialize)]
struct LineIn {
    seq: u64,
    prev: String,
    wall: DateTime<Utc>,
    elapsed_ms: i64,
    story: StoryInstant,
    #[serde(flatten)]
    event: Event,
}

/// The line's JSON, without its newline.
pub fn encode(record: &EventRecord, prev: &str) -> String {
    let line = LineOut {
        seq: record.seq,
        prev,
        wall: record.wall.to_rfc3339_opts(SecondsFormat::Millis, true),
        elapsed_ms: record.elapsed_ms,
        story: record.story,
        story_text: record.story.to_string(),
        event: &record.event,
    };
    serde_json::to_string(&line).expect("events serialize to JSON")
}

/// The record and the previous-line hash it claims.
pub fn decode(line: &str) -> Result<(EventRecord, String), serde_json::Error> {
    let parsed: LineIn = serde_json::from_str(line)?;
    Ok((
        EventRecord {
            seq: parsed.seq,
            wall: parsed.wall,
            elapsed_ms: parsed.elapsed_ms,
            story: parsed.story,
            event: parsed.event,
        },
        parsed.prev,
    ))
}
