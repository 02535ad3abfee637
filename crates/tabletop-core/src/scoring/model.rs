//! The score and its parts, as data: the text, JSON and report views read it.

use serde::Serialize;

use super::Verdict;
use crate::plan::Plan;
use crate::scenario::Quality;
use crate::time::StoryInstant;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Met,
    MetLate,
    MetByOtherRole,
    MetLateByOtherRole,
    Missed,
    Violated,
    NotExercised,
    /// Live scores only: not done yet, and its deadline (if any) has not passed.
    Open,
    /// Not done when the exercise stopped, with its deadline still ahead:
    /// not yet due, so left out of the score.
    OpenAtEnd,
    /// Its deadline's trigger never fired, so its clock never started: left
    /// out of the score.
    NotStarted,
}

impl Outcome {
    /// What carrying an action out earns: on time or late, by its owner or not.
    pub fn of_done(on_time: bool, own_role: bool) -> Self {
        match (on_time, own_role) {
            (true, true) => Self::Met,
            (false, true) => Self::MetLate,
            (true, false) => Self::MetByOtherRole,
            (false, false) => Self::MetLateByOtherRole,
        }
    }

    /// The share of the action's weight it earns (docs/scoring.md, section 3).
    pub fn credit(self) -> f64 {
        match self {
            Self::Met => 1.0,
            Self::MetLate => 0.5,
            Self::MetByOtherRole => 0.75,
            Self::MetLateByOtherRole => 0.375,
            Self::Missed
            | Self::Violated
            | Self::NotExercised
            | Self::Open
            | Self::OpenAtEnd
            | Self::NotStarted => 0.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionScore {
    pub action: String,
    pub title: String,
    pub phase: String,
    pub owner: String,
    pub weight: u8,
    pub recommended: bool,
    pub outcome: Outcome,
    pub points: f64,
    pub possible: f64,
    pub done_by: Option<String>,
    pub done_at: Option<StoryInstant>,
    /// When the deadline's trigger was raised.
    pub deadline_from: Option<StoryInstant>,
    pub due: Option<StoryInstant>,
    /// Seconds between the deadline and when it was done: positive is early.
    pub margin_secs: Option<i64>,
    /// Transcript `seq` numbers behind this line.
    pub evidence: Vec<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionScore {
    pub inject: String,
    /// `None`: no decision (countdown expired, or the facilitator moved on).
    pub option: Option<String>,
    pub role: Option<String>,
    pub quality: Option<Quality>,
    pub credit: f64,
    pub evidence: Vec<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Rating {
    P,
    S,
    M,
    U,
    #[serde(rename = "not_exercised")]
    NotExercised,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupScore {
    pub id: String,
    pub points: f64,
    pub possible: f64,
    /// 0-100, `None` when nothing in the group was exercised.
    pub score: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhaseScore {
    #[serde(flatten)]
    pub group: GroupScore,
    pub rating: Rating,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ObligationState {
    Met,
    /// Done, but after the deadline: the same verdict as the late action.
    MetLate,
    Missed,
    OpenAtEnd,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObligationStatus {
    pub obligation: String,
    pub regime: String,
    /// When its trigger was raised: the clock starts.
    pub started: StoryInstant,
    pub due: StoryInstant,
    /// When the first of its actions was carried out.
    pub met_at: Option<StoryInstant>,
    pub status: ObligationState,
    /// Seconds to spare (positive) or late (negative); for one open at the end,
    /// the time that was left.
    pub margin_secs: i64,
    pub evidence: Vec<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreReport {
    pub overall: u32,
    pub actions_score: Option<f64>,
    pub decisions_score: Option<f64>,
    /// Share of the plan's required weight the exercise tested, 0-100.
    pub coverage: f64,
    /// Standard actions the scenario expects that the plan has no action
    /// for: they could not be scored.
    pub uncovered: Vec<String>,
    pub phases: Vec<PhaseScore>,
    pub roles: Vec<GroupScore>,
    pub actions: Vec<ActionScore>,
    pub decisions: Vec<DecisionScore>,
    pub obligations: Vec<ObligationStatus>,
}

impl ScoreReport {
    /// The overall score, or `None` when nothing at all was scored.
    pub fn overall_score(&self) -> Option<u32> {
        (self.actions_score.is_some() || self.decisions_score.is_some()).then_some(self.overall)
    }

    pub fn assemble(
        plan: &Plan,
        actions: Vec<ActionScore>,
        decisions: Vec<DecisionScore>,
        obligations: &[ObligationStatus],
    ) -> Self {
        let group = |id: &str, members: &[&ActionScore]| {
            let points = total(members.iter().map(|a| a.points));
            let possible = total(members.iter().map(|a| a.possible));
            GroupScore {
                id: id.to_string(),
                points,
                possible,
                score: (possible > 0.0).then(|| 100.0 * points / possible),
            }
        };
        let phases = plan
            .phases
            .iter()
            .map(|phase| {
                let members: Vec<&ActionScore> = actions
                    .iter()
                    .filter(|a| a.phase == phase.id.as_str())
                    .collect();
                let group = group(&phase.id, &members);
                let violation = members.iter().any(|a| a.outcome == Outcome::Violated);
                let heavy_miss = members
                    .iter()
                    .any(|a| a.verdict() == Verdict::Missed && a.weight >= 4);
                let rating = match group.score {
                    None => Rating::NotExercised,
                    Some(s) if s >= 85.0 && !violation && !heavy_miss => Rating::P,
                    Some(s) if s >= 65.0 && !violation => Rating::S,
                    Some(s) if s >= 40.0 => Rating::M,
                    Some(_) => Rating::U,
                };
                PhaseScore { group, rating }
            })
            .collect();
        let roles = plan
            .roles
            .iter()
            .map(|role| {
                let members: Vec<&ActionScore> = actions
                    .iter()
                    .filter(|a| a.owner == role.id.as_str())
                    .collect();
                group(&role.id, &members)
            })
            .collect();
        let all: Vec<&ActionScore> = actions.iter().collect();
        let actions_score = group("all", &all).score;
        let decisions_score = (!decisions.is_empty())
            .then(|| 100.0 * total(decisions.iter().map(|d| d.credit)) / decisions.len() as f64);
        let overall = match (actions_score, decisions_score) {
            (Some(a), Some(d)) => 0.75 * a + 0.25 * d,
            (Some(a), None) => a,
            (None, Some(d)) => d,
            (None, None) => 0.0,
        };
        let required: Vec<&ActionScore> = actions.iter().filter(|a| !a.recommended).collect();
        let weight = total(required.iter().map(|a| f64::from(a.weight)));
        let tested = total(
            required
                .iter()
                .filter(|a| a.outcome != Outcome::NotExercised)
                .map(|a| f64::from(a.weight)),
        );
        Self {
            overall: overall.round() as u32,
            actions_score,
            decisions_score,
            coverage: if weight > 0.0 {
                100.0 * tested / weight
            } else {
                0.0
            },
            phases,
            roles,
            actions,
            decisions,
            obligations: obligations.to_vec(),
            uncovered: Vec::new(),
        }
    }
}

/// A sum that starts from +0.0: the standard float sum of nothing is -0.0,
/// which prints as "-0".
fn total(values: impl Iterator<Item = f64>) -> f64 {
    values.fold(0.0, |sum, v| sum + v)
}
