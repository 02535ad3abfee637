//! Any bytes as a transcript: read, checked and replayed through the engine
//! and scored, or refused with a reason; never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tabletop_core::replay::Replay;
use tabletop_core::scoring::score;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(replay) = Replay::from_bytes(Path::new("fuzz.jsonl"), bytes) {
        let engine = &replay.engine;
        let _ = score(engine.state(), engine.scenario(), engine.plan());
    }
});
