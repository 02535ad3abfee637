//! Scenarios: the exercise as a file, and the checks that make it safe to run.

mod flow;
mod model;
mod resolve;
mod score_risks;
mod summary;
mod validate;

pub use model::*;
pub use summary::ScenarioSummary;
pub use validate::validate_scenario;
