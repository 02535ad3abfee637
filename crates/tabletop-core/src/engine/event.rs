//! Events: the facts of an exercise, in the order they happened. State is a
//! fold of these; the transcript stores them one per line.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::time::StoryInstant;

use super::clock::Speed;

/// One event with the moment it happened on each clock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    pub seq: u64,
    /// Wall-clock time it was recorded (UTC).
    pub wall: DateTime<Utc>,
    /// Facilitation time, in milliseconds since the exercise started.
    pub elapsed_ms: i64,
    /// Story time, in seconds since Day 1 00:00.
    pub story: StoryInstant,
    #[serde(flatten)]
    pub event: Event,
}

/// Who answered: a role, and the person holding it unless the exercise is anonymous.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    pub role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

impl Speaker {
    pub fn new(role: &str, by: &Option<String>) -> Self {
        Self {
            role: role.to_string(),
            by: by.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// Its `requires` / `unless` flags did not hold when its turn came.
    ConditionNotMet,
    /// A decision branched past it.
    Branch,
    /// The facilitator delivered a later inject first.
    Facilitator,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LapseReason {
    /// The countdown ran out.
    CountdownExpired,
    /// The facilitator moved on without a decision.
    MovedOn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    Facilitator,
}

// Who answered is written as plain `role` and `by` fields rather than a
// flattened `Speaker`: flattening makes serde buffer every payload on replay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "data", rename_all = "snake_case")]
pub enum Event {
    /// The facilitation clock starts.
    ExerciseStarted,
    /// The exercise continues after an interruption; the clock waits, paused.
    ExerciseResumed,
    ClockPaused,
    ClockResumed,
    SpeedChanged {
        speed: Speed,
    },
    /// The facilitation clock moved forward (`elapsed_ms` is the new time).
    ClockJumped {
        by_ms: i64,
    },
    /// Story time moved forward (`story` is the new time).
    StoryJumped {
        by_secs: i64,
    },
    /// An inject reached the team; `raises` lists flags raised for the first time;
    /// `countdown_ms` is set when its decision opens with a countdown.
    InjectDelivered {
        inject: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        raises: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        countdown_ms: Option<i64>,
    },
    InjectSkipped {
        inject: String,
        reason: SkipReason,
    },
    /// A wildcard card was drawn (on schedule, or by the facilitator) and delivered.
    WildcardDrawn {
        card: String,
        scheduled: bool,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        raises: Vec<String>,
    },
    /// The decision of a delivered inject was opened again.
    DecisionOpened {
        inject: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        countdown_ms: Option<i64>,
    },
    /// The team chose an option; `branch_to` is where the exercise continues
    /// when the option branches, and `skipped` the injects it passes over.
    DecisionTaken {
        inject: String,
        option: String,
        role: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        text: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        raises: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        branch_to: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        skipped: Vec<String>,
    },
    /// No decision was taken: it counts as none.
    DecisionLapsed {
        inject: String,
        reason: LapseReason,
    },
    /// What the team said about an inject or card; `seat` names the seat it
    /// was typed at, when it came from one rather than the facilitator.
    ResponseRecorded {
        item: String,
        role: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<String>,
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seat: Option<String>,
    },
    /// The facilitator saw the team take a plan action; `raises` lists plan
    /// triggers the action raises for the first time.
    ActionObserved {
        action: String,
        role: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        item: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        raises: Vec<String>,
    },
    /// An observation ticked by mistake is taken back (`observed_seq` names it).
    ObservationWithdrawn {
        action: String,
        observed_seq: u64,
    },
    NoteAdded {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        item: Option<String>,
    },
    /// A recorded response says something else now (`response_seq` names
    /// it); the first wording stays in the transcript.
    ResponseCorrected {
        response_seq: u64,
        text: String,
    },
    /// A response recorded by mistake is taken back.
    ResponseWithdrawn {
        response_seq: u64,
    },
    /// A facilitator note is taken back.
    NoteWithdrawn {
        note_seq: u64,
    },
    /// The open decision's countdown gets more time.
    CountdownExtended {
        inject: String,
        by_ms: i64,
    },
    /// The open decision's countdown is stopped: it waits for the team.
    CountdownHeld {
        inject: String,
    },
    ExerciseEnded {
        reason: EndReason,
    },
    /// A seat's page connected: a participant's device, a scribe, an observer
    /// or the room's screen. `by` is set only for a named participant's seat.
    SeatJoined {
        seat: String,
        kind: SeatKind,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        roles: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<String>,
    },
    /// The seat's last page went away (and did not come back at once).
    SeatLeft {
        seat: String,
    },
    /// A seat voted for an option of the open decision; a later vote from the
    /// same seat on the same decision replaces it. The team's decision is
    /// still the facilitator's to record.
    VoteCast {
        inject: String,
        option: String,
        seat: String,
        role: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<String>,
    },
}

/// What a seat is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeatKind {
    /// A role's seat, in an anonymous exercise: answers for that role.
    Role,
    /// A named participant's seat: answers for the roles they hold.
    Person,
    /// Records for any role, as a note-taker at the table would.
    Scribe,
    /// Sees what the room sees; cannot answer.
    Observer,
    /// The room's screen in a browser (a projector, a video call).
    Room,
}

impl SeatKind {
    pub fn name(self) -> &'static str {
        match self {
            Self::Role => "role",
            Self::Person => "person",
            Self::Scribe => "scribe",
            Self::Observer => "observer",
            Self::Room => "room",
        }
    }

    /// Whether the seat may vote and respond.
    pub fn answers(self) -> bool {
        matches!(self, Self::Role | Self::Person | Self::Scribe)
    }
}

impl Event {
    /// The `type` field as written in the transcript.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::ExerciseStarted => "exercise_started",
            Self::ExerciseResumed => "exercise_resumed",
            Self::ClockPaused => "clock_paused",
            Self::ClockResumed => "clock_resumed",
            Self::SpeedChanged { .. } => "speed_changed",
            Self::ClockJumped { .. } => "clock_jumped",
            Self::StoryJumped { .. } => "story_jumped",
            Self::InjectDelivered { .. } => "inject_delivered",
            Self::InjectSkipped { .. } => "inject_skipped",
            Self::WildcardDrawn { .. } => "wildcard_drawn",
            Self::DecisionOpened { .. } => "decision_opened",
            Self::DecisionTaken { .. } => "decision_taken",
            Self::DecisionLapsed { .. } => "decision_lapsed",
            Self::ResponseRecorded { .. } => "response_recorded",
            Self::ActionObserved { .. } => "action_observed",
            Self::ObservationWithdrawn { .. } => "observation_withdrawn",
            Self::NoteAdded { .. } => "note_added",
            Self::ResponseCorrected { .. } => "response_corrected",
            Self::ResponseWithdrawn { .. } => "response_withdrawn",
            Self::NoteWithdrawn { .. } => "note_withdrawn",
            Self::CountdownExtended { .. } => "countdown_extended",
            Self::CountdownHeld { .. } => "countdown_held",
            Self::ExerciseEnded { .. } => "exercise_ended",
            Self::SeatJoined { .. } => "seat_joined",
            Self::SeatLeft { .. } => "seat_left",
            Self::VoteCast { .. } => "vote_cast",
        }
    }
}
