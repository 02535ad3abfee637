//! Where seats meet the engine. The seats server turns each request into a
//! [`SeatRequest`] and wakes the console; the console, which owns the
//! session, calls [`SeatsDesk::serve`]: every waiting request, and every seat
//! that came or went, becomes an engine command, and all are recorded in one
//! group commit before each request is answered. Then the new state is
//! published for the server to send on.

use std::collections::HashMap;
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, TimeDelta, Utc};

use crate::engine::{Command, CommandError, Engine, SEAT_TEXT_LIMIT, SeatKind, Speaker, Status};
use crate::session::{Session, SessionError};

use super::feedback::FeedbackStore;
use super::roster::{Roster, Seat};

/// A seat whose page went away counts as gone only if it does not come
/// back within this time: phones drop and reopen connections all the time.
pub const LEAVE_GRACE: TimeDelta = TimeDelta::seconds(10);

/// What a seat asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeatAsk {
    Vote {
        inject: String,
        option: String,
        role: Option<String>,
    },
    Respond {
        item: String,
        text: String,
        role: Option<String>,
    },
    /// New words for one of the seat's own responses.
    Correct { response_seq: u64, text: String },
}

/// The event that recorded the ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeatReply {
    pub seq: u64,
}

pub type Answer = Box<dyn FnOnce(Result<SeatReply, String>) + Send>;

pub struct SeatRequest {
    pub seat: String,
    pub ask: SeatAsk,
    /// Called once with the outcome: the event's number, or why not, in a
    /// sentence for the participant.
    pub answer: Answer,
}

/// Which seats have a page open now, as the server sees them.
#[derive(Debug, Default)]
pub struct Presence {
    live: Mutex<HashMap<String, Live>>,
}

#[derive(Debug, Clone, Copy)]
struct Live {
    streams: usize,
    /// When the last stream closed.
    since: Option<DateTime<Utc>>,
}

impl Presence {
    pub fn connect(&self, seat: &str) {
        let mut live = self.lock();
        let entry = live.entry(seat.to_string()).or_insert(Live {
            streams: 0,
            since: None,
        });
        entry.streams += 1;
        entry.since = None;
    }

    pub fn disconnect(&self, seat: &str, now: DateTime<Utc>) {
        if let Some(entry) = self.lock().get_mut(seat) {
            entry.streams = entry.streams.saturating_sub(1);
            if entry.streams == 0 {
                entry.since = Some(now);
            }
        }
    }

    /// How many pages a seat has open.
    pub fn streams(&self, seat: &str) -> usize {
        self.lock().get(seat).map_or(0, |l| l.streams)
    }

    /// Whether the seat counts as present at `now`.
    fn present(&self, seat: &str, now: DateTime<Utc>) -> bool {
        self.lock().get(seat).is_some_and(|l| match l.since {
            None => l.streams > 0,
            Some(since) => now - since < LEAVE_GRACE,
        })
    }

