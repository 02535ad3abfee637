//! The facilitator console: the terminal front end of the engine.

mod app;
mod keymap;
mod terminal;
#[cfg(test)]
mod tests;
mod theme;
mod ui;

use std::sync::mpsc::RecvTimeoutError;

use chrono::Utc;
use ratatui::crossterm::event::{Event, KeyEventKind};
use tabletop::engine::{Command, Status};
use tabletop::session::Session;

use app::App;
use terminal::{Input, Screen};
use theme::Theme;

/// Runs the console until the facilitator leaves; the terminal is restored on
/// every way out. Returns the app so the caller can say where things are saved.
pub fn run(mut session: Session) -> anyhow::Result<Summary> {
    let resumed = session.engine().state().status == Status::InProgress;
    if resumed {
        session.execute(&Command::MarkResumed, Utc::now())?;
    }
    let inputs = terminal::inputs()?;
    let mut app = App::new(session, Utc::now(), Theme::from_env());
    if resumed {
        app.message = Some((
            "resumed: the clock is paused, press Space to go on".into(),
            false,
        ));
    }
    let mut screen = Screen::enter();
    loop {
        app.now = Utc::now();
        app.tick();
        screen.terminal.draw(|frame| ui::render(frame, &app))?;
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

pub struct Summary {
    pub path: String,
    pub ended: bool,
}

/// For the render benchmark: an app on a session, and the frame drawing.
#[allow(dead_code)] // used by benches/render.rs, which includes this module
pub fn bench_app(session: Session, now: chrono::DateTime<Utc>) -> App {
    App::new(session, now, Theme::from_env())
}

#[allow(dead_code)] // used by benches/render.rs
pub fn bench_render(frame: &mut ratatui::Frame, app: &App) {
    ui::render(frame, app);
}
