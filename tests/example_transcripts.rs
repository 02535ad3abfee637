//! The example transcripts in transcripts/ are exactly what the bundled response
//! scripts produce today. Regenerate them with
//! `TABLETOP_UPDATE_EXAMPLES=1 cargo test --test example_transcripts`.

use std::path::Path;

use assert_cmd::Command;

/// A run as its events and header, apart from the real time it was recorded
/// (which the chain of hashes carries along).
fn same_run(bytes: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(|line| {
            let mut value: serde_json::Value = serde_json::from_str(line).unwrap();
            let object = value.as_object_mut().unwrap();
            for key in ["recorded", "prev", "hash"] {
                object.remove(key);
            }
            value
        })
        .collect()
}

#[test]
fn every_script_reproduces_its_example_transcript() {
    let update = std::env::var_os("TABLETOP_UPDATE_EXAMPLES").is_some();
    let dir = tempfile::tempdir().unwrap();
    let mut scripts: Vec<_> = std::fs::read_dir("scenarios/scripts")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    scripts.sort();
    let mut stale = Vec::new();
    let mut scenarios = std::collections::BTreeSet::new();
    for script in &scripts {
        let name = script.file_stem().unwrap().to_str().unwrap();
        let table: toml::Table = toml::from_str(&std::fs::read_to_string(script).unwrap()).unwrap();
        let scenario = table["script"]["scenario"].as_str().unwrap().to_string();
        assert!(
            name == scenario
                || name == format!("{scenario}-strong")
                || name == format!("{scenario}-weak"),
            "{name}"
        );
        scenarios.insert(scenario.clone());
        let produced = dir.path().join(format!("{name}.jsonl"));
        Command::cargo_bin("tabletop")
            .unwrap()
            .env("TABLETOP_DATA_DIR", "/nonexistent")
            .args(["run", &scenario, "--script"])
            .arg(script)
            .arg("--transcript")
            .arg(&produced)
            .assert()
            .success();
        let example = Path::new("transcripts").join(format!("{name}.jsonl"));
        let now = std::fs::read(&produced).unwrap();
        if update {
            std::fs::write(&example, &now).unwrap();
        } else if std::fs::read(&example).ok().map(|e| same_run(&e)) != Some(same_run(&now)) {
            stale.push(example.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "these examples differ from what their scripts produce now: {stale:?}\nregenerate: TABLETOP_UPDATE_EXAMPLES=1 cargo test --test example_transcripts"
    );
    let bundled = std::fs::read_dir("scenarios")
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "toml")
        })
        .count();
    assert_eq!(
        scenarios.len(),
        bundled,
        "every bundled scenario has a script"
    );
    let strong_and_weak = scenarios
        .iter()
        .filter(|s| {
            Path::new(&format!("scenarios/scripts/{s}-strong.toml")).exists()
                && Path::new(&format!("scenarios/scripts/{s}-weak.toml")).exists()
        })
        .count();
    assert!(strong_and_weak >= 3);
}
