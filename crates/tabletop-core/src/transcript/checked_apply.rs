//! Replaying a transcript's events into an engine, each one admitted first.

use super::{Damage, TranscriptRead};
use crate::engine::Engine;

/// Applies the events `read` holds, stopping at the first the engine cannot
/// explain (an unknown id, an event after the end, time running backwards):
/// it becomes the transcript's damage, named by its line, and it and what
/// follows are left out, as after an edited line.
pub fn apply_checked(engine: &mut Engine, read: &mut TranscriptRead) {
    for (i, record) in read.records.iter().enumerate() {
        if let Err(reason) = engine.admit(record) {
            read.damage = Some(Damage::Broken {
                line: i + 2,
                reason: format!("the event cannot have happened: {reason}"),
            });
            read.records.truncate(i);
            return;
        }
        engine.apply(record);
    }
}
