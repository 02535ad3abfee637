//! Which script step runs next, kept up to date as the run goes instead of
//! found by rescanning the whole script at every event, so a run costs about
//! the same per inject however long the scenario is. A step waits until its
//! inject or card is first delivered, then comes due `after` it; of the steps
//! due by now, the one written first runs.

use std::collections::{BTreeSet, HashMap};

use crate::engine::{Engine, Item};

use super::script::Step;

pub struct StepQueue {
    /// Steps by the inject or card they answer.
    by_item: HashMap<Item, Vec<usize>>,
    /// Deliveries already looked at.
    seen: usize,
    /// Steps whose item is delivered, by the time they come due.
    waiting: BTreeSet<(i64, usize)>,
    /// Steps due by the latest time seen, by their place in the script.
    ready: BTreeSet<usize>,
    /// Steps found not done yet: they stay so until they run.
    checked: Vec<bool>,
    /// When each queued step comes due.
    due: Vec<i64>,
}

impl StepQueue {
    pub fn new(engine: &Engine, steps: &[Step]) -> Self {
        let mut by_item: HashMap<Item, Vec<usize>> = HashMap::new();
        for (i, step) in steps.iter().enumerate() {
            if let Some(item) = engine.index().item(&step.inject) {
                by_item.entry(item).or_default().push(i);
            }
        }
        Self {
            by_item,
            seen: 0,
            waiting: BTreeSet::new(),
            ready: BTreeSet::new(),
            checked: vec![false; steps.len()],
            due: vec![0; steps.len()],
        }
    }

    /// The next step to run and when, given what the engine has recorded.
    /// `done` says whether a step's work is already in the state (a resumed
    /// run); such steps are passed over for good.
    pub fn next(
        &mut self,
        engine: &Engine,
        steps: &[Step],
        done: impl Fn(&Step) -> bool,
    ) -> Option<(i64, usize)> {
        let state = engine.state();
        for delivery in state.deliveries.iter().skip(self.seen) {
            // Only the first delivery of an item starts its steps' time.
            for &i in self.by_item.remove(&delivery.item).iter().flatten() {
                let due = delivery
                    .at
                    .elapsed_ms
                    .saturating_add(steps[i].after.as_secs() as i64 * 1000);
                self.due[i] = due;
                self.waiting.insert((due, i));
            }
        }
        self.seen = state.deliveries.len();
        let now = state.last_elapsed_ms;
        while let Some(&(due, i)) = self.waiting.first()
            && due <= now
        {
            self.waiting.pop_first();
            self.ready.insert(i);
        }
        loop {
            let (at, i) = match self.ready.first() {
                Some(&i) => (now, i),
                None => *self.waiting.first()?,
            };
            if self.checked[i] || !done(&steps[i]) {
                self.checked[i] = true;
                return Some((at, i));
            }
            self.retire(i);
        }
    }

    /// A step has run (or is done): it never comes up again.
    pub fn retire(&mut self, i: usize) {
        if !self.ready.remove(&i) {
            self.waiting.remove(&(self.due[i], i));
        }
    }
}
