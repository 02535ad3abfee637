//! The review as a screen of the one loop: the background check and score
//! wake the loop when they are done.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::crossterm::event::Event;

use super::app::{Analysis, Mode, ReviewApp};
use super::{analyse, view};
use crate::keymap::{Action, Hint, Section};
use crate::screen::terminal::Input;
use crate::screen::{Handled, Next, Screen};

pub struct ReviewScreen {
    pub app: ReviewApp,
    analysed: Receiver<Result<Analysis, String>>,
}

impl ReviewScreen {
    /// Starts the full check of `bytes` in the background; `waker` tells
    /// the loop when it is done.
    pub fn new(app: ReviewApp, bytes: Arc<[u8]>, waker: Sender<Input>) -> Self {
        let (done, analysed) = channel();
        let path = app.path.clone();
        std::thread::spawn(move || {
            let _ = done.send(analyse(&path, &bytes));
            let _ = waker.send(Input::Wake);
        });
        Self { app, analysed }
    }
}

impl Screen for ReviewScreen {
    fn render(&self, frame: &mut Frame) {
        view::render(frame, &self.app);
    }

    fn event(&mut self, event: &Event, now: DateTime<Utc>) -> Handled {
        self.app.now = now;
        match event {
            Event::Key(key) => self.app.handle_key(*key),
            Event::Mouse(mouse) => self.app.handle_mouse(*mouse),
            _ => Handled::Ignored,
        }
    }

    fn commands(&self) -> Vec<Hint> {
        self.app.commands()
    }

    fn next(&mut self) -> Next {
        if self.app.leave {
            Next::Back
        } else {
            Next::Stay
        }
    }

    /// A wake from an earlier review's thread finds nothing here.
    fn wake(&mut self) {
        match self.analysed.try_recv() {
            Ok(Ok(analysis)) => self.app.set_analysis(analysis),
            Ok(Err(e)) => self.app.message = Some((e, true)),
            Err(_) => {}
        }
    }
}

impl ReviewApp {
    /// The status bar's reminders for the mode and dialog on screen.
    pub fn commands(&self) -> Vec<Hint> {
        if let Some(dialog) = self.modals.top() {
            return dialog.hints();
        }
        match self.mode {
            Mode::Timeline => {
                let r = |action, word| Hint::new(Section::Review, action, word);
                vec![
                    Hint::pair(Section::Review, Action::Up, Action::Down, "move"),
                    Hint::pair(
                        Section::Review,
                        Action::PreviousInject,
                        Action::NextInject,
                        "inject",
                    ),
                    r(Action::NextGap, "next gap"),
                    r(Action::Search, "search"),
                    r(Action::FilterRole, "role"),
                    r(Action::FilterKind, "type"),
                    r(Action::FilterPhase, "phase"),
                    r(Action::Annotate, "annotate"),
                    r(Action::PlanView, "plan"),
                    r(Action::Help, "keys"),
                    r(Action::Quit, "quit"),
                ]
            }
            Mode::Plan => {
                let p = |action, word| Hint::new(Section::Plan, action, word);
                vec![
                    Hint::pair(Section::Plan, Action::Up, Action::Down, "move"),
                    p(Action::Choose, "events behind it"),
                    p(Action::Back, "timeline"),
                    p(Action::Help, "keys"),
                    p(Action::Quit, "quit"),
                ]
            }
        }
    }
}
