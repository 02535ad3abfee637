//! `tabletop plan init`: a starter plan per regime validates, carries the
//! clocks docs/regulatory-clocks.md lists, and the bundled scenarios and
//! response scripts run against it.

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;
use tabletop_core::{SourceFile, load_plan, load_scenario};

fn tabletop() -> Command {
    let mut cmd = Command::cargo_bin("tabletop").unwrap();
    cmd.env("TABLETOP_DATA_DIR", "/nonexistent");
    cmd
}

fn init(dir: &Path, regimes: &str) -> std::path::PathBuf {
    let out = dir.join(format!("{}.toml", regimes.replace(',', "-")));
    tabletop()
        .args([
            "plan",
            "init",
            "--org",
            "Example GmbH",
            "--regimes",
            regimes,
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    tabletop()
        .args(["validate", "--strict"])
        .arg(&out)
        .assert()
        .success();
    out
}

/// The rows of the table in docs/regulatory-clocks.md:
/// (regime, obligation, deadline, from, action).
fn documented() -> Vec<[String; 5]> {
    let text = std::fs::read_to_string("docs/regulatory-clocks.md").unwrap();
    text.lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Regime") && !l.starts_with("| ---"))
        .map(|l| {
            let cells: Vec<String> = l.split('|').map(|c| c.trim().to_string()).collect();
            [
                cells[1].clone(),
                cells[2].clone(),
                cells[3].clone(),
                cells[4].clone(),
                cells[5].clone(),
            ]
        })
        .collect()
}

#[test]
fn each_regime_carries_the_clocks_the_docs_list() {
    let dir = tempfile::tempdir().unwrap();
    let rows = documented();
    let regimes: BTreeSet<String> = rows.iter().map(|r| r[0].clone()).collect();
    assert_eq!(regimes.len(), 9, "{regimes:?}");
    for regime in &regimes {
        let path = init(dir.path(), regime);
        let (plan, _) = load_plan(&SourceFile::new(
            "p",
            std::fs::read_to_string(&path).unwrap(),
        ))
        .unwrap();
        let expected: Vec<&[String; 5]> = rows.iter().filter(|r| &r[0] == regime).collect();
        assert_eq!(plan.obligations.len(), expected.len(), "{regime}");
        for [_, id, deadline, from, action] in expected.iter().map(|r| (*r).clone()) {
            let o = plan
                .obligation(&id)
                .unwrap_or_else(|| panic!("{regime}: no obligation {id}"));
            assert_eq!(o.deadline.to_string(), deadline, "{regime} {id}");
            assert_eq!(o.from.as_str(), from, "{regime} {id}");
            assert_eq!(o.actions[0].as_str(), action, "{regime} {id}");
            assert!(plan.action(&action).is_some(), "{regime}: action {action}");
            assert!(o.citation.is_some(), "{regime} {id} cites its source");
        }
        if regime == "sec" {
            let o = plan.obligation("sec-8k-item-1-05").unwrap();
            assert_eq!(o.calendar, Some(tabletop_core::time::Holidays::UsFederal));
        }
    }
    // All at once, and the other framework.
    init(
        dir.path(),
        &regimes.iter().cloned().collect::<Vec<_>>().join(","),
    );
    tabletop()
        .args([
            "plan",
            "init",
            "--org",
            "X",
            "--framework",
            "800-61r2",
            "--regimes",
            "gdpr",
        ])
        .assert()
        .success()
        .stdout(predicates::str::contains("framework = \"sp800-61r2\""));
    // A script that saw "notify-regulator" cannot say which of several
    // notices it meant: it is told to name one.
    let several = init(dir.path(), "gdpr,nis2");
    tabletop()
        .args(["run", "cloud-storage-exposure", "--plan"])
        .arg(&several)
        .args(["--script", "cloud-storage-exposure", "--transcript"])
        .arg(dir.path().join("several.jsonl"))
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "is carried out by several plan actions",
        ));
    tabletop()
        .args(["plan", "init", "--org", "X", "--regimes", "gdrp"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown regime `gdrp`"));
}

#[test]
fn a_bundled_gdpr_scenario_runs_against_a_starter_plan_and_is_covered() {
    let dir = tempfile::tempdir().unwrap();
    for (regimes, scenario) in [
        ("gdpr", "vendor-survey-leak"),
        ("gdpr,pci-dss,cyber-insurance", "cloud-storage-exposure"),
    ] {
        let plan_path = init(dir.path(), regimes);
        let plan_text = std::fs::read_to_string(&plan_path).unwrap();
        let (plan, _) = load_plan(&SourceFile::new("p", plan_text)).unwrap();
        let source = tabletop_core::library::bundled_file(&format!("{scenario}.toml")).unwrap();
        let (unresolved, _) = load_scenario(&source, None).unwrap();
        let (resolved, _) = load_scenario(&source, Some(&plan)).unwrap();
        let expected: BTreeSet<&str> = unresolved
            .injects
            .iter()
            .flat_map(|i| i.expects.iter().map(|e| e.as_str()))
            .collect();
        let uncovered = resolved.uncovered.len();
        let covered = expected.len() - uncovered.min(expected.len());
        assert!(
            covered * 100 >= expected.len() * 80,
            "{scenario}: {covered} of {} expectations covered ({:?} not)",
            expected.len(),
            resolved.uncovered
        );
        let transcript = dir.path().join(format!("{scenario}.jsonl"));
        tabletop()
            .args(["run", scenario, "--plan"])
            .arg(&plan_path)
            .args(["--script", scenario, "--transcript"])
            .arg(&transcript)
            .assert()
            .success();
        let score = tabletop()
            .arg("score")
            .arg(&transcript)
            .args(["--format", "json"])
            .output()
            .unwrap();
        let value: serde_json::Value = serde_json::from_slice(&score.stdout).unwrap();
        assert!(
            value["overall"].as_f64().unwrap() > 50.0,
            "{scenario}: {}",
            value["overall"]
        );
        assert!(
            value["obligations"]
                .as_array()
                .unwrap()
                .iter()
                .any(|o| o["obligation"] == "gdpr-art-33" && o["status"] == "met"),
            "the GDPR clock is judged"
        );
    }
}
