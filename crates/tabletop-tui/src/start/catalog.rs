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

#[derive(Default)]
pub struct Catalog {
    pub scenarios: Vec<ScenarioEntry>,
    pub plans: Vec<PlanEntry>,
    /// Interrupted runs first, then the rest; newest first within each.
    pub saved: Vec<SavedRun>,
    /// Files in the scenario folders that could not be offered: the file's
    /// name and why (its first problem, located).
    pub skipped: Vec<(String, String)>,
}

impl Catalog {
    /// Scenarios, plans and the saved exercises in `transcripts`, at once.
    #[cfg(test)]
    pub fn gather(search: &SearchPath, transcripts: &Path) -> Self {
        let mut catalog = Self::scenarios_and_plans(search);
        catalog.saved = saved_runs(transcripts);
        catalog
    }

    /// Scenarios and plans only: quick, so the first frame does not wait
    /// for the saved exercises, which are read in full (see [`saved_runs`]).
    pub fn scenarios_and_plans(search: &SearchPath) -> Self {
        let (mut found, unusable) = discover(search);
        let mut skipped: Vec<(String, String)> = unusable
            .iter()
            .map(|f| (f.file.name.clone(), f.first_problem()))
            .collect();
        // A copy of a bundled file (the project's own scenarios/ folder) says
        // nothing new: drop it before paying for the parse.
        let mut seen = std::collections::HashSet::new();
        found.retain(|f| seen.insert(f.source.text.clone()));
        let parsed = parse_all(found);
        let mut scenarios: Vec<ScenarioEntry> = Vec::new();
        let mut plans: Vec<PlanEntry> = Vec::new();
        // In search order: the first file with an id wins.
        for entry in parsed {
            match entry {
                Parsed::Skipped(name, why) => skipped.push((name, why)),
                Parsed::Scenario(entry) => {
                    if !scenarios.iter().any(|s| s.summary.id == entry.summary.id) {
                        scenarios.push(entry);
                    }
                }
                Parsed::Plan(entry) => {
                    if !plans.iter().any(|p| p.id == entry.id) {
                        plans.push(entry);
                    }
                }
            }
        }
        // The tutorial first: it is where a new facilitator starts.
        scenarios.sort_by_key(|s| (s.summary.id != "tutorial", s.summary.id.clone()));
        Self {
            scenarios,
            plans,
            saved: Vec::new(),
            skipped,
        }
    }
}

enum Parsed {
    Scenario(ScenarioEntry),
    Plan(PlanEntry),
    Skipped(String, String),
}

/// Parses every file, spread over the machine's cores (parsing is most of
/// the start screen's launch), keeping the order they were found in.
fn parse_all(found: Vec<tabletop_core::library::FoundFile>) -> Vec<Parsed> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let chunk = found.len().div_ceil(threads).max(1);
    let mut found = found;
    let mut chunks = Vec::new();
    while !found.is_empty() {
        let rest = found.split_off(chunk.min(found.len()));
        chunks.push(std::mem::replace(&mut found, rest));
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|files| scope.spawn(move || files.into_iter().map(parse_one).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

fn parse_one(file: tabletop_core::library::FoundFile) -> Parsed {
    let skipped = |file: &tabletop_core::library::FoundFile, problems| {
        let invalid = tabletop_core::InvalidFile::new(file.source.clone(), problems);
        Parsed::Skipped(file.source.name.clone(), invalid.first_problem())
    };
    match file.kind {
        DocumentKind::Scenario => {
            let scenario = match parse_scenario(&file.source) {
                Ok(scenario) => scenario,
                Err(problems) => return skipped(&file, problems),
            };
            Parsed::Scenario(ScenarioEntry {
                summary: ScenarioSummary::of(&scenario),
                roles: scenario
                    .scenario
                    .roles
                    .iter()
                    .map(|r| r.to_string())
                    .collect(),
                source: file.source,
            })
        }
        DocumentKind::Plan => {
            let plan = match parse_plan(&file.source) {
                Ok(plan) => plan,
                Err(problems) => return skipped(&file, problems),
            };
            Parsed::Plan(PlanEntry {
                id: plan.plan.id.to_string(),
                title: format!("{} ({})", plan.plan.organisation, plan.plan.version),
                source: file.source,
            })
        }
        DocumentKind::Script => skipped(&file, vec![tabletop_core::document::not_a_document()]),
    }
}

/// The exercises saved in `transcripts`, each read and checked in full to
/// tell an interrupted one from an ended, damaged or running one:
/// interrupted first, newest first within each group.
pub fn saved_runs(transcripts: &Path) -> Vec<SavedRun> {
    {
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
        saved
    }
}
