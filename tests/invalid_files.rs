//! Every malformed fixture under tests/fixtures/invalid is rejected by the real
//! binary with the diagnostic listed for it in expected.txt, at its line and column.

use std::collections::BTreeMap;
use std::path::Path;

use assert_cmd::Command;

const FIXTURES: &str = "tests/fixtures/invalid";

fn expectations() -> BTreeMap<String, Vec<String>> {
    let text = std::fs::read_to_string(Path::new(FIXTURES).join("expected.txt")).unwrap();
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (file, diagnostic) = line.split_once(' ').unwrap();
        map.entry(file.to_string())
            .or_default()
            .push(diagnostic.trim_start().to_string());
    }
    map
}

#[test]
fn each_fixture_fails_with_its_diagnostic_at_its_place() {
    let expected = expectations();
    let mut fixtures: Vec<String> = std::fs::read_dir(FIXTURES)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    fixtures.sort();
    assert!(fixtures.len() >= 30, "only {} fixtures", fixtures.len());

    let mut failures = Vec::new();
    for name in &fixtures {
        let path = format!("{FIXTURES}/{name}");
        let output = Command::cargo_bin("tabletop")
            .unwrap()
            .args(["validate", &path])
            .env("TABLETOP_DATA_DIR", "/nonexistent")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        if output.status.code() != Some(1) {
            failures.push(format!(
                "{name}: exit code {:?}, expected 1\n{stdout}",
                output.status.code()
            ));
        }
        let Some(wanted) = expected.get(name) else {
            failures.push(format!("{name}: no expectation in expected.txt"));
            continue;
        };
        for diagnostic in wanted {
            let line = if diagnostic.starts_with(char::is_numeric) {
                format!("{path}:{diagnostic}")
            } else {
                format!("{path}: {diagnostic}")
            };
            if !stdout.lines().any(|l| l == line) {
                failures.push(format!("{name}: missing `{line}` in:\n{stdout}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_error_shows_the_source_line_and_a_marker() {
    let output = Command::cargo_bin("tabletop")
        .unwrap()
        .args([
            "validate",
            "tests/fixtures/invalid/unknown-key-in-scenario.toml",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    insta::assert_snapshot!(stdout, @r#"
    tests/fixtures/invalid/unknown-key-in-scenario.toml:3:1: error: unknown key `titel`
      |
    3 | titel = "Fixture"
      | ^^^^^
      = help: did you mean `title`? keys allowed here: id, title, summary, version, author, duration, audience, objectives, tags, attack, csf, plan, start, date, roles, briefing

    checked 1 file: 0 valid, 1 invalid (1 error, 0 warnings)
    "#);
}

#[test]
fn all_problems_in_all_files_are_reported_in_one_run() {
    let output = Command::cargo_bin("tabletop")
        .unwrap()
        .args([
            "validate",
            "tests/fixtures/invalid/many-problems-at-once.toml",
            "tests/fixtures/invalid/plan-unknown-owner.toml",
            "scenarios/plans/gdpr-midsize.toml",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout.matches(": error: ").count(), 4, "{stdout}");
    assert!(
        stdout.contains("ok: scenarios/plans/gdpr-midsize.toml"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("checked 3 files: 1 valid, 2 invalid (4 errors, 1 warning)\n"),
        "{stdout}"
    );
}

/// Mistakes that pass every format rule but change the score or the pace:
/// each fixture is valid, and fails `--strict` with its warning at its place.
#[test]
fn each_score_changing_mistake_is_a_located_warning() {
    const DIR: &str = "tests/fixtures/warnings";
    let text = std::fs::read_to_string(Path::new(DIR).join("expected.txt")).unwrap();
    let mut expected: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (file, warning) = line.split_once(' ').unwrap();
        expected.entry(file).or_default().push(warning);
    }
    assert!(expected.len() >= 7);
    let mut failures = Vec::new();
    for (file, warnings) in &expected {
        let path = format!("{DIR}/{file}");
        let plain = Command::cargo_bin("tabletop")
            .unwrap()
            .args(["validate", &path])
            .env("TABLETOP_DATA_DIR", "/nonexistent")
            .output()
            .unwrap();
        if plain.status.code() != Some(0) {
            failures.push(format!("{file}: plain validate did not pass"));
        }
        let strict = Command::cargo_bin("tabletop")
            .unwrap()
            .args(["validate", "--strict", &path])
            .env("TABLETOP_DATA_DIR", "/nonexistent")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&strict.stdout);
        if strict.status.code() != Some(1) {
            failures.push(format!("{file}: --strict exit {:?}", strict.status.code()));
        }
        for warning in warnings {
            let line = format!("{path}:{warning}");
            if !stdout.lines().any(|l| l == line) {
                failures.push(format!("{file}: missing `{line}` in:\n{stdout}"));
            }
        }
        if file.contains("expects-nothing") && stdout.contains("`quiet`") {
            failures.push("no_action_expected did not silence the warning".into());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
