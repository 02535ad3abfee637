//! The exercise engine: commands in, events out. It never reads a clock, a
//! terminal or a global random source: time comes with each command and
//! randomness from the recorded seed.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::plan::Plan;
use crate::scenario::{Inject, Pacing, Scenario};
use crate::time::StoryInstant;

use super::command::{Command, CommandError};
use super::event::{EndReason, Event, EventRecord, LapseReason, SkipReason, Speaker};
use super::setup::ExerciseSetup;
use super::state::{ExerciseState, InjectStatus, Item, ItemIndex, Status};
use super::wildcards::DrawPlan;

#[derive(Debug, Clone)]
pub struct Engine {
    scenario: Arc<Scenario>,
    plan: Arc<Plan>,
    setup: ExerciseSetup,
    draws: DrawPlan,
    index: Arc<ItemIndex>,
    state: ExerciseState,
}

/// Events being produced for one command, applied to a draft state as they
/// are made so that each sees the effect of the ones before.
struct Draft<'a> {
    engine: &'a Engine,
    state: ExerciseState,
    wall: DateTime<Utc>,
    out: Vec<EventRecord>,
}

impl Draft<'_> {
    fn emit(&mut self, event: Event, elapsed_ms: i64, story: StoryInstant) {
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

    fn now(&self) -> i64 {
        self.state.elapsed_at(self.wall)
    }

    fn story_now(&self) -> StoryInstant {
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

    fn command(&self, d: &mut Draft<'_>, command: &Command) -> Result<(), CommandError> {
        let now = d.now();
        let story = d.story_now();
        match command {
            Command::Start => d.emit(
                Event::ExerciseStarted,
                0,
                self.scenario.scenario.start_instant(),
            ),
            Command::MarkResumed => {
                let last = d.state.last_elapsed_ms;
                let story = d.state.story_at(last);
                d.emit(Event::ExerciseResumed, last, story);
            }
            Command::Pause if !d.state.clock.running => {
                return Err(CommandError::ClockAlready("paused"));
            }
            Command::Pause => d.emit(Event::ClockPaused, now, story),
            Command::Resume if d.state.clock.running => {
                return Err(CommandError::ClockAlready("running"));
            }
            Command::Resume => d.emit(Event::ClockResumed, now, story),
            Command::SetSpeed { speed } => {
                let speed = (*speed).clamp(super::Speed::MIN, super::Speed::MAX);
                d.emit(Event::SpeedChanged { speed }, now, story);
            }
            Command::JumpClock { by_ms } if *by_ms <= 0 => {
                return Err(CommandError::NotPositive("a clock jump"));
            }
            Command::JumpClock { by_ms } => {
                d.emit(Event::ClockJumped { by_ms: *by_ms }, now + by_ms, story);
                self.deliver_due(d);
            }
            Command::JumpStory { by_secs } if *by_secs <= 0 => {
                return Err(CommandError::NotPositive("a story jump"));
            }
            Command::JumpStory { by_secs } => d.emit(
                Event::StoryJumped { by_secs: *by_secs },
                now,
                story.plus(*by_secs),
            ),
            Command::Tick => {}
            Command::DeliverNext => self.deliver_next(d)?,
            Command::Deliver { inject } => {
                let i = self.inject_index(inject)?;
                self.lapse_open_decision(d, LapseReason::MovedOn);
                let passed: Vec<usize> = (d.state.cursor..i)
                    .filter(|&p| d.state.inject_status[p] == InjectStatus::Pending)
                    .collect();
                for p in passed {
                    let now = d.now();
                    let inject = self.scenario.injects[p].id.to_string();
                    d.emit(
                        Event::InjectSkipped {
                            inject,
                            reason: SkipReason::Facilitator,
                        },
                        now,
                        d.story_now(),
                    );
                }
                self.deliver(d, i);
            }
            Command::OpenDecision { inject } => {
                let (i, decision) = self.decision_of(inject)?;
                if !d.state.is_delivered(Item::Inject(i)) {
                    return Err(CommandError::NotDelivered(inject.clone()));
                }
                if d.state.decisions.iter().any(|r| {
                    r.inject == i && matches!(r.outcome, super::DecisionOutcome::Taken { .. })
                }) {
                    return Err(CommandError::AlreadyDecided(inject.clone()));
                }
                if d.state
                    .open_decision
                    .as_ref()
                    .is_some_and(|o| o.inject == i)
                {
                    return Ok(());
                }
                self.lapse_open_decision(d, LapseReason::MovedOn);
                let countdown_ms = decision
                    .countdown
                    .as_ref()
                    .map(|c| c.as_secs() as i64 * 1000);
                d.emit(
                    Event::DecisionOpened {
                        inject: inject.clone(),
                        countdown_ms,
                    },
                    d.now(),
                    d.story_now(),
                );
            }
            Command::Decide {
                inject,
                option,
                speaker,
                text,
            } => {
                self.check_speaker(speaker)?;
                let (i, decision) = self.decision_of(inject)?;
                if d.state.open_decision.as_ref().is_none_or(|o| o.inject != i) {
                    let taken = d.state.decisions.iter().any(|r| {
                        r.inject == i && matches!(r.outcome, super::DecisionOutcome::Taken { .. })
                    });
                    return Err(if taken {
                        CommandError::AlreadyDecided(inject.clone())
                    } else {
                        CommandError::DecisionNotOpen(inject.clone())
                    });
                }
                let chosen =
                    decision
                        .option(option)
                        .ok_or_else(|| CommandError::UnknownOption {
                            inject: inject.clone(),
                            option: option.clone(),
                        })?;
                // An option that fulfils a plan action raises that action's triggers too.
                let raises = new_flags(
                    &d.state,
                    chosen.sets.iter().map(|f| f.as_str()).chain(
                        chosen
                            .fulfils
                            .iter()
                            .flat_map(|a| self.plan.triggers_raised_by(a.as_str())),
                    ),
                );
                let target = chosen
                    .next
                    .as_ref()
                    .and_then(|n| self.index.injects.get(n.as_str()).copied());
                let skipped = target
                    .map(|t| {
                        (d.state.cursor..t)
                            .filter(|&p| d.state.inject_status[p] == InjectStatus::Pending)
                            .map(|p| self.scenario.injects[p].id.to_string())
                            .collect()
                    })
                    .unwrap_or_default();
                d.emit(
                    Event::DecisionTaken {
                        inject: inject.clone(),
                        option: option.clone(),
                        role: speaker.role.clone(),
                        by: speaker.by.clone(),
                        text: non_empty(text),
                        raises,
                        branch_to: chosen.next.as_ref().map(|n| n.to_string()),
                        skipped,
                    },
                    now,
                    story,
                );
            }
            Command::Respond {
                item,
                speaker,
                text,
            } => {
                self.check_speaker(speaker)?;
                self.check_delivered(&d.state, item)?;
                if text.trim().is_empty() {
                    return Err(CommandError::EmptyText);
                }
                d.emit(
                    Event::ResponseRecorded {
                        item: item.clone(),
                        role: speaker.role.clone(),
                        by: speaker.by.clone(),
                        text: text.trim_end().to_string(),
                    },
                    now,
                    story,
                );
            }
            Command::Observe {
                action,
                speaker,
                item,
            } => {
                self.check_speaker(speaker)?;
                if self.plan.action(action).is_none() {
                    return Err(CommandError::UnknownAction(action.clone()));
                }
                if let Some(item) = item {
                    self.check_delivered(&d.state, item)?;
                }
                let raises = new_flags(&d.state, self.plan.triggers_raised_by(action));
                d.emit(
                    Event::ActionObserved {
                        action: action.clone(),
                        role: speaker.role.clone(),
                        by: speaker.by.clone(),
                        item: item.clone(),
                        raises,
                    },
                    now,
                    story,
                );
            }
            Command::WithdrawObservation { action } => {
                let observed_seq = d
                    .state
                    .standing_observations()
                    .filter(|o| &o.action == action)
                    .map(|o| o.at.seq)
                    .last()
                    .ok_or_else(|| CommandError::NotObserved(action.clone()))?;
                d.emit(
                    Event::ObservationWithdrawn {
                        action: action.clone(),
                        observed_seq,
                    },
                    now,
                    story,
                );
            }
            Command::Note { text, item } => {
                if text.trim().is_empty() {
                    return Err(CommandError::EmptyText);
                }
                if let Some(item) = item {
                    self.check_delivered(&d.state, item)?;
                }
                d.emit(
                    Event::NoteAdded {
                        text: text.trim_end().to_string(),
                        item: item.clone(),
                    },
                    now,
                    story,
                );
            }
            Command::DrawWildcard => {
                if d.state.cards_drawn >= self.draws.order.len() {
                    return Err(CommandError::DeckEmpty);
                }
                self.draw(d, false, now);
            }
            Command::End => {
                self.lapse_open_decision(d, LapseReason::MovedOn);
                d.emit(
                    Event::ExerciseEnded {
                        reason: EndReason::Facilitator,
                    },
                    d.now(),
                    d.story_now(),
                );
            }
        }
        Ok(())
    }

    /// Emits, in time order, everything that has come due by the draft's wall time.
    fn deliver_due(&self, d: &mut Draft<'_>) {
        let limit = 2 * self.scenario.injects.len() + self.draws.order.len() + 8;
        for _ in 0..limit {
            let now = d.now();
            let candidates = [
                self.countdown_due(&d.state).map(|t| (t, 0)),
                self.draw_due(&d.state).map(|t| (t, 1)),
                self.inject_due(&d.state).map(|t| (t, 2)),
            ];
            let Some((due, which)) = candidates
                .into_iter()
                .flatten()
                .filter(|(t, _)| *t <= now)
                .min()
            else {
                return;
            };
            match which {
                0 => {
                    let inject = d
                        .state
                        .open_decision
                        .as_ref()
                        .map(|o| o.inject)
                        .unwrap_or_default();
                    let story = d.state.story_at(due);
                    let id = self.scenario.injects[inject].id.to_string();
                    d.emit(
                        Event::DecisionLapsed {
                            inject: id,
                            reason: LapseReason::CountdownExpired,
                        },
                        due,
                        story,
                    );
                }
                1 => self.draw(d, true, due),
                _ => {
                    let i = d.state.cursor;
                    if self.condition_holds(&d.state, &self.scenario.injects[i]) {
                        self.deliver_at(d, i, due);
                    } else {
                        let story = d.state.story_at(due);
                        let id = self.scenario.injects[i].id.to_string();
                        d.emit(
                            Event::InjectSkipped {
                                inject: id,
                                reason: SkipReason::ConditionNotMet,
                            },
                            due,
                            story,
                        );
                    }
                }
            }
        }
    }

    fn deliver_next(&self, d: &mut Draft<'_>) -> Result<(), CommandError> {
        self.lapse_open_decision(d, LapseReason::MovedOn);
        while !d.state.flow_complete() {
            let i = d.state.cursor;
            if self.condition_holds(&d.state, &self.scenario.injects[i]) {
                self.deliver(d, i);
                return Ok(());
            }
            let id = self.scenario.injects[i].id.to_string();
            d.emit(
                Event::InjectSkipped {
                    inject: id,
                    reason: SkipReason::ConditionNotMet,
                },
                d.now(),
                d.story_now(),
            );
        }
        if d.out.is_empty() {
            Err(CommandError::NothingLeft)
        } else {
            Ok(())
        }
    }

    fn deliver(&self, d: &mut Draft<'_>, i: usize) {
        let now = d.now();
        self.deliver_at(d, i, now);
    }

    fn deliver_at(&self, d: &mut Draft<'_>, i: usize, at_ms: i64) {
        let inject = &self.scenario.injects[i];
        let current = d.state.story_at(at_ms);
        let start = self.scenario.scenario.start_instant();
        // Story time never runs backwards: an inject set earlier than the story
        // has already reached arrives "now".
        let story = inject
            .story
            .as_ref()
            .map_or(current, |s| s.resolve(start).max(current));
        let countdown_ms = inject
            .decision
            .as_ref()
            .and_then(|dec| dec.countdown.as_ref())
            .map(|c| c.as_secs() as i64 * 1000);
        let raises = new_flags(&d.state, inject.sets.iter().map(|f| f.as_str()));
        d.emit(
            Event::InjectDelivered {
                inject: inject.id.to_string(),
                raises,
                countdown_ms,
            },
            at_ms,
            story,
        );
    }

    fn draw(&self, d: &mut Draft<'_>, scheduled: bool, at_ms: i64) {
        let Some(deck) = &self.scenario.wildcards else {
            return;
        };
        let card = &deck.cards[self.draws.order[d.state.cards_drawn]];
        let raises = new_flags(&d.state, card.sets.iter().map(|f| f.as_str()));
        let story = d.state.story_at(at_ms);
        d.emit(
            Event::WildcardDrawn {
                card: card.id.to_string(),
                scheduled,
                raises,
            },
            at_ms,
            story,
        );
    }

    fn lapse_open_decision(&self, d: &mut Draft<'_>, reason: LapseReason) {
        if let Some(open) = &d.state.open_decision {
            let id = self.scenario.injects[open.inject].id.to_string();
            d.emit(
                Event::DecisionLapsed { inject: id, reason },
                d.now(),
                d.story_now(),
            );
        }
    }

    fn inject_index(&self, inject: &str) -> Result<usize, CommandError> {
        self.index
            .injects
            .get(inject)
            .copied()
            .ok_or_else(|| CommandError::UnknownItem(inject.to_string()))
    }

    fn decision_of(
        &self,
        inject: &str,
    ) -> Result<(usize, &crate::scenario::Decision), CommandError> {
        let i = self.inject_index(inject)?;
        let decision = self.scenario.injects[i]
            .decision
            .as_ref()
            .ok_or_else(|| CommandError::NoDecision(inject.to_string()))?;
        Ok((i, decision))
    }

    fn countdown_due(&self, state: &ExerciseState) -> Option<i64> {
        state.open_decision.as_ref().and_then(|o| o.deadline_ms)
    }

    fn draw_due(&self, state: &ExerciseState) -> Option<i64> {
        let k = state.scheduled_draws_done;
        (state.cards_drawn < self.draws.order.len())
            .then(|| self.draws.times_ms.get(k).copied())
            .flatten()
    }

    fn inject_due(&self, state: &ExerciseState) -> Option<i64> {
        if state.flow_complete() || state.open_decision.is_some() {
            return None;
        }
        let inject = &self.scenario.injects[state.cursor];
        match inject.pacing() {
            Pacing::At(at) => Some((at.as_secs() as i64 * 1000).max(state.last_dealt_ms)),
            Pacing::After(after) => Some(state.last_dealt_ms + after.as_secs() as i64 * 1000),
            Pacing::Manual => None,
        }
    }

    fn condition_holds(&self, state: &ExerciseState, inject: &Inject) -> bool {
        inject
            .requires
            .iter()
            .all(|f| state.flags.contains_key(f.as_str()))
            && !inject
                .unless
                .iter()
                .any(|f| state.flags.contains_key(f.as_str()))
    }

    fn check_speaker(&self, speaker: &Speaker) -> Result<(), CommandError> {
        let role = speaker.role.as_str();
        let known = self
            .scenario
            .scenario
            .roles
            .iter()
            .any(|r| r.as_str() == role)
            || self.plan.role(role).is_some();
        if !known {
            return Err(CommandError::UnknownRole(speaker.role.clone()));
        }
        match (&speaker.by, self.setup.anonymous) {
            (Some(_), true) => Err(CommandError::NameInAnonymousExercise),
            (Some(name), false) => match self.setup.holds(name, role) {
                None => Err(CommandError::UnknownParticipant(name.clone())),
                Some(false) => Err(CommandError::RoleNotHeld {
                    name: name.clone(),
                    role: speaker.role.clone(),
                }),
                Some(true) => Ok(()),
            },
            (None, _) => Ok(()),
        }
    }

    fn check_delivered(&self, state: &ExerciseState, item: &str) -> Result<(), CommandError> {
        let found = self
            .index
            .item(item)
            .ok_or_else(|| CommandError::UnknownItem(item.to_string()))?;
        if state.is_delivered(found) {
            Ok(())
        } else {
            Err(CommandError::NotDelivered(item.to_string()))
        }
    }
}

fn new_flags<'a>(state: &ExerciseState, flags: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for flag in flags {
        if !state.flags.contains_key(flag) && !out.iter().any(|f| f == flag) {
            out.push(flag.to_string());
        }
    }
    out
}

fn non_empty(text: &Option<String>) -> Option<String> {
    text.as_ref()
        .map(|t| t.trim_end().to_string())
        .filter(|t| !t.trim().is_empty())
}
