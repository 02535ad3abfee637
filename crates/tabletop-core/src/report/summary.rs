//! The executive summary that opens every report: the verdict in one
//! sentence, the findings that matter most ranked by consequence (legal and
//! contractual clocks first, then broken plan steps, then missed ones), and
//! the scores with how they are built.

use serde::Serialize;

use super::format::span;
use super::model::Clock;
use crate::plan::{ObligationKind, Plan, Severity};
use crate::scoring::{ActionScore, ObligationState, Outcome, ScoreReport, Verdict};

#[derive(Debug, Clone, Serialize)]
pub struct ExecutiveSummary {
    pub verdict: String,
    /// At most five, most consequential first.
    pub key_findings: Vec<KeyFinding>,
    pub scores: Vec<SubScore>,
    /// How the scores are built, in one paragraph.
    pub method: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct KeyFinding {
    pub consequence: Consequence,
    pub title: String,
    pub detail: String,
    /// The finding's topic, as the areas for improvement name it.
    pub topic: String,
}

/// Why a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Consequence {
    /// A step the plan marks critical (people's safety) failed.
    Safety,
    /// A legal or regulatory clock was missed.
    DeadlineMissed,
    /// A legal or regulatory clock was met only after it ran out.
    DeadlineLate,
    /// A contract's clock (an insurance policy's notice) was missed or late:
    /// cover or terms are at risk.
    ContractAtRisk,
    /// A decision broke the plan.
    PlanViolated,
    /// A required step was never taken.
    StepMissed,
    /// A required step was taken late.
    StepLate,
}

impl Consequence {
    pub fn label(self) -> &'static str {
        match self {
            Self::Safety => "safety",
            Self::DeadlineMissed => "legal deadline missed",
            Self::DeadlineLate => "legal deadline met late",
            Self::ContractAtRisk => "contract at risk",
            Self::PlanViolated => "plan violated",
            Self::StepMissed => "step missed",
            Self::StepLate => "step late",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SubScore {
    pub name: &'static str,
    /// Out of 100; `None` when nothing of it was scored.
    pub value: Option<u32>,
}

const METHOD: &str = "Overall is 75% the actions score and 25% the decisions score. Each plan \
action the exercise called for earns its weight times the credit of its outcome: met 100%, met \
by another role 75%, met late 50%, late and by another role 37.5%, missed or violated 0%. Each \
decision earns the quality of the option chosen. Actions not yet due when the exercise ended, or \
never called for, are left out; \"plan tested\" is the share of the plan's required weight the \
exercise called for.";

pub fn summarise(score: &ScoreReport, clocks: &[Clock], plan: &Plan) -> ExecutiveSummary {
    let mut findings: Vec<(Consequence, u8, KeyFinding)> = Vec::new();
    let mut clock_actions: Vec<&str> = Vec::new();
    for clock in clocks {
        let obligation = plan.obligation(&clock.obligation);
        let legal = obligation.is_none_or(|o| o.kind == ObligationKind::Regulator);
        let consequence = match (clock.status, legal) {
            (ObligationState::Missed, true) => Consequence::DeadlineMissed,
            (ObligationState::MetLate, true) => Consequence::DeadlineLate,
            (ObligationState::Missed | ObligationState::MetLate, false) => {
                Consequence::ContractAtRisk
            }
            (ObligationState::Met | ObligationState::OpenAtEnd, _) => continue,
        };
        if let Some(obligation) = obligation {
            clock_actions.extend(obligation.actions.iter().map(|a| a.as_str()));
        }
        let detail = match clock.status {
            ObligationState::MetLate => format!("met {} late", span(-clock.margin_secs)),
            _ => format!("not met, {} past its deadline", span(-clock.margin_secs)),
        };
        findings.push((
            consequence,
            u8::MAX,
            KeyFinding {
                consequence,
                title: clock.regime.clone(),
                detail,
                topic: format!("obligation:{}", clock.obligation),
            },
        ));
    }
    for a in &score.actions {
        // A step behind a clock already listed is that clock's story.
        if clock_actions.contains(&a.action.as_str()) {
            continue;
        }
        let critical = plan
            .action(&a.action)
            .is_some_and(|p| p.severity == Severity::Critical);
        let consequence = match a.verdict() {
            Verdict::Violated | Verdict::Missed if critical => Consequence::Safety,
            Verdict::Violated => Consequence::PlanViolated,
            Verdict::Missed => Consequence::StepMissed,
            Verdict::MetLate | Verdict::MetLateByOtherRole => Consequence::StepLate,
            _ => continue,
        };
        findings.push((
            consequence,
            a.weight,
            KeyFinding {
                consequence,
                title: a.title.clone(),
                detail: action_detail(a),
                topic: format!("action:{}", a.action),
            },
        ));
    }
    findings.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)));
    ExecutiveSummary {
        verdict: verdict(score, clocks),
        key_findings: findings.into_iter().take(5).map(|(_, _, f)| f).collect(),
        scores: vec![
            SubScore {
                name: "Overall",
                value: score.overall_score(),
            },
            SubScore {
                name: "Actions",
                value: score.actions_score.map(|s| s.round() as u32),
            },
            SubScore {
                name: "Decisions",
                value: score.decisions_score.map(|s| s.round() as u32),
            },
            SubScore {
                name: "Plan tested",
                value: Some(score.coverage.round() as u32),
            },
        ],
        method: METHOD.to_string(),
    }
}

fn action_detail(a: &ActionScore) -> String {
    match (a.outcome, a.margin_secs) {
        (Outcome::Violated, _) => "a decision went against it".to_string(),
        (Outcome::Missed, _) => "never done".to_string(),
        (Outcome::MetLate, Some(m)) => format!("done {} late", span(-m)),
        (Outcome::MetLateByOtherRole, Some(m)) => {
            format!("done {} late, by another role", span(-m))
        }
        _ => a.verdict().label().to_string(),
    }
}

/// The whole exercise in one sentence.
fn verdict(score: &ScoreReport, clocks: &[Clock]) -> String {
    let count = |state: ObligationState| clocks.iter().filter(|c| c.status == state).count();
    let actions = |v: Verdict| score.actions.iter().filter(|a| a.verdict() == v).count();
    let parts: Vec<String> = [
        (
            count(ObligationState::Missed),
            "deadline missed",
            "deadlines missed",
        ),
        (
            count(ObligationState::MetLate),
            "deadline met late",
            "deadlines met late",
        ),
        (
            actions(Verdict::Violated),
            "plan step broken by a decision",
            "plan steps broken by decisions",
        ),
        (
            actions(Verdict::Missed),
            "required step missed",
            "required steps missed",
        ),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
    .collect();
    let scored = match score.overall_score() {
        Some(o) => format!("The team scored {o}/100"),
        None => "Nothing was scored yet".to_string(),
    };
    let open = count(ObligationState::OpenAtEnd);
    let open = match open {
        0 => String::new(),
        1 => "; 1 deadline was not yet due when the exercise ended".to_string(),
        n => format!("; {n} deadlines were not yet due when the exercise ended"),
    };
    if parts.is_empty() {
        format!(
            "{scored}: every deadline it reached was met and no plan step was broken or missed{open}."
        )
    } else {
        format!("{scored}: {}{open}.", join(&parts))
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
