//! What each command may do, and the events it becomes: a command that
//! breaks a rule is refused with the reason, and nothing is recorded.

use super::command::{Command, CommandError};
use super::engine::{Draft, Engine};
use super::event::{EndReason, Event, LapseReason, SkipReason, Speaker};
use super::state::{ExerciseState, InjectStatus, Item, Undoable};

impl Engine {
    pub(super) fn command(&self, d: &mut Draft<'_>, command: &Command) -> Result<(), CommandError> {
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
                d.emit(
                    Event::ClockJumped { by_ms: *by_ms },
                    now.saturating_add(*by_ms),
                    story,
                );
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
            } => self.respond(d, item, speaker, text, None)?,
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
            Command::Undo => {
                let event = match d.state.last_undoable() {
                    Some(Undoable::Tick(o)) => Event::ObservationWithdrawn {
                        action: o.action.clone(),
                        observed_seq: o.at.seq,
                    },
                    Some(Undoable::Response(r)) => Event::ResponseWithdrawn {
                        response_seq: r.at.seq,
                    },
                    Some(Undoable::Note(n)) => Event::NoteWithdrawn { note_seq: n.at.seq },
                    None => return Err(CommandError::NothingToUndo),
                };
                d.emit(event, now, story);
            }
            Command::ExtendCountdown { by_ms } if *by_ms <= 0 => {
                return Err(CommandError::NotPositive("a countdown extension"));
            }
            Command::ExtendCountdown { .. } | Command::HoldCountdown => {
                let Some(open) = d
                    .state
                    .open_decision
                    .as_ref()
                    .filter(|o| o.deadline_ms.is_some())
                else {
                    return Err(CommandError::NoCountdown);
                };
                let inject = self.scenario.injects[open.inject].id.to_string();
                let event = match command {
                    Command::ExtendCountdown { by_ms } => Event::CountdownExtended {
                        inject,
                        by_ms: *by_ms,
                    },
                    _ => Event::CountdownHeld { inject },
                };
                d.emit(event, now, story);
            }
            Command::CorrectResponse { response_seq, text } => {
                if !d.state.responses.iter().any(|r| r.at.seq == *response_seq) {
                    return Err(CommandError::UnknownResponse(*response_seq));
                }
                if text.trim().is_empty() {
                    return Err(CommandError::EmptyText);
                }
                d.emit(
                    Event::ResponseCorrected {
                        response_seq: *response_seq,
                        text: text.trim_end().to_string(),
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
            Command::JoinSeat { .. }
            | Command::LeaveSeat { .. }
            | Command::Vote { .. }
            | Command::RespondFromSeat { .. } => self.seat_command(d, command)?,
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

    /// A response from the facilitator's console or from a seat.
    pub(super) fn respond(
        &self,
        d: &mut Draft<'_>,
        item: &str,
        speaker: &Speaker,
        text: &str,
        seat: Option<&str>,
    ) -> Result<(), CommandError> {
        self.check_speaker(speaker)?;
        self.check_delivered(&d.state, item)?;
        if text.trim().is_empty() {
            return Err(CommandError::EmptyText);
        }
        let (now, story) = (d.now(), d.story_now());
        d.emit(
            Event::ResponseRecorded {
                item: item.to_string(),
                role: speaker.role.clone(),
                by: speaker.by.clone(),
                text: text.trim_end().to_string(),
                seat: seat.map(str::to_string),
            },
            now,
            story,
        );
        Ok(())
    }

    pub(super) fn inject_index(&self, inject: &str) -> Result<usize, CommandError> {
        self.index
            .injects
            .get(inject)
            .copied()
            .ok_or_else(|| CommandError::UnknownItem(inject.to_string()))
    }

    pub(super) fn decision_of(
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

    pub(super) fn check_speaker(&self, speaker: &Speaker) -> Result<(), CommandError> {
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

    pub(super) fn check_delivered(
        &self,
        state: &ExerciseState,
        item: &str,
    ) -> Result<(), CommandError> {
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

pub(super) fn new_flags<'a>(
    state: &ExerciseState,
    flags: impl Iterator<Item = &'a str>,
) -> Vec<String> {
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
