//! Each objective of the exercise assessed from the evidence it is linked
//! to: its actions' outcomes, its decisions' choices, its phases' ratings.

use serde::Serialize;

use crate::plan::Plan;
use crate::scenario::{Quality, Scenario};
use crate::scoring::{Rating, ScoreReport, Tone};

#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveAssessment {
    pub id: String,
    pub text: String,
    pub verdict: ObjectiveVerdict,
    /// What the verdict rests on, one line per linked item.
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectiveVerdict {
    Met,
    PartlyMet,
    NotMet,
    /// Nothing linked to it was scored in this run.
    NotExercised,
}

impl ObjectiveVerdict {
    pub fn label(self) -> &'static str {
        match self {
            Self::Met => "met",
            Self::PartlyMet => "partly met",
            Self::NotMet => "not met",
            Self::NotExercised => "not exercised",
        }
    }

    pub fn tone(self) -> Tone {
        match self {
            Self::Met => Tone::Pass,
            Self::PartlyMet => Tone::Partial,
            Self::NotMet => Tone::Fail,
            Self::NotExercised => Tone::Muted,
        }
    }
}

/// Shares of the linked items achieved (a partial one counting half) at or
/// above which an objective is met, and at or below which it is not.
const MET: f64 = 0.85;
const NOT_MET: f64 = 0.35;

/// How one linked item went: fully, partly, not at all, or not scored.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Went {
    Well,
    Partly,
    Badly,
    Unscored,
}

pub fn assess(scenario: &Scenario, plan: &Plan, score: &ScoreReport) -> Vec<ObjectiveAssessment> {
    scenario
        .objectives
        .iter()
        .map(|objective| {
            let mut items: Vec<(Went, String)> = Vec::new();
            // An inject that names the objective lends it what it expects and
            // its decision, beside what the objective lists itself.
            let testing: Vec<&crate::scenario::Inject> = scenario
                .injects
                .iter()
                .filter(|i| {
                    i.objectives
                        .iter()
                        .any(|o| o.as_str() == objective.id.as_str())
                })
                .collect();
            let mut actions: Vec<&str> = objective.actions.iter().map(|a| a.as_str()).collect();
            let mut decisions: Vec<&str> = objective.decisions.iter().map(|d| d.as_str()).collect();
            for inject in &testing {
                for e in &inject.expects {
                    if !actions.contains(&e.as_str()) {
                        actions.push(e.as_str());
                    }
                }
                if inject.decision.is_some() && !decisions.contains(&inject.id.as_str()) {
                    decisions.push(inject.id.as_str());
                }
            }
            for action in actions {
                let Some(a) = score.actions.iter().find(|a| a.action == action) else {
                    continue;
                };
                let verdict = a.verdict();
                let went = match verdict.tone() {
                    Tone::Pass => Went::Well,
                    Tone::Partial => Went::Partly,
                    Tone::Fail => Went::Badly,
                    Tone::Muted => Went::Unscored,
                };
                items.push((went, format!("{}: {}", a.title, verdict.label())));
            }
            for inject in decisions {
                let Some(d) = score.decisions.iter().find(|d| d.inject == inject) else {
                    continue;
                };
                let prompt = scenario.inject(inject).map_or(inject, |i| i.title.as_str());
                let (went, what) = match d.quality {
                    Some(Quality::Strong) => (Went::Well, "a strong option"),
                    Some(Quality::Acceptable) => (Went::Well, "an acceptable option"),
                    Some(Quality::Weak) => (Went::Partly, "a weak option"),
                    Some(Quality::Harmful) => (Went::Badly, "a harmful option"),
                    None => (Went::Badly, "no decision"),
                };
                items.push((went, format!("decision at \"{prompt}\": {what}")));
            }
            for phase in &objective.phases {
                let Some(p) = score.phases.iter().find(|p| p.group.id == phase.as_str()) else {
                    continue;
                };
                let went = match p.rating {
                    Rating::P => Went::Well,
                    Rating::S => Went::Partly,
                    Rating::M | Rating::U => Went::Badly,
                    Rating::NotExercised => Went::Unscored,
                };
                items.push((
                    went,
                    format!(
                        "phase {}: rated {}",
                        plan.phase_name(phase),
                        crate::report::format::rating(p.rating)
                    ),
                ));
            }
            let scored: Vec<Went> = items
                .iter()
                .map(|(w, _)| *w)
                .filter(|w| *w != Went::Unscored)
                .collect();
            // Each item counts fully, half or not at all; the share decides.
            let share = scored
                .iter()
                .map(|w| match w {
                    Went::Well => 1.0,
                    Went::Partly => 0.5,
                    _ => 0.0,
                })
                .sum::<f64>()
                / scored.len().max(1) as f64;
            let verdict = match share {
                _ if scored.is_empty() => ObjectiveVerdict::NotExercised,
                s if s >= MET => ObjectiveVerdict::Met,
                s if s <= NOT_MET => ObjectiveVerdict::NotMet,
                _ => ObjectiveVerdict::PartlyMet,
            };
            ObjectiveAssessment {
                id: objective.id.to_string(),
                text: objective.text.clone(),
                verdict,
                evidence: items.into_iter().map(|(_, line)| line).collect(),
            }
        })
        .collect()
}
