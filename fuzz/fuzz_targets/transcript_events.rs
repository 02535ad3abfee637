//! Events past the hash chain: each input line is taken as an event's JSON,
//! chained and sealed behind the tutorial's real header, as a forger who
//! recomputes the chain would. Replay must admit or refuse each event, and
//! scoring must cope with whatever was admitted; never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tabletop_core::replay::Replay;
use tabletop_core::scoring::score;
use tabletop_core::transcript::{line_hash, seal};

const EXAMPLE: &str = include_str!("../../transcripts/tutorial.jsonl");

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let header = EXAMPLE.lines().next().unwrap();
    let mut out = format!("{header}\n");
    let mut prev = line_hash(header).unwrap().to_string();
    for line in text.lines() {
        let Ok(serde_json::Value::Object(mut event)) = serde_json::from_str(line) else {
            continue;
        };
        event.remove("hash");
        event.insert("prev".into(), prev.clone().into());
        let (sealed, hash) = seal(&serde_json::Value::Object(event).to_string());
        out.push_str(&sealed);
        out.push('\n');
        prev = hash;
    }
    if let Ok(replay) = Replay::from_bytes(Path::new("fuzz.jsonl"), out.as_bytes()) {
        let engine = &replay.engine;
        let _ = score(engine.state(), engine.scenario(), engine.plan());
    }
});