    /// When a seat that went away next counts as gone, after `now`: a seat
    /// already gone is not waited for again.
    fn next_leave(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.lock()
            .values()
            .filter_map(|l| l.since)
            .map(|since| since + LEAVE_GRACE)
            .filter(|at| *at > now)
            .min()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Live>> {
        self.live.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Sends the state on to the seats server after it changed.
pub type Publish = Box<dyn Fn(Arc<Engine>) + Send>;

/// How the server wakes the console when a seat asked for something. Set by
/// the console once its loop is ready; until then a wake is a no-op (the
/// console serves whatever waits when it first looks).
/// Wakes coalesce: while one is waiting to be served, more add nothing, so
/// a hundred seats answering at once wake the console once, not a hundred
/// times.
#[derive(Clone, Default)]
pub struct Wake {
    call: Arc<std::sync::OnceLock<Box<dyn Fn() + Send + Sync>>>,
    pending: Arc<std::sync::atomic::AtomicBool>,
}

impl Wake {
    pub fn set(&self, wake: Box<dyn Fn() + Send + Sync>) {
        let _ = self.call.set(wake);
    }

    pub fn wake(&self) {
        use std::sync::atomic::Ordering;
        if !self.pending.swap(true, Ordering::AcqRel)
            && let Some(wake) = self.call.get()
        {
            wake();
        }
    }

    /// Called before serving: a wake after this comes through again.
    fn served(&self) {
        self.pending
            .store(false, std::sync::atomic::Ordering::Release);
    }
}

impl std::fmt::Debug for Wake {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Wake")
    }
}

pub struct SeatsDesk {
    pub wake: Wake,
    pub roster: Arc<Roster>,
    pub presence: Arc<Presence>,
    pub feedback: Arc<FeedbackStore>,
    requests: Receiver<SeatRequest>,
    publish: Publish,
    published: Option<u64>,
    /// What the last group commit recorded, for the console to show.
    pub last_served: Vec<(String, SeatAsk)>,
}

impl SeatsDesk {
    pub fn new(
        wake: Wake,
        roster: Arc<Roster>,
        presence: Arc<Presence>,
        feedback: Arc<FeedbackStore>,
        requests: Receiver<SeatRequest>,
        publish: Publish,
    ) -> Self {
        Self {
            wake,
            roster,
            presence,
            feedback,
            requests,
            publish,
            published: None,
            last_served: Vec::new(),
        }
    }

    /// Records what seats asked for and who came or went, in one group
    /// commit; answers every request; publishes the state when it changed.
    /// Returns how many events were recorded.
    pub fn serve(&mut self, session: &mut Session, now: DateTime<Utc>) -> usize {
        self.wake.served();
        let mut commands = self.comings_and_goings(session.engine(), now);
        let mut waiting: Vec<(SeatRequest, Option<usize>)> = Vec::new();
        let mut refused: Vec<(Answer, String)> = Vec::new();
        while let Ok(request) = self.requests.try_recv() {
            match self.command_for(session.engine(), &request.seat, &request.ask) {
                Ok(command) => {
                    commands.push(command);
                    waiting.push((request, Some(commands.len() - 1)));
                }
                Err(why) => refused.push((request.answer, why)),
            }
        }
        let mut recorded = 0;
        self.last_served.clear();
        if !commands.is_empty() {
            let answers = session.execute_batch(&commands, now);
            recorded = answers.iter().flatten().map(Vec::len).sum();
            debug_assert_eq!(answers.len(), commands.len());
            for (request, at) in waiting {
                let SeatRequest { seat, ask, answer } = request;
                match at.and_then(|i| answers.get(i)) {
                    Some(Ok(records)) => {
                        let seq = records.last().map_or(0, |r| r.seq);
                        self.last_served.push((seat, ask));
                        answer(Ok(SeatReply { seq }));
                    }
                    Some(Err(error)) => answer(Err(say(error))),
                    None => answer(Err("not recorded".into())),
                }
            }
        }
        for (answer, why) in refused {
            answer(Err(why));
        }
        self.publish(session.engine(), false);
        recorded
    }

    /// Sends the state on when it changed since last sent (or always, when `force`).
    pub fn publish(&mut self, engine: &Engine, force: bool) {
        let seq = engine.state().last_seq;
        if force || self.published != Some(seq) {
            self.published = Some(seq);
            (self.publish)(Arc::new(engine.clone()));
        }
    }

    /// When a seat that left must be recorded as gone (never a moment
    /// already past: an idle console sleeps).
    pub fn next_wakeup(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.presence.next_leave(now)
    }

    /// Joins and leaves to record: seats whose presence differs from what
    /// the transcript says. Only while the exercise runs: nothing is
    /// recorded before its start or after its end.
    fn comings_and_goings(&self, engine: &Engine, now: DateTime<Utc>) -> Vec<Command> {
        let state = engine.state();
        if state.status != Status::InProgress {
            return Vec::new();
        }
        let mut out = Vec::new();
        for seat in &self.roster.seats {
            let here = self.presence.present(&seat.id, now);
            let recorded = state.seats.connected.contains_key(&seat.id);
            if here && !recorded {
                out.push(Command::JoinSeat {
                    seat: seat.id.clone(),
                    kind: seat.kind,
                    roles: seat.roles.clone(),
                    by: seat.person.clone().filter(|_| !engine.setup().anonymous),
                });
            } else if !here && recorded {
                out.push(Command::LeaveSeat {
                    seat: seat.id.clone(),
                });
            }
        }
        out
    }

    /// The engine command a seat's ask becomes, or why it cannot.
    pub fn command_for(
        &self,
        engine: &Engine,
        seat: &str,
        ask: &SeatAsk,
    ) -> Result<Command, String> {
        let seat = self
            .roster
            .seat(seat)
            .ok_or_else(|| "This seat is not part of the exercise.".to_string())?;
        if !seat.kind.answers() {
            return Err("This seat watches only: it cannot answer.".into());
        }
        match engine.state().status {
            Status::NotStarted => return Err("The exercise has not started yet.".into()),
            Status::Ended => return Err("The exercise has ended.".into()),
            Status::InProgress => {}
        }
        Ok(match ask {
            SeatAsk::Vote {
                inject,
                option,
                role,
            } => Command::Vote {
                inject: inject.clone(),
                option: option.clone(),
                seat: seat.id.clone(),
                speaker: speaker(engine, seat, role.as_deref())?,
            },
            SeatAsk::Respond { item, text, role } => Command::RespondFromSeat {
                item: item.clone(),
                seat: seat.id.clone(),
                speaker: speaker(engine, seat, role.as_deref())?,
                text: text.clone(),
            },
            SeatAsk::Correct { response_seq, text } => {
                let own = engine
                    .state()
                    .responses
                    .iter()
                    .any(|r| r.at.seq == *response_seq && r.seat.as_deref() == Some(&seat.id));
                if !own {
                    return Err("Only this seat's own answers can be corrected here.".into());
                }
                if text.chars().count() > SEAT_TEXT_LIMIT {
                    return Err(say_refusal(&CommandError::TooLong(SEAT_TEXT_LIMIT)));
                }
                Command::CorrectResponse {
                    response_seq: *response_seq,
                    text: text.clone(),
                }
            }
        })
    }
}

/// The role a seat answers as: the one asked for among those it holds, or
/// its only one.
fn speaker(engine: &Engine, seat: &Seat, role: Option<&str>) -> Result<Speaker, String> {
    let role = match role {
        Some(role) if seat.roles.iter().any(|r| r == role) => role.to_string(),
        Some(_) => return Err("This seat does not answer for that role.".into()),
        None if seat.roles.len() == 1 => seat.roles[0].clone(),
        None => return Err("Choose the role you answer as.".into()),
    };
    let by = match seat.kind {
        SeatKind::Person if !engine.setup().anonymous => seat.person.clone(),
        _ => None,
    };
    Ok(Speaker { role, by })
}

/// A refusal in words for the participant.
fn say(error: &SessionError) -> String {
    match error {
        SessionError::Refused(refused) => say_refusal(refused),
        SessionError::Transcript(_) => {
            "Not recorded: the facilitator's computer could not save it. Try again in a moment."
                .into()
        }
        other => format!("Not recorded: {other}"),
    }
}

fn say_refusal(error: &CommandError) -> String {
    match error {
        CommandError::DecisionNotOpen(_) | CommandError::AlreadyDecided(_) => {
            "Voting has closed: the decision is no longer open.".into()
        }
        CommandError::Ended => "The exercise has ended.".into(),
        CommandError::EmptyText => "The answer is empty.".into(),
        CommandError::TooLong(limit) => {
            format!("The answer is too long: at most {limit} characters.")
        }
        CommandError::SeatNotConnected(_) => {
            "This page is not connected: reload it, then try again.".into()
        }
        CommandError::NotDelivered(_) | CommandError::UnknownItem(_) => {
            "That inject is not on screen.".into()
        }
        other => {
            let mut text = other.to_string();
            if let Some(first) = text.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            format!("{text}.")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seat_that_left_is_waited_for_once_then_never_again() {
        let presence = Presence::default();
        let t0: DateTime<Utc> = "2026-03-03T09:00:00Z".parse().unwrap();
        presence.connect("legal");
        assert_eq!(
            presence.next_leave(t0),
            None,
            "nothing to wait for while connected"
        );
        presence.disconnect("legal", t0);
        assert!(
            presence.present("legal", t0 + TimeDelta::seconds(9)),
            "a reconnect may come"
        );
        assert_eq!(presence.next_leave(t0), Some(t0 + LEAVE_GRACE));
        let later = t0 + LEAVE_GRACE;
        assert!(!presence.present("legal", later));
        assert_eq!(presence.next_leave(later), None, "an idle console sleeps");
        presence.connect("legal");
        assert!(presence.present("legal", later + TimeDelta::hours(1)));
    }
}
