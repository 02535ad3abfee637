//! Headless runs: a whole exercise from a response script, with no terminal.

mod runner;
mod script;
mod step_queue;

pub use runner::{RunError, RunReport, run_script};
pub use script::{DEFAULT_START, Observed, Script, ScriptMeta, ScriptParticipant, Step};
