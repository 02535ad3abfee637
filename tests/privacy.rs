//! Privacy of exercise data: redacted copies, signatures, encrypted archives,
//! retention, and public reports, through the real binary.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use chrono::{DateTime, TimeDelta, Utc};
use tabletop_core::engine::ExerciseSetup;
use tabletop_core::headless::run_script;
use tabletop_core::library::{SearchPath, find_script, load_exercise};
use tabletop_core::session::Session;

fn tabletop() -> Command {
    let mut cmd = Command::cargo_bin("tabletop").unwrap();
    cmd.env("TABLETOP_DATA_DIR", "/nonexistent")
        .env("TABLETOP_CONFIG", "/nonexistent/config.toml");
    cmd
}

fn shipped() -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = std::fs::read_dir("transcripts")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    all.sort();
    assert!(all.len() >= 10);
    all
}

/// Every participant's full, first and family name in a transcript.
fn names(transcript: &Path) -> Vec<String> {
    let read = tabletop_core::transcript::read_transcript(transcript).unwrap();
    let mut out = Vec::new();
    for p in &read.header.participants {
        out.push(p.name.clone());
        let words: Vec<&str> = p
            .name
            .split_whitespace()
            .filter(|w| !w.ends_with('.'))
            .collect();
        if words.len() > 1 {
            out.push(words[0].to_string());
            out.push(words[words.len() - 1].to_string());
        }
    }
    out
}

/// `name` as a whole word in `text`.
fn mentions(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + name.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn score_json(transcript: &Path) -> String {
    let out = tabletop()
        .arg("score")
        .arg(transcript)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// The external tools the tests drive: CI installs them; elsewhere a test
/// that needs one says so and passes over that part.
fn tool(name: &str) -> bool {
    let found = Process::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("TABLETOP_REQUIRE_TOOLS").is_none(),
            "{name} is required here but not installed"
        );
        eprintln!("{name} is not installed: that part of the test is passed over");
    }
    found
}

#[test]
fn a_redacted_transcript_verifies_scores_the_same_and_names_no_one() {
    let dir = tempfile::tempdir().unwrap();
    for original in shipped() {
        let people = names(&original);
        for mode in ["pseudonyms", "roles"] {
            let copy = dir.path().join(format!(
                "{}-{mode}.jsonl",
                original.file_stem().unwrap().to_string_lossy()
            ));
            tabletop()
                .arg("redact")
                .arg(&original)
                .arg("-o")
                .arg(&copy)
                .args(["--names", mode, "--drop", "notes"])
                .assert()
                .success();
            tabletop().arg("verify").arg(&copy).assert().success();
            assert_eq!(
                score_json(&original),
                score_json(&copy),
                "{}",
                copy.display()
            );
            let text = std::fs::read_to_string(&copy).unwrap();
            for name in &people {
                assert!(
                    !mentions(&text, name),
                    "{}: {name} is still in it",
                    copy.display()
                );
            }
            let read = tabletop_core::transcript::read_transcript(&copy).unwrap();
            let redaction = read
                .header
                .redaction
                .expect("the header says it is a redaction");
            let bytes = std::fs::read(&original).unwrap();
            assert_eq!(
                redaction.of_sha256,
                tabletop_core::transcript::sha256_hex(&bytes)
            );
            assert_eq!(redaction.dropped, ["notes"]);
            for record in &read.records {
                if let tabletop_core::engine::Event::NoteAdded { text, .. } = &record.event {
                    assert_eq!(text, "(removed in redaction)");
                }
            }
        }
    }
}

