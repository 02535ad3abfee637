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
use std::sync::mpsc::channel;

use chrono::Utc;
use ratatui::crossterm::event::{Event, KeyEventKind};
use tabletop::replay::Replay;
use tabletop::review::{AnnotationStore, TranscriptIndex};
use tabletop::session::Exercise;

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

pub fn run(path: &Path) -> anyhow::Result<()> {
    let theme = super::settings()?.theme;
    let bytes: Arc<[u8]> = std::fs::read(path)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
        .into();
    let mut app =
        open(path, bytes.clone(), theme).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let (inputs, waker) = inputs_and_waker()?;
    let (done, analysed) = channel();
    let for_thread = path.to_path_buf();
    std::thread::spawn(move || {
        let _ = done.send(analyse(&for_thread, &bytes));
        let _ = waker.send(Input::Wake);
    });
    let mut screen = Screen::enter();
    loop {
        screen.terminal.draw(|frame| view::render(frame, &app))?;
        if app.quit {
            break;
        }
        let Ok(input) = inputs.recv() else { break };
        app.now = Utc::now();
        match input {
            Input::Terminal(Event::Key(key)) if key.kind == KeyEventKind::Press => {
                app.handle_key(key)
            }
            Input::Terminal(Event::Mouse(mouse)) => app.handle_mouse(mouse),
            Input::Wake => match analysed.try_recv() {
                Ok(Ok(analysis)) => app.set_analysis(analysis),
                Ok(Err(e)) => app.message = Some((e, true)),
                Err(_) => {}
            },
            Input::Stop => break,
            _ => {}
        }
    }
    drop(screen);
    Ok(())
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

/// For the review benchmark: drawing one frame.
#[allow(dead_code)] // used by benches/review.rs, which includes this module
pub fn bench_render(frame: &mut ratatui::Frame, app: &ReviewApp) {
    view::render(frame, app);
}
