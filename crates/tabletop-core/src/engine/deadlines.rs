//! Plan deadlines as the exercise stands: which have been met, missed, or are
//! still running. A quick tally for the console; the full score is scoring's.

use crate::plan::Plan;
use crate::scenario::Scenario;
use crate::time::{Deadline, StoryInstant};

use super::state::{DecisionOutcome, ExerciseState};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeadlineTally {
    pub met: usize,
    pub missed: usize,
    pub running: usize,
}

/// When each plan action was first carried out, in story time: observed, or
/// fulfilled by a chosen option.
pub fn first_done(
    state: &ExerciseState,
    scenario: &Scenario,
    action: &str,
) -> Option<StoryInstant> {
    let observed = state
        .standing_observations()
        .filter(|o| o.action == action)
        .map(|o| o.at.story);
    let chosen = state.decisions.iter().filter_map(|d| match &d.outcome {
        DecisionOutcome::Taken { option, .. } => {
            let fulfils = scenario.injects[d.inject]
                .decision
                .as_ref()?
                .options
                .get(*option)?
                .fulfils
                .iter();
            fulfils
                .into_iter()
                .any(|a| a.as_str() == action)
                .then_some(d.at.story)
        }
        DecisionOutcome::Lapsed(_) => None,
    });
    observed.chain(chosen).min()
}

/// Deadlines whose trigger has been raised. Deadlines in business days are left
/// to the score, which knows the calendar.
pub fn tally(
    state: &ExerciseState,
    scenario: &Scenario,
    plan: &Plan,
    now: StoryInstant,
) -> DeadlineTally {
    let mut tally = DeadlineTally::default();
    for action in &plan.actions {
        let (Some(deadline), Some(from)) = (&action.deadline, &action.from) else {
            continue;
        };
        let Deadline::Elapsed(length) = **deadline else {
            continue;
        };
        let Some(raised) = state.flags.get(from.as_str()) else {
            continue;
        };
        let due = raised.story.plus(length.as_secs() as i64);
        match first_done(state, scenario, &action.id) {
            Some(done) if done <= due => tally.met += 1,
            Some(_) => tally.missed += 1,
            None if now > due => tally.missed += 1,
            None => tally.running += 1,
        }
    }
    tally
}
