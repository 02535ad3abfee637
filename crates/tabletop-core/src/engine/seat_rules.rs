//! What seats may ask of the engine: joining, leaving, voting and
//! responding. The seats server checks a seat's token and which roles it may
//! answer for; these rules check what any command must respect.

use super::command::{Command, CommandError, SEAT_TEXT_LIMIT};
use super::engine::{Draft, Engine};
use super::event::Event;

impl Engine {
    pub(super) fn seat_command(
        &self,
        d: &mut Draft<'_>,
        command: &Command,
    ) -> Result<(), CommandError> {
        let now = d.now();
        let story = d.story_now();
        match command {
            Command::JoinSeat {
                seat,
                kind,
                roles,
                by,
            } => {
                if by.is_some() && self.setup.anonymous {
                    return Err(CommandError::NameInAnonymousExercise);
                }
                d.emit(
                    Event::SeatJoined {
                        seat: seat.clone(),
                        kind: *kind,
                        roles: roles.clone(),
                        by: by.clone(),
                    },
                    now,
                    story,
                );
            }
            Command::LeaveSeat { seat } => {
                if !d.state.seats.connected.contains_key(seat) {
                    return Err(CommandError::SeatNotConnected(seat.clone()));
                }
                d.emit(Event::SeatLeft { seat: seat.clone() }, now, story);
            }
            Command::Vote {
                inject,
                option,
                seat,
                speaker,
            } => {
                self.check_answering_seat(&d.state, seat)?;
                self.check_speaker(speaker)?;
                let (i, decision) = self.decision_of(inject)?;
                if d.state.open_decision.as_ref().map(|o| o.inject) != Some(i) {
                    return Err(CommandError::DecisionNotOpen(inject.clone()));
                }
                if !decision.options.iter().any(|o| o.id.as_str() == option) {
                    return Err(CommandError::UnknownOption {
                        inject: inject.clone(),
                        option: option.clone(),
                    });
                }
                d.emit(
                    Event::VoteCast {
                        inject: inject.clone(),
                        option: option.clone(),
                        seat: seat.clone(),
                        role: speaker.role.clone(),
                        by: speaker.by.clone(),
                    },
                    now,
                    story,
                );
            }
            Command::RespondFromSeat {
                item,
                seat,
                speaker,
                text,
            } => {
                self.check_answering_seat(&d.state, seat)?;
                if text.chars().count() > SEAT_TEXT_LIMIT {
                    return Err(CommandError::TooLong(SEAT_TEXT_LIMIT));
                }
                self.respond(d, item, speaker, text, Some(seat))?;
            }
            _ => unreachable!("only seat commands come here"),
        }
        Ok(())
    }

    /// A seat answers only while connected, and only if it is not one that watches.
    fn check_answering_seat(
        &self,
        state: &super::state::ExerciseState,
        seat: &str,
    ) -> Result<(), CommandError> {
        match state.seats.connected.get(seat) {
            None => Err(CommandError::SeatNotConnected(seat.to_string())),
            Some(presence) if !presence.kind.answers() => {
                Err(CommandError::SeatWatchesOnly(seat.to_string()))
            }
            Some(_) => Ok(()),
        }
    }
}
