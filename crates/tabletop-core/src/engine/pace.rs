//! How the exercise keeps to its planned length: given how much of the
//! scenario has been dealt with, where the exercise clock should be by now,
//! and what the next wildcard will be. For the facilitator only.

use super::engine::Engine;
use super::state::InjectStatus;

/// Ahead of or behind the scenario's planned duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    /// Within a minute of the plan either way.
    OnTime,
    /// This many milliseconds later than the plan would have it.
    Behind(i64),
    /// This many milliseconds earlier than the plan would have it.
    Ahead(i64),
}

impl Pace {
    /// `elapsed_ms` against the share of injects dealt with so far: with
    /// half of them done, half the planned duration should have gone.
    pub fn of(engine: &Engine, elapsed_ms: i64) -> Option<Self> {
        let state = engine.state();
        let total = state.inject_status.len();
        let planned_ms = i64::try_from(engine.scenario().scenario.duration.as_secs())
            .ok()?
            .saturating_mul(1000);
        if total == 0 || planned_ms == 0 {
            return None;
        }
        let done = state
            .inject_status
            .iter()
            .filter(|s| **s != InjectStatus::Pending)
            .count();
        let expected = planned_ms.saturating_mul(done as i64) / total as i64;
        let drift = elapsed_ms.saturating_sub(expected);
        Some(match drift {
            d if d >= 60_000 => Self::Behind(d),
            d if d <= -60_000 => Self::Ahead(-d),
            _ => Self::OnTime,
        })
    }
}

/// The wildcard the deck gives next, and the exercise time of its scheduled
/// draw if one is still to come (`d` draws it at once).
pub fn next_wildcard(engine: &Engine) -> Option<(usize, Option<i64>)> {
    let state = engine.state();
    let card = *engine.draws.order.get(state.cards_drawn)?;
    let at = engine
        .draws
        .times_ms
        .get(state.scheduled_draws_done)
        .copied();
    Some((card, at))
}
