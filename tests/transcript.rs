//! Transcripts through the real binary: verify catches edits, reordering,
//! removal and torn ends by line; resume keeps everything recorded.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn tabletop() -> Command {
    let mut cmd = Command::cargo_bin("tabletop").unwrap();
    cmd.env("TABLETOP_DATA_DIR", "/nonexistent");
    cmd
}

fn record_tutorial(dir: &Path) -> PathBuf {
    let path = dir.join("tutorial.jsonl");
    tabletop()
        .args([
            "run",
            "tutorial",
            "--script",
            "scenarios/scripts/tutorial.toml",
            "--transcript",
        ])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("Recorded"));
    path
}

fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}

fn write_lines(path: &Path, lines: &[String]) {
    std::fs::write(
        path,
        lines.iter().map(|l| format!("{l}\n")).collect::<String>(),
    )
    .unwrap();
}

fn verify_fails_at(path: &Path, line: usize, why: &str) {
    let display = path.display().to_string();
    tabletop()
        .arg("verify")
        .arg(path)
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(format!(
            "{display}:{line}: line {line}: "
        )))
        .stdout(predicate::str::contains(why))
        .stdout(predicate::str::contains("NOT intact"));
}

#[test]
fn a_fresh_transcript_verifies_and_is_private() {
    let dir = tempfile::tempdir().unwrap();
    let path = record_tutorial(dir.path());
    tabletop()
        .arg("verify")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::is_match("intact: header and [0-9]+ events").unwrap())
        .stdout(predicate::str::contains("the exercise ended"));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn an_edited_line_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = record_tutorial(dir.path());
    let mut all = lines(&path);
    all[4] = all[4].replacen("\"elapsed_ms\":", "\"elapsed_ms\":1", 1);
    write_lines(&path, &all);
    verify_fails_at(&path, 5, "changed after it was written");
}

#[test]
fn the_last_line_edited_is_caught_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = record_tutorial(dir.path());
    let mut all = lines(&path);
    let last = all.len() - 1;
    all[last] = all[last].replace("facilitator", "facilitatoR");
    write_lines(&path, &all);
    verify_fails_at(&path, all.len(), "changed after it was written");
}

#[test]
fn reordered_and_removed_lines_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = record_tutorial(dir.path());
    let mut all = lines(&path);
    all.swap(5, 6);
    write_lines(&path, &all);
    verify_fails_at(&path, 6, "does not follow line 5");

    let mut all = lines(&path);
    all.swap(5, 6);
    all.remove(9);
    write_lines(&path, &all);
    verify_fails_at(&path, 10, "does not follow line 9");
}

#[test]
fn a_changed_header_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = record_tutorial(dir.path());
    let mut all = lines(&path);
    all[0] = all[0].replace("Payroll", "Salary");
    write_lines(&path, &all);
    tabletop()
        .arg("verify")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("line 1"));
}

#[test]
fn a_torn_end_is_reported_then_set_aside_by_resume() {
    let dir = tempfile::tempdir().unwrap();
    let path = record_tutorial(dir.path());
    let all = lines(&path);
    // Keep the header and ten events, then half of the next line, as a crash mid-write leaves it.
    let mut text: String = all[..11].iter().map(|l| format!("{l}\n")).collect();
    let torn = &all[11][..all[11].len() / 2];
    text.push_str(torn);
    std::fs::write(&path, &text).unwrap();
    verify_fails_at(&path, 12, "incomplete");

    tabletop()
        .args(["resume"])
        .arg(&path)
        .args(["--script", "scenarios/scripts/tutorial.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("was moved to"))
        .stdout(predicate::str::contains("The 10 events before it are kept"));
    let aside = PathBuf::from(format!("{}.torn-1", path.display()));
    assert_eq!(std::fs::read_to_string(&aside).unwrap(), torn);
    let resumed = lines(&path);
    assert_eq!(
        resumed[..11],
        all[..11],
        "everything recorded before the tear is kept as it was"
    );
    assert!(
        resumed[11].contains("\"type\":\"exercise_resumed\""),
        "{}",
        resumed[11]
    );
    tabletop()
        .arg("verify")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("the exercise ended"));
}

#[test]
fn resume_refuses_a_tampered_transcript() {
    let dir = tempfile::tempdir().unwrap();
    let path = record_tutorial(dir.path());
    let mut all = lines(&path);
    all.truncate(12);
    all[4] = all[4].replace("\"seq\":4", "\"seq\":40");
    write_lines(&path, &all);
    let before = std::fs::read(&path).unwrap();
    tabletop()
        .arg("resume")
        .arg(&path)
        .args(["--script", "scenarios/scripts/tutorial.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("run `tabletop verify"));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "a damaged transcript is left untouched"
    );
}

#[test]
fn run_never_overwrites_a_transcript_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = record_tutorial(dir.path());
    let before = std::fs::read(&path).unwrap();
    tabletop()
        .args([
            "run",
            "tutorial",
            "--script",
            "scenarios/scripts/tutorial.toml",
            "--transcript",
        ])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_script_with_mistakes_gets_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("bad.toml");
    std::fs::write(
        &script,
        "[script]\nscenario = \"tutorial\"\n\n[[step]]\ninject = \"phish-reportd\"\nrole = \"incident-commander\"\ntext = \"x\"\n",
    )
    .unwrap();
    tabletop()
        .args(["run", "tutorial", "--script"])
        .arg(&script)
        .arg("--transcript")
        .arg(dir.path().join("t.jsonl"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "bad.toml:5:10: error: no inject or card `phish-reportd` in the scenario",
        ))
        .stdout(predicate::str::contains("did you mean `phish-reported`?"));
    assert!(!dir.path().join("t.jsonl").exists());
}
