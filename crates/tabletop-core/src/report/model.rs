//! The after-action report and improvement plan as data. The Markdown, HTML
//! and JSON views all read this; the JSON is its stable serialisation
//! (docs/report-format.md).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::engine::Participant;
use crate::scenario::Quality;
use crate::scoring::{ObligationState, Rating, ScoreReport};
use crate::time::StoryInstant;

/// Bumped when a field changes meaning or goes away; new fields may appear.
pub const REPORT_FORMAT: u32 = 1;

#[derive(Debug, Clone, Serialize)]
pub struct AfterActionReport {
    pub format: u32,
    /// What a reader needs first: the verdict, what matters most, the scores.
    pub summary: super::ExecutiveSummary,
    /// Each linked objective of the scenario, assessed.
    pub objectives: Vec<super::ObjectiveAssessment>,
    pub overview: Overview,
    pub score: ScoreReport,
    pub phases: Vec<PhaseAnalysis>,
    pub strengths: Vec<Finding>,
    pub improvements: Vec<Finding>,
    /// Trainers' notes on events, neither strength nor area for improvement.
    pub notes: Vec<Finding>,
    pub clocks: Vec<Clock>,
    pub decisions: Vec<DecisionEntry>,
    pub roles: Vec<RoleResult>,
    pub improvement_plan: Vec<PlanItem>,
    pub timeline: Vec<TimelineEntry>,
    pub integrity: Integrity,
    /// Every role of the plan and of the transcript: id to display name.
    pub role_names: BTreeMap<String, String>,
    /// The participants' anonymous feedback from the seats, in totals only;
    /// `None` when nobody answered.
    pub participant_feedback: Option<crate::seats::FeedbackSummary>,
}

impl AfterActionReport {
    /// A role's display name, or its id when neither plan knows it.
    pub fn role_name(&self, id: &str) -> String {
        self.role_names
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    pub scenario: String,
    pub title: String,
    pub summary: String,
    pub objectives: Vec<String>,
    pub plan: String,
    pub plan_title: String,
    pub organisation: String,
    pub plan_version: String,
    /// True when scored against a plan other than the one the exercise ran with.
    pub other_plan: bool,
    /// Then: the plan it ran with ("gdpr-midsize 4.1") and what differs
    /// ("3 actions, 1 obligation"), from `tabletop plan diff`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ran_with: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_differences: Option<String>,
    pub started: DateTime<Utc>,
    /// Facilitation time from start to the last event.
    pub duration_ms: i64,
    pub story_from: StoryInstant,
    pub story_to: StoryInstant,
    pub ended: bool,
    pub injects_delivered: usize,
    pub injects_skipped: usize,
    pub cards_drawn: usize,
    pub seed: u64,
    pub anonymous: bool,
    /// Names and roles; empty when the exercise was anonymous.
    pub participants: Vec<Participant>,
    /// The roles played, by plan name.
    pub roles: Vec<RoleName>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleName {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PhaseAnalysis {
    pub id: String,
    pub name: String,
    pub rating: Rating,
    pub score: Option<f64>,
    /// One sentence per kind of outcome, naming the actions.
    pub analysis: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingSource {
    /// Derived from the score.
    Score,
    /// Written by a trainer reviewing the transcript.
    Annotation,
}

/// A strength or an area for improvement.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// What it is about, the same from one exercise to the next:
    /// `action:<id>`, `decision:<inject>`, `obligation:<id>`, `phase:<id>`, `annotation:<id>`.
    pub topic: String,
    pub title: String,
    pub observation: String,
    pub analysis: String,
    /// The plan action it concerns, if any.
    pub action: Option<String>,
    /// The role it concerns.
    pub role: Option<String>,
    pub evidence: Vec<u64>,
    pub source: FindingSource,
}

/// A regulatory clock: when it started, when it ran out, what the team did.
#[derive(Debug, Clone, Serialize)]
pub struct Clock {
    pub obligation: String,
    pub regime: String,
    pub authority: Option<String>,
    pub trigger: String,
    pub started: StoryInstant,
    pub due: StoryInstant,
    pub met_at: Option<StoryInstant>,
    pub status: ObligationState,
    pub margin_secs: i64,
    pub evidence: Vec<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionState {
    Taken,
    CountdownExpired,
    MovedOn,
    /// Still open when the transcript stops.
    Open,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionEntry {
    pub inject: String,
    pub inject_title: String,
    pub prompt: String,
    pub delivered_elapsed_ms: i64,
    pub delivered_story: StoryInstant,
    pub countdown_ms: Option<i64>,
    pub owners: Vec<String>,
    pub options: Vec<OptionEntry>,
    pub state: DecisionState,
    pub chosen: Option<String>,
    pub role: Option<String>,
    pub by: Option<String>,
    /// What the team said when deciding.
    pub rationale: Option<String>,
    pub quality: Option<Quality>,
    /// The scenario author's explanation of the chosen option.
    pub why: Option<String>,
    /// From delivery to the decision (or to the lapse).
    pub time_to_decide_ms: Option<i64>,
    pub evidence: Vec<u64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OptionEntry {
    pub id: String,
    pub label: String,
    pub quality: Option<Quality>,
    pub chosen: bool,
    /// Seats that voted for it (their last vote on the decision).
    pub votes: usize,
    /// Plan actions the option carries out, and those it goes against.
    pub fulfils: Vec<String>,
    pub violates: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleResult {
    pub id: String,
    pub name: String,
    /// Who held the role (empty when anonymous).
    pub people: Vec<String>,
    pub score: Option<f64>,
    /// Exercised actions the role owns, and how many it met on time itself.
    pub owned: usize,
    pub met_on_time: usize,
    pub missed: usize,
    /// Actions it carried out that the plan gives to another role.
    pub covered_for_others: usize,
    pub decisions: usize,
    pub responses: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    High,
    Medium,
    Low,
}

impl Priority {
    /// Days after the exercise the corrective action is due (docs/report-format.md).
    pub fn days(self) -> i64 {
        match self {
            Self::High => 30,
            Self::Medium => 60,
            Self::Low => 90,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::High => "High",
            Self::Medium => "Medium",
            Self::Low => "Low",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanItem {
    pub number: usize,
    pub issue: String,
    pub corrective_action: String,
    /// The plan role that owns the corrective action.
    pub owner: String,
    /// Who to ask, where the plan names a contact for the role (never in a
    /// public report).
    pub contact: Option<String>,
    pub priority: Priority,
    /// The CSF 2.0 category the fix strengthens, where known.
    pub capability: Option<String>,
    pub poete: super::Poete,
    /// The scenario objective the item serves, where it is linked to one.
    pub objective: Option<String>,
    /// When work on it starts: from a week after the exercise, staggered.
    pub start: NaiveDate,
    pub due: NaiveDate,
    /// For follow-up: `open` when the report is written.
    pub status: &'static str,
    pub evidence: Vec<u64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    pub seq: u64,
    pub elapsed_ms: i64,
    pub story: StoryInstant,
    /// The event's `type` in the transcript.
    pub kind: &'static str,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Integrity {
    pub file: String,
    pub sha256: String,
    pub events: usize,
    pub intact: bool,
    /// The first problem `tabletop verify` finds, when not intact.
    pub problem: Option<String>,
    pub last_line_hash: String,
    pub scenario_sha256: String,
    pub plan_sha256: String,
}
