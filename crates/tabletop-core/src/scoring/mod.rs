//! Scoring: what the team did, when and by whom, against the plan. Pure and
//! deterministic; docs/scoring.md is the model this follows.

mod calendar;
mod model;
mod verdict;

pub use calendar::{StoryCalendar, due, due_on};
pub use model::*;
pub use verdict::{Tone, Verdict};

use crate::engine::{DecisionOutcome, ExerciseState, Item};
use crate::plan::Name;
use crate::plan::{Level, Plan};
use crate::scenario::{Quality, Scenario};
use crate::time::{Deadline, StoryInstant};

/// Scores the state a transcript's events built, as of its end.
pub fn score(state: &ExerciseState, scenario: &Scenario, plan: &Plan) -> ScoreReport {
    score_as_of(state, scenario, plan, None)
}

/// The score so far of an exercise still running at story time `now`: what
/// is not done yet but may still be done in time is `Open` and not counted,
/// nor is a decision still open.
pub fn score_live(
    state: &ExerciseState,
    scenario: &Scenario,
    plan: &Plan,
    now: StoryInstant,
) -> ScoreReport {
    score_as_of(state, scenario, plan, Some(now))
}

fn score_as_of(
    state: &ExerciseState,
    scenario: &Scenario,
    plan: &Plan,
    live: Option<StoryInstant>,
) -> ScoreReport {
    let evidence = Evidence::gather(state, scenario);
    let end_story = live.unwrap_or_else(|| state.story_at(state.last_elapsed_ms));
    let calendar = StoryCalendar {
        day_one: scenario.scenario.day_one(),
    };
    let actions: Vec<ActionScore> = plan
        .actions
        .iter()
        .map(|action| {
            let id = action.id.as_str();
            let exercised = evidence.exercised(id);
            let violated = evidence.violations(id);
            // The action's own clock, or else the clock of the obligation
            // it discharges: the two verdicts must agree.
            let clock = action
                .deadline
                .as_ref()
                .map(|d| **d)
                .zip(action.from.as_ref())
                .map(|(d, f)| (d, f, None))
                .or_else(|| obligation_clock(plan, id));
            let deadline = clock.and_then(|(deadline, from, holidays)| {
                state.flags.get(from.as_str()).map(|raised| {
                    (
                        due_on(raised.story, deadline, calendar, holidays),
                        raised.seq,
                        raised.story,
                    )
                })
            });
            let is_own = |role: &str| {
                role == action.owner.as_str() || action.also.iter().any(|a| a.as_str() == role)
            };
            let in_time = |d: &Done| deadline.is_none_or(|(due, _, _)| d.story <= due);
            // The best observation counts: the owner on time beats another
            // role, which beats lateness.
            let done = evidence.best_done(id, |d| {
                Outcome::of_done(in_time(d), is_own(&d.role)).credit()
            });
            let on_time = done.as_ref().is_none_or(in_time);
            let own_role = done.as_ref().is_some_and(|d| is_own(&d.role));
            let still_in_time =
                live.is_some_and(|now| deadline.is_none_or(|(due, _, _)| now <= due));
            let not_yet_due = deadline.is_some_and(|(due, _, _)| end_story <= due);
            let never_started = clock.is_some() && deadline.is_none();
            let outcome = if !exercised.is_empty() || done.is_some() || !violated.is_empty() {
                match (&done, violated.is_empty(), on_time, own_role) {
                    (_, false, _, _) => Outcome::Violated,
                    (None, true, _, _) if still_in_time => Outcome::Open,
                    (None, true, _, _) if not_yet_due => Outcome::OpenAtEnd,
                    (None, true, _, _) if never_started => Outcome::NotStarted,
                    (None, true, _, _) => Outcome::Missed,
                    (Some(_), true, true, true) => Outcome::Met,
                    (Some(_), true, false, true) => Outcome::MetLate,
                    (Some(_), true, true, false) => Outcome::MetByOtherRole,
                    (Some(_), true, false, false) => Outcome::MetLateByOtherRole,
                }
            } else {
                Outcome::NotExercised
            };
            let weight = f64::from(action.weight());
            let recommended = action.level == Level::Recommended;
            let counted = match outcome {
                Outcome::NotExercised
                | Outcome::Open
                | Outcome::OpenAtEnd
                | Outcome::NotStarted => false,
                Outcome::Missed => !recommended,
                _ => true,
            };
            let mut seqs: Vec<u64> = exercised.iter().chain(&violated).copied().collect();
            seqs.extend(done.as_ref().map(|d| d.seq));
            seqs.extend(deadline.map(|(_, seq, _)| seq));
            seqs.sort_unstable();
            seqs.dedup();
            ActionScore {
                action: id.to_string(),
                title: action.title.clone(),
                phase: action.phase.to_string(),
                owner: action.owner.to_string(),
                weight: action.weight(),
                recommended,
                outcome,
                points: if counted {
                    weight * outcome.credit()
                } else {
                    0.0
                },
                possible: if counted { weight } else { 0.0 },
                done_by: done.as_ref().map(|d| d.role.clone()),
                done_at: done.as_ref().map(|d| d.story),
                deadline_from: deadline.map(|(_, _, from)| from),
                due: deadline.map(|(d, _, _)| d),
                margin_secs: deadline
                    .zip(done.as_ref())
                    .map(|((due, _, _), d)| due.0.saturating_sub(d.story.0)),
                evidence: seqs,
            }
        })
        .collect();

    let decisions: Vec<DecisionScore> = state
        .deliveries
        .iter()
        .filter_map(|d| match d.item {
            Item::Inject(i) => scenario.injects[i]
                .decision
                .as_ref()
                .map(|decision| (i, decision, d.at.seq)),
            Item::Card(_) => None,
        })
        // Live, the decision still on the table is not scored yet.
        .filter(|(i, _, _)| {
            live.is_none()
                || state.decisions.iter().any(|r| r.inject == *i)
                || state.open_decision.as_ref().is_none_or(|o| o.inject != *i)
        })
        .map(|(i, decision, delivered_seq)| {
            let records: Vec<_> = state.decisions.iter().filter(|r| r.inject == i).collect();
            let taken = records.iter().find_map(|r| match &r.outcome {
                DecisionOutcome::Taken {
                    option, speaker, ..
                } => Some((*option, speaker.role.clone(), r.at.seq)),
                DecisionOutcome::Lapsed(_) => None,
            });
            let (option, quality, role, seq) = match taken {
                Some((option, role, seq)) => {
                    let chosen = &decision.options[option];
                    (
                        Some(chosen.id.to_string()),
                        Some(chosen.quality.unwrap_or(Quality::Acceptable)),
                        Some(role),
                        seq,
                    )
                }
                None => (
                    None,
                    None,
                    None,
                    records.last().map_or(delivered_seq, |r| r.at.seq),
                ),
            };
            DecisionScore {
                inject: scenario.injects[i].id.to_string(),
                option,
                role,
                quality,
                credit: quality.map_or(0.0, quality_credit),
                evidence: if seq == delivered_seq {
                    vec![delivered_seq]
                } else {
                    vec![delivered_seq, seq]
                },
            }
        })
        .collect();

    let mut report = ScoreReport::assemble(
        plan,
        actions,
        decisions,
        &obligations(state, plan, &evidence, end_story, calendar),
    );
    report.uncovered = scenario.uncovered.clone();
    report
}

