//! `tabletop review`: a trainer's screen over a saved transcript. A long
//! transcript opens at once; the full integrity check, replay and score
//! arrive from a background thread a moment later.

mod app;
mod detail;
mod dialogs;
mod plan_view;
mod screen;
#[cfg(test)]
mod tests;
mod view;

use std::path::Path;
use std::sync::Arc;

use tabletop_core::annotations::AnnotationStore;
use tabletop_core::regular_file;
use tabletop_core::replay::Replay;
use tabletop_core::session::Exercise;
use tabletop_core::transcript::TranscriptIndex;

pub use app::{Analysis, ReviewApp};
pub use screen::ReviewScreen;

use crate::screen::event_loop;
use crate::screen::terminal::{TerminalGuard, inputs_and_waker};
use crate::theme::Theme;

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
    let bytes: Arc<[u8]> = regular_file::read(path, regular_file::MAX_TRANSCRIPT_BYTES)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
        .into();
    let app =
        open(path, bytes.clone(), theme).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    Ok((app, bytes))
}

/// `tabletop review TRANSCRIPT`: the review alone, until the trainer leaves.
pub fn run(path: &Path) -> anyhow::Result<()> {
    let settings = crate::settings()?;
    let (mut app, bytes) = prepare(path, settings.theme)?;
    app.keymap = settings.keymap.clone();
    let (inputs, waker) = inputs_and_waker()?;
    let screen = ReviewScreen::new(app, bytes, waker);
    let mut guard = TerminalGuard::enter();
    event_loop::run(
        &mut guard.terminal,
        &inputs,
        &settings.keymap,
        Box::new(screen),
    )?;
    Ok(())
}

/// Draws one frame of the review.
pub fn render(frame: &mut ratatui::Frame, app: &ReviewApp) {
    view::render(frame, app);
}