#[test]
fn annotations_come_along_redacted() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("run.jsonl");
    std::fs::copy("transcripts/bec-wire-fraud.jsonl", &original).unwrap();
    let read = tabletop_core::transcript::read_transcript(&original).unwrap();
    let name = read.header.participants[0].name.clone();
    let mut store = tabletop_core::annotations::AnnotationStore::load(&original).unwrap();
    store
        .add(
            3,
            read.line_hash(3).unwrap(),
            tabletop_core::annotations::AnnotationKind::Strength,
            &format!("{name} called the bank at once."),
            Utc::now(),
        )
        .unwrap();
    let copy = dir.path().join("shared.jsonl");
    tabletop()
        .arg("redact")
        .arg(&original)
        .arg("-o")
        .arg(&copy)
        .assert()
        .success()
        .stderr(predicates::str::contains("1 annotation(s) carried over"));
    let sidecar = std::fs::read_to_string(dir.path().join("shared.jsonl.annotations")).unwrap();
    assert!(
        sidecar.contains("Participant 1 called the bank at once."),
        "{sidecar}"
    );
    assert!(!sidecar.contains(&name));
    // It still belongs to the copy's event 3.
    let copy_read = tabletop_core::transcript::read_transcript(&copy).unwrap();
    let copied = tabletop_core::annotations::AnnotationStore::load(&copy).unwrap();
    assert_eq!(copied.attached(|seq| copy_read.line_hash(seq)).len(), 1);
    // Dropped on request.
    let bare = dir.path().join("bare.jsonl");
    tabletop()
        .arg("redact")
        .arg(&original)
        .arg("-o")
        .arg(&bare)
        .args(["--drop", "annotations,responses"])
        .assert()
        .success();
    assert!(!dir.path().join("bare.jsonl.annotations").exists());
}

#[test]
fn a_signed_transcript_fails_after_a_recomputed_chain_or_a_cut() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("key");
    std::fs::copy("tests/fixtures/keys/facilitator", &key).unwrap();
    std::fs::set_permissions(&key, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let public = Path::new("tests/fixtures/keys/facilitator.pub");
    let signed = dir.path().join("run.jsonl");
    std::fs::copy("transcripts/tutorial.jsonl", &signed).unwrap();
    tabletop()
        .arg("sign")
        .arg(&signed)
        .arg("--key")
        .arg(&key)
        .assert()
        .success();
    tabletop()
        .arg("verify")
        .arg(&signed)
        .arg("--signer")
        .arg(public)
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "signed by facilitator@example.com",
        ));

    // Forged: one event changed and the whole chain written again, so the
    // chain alone checks out.
    let read = tabletop_core::transcript::read_transcript(&signed).unwrap();
    let mut records = read.records.clone();
    let last = records.last_mut().unwrap();
    last.wall += TimeDelta::seconds(1);
    let forged = dir.path().join("forged.jsonl");
    {
        let mut writer =
            tabletop_core::transcript::TranscriptWriter::create(&forged, &read.header).unwrap();
        writer.append(&records).unwrap();
    }
    std::fs::copy(
        dir.path().join("run.jsonl.sig"),
        dir.path().join("forged.jsonl.sig"),
    )
    .unwrap();
    tabletop().arg("verify").arg(&forged).assert().success();
    tabletop()
        .arg("verify")
        .arg(&forged)
        .arg("--signer")
        .arg(public)
        .assert()
        .code(1)
        .stdout(predicates::str::contains("signature does NOT verify"));

    // Cut: the last two lines removed at a line boundary.
    let text = std::fs::read_to_string(&signed).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let cut = dir.path().join("cut.jsonl");
    std::fs::write(&cut, lines[..lines.len() - 2].join("\n") + "\n").unwrap();
    std::fs::copy(
        dir.path().join("run.jsonl.sig"),
        dir.path().join("cut.jsonl.sig"),
    )
    .unwrap();
    tabletop()
        .arg("verify")
        .arg(&cut)
        .arg("--signer")
        .arg(public)
        .assert()
        .code(1);

    // A sidecar is signed and checked the same way, each in its own file.
    let sidecar = dir.path().join("run.jsonl.annotations");
    std::fs::write(
        &sidecar,
        "{\"op\":\"remove\",\"id\":1,\"at\":\"2026-01-01T00:00:00Z\"}\n",
    )
    .unwrap();
    tabletop()
        .arg("sign")
        .arg(&sidecar)
        .arg("--key")
        .arg(&key)
        .assert()
        .success();
    tabletop()
        .arg("verify")
        .arg(&sidecar)
        .arg("--signer")
        .arg(public)
        .assert()
        .success()
        .stdout(predicates::str::contains("only its signature was checked"));
    std::fs::write(&sidecar, "{}\n").unwrap();
    tabletop()
        .arg("verify")
        .arg(&sidecar)
        .arg("--signer")
        .arg(public)
        .assert()
        .code(1);

    // The standard tool accepts the signature.
    if tool("ssh-keygen") {
        let allowed = dir.path().join("allowed_signers");
        let key_line = std::fs::read_to_string(public).unwrap();
        std::fs::write(
            &allowed,
            format!("facilitator@example.com namespaces=\"tabletop\" {key_line}"),
        )
        .unwrap();
        let verified = Process::new("ssh-keygen")
            .args([
                "-Y",
                "verify",
                "-n",
                "tabletop",
                "-I",
                "facilitator@example.com",
                "-f",
            ])
            .arg(&allowed)
            .arg("-s")
            .arg(dir.path().join("run.jsonl.sig"))
            .stdin(std::fs::File::open(&signed).unwrap())
            .output()
            .unwrap();
        assert!(
            verified.status.success(),
            "{}",
            String::from_utf8_lossy(&verified.stderr)
        );
        tabletop()
            .arg("verify")
            .arg(&signed)
            .arg("--allowed-signers")
            .arg(&allowed)
            .assert()
            .success();
    }
}

