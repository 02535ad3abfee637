//! Kill a headless run with SIGKILL at many points; resume must keep every
//! event the run reported as recorded, and the result must verify.

use tabletop_core::synthetic as support;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command as Process, Stdio};

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin;

const INJECTS: usize = 60;

fn recorded_pairs(path: &Path) -> Vec<(u64, String)> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .skip(1)
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            (
                v["seq"].as_u64().unwrap(),
                v["type"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn killed_runs_resume_without_losing_recorded_events() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("generated.toml");
    let script = dir.path().join("generated-script.toml");
    std::fs::write(&scenario, support::large_scenario(INJECTS)).unwrap();
    std::fs::write(&script, support::large_script(INJECTS)).unwrap();

    let complete = dir.path().join("complete.jsonl");
    Command::cargo_bin("tabletop")
        .unwrap()
        .args(["run"])
        .arg(&scenario)
        .arg("--script")
        .arg(&script)
        .arg("--transcript")
        .arg(&complete)
        .assert()
        .success();
    let total = recorded_pairs(&complete).len();
    assert!(total > 150, "{total} events");

    // A fixed sequence of kill points spread over the run.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut interrupted = 0;
    for round in 0..12 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let kill_after = 1 + (x as usize % (total - 1));
        let transcript = dir.path().join(format!("killed-{round}.jsonl"));
        let mut child = Process::new(cargo_bin("tabletop"))
            .args(["run"])
            .arg(&scenario)
            .arg("--script")
            .arg(&script)
            .arg("--transcript")
            .arg(&transcript)
            .arg("--progress")
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut reported = Vec::new();
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        while reported.len() < kill_after && reader.read_line(&mut line).unwrap() > 0 {
            let mut words = line.split_whitespace();
            if words.next() == Some("recorded") {
                let seq: u64 = words.next().unwrap().parse().unwrap();
                reported.push((seq, words.next().unwrap().to_string()));
            }
            line.clear();
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let killed = recorded_pairs(&transcript);
        if killed.last().map(|p| p.1.as_str()) != Some("exercise_ended") {
            interrupted += 1;
        }

        Command::cargo_bin("tabletop")
            .unwrap()
            .arg("resume")
            .arg(&transcript)
            .arg("--script")
            .arg(&script)
            .assert()
            .success();
        Command::cargo_bin("tabletop")
            .unwrap()
            .arg("verify")
            .arg(&transcript)
            .assert()
            .success();

        let after = recorded_pairs(&transcript);
        for pair in &reported {
            assert!(
                after.contains(pair),
                "round {round}: {pair:?} was reported recorded and is gone"
            );
        }
        assert_eq!(
            after.last().map(|p| p.1.as_str()),
            Some("exercise_ended"),
            "round {round}"
        );
    }
    assert!(
        interrupted >= 8,
        "only {interrupted} of 12 runs were killed before they finished"
    );
}
