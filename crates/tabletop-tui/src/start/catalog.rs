//! What the start screen offers: the scenarios and plans tabletop can find,
//! and the exercises saved in transcripts/: interrupted ones to resume,
//! finished ones to review.

use std::path::{Path, PathBuf};

use tabletop_core::DocumentKind;
use tabletop_core::SourceFile;
use tabletop_core::library::{SearchPath, discover};
use tabletop_core::load::{parse_plan, parse_scenario};
use tabletop_core::scenario::ScenarioSummary;
use tabletop_core::transcript::read_transcript;

pub struct ScenarioEntry {
    pub summary: ScenarioSummary,
    pub roles: Vec<String>,
    pub source: SourceFile,
}

pub struct PlanEntry {
    pub id: String,
    pub title: String,
    pub source: SourceFile,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunState {
    /// Not ended and intact (a torn last line is fine): it can go on.
    Interrupted,
    Ended,
    /// A line was changed after it was written: it can be reviewed, not resumed.
    Damaged,
    /// Another console or run is writing it now: it can be watched in review,
    /// not resumed.
    Running,
}

pub struct SavedRun {
    pub path: PathBuf,
    pub scenario: String,
    pub events: usize,
    pub started: String,
    pub state: RunState,
}

pub struct Catalog {
    pub scenarios: Vec<ScenarioEntry>,
    pub plans: Vec<PlanEntry>,
    /// Interrupted runs first, then the rest; newest first within each.
    pub saved: Vec<SavedRun>,
}

impl Catalog {
    pub fn gather(search: &SearchPath, transcripts: &Path) -> Self {
        let (found, _) = discover(search);
        let mut scenarios: Vec<ScenarioEntry> = Vec::new();
        let mut plans: Vec<PlanEntry> = Vec::new();
        for file in found {
            match file.kind {
                DocumentKind::Scenario => {
                    let Ok(scenario) = parse_scenario(&file.source) else {
                        continue;
                    };
                    let summary = ScenarioSummary::of(&scenario);
                    if scenarios.iter().any(|s| s.summary.id == summary.id) {
                        continue;
                    }
                    let roles = scenario
                        .scenario
                        .roles
                        .iter()
                        .map(|r| r.to_string())
                        .collect();
                    scenarios.push(ScenarioEntry {
                        summary,
                        roles,
                        source: file.source,
                    });
                }
                DocumentKind::Plan => {
                    let Ok(plan) = parse_plan(&file.source) else {
                        continue;
                    };
                    if plans.iter().any(|p| p.id == plan.plan.id.as_str()) {
                        continue;
                    }
                    plans.push(PlanEntry {
                        id: plan.plan.id.to_string(),
                        title: format!("{} ({})", plan.plan.organisation, plan.plan.version),
                        source: file.source,
                    });
                }
            }
        }
        // The tutorial first: it is where a new facilitator starts.
        scenarios.sort_by_key(|s| (s.summary.id != "tutorial", s.summary.id.clone()));
        let mut saved = Vec::new();
        let mut files: Vec<PathBuf> = std::fs::read_dir(transcripts)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
            .collect();
        files.sort();
        for path in files.into_iter().rev() {
            let Ok(read) = read_transcript(&path) else {
                continue;
            };
            let running = tabletop_core::transcript::in_use(&path);
            let tampered = matches!(
                read.damage,
                Some(tabletop_core::transcript::Damage::Broken { .. })
            );
            saved.push(SavedRun {
                scenario: read.header.scenario.id.clone(),
                events: read.records.len(),
                started: read.header.started.format("%Y-%m-%d %H:%M UTC").to_string(),
                path,
                state: if running {
                    RunState::Running
                } else if tampered {
                    RunState::Damaged
                } else if read.ended() {
                    RunState::Ended
                } else {
                    RunState::Interrupted
                },
            });
        }
        // Stable: newest first stays within each group.
        saved.sort_by_key(|r| r.state != RunState::Interrupted);
        Self {
            scenarios,
            plans,
            saved,
        }
    }
}
