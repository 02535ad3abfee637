//! A hybrid exercise in a real browser: the console runs in tmux with seats,
//! and three seats of different roles and the room's page join it in
//! headless Chromium (tests/seats/e2e.mjs drives them and the console's
//! keys). Then the transcript is checked as a trainer would.

use std::process::Command;
use std::time::{Duration, Instant};

mod common;
use common::tmux::Tmux;

const BIN: &str = env!("CARGO_BIN_EXE_tabletop");

/// Node with the page checks' Playwright, and Chromium: CI installs them;
/// elsewhere the test says so and passes over.
fn browser_available() -> bool {
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let chromium = std::path::Path::new(
        &std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
    )
    .exists();
    let playwright = std::path::Path::new("tests/pages/node_modules/playwright-core").exists();
    let ready = node && chromium && playwright;
    if !ready {
        assert!(
            std::env::var_os("TABLETOP_REQUIRE_TOOLS").is_none(),
            "node, chromium and tests/pages/node_modules are required here (see .ci/run)"
        );
        eprintln!("no browser to drive: the seats end-to-end test is passed over");
    }
    ready
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn three_seats_and_the_room_take_part_in_an_exercise_run_from_the_console() {
    if !browser_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let transcript = dir.path().join("seats.jsonl");
    let port = free_port();
    let console = Tmux::sized(
        "tabletop-seats-e2e",
        &format!(
            "{BIN} run tests/fixtures/seats/private-briefing.toml --anonymous --listen 127.0.0.1:{port} --transcript {}; sleep 30",
            transcript.display()
        ),
        120,
        40,
    );
    let links = dir.path().join("seats.jsonl.seats");
    let deadline = Instant::now() + Duration::from_secs(15);
    while !links.exists() {
        assert!(
            Instant::now() < deadline,
            "no links file; the console shows:\n{}",
            console.screen()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    console.wait_for("seats are open");
    let seats = Command::new(BIN)
        .args(["seats", &transcript.display().to_string()])
        .output()
        .unwrap();
    assert!(
        seats.status.success(),
        "{}",
        String::from_utf8_lossy(&seats.stderr)
    );
    assert!(
        String::from_utf8_lossy(&seats.stdout).contains(&format!("http://127.0.0.1:{port}/room/"))
    );

    let driven = Command::new("node")
        .args([
            "tests/seats/e2e.mjs",
            &console.name,
            &links.display().to_string(),
            BIN,
            &transcript.display().to_string(),
        ])
        .output()
        .unwrap();
    assert!(
        driven.status.success(),
        "{}\n{}\nthe console shows:\n{}",
        String::from_utf8_lossy(&driven.stdout),
        String::from_utf8_lossy(&driven.stderr),
        console.screen()
    );

    // The console shows the feedback count, and its seats close with it.
    console.keys(&["s"]);
    console.wait_for("feedback: 3 answered");
    console.keys(&["s", "q"]);
    console.wait_for("The exercise has ended");
    assert!(!links.exists(), "the links file goes with the console");

    let verified = Command::new(BIN)
        .args(["verify", &transcript.display().to_string()])
        .output()
        .unwrap();
    assert!(
        verified.status.success(),
        "{}",
        String::from_utf8_lossy(&verified.stdout)
    );
    let text = std::fs::read_to_string(&transcript).unwrap();
    for seat in ["incident-commander", "legal", "it-security"] {
        assert!(
            text.contains(&format!(r#""seat":"{seat}","kind":"role""#)),
            "{seat} joined"
        );
        assert!(
            text.contains(&format!("Answer typed at the {seat} seat.")),
            "{seat}'s answer"
        );
        assert!(
            text.contains(&format!(r#""seat":"{seat}","role":"{seat}""#)),
            "{seat}'s vote"
        );
    }
    assert!(text.contains(r#""kind":"room""#), "the room's page joined");
    assert!(
        !text.contains("Calm heads"),
        "feedback never enters the transcript"
    );
    let report = Command::new(BIN)
        .args([
            "report",
            &transcript.display().to_string(),
            "--format",
            "md",
        ])
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&report.stdout);
    assert!(
        report.contains("3 participants answered the anonymous feedback form"),
        "{report}"
    );
    assert!(
        report.contains("· 2 votes"),
        "votes per option in the decision log:\n{report}"
    );
}

#[test]
fn seats_says_when_an_exercise_serves_none_and_when_its_console_has_closed() {
    let dir = tempfile::tempdir().unwrap();
    let transcript = dir.path().join("plain.jsonl");
    std::fs::copy("transcripts/tutorial.jsonl", &transcript).unwrap();
    let run = |args: &[&str]| Command::new(BIN).args(args).output().unwrap();
    let out = run(&["seats", &transcript.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not running with seats"));
    // A links file left behind by a console that is gone opens nothing.
    std::fs::write(
        dir.path().join("plain.jsonl.seats"),
        r#"{"base":"http://127.0.0.1:7878","seats":[]}"#,
    )
    .unwrap();
    let out = run(&["seats", &transcript.display().to_string(), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no longer work"));
    assert!(out.stdout.is_empty(), "no links are printed");
    let out = run(&["seats", "nowhere.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
}
