//! `tabletop review`: a trainer's screen over a saved transcript, and two
//! runs side by side. A long transcript opens at once; the full integrity
//! check, replay and score arrive from a background thread a moment later.

mod app;
mod compare;
#[cfg(test)]
mod tests;
mod view;

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use chrono::Utc;
use ratatui::crossterm::event::{Event, KeyEventKind};
use tabletop_core::annotations::AnnotationStore;
use tabletop_core::replay::Replay;
use tabletop_core::session::Exercise;
use tabletop_core::transcript::TranscriptIndex;

pub use app::{Analysis, ReviewApp};
pub use compare::CompareApp;

use super::terminal::{Input, Screen, inputs_and_waker};
use super::theme::Theme;

/// Opens a transcript for review without replaying it yet.
pub fn open(path: &Path, bytes: Arc<[u8]>, theme: Theme) -> Result<ReviewApp, String> {
    let index = TranscriptIndex::open(bytes)?;
    let exercise = Exercise::from_header(&index.header).map_err(|e| e.to_string())?;
    let annotations = AnnotationStore::load(path).map_err(|e| e.to_string())?;
    Ok(ReviewApp::new(
        path.to_path_buf(),
        index,
        exercise,
        annotations,
        theme,
    ))
}

/// The full check, replay and score of a transcript's bytes.
pub fn analyse(path: &Path, bytes: &[u8]) -> Result<Analysis, String> {
    Replay::from_bytes(path, bytes)
        .map(Analysis::new)
        .map_err(|e| e.to_string())
}

/// Reads and opens a transcript for review; nothing touches the terminal yet,
/// so a file that is not a transcript is reported plainly.
pub fn prepare(path: &Path, theme: Theme) -> anyhow::Result<(ReviewApp, Arc<[u8]>)> {
    let bytes: Arc<[u8]> = std::fs::read(path)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
        .into();
    let app =
        open(path, bytes.clone(), theme).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    Ok((app, bytes))
}

pub fn run(path: &Path) -> anyhow::Result<()> {
    let theme = super::settings()?.theme;
    let (app, bytes) = prepare(path, theme)?;
    let (inputs, waker) = inputs_and_waker()?;
    let mut screen = Screen::enter();
    review(&mut screen, &inputs, &waker, app, bytes)?;
    drop(screen);
    Ok(())
}

/// The review loop on a screen already entered. Returns true when a signal
/// (or a closed terminal) asks the whole program to stop.
pub fn review(
    screen: &mut Screen,
    inputs: &Receiver<Input>,
    waker: &Sender<Input>,
    mut app: ReviewApp,
    bytes: Arc<[u8]>,
) -> anyhow::Result<bool> {
    let (done, analysed) = channel();
    let for_thread = app.path.clone();
    let waker = waker.clone();
    std::thread::spawn(move || {
        let _ = done.send(analyse(&for_thread, &bytes));
        let _ = waker.send(Input::Wake);
    });
    loop {
        screen.terminal.draw(|frame| view::render(frame, &app))?;
        if app.quit {
            return Ok(false);
        }
        let Ok(input) = inputs.recv() else {
            return Ok(true);
        };
        app.now = Utc::now();
        match input {
            Input::Terminal(Event::Key(key)) if key.kind == KeyEventKind::Press => {
                app.handle_key(key)
            }
            Input::Terminal(Event::Mouse(mouse)) => app.handle_mouse(mouse),
            // A wake from an earlier review's thread finds nothing here.
            Input::Wake => match analysed.try_recv() {
                Ok(Ok(analysis)) => app.set_analysis(analysis),
                Ok(Err(e)) => app.message = Some((e, true)),
                Err(_) => {}
            },
            Input::Stop => return Ok(true),
            Input::Terminal(_) => {}
        }
    }
}

/// Two transcripts side by side.
pub fn run_compare(a: &Path, b: &Path) -> anyhow::Result<()> {
    let theme = super::settings()?.theme;
    let mut app = CompareApp::open(a, b, theme)?;
    let (inputs, _) = inputs_and_waker()?;
    let mut screen = Screen::enter();
    loop {
        screen.terminal.draw(|frame| compare::render(frame, &app))?;
        if app.quit {
            break;
        }
        match inputs.recv() {
            Ok(Input::Terminal(Event::Key(key))) if key.kind == KeyEventKind::Press => {
                app.handle_key(key)
            }
            Ok(Input::Stop) | Err(_) => break,
            _ => {}
        }
    }
    drop(screen);
    Ok(())
}

/// Draws one frame of the review.
pub fn render(frame: &mut ratatui::Frame, app: &ReviewApp) {
    view::render(frame, app);
}
