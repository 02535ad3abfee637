//! The terminal front end of tabletop: the start screen, the facilitator
//! console, the trainer's review and the comparison of two runs, all screens
//! of one loop (`screen`) with keys from one layered keymap (`keymap`).

pub mod compare;
pub mod config;
pub mod console;
pub mod keymap;
pub mod review;
pub mod room;
pub mod screen;
mod start;
pub mod theme;
pub mod trends;
pub mod widgets;

use std::path::PathBuf;
use std::rc::Rc;

use chrono::Utc;
use tabletop_core::engine::Speed;
use tabletop_core::library::SearchPath;
use tabletop_core::session::Session;

use keymap::Keymap;
pub use screen::Summary;
use screen::event_loop;
use screen::terminal::{TerminalGuard, inputs_and_waker};
use theme::Theme;

/// The start screen, then whatever is chosen there. `None` when the
/// facilitator left without running an exercise.
pub fn start(seats: Option<Rc<console::seats::SeatStarter>>) -> anyhow::Result<Option<Summary>> {
    let mut settings = settings()?;
    settings.seats = seats;
    let (inputs, waker) = inputs_and_waker()?;
    let mut guard = TerminalGuard::enter();
    let keymap = settings.keymap.clone();
    let mut first = start::StartScreen::new(start::Catalog::default(), settings, waker);
    first.load_in_background(SearchPath::standard(), PathBuf::from("transcripts"));
    let exit = event_loop::run(&mut guard.terminal, &inputs, &keymap, Box::new(first))?;
    Ok(exit.summary)
}

/// Runs the console until the facilitator leaves; the terminal is restored on
/// every way out. Returns where things are saved.
pub fn run(session: Session, settings: Settings) -> anyhow::Result<Summary> {
    run_with_seats(session, settings, None)
}

/// As [`run`], serving participants' seats through the console: the seats
/// server wakes the loop when a seat asks for something.
pub fn run_with_seats(
    session: Session,
    settings: Settings,
    seats: Option<console::seats::ConsoleSeats>,
) -> anyhow::Result<Summary> {
    let (inputs, waker) = inputs_and_waker()?;
    let mut console = console::Console::open(session, &settings, Utc::now())?;
    if let Some(seats) = seats {
        seats.desk.wake.set(Box::new(move || {
            let _ = waker.send(screen::terminal::Input::Wake);
        }));
        let key = console
            .keymap
            .label(keymap::Section::Console, keymap::Action::Seats);
        console.message = Some((
            format!("seats are open: {key} shows each seat's link and QR code"),
            false,
        ));
        console.seats = Some(seats);
        console.serve_seats();
    }
    let fallback = screen::Screen::summary(&console);
    let mut guard = TerminalGuard::enter();
    let exit = event_loop::run(
        &mut guard.terminal,
        &inputs,
        &settings.keymap,
        Box::new(console),
    )?;
    drop(guard);
    Ok(exit
        .summary
        .or(fallback)
        .expect("the console always has a summary"))
}

/// Keys and colours: the defaults, patched by the user's config file.
pub struct Settings {
    pub keymap: Rc<Keymap>,
    pub theme: Theme,
    /// Clock speed when the exercise starts (`--speed`).
    pub start_speed: Option<Speed>,
    /// How long exercises are kept (`retention` in the config file).
    pub retention: Option<tabletop_core::time::HumanDuration>,
    /// Starts seats for an exercise begun from the start screen.
    pub seats: Option<Rc<console::seats::SeatStarter>>,
}

/// Reads the config file before anything else happens, so a mistake in it is
/// reported with nothing created and the terminal untouched.
pub fn settings() -> anyhow::Result<Settings> {
    let (keymap, theme) = config::load(Theme::from_env()).map_err(|e| anyhow::anyhow!("{e}"))?;
    let retention = config::retention().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(Settings {
        keymap: Rc::new(keymap),
        theme,
        start_speed: None,
        retention,
        seats: None,
    })
}
