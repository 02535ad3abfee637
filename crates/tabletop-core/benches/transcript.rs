//! Replaying a 100,000-event transcript against plain serde_json parsing of the
//! same lines; appending with fsync per event against a bare write + fsync.

use tabletop_core::synthetic as support;

use std::hint::black_box;
use std::io::Write;

use chrono::{DateTime, TimeDelta, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use tabletop_core::engine::{Command, ExerciseSetup};
use tabletop_core::session::{Exercise, Session};
use tabletop_core::transcript::{encode_line, parse_transcript, read_transcript};

fn replay(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl");
    support::transcript_with(&path, 100_000);
    let bytes = std::fs::read(&path).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    let read = read_transcript(&path).unwrap();
    assert!(read.damage.is_none() && read.records.len() >= 100_000);

    let mut group = c.benchmark_group("100k-event transcript");
    group.sample_size(10);
    group.bench_function("serde_json: parse each line into a Value", |b| {
        b.iter(|| {
            for line in text.lines() {
                black_box(serde_json::from_str::<serde_json::Value>(line).unwrap());
            }
        })
    });
    group.bench_function("tabletop: verify, decode and replay into state", |b| {
        b.iter(|| {
            let read = parse_transcript(black_box(&bytes)).unwrap();
            let exercise = Exercise::from_header(&read.header).unwrap();
            let mut engine = exercise.engine(read.header.setup(), read.header.started);
            for record in &read.records {
                engine.apply(record);
            }
            black_box(engine.state().last_seq)
        })
    });
    group.finish();
}

fn append(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let start: DateTime<Utc> = "2026-01-01T09:00:00Z".parse().unwrap();
    let exercise = support::exercise(50);
    let mut group = c.benchmark_group("append one event");
    group.sample_size(200);
    let mut n = 0;
    let mut session = Session::create(
        &dir.path().join("append.jsonl"),
        &exercise,
        ExerciseSetup::new(1),
        start,
    )
    .unwrap();
    session.execute(&Command::Start, start).unwrap();
    let note = |i: i64| Command::Note {
        text: format!("The team discusses point {i} and agrees on next steps."),
        item: None,
    };
    let sample = session.engine().handle(&note(0), start).unwrap();
    let (line, _) = encode_line(&sample[0], &"0".repeat(64));
    group.bench_function(
        "tabletop: record a note (encode, hash, write, fsync, apply)",
        |b| {
            b.iter(|| {
                n += 1;
                black_box(
                    session
                        .execute(&note(n), start + TimeDelta::seconds(n))
                        .unwrap(),
                )
            })
        },
    );
    let mut bare = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.path().join("bare.jsonl"))
        .unwrap();
    let bytes = format!("{line}\n");
    group.bench_function("bare: write the same bytes and fsync", |b| {
        b.iter(|| {
            bare.write_all(bytes.as_bytes()).unwrap();
            bare.sync_data().unwrap();
        })
    });
    group.finish();
}

criterion_group!(benches, replay, append);
criterion_main!(benches);
