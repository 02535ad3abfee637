//! The seats screen as the facilitator sees it, and its QR codes as a
//! phone's camera reads them: each code is decoded back from the cells
//! drawn on the terminal.

use chrono::{DateTime, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;
use tabletop_core::SourceFile;
use tabletop_core::engine::{Command, ExerciseSetup, SeatKind, Speaker};
use tabletop_core::library::bundled_file;
use tabletop_core::seats::{Roster, SeatLinks};
use tabletop_core::session::{Exercise, Session};

use super::seats::ConsoleSeats;
use super::{Console, View, ui};
use crate::theme::Theme;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/seats/private-briefing.toml"
);

fn now() -> DateTime<Utc> {
    "2026-03-03T09:00:00Z".parse().unwrap()
}

/// An anonymous run with seats, tokens fixed so the screen is the same every
/// time, the first decision open and the legal seat connected and voting.
fn console(dir: &tempfile::TempDir) -> Console {
    let exercise = Exercise::load(
        SourceFile::new(
            "private-briefing.toml",
            std::fs::read_to_string(FIXTURE).unwrap(),
        ),
        bundled_file("plans/gdpr-midsize.toml").unwrap(),
    )
    .unwrap();
    let mut setup = ExerciseSetup::new(3);
    setup.anonymous = true;
    let transcript = dir.path().join("run.jsonl");
    let mut session = Session::create(&transcript, &exercise, setup, now()).unwrap();
    let engine = session.engine();
    let mut roster = Roster::for_exercise(engine.scenario(), engine.plan(), engine.setup());
    for (n, seat) in roster.seats.iter_mut().enumerate() {
        seat.token = format!("{:032x}", 0x5eed_0000 + n);
    }
    let links = SeatLinks::new("http://192.168.1.20:7878", None, &roster);
    for command in [
        Command::Start,
        Command::DeliverNext,
        Command::JoinSeat {
            seat: "legal".into(),
            kind: SeatKind::Role,
            roles: vec!["legal".into()],
            by: None,
        },
        Command::Vote {
            inject: "alert".into(),
            option: "disable".into(),
            seat: "legal".into(),
            speaker: Speaker {
                role: "legal".into(),
                by: None,
            },
        },
    ] {
        session.execute(&command, now()).unwrap();
    }
    let mut app = Console::new(session, now(), Theme::plain());
    app.seats = Some(ConsoleSeats::offline(roster, links, &transcript));
    app
}

fn draw(app: &Console, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::render(frame, app)).unwrap();
    terminal
}

/// Reads the QR code drawn in `buffer`: every upper-half-block cell holds two
/// modules, the top one in its foreground colour and the bottom one in its
/// background. Each module becomes a 4×4 block of pixels for the decoder.
fn decode(buffer: &Buffer) -> String {
    let area = buffer.area;
    let cells: Vec<(u16, u16)> = (0..area.height)
        .flat_map(|y| (0..area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let cell = &buffer[(x, y)];
            cell.symbol() == "▀" && cell.bg != Color::Reset
        })
        .collect();
    assert!(!cells.is_empty(), "no QR code on screen");
    let left = cells.iter().map(|c| c.0).min().unwrap();
    let right = cells.iter().map(|c| c.0).max().unwrap();
    let top = cells.iter().map(|c| c.1).min().unwrap();
    let bottom = cells.iter().map(|c| c.1).max().unwrap();
    let (width, rows) = (usize::from(right - left + 1), usize::from(bottom - top + 1));
    let scale = 4;
    // A white margin round the whole, as paper gives a printed code.
    let margin = 8 * scale;
    let (w, h) = (width * scale + 2 * margin, rows * 2 * scale + 2 * margin);
    let dark = |x: usize, y: usize| -> bool {
        if x < margin || y < margin || x >= w - margin || y >= h - margin {
            return false;
        }
        let (mx, my) = ((x - margin) / scale, (y - margin) / scale);
        let cell = &buffer[(left + mx as u16, top + (my / 2) as u16)];
        let colour = if my % 2 == 0 { cell.fg } else { cell.bg };
        colour == Color::Black
    };
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| if dark(x, y) { 0 } else { 255 });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one code on screen");
    grids[0].decode().expect("the code decodes").1
}

#[test]
fn the_seats_screen_lists_every_seat_and_its_code_opens_the_selected_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = console(&dir);
    app.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::NONE));
    assert_eq!(app.view, View::Seats);
    let terminal = draw(&app, 120, 40);
    insta::assert_snapshot!("seats@120x40", terminal.backend());
    let links = app.seats.as_ref().unwrap().links.clone();
    assert_eq!(decode(terminal.backend().buffer()), links.seats[0].url);
    // The next seat's code is the next seat's link.
    app.handle_key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    let terminal = draw(&app, 120, 40);
    assert_eq!(decode(terminal.backend().buffer()), links.seats[1].url);
    // Back to the console, where the vote is counted against its option.
    app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert_eq!(app.view, View::Console);
    let screen = format!("{:?}", draw(&app, 120, 40).backend());
    assert!(screen.contains("· 1 vote"), "{screen}");
}

#[test]
fn a_window_too_small_for_the_code_says_so_and_still_gives_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = console(&dir);
    app.view = View::Seats;
    let terminal = draw(&app, 60, 16);
    insta::assert_snapshot!("seats@60x16", terminal.backend());
    let screen = format!("{:?}", terminal.backend());
    assert!(screen.contains("Enlarge the window"), "{screen}");
    assert!(screen.contains("http://192.168.1.20:7878/s/"), "{screen}");
}
