//! The exercise engine: the state machine that runs an exercise. It knows no
//! terminal; front ends send commands and show the state the events build.

mod admission;
mod clock;
mod command;
mod deadlines;
mod delivery;
#[allow(clippy::module_inception)]
mod engine;
mod event;
mod pace;
mod rules;
mod seat_rules;
mod seats;
mod setup;
mod state;
mod wildcards;

pub use clock::{FacilitationClock, Speed};
pub use command::SEAT_TEXT_LIMIT;
pub use command::{Command, CommandError};
pub use deadlines::{DeadlineTally, first_done, tally as deadline_tally};
pub use engine::Engine;
pub use event::{EndReason, Event, EventRecord, LapseReason, SeatKind, SkipReason, Speaker};
pub use pace::{Pace, next_wildcard};
pub use seats::{SeatPresence, SeatsState, Vote};
pub use setup::{ExerciseSetup, Participant};
pub use state::{
    DecisionOutcome, DecisionRecord, Delivery, ExerciseState, InjectStatus, Item, ItemIndex, Note,
    Observation, OpenDecision, Response, Stamp, Status, Undoable,
};
pub use wildcards::DrawPlan;
