//! Any bytes as a scenario, and as a plan: an error or a model, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tabletop_core::{SourceFile, load_plan, load_scenario};

fuzz_target!(|bytes: &[u8]| {
    let Ok(source) = SourceFile::from_bytes("fuzz.toml", bytes.to_vec()) else {
        return;
    };
    let plan = load_plan(&source).ok().map(|(plan, _)| plan);
    let _ = load_scenario(&source, plan.as_ref());
    if let Err(invalid) = load_scenario(&source, None) {
        let _ = invalid.render();
    }
});
