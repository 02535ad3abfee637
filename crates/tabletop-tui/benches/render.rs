//! Drawing one console frame at 200×60 with a 500-inject scenario in progress.

use tabletop_core::synthetic as support;

use std::hint::black_box;

use chrono::{DateTime, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tabletop_core::SourceFile;
use tabletop_core::engine::{Command, ExerciseSetup};
use tabletop_core::library::bundled_file;
use tabletop_core::session::{Exercise, Session};
use tabletop_tui::console::Console;
use tabletop_tui::screen::Screen;
use tabletop_tui::theme::Theme;

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
    let app = Console::new(session, now, Theme::from_env());
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    c.bench_function("console frame 200x60, 500 injects, 250 delivered", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| black_box(&app).render(frame))
                .unwrap();
        })
    });
}

criterion_group!(benches, render);
criterion_main!(benches);
