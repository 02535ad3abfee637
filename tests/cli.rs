//! The commands as a user types them: exit codes, output, and messages.

use assert_cmd::Command;
use predicates::prelude::*;

fn tabletop() -> Command {
    let mut cmd = Command::cargo_bin("tabletop").unwrap();
    cmd.env("TABLETOP_DATA_DIR", "/nonexistent")
        .env("NO_COLOR", "1");
    cmd
}

#[test]
fn validate_accepts_the_bundled_folder_strictly() {
    tabletop()
        .args(["validate", "--strict", "scenarios"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "ok: scenarios/plans/gdpr-midsize.toml",
        ))
        .stdout(predicate::str::contains("0 invalid (0 errors, 0 warnings"));
}

#[test]
fn warnings_fail_only_with_strict() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("warn.toml");
    let text = std::fs::read_to_string("tests/fixtures/invalid/missing-title.toml")
        .unwrap()
        .replace("[scenario]\n", "[scenario]\ntitle = \"T\"\n")
        .replace("expects = [\"declare-incident\"]\n", "");
    std::fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap();
    tabletop()
        .args(["validate", path])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "warning: inject `follow-up` expects no action from the team",
        ));
    tabletop()
        .args(["validate", "--strict", path])
        .assert()
        .code(1);
}

#[test]
fn validate_against_another_plan() {
    // This scenario names the GDPR plan. Against the HIPAA plan, the standard
    // actions that plan has no action for are named: they could not be scored.
    tabletop()
        .args([
            "validate",
            "scenarios/vendor-survey-leak.toml",
            "--plan",
            "scenarios/plans/hipaa-healthcare.toml",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "warning: the plan `hipaa-healthcare` does not cover `reset-customer-credentials`",
        ));
    tabletop()
        .args([
            "validate",
            "--strict",
            "scenarios/vendor-survey-leak.toml",
            "--plan",
            "hipaa-healthcare",
        ])
        .assert()
        .code(1);
}

#[test]
fn an_action_neither_standard_nor_the_plans_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.toml");
    let text = std::fs::read_to_string("scenarios/tutorial.toml")
        .unwrap()
        .replacen("\"triage-alert\"", "\"triage-alrt\"", 1);
    std::fs::write(&path, text).unwrap();
    tabletop()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error: unknown plan action `triage-alrt`",
        ))
        .stdout(predicate::str::contains("did you mean `triage-alert`?"));
}

#[test]
fn the_vocabulary_lists_standard_actions_and_roles() {
    let output = tabletop()
        .args(["plan", "vocabulary", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let vocabulary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let ids: Vec<&str> = vocabulary["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"notify-regulator") && ids.contains(&"lessons-learned-review"));
    assert!(
        vocabulary["roles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "incident-commander")
    );
    tabletop()
        .args(["plan", "vocabulary"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "notify-regulator               RS.CO  Notify the regulator",
        ));
}

#[test]
fn missing_file_is_a_clear_error() {
    tabletop()
        .args(["validate", "no-such-file.toml"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "no-such-file.toml: error: cannot read the file",
        ));
}

#[test]
fn list_shows_every_bundled_scenario() {
    let output = tabletop()
        .args(["list", "--json"])
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap();
    assert!(output.status.success());
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert!(listed.len() >= 9, "{listed:?}");
    let tutorial = listed.iter().find(|s| s["id"] == "tutorial").unwrap();
    assert_eq!(tutorial["origin"], "bundled");
    assert!(tutorial["injects"].as_u64().unwrap() >= 6);
    assert!(tutorial["path"].as_str().unwrap().starts_with("bundled:"));
}

#[test]
fn list_prefers_a_local_copy_over_the_bundled_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("scenarios")).unwrap();
    let text = std::fs::read_to_string("scenarios/tutorial.toml").unwrap();
    std::fs::write(dir.path().join("scenarios/my-tutorial.toml"), text).unwrap();
    tabletop()
        .arg("list")
        .current_dir(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("scenarios/my-tutorial.toml"))
        .stdout(predicate::str::contains("bundled:scenarios/tutorial.toml").not());
}

#[test]
fn list_finds_scenarios_in_the_user_data_folder() {
    let data = tempfile::tempdir().unwrap();
    std::fs::create_dir(data.path().join("scenarios")).unwrap();
    let text = std::fs::read_to_string("scenarios/tutorial.toml")
        .unwrap()
        .replace("id = \"tutorial\"", "id = \"our-own\"");
    std::fs::write(data.path().join("scenarios/our-own.toml"), text).unwrap();
    Command::cargo_bin("tabletop")
        .unwrap()
        .arg("list")
        .env("TABLETOP_DATA_DIR", data.path())
        .current_dir(std::env::temp_dir())
        .assert()
        .success()
        .stdout(predicate::str::contains("our-own"));
}

#[test]
fn schema_prints_json_schema_for_each_format() {
    for (kind, title) in [
        ("scenario", "tabletop scenario"),
        ("plan", "tabletop incident plan"),
    ] {
        let output = tabletop().args(["schema", kind]).output().unwrap();
        assert!(output.status.success());
        let schema: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(schema["title"], title);
        assert!(schema["properties"].is_object());
    }
}

#[test]
fn unknown_subcommand_is_a_usage_error() {
    tabletop()
        .arg("frobnicate")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unrecognized subcommand"));
}

#[test]
fn a_mistake_in_the_config_file_is_located_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[keys]\nnxt = \"N\"\n").unwrap();
    let transcript = dir.path().join("t.jsonl");
    tabletop()
        .env("TABLETOP_CONFIG", &config)
        .args(["run", "tutorial", "--transcript"])
        .arg(&transcript)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "config.toml:2:1: error: no key binding \"nxt\": did you mean \"next\"?",
        ));
    assert!(!transcript.exists());
}