/// The clock of the first obligation `action` discharges, for an action
/// with no deadline of its own.
fn obligation_clock<'p>(
    plan: &'p Plan,
    action: &str,
) -> Option<(Deadline, &'p Name, Option<crate::time::Holidays>)> {
    plan.obligations
        .iter()
        .find(|o| o.actions.iter().any(|a| a.as_str() == action))
        .map(|o| (*o.deadline.get(), &o.from, o.calendar))
}

fn quality_credit(quality: Quality) -> f64 {
    match quality {
        Quality::Strong => 1.0,
        Quality::Acceptable => 0.7,
        Quality::Weak => 0.3,
        Quality::Harmful => 0.0,
    }
}

fn obligations(
    state: &ExerciseState,
    plan: &Plan,
    evidence: &Evidence,
    end: StoryInstant,
    calendar: StoryCalendar,
) -> Vec<ObligationStatus> {
    plan.obligations
        .iter()
        .filter_map(|o| {
            let raised = state.flags.get(o.from.as_str())?;
            let due = due_on(raised.story, *o.deadline.get(), calendar, o.calendar);
            let done = o
                .actions
                .iter()
                .filter_map(|a| evidence.done(a))
                .min_by_key(|d| d.story);
            let (status, margin) = match &done {
                Some(d) => (
                    if d.story <= due {
                        ObligationState::Met
                    } else {
                        ObligationState::MetLate
                    },
                    due.0.saturating_sub(d.story.0),
                ),
                // At the deadline itself there is still time, as for actions.
                None if end <= due => (ObligationState::OpenAtEnd, due.0.saturating_sub(end.0)),
                None => (ObligationState::Missed, due.0.saturating_sub(end.0)),
            };
            Some(ObligationStatus {
                obligation: o.id.to_string(),
                regime: o.regime.clone(),
                started: raised.story,
                due,
                met_at: done.as_ref().map(|d| d.story),
                status,
                margin_secs: margin,
                evidence: std::iter::once(raised.seq)
                    .chain(done.map(|d| d.seq))
                    .collect(),
            })
        })
        .collect()
}

