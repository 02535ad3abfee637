//! Scoring a 100,000-event transcript against replaying it, in the same run:
//! what `tabletop score` and `tabletop report` add on top of reading the file.

use tabletop_core::synthetic as support;

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use tabletop_core::replay::Replay;
use tabletop_core::report;
use tabletop_core::scoring::score;

fn scoring(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl");
    support::transcript_with(&path, 100_000);
    let bytes = std::fs::read(&path).unwrap();
    let replay = Replay::from_bytes(Path::new("big.jsonl"), &bytes).unwrap();
    assert!(replay.read.damage.is_none() && replay.read.records.len() >= 100_000);
    let state = replay.engine.state();
    eprintln!(
        "{} events: {} deliveries, {} observations, {} decisions",
        replay.read.records.len(),
        state.deliveries.len(),
        state.observations.len(),
        state.decisions.len()
    );

    let mut group = c.benchmark_group("100k-event transcript");
    group.sample_size(10);
    group.bench_function("replay: verify, decode and rebuild the state", |b| {
        b.iter(|| black_box(Replay::from_bytes(Path::new("big.jsonl"), black_box(&bytes)).unwrap()))
    });
    group.bench_function("score: replay, then score against the plan", |b| {
        b.iter(|| {
            let replay = Replay::from_bytes(Path::new("big.jsonl"), black_box(&bytes)).unwrap();
            let engine = &replay.engine;
            black_box(score(engine.state(), engine.scenario(), engine.plan()))
        })
    });
    group.bench_function("score alone, on the replayed state", |b| {
        let engine = &replay.engine;
        b.iter(|| black_box(score(engine.state(), engine.scenario(), engine.plan())))
    });
    group.bench_function(
        "report: build the AAR (timeline included) and render HTML",
        |b| {
            b.iter(|| {
                let built = report::build(&replay, replay.engine.plan());
                black_box(report::html(&built))
            })
        },
    );
    group.finish();
}

criterion_group!(benches, scoring);
criterion_main!(benches);
