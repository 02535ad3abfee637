//! What the start screen offers: the scenarios and plans tabletop can find,
//! and exercises that were interrupted and can be resumed.

use std::path::{Path, PathBuf};

use tabletop::DocumentKind;
use tabletop::SourceFile;
use tabletop::library::{SearchPath, discover};
use tabletop::load::{parse_plan, parse_scenario};
use tabletop::scenario::ScenarioSummary;
use tabletop::transcript::read_transcript;

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

pub struct Resumable {
    pub path: PathBuf,
    pub scenario: String,
    pub events: usize,
    pub started: String,
}

pub struct Catalog {
    pub scenarios: Vec<ScenarioEntry>,
    pub plans: Vec<PlanEntry>,
    pub resumable: Vec<Resumable>,
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
        let mut resumable = Vec::new();
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
            let tampered = matches!(
                read.damage,
                Some(tabletop::transcript::Damage::Broken { .. })
            );
            if read.ended() || tampered {
                continue;
            }
            resumable.push(Resumable {
                scenario: read.header.scenario.id.clone(),
                events: read.records.len(),
                started: read.header.started.format("%Y-%m-%d %H:%M UTC").to_string(),
                path,
            });
        }
        Self {
            scenarios,
            plans,
            resumable,
        }
    }
}
