//! Hostile input, through the real binary: named pipes and devices where
//! files belong, transcripts forged with a recomputed hash chain, scripts the
//! engine refuses, and the exit codes that tell each apart.

use std::ffi::CString;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use predicates::prelude::*;
use tabletop_core::engine::{Event, EventRecord};
use tabletop_core::transcript::{decode_line, encode_line, line_hash};

fn tabletop() -> Command {
    let mut cmd = Command::cargo_bin("tabletop").unwrap();
    cmd.env("TABLETOP_DATA_DIR", "/nonexistent")
        .env("NO_COLOR", "1")
        .timeout(Duration::from_secs(20));
    cmd
}

fn fifo(path: &Path) -> PathBuf {
    let c = CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path that mkfifo does not keep.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    path.to_path_buf()
}

/// Runs a command that must fail at once, naming the path's problem.
fn refused_quickly(cmd: &mut Command, code: i32, says: &str) {
    let started = Instant::now();
    let output = cmd.output().unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(output.status.code(), Some(code), "{text}");
    assert!(text.contains(says), "expected {says:?} in: {text}");
}

#[test]
fn named_pipes_and_devices_are_refused_by_every_command_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = fifo(&dir.path().join("pipe.jsonl"));
    let zero = dir.path().join("zero.jsonl");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    for transcript in [&pipe, &zero] {
        for command in [
            vec!["verify"],
            vec!["score"],
            vec!["report"],
            vec!["review"],
            vec!["resume"],
        ] {
            refused_quickly(
                tabletop().args(&command).arg(transcript),
                2,
                "tabletop reads and writes only regular files",
            );
        }
    }
    let toml_pipe = fifo(&dir.path().join("scenario.toml"));
    refused_quickly(tabletop().arg("validate").arg(&toml_pipe), 2, "named pipe");
    // A folder holding a pipe named like a scenario.
    refused_quickly(tabletop().arg("validate").arg(dir.path()), 2, "named pipe");
    refused_quickly(
        tabletop()
            .args(["run", "tutorial", "--script"])
            .arg(&toml_pipe)
            .arg("--transcript")
            .arg(dir.path().join("t.jsonl")),
        2,
        "named pipe",
    );
    refused_quickly(
        tabletop()
            .env("TABLETOP_CONFIG", &toml_pipe)
            .args(["run", "tutorial", "--transcript"])
            .arg(dir.path().join("t2.jsonl")),
        2,
        "named pipe",
    );
    assert!(!dir.path().join("t.jsonl").exists() && !dir.path().join("t2.jsonl").exists());
}

#[test]
fn outputs_never_replace_a_device_or_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = fifo(&dir.path().join("out.html"));
    let example = "transcripts/tutorial.jsonl";
    refused_quickly(
        tabletop().args(["report", example, "-o"]).arg(&pipe),
        2,
        "named pipe",
    );
    refused_quickly(
        tabletop().args(["trends", "transcripts", "-o"]).arg(&pipe),
        2,
        "named pipe",
    );
    assert!(
        std::fs::symlink_metadata(&pipe)
            .unwrap()
            .file_type()
            .is_fifo_like()
    );
    // --force replaces an old transcript, never a device, and says so.
    for target in [Path::new("/dev/null"), pipe.as_path()] {
        let output = tabletop()
            .args([
                "run",
                "tutorial",
                "--script",
                "scenarios/scripts/tutorial.toml",
                "--force",
                "--transcript",
            ])
            .arg(target)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("choose another path"), "{stderr}");
        assert!(!stderr.contains("--force to replace"), "{stderr}");
    }
    assert!(
        std::fs::symlink_metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device_like()
    );
}

trait Kind {
    fn is_fifo_like(&self) -> bool;
    fn is_char_device_like(&self) -> bool;
}

impl Kind for std::fs::FileType {
    fn is_fifo_like(&self) -> bool {
        std::os::unix::fs::FileTypeExt::is_fifo(self)
    }
    fn is_char_device_like(&self) -> bool {
        std::os::unix::fs::FileTypeExt::is_char_device(self)
    }
}

