//! Authoring through the real binary: plans shown by id, suggestions for
//! unknown ids, response scripts validated, and files that cannot be used
//! named with the reason.

use assert_cmd::Command;
use predicates::prelude::*;
use tabletop_core::library::{SearchPath, find_plan};
use tabletop_core::load_plan;

fn tabletop() -> Command {
    let mut cmd = Command::cargo_bin("tabletop").unwrap();
    cmd.env("TABLETOP_DATA_DIR", "/nonexistent")
        .env("NO_COLOR", "1");
    cmd
}

#[test]
fn plan_show_lists_every_action_id_of_both_bundled_plans() {
    for id in ["gdpr-midsize", "hipaa-healthcare"] {
        let plan = load_plan(&find_plan(id, None, &SearchPath::only_bundled()).unwrap())
            .unwrap()
            .0;
        let output = tabletop().args(["plan", "show", id]).output().unwrap();
        assert!(output.status.success());
        let text = String::from_utf8(output.stdout).unwrap();
        for action in &plan.actions {
            assert!(
                text.lines()
                    .any(|l| l.trim_start().starts_with(action.id.as_str())),
                "{id}: {} missing",
                action.id.as_str()
            );
        }
        for role in &plan.roles {
            assert!(text.contains(role.id.as_str()));
        }
        let json = tabletop()
            .args(["plan", "show", id, "--json"])
            .output()
            .unwrap();
        let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        let listed: usize = value["phases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["actions"].as_array().unwrap().len())
            .sum();
        assert_eq!(listed, plan.actions.len());
    }
    tabletop()
        .args(["plan", "show", "gdpr-midsiz"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `gdpr-midsize`?"));
}

#[test]
fn an_unknown_action_with_a_one_letter_typo_gets_did_you_mean() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("scenarios/tutorial.toml")
        .unwrap()
        .replacen("\"triage-alert\"", "\"triage-alrt\"", 1);
    let path = dir.path().join("typo.toml");
    std::fs::write(&path, text).unwrap();
    tabletop()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "unknown plan action `triage-alrt`",
        ))
        .stdout(predicate::str::contains("did you mean `triage-alert`?"));
    // Nothing close: every id is listed.
    let text = std::fs::read_to_string("scenarios/tutorial.toml")
        .unwrap()
        .replacen("\"triage-alert\"", "\"zzz\"", 1);
    std::fs::write(&path, text).unwrap();
    tabletop()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("known actions: "))
        .stdout(predicate::str::contains("lessons-learned-review"));
}

#[test]
fn validate_checks_a_response_script_against_its_scenario() {
    tabletop()
        .args(["validate", "scenarios/scripts/tutorial.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "response script for `tutorial`: 13 steps, plan `gdpr-midsize`",
        ));
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("scenarios/scripts/tutorial.toml")
        .unwrap()
        .replacen("role = \"it-security\"", "role = \"it-securty\"", 1);
    let path = dir.path().join("script.toml");
    std::fs::write(&path, text).unwrap();
    tabletop()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("unknown role `it-securty`"));
}

#[test]
fn list_names_each_file_it_skipped_and_why() {
    let data = tempfile::tempdir().unwrap();
    let folder = data.path().join("scenarios");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(
        folder.join("broken.toml"),
        "# mine\n[scenario\nid = \"x\"\n",
    )
    .unwrap();
    std::fs::write(folder.join("settings.toml"), "colour = \"blue\"\n").unwrap();
    Command::cargo_bin("tabletop")
        .unwrap()
        .args(["list"])
        .env("TABLETOP_DATA_DIR", data.path())
        .current_dir(data.path().join(".."))
        .assert()
        .success()
        .stdout(predicate::str::contains("tutorial"))
        .stderr(predicate::str::contains(
            "broken.toml: line 2, column 10: invalid TOML",
        ))
        .stderr(predicate::str::contains(
            "settings.toml: neither a scenario, a plan nor a response script",
        ));
}

#[test]
fn plan_diff_names_what_changed_and_the_report_says_which_plan_it_ran_with() {
    let dir = tempfile::tempdir().unwrap();
    let newer = dir.path().join("gdpr-5.toml");
    let text = std::fs::read_to_string("scenarios/plans/gdpr-midsize.toml")
        .unwrap()
        .replacen("deadline = \"72h\"", "deadline = \"24h\"", 1)
        .replacen("version = \"4.1\"", "version = \"5.0\"", 1);
    std::fs::write(&newer, text).unwrap();
    tabletop()
        .args(["plan", "diff", "gdpr-midsize"])
        .arg(&newer)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "gdpr-midsize 4.1 → gdpr-midsize 5.0",
        ))
        .stdout(predicate::str::contains(
            "~ action notify-supervisory-authority",
        ))
        .stdout(predicate::str::contains("deadline: 72h → 24h"));
    tabletop()
        .args(["report", "transcripts/tutorial.jsonl", "--plan"])
        .arg(&newer)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "the one the exercise ran with (gdpr-midsize 4.1); they differ in 1 action,",
        ));
    tabletop()
        .args(["plan", "diff", "gdpr-midsize", "gdpr-midsize"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no differences"));
}