#[test]
fn an_archive_opens_with_the_age_tool_to_identical_files() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = ["tutorial.jsonl", "vendor-survey-leak.jsonl"]
        .iter()
        .map(|n| {
            let to = dir.path().join(n);
            std::fs::copy(Path::new("transcripts").join(n), &to).unwrap();
            to
        })
        .collect();
    let sealed = dir.path().join("exercise.tar.age");
    // To the facilitator's SSH key: tabletop opens it with the private key.
    tabletop()
        .arg("archive")
        .args(&files)
        .arg("-o")
        .arg(&sealed)
        .arg("--to")
        .arg("tests/fixtures/keys/facilitator.pub")
        .assert()
        .success();
    let mode =
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&sealed).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600);
    let key = dir.path().join("key");
    std::fs::copy("tests/fixtures/keys/facilitator", &key).unwrap();
    let opened = dir.path().join("opened");
    tabletop()
        .args(["archive", "--open"])
        .arg(&sealed)
        .arg("-o")
        .arg(&opened)
        .arg("--identity")
        .arg(&key)
        .assert()
        .success();
    for f in &files {
        let name = f.file_name().unwrap();
        assert_eq!(
            std::fs::read(f).unwrap(),
            std::fs::read(opened.join(name)).unwrap()
        );
    }
    // Nothing leaves the folder it is opened into.
    tabletop()
        .args(["archive", "--open"])
        .arg(&sealed)
        .arg("-o")
        .arg(&opened)
        .arg("--identity")
        .arg(&key)
        .assert()
        .failure()
        .stderr(predicates::str::contains("exists"));

    if tool("age") && tool("age-keygen") {
        let identity = dir.path().join("identity.txt");
        let made = Process::new("age-keygen")
            .arg("-o")
            .arg(&identity)
            .output()
            .unwrap();
        assert!(made.status.success());
        let text = std::fs::read_to_string(&identity).unwrap();
        let recipient = text
            .lines()
            .find_map(|l| l.strip_prefix("# public key: "))
            .unwrap()
            .to_string();
        let for_age = dir.path().join("for-age.tar.age");
        tabletop()
            .arg("archive")
            .args(&files)
            .arg("-o")
            .arg(&for_age)
            .arg("--to")
            .arg(&recipient)
            .arg("--remove")
            .assert()
            .success()
            .stderr(predicates::str::contains("removed"));
        assert!(
            files.iter().all(|f| !f.exists()),
            "--remove removed the originals"
        );
        let tar = Process::new("age")
            .arg("-d")
            .arg("-i")
            .arg(&identity)
            .arg(&for_age)
            .output()
            .unwrap();
        assert!(
            tar.status.success(),
            "{}",
            String::from_utf8_lossy(&tar.stderr)
        );
        let out = dir.path().join("by-age");
        std::fs::create_dir(&out).unwrap();
        let mut untar = Process::new("tar")
            .arg("x")
            .arg("-C")
            .arg(&out)
            .stdin(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(untar.stdin.as_mut().unwrap(), &tar.stdout).unwrap();
        drop(untar.stdin.take());
        assert!(untar.wait().unwrap().success());
        for n in ["tutorial.jsonl", "vendor-survey-leak.jsonl"] {
            assert_eq!(
                std::fs::read(Path::new("transcripts").join(n)).unwrap(),
                std::fs::read(out.join(n)).unwrap(),
                "{n} comes out byte for byte"
            );
        }
    }
}

