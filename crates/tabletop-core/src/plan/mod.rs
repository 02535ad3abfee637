//! Incident plans: the organisation's response plan that exercises are judged against.

mod diff;
pub mod import;
mod model;
mod overview;
pub mod regimes;
mod starter;
mod validate;

pub use diff::{Change, ChangeKind, PlanDiff, diff};
pub use model::*;
pub use overview::PlanOverview;
pub use starter::{StarterFramework, StarterOptions, regime_ids, starter_plan};
pub use validate::validate_plan;

/// A string as TOML writes it, quoted and escaped, for the plans tabletop
/// writes with comments (`plan init`, `plan import`).
pub(crate) fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}
