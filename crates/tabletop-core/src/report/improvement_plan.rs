//! The improvement plan: one item per root cause, most serious first, each
//! with its owner, the capability it builds (a CSF 2.0 category), the POETE
//! element it needs (planning, organisation, equipment, training,
//! exercises), the objective it serves, staggered dates and a status to
//! follow it up with.

use chrono::{NaiveDate, TimeDelta};
use serde::Serialize;

use super::findings::Area;
use super::model::PlanItem;
use crate::plan::{ObligationKind, Plan, Severity};
use crate::scenario::Scenario;
use crate::vocabulary;

/// What a corrective action mostly needs, in HSEEP's POETE terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Poete {
    Planning,
    Organisation,
    Equipment,
    Training,
    Exercises,
}

impl Poete {
    pub fn name(self) -> &'static str {
        match self {
            Self::Planning => "Planning",
            Self::Organisation => "Organisation",
            Self::Equipment => "Equipment",
            Self::Training => "Training",
            Self::Exercises => "Exercises",
        }
    }
}

pub fn improvement_plan(
    areas: &[Area],
    plan: &Plan,
    scenario: &Scenario,
    exercise_day: NaiveDate,
) -> Vec<PlanItem> {
    // A step behind a clock that has its own item is that item's root cause.
    let clocked: Vec<&str> = areas
        .iter()
        .filter_map(|a| a.finding.topic.strip_prefix("obligation:"))
        .filter_map(|id| plan.obligation(id))
        .flat_map(|o| o.actions.iter().map(|a| a.as_str()))
        .collect();
    let mut roots: Vec<&Area> = areas
        .iter()
        .filter(|a| {
            a.finding
                .topic
                .strip_prefix("action:")
                .is_none_or(|id| !clocked.contains(&id))
        })
        .collect();
    roots.sort_by_key(|a| (a.priority, consequence_rank(a, plan)));
    let mut per_priority = [0_i64; 3];
    roots
        .into_iter()
        .enumerate()
        .map(|(n, area)| {
            // Work starts a week after the exercise; within a priority the
            // items start a week apart in threes, so not everything is due at once.
            let slot = &mut per_priority[area.priority as usize];
            let start = exercise_day + TimeDelta::days(7 + 7 * (*slot / 3));
            *slot += 1;
            let action = area
                .finding
                .action
                .as_deref()
                .and_then(|id| plan.action(id));
            let standard =
                action.map(|a| a.implements.as_ref().map_or(a.id.as_str(), |i| i.as_str()));
            PlanItem {
                number: n + 1,
                issue: area.finding.title.clone(),
                corrective_action: area.corrective_action.clone(),
                owner: area.owner.clone(),
                contact: plan.role(&area.owner).and_then(|r| r.contact.clone()),
                priority: area.priority,
                capability: standard
                    .and_then(vocabulary::action)
                    .map(|v| v.category.to_string())
                    .or_else(|| {
                        area.finding
                            .topic
                            .starts_with("obligation:")
                            .then(|| "RS.CO".to_string())
                    }),
                poete: poete(area),
                objective: objective_for(scenario, area),
                start,
                due: start + TimeDelta::days(area.priority.days()),
                status: "open",
                evidence: area.finding.evidence.clone(),
            }
        })
        .collect()
}

/// Within a priority, what matters most comes first: people's safety, then
/// the law, then contracts, then broken, missed and late steps.
fn consequence_rank(area: &Area, plan: &Plan) -> u8 {
    let topic = area.finding.topic.as_str();
    if let Some(id) = topic.strip_prefix("obligation:") {
        return match plan.obligation(id).map(|o| o.kind) {
            Some(ObligationKind::Regulator) | None => 1,
            Some(_) => 2,
        };
    }
    let critical = area
        .finding
        .action
        .as_deref()
        .and_then(|id| plan.action(id))
        .is_some_and(|a| a.severity == Severity::Critical);
    let title = area.finding.title.as_str();
    match () {
        _ if critical => 0,
        _ if title.starts_with("Plan violated") => 3,
        _ if title.starts_with("Missed") => 4,
        _ if title.starts_with("Late") => 5,
        _ => 6,
    }
}

/// What the fix mostly needs: a clock or a missing step needs the plan
/// written down, a step done by the wrong role needs the organisation made
/// clear, a late step or a poor decision needs training.
fn poete(area: &Area) -> Poete {
    let title = area.finding.title.as_str();
    if area.finding.topic.starts_with("obligation:") || title.starts_with("Missed") {
        Poete::Planning
    } else if title.contains("another role") || title.contains("other role") {
        Poete::Organisation
    } else if area.finding.topic.starts_with("annotation:") {
        Poete::Exercises
    } else {
        Poete::Training
    }
}

/// The first objective the item's action or decision is linked to.
fn objective_for(scenario: &Scenario, area: &Area) -> Option<String> {
    let (kind, id) = area.finding.topic.split_once(':')?;
    scenario
        .objectives
        .iter()
        .find(|o| match kind {
            "action" => o.actions.iter().any(|a| a.as_str() == id),
            "decision" => o.decisions.iter().any(|d| d.as_str() == id),
            _ => false,
        })
        .map(|o| o.text.clone())
}
