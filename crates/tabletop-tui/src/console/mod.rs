//! The facilitator console: the screen a facilitator runs an exercise from.
//! Its state and what it shows are here; what keys do is in `input`, how
//! actions become engine commands in `commands`, its dialogs in `dialogs`,
//! and drawing in `ui`. Every change to the exercise goes through the
//! session as a command; the view only reads.

mod commands;
pub mod dialogs;
mod input;
mod screen;
pub mod seats;
#[cfg(test)]
mod seats_tests;
#[cfg(test)]
mod tests;
pub mod ui;

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use ratatui::layout::Rect;
use tabletop_core::engine::{Command, Item, Speaker, Speed, Status};
use tabletop_core::scoring::{self, ScoreReport};
use tabletop_core::session::Session;

use crate::Settings;
use crate::keymap::Keymap;
use crate::screen::modal::Modals;
use crate::theme::Theme;
use dialogs::Message;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Console,
    Presenter,
    /// Every seat's link and code, and who is connected.
    Seats,
}

/// Which side pane a narrow window shows under the inject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LowerPane {
    Checklist,
    Timeline,
    Notes,
    Tally,
}

impl LowerPane {
    pub fn next(self) -> Self {
        match self {
            Self::Checklist => Self::Timeline,
            Self::Timeline => Self::Notes,
            Self::Notes => Self::Tally,
            Self::Tally => Self::Checklist,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Inject,
    /// The open decision: arrows move between its options, Enter chooses.
    Decision,
    Checklist,
}

/// What sits under the mouse: recorded while drawing, read when a click comes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Option(usize),
    Checklist(usize),
}

pub struct Console {
    pub session: Session,
    pub now: DateTime<Utc>,
    pub theme: Theme,
    pub view: View,
    pub modals: Modals<Message>,
    pub focus: Focus,
    pub inject_scroll: u16,
    pub checklist: usize,
    /// Index into the scenario's roles: who is answering.
    pub role: usize,
    pub message: Option<(String, bool)>,
    /// The facilitator asked to leave.
    pub leave: bool,
    pub hits: RefCell<Vec<(Rect, Hit)>>,
    pub keymap: Rc<Keymap>,
    /// Index into the deliveries when looking back at an earlier inject.
    pub viewing: Option<usize>,
    pub start_speed: Option<Speed>,
    /// When recording what had come due last failed (a full disk, say).
    pub tick_failed: Option<DateTime<Utc>>,
    /// The live score, kept until an event or the story's minute changes it.
    score: RefCell<Option<(u64, i64, Rc<ScoreReport>)>>,
    /// Where the after-action report was written from the end screen.
    pub report_written: Option<PathBuf>,
    /// The SSH key the end screen signs with: the usual one in ~/.ssh unless set.
    pub signing_key: Option<PathBuf>,
    /// The transcript's signature, once written from the end screen.
    pub signature_written: Option<PathBuf>,
    /// Until when the configured retention keeps this exercise, and the
    /// retention itself: the end screen says so.
    pub kept_until: Option<(DateTime<Utc>, tabletop_core::time::HumanDuration)>,
    /// The clock was paused for the quit or end question, and runs again
    /// if the answer is no.
    pub held_for_question: bool,
    /// How far the presenter view's inject is scrolled: its own, so the room
    /// always starts an inject at its top.
    pub room_scroll: u16,
    /// The end screen shows the hot wash rather than the score.
    pub hot_wash: bool,
    /// The option under the cursor while the decision has the focus.
    pub option_cursor: usize,
    /// The side pane shown under the inject in a narrow window.
    pub lower_pane: LowerPane,
    /// Participants' seats, when the exercise serves them.
    pub seats: Option<seats::ConsoleSeats>,
}

impl Console {
    pub fn new(session: Session, now: DateTime<Utc>, theme: Theme) -> Self {
        Self {
            session,
            now,
            theme,
            view: View::Console,
            modals: Modals::default(),
            focus: Focus::Inject,
            inject_scroll: 0,
            checklist: 0,
            role: 0,
            message: None,
            leave: false,
            held_for_question: false,
            room_scroll: 0,
            hot_wash: false,
            option_cursor: 0,
            lower_pane: LowerPane::Checklist,
            seats: None,
            hits: RefCell::new(Vec::new()),
            keymap: Rc::new(Keymap::default()),
            viewing: None,
            start_speed: None,
            tick_failed: None,
            score: RefCell::new(None),
            report_written: None,
            signing_key: None,
            signature_written: None,
            kept_until: None,
        }
    }

    /// The console on a session, with the user's keys and colours. A session
    /// that was interrupted is marked resumed, with its clock paused.
    pub fn open(session: Session, settings: &Settings, now: DateTime<Utc>) -> anyhow::Result<Self> {
        let mut session = session;
        let resumed = session.engine().state().status == Status::InProgress;
        if resumed {
            session.execute(&Command::MarkResumed, now)?;
        }
        let mut console = Self::new(session, now, settings.theme);
        console.keymap = settings.keymap.clone();
        console.start_speed = settings.start_speed;
        if let Some(retention) = settings.retention
            && let Ok(Some(recorded)) =
                tabletop_core::retention::recorded_at(console.session.path())
        {
            let keep = chrono::TimeDelta::seconds(retention.as_secs() as i64);
            console.kept_until = Some((recorded + keep, retention));
        }
        if resumed {
            console.message = Some((
                "resumed: the clock is paused, press Space to go on".into(),
                false,
            ));
        }
        Ok(console)
    }

