//! The console as a screen of the one loop: time passes before each frame,
//! the transcript is synced after it, and it sleeps until the next second
//! on the clock or the next thing due.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::crossterm::event::Event;
use tabletop_core::engine::Status;

use super::{Console, View};
use crate::keymap::{Action, Hint, Section};
use crate::screen::{Handled, Next, Screen, Summary};

impl Screen for Console {
    fn render(&self, frame: &mut Frame) {
        super::ui::render(frame, self);
    }

    fn event(&mut self, event: &Event, now: DateTime<Utc>) -> Handled {
        self.now = now;
        match event {
            Event::Key(key) => self.handle_key(*key),
            Event::Mouse(mouse) => self.handle_mouse(*mouse),
            _ => Handled::Ignored,
        }
    }

    fn commands(&self) -> Vec<Hint> {
        if let Some(dialog) = self.modals.top() {
            return dialog.hints();
        }
        let c = |action, word| Hint::new(Section::Console, action, word);
        if self.ended() {
            return vec![
                Hint::new(Section::Ended, Action::WriteReport, "report"),
                Hint::new(Section::Ended, Action::HotWash, "hot wash"),
                Hint::new(Section::Ended, Action::Reveal, "show the room"),
                Hint::new(Section::Ended, Action::Sign, "sign"),
                Hint::new(Section::Ended, Action::Quit, "leave"),
            ];
        }
        let state = self.session.engine().state();
        let pause = if state.clock.running {
            "pause"
        } else {
            "run clock"
        };
        if state.status == Status::NotStarted {
            let mut hints = vec![
                c(Action::TogglePause, "start"),
                c(Action::Presenter, "present"),
                c(Action::Help, "keys"),
                c(Action::Quit, "quit"),
            ];
            if self.seats.is_some() {
                hints.insert(2, c(Action::Seats, "seats"));
            }
            return hints;
        }
        match self.view {
            View::Seats => vec![
                Hint::new(Section::Seats, Action::Down, "seat"),
                Hint::new(Section::Seats, Action::Back, "back to console"),
            ],
            View::Presenter => vec![
                c(Action::Presenter, "back to console"),
                c(Action::TogglePause, pause),
                c(Action::DeliverNext, "next"),
            ],
            View::Console if state.open_decision.is_some() => vec![
                c(Action::ChooseOption(0), "decide"),
                c(Action::CycleRole, "role"),
                c(Action::Respond, "respond"),
                c(Action::Tick, "tick"),
                c(Action::TogglePause, pause),
                c(Action::DeliverNext, "next"),
                c(Action::Help, "keys"),
            ],
            View::Console => vec![
                c(Action::TogglePause, pause),
                c(Action::DeliverNext, "next"),
                c(Action::Respond, "respond"),
                c(Action::Tick, "tick"),
                c(Action::Note, "note"),
                c(Action::Presenter, "present"),
                c(Action::Help, "keys"),
                c(Action::Quit, "quit"),
            ],
        }
    }

    fn closing(&mut self, now: DateTime<Utc>) {
        self.now = now;
        self.stop_clock_on_leaving();
    }

    fn next(&mut self) -> Next {
        if self.leave { Next::Back } else { Next::Stay }
    }

    fn tick(&mut self, now: DateTime<Utc>) {
        self.now = now;
        self.tick_due();
        self.serve_seats();
    }

    fn after_draw(&mut self) {
        if let Err(error) = self.session.sync() {
            self.message = Some((error.to_string(), true));
        }
    }

    fn next_wakeup(&self) -> Option<DateTime<Utc>> {
        Console::next_wakeup(self)
    }

    fn summary(&self) -> Option<Summary> {
        Some(Summary {
            path: self.session.path().display().to_string(),
            ended: self.ended(),
        })
    }
}