/// A copy of an example transcript with one event changed and the hash chain
/// recomputed from there on, as a forger would.
fn forged(dir: &Path, change: impl Fn(&mut EventRecord) -> bool) -> PathBuf {
    let text = std::fs::read_to_string("transcripts/tutorial.jsonl").unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let mut out = format!("{header}\n");
    let mut prev = line_hash(header).unwrap().to_string();
    let mut changed = false;
    for line in lines {
        let (mut record, _) = decode_line(line).unwrap();
        if !changed {
            changed = change(&mut record);
        }
        let (line, hash) = encode_line(&record, &prev);
        out.push_str(&line);
        out.push('\n');
        prev = hash;
    }
    assert!(changed, "the forgery found its event");
    let path = dir.join("forged.jsonl");
    std::fs::write(&path, out).unwrap();
    path
}

#[test]
fn forged_events_are_rejected_with_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let unknown_option = forged(dir.path(), |r| match &mut r.event {
        Event::DecisionTaken { option, .. } => {
            *option = "delete-only-and-forget".into();
            true
        }
        _ => false,
    });
    // The chain is intact, but verify replays the events too.
    tabletop()
        .arg("verify")
        .arg(&unknown_option)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "has no decision option \"delete-only-and-forget\"",
        ));
    let output = tabletop()
        .args(["score", "--format", "json"])
        .arg(&unknown_option)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("warning:")
            && stderr.contains(": line ")
            && stderr.contains("cannot have happened"),
        "{stderr}"
    );
    let score: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(
        score["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["option"] != "delete-only-and-forget"),
        "the forged choice is not credited"
    );
    tabletop()
        .args(["report", "--format", "md"])
        .arg(&unknown_option)
        .assert()
        .success()
        .stdout(predicate::str::contains("cannot have happened"));
    tabletop()
        .arg("resume")
        .arg(&unknown_option)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot have happened"));
}

#[test]
fn events_after_the_end_and_impossible_times_are_rejected_not_panicked_on() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("transcripts/tutorial.jsonl").unwrap();
    let last = text.lines().last().unwrap();
    let (record, _) = decode_line(last).unwrap();
    let hash = line_hash(last).unwrap();
    let after_end = EventRecord {
        seq: record.seq + 1,
        event: Event::NoteAdded {
            text: "added later".into(),
            item: None,
        },
        ..record.clone()
    };
    let (line, _) = encode_line(&after_end, hash);
    let path = dir.path().join("after-end.jsonl");
    std::fs::write(&path, format!("{text}{line}\n")).unwrap();
    tabletop()
        .arg("verify")
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("after the exercise ended"));

    let huge = forged(dir.path(), |r| {
        if matches!(r.event, Event::ExerciseStarted) {
            return false;
        }
        r.elapsed_ms = i64::MAX - 5;
        true
    });
    for command in ["verify", "score"] {
        let output = tabletop().arg(command).arg(&huge).output().unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(!text.contains("panicked"), "{text}");
        assert!(text.contains("more than a year"), "{text}");
    }
    let output = tabletop()
        .args(["resume", "--script", "scenarios/scripts/tutorial.toml"])
        .arg(&huge)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));
}

#[test]
fn a_refused_script_step_stops_the_run_at_its_line_and_ends_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("script.toml");
    let text = std::fs::read_to_string("scenarios/scripts/tutorial.toml").unwrap();
    // The second participant's name is not the one the setup lists.
    let changed = text.replacen("by = \"", "by = \"Someone Else", 1);
    assert_ne!(changed, text);
    std::fs::write(&script, changed).unwrap();
    let transcript = dir.path().join("run.jsonl");
    let output = tabletop()
        .args(["run", "tutorial", "--script"])
        .arg(&script)
        .arg("--transcript")
        .arg(&transcript)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.matches("was refused").count(), 1, "{stderr}");
    assert!(
        stderr.contains("script.toml:"),
        "the step's line is named: {stderr}"
    );
    let recorded = std::fs::read_to_string(&transcript).unwrap();
    assert!(
        !recorded.contains("exercise_ended"),
        "nothing irreversible is appended"
    );
}

