//! One model for every screen: it draws itself from its state, takes input
//! and says whether it used it, names the keys that matter now for the status
//! bar, says when it will next change by itself, and where to go next. One
//! loop (`event_loop`) runs them all; dialogs stack over a screen (`modal`).

pub mod event_loop;
pub mod modal;
pub mod terminal;

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::crossterm::event::Event;

use crate::keymap::Hint;

/// Whether a screen or dialog used an input; what it did not use goes on to
/// the layer below (a dialog's to its screen, a screen's to the loop).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handled {
    Consumed,
    Ignored,
}

/// Where the loop goes after an input: the screens form a small stack.
pub enum Next {
    Stay,
    /// Close this screen and return to the one below; the last one closing
    /// ends the program.
    Back,
    /// Show another screen over this one (a review opened from the start screen).
    Open(Box<dyn Screen>),
    /// Show another screen instead of this one (the console started from the
    /// start screen).
    Replace(Box<dyn Screen>),
}

/// What the console leaves behind for the command line to report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub path: String,
    pub ended: bool,
}

pub trait Screen {
    /// Draws the whole frame. Reads state only (hit areas for the mouse
    /// may be noted).
    fn render(&self, frame: &mut Frame);

    /// One key press, mouse event or paste.
    fn event(&mut self, event: &Event, now: DateTime<Utc>) -> Handled;

    /// The status bar's reminders for what is on screen now.
    fn commands(&self) -> Vec<Hint>;

    /// Where to go after the last input.
    fn next(&mut self) -> Next;

    /// Time passes: before each frame.
    fn tick(&mut self, _now: DateTime<Utc>) {}

    /// After each frame: work that may fail and should show (saving).
    fn after_draw(&mut self) {}

    /// The screen is closing: by its own choice, a signal or Ctrl-C. The
    /// last chance to record the moment it was left.
    fn closing(&mut self, _now: DateTime<Utc>) {}

    /// Work in the background has finished.
    fn wake(&mut self) {}

    /// When the screen next changes with no input: a countdown, a due inject.
    /// `None` sleeps until input.
    fn next_wakeup(&self) -> Option<DateTime<Utc>> {
        None
    }

    /// What the screen leaves for the command line, if anything.
    fn summary(&self) -> Option<Summary> {
        None
    }
}
