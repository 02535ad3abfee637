//! Scores and reports of hand-built exercises (tests/fixtures/scoring), worked
//! out by hand, and the report files: snapshots, well-formed self-contained
//! HTML, and private atomic writes.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

mod common;
use common::check_html;

fn tabletop(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tabletop").unwrap();
    cmd.current_dir(dir)
        .env("TABLETOP_DATA_DIR", "/nonexistent");
    cmd
}

/// Runs a fixture team's script; the transcript lands in `dir/<team>.jsonl`.
/// The fixtures are copied in and named by relative path, so the transcript
/// (which records where its scenario came from) is the same in any checkout.
fn play(dir: &Path, team: &str) -> PathBuf {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scoring");
    for file in ["scenario.toml", "plan.toml", &format!("{team}.toml")] {
        std::fs::copy(fixtures.join(file), dir.join(file)).unwrap();
    }
    let path = dir.join(format!("{team}.jsonl"));
    tabletop(dir)
        .args(["run", "scenario.toml", "--plan", "plan.toml", "--script"])
        .arg(format!("{team}.toml"))
        .arg("--transcript")
        .arg(format!("{team}.jsonl"))
        .assert()
        .success();
    path
}

fn stdout(dir: &Path, args: &[&str]) -> String {
    let out = tabletop(dir).args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

fn json(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&stdout(dir, args)).unwrap()
}

fn action<'a>(score: &'a Value, id: &str) -> &'a Value {
    score["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["action"] == id)
        .unwrap()
}

#[test]
fn a_team_that_meets_every_deadline_scores_as_worked_out() {
    let dir = tempfile::tempdir().unwrap();
    play(dir.path(), "on-time");
    let s = json(dir.path(), &["score", "on-time.jsonl", "--format", "json"]);
    // Triage at exactly 30m and declaring at exactly 1h: a deadline met to the second.
    assert_eq!(action(&s, "triage")["outcome"], "met");
    assert_eq!(action(&s, "triage")["margin_secs"], 0);
    assert_eq!(action(&s, "declare")["margin_secs"], 0);
    // Declaring raised incident-declared at Day 1 10:00; contain due 12:00, done 10:35.
    assert_eq!(action(&s, "contain")["margin_secs"], 85 * 60);
    assert_eq!(action(&s, "no-ransom")["outcome"], "met");
    // A recommended action that is done counts in full.
    assert_eq!(action(&s, "holding-statement")["points"], 2.0);
    assert_eq!(action(&s, "restore")["outcome"], "not_exercised");
    // 21 of 21 points; both decisions strong; 19 of the 21 required weight tested.
    assert_eq!(s["actions_score"], 100.0);
    assert_eq!(s["decisions_score"], 100.0);
    assert_eq!(s["overall"], 100);
    assert!((s["coverage"].as_f64().unwrap() - 100.0 * 19.0 / 21.0).abs() < 1e-9);
    assert_eq!(s["phases"][0]["rating"], "P");
    assert_eq!(s["phases"][2]["rating"], "not_exercised");
    // Notified at Day 2 09:10 against Day 5 09:00.
    let clock = &s["obligations"][0];
    assert_eq!(clock["status"], "met");
    assert_eq!(clock["margin_secs"], 72 * 3600 - 600);
}

#[test]
fn a_late_team_loses_what_the_model_says_it_loses() {
    let dir = tempfile::tempdir().unwrap();
    play(dir.path(), "late");
    let s = json(dir.path(), &["score", "late.jsonl", "--format", "json"]);
    // One second late: half of 2.
    assert_eq!(action(&s, "triage")["outcome"], "met_late");
    assert_eq!(action(&s, "triage")["margin_secs"], -1);
    assert_eq!(action(&s, "triage")["points"], 1.0);
    // IT Security declared instead of the Incident Commander: 0.75 of 3.
    assert_eq!(action(&s, "declare")["outcome"], "met_by_other_role");
    assert_eq!(action(&s, "declare")["points"], 2.25);
    assert_eq!(action(&s, "contain")["outcome"], "missed");
    // The ransom countdown ran out: no decision, so the plan action it tested is missed.
    assert_eq!(action(&s, "no-ransom")["outcome"], "missed");
    assert_eq!(s["decisions"][0]["option"], Value::Null);
    assert_eq!(action(&s, "notify-regulator")["outcome"], "violated");
    // Recommended and not done: not counted either way.
    assert_eq!(action(&s, "holding-statement")["possible"], 0.0);
    // Actions 3.25 / 19 = 17.1; decisions 0; overall 0.75 * 17.1 = 12.8.
    assert!((s["actions_score"].as_f64().unwrap() - 100.0 * 3.25 / 19.0).abs() < 1e-9);
    assert_eq!(s["decisions_score"], 0.0);
    assert_eq!(s["overall"], 13);
    // Detect: 3.25 of 5 is exactly 65, the lowest S; Respond has a violation and scores 0.
    assert_eq!(s["phases"][0]["score"], 65.0);
    assert_eq!(s["phases"][0]["rating"], "S");
    assert_eq!(s["phases"][1]["rating"], "U");
    // Never notified; the story ended at Day 5 12:01, 3h 1m past the deadline.
    let clock = &s["obligations"][0];
    assert_eq!(clock["status"], "missed");
    assert_eq!(clock["margin_secs"], -(3 * 3600 + 60));
}

