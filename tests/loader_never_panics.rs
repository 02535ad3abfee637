//! Whatever bytes arrive, loading returns diagnostics and never panics.

use proptest::prelude::*;
use tabletop_core::SourceFile;
use tabletop_core::load::{parse_plan, parse_scenario};
use tabletop_core::plan::validate_plan;
use tabletop_core::scenario::validate_scenario;

fn load_everything(bytes: Vec<u8>) {
    let Ok(source) = SourceFile::from_bytes("prop.toml", bytes) else {
        return;
    };
    if let Ok(plan) = parse_plan(&source) {
        let _ = validate_plan(&plan);
    }
    match parse_scenario(&source) {
        Ok(scenario) => {
            for d in validate_scenario(&scenario, None) {
                let _ = d.render(&source);
            }
        }
        Err(problems) => {
            for d in problems {
                let _ = d.render(&source);
            }
        }
    }
}

const TUTORIAL: &str = include_str!("../scenarios/tutorial.toml");

/// TOML-ish text built from the format's own keys, so the generator reaches the
/// checks after parsing, not only the parser.
fn scenario_like() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "id",
        "title",
        "summary",
        "duration",
        "roles",
        "plan",
        "story",
        "at",
        "after",
        "manual",
        "body",
        "expects",
        "sets",
        "requires",
        "unless",
        "next",
        "countdown",
        "draw",
        "window",
        "weight",
        "end",
        "quality",
        "channel",
    ]);
    let value = prop_oneof![
        "\"[a-z0-9 :+-]{0,12}\"".prop_map(|s| s),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        "\\[(\"[a-z-]{0,8}\", ?){0,3}\\]".prop_map(|s| s),
    ];
    let header = prop::sample::select(vec![
        "[scenario]",
        "[[inject]]",
        "[inject.decision]",
        "[[inject.decision.option]]",
        "[wildcards]",
        "[[wildcards.card]]",
        "[[inject.artefact]]",
    ]);
    let line = prop_oneof![
        header.prop_map(String::from),
        (key, value).prop_map(|(k, v)| format!("{k} = {v}"))
    ];
    prop::collection::vec(line, 0..40).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        load_everything(bytes);
    }

    #[test]
    fn arbitrary_scenario_like_toml(text in scenario_like()) {
        load_everything(text.into_bytes());
    }

    #[test]
    fn a_real_scenario_with_random_edits(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let mut bytes = TUTORIAL.as_bytes().to_vec();
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        load_everything(bytes);
    }

    #[test]
    fn a_real_scenario_cut_short(at in any::<prop::sample::Index>()) {
        let bytes = TUTORIAL.as_bytes();
        load_everything(bytes[..at.index(bytes.len())].to_vec());
    }
}

#[test]
fn a_huge_file_is_refused_quickly_without_parsing() {
    let bytes = vec![b'#'; 50 * 1024 * 1024];
    let invalid = SourceFile::from_bytes("huge.toml", bytes).unwrap_err();
    assert!(
        invalid.diagnostics[0].message.contains("50.0 MiB"),
        "{}",
        invalid.diagnostics[0].message
    );
}
