//! The exercise engine: commands in, events out. It never reads a clock, a
//! terminal or a global random source: time comes with each command and
//! randomness from the recorded seed.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::plan::Plan;
use crate::scenario::Scenario;
use crate::time::StoryInstant;

use super::command::{Command, CommandError};
use super::event::{Event, EventRecord};
use super::setup::ExerciseSetup;
use super::state::{ExerciseState, ItemIndex, Status};
use super::wildcards::DrawPlan;

#[derive(Debug, Clone)]
pub struct Engine {
    pub(super) scenario: Arc<Scenario>,
    pub(super) plan: Arc<Plan>,
    pub(super) setup: ExerciseSetup,
    pub(super) draws: DrawPlan,
    pub(super) index: Arc<ItemIndex>,
    pub(super) state: ExerciseState,
}

/// Events being produced for one command, applied to a draft state as they
/// are made so that each sees the effect of the ones before.
pub(super) struct Draft<'a> {
    pub(super) engine: &'a Engine,
    pub(super) state: ExerciseState,
    pub(super) wall: DateTime<Utc>,
    pub(super) out: Vec<EventRecord>,
}

impl Draft<'_> {
    pub(super) fn emit(&mut self, event: Event, elapsed_ms: i64, story: StoryInstant) {
        let elapsed_ms = elapsed_ms.max(self.state.last_elapsed_ms);
        let record = EventRecord {
            seq: self.state.last_seq + 1,
            wall: self.wall,
            elapsed_ms,
            story,
            event,
        };
        self.state
            .apply(&self.engine.scenario, &self.engine.index, &record);
        self.out.push(record);
    }

    pub(super) fn now(&self) -> i64 {
        self.state.elapsed_at(self.wall)
    }

    pub(super) fn story_now(&self) -> StoryInstant {
        self.state.story_at(self.now())
    }
}

impl Engine {
    pub fn new(
        scenario: Arc<Scenario>,
        plan: Arc<Plan>,
        setup: ExerciseSetup,
        created: DateTime<Utc>,
    ) -> Self {
        let draws = DrawPlan::new(&scenario, setup.seed);
        let index = Arc::new(ItemIndex::of(&scenario));
        let state = ExerciseState::new(&scenario, created);
        Self {
            scenario,
            plan,
            setup,
            draws,
            index,
            state,
        }
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn setup(&self) -> &ExerciseSetup {
        &self.setup
    }

    pub fn state(&self) -> &ExerciseState {
        &self.state
    }

    pub fn index(&self) -> &ItemIndex {
        &self.index
    }

    pub fn draw_plan(&self) -> &DrawPlan {
        &self.draws
    }

    /// Applies an event produced by `handle` (after it was recorded) or read back
    /// from a transcript.
    pub fn apply(&mut self, record: &EventRecord) {
        self.state.apply(&self.scenario, &self.index, record);
    }

    /// The events a command produces at `wall`, after whatever had come due by
    /// then. The engine is unchanged until the events are applied.
    pub fn handle(
        &self,
        command: &Command,
        wall: DateTime<Utc>,
    ) -> Result<Vec<EventRecord>, CommandError> {
        let mut draft = Draft {
            engine: self,
            state: self.state.clone(),
            wall,
            out: Vec::new(),
        };
        match self.state.status {
            Status::Ended => return Err(CommandError::Ended),
            Status::NotStarted if *command != Command::Start => {
                return Err(CommandError::NotStarted);
            }
            Status::InProgress if *command == Command::Start => {
                return Err(CommandError::AlreadyStarted);
            }
            _ => {}
        }
        if *command != Command::MarkResumed && *command != Command::Start {
            self.deliver_due(&mut draft);
        }
        self.command(&mut draft, command)?;
        Ok(draft.out)
    }

    /// Facilitation time (ms) at which something next comes due by itself.
    pub fn next_due_ms(&self) -> Option<i64> {
        if self.state.status != Status::InProgress {
            return None;
        }
        [
            self.countdown_due(&self.state),
            self.draw_due(&self.state),
            self.inject_due(&self.state),
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// The wall-clock moment something next comes due, while the clock runs.
    pub fn next_wakeup(&self) -> Option<DateTime<Utc>> {
        self.next_due_ms()
            .and_then(|ms| self.state.clock.wall_at(ms))
    }
}
