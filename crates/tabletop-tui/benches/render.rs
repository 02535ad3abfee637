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

/// The console and its seats screen with 100 seats connected, each having
/// voted on the open decision: the votes are counted on every frame.
fn render_with_seats(c: &mut Criterion) {
    use tabletop_core::engine::{Participant, SeatKind, Speaker};
    use tabletop_core::seats::{Roster, SeatLinks};
    let dir = tempfile::tempdir().unwrap();
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/seats/private-briefing.toml"
    );
    let exercise = Exercise::load(
        SourceFile::new("seats.toml", std::fs::read_to_string(fixture).unwrap()),
        bundled_file("plans/gdpr-midsize.toml").unwrap(),
    )
    .unwrap();
    let roles = ["incident-commander", "legal", "it-security"];
    let mut setup = ExerciseSetup::new(1);
    setup.participants = (0..100)
        .map(|n| Participant {
            name: format!("Participant {n}"),
            roles: vec![roles[n % 3].to_string()],
        })
        .collect();
    let now: DateTime<Utc> = "2026-01-01T09:00:00Z".parse().unwrap();
    let mut session = Session::create(&dir.path().join("s.jsonl"), &exercise, setup, now).unwrap();
    session.execute(&Command::Start, now).unwrap();
    session.execute(&Command::DeliverNext, now).unwrap();
    let engine = session.engine();
    let roster = Roster::for_exercise(engine.scenario(), engine.plan(), engine.setup());
    let seats: Vec<_> = roster.seats.clone();
    let links = SeatLinks::new("http://192.168.1.20:7878", None, &roster);
    let mut commands = Vec::new();
    for seat in seats.iter().filter(|s| s.kind == SeatKind::Person) {
        commands.push(Command::JoinSeat {
            seat: seat.id.clone(),
            kind: seat.kind,
            roles: seat.roles.clone(),
            by: seat.person.clone(),
        });
        commands.push(Command::Vote {
            inject: "alert".into(),
            option: if seat.id.ends_with('7') {
                "watch"
            } else {
                "disable"
            }
            .into(),
            seat: seat.id.clone(),
            speaker: Speaker {
                role: seat.roles[0].clone(),
                by: seat.person.clone(),
            },
        });
    }
    assert!(
        session
            .execute_batch(&commands, now)
            .iter()
            .all(Result::is_ok)
    );
    let mut app = Console::new(session, now, Theme::from_env());
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    c.bench_function("console frame 200x60, 100 seats voting", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| black_box(&app).render(frame))
                .unwrap();
        })
    });
    let transcript = app.session.path().to_path_buf();
    app.seats = Some(tabletop_tui::console::seats::ConsoleSeats::offline(
        roster,
        links,
        &transcript,
    ));
    app.view = tabletop_tui::console::View::Seats;
    c.bench_function("seats screen 200x60, 100 seats, QR code", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| black_box(&app).render(frame))
                .unwrap();
        })
    });
}

criterion_group!(benches, render, render_with_seats);
criterion_main!(benches);