#[test]
fn score_explains_each_line_and_gives_json_too() {
    tabletop()
        .args(["score", "transcripts/ransomware-file-servers-strong.jsonl"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Friday Night Encryption — against hipaa-healthcare",
        ))
        .stdout(predicate::str::is_match(r"Overall \d+/100").unwrap())
        .stdout(
            predicate::str::is_match(
                r"activate-downtime-procedures +clinical-operations +met .*#\d+",
            )
            .unwrap(),
        );
    let output = tabletop()
        .args([
            "score",
            "transcripts/vendor-survey-leak-weak.jsonl",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(report["overall"].as_u64().unwrap() < 50);
    let ransom = report["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["action"] == "ransom-approval")
        .unwrap();
    assert_eq!(ransom["outcome"], "violated");
}

#[test]
fn plans_and_scripts_are_named_by_id_or_by_path_on_every_command() {
    // validate --plan by id, as score and report take it.
    tabletop()
        .args([
            "validate",
            "scenarios/vendor-survey-leak.toml",
            "--plan",
            "hipaa-healthcare",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("does not cover"));
    tabletop()
        .args([
            "validate",
            "scenarios/tutorial.toml",
            "--plan",
            "no-such-plan",
        ])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("no plan `no-such-plan`"));
    // run and resume --script by name or path.
    let dir = tempfile::tempdir().unwrap();
    let by_name = dir.path().join("by-name.jsonl");
    tabletop()
        .args(["run", "tutorial", "--script", "tutorial", "--transcript"])
        .arg(&by_name)
        .assert()
        .success();
    let by_path = dir.path().join("by-path.jsonl");
    tabletop()
        .args([
            "run",
            "tutorial",
            "--script",
            "scenarios/scripts/tutorial.toml",
            "--transcript",
        ])
        .arg(&by_path)
        .assert()
        .success();
    // The same inputs give the same events, whichever way they were named
    // (only the real time of recording differs).
    let events = |path: &std::path::Path| {
        tabletop_core::transcript::read_transcript(path)
            .unwrap()
            .records
    };
    assert_eq!(events(&by_name), events(&by_path));
    tabletop()
        .args(["run", "tutorial", "--script", "tutorail", "--transcript"])
        .arg(dir.path().join("typo.jsonl"))
        .assert()
        .code(2)
        .stdout(predicate::str::contains("did you mean `tutorial`?"));
    tabletop()
        .args([
            "score",
            "transcripts/tutorial.jsonl",
            "--plan",
            "hipaa-healthcare",
        ])
        .assert()
        .success();
}

#[test]
fn present_refuses_what_is_not_a_transcript_before_touching_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("gone.jsonl");
    tabletop()
        .arg("present")
        .arg(&missing)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("cannot read").and(predicate::str::contains("gone.jsonl")),
        );
    let notes = dir.path().join("notes.jsonl");
    std::fs::write(&notes, "hello\n").unwrap();
    tabletop()
        .arg("present")
        .arg(&notes)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("notes.jsonl: line 1"));
}
