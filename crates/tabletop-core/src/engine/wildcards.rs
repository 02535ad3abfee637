//! The wildcard draw plan: which cards come out in which order, and when the
//! scheduled draws happen. Derived from the recorded seed alone, so a replay
//! computes the same plan.

use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};

use crate::scenario::Scenario;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DrawPlan {
    /// Card indices in the order they will be drawn (the whole deck).
    pub order: Vec<usize>,
    /// Facilitation times (ms) of the scheduled draws, ascending.
    pub times_ms: Vec<i64>,
}

impl DrawPlan {
    pub fn new(scenario: &Scenario, seed: u64) -> Self {
        let Some(deck) = &scenario.wildcards else {
            return Self::default();
        };
        // Xoshiro256++ is a fixed, documented algorithm: a seed recorded today
        // draws the same cards with any later build.
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        let mut remaining: Vec<(usize, u64)> = deck
            .cards
            .iter()
            .enumerate()
            .map(|(i, c)| (i, u64::from(c.weight().max(1))))
            .collect();
        let mut order = Vec::with_capacity(remaining.len());
        while !remaining.is_empty() {
            let total: u64 = remaining.iter().map(|(_, w)| w).sum();
            let mut pick = rng.random_range(0..total);
            let position = remaining
                .iter()
                .position(|(_, w)| {
                    if pick < *w {
                        return true;
                    }
                    pick -= w;
                    false
                })
                .unwrap_or(0);
            order.push(remaining.remove(position).0);
        }
        let duration_ms = scenario.scenario.duration.as_secs() as i64 * 1000;
        let (from, to) = deck
            .window
            .as_ref()
            .map_or((duration_ms / 5, duration_ms * 4 / 5), |w| {
                let (a, b) = **w;
                (a.as_secs() as i64 * 1000, b.as_secs() as i64 * 1000)
            });
        let draws = (*deck.draw as usize).min(order.len());
        let mut times_ms: Vec<i64> = (0..draws)
            .map(|_| rng.random_range(from..=to.max(from)))
            .collect();
        times_ms.sort_unstable();
        Self { order, times_ms }
    }
}
