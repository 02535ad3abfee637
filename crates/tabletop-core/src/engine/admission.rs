//! Whether a recorded event could have come from this engine. Replay asks
//! before each event counts, against the scenario and plan copied into the
//! transcript's header: a forged or corrupted line is named and stops the
//! replay there; nothing is ever credited by default.

use super::clock::Speed;
use super::engine::Engine;
use super::event::{Event, EventRecord, Speaker};
use super::state::Status;

/// Over a year of facilitation: no real exercise comes near it, and every
/// sum of recorded times stays far from overflowing.
const MAX_ELAPSED_MS: i64 = 400 * 24 * 3600 * 1000;

/// Story time within two centuries either way of the scenario's day one.
const MAX_STORY_SECS: i64 = 200 * 366 * 24 * 3600;

impl Engine {
    /// `Ok` when `record` may follow the events applied so far; else why not,
    /// in words for the line's diagnostic.
    pub fn admit(&self, record: &EventRecord) -> Result<(), String> {
        let state = self.state();
        if state.status == Status::Ended {
            return Err(format!("{} after the exercise ended", record.event.kind()));
        }
        if Some(record.seq) != state.last_seq.checked_add(1) {
            return Err(format!(
                "event number {} follows number {}",
                record.seq, state.last_seq
            ));
        }
        if record.elapsed_ms < state.last_elapsed_ms {
            return Err("the exercise clock runs backwards".into());
        }
        if record.elapsed_ms > MAX_ELAPSED_MS {
            return Err("the exercise clock reads more than a year".into());
        }
        if record.story.0.unsigned_abs() > MAX_STORY_SECS as u64 {
            return Err("story time is out of range".into());
        }
        self.admit_event(&record.event, record.seq)
    }

    fn admit_event(&self, event: &Event, seq: u64) -> Result<(), String> {
        match event {
            Event::ExerciseStarted
            | Event::ExerciseResumed
            | Event::ClockPaused
            | Event::ClockResumed
            | Event::ExerciseEnded { .. } => Ok(()),
            Event::SpeedChanged { speed } => within(
                (Speed::MIN.0..=Speed::MAX.0).contains(&speed.0),
                "the clock speed is out of range",
            ),
            Event::ClockJumped { by_ms } => within(
                (0..=MAX_ELAPSED_MS).contains(by_ms),
                "the clock jump is out of range",
            ),
            Event::StoryJumped { by_secs } => within(
                by_secs.unsigned_abs() <= MAX_STORY_SECS as u64,
                "the story jump is out of range",
            ),
            Event::InjectDelivered {
                inject,
                countdown_ms,
                ..
            }
            | Event::DecisionOpened {
                inject,
                countdown_ms,
            } => {
                self.known_inject(inject)?;
                within(
                    countdown_ms.is_none_or(|ms| (0..=MAX_ELAPSED_MS).contains(&ms)),
                    "the countdown is out of range",
                )
            }
            Event::InjectSkipped { inject, .. } | Event::DecisionLapsed { inject, .. } => {
                self.known_inject(inject)
            }
            Event::WildcardDrawn { card, .. } => self.known_item(card),
            Event::DecisionTaken {
                inject,
                option,
                role,
                by,
                branch_to,
                skipped,
                ..
            } => {
                self.known_inject(inject)?;
                if self.scenario().option(inject, option).is_none() {
                    return Err(format!(
                        "inject \"{inject}\" has no decision option \"{option}\""
                    ));
                }
                self.known_speaker(role, by)?;
                for id in branch_to.iter().chain(skipped) {
                    self.known_inject(id)?;
                }
                Ok(())
            }
            Event::ResponseRecorded { item, role, by, .. } => {
                self.known_item(item)?;
                self.known_speaker(role, by)
            }
            Event::ActionObserved {
                action,
                role,
                by,
                item,
                ..
            } => {
                self.known_action(action)?;
                self.known_speaker(role, by)?;
                item.as_deref().map_or(Ok(()), |i| self.known_item(i))
            }
            Event::ObservationWithdrawn {
                action,
                observed_seq,
            } => {
                self.known_action(action)?;
                within(
                    *observed_seq < seq,
                    "it withdraws an observation that comes after it",
                )
            }
            Event::NoteAdded { item, .. } => item.as_deref().map_or(Ok(()), |i| self.known_item(i)),
            Event::ResponseCorrected { response_seq, .. }
            | Event::ResponseWithdrawn { response_seq } => within(
                self.state()
                    .responses
                    .iter()
                    .any(|r| r.at.seq == *response_seq),
                &format!("no response recorded as event {response_seq} is standing"),
            ),
            Event::CountdownExtended { inject, .. } | Event::CountdownHeld { inject } => within(
                self.state().open_decision.as_ref().is_some_and(|o| {
                    o.deadline_ms.is_some()
                        && self.scenario().injects[o.inject].id.as_str() == inject
                }),
                &format!("no countdown is running on the decision of \"{inject}\""),
            ),
            Event::SeatJoined { roles, by, .. } => {
                for role in roles {
                    self.known_speaker(role, &None)?;
                }
                within(
                    by.is_none() || !self.setup().anonymous,
                    "a name in an anonymous exercise",
                )
            }
            Event::SeatLeft { seat } => within(
                self.state().seats.connected.contains_key(seat),
                &format!("seat \"{seat}\" is not connected"),
            ),
            Event::VoteCast {
                inject,
                option,
                role,
                by,
                ..
            } => {
                self.known_inject(inject)?;
                if self.scenario().option(inject, option).is_none() {
                    return Err(format!(
                        "inject \"{inject}\" has no decision option \"{option}\""
                    ));
                }
                self.known_speaker(role, by)
            }
            Event::NoteWithdrawn { note_seq } => within(
                self.state().notes.iter().any(|n| n.at.seq == *note_seq),
                &format!("no note recorded as event {note_seq} is standing"),
            ),
        }
    }

    fn known_inject(&self, id: &str) -> Result<(), String> {
        within(
            self.index().injects.contains_key(id),
            &format!("the scenario has no inject \"{id}\""),
        )
    }

    /// An inject or a wildcard card.
    fn known_item(&self, id: &str) -> Result<(), String> {
        within(
            self.index().injects.contains_key(id) || self.index().cards.contains_key(id),
            &format!("the scenario has no inject or card \"{id}\""),
        )
    }

    fn known_action(&self, id: &str) -> Result<(), String> {
        within(
            self.plan().action(id).is_some(),
            &format!("the plan has no action \"{id}\""),
        )
    }

    fn known_speaker(&self, role: &str, by: &Option<String>) -> Result<(), String> {
        self.check_speaker(&Speaker::new(role, by))
            .map_err(|e| e.to_string())
    }
}

fn within(ok: bool, why: &str) -> Result<(), String> {
    if ok { Ok(()) } else { Err(why.to_string()) }
}
