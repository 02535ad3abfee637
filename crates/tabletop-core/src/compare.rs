//! Two runs side by side, typically the same scenario a quarter apart: how
//! each phase scored, which plan actions changed outcome, and how long each
//! decision took.

use serde::Serialize;

use crate::report::AfterActionReport;
use crate::scoring::{Outcome, Rating};

#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub a: RunSummary,
    pub b: RunSummary,
    pub same_scenario: bool,
    pub phases: Vec<PhaseChange>,
    /// Plan actions whose outcome differs between the runs.
    pub actions: Vec<ActionChange>,
    pub decisions: Vec<DecisionChange>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RunSummary {
    pub file: String,
    pub scenario: String,
    pub title: String,
    pub started: chrono::DateTime<chrono::Utc>,
    /// Null when nothing in the run was scored.
    pub overall: Option<u32>,
    pub coverage: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct PhaseChange {
    pub id: String,
    pub name: String,
    pub a: Option<f64>,
    pub b: Option<f64>,
    pub a_rating: Rating,
    pub b_rating: Rating,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionChange {
    pub action: String,
    pub title: String,
    /// The plan recommends it rather than requires it: a miss costs nothing.
    pub recommended: bool,
    pub a: Outcome,
    pub b: Outcome,
    pub a_margin_secs: Option<i64>,
    pub b_margin_secs: Option<i64>,
    /// How B did against A on this action.
    pub change: Change,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Better,
    Worse,
    /// Not comparable: one run never reached it, the plan only recommends it,
    /// or the outcomes are as bad as each other (missed against violated).
    Neither,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionChange {
    pub inject: String,
    pub title: String,
    /// Chosen option label, or None for no decision / not reached.
    pub a_choice: Option<String>,
    pub b_choice: Option<String>,
    pub a_time_ms: Option<i64>,
    pub b_time_ms: Option<i64>,
    pub a_reached: bool,
    pub b_reached: bool,
}

/// How good an outcome is, for saying which run did better; `None` when it
/// says nothing about the team (never reached, or still open).
fn rank(outcome: Outcome) -> Option<u8> {
    match outcome {
        Outcome::Met => Some(4),
        Outcome::MetByOtherRole => Some(3),
        Outcome::MetLate => Some(2),
        Outcome::MetLateByOtherRole => Some(1),
        Outcome::Missed | Outcome::Violated => Some(0),
        Outcome::Open | Outcome::OpenAtEnd | Outcome::NotStarted | Outcome::NotExercised => None,
    }
}

fn change(a: Outcome, b: Outcome, recommended: bool) -> Change {
    // Leaving a recommended step undone costs nothing, so it is no regression.
    let missed = |o| o == Outcome::Missed;
    if recommended && (missed(a) || missed(b)) && !(a == Outcome::Met || b == Outcome::Met) {
        return Change::Neither;
    }
    match (rank(a), rank(b)) {
        (Some(x), Some(y)) if y > x => Change::Better,
        (Some(x), Some(y)) if y < x => Change::Worse,
        _ => Change::Neither,
    }
}

pub fn compare(a: &AfterActionReport, b: &AfterActionReport) -> Comparison {
    let summary = |r: &AfterActionReport| RunSummary {
        file: r.integrity.file.clone(),
        scenario: r.overview.scenario.clone(),
        title: r.overview.title.clone(),
        started: r.overview.started,
        overall: super::trends::overall(&r.score),
        coverage: r.score.coverage,
    };
    let mut phases: Vec<PhaseChange> = a
        .phases
        .iter()
        .map(|pa| {
            let pb = b.phases.iter().find(|p| p.id == pa.id);
            PhaseChange {
                id: pa.id.clone(),
                name: pa.name.clone(),
                a: pa.score,
                b: pb.and_then(|p| p.score),
                a_rating: pa.rating,
                b_rating: pb.map_or(Rating::NotExercised, |p| p.rating),
            }
        })
        .collect();
    phases.extend(
        b.phases
            .iter()
            .filter(|pb| !a.phases.iter().any(|pa| pa.id == pb.id))
            .map(|pb| PhaseChange {
                id: pb.id.clone(),
                name: pb.name.clone(),
                a: None,
                b: pb.score,
                a_rating: Rating::NotExercised,
                b_rating: pb.rating,
            }),
    );
    let actions = a
        .score
        .actions
        .iter()
        .filter_map(|xa| {
            let xb = b.score.actions.iter().find(|x| x.action == xa.action)?;
            (xa.outcome != xb.outcome).then(|| ActionChange {
                action: xa.action.clone(),
                title: xa.title.clone(),
                recommended: xa.recommended,
                a: xa.outcome,
                b: xb.outcome,
                a_margin_secs: xa.margin_secs,
                b_margin_secs: xb.margin_secs,
                change: change(xa.outcome, xb.outcome, xa.recommended),
            })
        })
        .collect();
    let mut injects: Vec<&str> = a.decisions.iter().map(|d| d.inject.as_str()).collect();
    for d in &b.decisions {
        if !injects.contains(&d.inject.as_str()) {
            injects.push(&d.inject);
        }
    }
    let decisions = injects
        .into_iter()
        .map(|inject| {
            let da = a.decisions.iter().find(|d| d.inject == inject);
            let db = b.decisions.iter().find(|d| d.inject == inject);
            DecisionChange {
                inject: inject.to_string(),
                title: da
                    .or(db)
                    .map(|d| d.inject_title.clone())
                    .unwrap_or_default(),
                a_choice: da.and_then(|d| d.chosen.clone()),
                b_choice: db.and_then(|d| d.chosen.clone()),
                a_time_ms: da.and_then(|d| d.time_to_decide_ms),
                b_time_ms: db.and_then(|d| d.time_to_decide_ms),
                a_reached: da.is_some(),
                b_reached: db.is_some(),
            }
        })
        .collect();
    Comparison {
        same_scenario: a.overview.scenario == b.overview.scenario,
        a: summary(a),
        b: summary(b),
        phases,
        actions,
        decisions,
    }
}
