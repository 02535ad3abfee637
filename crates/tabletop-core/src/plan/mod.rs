//! Incident plans: the organisation's response plan that exercises are judged against.

mod model;
mod overview;
mod validate;

pub use model::*;
pub use overview::PlanOverview;
pub use validate::validate_plan;
