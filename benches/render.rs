//! Drawing one console frame at 200×60 with a 500-inject scenario in progress.

#[path = "support/mod.rs"]
#[allow(dead_code)]
mod support;
// The console lives in the binary; the benchmark compiles the same source.
#[path = "../src/tui/mod.rs"]
#[allow(dead_code, unused_imports)]
mod tui;

use std::hint::black_box;

use chrono::{DateTime, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tabletop::SourceFile;
use tabletop::engine::{Command, ExerciseSetup};
use tabletop::library::bundled_file;
use tabletop::session::{Exercise, Session};

fn render(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let plan = bundled_file("plans/gdpr-midsize.toml").unwrap();
    let exercise = Exercise::load(
        SourceFile::new("generated.toml", support::large_scenario(500)),
        plan,
    )
    .unwrap();
    let now: DateTime<Utc> = "2026-01-01T09:00:00Z".parse().unwrap();
    let mut session = Session::create(
        &dir.path().join("r.jsonl"),
        &exercise,
        ExerciseSetup::new(1),
        now,
    )
    .unwrap();
    session.execute(&Command::Start, now).unwrap();
    for _ in 0..250 {
        let _ = session.execute(&Command::DeliverNext, now);
    }
    let app = tui::bench_app(session, now);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    c.bench_function("console frame 200x60, 500 injects, 250 delivered", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| tui::bench_render(frame, black_box(&app)))
                .unwrap();
        })
    });
}

criterion_group!(benches, render);
criterion_main!(benches);