    pub fn roles(&self) -> Vec<String> {
        self.session
            .engine()
            .scenario()
            .scenario
            .roles
            .iter()
            .map(|r| r.to_string())
            .collect()
    }

    pub fn role_name(&self, role: &str) -> String {
        self.session.engine().plan().role_name(role).to_string()
    }

    /// The role answering, with the person holding it when exactly one does.
    pub fn speaker(&self, role: &str) -> Speaker {
        let setup = self.session.engine().setup();
        let holders: Vec<&str> = setup
            .participants
            .iter()
            .filter(|p| p.roles.iter().any(|r| r == role))
            .map(|p| p.name.as_str())
            .collect();
        Speaker {
            role: role.to_string(),
            by: (!setup.anonymous && holders.len() == 1).then(|| holders[0].to_string()),
        }
    }

    pub fn answering_role(&self) -> String {
        self.roles().get(self.role).cloned().unwrap_or_default()
    }

    /// The inject or card on screen: the latest, unless an earlier one is being looked at.
    pub fn current_item(&self) -> Option<Item> {
        let deliveries = &self.session.engine().state().deliveries;
        match self.viewing {
            Some(index) => deliveries.get(index).map(|d| d.item),
            None => deliveries.last().map(|d| d.item),
        }
    }

    pub fn item_id(&self, item: Item) -> String {
        let scenario = self.session.engine().scenario();
        match item {
            Item::Inject(i) => scenario.injects[i].id.to_string(),
            Item::Card(c) => scenario
                .wildcards
                .as_ref()
                .map(|w| w.cards[c].id.to_string())
                .unwrap_or_default(),
        }
    }

    /// Plan actions the current inject or card expects.
    pub fn expected_actions(&self) -> Vec<String> {
        let scenario = self.session.engine().scenario();
        match self.current_item() {
            Some(Item::Inject(i)) => scenario.injects[i]
                .expects
                .iter()
                .map(|a| a.to_string())
                .collect(),
            Some(Item::Card(c)) => scenario
                .wildcards
                .as_ref()
                .map(|w| w.cards[c].expects.iter().map(|a| a.to_string()).collect())
                .unwrap_or_default(),
            None => Vec::new(),
        }
    }

    pub fn elapsed_ms(&self) -> i64 {
        self.session.engine().state().elapsed_at(self.now)
    }

    /// When the screen next needs to change by itself: something comes due, or
    /// the shown clock reaches its next second. `None` means wait for input.
    pub fn next_wakeup(&self) -> Option<DateTime<Utc>> {
        let seat_leaves = self.seats.as_ref().and_then(|s| s.next_wakeup(self.now));
        let state = self.session.engine().state();
        if state.status != Status::InProgress || !state.clock.running {
            return seat_leaves;
        }
        let next_second = (self.elapsed_ms() / 1000 + 1) * 1000;
        let second = state.clock.wall_at(next_second);
        let due = self.session.engine().next_wakeup();
        // After a failed write, what is due stays due: retry once a second
        // rather than spinning on it.
        let due = match self.tick_failed {
            Some(failed) => due.map(|d| d.max(failed + chrono::TimeDelta::seconds(1))),
            None => due,
        };
        [second, due, seat_leaves].into_iter().flatten().min()
    }

    /// Seats for this run: the server wakes the loop through `waker` when a
    /// seat asks for something.
    pub fn attach_seats(
        &mut self,
        seats: seats::ConsoleSeats,
        waker: std::sync::mpsc::Sender<crate::screen::terminal::Input>,
    ) {
        seats.desk.wake.set(Box::new(move || {
            let _ = waker.send(crate::screen::terminal::Input::Wake);
        }));
        let key = self.keymap.label(
            crate::keymap::Section::Console,
            crate::keymap::Action::Seats,
        );
        self.message = Some((
            format!("seats are open: {key} shows each seat's link and QR code"),
            false,
        ));
        self.seats = Some(seats);
        self.serve_seats();
    }

    /// Serves what the seats asked for since the loop last came round.
    pub fn serve_seats(&mut self) {
        if let Some(seats) = self.seats.as_mut()
            && let Some(said) = seats.serve(&mut self.session, self.now)
            && self.message.is_none()
        {
            self.message = Some((said, false));
        }
    }

    /// The score so far (or the final score once the exercise has ended).
    pub fn score(&self) -> Rc<ScoreReport> {
        let engine = self.session.engine();
        let state = engine.state();
        let now = if self.ended() {
            state.story_at(state.last_elapsed_ms)
        } else {
            state.story_at(self.elapsed_ms())
        };
        let key = (state.last_seq, now.0 / 60);
        if let Some((seq, minute, report)) = &*self.score.borrow()
            && (*seq, *minute) == key
        {
            return report.clone();
        }
        let report = Rc::new(if self.ended() {
            scoring::score(state, engine.scenario(), engine.plan())
        } else {
            scoring::score_live(state, engine.scenario(), engine.plan(), now)
        });
        *self.score.borrow_mut() = Some((key.0, key.1, report.clone()));
        report
    }

    pub fn ended(&self) -> bool {
        self.session.engine().state().status == Status::Ended
    }
}