#[test]
fn exit_codes_follow_one_rule() {
    let dir = tempfile::tempdir().unwrap();
    // 2: a path that cannot be read.
    tabletop().args(["score", "no-such.jsonl"]).assert().code(2);
    tabletop()
        .args(["validate", "no-such.toml"])
        .assert()
        .code(2);
    tabletop()
        .args(["run", "no-such-scenario"])
        .assert()
        .code(2);
    // 1: the input is read but is not what it should be.
    let not_a_transcript = dir.path().join("notes.jsonl");
    std::fs::write(&not_a_transcript, "hello\n").unwrap();
    tabletop()
        .arg("score")
        .arg(&not_a_transcript)
        .assert()
        .code(1);
    tabletop()
        .arg("verify")
        .arg(&not_a_transcript)
        .assert()
        .code(1);
    tabletop()
        .args(["validate", "tests/fixtures/invalid/missing-title.toml"])
        .assert()
        .code(1);
    // 0: and an ended exercise cannot be resumed, headless or not.
    tabletop()
        .args(["verify", "transcripts/tutorial.jsonl"])
        .assert()
        .success();
    let copy = dir.path().join("ended.jsonl");
    std::fs::copy("transcripts/tutorial.jsonl", &copy).unwrap();
    tabletop()
        .args(["resume", "--script", "scenarios/scripts/tutorial.toml"])
        .arg(&copy)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already ended"));
}

#[test]
fn output_cut_short_by_a_closed_pipe_ends_quietly() {
    // The HTML report is larger than a pipe's buffer, so writing meets the
    // closed pipe for certain.
    let output = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "{} report transcripts/ransomware-file-servers-weak.jsonl --format html | head -c 10 >/dev/null; echo \"${{PIPESTATUS[0]}}\"",
            assert_cmd::cargo::cargo_bin("tabletop").display()
        ))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        "0",
        "{stderr}"
    );
}

#[test]
fn invisible_and_control_characters_reach_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = "\u{202e}gpj.exe\u{200b} \u{9b}31m \u{2066}x";
    let text = std::fs::read_to_string("scenarios/tutorial.toml")
        .unwrap()
        .replacen("title = \"", &format!("title = \"{hostile} "), 3);
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("scenarios")).unwrap();
    let scenario = data.join("scenarios/tutorial.toml");
    std::fs::write(&scenario, &text).unwrap();
    let transcript = dir.path().join("run.jsonl");
    tabletop()
        .args(["run"])
        .arg(&scenario)
        .args([
            "--script",
            "scenarios/scripts/tutorial.toml",
            "--transcript",
        ])
        .arg(&transcript)
        .assert()
        .success();
    let t = transcript.to_str().unwrap();
    let s = scenario.to_str().unwrap();
    let commands: Vec<Vec<&str>> = vec![
        vec!["validate", s],
        vec!["score", t],
        vec!["score", t, "--format", "json"],
        vec!["report", t, "--format", "md"],
        vec!["report", t, "--format", "html"],
        vec!["report", t, "--format", "json"],
        vec!["verify", t],
        vec!["list", "--json"],
        vec!["list"],
    ];
    for args in commands {
        let mut command = tabletop();
        command.env("TABLETOP_DATA_DIR", &data).args(&args);
        if args[0] == "list" {
            // Away from ./scenarios, whose tutorial would shadow the hostile one.
            command.current_dir(dir.path());
        }
        let output = command.output().unwrap();
        let all = [output.stdout, output.stderr].concat();
        let all = String::from_utf8_lossy(&all);
        for raw in ['\u{202e}', '\u{200b}', '\u{9b}', '\u{2066}'] {
            assert!(!all.contains(raw), "{args:?} printed {raw:?}");
        }
        // Those that print titles show the character as its code point.
        let prints_titles =
            matches!(args[0], "report" | "list") || (args[0] == "score" && args.len() == 2);
        if prints_titles {
            assert!(
                all.contains("202E") || all.contains("202e"),
                "{args:?} shows the character rather than dropping it"
            );
        }
    }
}

#[test]
fn a_write_that_fails_leaves_no_empty_transcript_and_says_so_once() {
    let dir = tempfile::tempdir().unwrap();
    let transcript = dir.path().join("t.jsonl");
    // A file-size limit of 1 KiB makes writing the header fail, as a full
    // disk would; the signal the limit sends is ignored so the error shows.
    let output = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f 1; exec {} run tutorial --script scenarios/scripts/tutorial.toml --transcript {}",
            assert_cmd::cargo::cargo_bin("tabletop").display(),
            transcript.display()
        ))
        .env("TABLETOP_DATA_DIR", "/nonexistent")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.matches("File too large").count(), 1, "{stderr}");
    assert!(
        !transcript.exists(),
        "no empty or partial transcript is left"
    );
}

#[test]
fn resume_says_a_transcript_cannot_be_read_not_written() {
    tabletop()
        .args(["resume", "no-such.jsonl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read the transcript"))
        .stderr(predicate::str::contains("record").not());
}
