//! The state of an exercise, and the fold that builds it from events. Nothing
//! else changes it: a live run, a resume and a review all apply the same events.

use std::collections::HashMap;

use imbl::{OrdMap, Vector};

use chrono::{DateTime, Utc};

use crate::scenario::Scenario;
use crate::time::StoryInstant;

use super::clock::{FacilitationClock, Speed};
use super::event::{Event, EventRecord, LapseReason, SkipReason, Speaker};
use super::seats::{SeatPresence, SeatsState, Vote};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    NotStarted,
    InProgress,
    Ended,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InjectStatus {
    Pending,
    Delivered,
    Skipped(SkipReason),
}

/// Something delivered to the team: an inject, or a wildcard card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Item {
    Inject(usize),
    Card(usize),
}

/// When something was recorded, on each clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub seq: u64,
    pub elapsed_ms: i64,
    pub story: StoryInstant,
}

impl Stamp {
    fn of(record: &EventRecord) -> Self {
        Self {
            seq: record.seq,
            elapsed_ms: record.elapsed_ms,
            story: record.story,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub item: Item,
    pub at: Stamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenDecision {
    pub inject: usize,
    pub opened_ms: i64,
    pub deadline_ms: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecisionOutcome {
    Taken {
        option: usize,
        speaker: Speaker,
        text: Option<String>,
    },
    Lapsed(LapseReason),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionRecord {
    pub inject: usize,
    pub outcome: DecisionOutcome,
    pub at: Stamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub item: Item,
    pub speaker: Speaker,
    pub text: String,
    pub at: Stamp,
    /// When the wording was last corrected.
    pub corrected: Option<Stamp>,
    /// The seat it was typed at, when not by the facilitator.
    pub seat: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    pub action: String,
    pub speaker: Speaker,
    pub item: Option<Item>,
    pub at: Stamp,
    pub withdrawn: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub text: String,
    pub item: Option<Item>,
    pub at: Stamp,
}

/// Something the facilitator recorded that can be taken back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undoable<'a> {
    Tick(&'a Observation),
    Response(&'a Response),
    Note(&'a Note),
}

impl Undoable<'_> {
    pub fn seq(&self) -> u64 {
        match self {
            Self::Tick(o) => o.at.seq,
            Self::Response(r) => r.at.seq,
            Self::Note(n) => n.at.seq,
        }
    }
}

/// Where each inject and card sits in the scenario, by id.
#[derive(Debug, Clone, Default)]
pub struct ItemIndex {
    pub injects: HashMap<String, usize>,
    pub cards: HashMap<String, usize>,
}

impl ItemIndex {
    pub fn of(scenario: &Scenario) -> Self {
        Self {
            injects: scenario
                .injects
                .iter()
                .enumerate()
                .map(|(i, x)| (x.id.to_string(), i))
                .collect(),
            cards: scenario
                .wildcards
                .iter()
                .flat_map(|d| d.cards.iter().enumerate())
                .map(|(i, c)| (c.id.to_string(), i))
                .collect(),
        }
    }

    pub fn item(&self, id: &str) -> Option<Item> {
        self.injects
            .get(id)
            .map(|&i| Item::Inject(i))
            .or_else(|| self.cards.get(id).map(|&i| Item::Card(i)))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExerciseState {
    pub status: Status,
    pub clock: FacilitationClock,
    story_anchor: StoryInstant,
    story_anchor_ms: i64,
    /// The next inject, in file order, whose turn comes.
    pub cursor: usize,
    /// An inject with `end = true` has been dealt with.
    pub ended_by_scenario: bool,
    // Persistent collections: `Engine::handle` clones the state for every
    // command, and these clone in constant time however long the exercise runs.
    pub inject_status: Vector<InjectStatus>,
    pub deliveries: Vector<Delivery>,
    pub open_decision: Option<OpenDecision>,
    pub decisions: Vector<DecisionRecord>,
    pub responses: Vector<Response>,
    pub observations: Vector<Observation>,
    pub notes: Vector<Note>,
    /// Flags and the moment each was first raised.
    pub flags: OrdMap<String, Stamp>,
    pub cards_drawn: usize,
    pub scheduled_draws_done: usize,
    /// When the last inject was dealt with (delivered, or its decision closed):
    /// `after` pacing counts from here.
    pub last_dealt_ms: i64,
    pub last_seq: u64,
    pub last_elapsed_ms: i64,
    /// Seats connected and the votes they cast.
    pub seats: SeatsState,
}

impl ExerciseState {
    pub fn new(scenario: &Scenario, created: DateTime<Utc>) -> Self {
        Self {
            status: Status::NotStarted,
            clock: FacilitationClock::stopped_at(created),
            story_anchor: scenario.scenario.start_instant(),
            story_anchor_ms: 0,
            cursor: 0,
            ended_by_scenario: false,
            inject_status: std::iter::repeat_n(InjectStatus::Pending, scenario.injects.len())
                .collect(),
            deliveries: Vector::new(),
            open_decision: None,
            decisions: Vector::new(),
            responses: Vector::new(),
            observations: Vector::new(),
            notes: Vector::new(),
            flags: OrdMap::new(),
            cards_drawn: 0,
            scheduled_draws_done: 0,
            last_dealt_ms: 0,
            last_seq: 0,
            last_elapsed_ms: 0,
            seats: SeatsState::default(),
        }
    }

    /// Story time at a facilitation time: it runs with the facilitation clock
    /// from the last moment it was set.
    pub fn story_at(&self, elapsed_ms: i64) -> StoryInstant {
        self.story_anchor
            .plus(elapsed_ms.saturating_sub(self.story_anchor_ms).max(0) / 1000)
    }

    pub fn elapsed_at(&self, wall: DateTime<Utc>) -> i64 {
        self.clock.elapsed_at(wall).max(self.last_elapsed_ms)
    }

    /// No inject is left to come: the scenario ended, or every inject has had its turn.
    pub fn flow_complete(&self) -> bool {
        self.open_decision.is_none()
            && (self.ended_by_scenario || self.cursor >= self.inject_status.len())
    }

    pub fn current_item(&self) -> Option<Item> {
        self.deliveries.last().map(|d| d.item)
    }

    pub fn is_delivered(&self, item: Item) -> bool {
        match item {
            Item::Inject(i) => self.inject_status[i] == InjectStatus::Delivered,
            Item::Card(_) => self.deliveries.iter().any(|d| d.item == item),
        }
    }

    pub fn decision_for(&self, inject: usize) -> Option<&DecisionRecord> {
        self.decisions.iter().rev().find(|d| d.inject == inject)
    }

    /// Decisions the team took (the rest lapsed: not taken).
    pub fn decisions_taken(&self) -> usize {
        self.decisions
            .iter()
            .filter(|d| matches!(d.outcome, DecisionOutcome::Taken { .. }))
            .count()
    }

    /// Observations that still stand, in the order they were made.
    pub fn standing_observations(&self) -> impl Iterator<Item = &Observation> {
        self.observations.iter().filter(|o| !o.withdrawn)
    }

    /// What undo takes back next: the most recent tick, response or note
    /// still standing. Decisions and moving on are not undone; a decision
    /// is reopened instead.
    pub fn last_undoable(&self) -> Option<Undoable<'_>> {
        let tick = self.standing_observations().last().map(Undoable::Tick);
        let response = self.responses.last().map(Undoable::Response);
        let note = self.notes.last().map(Undoable::Note);
        [tick, response, note]
            .into_iter()
            .flatten()
            .max_by_key(|u| u.seq())
    }

    /// Applies one event. Events are facts: this never refuses one.
    pub fn apply(&mut self, scenario: &Scenario, index: &ItemIndex, record: &EventRecord) {
        let at = Stamp::of(record);
        let (wall, elapsed) = (record.wall, record.elapsed_ms);
        let speed = self.clock.speed;
        match &record.event {
            Event::ExerciseStarted => {
                self.status = Status::InProgress;
                self.clock.set(wall, elapsed, true, Speed::NORMAL);
            }
            Event::ExerciseResumed | Event::ClockPaused => {
                self.clock.set(wall, elapsed, false, speed)
            }
            Event::ClockResumed => self.clock.set(wall, elapsed, true, speed),
            Event::SpeedChanged { speed } => {
                let running = self.clock.running;
                self.clock.set(wall, elapsed, running, *speed);
            }
            Event::ClockJumped { .. } | Event::StoryJumped { .. } => {
                let running = self.clock.running;
                self.clock.set(wall, elapsed, running, speed);
            }
            Event::InjectDelivered {
                inject,
                raises,
                countdown_ms,
            } => {
                if let Some(&i) = index.injects.get(inject) {
                    self.inject_status[i] = InjectStatus::Delivered;
                    self.deliveries.push_back(Delivery {
                        item: Item::Inject(i),
                        at,
                    });
                    if i >= self.cursor {
                        self.cursor = i + 1;
                    }
                    let has_decision = scenario.injects[i]
                        .decision
                        .as_ref()
                        .is_some_and(|d| !d.options.is_empty());
                    if has_decision {
                        self.open_decision = Some(OpenDecision {
                            inject: i,
                            opened_ms: elapsed,
                            deadline_ms: countdown_ms.map(|c| elapsed.saturating_add(c)),
                        });
                    } else {
                        self.last_dealt_ms = elapsed;
                        self.ended_by_scenario |= scenario.injects[i].end;
                    }
                }
                self.raise(raises, at);
            }
            Event::InjectSkipped { inject, reason } => {
                if let Some(&i) = index.injects.get(inject) {
                    self.inject_status[i] = InjectStatus::Skipped(*reason);
                    if i >= self.cursor {
                        self.cursor = i + 1;
                    }
                }
            }
            Event::WildcardDrawn {
                card,
                scheduled,
                raises,
            } => {
                if let Some(&c) = index.cards.get(card) {
                    self.deliveries.push_back(Delivery {
                        item: Item::Card(c),
                        at,
                    });
                }
                self.cards_drawn += 1;
                if *scheduled {
                    self.scheduled_draws_done += 1;
                }
                self.raise(raises, at);
            }
            Event::DecisionOpened {
                inject,
                countdown_ms,
            } => {
                if let Some(&i) = index.injects.get(inject) {
                    self.open_decision = Some(OpenDecision {
                        inject: i,
                        opened_ms: elapsed,
                        deadline_ms: countdown_ms.map(|c| elapsed.saturating_add(c)),
                    });
                }
            }
            Event::DecisionTaken {
                inject,
                option,
                role,
                by,
                text,
                raises,
                branch_to,
                skipped,
            } => {
                let Some(&i) = index.injects.get(inject) else {
                    return;
                };
                // An option the scenario does not have is never credited as another.
                let Some(option_index) = scenario.injects[i]
                    .decision
                    .as_ref()
                    .and_then(|d| d.options.iter().position(|o| o.id.as_str() == option))
                else {
                    return;
                };
                self.decisions.push_back(DecisionRecord {
                    inject: i,
                    outcome: DecisionOutcome::Taken {
                        option: option_index,
                        speaker: Speaker::new(role, by),
                        text: text.clone(),
                    },
                    at,
                });
                self.raise(raises, at);
                self.close_decision(scenario, i, elapsed);
                for id in skipped {
                    if let Some(&s) = index.injects.get(id) {
                        self.inject_status[s] = InjectStatus::Skipped(SkipReason::Branch);
                    }
                }
                if let Some(&target) = branch_to.as_ref().and_then(|t| index.injects.get(t)) {
                    self.cursor = target;
                    self.ended_by_scenario = false;
                }
            }
            Event::DecisionLapsed { inject, reason } => {
                if let Some(&i) = index.injects.get(inject) {
                    self.decisions.push_back(DecisionRecord {
                        inject: i,
                        outcome: DecisionOutcome::Lapsed(*reason),
                        at,
                    });
                    self.close_decision(scenario, i, elapsed);
                }
            }
            Event::ResponseRecorded {
                item,
                role,
                by,
                text,
                seat,
            } => {
                if let Some(item) = index.item(item) {
                    self.responses.push_back(Response {
                        item,
                        speaker: Speaker::new(role, by),
                        text: text.clone(),
                        at,
                        corrected: None,
                        seat: seat.clone(),
                    });
                }
            }
            Event::ActionObserved {
                action,
                role,
                by,
                item,
                raises,
            } => {
                self.raise(raises, at);
                self.observations.push_back(Observation {
                    action: action.clone(),
                    speaker: Speaker::new(role, by),
                    item: item.as_deref().and_then(|i| index.item(i)),
                    at,
                    withdrawn: false,
                });
            }
            Event::ObservationWithdrawn { observed_seq, .. } => {
                if let Some(o) = self
                    .observations
                    .iter_mut()
                    .find(|o| o.at.seq == *observed_seq)
                {
                    o.withdrawn = true;
                }
            }
            Event::NoteAdded { text, item } => self.notes.push_back(Note {
                text: text.clone(),
                item: item.as_deref().and_then(|i| index.item(i)),
                at,
            }),
            // Taken back: gone from the state, still in the transcript.
            Event::ResponseCorrected { response_seq, text } => {
                if let Some(r) = self
                    .responses
                    .iter_mut()
                    .find(|r| r.at.seq == *response_seq)
                {
                    r.text = text.clone();
                    r.corrected = Some(at);
                }
            }
            Event::ResponseWithdrawn { response_seq } => {
                self.responses.retain(|r| r.at.seq != *response_seq);
            }
            Event::NoteWithdrawn { note_seq } => {
                self.notes.retain(|n| n.at.seq != *note_seq);
            }
            Event::CountdownExtended { by_ms, .. } => {
                if let Some(deadline) = self
                    .open_decision
                    .as_mut()
                    .and_then(|o| o.deadline_ms.as_mut())
                {
                    *deadline = deadline.saturating_add(*by_ms);
                }
            }
            Event::CountdownHeld { .. } => {
                if let Some(open) = self.open_decision.as_mut() {
                    open.deadline_ms = None;
                }
            }
            Event::ExerciseEnded { .. } => {
                self.status = Status::Ended;
                let running = false;
                self.clock.set(wall, elapsed, running, speed);
            }
            Event::SeatJoined {
                seat,
                kind,
                roles,
                by,
            } => self.seats.join(
                seat,
                SeatPresence {
                    kind: *kind,
                    roles: roles.clone(),
                    by: by.clone(),
                    joined: at,
                },
            ),
            Event::SeatLeft { seat } => self.seats.leave(seat),
            Event::VoteCast {
                inject,
                option,
                seat,
                role,
                by,
            } => {
                let found = index.injects.get(inject).and_then(|&i| {
                    let options = &scenario.injects[i].decision.as_ref()?.options;
                    Some((i, options.iter().position(|o| o.id.as_str() == option)?))
                });
                if let Some((inject, option)) = found {
                    self.seats.cast(Vote {
                        inject,
                        option,
                        seat: seat.clone(),
                        speaker: Speaker::new(role, by),
                        at,
                    });
                }
            }
        }
        // Every event pins story time at its own moment.
        self.story_anchor = record.story;
        self.story_anchor_ms = elapsed;
        self.last_seq = record.seq;
        self.last_elapsed_ms = self.last_elapsed_ms.max(elapsed);
    }

    fn raise(&mut self, flags: &[String], at: Stamp) {
        for flag in flags {
            if !self.flags.contains_key(flag) {
                self.flags.insert(flag.clone(), at);
            }
        }
    }

    fn close_decision(&mut self, scenario: &Scenario, inject: usize, elapsed: i64) {
        if self
            .open_decision
            .as_ref()
            .is_some_and(|d| d.inject == inject)
        {
            self.open_decision = None;
        }
        self.last_dealt_ms = elapsed;
        self.ended_by_scenario |= scenario.injects[inject].end;
    }
}
