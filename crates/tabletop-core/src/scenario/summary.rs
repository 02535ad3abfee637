//! A scenario at a glance: what a listing or a start screen shows.

use serde::Serialize;

use super::model::Scenario;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ScenarioSummary {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub minutes: u64,
    pub injects: usize,
    pub decisions: usize,
    pub wildcards: usize,
    pub plan: Option<String>,
    pub tags: Vec<String>,
    pub objectives: Vec<String>,
}

impl ScenarioSummary {
    pub fn of(scenario: &Scenario) -> Self {
        let meta = &scenario.scenario;
        Self {
            id: meta.id.to_string(),
            title: meta.title.clone(),
            summary: meta.summary.trim().to_string(),
            minutes: meta.duration.as_secs().div_ceil(60),
            injects: scenario.injects.len(),
            decisions: scenario
                .injects
                .iter()
                .filter(|i| i.decision.is_some())
                .count(),
            wildcards: scenario.wildcards.as_ref().map_or(0, |w| w.cards.len()),
            plan: meta.plan.as_ref().map(|p| p.to_string()),
            tags: meta.tags.clone(),
            objectives: scenario.objective_texts(),
        }
    }
}
