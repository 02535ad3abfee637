//! MSEL spreadsheets in and out: every bundled scenario survives export and
//! import unchanged, and a designer's plain HSEEP MSEL becomes a scenario
//! that validates, with a TODO for each thing left to decide.

use assert_cmd::Command;
use tabletop_core::library::{SearchPath, bundled_files, find_plan};
use tabletop_core::msel;
use tabletop_core::scenario::{Inject, Scenario};
use tabletop_core::{DocumentKind, SourceFile, load_plan, load_scenario};

/// What must survive a round trip, as comparable text.
fn essence(s: &Scenario) -> Vec<String> {
    let ids = |v: &[tabletop_core::located::Located<String>]| {
        v.iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join(",")
    };
    let mut out = vec![
        format!(
            "scenario {} {} roles={}",
            s.scenario.id.as_str(),
            s.scenario.title,
            ids(&s.scenario.roles)
        ),
        format!(
            "duration {} start {:?}",
            *s.scenario.duration,
            s.scenario.start_instant()
        ),
        format!(
            "objectives {}",
            s.objectives
                .iter()
                .map(|o| format!("{}:{}", o.id.as_str(), ids(&o.actions)))
                .collect::<Vec<_>>()
                .join(";")
        ),
    ];
    let inject = |i: &Inject| {
        let decision = i.decision.as_ref().map(|d| {
            let options: Vec<String> = d
                .options
                .iter()
                .map(|o| {
                    format!(
                        "{}[{:?}] f={} v={} s={} n={:?}",
                        o.id.as_str(),
                        o.quality,
                        ids(&o.fulfils),
                        ids(&o.violates),
                        ids(&o.sets),
                        o.next.as_deref()
                    )
                })
                .collect();
            format!(
                "{} owners={} countdown={:?} {}",
                d.prompt,
                ids(&d.owners),
                d.countdown.as_deref(),
                options.join(" | ")
            )
        });
        format!(
            "inject {} {:?} title={} story={:?} pacing={:?} to={} expects={} sets={} requires={} unless={} end={} body={:?} artefacts={:?} decision={:?} questions={:?} facilitator={:?}",
            i.id.as_str(),
            i.number,
            i.title,
            i.story.as_deref(),
            i.pacing(),
            ids(&i.to),
            ids(&i.expects),
            ids(&i.sets),
            ids(&i.requires),
            ids(&i.unless),
            i.end,
            i.body.len(),
            i.artefacts.len(),
            decision,
            i.questions,
            i.facilitator
        )
    };
    out.extend(s.injects.iter().map(inject));
    for card in s.wildcards.iter().flat_map(|w| &w.cards) {
        out.push(format!(
            "card {} w={} expects={} to={}",
            card.id.as_str(),
            card.weight(),
            ids(&card.expects),
            ids(&card.to)
        ));
    }
    out
}

fn bundled_scenarios() -> Vec<SourceFile> {
    bundled_files()
        .into_iter()
        .filter(|f| f.kind == DocumentKind::Scenario)
        .map(|f| f.source)
        .collect()
}

fn plan_of(scenario: &Scenario) -> tabletop_core::Plan {
    let name = scenario.scenario.plan.as_ref().unwrap().to_string();
    let file = find_plan(&name, None, &SearchPath::only_bundled()).unwrap();
    load_plan(&file).unwrap().0
}

fn round_trip(via_xlsx: bool) {
    let scenarios = bundled_scenarios();
    assert!(scenarios.len() >= 9);
    for source in scenarios {
        let (unresolved, _) = load_scenario(&source, None).unwrap();
        let plan = plan_of(&unresolved);
        let (original, _) = load_scenario(&source, Some(&plan)).unwrap();
        let sheet = msel::export(&source.text).unwrap();
        let sheet = if via_xlsx {
            msel::read_workbook(&msel::write_xlsx(&sheet, "MSEL").unwrap()).unwrap()
        } else {
            msel::read_csv(&msel::write_csv(&sheet)).unwrap()
        };
        let imported = msel::import(&sheet, &plan, "ignored", &[]);
        let back = SourceFile::new(
            format!("{} (round trip)", source.name),
            imported.text.clone(),
        );
        let (again, _) = load_scenario(&back, Some(&plan))
            .unwrap_or_else(|e| panic!("{e}\n---\n{}", imported.text));
        same(&essence(&original), &essence(&again), &source.name);
        assert!(
            imported.todos.is_empty(),
            "{}: {:?}",
            source.name,
            imported.todos
        );
    }
}

#[test]
fn every_bundled_scenario_survives_csv_export_and_import() {
    round_trip(false);
}

#[test]
fn every_bundled_scenario_survives_xlsx_export_and_import() {
    round_trip(true);
}