/// Who did what, when, and what the exercise asked for, by plan action.
struct Evidence {
    exercised: Vec<(String, u64)>,
    done: Vec<(String, Done)>,
    violated: Vec<(String, u64)>,
}

#[derive(Debug, Clone)]
struct Done {
    story: StoryInstant,
    role: String,
    seq: u64,
}

impl Evidence {
    fn gather(state: &ExerciseState, scenario: &Scenario) -> Self {
        let mut exercised = Vec::new();
        for delivery in &state.deliveries {
            let (expects, decision) = match delivery.item {
                Item::Inject(i) => (
                    &scenario.injects[i].expects,
                    scenario.injects[i].decision.as_ref(),
                ),
                Item::Card(c) => match &scenario.wildcards {
                    Some(w) => (&w.cards[c].expects, None),
                    None => continue,
                },
            };
            exercised.extend(expects.iter().map(|a| (a.to_string(), delivery.at.seq)));
            for option in decision.iter().flat_map(|d| &d.options) {
                exercised.extend(
                    option
                        .fulfils
                        .iter()
                        .chain(&option.violates)
                        .map(|a| (a.to_string(), delivery.at.seq)),
                );
            }
        }
        let mut done: Vec<(String, Done)> = state
            .standing_observations()
            .map(|o| {
                (
                    o.action.clone(),
                    Done {
                        story: o.at.story,
                        role: o.speaker.role.clone(),
                        seq: o.at.seq,
                    },
                )
            })
            .collect();
        let mut violated = Vec::new();
        for record in &state.decisions {
            if let DecisionOutcome::Taken {
                option, speaker, ..
            } = &record.outcome
                && let Some(chosen) = scenario.injects[record.inject]
                    .decision
                    .as_ref()
                    .and_then(|d| d.options.get(*option))
            {
                for action in &chosen.fulfils {
                    done.push((
                        action.to_string(),
                        Done {
                            story: record.at.story,
                            role: speaker.role.clone(),
                            seq: record.at.seq,
                        },
                    ));
                }
                violated.extend(
                    chosen
                        .violates
                        .iter()
                        .map(|a| (a.to_string(), record.at.seq)),
                );
            }
        }
        Self {
            exercised,
            done,
            violated,
        }
    }

    fn exercised(&self, action: &str) -> Vec<u64> {
        self.exercised
            .iter()
            .filter(|(a, _)| a == action)
            .map(|(_, s)| *s)
            .collect()
    }

    fn violations(&self, action: &str) -> Vec<u64> {
        self.violated
            .iter()
            .filter(|(a, _)| a == action)
            .map(|(_, s)| *s)
            .collect()
    }

    /// The observation worth most by `credit`; ties go to the earlier event.
    fn best_done(&self, action: &str, credit: impl Fn(&Done) -> f64) -> Option<Done> {
        self.done
            .iter()
            .filter(|(a, _)| a == action)
            .map(|(_, d)| d)
            .fold(None, |best: Option<&Done>, d| match best {
                Some(b) if credit(b) >= credit(d) && (b.story, b.seq) <= (d.story, d.seq) => {
                    Some(b)
                }
                Some(b) if credit(b) > credit(d) => Some(b),
                _ => Some(d),
            })
            .cloned()
    }

    /// The first time it was carried out; ties go to the earlier event.
    fn done(&self, action: &str) -> Option<Done> {
        self.done
            .iter()
            .filter(|(a, _)| a == action)
            .map(|(_, d)| d.clone())
            .min_by_key(|d| (d.story, d.seq))
    }
}
