//! The facilitator console: the terminal front end of the engine.

mod app;
mod config;
mod keymap;
pub mod review;
mod start;
mod terminal;
#[cfg(test)]
mod tests;
pub mod theme;
pub mod trends;
mod ui;

use std::path::Path;
use std::sync::mpsc::{Receiver, RecvTimeoutError};

use chrono::Utc;
use ratatui::crossterm::event::{Event, KeyEventKind};
use tabletop_core::engine::{Command, Status};
use tabletop_core::library::SearchPath;
use tabletop_core::session::{Exercise, Session};
use tabletop_core::transcript::default_path;

pub use app::App;
use terminal::{Input, Screen};
use theme::Theme;

/// The start screen, then the console on what was chosen. `None` when the
/// facilitator left without starting anything.
pub fn start() -> anyhow::Result<Option<Summary>> {
    let Settings { keymap, theme, .. } = settings()?;
    let catalog = start::Catalog::gather(&SearchPath::standard(), Path::new("transcripts"));
    let (inputs, waker) = terminal::inputs_and_waker()?;
    let mut screen = Screen::enter();
    let mut chooser = start::StartScreen::new(catalog, theme);
    loop {
        screen
            .terminal
            .draw(|frame| start::render(frame, &chooser))?;
        if chooser.quit {
            return Ok(None);
        }
        if let Some(choice) = chooser.choice.take() {
            let session = match choice {
                // Back to the start screen afterwards, unless asked to stop.
                start::Choice::Review(path) => {
                    match review::prepare(&path, theme) {
                        Ok((app, bytes)) => {
                            if review::review(&mut screen, &inputs, &waker, app, bytes)? {
                                return Ok(None);
                            }
                        }
                        Err(e) => chooser.message = Some(e.to_string()),
                    }
                    continue;
                }
                start::Choice::New {
                    scenario,
                    plan,
                    setup,
                } => {
                    let exercise =
                        Exercise::load(scenario, plan).map_err(|e| anyhow::anyhow!("{e}"))?;
                    let now = Utc::now();
                    let path = default_path(
                        Path::new("transcripts"),
                        exercise.scenario.scenario.id.as_str(),
                        now,
                    );
                    Session::create(&path, &exercise, setup, now)?
                }
                start::Choice::Resume(path) => Session::resume(&path)?.0,
            };
            return console(screen, &inputs, session, keymap, theme, None).map(Some);
        }
        match inputs.recv() {
            Ok(Input::Terminal(Event::Key(key))) if key.kind == KeyEventKind::Press => {
                chooser.handle_key(key)
            }
            Ok(Input::Terminal(_) | Input::Wake) => {}
            Ok(Input::Stop) | Err(_) => return Ok(None),
        }
    }
}

/// Runs the console until the facilitator leaves; the terminal is restored on
/// every way out. Returns where things are saved.
pub fn run(session: Session, settings: Settings) -> anyhow::Result<Summary> {
    let Settings {
        keymap,
        theme,
        start_speed,
    } = settings;
    let inputs = terminal::inputs()?;
    let screen = Screen::enter();
    console(screen, &inputs, session, keymap, theme, start_speed)
}

fn console(
    mut screen: Screen,
    inputs: &Receiver<Input>,
    mut session: Session,
    keymap: keymap::Keymap,
    theme: Theme,
    start_speed: Option<tabletop_core::engine::Speed>,
) -> anyhow::Result<Summary> {
    let resumed = session.engine().state().status == Status::InProgress;
    if resumed {
        session.execute(&Command::MarkResumed, Utc::now())?;
    }
    let mut app = App::new(session, Utc::now(), theme);
    app.keymap = keymap;
    app.start_speed = start_speed;
    if resumed {
        app.message = Some((
            "resumed: the clock is paused, press Space to go on".into(),
            false,
        ));
    }
    loop {
        app.now = Utc::now();
        app.tick();
        screen.terminal.draw(|frame| ui::render(frame, &app))?;
        if let Err(error) = app.session.sync() {
            app.message = Some((error.to_string(), true));
        }
        if app.quit {
            break;
        }
        // Sleep until input, a signal, or the next moment the screen changes by itself.
        let input = match app.next_wakeup() {
            Some(at) => match inputs.recv_timeout((at - Utc::now()).to_std().unwrap_or_default()) {
                Ok(input) => Some(input),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => break,
            },
            None => match inputs.recv() {
                Ok(input) => Some(input),
                Err(_) => break,
            },
        };
        app.now = Utc::now();
        match input {
            Some(Input::Terminal(Event::Key(key))) if key.kind == KeyEventKind::Press => {
                app.handle_key(key)
            }
            Some(Input::Terminal(Event::Mouse(mouse))) => app.handle_mouse(mouse),
            Some(Input::Stop) => break,
            _ => {}
        }
    }
    drop(screen);
    Ok(Summary {
        path: app.session.path().display().to_string(),
        ended: app.ended(),
    })
}

/// Keys and colours: the defaults, patched by the user's config file.
pub struct Settings {
    keymap: keymap::Keymap,
    theme: Theme,
    /// Clock speed when the exercise starts (`--speed`).
    pub start_speed: Option<tabletop_core::engine::Speed>,
}

/// Reads the config file before anything else happens, so a mistake in it is
/// reported with nothing created and the terminal untouched.
pub fn settings() -> anyhow::Result<Settings> {
    let (keymap, theme) = config::load(Theme::from_env()).map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(Settings {
        keymap,
        theme,
        start_speed: None,
    })
}

pub struct Summary {
    pub path: String,
    pub ended: bool,
}

/// The console on a session, as it stands at `now`, with the default keys.
pub fn console_app(session: Session, now: chrono::DateTime<Utc>) -> App {
    App::new(session, now, Theme::from_env())
}

/// Draws one frame of the console.
pub fn render_console(frame: &mut ratatui::Frame, app: &App) {
    ui::render(frame, app);
}
