//! Strengths, areas for improvement and the improvement plan, read off the
//! score. Every finding names its plan action or decision and its evidence;
//! docs/report-format.md gives the priority rules.

use crate::annotations::Annotation;
use crate::engine::{Event, EventRecord};
use crate::plan::Plan;
use crate::scenario::Quality;
use crate::scenario::Scenario;
use crate::scoring::{ActionScore, ObligationState, Outcome, ScoreReport, Verdict};

use super::describe::describe;
use super::format::span;
use super::model::{DecisionEntry, DecisionState, Finding, FindingSource, Priority};

/// An area for improvement with what to do about it.
#[derive(Debug, Clone)]
pub struct Area {
    pub finding: Finding,
    pub priority: Priority,
    pub corrective_action: String,
    pub owner: String,
}

pub fn phase_analysis(
    score: &ScoreReport,
    phase: &str,
    role_name: &dyn Fn(&str) -> String,
) -> Vec<String> {
    let in_phase: Vec<&ActionScore> = score.actions.iter().filter(|a| a.phase == phase).collect();
    let named = |pick: &dyn Fn(&ActionScore) -> bool, label: &str| {
        let titles: Vec<String> = in_phase
            .iter()
            .filter(|a| pick(a))
            .map(|a| match (a.outcome, a.margin_secs) {
                (Outcome::MetLate | Outcome::MetLateByOtherRole, Some(m)) => {
                    format!("{} ({} late)", a.title, span(m.saturating_neg()))
                }
                (Outcome::MetByOtherRole, _) => {
                    format!(
                        "{} (by {})",
                        a.title,
                        role_name(a.done_by.as_deref().unwrap_or("?"))
                    )
                }
                _ => a.title.clone(),
            })
            .collect();
        (!titles.is_empty()).then(|| format!("{label}: {}.", titles.join("; ")))
    };
    [
        named(&|a| a.outcome == Outcome::Met, "Met on time"),
        named(
            &|a| matches!(a.outcome, Outcome::MetLate | Outcome::MetLateByOtherRole),
            "Late",
        ),
        named(&|a| a.outcome == Outcome::MetByOtherRole, "By another role"),
        named(&|a| a.verdict() == Verdict::Missed, "Missed"),
        named(
            &|a| a.verdict() == Verdict::RecommendedNotDone,
            "Recommended, not done",
        ),
        named(&|a| a.outcome == Outcome::Violated, "Violated"),
        named(&|a| a.outcome == Outcome::NotExercised, "Not exercised"),
    ]
    .into_iter()
    .flatten()
    .collect()
}