#[test]
fn a_plain_hseep_msel_imports_to_a_scenario_that_validates() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("phishing.toml");
    let run = Command::cargo_bin("tabletop")
        .unwrap()
        .args([
            "import",
            "tests/fixtures/msel/hseep-phishing.csv",
            "--plan",
            "gdpr-midsize",
            "-o",
        ])
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("imported 13 row(s)"), "{stderr}");
    assert!(stderr.contains("it validates"), "{stderr}");
    assert!(
        stderr.contains("delivery method \"Carrier pigeon\" has no channel"),
        "{stderr}"
    );
    assert!(stderr.contains("write the decision's `prompt`"), "{stderr}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("# TODO row 14"),
        "the TODO sits at its inject"
    );

    let validate = Command::cargo_bin("tabletop")
        .unwrap()
        .arg("validate")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        validate.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&validate.stdout)
    );

    let plan = load_plan(&find_plan("gdpr-midsize", None, &SearchPath::only_bundled()).unwrap())
        .unwrap()
        .0;
    let (scenario, _) =
        load_scenario(&SourceFile::new("phishing.toml", text), Some(&plan)).unwrap();
    assert_eq!(scenario.injects.len(), 13);
    let decisions: Vec<&Inject> = scenario
        .injects
        .iter()
        .filter(|i| i.decision.is_some())
        .collect();
    assert_eq!(decisions.len(), 2);
    assert_eq!(decisions[0].decision.as_ref().unwrap().options.len(), 3);
    assert_eq!(
        decisions[1].decision.as_ref().unwrap().prompt,
        "Do we notify the supervisory authority now or wait for the full analysis?"
    );
    // "All" addresses everyone: no `to`.
    let bridge = scenario.inject("first-bridge-call").unwrap();
    assert!(bridge.to.is_empty());
    assert_eq!(
        bridge.pacing(),
        tabletop_core::scenario::Pacing::At("12m".parse().unwrap())
    );
    assert_eq!(bridge.number.as_deref(), Some("3"));
    // Expected player actions become suggested expectations; the prose stays.
    let alert = scenario.inject("mailbox-user-who-entered").unwrap();
    let expects: Vec<&str> = alert.expects.iter().map(|e| e.as_str()).collect();
    assert_eq!(
        expects,
        ["preserve-evidence", "reset-compromised-credentials"]
    );
    assert_eq!(
        alert.expected_action.as_deref(),
        Some("Preserve evidence; reset compromised credentials")
    );
    // "Players may ignore this" says no action is expected, on purpose.
    assert!(
        scenario
            .injects
            .last()
            .unwrap()
            .no_action_expected
            .is_some()
    );
    // Spreadsheet story times and roles by name.
    let notify = decisions[1];
    assert_eq!(
        notify
            .story
            .as_ref()
            .map(|s| s.resolve(scenario.scenario.start_instant()).to_string())
            .as_deref(),
        Some("Day 1 16:00")
    );
    let owners: Vec<&str> = notify
        .decision
        .as_ref()
        .unwrap()
        .owners
        .iter()
        .map(|o| o.as_str())
        .collect();
    assert_eq!(owners, ["privacy-officer", "legal"]);
}

#[test]
fn export_writes_every_format_and_refuses_nothing_it_can_read() {
    let dir = tempfile::tempdir().unwrap();
    for (format, check) in [
        ("csv", "Kind,Id,Inject #,Time"),
        ("md", "# MSEL: "),
        ("html", "<!DOCTYPE html>"),
    ] {
        let out = dir.path().join(format!("tutorial.{format}"));
        Command::cargo_bin("tabletop")
            .unwrap()
            .args(["export", "tutorial", "-o"])
            .arg(&out)
            .assert()
            .success();
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(
            text.starts_with(check),
            "{format}: {}",
            &text[..80.min(text.len())]
        );
    }
    let xlsx = dir.path().join("tutorial.xlsx");
    Command::cargo_bin("tabletop")
        .unwrap()
        .args(["export", "tutorial", "--format", "xlsx", "-o"])
        .arg(&xlsx)
        .assert()
        .success();
    let back = dir.path().join("back.toml");
    Command::cargo_bin("tabletop")
        .unwrap()
        .arg("import")
        .arg(&xlsx)
        .args(["--plan", "gdpr-midsize", "-o"])
        .arg(&back)
        .assert()
        .success();
    let original = tabletop_core::library::bundled_file("tutorial.toml").unwrap();
    let (a, _) = load_scenario(&original, None).unwrap();
    let (b, _) = load_scenario(
        &SourceFile::new("back", std::fs::read_to_string(&back).unwrap()),
        None,
    )
    .unwrap();
    same(&essence(&a), &essence(&b), "tutorial via xlsx");
}

/// Compares line by line, naming the first line that differs.
fn same(a: &[String], b: &[String], name: &str) {
    for (x, y) in a.iter().zip(b) {
        assert_eq!(x, y, "{name}: first difference");
    }
    assert_eq!(a.len(), b.len(), "{name}: number of injects and cards");
}

#[test]
fn exported_cells_are_never_formulas() {
    let text = "[scenario]\nid = \"f\"\ntitle = \"=HYPERLINK(\\\"http://x\\\")\"\nsummary = \"s\"\nduration = \"30m\"\nroles = [\"incident-commander\"]\n\n[[inject]]\nid = \"a\"\ntitle = \"@SUM(A1)\"\nbody = \"=1+1\"\nexpects = [\"triage-alert\"]\n";
    let sheet = msel::export(text).unwrap();
    let csv = String::from_utf8(msel::write_csv(&sheet)).unwrap();
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    assert!(csv.contains("'@SUM(A1)"), "{csv}");
    assert!(csv.contains("'=1+1"), "{csv}");
    // And they come back as written.
    let plan = load_plan(&find_plan("gdpr-midsize", None, &SearchPath::only_bundled()).unwrap())
        .unwrap()
        .0;
    let back = msel::import(&msel::read_csv(csv.as_bytes()).unwrap(), &plan, "f", &[]);
    assert!(back.text.contains("body = \"=1+1\""), "{}", back.text);
}
