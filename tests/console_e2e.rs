//! The real binary in a real terminal (tmux): a facilitator plays the tutorial
//! with keystrokes, and an exercise killed mid-way resumes.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_tabletop");

mod common;
use common::tmux::Tmux;

fn events(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Sends a signal to the tabletop process writing `transcript`.
fn signal(transcript: &Path, signal: &str) {
    let pids = Command::new("pgrep")
        .args(["-f", &transcript.display().to_string()])
        .output()
        .unwrap();
    for pid in String::from_utf8_lossy(&pids.stdout).split_whitespace() {
        if std::fs::read_to_string(format!("/proc/{pid}/comm"))
            .is_ok_and(|c| c.trim() == "tabletop")
        {
            Command::new("kill").args([signal, pid]).status().unwrap();
        }
    }
}

fn verify(path: &Path) {
    let out = Command::new(BIN).arg("verify").arg(path).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_facilitator_plays_an_exercise_and_a_killed_one_resumes() {
    let dir = tempfile::tempdir().unwrap();

    // Play from the start screen: choose the tutorial, name two participants,
    // start, deliver, decide, respond, tick, end, leave.
    let tmux = Tmux::start(
        "tabletop-e2e-play",
        &format!(
            "cd {} && {BIN}; echo EXITED; sleep 30",
            dir.path().display()
        ),
    );
    tmux.wait_for("choose an exercise");
    tmux.wait_for("First Run: The Payroll Email");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Set up: First Run");
    tmux.keys(&["Down", "Down", "Dana Whitfield", "Down", "Sam Ortiz"]);
    // Past the last role, the seed and the seats, to Start.
    tmux.keys(&["Down", "Down", "Down", "Down", "Down", "Enter"]);
    tmux.wait_for("Press Space to start the exercise clock");
    tmux.keys(&["Space"]);
    tmux.wait_for("A store manager reports an odd email");
    tmux.keys(&["n"]);
    tmux.wait_for("What does IT Security do with the email right now?");
    tmux.keys(&["1"]);
    tmux.wait_for("Record option 1?");
    tmux.keys(&["y"]);
    tmux.wait_for("decision recorded");
    tmux.keys(&["r"]);
    tmux.wait_for("Response from");
    tmux.keys(&["Pull it from every mailbox and keep one copy", "C-s"]);
    tmux.wait_for("response recorded");
    tmux.keys(&["Tab", "x"]);
    tmux.wait_for("Who did:");
    tmux.keys(&["Enter"]);
    tmux.wait_for("action ticked");
    tmux.keys(&["?"]);
    tmux.wait_for("presenter view for the projector");
    tmux.keys(&["?", "E"]);
    tmux.wait_for("End the exercise?");
    tmux.keys(&["y"]);
    tmux.wait_for("has ended");
    tmux.keys(&["q"]);
    let screen = tmux.wait_for("EXITED");
    assert!(
        screen.contains("The exercise has ended. Transcript:"),
        "the terminal is back to normal:\n{screen}"
    );
    let run = std::fs::read_dir(dir.path().join("transcripts"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    verify(&run);
    let header: serde_json::Value = serde_json::from_str(
        std::fs::read_to_string(&run)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(header["participants"][0]["name"], "Dana Whitfield");
    assert_eq!(header["participants"][1]["roles"][0], "it-security");
    let kinds: Vec<String> = events(&run)
        .iter()
        .map(|e| e["type"].as_str().unwrap().to_string())
        .collect();
    for kind in [
        "exercise_started",
        "inject_delivered",
        "decision_taken",
        "response_recorded",
        "action_observed",
        "exercise_ended",
    ] {
        assert!(
            kinds.iter().any(|k| k == kind),
            "{kind} missing from {kinds:?}"
        );
    }
    let response = events(&run)
        .into_iter()
        .find(|e| e["type"] == "response_recorded")
        .unwrap();
    assert_eq!(
        response["data"]["text"],
        "Pull it from every mailbox and keep one copy"
    );
    drop(tmux);

    // Kill mid-exercise with SIGKILL, then resume in a new terminal.
    let killed = dir.path().join("killed.jsonl");
    let tmux = Tmux::start(
        "tabletop-e2e-kill",
        &format!(
            "{BIN} run tutorial --seed 5 --transcript {}; sleep 30",
            killed.display()
        ),
    );
    tmux.wait_for("Press Space to start the exercise clock");
    tmux.keys(&["Space"]);
    tmux.wait_for("A store manager reports an odd email");
    tmux.keys(&["n"]);
    tmux.wait_for("What does IT Security do");
    let before = events(&killed);
    signal(&killed, "-KILL");
    drop(tmux);
    verify(&killed);

    let tmux = Tmux::start(
        "tabletop-e2e-resume",
        &format!("{BIN} resume {}; echo EXITED; sleep 30", killed.display()),
    );
    let screen = tmux.wait_for("resumed: the clock is paused");
    assert!(
        screen.contains("The ticket lands with IT Security"),
        "{screen}"
    );
    tmux.keys(&["q", "y"]);
    let screen = tmux.wait_for("EXITED");
    assert!(
        screen.contains("Continue with: tabletop resume"),
        "{screen}"
    );
    let after = events(&killed);
    assert_eq!(
        after[..before.len()],
        before[..],
        "nothing recorded before the kill is lost"
    );
    assert_eq!(after[before.len()]["type"], "exercise_resumed");
    verify(&killed);
}

#[test]
fn sigterm_restores_the_terminal_and_keeps_the_transcript() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("term.jsonl");
    let tmux = Tmux::start(
        "tabletop-e2e-term",
        &format!(
            "{BIN} run tutorial --seed 5 --transcript {}; echo EXITED $?; sleep 30",
            path.display()
        ),
    );
    tmux.wait_for("Press Space to start the exercise clock");
    tmux.keys(&["Space"]);
    tmux.wait_for("A store manager reports an odd email");
    signal(&path, "-TERM");
    let screen = tmux.wait_for("EXITED 0");
    assert!(
        screen.contains("Continue with: tabletop resume"),
        "{screen}"
    );
    assert!(
        !screen.contains("Exercise 00:"),
        "the console's screen is gone:\n{screen}"
    );
    verify(&path);
}

#[test]
fn closing_the_window_loses_nothing_and_does_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hup.jsonl");
    let errors = dir.path().join("stderr.txt");
    let tmux = Tmux::start(
        "tabletop-e2e-hup",
        &format!(
            "{BIN} run tutorial --seed 5 --transcript {} 2>{}",
            path.display(),
            errors.display()
        ),
    );
    tmux.wait_for("Press Space to start the exercise clock");
    tmux.keys(&["Space"]);
    tmux.wait_for("A store manager reports an odd email");
    drop(tmux); // kills the session: the terminal hangs up
    let deadline = Instant::now() + Duration::from_secs(10);
    while Command::new("pgrep")
        .args(["-f", &path.display().to_string()])
        .output()
        .unwrap()
        .status
        .success()
    {
        assert!(
            Instant::now() < deadline,
            "tabletop did not exit after the hang-up"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let stderr = std::fs::read_to_string(&errors).unwrap_or_default();
    assert!(!stderr.contains("panicked"), "{stderr}");
    verify(&path);
    assert!(
        events(&path)
            .iter()
            .any(|e| e["type"] == "inject_delivered")
    );
}

#[test]
fn a_trainer_annotates_an_example_transcript_and_the_report_carries_it() {
    let dir = tempfile::tempdir().unwrap();
    let transcript = dir.path().join("leak.jsonl");
    std::fs::copy("transcripts/vendor-survey-leak-weak.jsonl", &transcript).unwrap();
    let before = std::fs::read(&transcript).unwrap();
    let tmux = Tmux::start(
        "tabletop-review",
        &format!(
            "{BIN} review {}; echo EXITED; sleep 30",
            transcript.display()
        ),
    );
    tmux.wait_for("intact");
    // The second inject, then an annotation on it as a strength.
    tmux.keys(&["]", "]"]);
    tmux.wait_for("#8 inject_delivered");
    tmux.keys(&["a"]);
    tmux.wait_for("Annotate #8");
    tmux.type_text("Declared within minutes of the sample");
    tmux.keys(&["Tab", "C-s"]);
    tmux.wait_for("strength saved on #8");
    tmux.keys(&["q"]);
    let screen = tmux.wait_for("EXITED");
    assert!(
        !screen.contains("Events 8/64"),
        "the review screen is gone:\n{screen}"
    );

    let sidecar = std::fs::read_to_string(dir.path().join("leak.jsonl.annotations")).unwrap();
    assert!(sidecar.contains(r#""seq":8"#), "{sidecar}");
    assert!(sidecar.contains("Declared within minutes of the sample"));
    assert_eq!(
        std::fs::read(&transcript).unwrap(),
        before,
        "the transcript is untouched"
    );
    verify(&transcript);

    let report = Command::new(BIN)
        .args(["report", "--format", "md"])
        .arg(&transcript)
        .output()
        .unwrap();
    assert!(report.status.success());
    let md = String::from_utf8(report.stdout).unwrap();
    let strengths =
        &md[md.find("## Strengths").unwrap()..md.find("## Areas for improvement").unwrap()];
    assert!(
        strengths.contains("Declared within minutes of the sample"),
        "{strengths}"
    );
}

#[test]
fn the_room_follows_in_a_second_window_and_one_key_loses_no_decision() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("room.jsonl");
    let console = Tmux::sized(
        "tabletop-e2e-room-console",
        &format!(
            "{BIN} run tutorial --seed 5 --transcript {}; sleep 30",
            path.display()
        ),
        80,
        24,
    );
    console.wait_for("Press Space to start the exercise clock");
    console.keys(&["Space"]);
    console.wait_for("A store manager reports an odd email");
    console.keys(&["n"]);
    console.wait_for("What does IT Security do");

    // One stray n with the decision open asks, and records nothing.
    console.keys(&["n"]);
    console.wait_for("A decision is still open");
    console.keys(&["Escape"]);
    console.wait_until_gone("A decision is still open");
    let kinds: Vec<String> = events(&path)
        .iter()
        .map(|e| e["type"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(!kinds.iter().any(|k| k == "decision_lapsed"), "{kinds:?}");

    // The projector's window: prompt, every option, the countdown; no
    // facilitator note, no console tip.
    let room = Tmux::sized(
        "tabletop-e2e-projector",
        &format!("{BIN} present {}; sleep 30", path.display()),
        120,
        40,
    );
    let shown = room.wait_for("Close the ticket as spam");
    for text in [
        "What does IT Security do with the email right now?",
        "Keep a copy, pull it from every mailbox",
        "Send an all-staff warning now",
        "Ask Katrin to delete it",
        "left",
    ] {
        assert!(shown.contains(text), "{text:?} missing:\n{shown}");
    }
    assert!(!shown.contains("strong answer"), "{shown}");
    assert!(!shown.contains("options are numbered"), "{shown}");

    // A headless resume of the same transcript, while the console runs, is
    // refused and changes nothing.
    let before = std::fs::read(&path).unwrap();
    let refused = Command::new(BIN)
        .args(["resume", "--script", "tutorial"])
        .arg(&path)
        .env("TABLETOP_DATA_DIR", "/nonexistent")
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("another tabletop is writing"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    assert!(std::fs::read(&path).unwrap().starts_with(&before));

    // It follows live: once the console records the decision, the room's
    // decision panel goes.
    console.keys(&["1"]);
    console.wait_for("Record option 1?");
    console.keys(&["y"]);
    console.wait_for("decision recorded");
    room.wait_until_gone("Close the ticket as spam");
    room.keys(&["q"]);
    console.keys(&["q", "y"]);
    console.wait_for("Continue with");
    verify(&path);
}

/// A console told to stop right after the window was resized still stops at
/// once, whichever signal asks, and records the moment it was left.
#[test]
fn consoles_stopped_right_after_resizes_end_promptly() {
    let dir = tempfile::tempdir().unwrap();
    for (n, sig) in ["-TERM", "-HUP", "-INT", "-TERM", "-HUP", "-INT"]
        .into_iter()
        .enumerate()
    {
        let path = dir.path().join(format!("resize-{n}.jsonl"));
        let tmux = Tmux::start(
            &format!("tabletop-e2e-resize-{n}"),
            &format!(
                "{BIN} run tutorial --seed 5 --transcript {}; echo EXITED $?; sleep 30",
                path.display()
            ),
        );
        tmux.wait_for("Press Space to start the exercise clock");
        tmux.keys(&["Space"]);
        tmux.wait_for("A store manager reports an odd email");
        for width in ["90", "120", "80", "100"] {
            Command::new("tmux")
                .args(["resize-window", "-t", &tmux.name, "-x", width, "-y", "30"])
                .status()
                .unwrap();
        }
        let sent = Instant::now();
        signal(&path, sig);
        let deadline = sent + Duration::from_secs(2);
        while !tmux.screen().contains("EXITED") {
            assert!(
                Instant::now() < deadline,
                "{sig} after resizes: still running after 2 s:\n{}",
                tmux.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        let last = events(&path).pop().unwrap();
        assert_eq!(last["type"], "clock_paused", "the moment left is recorded");
        verify(&path);
    }
}