pub fn strengths(
    plan: &Plan,
    score: &ScoreReport,
    decisions: &[DecisionEntry],
    role_name: &dyn Fn(&str) -> String,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for a in score.actions.iter().filter(|a| a.outcome == Outcome::Met) {
        if let (Some(m), Some(action)) = (a.margin_secs, plan.action(&a.action)) {
            out.push(Finding {
                topic: format!("action:{}", a.action),
                title: format!("{} within its deadline", a.title),
                observation: format!(
                    "{} did it at {}, {} the {} deadline ran out.",
                    role_name(a.done_by.as_deref().unwrap_or(&a.owner)),
                    a.done_at.map(|t| t.to_string()).unwrap_or_default(),
                    if m == 0 {
                        "just as".to_string()
                    } else {
                        format!("{} before", span(m))
                    },
                    action
                        .deadline
                        .as_ref()
                        .map(|d| d.to_string())
                        .unwrap_or_default()
                ),
                analysis: "Done by its owner and on time, as the plan asks.".into(),
                action: Some(a.action.clone()),
                role: Some(a.owner.clone()),
                evidence: a.evidence.clone(),
                source: FindingSource::Score,
            });
        }
    }
    for phase in &plan.phases {
        let met: Vec<&ActionScore> = score
            .actions
            .iter()
            .filter(|a| {
                a.phase == phase.id.as_str() && a.outcome == Outcome::Met && a.margin_secs.is_none()
            })
            .collect();
        if !met.is_empty() {
            out.push(Finding {
                topic: format!("phase:{}", phase.id.as_str()),
                title: format!("{}: carried out as the plan says", phase.name),
                observation: met
                    .iter()
                    .map(|a| {
                        format!(
                            "{} ({})",
                            a.title,
                            role_name(a.done_by.as_deref().unwrap_or(&a.owner))
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
                analysis: "Each was done by the role the plan gives it.".into(),
                action: None,
                role: None,
                evidence: met
                    .iter()
                    .flat_map(|a| a.evidence.iter().copied())
                    .collect(),
                source: FindingSource::Score,
            });
        }
    }
    for d in decisions
        .iter()
        .filter(|d| d.quality == Some(Quality::Strong))
    {
        out.push(Finding {
            topic: format!("decision:{}", d.inject),
            title: format!("Strong decision: {}", d.inject_title),
            observation: format!(
                "Asked \"{}\", the team chose \"{}\" after {}.",
                d.prompt,
                d.chosen.as_deref().unwrap_or_default(),
                span(d.time_to_decide_ms.unwrap_or(0) / 1000)
            ),
            analysis: d
                .why
                .clone()
                .unwrap_or_else(|| "The scenario rates this option strong.".into()),
            action: None,
            role: d.role.clone(),
            evidence: d.evidence.clone(),
            source: FindingSource::Score,
        });
    }
    for o in score
        .obligations
        .iter()
        .filter(|o| o.status == ObligationState::Met)
    {
        out.push(Finding {
            topic: format!("obligation:{}", o.obligation),
            title: format!("{} met", o.regime),
            observation: format!(
                "Done at {}, {} before the deadline at {}.",
                o.met_at.map(|t| t.to_string()).unwrap_or_default(),
                span(o.margin_secs),
                o.due
            ),
            analysis: "The regulatory clock was met.".into(),
            action: None,
            role: None,
            evidence: o.evidence.clone(),
            source: FindingSource::Score,
        });
    }
    out
}

/// Areas for improvement, most serious first within each kind.
pub fn areas(
    plan: &Plan,
    score: &ScoreReport,
    decisions: &[DecisionEntry],
    role_name: &dyn Fn(&str) -> String,
) -> Vec<Area> {
    let mut out = Vec::new();
    let in_missed_obligation = |action: &str| {
        score.obligations.iter().any(|o| {
            o.status == ObligationState::Missed
                && plan.obligations.iter().any(|p| {
                    p.id.as_str() == o.obligation && p.actions.iter().any(|a| a.as_str() == action)
                })
        })
    };
    for o in score
        .obligations
        .iter()
        .filter(|o| matches!(o.status, ObligationState::Missed | ObligationState::MetLate))
    {
        let Some(obligation) = plan.obligation(&o.obligation) else {
            continue;
        };
        let owner = obligation
            .actions
            .first()
            .and_then(|a| plan.action(a))
            .map_or_else(|| first_role(plan), |a| a.owner.to_string());
        let when = match o.met_at {
            Some(t) => format!(
                "notification came at {t}, {} late",
                span(o.margin_secs.saturating_neg())
            ),
            None => format!(
                "no notification was made by the end ({} overdue)",
                span(o.margin_secs.saturating_neg())
            ),
        };
        out.push(Area {
            finding: Finding {
                topic: format!("obligation:{}", o.obligation),
                title: format!("{} deadline {}", o.regime, o.status.label().to_lowercase()),
                observation: format!(
                    "The {} clock started at {} and ran out at {}; {when}.",
                    obligation.deadline.get(),
                    o.started,
                    o.due
                ),
                analysis: consequence_of(obligation),
                action: None,
                role: Some(owner.clone()),
                evidence: o.evidence.clone(),
                source: FindingSource::Score,
            },
            priority: Priority::High,
            corrective_action: format!(
                "Write down who starts the {} clock and when; keep a notification template and the contact details of {} ready, and rehearse the notification within the deadline.",
                o.regime,
                obligation.authority.as_deref().unwrap_or("whoever must be told")
            ),
            owner,
        });
    }
    for a in &score.actions {
        let description = plan
            .action(&a.action)
            .and_then(|p| p.description.clone())
            .unwrap_or_default();
        let deadline_text = plan
            .action(&a.action)
            .and_then(|p| p.deadline.as_ref().zip(p.from.as_ref()))
            .map(|(d, f)| format!("{} from {}", d.get(), f.as_str()));
        let (title, observation, priority, corrective, owner) = match a.outcome {
            Outcome::Violated => (
                format!("Plan violated: {}", a.title),
                violation(a, decisions, role_name),
                Priority::High,
                format!(
                    "Brief decision owners on what the plan requires before \"{}\", and rehearse that decision with {}.",
                    a.title,
                    role_name(&a.owner)
                ),
                a.owner.clone(),
            ),
            Outcome::Missed if !a.recommended => (
                format!("Missed: {}", a.title),
                format!(
                    "No one was seen to do it, though the exercise called for it{}.",
                    deadline_text
                        .as_ref()
                        .map(|d| format!(" (due {d})"))
                        .unwrap_or_default()
                ),
                if a.weight >= 4 || in_missed_obligation(&a.action) {
                    Priority::High
                } else {
                    Priority::Medium
                },
                format!(
                    "Put \"{}\" on the {} checklist for this phase and practise it in the next exercise.",
                    a.title,
                    role_name(&a.owner)
                ),
                a.owner.clone(),
            ),
            Outcome::Missed => (
                format!("Recommended step not taken: {}", a.title),
                "The plan recommends it; the team did not do it.".to_string(),
                Priority::Low,
                format!(
                    "Decide whether {} should make \"{}\" routine, or drop it from the plan.",
                    role_name(&a.owner),
                    a.title
                ),
                a.owner.clone(),
            ),
            Outcome::MetLate | Outcome::MetLateByOtherRole => (
                format!("Late: {}", a.title),
                format!(
                    "Done at {} by {}, {} after its deadline ({}).",
                    a.done_at.map(|t| t.to_string()).unwrap_or_default(),
                    role_name(a.done_by.as_deref().unwrap_or(&a.owner)),
                    span(a.margin_secs.unwrap_or(0).saturating_neg()),
                    deadline_text.clone().unwrap_or_default()
                ),
                if in_missed_obligation(&a.action) {
                    Priority::High
                } else {
                    Priority::Medium
                },
                format!(
                    "Find what held up \"{}\" (approvals, contacts, templates) and prepare it so {} can act within {}.",
                    a.title,
                    role_name(&a.owner),
                    deadline_text.clone().unwrap_or_default()
                ),
                a.owner.clone(),
            ),
            Outcome::MetByOtherRole => (
                format!("Done by another role: {}", a.title),
                format!(
                    "{} did it; the plan gives it to {}.",
                    a.done_by.as_deref().map(role_name).unwrap_or_default(),
                    role_name(&a.owner)
                ),
                Priority::Low,
                format!(
                    "Confirm who owns \"{}\": brief {} or change the plan to name the role that really does it.",
                    a.title,
                    role_name(&a.owner)
                ),
                a.owner.clone(),
            ),
            Outcome::Met
            | Outcome::NotExercised
            | Outcome::Open
            | Outcome::OpenAtEnd
            | Outcome::NotStarted => continue,
        };
        // A choice that broke the plan is explained by the scenario's reason for it.
        let why = (a.outcome == Outcome::Violated)
            .then(|| {
                decisions
                    .iter()
                    .filter(|d| {
                        d.options
                            .iter()
                            .any(|o| o.chosen && o.violates.contains(&a.action))
                    })
                    .find_map(|d| d.why.clone())
            })
            .flatten();
        out.push(Area {
            finding: Finding {
                topic: format!("action:{}", a.action),
                title,
                observation,
                analysis: if let Some(why) = why {
                    why
                } else if description.is_empty() {
                    format!("The plan gives it weight {} of 5.", a.weight)
                } else {
                    format!("The plan says: {description}")
                },
                action: Some(a.action.clone()),
                role: Some(a.owner.clone()),
                evidence: a.evidence.clone(),
                source: FindingSource::Score,
            },
            priority,
            corrective_action: corrective,
            owner,
        });
    }
    for d in decisions {
        // A choice against the plan is already listed as a violation.
        if d.options.iter().any(|o| o.chosen && !o.violates.is_empty()) {
            continue;
        }
        let owner = d
            .owners
            .first()
            .cloned()
            .unwrap_or_else(|| first_role(plan));
        let (title, observation, priority) = match (d.state, d.quality) {
            (DecisionState::Taken, Some(Quality::Harmful)) => (
                format!("Harmful decision: {}", d.inject_title),
                format!(
                    "The team chose \"{}\".",
                    d.chosen.as_deref().unwrap_or_default()
                ),
                Priority::High,
            ),
            (DecisionState::Taken, Some(Quality::Weak)) => (
                format!("Weak decision: {}", d.inject_title),
                format!(
                    "The team chose \"{}\".",
                    d.chosen.as_deref().unwrap_or_default()
                ),
                Priority::Medium,
            ),
            (DecisionState::CountdownExpired, _) => (
                format!("No decision in time: {}", d.inject_title),
                format!(
                    "The {} countdown ran out before anyone decided.",
                    d.countdown_ms.map(|ms| span(ms / 1000)).unwrap_or_default()
                ),
                Priority::Medium,
            ),
            (DecisionState::MovedOn, _) => (
                format!("No decision: {}", d.inject_title),
                "The exercise moved on without a decision.".to_string(),
                Priority::Medium,
            ),
            _ => continue,
        };
        let better: Vec<&str> = d
            .options
            .iter()
            .filter(|o| o.quality == Some(Quality::Strong))
            .map(|o| o.label.as_str())
            .collect();
        out.push(Area {
            finding: Finding {
                topic: format!("decision:{}", d.inject),
                title,
                observation: format!("Asked \"{}\". {observation}", d.prompt),
                analysis: d.why.clone().unwrap_or_else(|| {
                    if better.is_empty() {
                        "No option was chosen, which counts as no decision.".into()
                    } else {
                        format!("The scenario rates as strong: {}.", better.join("; "))
                    }
                }),
                action: None,
                role: Some(owner.clone()),
                evidence: d.evidence.clone(),
                source: FindingSource::Score,
            },
            priority,
            corrective_action: format!(
                "Agree in advance who decides \"{}\" and on what grounds, so {} can decide within the time the situation allows.",
                d.prompt,
                role_name(&owner)
            ),
            owner,
        });
    }
    out.sort_by_key(|a| a.priority);
    out
}

/// Which choice went against the plan, where and by whom.
fn violation(
    action: &ActionScore,
    decisions: &[DecisionEntry],
    role_name: &dyn Fn(&str) -> String,
) -> String {
    let chosen: Vec<String> = decisions
        .iter()
        .filter(|d| {
            d.options
                .iter()
                .any(|o| o.chosen && o.violates.contains(&action.action))
        })
        .map(|d| {
            format!(
                "at \"{}\" ({}), {} chose \"{}\"",
                d.inject_title,
                d.delivered_story,
                role_name(d.role.as_deref().unwrap_or_default()),
                d.chosen.as_deref().unwrap_or_default()
            )
        })
        .collect();
    format!(
        "Against the plan's \"{}\": {}.",
        action.title,
        chosen.join("; ")
    )
}

/// A trainer's annotation as a finding: the event it is on, and what they wrote.
pub fn from_annotation(
    annotation: &Annotation,
    record: &EventRecord,
    scenario: &Scenario,
    plan: &Plan,
    anonymous: bool,
) -> Finding {
    let first_line = annotation
        .text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("Trainer's annotation");
    let title = if first_line.chars().count() > 80 {
        format!("{}…", first_line.chars().take(79).collect::<String>())
    } else {
        first_line.to_string()
    };
    Finding {
        topic: format!("annotation:{}", annotation.id),
        title,
        observation: format!(
            "{} (#{}, {})",
            describe(&record.event, scenario, plan, anonymous),
            record.seq,
            record.story
        ),
        analysis: annotation.text.clone(),
        action: match &record.event {
            Event::ActionObserved { action, .. } => Some(action.clone()),
            _ => None,
        },
        role: None,
        evidence: vec![record.seq],
        source: FindingSource::Annotation,
    }
}

/// Who owns a corrective action nobody else is named for: the plan's first role.
fn first_role(plan: &Plan) -> String {
    plan.roles
        .first()
        .map_or_else(String::new, |r| r.id.to_string())
}

/// What a clock missed or met late costs, in the words its kind calls for:
/// an insurer does not enforce; late notice puts cover at risk.
fn consequence_of(obligation: &crate::plan::Obligation) -> String {
    use crate::plan::ObligationKind;
    let who = obligation.authority.as_deref();
    match obligation.kind {
        ObligationKind::Regulator => format!(
            "A missed regulatory deadline exposes the organisation to enforcement{}.",
            who.map(|a| format!(" by {a}")).unwrap_or_default()
        ),
        ObligationKind::Contract => format!(
            "Late notice under the contract puts its cover or terms at risk{}.",
            who.map(|a| format!(" with {a}")).unwrap_or_default()
        ),
        ObligationKind::Customer => {
            "A promise to customers was broken: trust, and possibly their contracts, are at stake."
                .to_string()
        }
        ObligationKind::Internal => "The organisation's own deadline was not kept.".to_string(),
    }
}
