//! Incident plans: the organisation's response plan that exercises are judged against.

mod model;
mod validate;

pub use model::*;
pub use validate::validate_plan;
