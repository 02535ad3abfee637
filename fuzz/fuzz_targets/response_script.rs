//! Any bytes as a response script for the tutorial: parsed and checked
//! against the scenario and plan, with located diagnostics; never a panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tabletop_core::SourceFile;
use tabletop_core::headless::Script;
use tabletop_core::library::bundled_file;
use tabletop_core::session::Exercise;

fn tutorial() -> &'static Exercise {
    static EXERCISE: OnceLock<Exercise> = OnceLock::new();
    EXERCISE.get_or_init(|| {
        Exercise::load(
            bundled_file("tutorial.toml").unwrap(),
            bundled_file("plans/gdpr-midsize.toml").unwrap(),
        )
        .unwrap()
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(source) = SourceFile::from_bytes("script.toml", bytes.to_vec()) else {
        return;
    };
    let script: Script = match tabletop_core::load::parse_script(&source) {
        Ok(script) => script,
        Err(problems) => {
            for d in problems {
                let _ = d.render(&source);
            }
            return;
        }
    };
    let exercise = tutorial();
    for diagnostic in script.validate(&exercise.scenario, &exercise.plan) {
        let _ = diagnostic.render(&source);
    }
    let _ = script.start();
});
