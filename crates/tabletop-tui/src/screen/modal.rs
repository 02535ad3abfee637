//! Dialogs over a screen, stacked: the top one takes keys first and stays
//! open until it says otherwise, so no branch of a handler can close one by
//! forgetting to put it back. A dialog talks to its screen with messages.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::Handled;
use crate::keymap::{Hint, Keymap, Section};
use crate::theme::Theme;

/// What a dialog needs to draw itself.
#[derive(Clone, Copy)]
pub struct Look<'a> {
    pub theme: Theme,
    pub keymap: &'a Keymap,
}

/// A dialog's answer to a key.
pub enum Reply<M> {
    /// Keep the dialog as it is (or as the key changed it).
    Stay,
    Close,
    /// Tell the screen something and stay open: the screen may close it.
    Send(M),
    CloseAndSend(M),
    /// Not for this dialog: the screen below gets the key.
    Pass,
}

pub trait Modal<M> {
    /// Whose keys it answers to, for the help screen.
    fn section(&self) -> Section;

    fn key(&mut self, key: KeyEvent, keymap: &Keymap) -> Reply<M>;

    fn render(&self, frame: &mut Frame, area: Rect, look: Look<'_>);

    /// The status bar's reminders while it is open.
    fn hints(&self) -> Vec<Hint>;
}

pub struct Modals<M> {
    stack: Vec<Box<dyn Modal<M>>>,
}

impl<M> Default for Modals<M> {
    fn default() -> Self {
        Self { stack: Vec::new() }
    }
}

impl<M> Modals<M> {
    pub fn open(&mut self, modal: impl Modal<M> + 'static) {
        self.stack.push(Box::new(modal));
    }

    /// Closes the top dialog (after a message it sent was acted on).
    pub fn close(&mut self) {
        self.stack.pop();
    }

    pub fn is_open(&self) -> bool {
        !self.stack.is_empty()
    }

    pub fn top(&self) -> Option<&dyn Modal<M>> {
        self.stack.last().map(|m| m.as_ref())
    }

    /// Offers a key to the top dialog. `Ignored` when there is none or it
    /// passed the key on; the message, if any, is for the screen to act on.
    pub fn key(&mut self, key: KeyEvent, keymap: &Keymap) -> (Handled, Option<M>) {
        let Some(top) = self.stack.last_mut() else {
            return (Handled::Ignored, None);
        };
        match top.key(key, keymap) {
            Reply::Stay => (Handled::Consumed, None),
            Reply::Close => {
                self.stack.pop();
                (Handled::Consumed, None)
            }
            Reply::Send(message) => (Handled::Consumed, Some(message)),
            Reply::CloseAndSend(message) => {
                self.stack.pop();
                (Handled::Consumed, Some(message))
            }
            Reply::Pass => (Handled::Ignored, None),
        }
    }

    /// Draws every dialog, the top one last.
    pub fn render(&self, frame: &mut Frame, area: Rect, look: Look<'_>) {
        for modal in &self.stack {
            modal.render(frame, area, look);
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    use super::*;

    /// Counts keys; `x` sends, Enter sends and closes, Esc closes, Ctrl-C passes.
    struct Counter(u32);

    impl Modal<u32> for Counter {
        fn section(&self) -> Section {
            Section::Confirm
        }
        fn key(&mut self, key: KeyEvent, _: &Keymap) -> Reply<u32> {
            self.0 += 1;
            match key.code {
                KeyCode::Char('x') => Reply::Send(self.0),
                KeyCode::Enter => Reply::CloseAndSend(self.0),
                KeyCode::Esc => Reply::Close,
                KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => Reply::Pass,
                _ => Reply::Stay,
            }
        }
        fn render(&self, _: &mut Frame, _: Rect, _: Look<'_>) {}
        fn hints(&self) -> Vec<Hint> {
            Vec::new()
        }
    }

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn a_dialog_stays_open_until_it_closes_itself() {
        let keymap = Keymap::default();
        let mut modals = Modals::default();
        assert_eq!(
            modals.key(press(KeyCode::Char('a')), &keymap).0,
            Handled::Ignored
        );
        modals.open(Counter(0));
        assert!(matches!(
            modals.key(press(KeyCode::Char('a')), &keymap),
            (Handled::Consumed, None)
        ));
        assert!(matches!(
            modals.key(press(KeyCode::Char('x')), &keymap),
            (Handled::Consumed, Some(2))
        ));
        assert!(modals.is_open(), "a message alone does not close it");
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(modals.key(ctrl_c, &keymap).0, Handled::Ignored);
        assert!(modals.is_open());
        assert!(matches!(
            modals.key(press(KeyCode::Enter), &keymap),
            (Handled::Consumed, Some(4))
        ));
        assert!(!modals.is_open());
    }

    #[test]
    fn the_top_dialog_answers_first() {
        let keymap = Keymap::default();
        let mut modals = Modals::default();
        modals.open(Counter(0));
        modals.open(Counter(10));
        assert!(matches!(
            modals.key(press(KeyCode::Char('x')), &keymap),
            (_, Some(11))
        ));
        modals.key(press(KeyCode::Esc), &keymap);
        assert!(matches!(
            modals.key(press(KeyCode::Char('x')), &keymap),
            (_, Some(1))
        ));
    }
}
