//! What comes due as the clock runs: injects on their pacing, wildcard
//! draws, decision countdowns, each emitted in time order.

use crate::scenario::{Inject, Pacing};

use super::command::CommandError;
use super::engine::{Draft, Engine};
use super::event::{Event, LapseReason, SkipReason};
use super::rules::new_flags;
use super::state::ExerciseState;

impl Engine {
    /// Emits, in time order, everything that has come due by the draft's wall time.
    pub(super) fn deliver_due(&self, d: &mut Draft<'_>) {
        let limit = 2 * self.scenario.injects.len() + self.draws.order.len() + 8;
        for _ in 0..limit {
            let now = d.now();
            let candidates = [
                self.countdown_due(&d.state).map(|t| (t, 0)),
                self.draw_due(&d.state).map(|t| (t, 1)),
                self.inject_due(&d.state).map(|t| (t, 2)),
            ];
            let Some((due, which)) = candidates
                .into_iter()
                .flatten()
                .filter(|(t, _)| *t <= now)
                .min()
            else {
                return;
            };
            match which {
                0 => {
                    let inject = d
                        .state
                        .open_decision
                        .as_ref()
                        .map(|o| o.inject)
                        .unwrap_or_default();
                    let story = d.state.story_at(due);
                    let id = self.scenario.injects[inject].id.to_string();
                    d.emit(
                        Event::DecisionLapsed {
                            inject: id,
                            reason: LapseReason::CountdownExpired,
                        },
                        due,
                        story,
                    );
                }
                1 => self.draw(d, true, due),
                _ => {
                    let i = d.state.cursor;
                    if self.condition_holds(&d.state, &self.scenario.injects[i]) {
                        self.deliver_at(d, i, due);
                    } else {
                        let story = d.state.story_at(due);
                        let id = self.scenario.injects[i].id.to_string();
                        d.emit(
                            Event::InjectSkipped {
                                inject: id,
                                reason: SkipReason::ConditionNotMet,
                            },
                            due,
                            story,
                        );
                    }
                }
            }
        }
    }

    pub(super) fn deliver_next(&self, d: &mut Draft<'_>) -> Result<(), CommandError> {
        self.lapse_open_decision(d, LapseReason::MovedOn);
        while !d.state.flow_complete() {
            let i = d.state.cursor;
            if self.condition_holds(&d.state, &self.scenario.injects[i]) {
                self.deliver(d, i);
                return Ok(());
            }
            let id = self.scenario.injects[i].id.to_string();
            d.emit(
                Event::InjectSkipped {
                    inject: id,
                    reason: SkipReason::ConditionNotMet,
                },
                d.now(),
                d.story_now(),
            );
        }
        if d.out.is_empty() {
            Err(CommandError::NothingLeft)
        } else {
            Ok(())
        }
    }

    pub(super) fn deliver(&self, d: &mut Draft<'_>, i: usize) {
        let now = d.now();
        self.deliver_at(d, i, now);
    }

    pub(super) fn deliver_at(&self, d: &mut Draft<'_>, i: usize, at_ms: i64) {
        let inject = &self.scenario.injects[i];
        let current = d.state.story_at(at_ms);
        let start = self.scenario.scenario.start_instant();
        // Story time never runs backwards: an inject set earlier than the story
        // has already reached arrives "now".
        let story = inject
            .story
            .as_ref()
            .map_or(current, |s| s.resolve(start).max(current));
        let countdown_ms = inject
            .decision
            .as_ref()
            .and_then(|dec| dec.countdown.as_ref())
            .map(|c| c.as_secs() as i64 * 1000);
        let raises = new_flags(&d.state, inject.sets.iter().map(|f| f.as_str()));
        d.emit(
            Event::InjectDelivered {
                inject: inject.id.to_string(),
                raises,
                countdown_ms,
            },
            at_ms,
            story,
        );
    }

    pub(super) fn draw(&self, d: &mut Draft<'_>, scheduled: bool, at_ms: i64) {
        let Some(deck) = &self.scenario.wildcards else {
            return;
        };
        let card = &deck.cards[self.draws.order[d.state.cards_drawn]];
        let raises = new_flags(&d.state, card.sets.iter().map(|f| f.as_str()));
        let story = d.state.story_at(at_ms);
        d.emit(
            Event::WildcardDrawn {
                card: card.id.to_string(),
                scheduled,
                raises,
            },
            at_ms,
            story,
        );
    }

    pub(super) fn lapse_open_decision(&self, d: &mut Draft<'_>, reason: LapseReason) {
        if let Some(open) = &d.state.open_decision {
            let id = self.scenario.injects[open.inject].id.to_string();
            d.emit(
                Event::DecisionLapsed { inject: id, reason },
                d.now(),
                d.story_now(),
            );
        }
    }

    pub(super) fn countdown_due(&self, state: &ExerciseState) -> Option<i64> {
        state.open_decision.as_ref().and_then(|o| o.deadline_ms)
    }

    pub(super) fn draw_due(&self, state: &ExerciseState) -> Option<i64> {
        let k = state.scheduled_draws_done;
        (state.cards_drawn < self.draws.order.len())
            .then(|| self.draws.times_ms.get(k).copied())
            .flatten()
    }

    pub(super) fn inject_due(&self, state: &ExerciseState) -> Option<i64> {
        if state.flow_complete() || state.open_decision.is_some() {
            return None;
        }
        let inject = &self.scenario.injects[state.cursor];
        match inject.pacing() {
            Pacing::At(at) => Some((at.as_secs() as i64 * 1000).max(state.last_dealt_ms)),
            Pacing::After(after) => Some(
                state
                    .last_dealt_ms
                    .saturating_add(after.as_secs() as i64 * 1000),
            ),
            Pacing::Manual => None,
        }
    }

    pub(super) fn condition_holds(&self, state: &ExerciseState, inject: &Inject) -> bool {
        inject
            .requires
            .iter()
            .all(|f| state.flags.contains_key(f.as_str()))
            && !inject
                .unless
                .iter()
                .any(|f| state.flags.contains_key(f.as_str()))
    }
}
