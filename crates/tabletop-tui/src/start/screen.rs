//! The start screen as a screen of the one loop.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::crossterm::event::Event;

use super::{Pane, StartScreen};
use crate::keymap::{Action, Hint, Section};
use crate::screen::{Handled, Next, Screen};

impl Screen for StartScreen {
    fn render(&self, frame: &mut Frame) {
        super::render(frame, self);
    }

    // The saved exercises arrive from the background: a wake if this screen
    // is on top, or the next frame once it is again.
    fn wake(&mut self) {
        self.collect_loaded();
    }

    fn tick(&mut self, _: DateTime<Utc>) {
        self.collect_loaded();
    }

    fn event(&mut self, event: &Event, _: DateTime<Utc>) -> Handled {
        match event {
            Event::Key(key) => self.handle_key(*key),
            _ => Handled::Ignored,
        }
    }

    fn commands(&self) -> Vec<Hint> {
        let s = |action, word| Hint::new(Section::Start, action, word);
        let choose = Hint::pair(Section::Start, Action::Up, Action::Down, "choose");
        match (&self.form, self.pane) {
            (Some(_), _) => vec![
                Hint::pair(Section::Setup, Action::Up, Action::Down, "move  type names"),
                Hint::pair(
                    Section::Setup,
                    Action::PreviousPlan,
                    Action::NextPlan,
                    "plan",
                ),
                Hint::new(Section::Setup, Action::ToggleAnonymous, "anonymous"),
                Hint::new(Section::Setup, Action::Choose, "on Start begins"),
                Hint::new(Section::Setup, Action::Back, "back"),
            ],
            (None, Pane::Saved) => vec![
                choose,
                s(
                    Action::Choose,
                    "resume an interrupted one or review a finished one",
                ),
                s(Action::FocusNext, "scenarios"),
                s(Action::Quit, "quit"),
            ],
            (None, Pane::Scenarios) if !self.catalog.saved.is_empty() => vec![
                choose,
                s(Action::Choose, "set up"),
                s(
                    Action::ShowPlan,
                    if self.showing_plan {
                        "scenario"
                    } else {
                        "plan"
                    },
                ),
                s(Action::FocusNext, "saved exercises"),
                s(Action::Quit, "quit"),
            ],
            (None, Pane::Scenarios) => vec![
                choose,
                s(Action::Choose, "set up"),
                s(
                    Action::ShowPlan,
                    if self.showing_plan {
                        "scenario"
                    } else {
                        "plan"
                    },
                ),
                s(Action::Quit, "quit"),
            ],
        }
    }

    fn next(&mut self) -> Next {
        self.next.take().unwrap_or(Next::Stay)
    }
}
