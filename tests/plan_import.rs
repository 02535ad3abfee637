//! `tabletop plan import`: a plan from the document an organisation has.

use assert_cmd::Command;
use tabletop_core::{SourceFile, load_plan};

fn tabletop() -> Command {
    let mut cmd = Command::cargo_bin("tabletop").unwrap();
    cmd.env("TABLETOP_DATA_DIR", "/nonexistent");
    cmd
}

#[test]
fn a_markdown_plan_imports_with_owners_and_deadlines_read() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("northwind.toml");
    let run = tabletop()
        .args([
            "plan",
            "import",
            "tests/fixtures/plans/northwind-irp.md",
            "--org",
            "Northwind Logistics",
            "-o",
        ])
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("read 21 action(s)"), "{stderr}");
    tabletop()
        .args(["validate", "--strict"])
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    let (plan, _) = load_plan(&SourceFile::new("p", text.clone())).unwrap();
    assert_eq!(plan.phases.len(), 5, "five phases from the headings");
    assert_eq!(plan.roles.len(), 7, "the roles table");
    assert_eq!(
        plan.role("privacy-officer").unwrap().name,
        "Data Protection Officer"
    );
    assert_eq!(plan.actions.len(), 21);
    // Owners as the document names them, deadlines from the prose.
    let triage = plan.action("triage-alert").unwrap();
    assert_eq!(triage.owner.as_str(), "it-security");
    assert_eq!(triage.deadline.as_ref().unwrap().to_string(), "30m");
    assert_eq!(
        triage.from.as_ref().map(|f| f.as_str()),
        Some("incident-reported")
    );
    let reset = plan.action("reset-compromised-credentials").unwrap();
    assert_eq!(
        reset.from.as_ref().map(|f| f.as_str()),
        Some("breach-confirmed")
    );
    let review = plan.action("lessons-learned-review").unwrap();
    assert_eq!(
        review.from.as_ref().map(|f| f.as_str()),
        Some("incident-closed")
    );
    let with_deadline = plan.actions.iter().filter(|a| a.deadline.is_some()).count();
    assert!(with_deadline >= 10, "{with_deadline}");
    // The GDPR sentence becomes the regime's clock, met by that action.
    let gdpr = plan.obligation("gdpr-art-33").unwrap();
    assert_eq!(gdpr.deadline.to_string(), "72h");
    assert_eq!(gdpr.actions[0].as_str(), "notify-regulator");
    // Unmatched lines are marked for the reader.
    assert!(text.contains("# TODO Tell customers and staff that services are back"));
    // A bundled scenario whose roles the plan has is checked against it.
    tabletop()
        .args(["validate", "scenarios/tutorial.toml", "--plan"])
        .arg(&out)
        .assert()
        .success();
}

#[test]
fn a_word_document_imports_the_same_way() {
    use docx_rs::{Docx, Paragraph, Run, Table, TableCell, TableRow};
    let cell =
        |t: &str| TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(t)));
    let para = |t: &str, style: Option<&str>| {
        let p = Paragraph::new().add_run(Run::new().add_text(t));
        match style {
            Some(s) => p.style(s),
            None => p,
        }
    };
    let docx = Docx::new()
        .add_paragraph(para("Contoso Incident Plan", Some("Title")))
        .add_table(Table::new(vec![
            TableRow::new(vec![cell("Role"), cell("Who")]),
            TableRow::new(vec![cell("Incident Commander"), cell("IT manager")]),
            TableRow::new(vec![cell("Security Lead"), cell("SOC")]),
        ]))
        .add_paragraph(para("Detection", Some("Heading2")))
        .add_paragraph(para(
            "Triage the alert within 30 minutes of the report (Owner: Security Lead)",
            Some("ListParagraph"),
        ))
        .add_paragraph(para(
            "Declare the incident within 1 hour (Owner: Incident Commander)",
            Some("ListParagraph"),
        ));
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut bytes).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("contoso.docx");
    std::fs::write(&doc, bytes.into_inner()).unwrap();
    let out = dir.path().join("contoso.toml");
    tabletop()
        .args(["plan", "import"])
        .arg(&doc)
        .args(["--org", "Contoso", "-o"])
        .arg(&out)
        .assert()
        .success();
    let (plan, _) = load_plan(&SourceFile::new(
        "p",
        std::fs::read_to_string(&out).unwrap(),
    ))
    .unwrap();
    assert_eq!(plan.plan.title, "Contoso Incident Plan");
    assert_eq!(plan.actions.len(), 2);
    assert_eq!(
        plan.action("triage-alert").unwrap().owner.as_str(),
        "it-security"
    );
    assert_eq!(
        plan.action("declare-incident")
            .unwrap()
            .deadline
            .as_ref()
            .unwrap()
            .to_string(),
        "1h"
    );
}