#[test]
fn score_and_report_outputs_match_their_snapshots() {
    // A transcript's hashes cover the real time it was recorded, which
    // differs on every run: they are masked, everything else must match.
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r"[0-9a-f]{64}", "[HASH]");
    let _masked = settings.bind_to_scope();
    let dir = tempfile::tempdir().unwrap();
    for team in ["on-time", "late"] {
        play(dir.path(), team);
        let file = format!("{team}.jsonl");
        insta::assert_snapshot!(
            format!("score_text_{team}"),
            stdout(dir.path(), &["score", &file])
        );
        insta::assert_snapshot!(
            format!("report_md_{team}"),
            stdout(dir.path(), &["report", &file, "--format", "md"])
        );
    }
    insta::assert_snapshot!(
        "score_json_late",
        stdout(dir.path(), &["score", "late.jsonl", "--format", "json"])
    );
    insta::assert_snapshot!(
        "report_json_late",
        stdout(dir.path(), &["report", "late.jsonl", "--format", "json"])
    );
}

#[test]
fn html_reports_are_well_formed_and_load_nothing_from_outside() {
    let dir = tempfile::tempdir().unwrap();
    let mut transcripts = vec![play(dir.path(), "on-time"), play(dir.path(), "late")];
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("transcripts");
    let mut bundled: Vec<PathBuf> = std::fs::read_dir(examples)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    bundled.sort();
    transcripts.extend(bundled);
    for transcript in &transcripts {
        let html = String::from_utf8(
            tabletop(dir.path())
                .arg("report")
                .arg(transcript)
                .args(["--format", "html"])
                .assert()
                .success()
                .get_output()
                .stdout
                .clone(),
        )
        .unwrap();
        check_html(&html, &transcript.display().to_string());
        assert!(html.contains("<svg"), "charts are inline SVG");
    }
}

#[test]
fn text_from_the_scenario_cannot_become_markup() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scoring");
    let hostile = std::fs::read_to_string(fixtures.join("scenario.toml"))
        .unwrap()
        .replace(
            "title = \"Scoring test\"",
            "title = \"<script>alert(1)</script> | `x` [link](https://example.com)\"",
        );
    std::fs::write(dir.path().join("scenario.toml"), hostile).unwrap();
    std::fs::copy(fixtures.join("plan.toml"), dir.path().join("plan.toml")).unwrap();
    tabletop(dir.path())
        .args(["run", "scenario.toml", "--plan", "plan.toml", "--script"])
        .arg(fixtures.join("late.toml"))
        .args(["--transcript", "t.jsonl"])
        .assert()
        .success();
    let html = stdout(dir.path(), &["report", "t.jsonl", "--format", "html"]);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script>"));
    let md = stdout(dir.path(), &["report", "t.jsonl", "--format", "md"]);
    assert!(md.contains(r"\<script\>alert(1)\</script\> \| \`x\` \[link\](https://example.com)"));
}

