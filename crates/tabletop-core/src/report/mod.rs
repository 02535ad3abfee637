//! The after-action report and improvement plan (AAR/IP) of an exercise, built
//! from a replayed transcript and its score, in Markdown, HTML or JSON.

mod audience;
mod build;
pub(crate) mod charts;
mod describe;
pub mod findings;
pub mod format;
mod html;
mod improvement_plan;
mod markdown;
mod model;
mod objectives;
mod summary;

pub use audience::Audience;
pub use build::{ReportOptions, build, build_with};
pub use describe::describe;
pub use html::html;
pub use improvement_plan::Poete;
pub use markdown::markdown;
pub use model::*;
pub use objectives::{ObjectiveAssessment, ObjectiveVerdict};
pub use summary::{Consequence, ExecutiveSummary, KeyFinding, SubScore};
