//! Synthetic inputs for benchmarks and load tests: large but realistic in
//! shape. Built only with the `synthetic` feature.

use std::fmt::Write as _;
use std::io::Write as _;

use crate::SourceFile;
use crate::engine::{Command, ExerciseSetup, Speaker};
use crate::library::bundled_file;
use crate::session::{Exercise, Session};
use crate::transcript::encode_line;
use chrono::{DateTime, TimeDelta, Utc};

/// A scenario with `injects` injects against the bundled GDPR plan: every inject
/// has a story time, pacing, a body, expected actions and an artefact; every
/// tenth carries a three-option decision with a branch and a flag.
pub fn large_scenario(injects: usize) -> String {
    let mut out = String::from(
        r#"[scenario]
id = "generated"
title = "Generated scenario"
summary = "A long synthetic exercise for measuring the loader."
duration = "120m"
plan = "gdpr-midsize"
start = "Day 1 08:00"
roles = ["incident-commander", "it-security", "legal", "communications", "privacy-officer"]
tags = ["benchmark"]
attack = ["T1486", "T1567.002"]
csf = ["RS.MA", "RS.CO"]
"#,
    );
    let actions = [
        "triage-alert",
        "declare-incident",
        "preserve-evidence",
        "engage-legal",
        "notify-supervisory-authority",
    ];
    for i in 0..injects {
        let _ = write!(
            out,
            r#"
[[inject]]
id = "inject-{i}"
title = "Inject number {i}"
story = "+{minutes}m"
after = "30s"
from = "SOC analyst"
channel = "alert"
to = ["it-security", "incident-commander"]
body = """
Alert {i}: the endpoint agent on host FS-{host:02} reports mass renames of files
on the share \\\\fs-{host:02}\\finance. The analyst asks whether to isolate it.
"""
questions = ["Who decides on isolation?", "What do you tell the business?"]
expects = ["{a}", "{b}"]
sets = ["seen-{i}"]
facilitator = "Listen for who owns the call."

[[inject.artefact]]
kind = "log"
title = "EDR export"
text = """
2026-03-13T09:{sec:02}:00Z FS-{host:02} high  mass file rename (*.lockd)
2026-03-13T09:{sec:02}:04Z FS-{host:02} high  shadow copies deleted
"""
"#,
            minutes = i,
            host = i % 40,
            sec = i % 60,
            a = actions[i % actions.len()],
            b = actions[(i + 2) % actions.len()],
        );
        if i % 10 == 0 && i + 5 < injects {
            let _ = write!(
                out,
                r#"
[inject.decision]
prompt = "Isolate FS-{host:02}?"
owners = ["incident-commander"]
countdown = "5m"

[[inject.decision.option]]
id = "isolate"
label = "Isolate now"
quality = "strong"
fulfils = ["isolate-affected-systems"]
sets = ["isolated-{i}"]

[[inject.decision.option]]
id = "watch"
label = "Watch for ten minutes"
quality = "weak"
next = "inject-{next}"

[[inject.decision.option]]
id = "ignore"
label = "Ignore it"
quality = "harmful"
violates = ["isolate-affected-systems"]
"#,
                host = i % 40,
                next = i + 5,
            );
        }
    }
    out
}

/// A response script for `large_scenario(injects)`: every inject answered and
/// one action observed, every decision taken in time.
pub fn large_script(injects: usize) -> String {
    let mut out = String::from(
        r#"[script]
scenario = "generated"
team = "A team that answers everything"
seed = 3

[[participant]]
name = "Dana"
roles = ["incident-commander", "it-security"]
"#,
    );
    for i in 0..injects {
        let option = if i % 10 == 0 && i + 5 < injects {
            "option = \"isolate\"\n"
        } else {
            ""
        };
        let _ = write!(
            out,
            r#"
[[step]]
inject = "inject-{i}"
after = "10s"
role = "incident-commander"
by = "Dana"
{option}text = "We take inject {i} seriously."
observe = ["triage-alert"]
"#
        );
    }
    out
}

pub fn exercise(injects: usize) -> Exercise {
    let plan = bundled_file("plans/gdpr-midsize.toml").unwrap();
    Exercise::load(
        SourceFile::new("generated.toml", large_scenario(injects)),
        plan,
    )
    .unwrap()
}

/// A transcript of `events` events, written without fsync into `path`.
pub fn transcript_with(path: &std::path::Path, events: usize) {
    let exercise = exercise(400);
    let start: DateTime<Utc> = "2026-01-01T09:00:00Z".parse().unwrap();
    let session = Session::create(path, &exercise, ExerciseSetup::new(1), start).unwrap();
    // The session fsyncs; build the bulk of the lines with the engine directly.
    let mut engine = session.engine().clone();
    drop(session);
    let header = std::fs::read_to_string(path).unwrap();
    let mut prev = header
        .lines()
        .next()
        .and_then(|l| l.rsplit('"').nth(1))
        .unwrap()
        .to_string();
    let mut out =
        std::io::BufWriter::new(std::fs::OpenOptions::new().append(true).open(path).unwrap());
    let mut count = 0;
    let mut secs = 0;
    let commands = |secs: i64| -> Vec<Command> {
        // Ticks rotate through plan actions and roles, as a busy facilitator's would.
        let actions = [
            "triage-alert",
            "declare-incident",
            "preserve-evidence",
            "engage-legal",
            "notify-supervisory-authority",
        ];
        let roles = [
            "incident-commander",
            "it-security",
            "legal",
            "privacy-officer",
        ];
        match secs % 300 {
            0 => vec![Command::DeliverNext],
            n if n % 3 == 1 => vec![Command::Observe {
                action: actions[(secs as usize / 3) % actions.len()].into(),
                speaker: Speaker {
                    role: roles[(secs as usize / 7) % roles.len()].into(),
                    by: None,
                },
                item: None,
            }],
            _ => vec![Command::Note {
                text: format!("The team discusses point {secs} and agrees on next steps."),
                item: None,
            }],
        }
    };
    let mut first = true;
    while count < events {
        let list = if first {
            vec![Command::Start]
        } else {
            commands(secs)
        };
        first = false;
        for command in list {
            let Ok(records) = engine.handle(&command, start + TimeDelta::seconds(secs)) else {
                continue;
            };
            for record in records {
                let (line, hash) = encode_line(&record, &prev);
                prev = hash;
                writeln!(out, "{line}").unwrap();
                engine.apply(&record);
                count += 1;
            }
        }
        secs += 1;
    }
    out.flush().unwrap();
}