#[test]
fn report_files_are_written_whole_and_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    play(dir.path(), "late");
    // The format follows the extension when --format is not given.
    tabletop(dir.path())
        .args(["report", "late.jsonl", "-o", "aar.html"])
        .assert()
        .success();
    let html = std::fs::read_to_string(dir.path().join("aar.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    let mode = std::fs::metadata(dir.path().join("aar.html"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    // Replacing a world-readable file leaves a private one.
    std::fs::write(dir.path().join("aar.md"), "old").unwrap();
    std::fs::set_permissions(
        dir.path().join("aar.md"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    tabletop(dir.path())
        .args(["report", "late.jsonl", "-o", "aar.md"])
        .assert()
        .success();
    let md = std::fs::read_to_string(dir.path().join("aar.md")).unwrap();
    assert!(md.starts_with("# After-action report"));
    let mode = std::fs::metadata(dir.path().join("aar.md"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    // No temporary file is left behind.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "aar.html",
            "aar.md",
            "late.jsonl",
            "late.toml",
            "plan.toml",
            "scenario.toml"
        ]
    );
    // The transcript itself is never the output.
    let before = std::fs::read(dir.path().join("late.jsonl")).unwrap();
    tabletop(dir.path())
        .args(["report", "late.jsonl", "-o", "./late.jsonl"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is the transcript itself"));
    assert_eq!(
        std::fs::read(dir.path().join("late.jsonl")).unwrap(),
        before
    );
    // A folder that does not exist is an error, not a panic.
    tabletop(dir.path())
        .args(["report", "late.jsonl", "-o", "missing/aar.md"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("could not write missing/aar.md"));
}

#[test]
fn an_anonymous_report_names_no_one() {
    let dir = tempfile::tempdir().unwrap();
    play(dir.path(), "late");
    let named = stdout(dir.path(), &["report", "late.jsonl", "--format", "md"]);
    assert!(named.contains("Robin Example"), "{named}");
    for format in ["md", "html", "json"] {
        let text = stdout(
            dir.path(),
            &["report", "late.jsonl", "--anonymous", "--format", format],
        );
        for name in ["Alex Example", "Sam Example", "Robin Example"] {
            assert!(!text.contains(name), "{format}: {name} is named");
        }
        assert!(text.contains("Legal"), "{format}: roles stay");
    }
}

#[test]
fn a_damaged_transcript_is_reported_with_a_warning_up_to_the_damage() {
    let dir = tempfile::tempdir().unwrap();
    let path = play(dir.path(), "on-time");
    // Change the team's decision in the recorded event, not in the header's copy.
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            if l.contains("\"decision_taken\"") {
                l.replace("notify-now", "say-nothing")
            } else {
                l.to_string()
            }
        })
        .collect();
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let out = tabletop(dir.path())
        .args(["report", "on-time.jsonl", "--format", "md"])
        .assert()
        .success()
        .stderr(predicates::str::contains("warning"));
    let md = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(md.contains("**NOT intact**"), "{md}");
    let top = md.lines().take(4).collect::<Vec<_>>().join("\n");
    assert!(
        top.contains("Transcript not intact"),
        "warned at the top: {top}"
    );
}

#[test]
fn the_strong_and_weak_example_teams_are_told_why() {
    let dir = tempfile::tempdir().unwrap();
    for id in [
        "ransomware-file-servers",
        "vendor-survey-leak",
        "credential-stuffing",
    ] {
        let report = |team: &str| {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(format!("transcripts/{id}-{team}.jsonl"));
            json(
                dir.path(),
                &["report", path.to_str().unwrap(), "--format", "json"],
            )
        };
        let (strong, weak) = (report("strong"), report("weak"));
        let high = |r: &Value| {
            r["improvement_plan"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|i| i["priority"] == "high")
                .count()
        };
        let count = |r: &Value, key: &str| r[key].as_array().unwrap().len();
        assert!(high(&weak) >= 2, "{id}: the weak team has serious gaps");
        assert!(high(&strong) < high(&weak), "{id}");
        assert!(
            count(&strong, "strengths") > count(&weak, "strengths"),
            "{id}"
        );
        assert!(
            count(&weak, "improvements") > count(&strong, "improvements"),
            "{id}"
        );
        // Every finding cites the transcript.
        for r in [&strong, &weak] {
            for f in r["strengths"]
                .as_array()
                .unwrap()
                .iter()
                .chain(r["improvements"].as_array().unwrap())
            {
                assert!(!f["evidence"].as_array().unwrap().is_empty(), "{id}: {f}");
            }
        }
    }
}

#[test]
fn every_report_opens_with_the_summary_ranked_by_consequence() {
    let path = "transcripts/ransomware-file-servers-weak.jsonl";
    let md = String::from_utf8(
        Command::cargo_bin("tabletop")
            .unwrap()
            .args(["report", path, "--format", "md"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let first_section = md.lines().find(|l| l.starts_with("## ")).unwrap();
    assert_eq!(first_section, "## Summary");
    assert!(md.contains("/100**"), "scores say what they are out of");
    // A patient-safety failure outranks the insurer's late notice.
    let safety = md.find("(safety)").expect("the safety step is named");
    let contract = md
        .find("(contract at risk)")
        .expect("the insurer's clock is named");
    assert!(safety < contract, "{md}");
    let html = String::from_utf8(
        Command::cargo_bin("tabletop")
            .unwrap()
            .args(["report", path, "--format", "html"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let summary = html.find("id=\"summary\"").unwrap();
    assert!(summary < html.find("Exercise overview").unwrap());
}

#[test]
fn every_objective_is_assessed_from_its_evidence() {
    let objectives = |path: &str| -> Vec<String> {
        let json: Value = serde_json::from_slice(
            &Command::cargo_bin("tabletop")
                .unwrap()
                .args(["report", path, "--format", "json"])
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap();
        json["objectives"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| {
                assert!(!o["evidence"].as_array().unwrap().is_empty(), "{o}");
                o["verdict"].as_str().unwrap().to_string()
            })
            .collect()
    };
    let strong = objectives("transcripts/ransomware-file-servers-strong.jsonl");
    let weak = objectives("transcripts/ransomware-file-servers-weak.jsonl");
    assert_eq!(strong.len(), 5);
    assert!(strong.iter().all(|v| v == "met"), "{strong:?}");
    assert!(
        weak.iter().filter(|v| *v == "not_met").count() >= 3,
        "{weak:?}"
    );
}

#[test]
fn audiences_leave_out_what_is_not_theirs() {
    let path = "transcripts/ransomware-file-servers-weak.jsonl";
    let report = |args: &[&str]| {
        let output = Command::cargo_bin("tabletop")
            .unwrap()
            .args(["report", path])
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    let facilitator = report(&["--format", "md"]);
    assert!(facilitator.contains("Facilitator note"));
    let team = report(&["--format", "md", "--audience", "team"]);
    assert!(
        !team.contains("Facilitator note"),
        "the facilitator's notes are theirs"
    );
    assert!(
        team.contains("Sandra Ruiz"),
        "the team's own report keeps names"
    );
    // The people in the room, by full name and by first name.
    let names = [
        "Kevin", "Priya", "Howard", "Marcus", "Sandra", "Frank", "Doyle", "Ruiz",
    ];
    for format in ["md", "html", "json"] {
        let public = report(&["--format", format, "--audience", "public"]);
        for name in names {
            assert!(!public.contains(name), "{format}: {name} is named");
        }
        assert!(!public.contains("Facilitator note"), "{format}");
        assert!(
            !public.contains(env!("CARGO_MANIFEST_DIR")),
            "{format}: a local path"
        );
    }
    // --anonymous alone takes names out of quoted responses too.
    let anonymous = report(&["--format", "md", "--anonymous"]);
    for name in names {
        assert!(!anonymous.contains(name), "{name} is named");
    }
}

#[test]
fn the_improvement_plan_has_one_item_per_root_cause_ranked_by_consequence() {
    let json: Value = serde_json::from_slice(
        &Command::cargo_bin("tabletop")
            .unwrap()
            .args([
                "report",
                "transcripts/ransomware-file-servers-weak.jsonl",
                "--format",
                "json",
            ])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let items = json["improvement_plan"].as_array().unwrap();
    let issues: Vec<&str> = items.iter().map(|i| i["issue"].as_str().unwrap()).collect();
    // The insurer's clock and its late notice are one root cause.
    assert!(
        issues.iter().any(|i| i.contains("Cyber insurance")),
        "{issues:?}"
    );
    assert!(
        !issues
            .iter()
            .any(|i| i.contains("Late: Notify the cyber insurer")),
        "{issues:?}"
    );
    // Patients' safety comes first.
    assert!(issues[0].contains("patient safety"), "{issues:?}");
    // Not everything starts or falls due on one day, and each item can be followed up.
    let starts: std::collections::BTreeSet<&str> =
        items.iter().map(|i| i["start"].as_str().unwrap()).collect();
    assert!(starts.len() > 1);
    for item in items {
        assert_eq!(item["status"], "open");
        assert!(item["poete"].is_string());
    }
}

#[test]
fn an_objective_named_by_its_injects_is_assessed_from_what_they_expect() {
    let dir = tempfile::tempdir().unwrap();
    play(dir.path(), "on-time");
    // The same scenario, its objective linked only from the injects.
    let scenario = std::fs::read_to_string(dir.path().join("scenario.toml"))
        .unwrap()
        .replace(
            "expects = [\"triage\", \"declare\"]",
            "expects = [\"triage\", \"declare\"]\nobjectives = [\"declare-fast\"]",
        )
        .replace(
            "expects = [\"contain\"]",
            "expects = [\"contain\"]\nobjectives = [\"declare-fast\"]",
        )
        + "\n[[objective]]\nid = \"declare-fast\"\ntext = \"Triage, declare and contain in time\"\n";
    std::fs::write(dir.path().join("scenario.toml"), scenario).unwrap();
    tabletop(dir.path())
        .args(["validate", "scenario.toml", "--plan", "plan.toml"])
        .assert()
        .success();
    tabletop(dir.path())
        .args([
            "run",
            "scenario.toml",
            "--plan",
            "plan.toml",
            "--script",
            "on-time.toml",
        ])
        .args(["--transcript", "linked.jsonl"])
        .assert()
        .success();
    let report = json(dir.path(), &["report", "linked.jsonl", "--format", "json"]);
    let objective = report["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "declare-fast")
        .unwrap();
    let evidence: Vec<&str> = objective["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert!(
        evidence.len() >= 4,
        "three actions and a decision: {evidence:?}"
    );
    assert!(
        evidence
            .iter()
            .any(|e| e.starts_with("decision at \"Ransom note\"")),
        "{evidence:?}"
    );
    assert_ne!(objective["verdict"], "not_exercised");
}
