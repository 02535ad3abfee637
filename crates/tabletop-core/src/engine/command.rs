//! Commands: what a front end asks of the engine. Each is stamped with the wall
//! time at which it happens; the engine answers with events or a refusal.

use serde::{Deserialize, Serialize};

use super::clock::Speed;
use super::event::{SeatKind, Speaker};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    /// Start the facilitation clock.
    Start,
    /// Continue after an interruption (resume): the clock waits, paused.
    MarkResumed,
    Pause,
    Resume,
    SetSpeed {
        speed: Speed,
    },
    /// Move the facilitation clock forward.
    JumpClock {
        by_ms: i64,
    },
    /// Move story time forward.
    JumpStory {
        by_secs: i64,
    },
    /// Deliver whatever has come due: injects, countdown expiries, wildcard draws.
    Tick,
    /// Deliver the next inject now, closing an open decision as not taken.
    DeliverNext,
    /// Deliver this inject now, passing over any before it.
    Deliver {
        inject: String,
    },
    /// Open the decision of a delivered inject again.
    OpenDecision {
        inject: String,
    },
    Decide {
        inject: String,
        option: String,
        #[serde(flatten)]
        speaker: Speaker,
        text: Option<String>,
    },
    Respond {
        item: String,
        #[serde(flatten)]
        speaker: Speaker,
        text: String,
    },
    Observe {
        action: String,
        #[serde(flatten)]
        speaker: Speaker,
        item: Option<String>,
    },
    /// Take back the latest observation of an action.
    WithdrawObservation {
        action: String,
    },
    Note {
        text: String,
        item: Option<String>,
    },
    /// Give a recorded response new words.
    CorrectResponse {
        response_seq: u64,
        text: String,
    },
    /// Take back the most recent tick, response or note still standing.
    Undo,
    /// Give the open decision's countdown more time.
    ExtendCountdown {
        by_ms: i64,
    },
    /// Stop the open decision's countdown.
    HoldCountdown,
    /// Draw the next wildcard card now.
    DrawWildcard,
    End,
    /// A seat's page connected.
    JoinSeat {
        seat: String,
        kind: SeatKind,
        roles: Vec<String>,
        by: Option<String>,
    },
    /// A seat's last page went away.
    LeaveSeat {
        seat: String,
    },
    /// A seat votes for an option of the open decision.
    Vote {
        inject: String,
        option: String,
        seat: String,
        #[serde(flatten)]
        speaker: Speaker,
    },
    /// A response typed at a seat.
    RespondFromSeat {
        item: String,
        seat: String,
        #[serde(flatten)]
        speaker: Speaker,
        text: String,
    },
}

/// The most a response typed at a seat may hold, in characters: a few
/// paragraphs, enough for an answer and small enough to keep a flood cheap.
pub const SEAT_TEXT_LIMIT: usize = 4000;

/// Why a command was refused; the state is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    #[error("the exercise has not started yet")]
    NotStarted,
    #[error("the exercise has already started")]
    AlreadyStarted,
    #[error("the exercise has ended")]
    Ended,
    #[error("the clock is already {0}")]
    ClockAlready(&'static str),
    #[error("no inject or card `{0}` in this scenario")]
    UnknownItem(String),
    #[error("`{0}` has not been delivered yet")]
    NotDelivered(String),
    #[error("inject `{0}` has no decision")]
    NoDecision(String),
    #[error("the decision of `{0}` is not open")]
    DecisionNotOpen(String),
    #[error("the decision of `{0}` has already been taken")]
    AlreadyDecided(String),
    #[error("no option `{option}` in the decision of `{inject}`")]
    UnknownOption { inject: String, option: String },
    #[error("no role `{0}` in this exercise")]
    UnknownRole(String),
    #[error("no plan action `{0}`")]
    UnknownAction(String),
    #[error("`{0}` has not been observed")]
    NotObserved(String),
    #[error("this exercise is anonymous: record roles only, not names")]
    NameInAnonymousExercise,
    #[error("no participant `{0}`")]
    UnknownParticipant(String),
    #[error("{name} does not hold the role `{role}`")]
    RoleNotHeld { name: String, role: String },
    #[error("no injects are left to deliver")]
    NothingLeft,
    #[error("no wildcard cards are left to draw")]
    DeckEmpty,
    #[error("{0} must be a positive amount of time")]
    NotPositive(&'static str),
    #[error("the text is empty")]
    EmptyText,
    #[error("nothing to take back: no tick, response or note is standing")]
    NothingToUndo,
    #[error("no countdown is running: the open decision has none, or none is open")]
    NoCountdown,
    #[error("no response was recorded as event {0}")]
    UnknownResponse(u64),
    #[error("the text is too long: at most {0} characters")]
    TooLong(usize),
    #[error("seat `{0}` is not connected")]
    SeatNotConnected(String),
    #[error("seat `{0}` cannot answer: it only watches")]
    SeatWatchesOnly(String),
}
