//! One writer per transcript: while a console or a run writes a transcript,
//! no other process may write it, and nothing is harmed by trying.

use assert_cmd::Command;
use predicates::prelude::*;
use tabletop_core::engine::{Command as EngineCommand, ExerciseSetup};
use tabletop_core::library::bundled_file;
use tabletop_core::session::{Exercise, Session};

fn tabletop() -> Command {
    let mut cmd = Command::cargo_bin("tabletop").unwrap();
    cmd.env("TABLETOP_DATA_DIR", "/nonexistent");
    cmd
}

#[test]
fn a_second_writer_is_refused_and_the_transcript_stays_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.jsonl");
    let exercise = Exercise::load(
        bundled_file("tutorial.toml").unwrap(),
        bundled_file("plans/gdpr-midsize.toml").unwrap(),
    )
    .unwrap();
    let now = "2026-01-01T09:00:00Z".parse().unwrap();
    // This test's session stands for a console running in another terminal.
    let mut live = Session::create(&path, &exercise, ExerciseSetup::new(1), now).unwrap();
    live.execute(&EngineCommand::Start, now).unwrap();
    let before = std::fs::read(&path).unwrap();

    tabletop()
        .args(["resume", "--script", "tutorial"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "another tabletop is writing this transcript",
        ));
    tabletop()
        .args([
            "run",
            "tutorial",
            "--script",
            "tutorial",
            "--force",
            "--transcript",
        ])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not replaced while it runs"));
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing was written");

    tabletop().arg("verify").arg(&path).assert().success();
    // Once the console is gone, the transcript is free again.
    drop(live);
    assert!(!tabletop_core::transcript::in_use(&path));
    tabletop()
        .args(["resume", "--script", "tutorial"])
        .arg(&path)
        .assert()
        .stderr(predicate::str::contains("another tabletop").not());
}