/// A tutorial run whose header says it was recorded at `recorded`.
fn run_recorded(path: &Path, recorded: DateTime<Utc>) -> Session {
    let exercise = load_exercise("tutorial", None, &SearchPath::only_bundled()).unwrap();
    let source = find_script("tutorial", &SearchPath::only_bundled()).unwrap();
    let script = tabletop_core::load::parse_script(&source).unwrap();
    let setup = ExerciseSetup {
        seed: 1,
        anonymous: false,
        participants: script
            .participants
            .iter()
            .map(|p| tabletop_core::engine::Participant {
                name: p.name.clone(),
                roles: p.roles.iter().map(|r| r.to_string()).collect(),
            })
            .collect(),
    };
    let mut session =
        Session::create_recorded(path, &exercise, setup, script.start(), recorded).unwrap();
    run_script(&mut session, &script, |_| {}).unwrap();
    session
}

#[test]
fn purge_removes_exactly_the_old_exercises_and_logs_their_disposal() {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc::now();
    drop(run_recorded(
        &dir.path().join("old.jsonl"),
        now - TimeDelta::days(200),
    ));
    drop(run_recorded(
        &dir.path().join("new.jsonl"),
        now - TimeDelta::days(10),
    ));
    // Old, and still being written: never touched.
    let running = run_recorded(
        &dir.path().join("running.jsonl"),
        now - TimeDelta::days(300),
    );
    for companion in [
        "old.jsonl.annotations",
        "old.jsonl.sig",
        "old-report.html",
        "old.jsonl.torn-1",
        "new.jsonl.sig",
    ] {
        std::fs::write(dir.path().join(companion), companion).unwrap();
    }
    // File times say nothing: the new exercise's file looks ancient.
    Process::new("touch")
        .args(["-d", "2001-01-01"])
        .arg(dir.path().join("new.jsonl"))
        .status()
        .unwrap();
    tabletop()
        .arg("purge")
        .arg(dir.path())
        .args(["--older-than", "90d", "--dry-run"])
        .assert()
        .success()
        .stdout(predicates::str::contains("old.jsonl (recorded"))
        .stdout(predicates::str::contains("with old-report.html"))
        .stdout(predicates::str::contains("running.jsonl is being written"));
    assert!(
        dir.path().join("old.jsonl").exists(),
        "a dry run removes nothing"
    );
    let sha = tabletop_core::transcript::sha256_hex(
        &std::fs::read(dir.path().join("old.jsonl")).unwrap(),
    );
    tabletop()
        .arg("purge")
        .arg(dir.path())
        .args(["--older-than", "90d"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "Removed 5 file(s) of 1 exercise(s)",
        ));
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            "disposal.log",
            "new.jsonl",
            "new.jsonl.sig",
            "running.jsonl"
        ]
    );
    let log = std::fs::read_to_string(dir.path().join("disposal.log")).unwrap();
    assert_eq!(log.lines().count(), 5);
    assert!(log.contains(&sha), "the transcript's SHA-256 is on record");
    assert!(
        !log.contains("phish"),
        "no content, only names and hashes: {log}"
    );
    drop(running);
}

#[test]
fn public_reports_of_the_shipped_transcripts_name_no_one_and_no_path() {
    let here = std::env::current_dir().unwrap();
    for transcript in shipped() {
        let people = names(&transcript);
        for format in ["md", "html", "json"] {
            let out = tabletop()
                .arg("report")
                .arg(here.join(&transcript))
                .args(["--audience", "public", "--format", format])
                .output()
                .unwrap();
            assert!(out.status.success());
            let text = String::from_utf8(out.stdout).unwrap();
            for name in &people {
                assert!(
                    !mentions(&text, name),
                    "{}: {format} names {name}",
                    transcript.display()
                );
            }
            assert!(
                !text.contains(&*here.to_string_lossy()),
                "{}: {format} holds the path",
                transcript.display()
            );
        }
    }
    // Trends name the folder, not where it lives.
    let out = tabletop()
        .arg("trends")
        .arg(here.join("transcripts"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains(&*here.to_string_lossy()),
        "{}",
        &text[..200.min(text.len())]
    );
}

#[test]
fn a_fifo_given_to_sign_or_verify_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.jsonl");
    let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    tabletop()
        .arg("sign")
        .arg(&fifo)
        .args(["--key", "tests/fixtures/keys/facilitator"])
        .timeout(std::time::Duration::from_secs(10))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("named pipe"));
    tabletop()
        .arg("verify")
        .arg(&fifo)
        .args(["--signer", "tests/fixtures/keys/facilitator.pub"])
        .timeout(std::time::Duration::from_secs(10))
        .assert()
        .code(1);
}
