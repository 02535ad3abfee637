//! Trends and annotations from the command line: the folder of example
//! transcripts, sidecar files, and what the report makes of them.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::Utc;
use predicates::prelude::PredicateBooleanExt;
use serde_json::Value;
use tabletop_core::annotations::{AnnotationKind, AnnotationStore};
use tabletop_core::transcript::read_transcript;

mod common;
use common::check_html;

fn tabletop(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tabletop").unwrap();
    cmd.current_dir(dir)
        .env("TABLETOP_DATA_DIR", "/nonexistent");
    cmd
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("transcripts")
        .join(name)
}

fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

#[test]
fn trends_cover_every_transcript_in_date_order_in_each_format() {
    let dir = tempfile::tempdir().unwrap();
    let json: Value = serde_json::from_str(&stdout(
        tabletop(dir.path())
            .arg("trends")
            .arg(example(""))
            .args(["--format", "json"]),
    ))
    .unwrap();
    let runs = json["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 15);
    let dates: Vec<&str> = runs
        .iter()
        .map(|r| r["started"].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    // Runs are numbered from 1, the same as the text and HTML views.
    let numbers: Vec<u64> = runs.iter().map(|r| r["number"].as_u64().unwrap()).collect();
    assert_eq!(numbers, (1..=15).collect::<Vec<_>>());
    // The weak teams miss the same kind of thing more than once, and each
    // run says what happened in it.
    let recurring = json["recurring"].as_array().unwrap();
    assert!(
        recurring
            .iter()
            .any(|r| r["occurrences"].as_array().unwrap().len() >= 3)
    );
    for r in recurring {
        for o in r["occurrences"].as_array().unwrap() {
            let n = o["run"].as_u64().unwrap();
            assert!((1..=15).contains(&n));
            assert!(!o["what"].as_str().unwrap().is_empty());
        }
    }
    // A clock merges only with the same regime's, across plans.
    assert!(
        recurring
            .iter()
            .filter(|r| r["topic"].as_str().unwrap().starts_with("obligation:"))
            .all(|r| r["topic"].as_str().unwrap().contains(' ')
                || r["topic"].as_str().unwrap().contains('.')),
        "obligations are keyed by regime: {recurring:?}"
    );

    let html = stdout(
        tabletop(dir.path())
            .arg("trends")
            .arg(example(""))
            .args(["--format", "html"]),
    );
    check_html(&html, "trends.html");
    assert!(html.contains("<svg"));

    let text = stdout(tabletop(dir.path()).arg("trends").arg(example("")));
    assert!(text.contains("Recurring areas for improvement"));
    assert!(
        !text.contains('\u{1b}'),
        "no colour codes when not a terminal"
    );

    tabletop(dir.path())
        .arg("trends")
        .arg(example(""))
        .args(["--format", "html", "-o", "trends.html"])
        .assert()
        .success();
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(dir.path().join("trends.html"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn trends_of_a_folder_without_transcripts_say_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.jsonl"), "not a transcript\n").unwrap();
    tabletop(dir.path())
        .args(["trends", "."])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("no transcript in"))
        .stderr(predicates::str::contains("1 files could not be read"));
}

#[test]
fn annotations_reach_the_report_and_never_the_transcript() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("run.jsonl");
    std::fs::copy(example("credential-stuffing-weak.jsonl"), &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let read = read_transcript(&path).unwrap();
    let mut store = AnnotationStore::load(&path).unwrap();
    let hash = |seq: u64| read.line_hash(seq).unwrap().to_string();
    store
        .add(
            5,
            &hash(5),
            AnnotationKind::Strength,
            "Calm first response to the alert",
            Utc::now(),
        )
        .unwrap();
    store
        .add(
            9,
            &hash(9),
            AnnotationKind::Improvement,
            "Nobody asked who owns the customer notice",
            Utc::now(),
        )
        .unwrap();
    store
        .add(
            12,
            &hash(12),
            AnnotationKind::Note,
            "Ask the team about the vendor call",
            Utc::now(),
        )
        .unwrap();
    // Written for another event: its hash does not match line 20.
    store
        .add(
            20,
            &hash(21),
            AnnotationKind::Strength,
            "Pinned to the wrong line",
            Utc::now(),
        )
        .unwrap();
    let removed = store
        .add(
            3,
            &hash(3),
            AnnotationKind::Note,
            "Typed on the wrong event",
            Utc::now(),
        )
        .unwrap()
        .id;
    store.remove(removed, Utc::now()).unwrap();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the transcript is as recorded"
    );

    let out = tabletop(dir.path())
        .args(["report", "run.jsonl", "--format", "json"])
        .assert()
        .success()
        .stderr(predicates::str::contains("annotation 4 is left out"));
    let report: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let from_trainer = |key: &str| -> Vec<String> {
        report[key]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["source"] == "annotation")
            .map(|f| f["analysis"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        from_trainer("strengths"),
        ["Calm first response to the alert"]
    );
    assert_eq!(
        from_trainer("improvements"),
        ["Nobody asked who owns the customer notice"]
    );
    assert_eq!(
        from_trainer("notes"),
        ["Ask the team about the vendor call"]
    );
    assert!(
        report["improvement_plan"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["issue"] == "Nobody asked who owns the customer notice"),
        "a trainer's area for improvement gets a plan item"
    );
    let md = stdout(tabletop(dir.path()).args(["report", "run.jsonl", "--format", "md"]));
    assert!(md.contains("From a trainer's annotation"));
    assert!(!md.contains("Typed on the wrong event"));
}

#[test]
fn a_torn_last_annotation_is_set_aside_and_the_next_one_lands_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("run.jsonl");
    std::fs::copy(example("tutorial.jsonl"), &path).unwrap();
    let read = read_transcript(&path).unwrap();
    let mut store = AnnotationStore::load(&path).unwrap();
    store
        .add(
            2,
            read.line_hash(2).unwrap(),
            AnnotationKind::Note,
            "first",
            Utc::now(),
        )
        .unwrap();
    // A crash mid-write leaves half a line.
    let sidecar = AnnotationStore::path_for(&path);
    let mut bytes = std::fs::read(&sidecar).unwrap();
    bytes.extend_from_slice(br#"{"op":"add","id":2,"seq":3,"line_ha"#);
    std::fs::write(&sidecar, &bytes).unwrap();
    let mut store = AnnotationStore::load(&path).unwrap();
    assert_eq!(store.items.len(), 1);
    assert_eq!(store.problems.len(), 1, "the torn line is reported");
    store
        .add(
            3,
            read.line_hash(3).unwrap(),
            AnnotationKind::Note,
            "second",
            Utc::now(),
        )
        .unwrap();
    let store = AnnotationStore::load(&path).unwrap();
    assert!(store.problems.is_empty(), "the torn line was replaced");
    let texts: Vec<&str> = store.items.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(texts, ["first", "second"]);
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&sidecar).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn review_of_a_file_that_is_not_a_transcript_fails_before_touching_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x.jsonl"), "hello\n").unwrap();
    tabletop(dir.path())
        .args(["review", "x.jsonl"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("x.jsonl"))
        .stdout(predicates::str::contains("\u{1b}[?1049h").not());
    tabletop(dir.path())
        .args(["review", "missing.jsonl"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("missing.jsonl"));
}

#[test]
fn two_reviews_of_one_transcript_keep_each_others_annotations() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("run.jsonl");
    std::fs::copy(example("tutorial.jsonl"), &path).unwrap();
    let read = read_transcript(&path).unwrap();
    let hash = |seq: u64| read.line_hash(seq).unwrap().to_string();
    let mut first = AnnotationStore::load(&path).unwrap();
    let mut second = AnnotationStore::load(&path).unwrap();
    let a = first
        .add(
            2,
            &hash(2),
            AnnotationKind::Note,
            "from the first",
            Utc::now(),
        )
        .unwrap()
        .id;
    let b = second
        .add(
            3,
            &hash(3),
            AnnotationKind::Note,
            "from the second",
            Utc::now(),
        )
        .unwrap()
        .id;
    assert_ne!(a, b, "ids stay unique across sessions");
    let store = AnnotationStore::load(&path).unwrap();
    let texts: Vec<&str> = store.items.iter().map(|x| x.text.as_str()).collect();
    assert_eq!(texts, ["from the first", "from the second"]);

    // A whole last line without its newline (written by hand) is kept.
    let sidecar = AnnotationStore::path_for(&path);
    let mut bytes = std::fs::read(&sidecar).unwrap();
    bytes.pop();
    std::fs::write(&sidecar, &bytes).unwrap();
    let mut store = AnnotationStore::load(&path).unwrap();
    assert_eq!(store.items.len(), 2);
    assert!(store.problems.is_empty());
    store
        .add(4, &hash(4), AnnotationKind::Note, "third", Utc::now())
        .unwrap();
    let store = AnnotationStore::load(&path).unwrap();
    assert_eq!(store.items.len(), 3);
}
