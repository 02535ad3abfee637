//! Scores across every transcript in a folder, oldest first: per phase, per
//! role, and the areas for improvement that keep coming back.

pub mod html;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::replay::Replay;
use crate::report::{self, AfterActionReport};
use crate::text::visible;

#[derive(Debug, Clone, Serialize)]
pub struct Trends {
    pub folder: String,
    /// Oldest first.
    pub runs: Vec<TrendRun>,
    /// Every phase any run was scored on: id and name, in first-seen order.
    pub phases: Vec<Named>,
    pub roles: Vec<Named>,
    /// Areas for improvement found in two or more runs, most frequent first.
    pub recurring: Vec<Recurring>,
    /// Files that could not be read as transcripts, with the reason.
    pub skipped: Vec<Skipped>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TrendRun {
    pub file: String,
    pub scenario: String,
    pub title: String,
    pub plan: String,
    pub started: DateTime<Utc>,
    pub ended: bool,
    pub intact: bool,
    /// Null when nothing in the run was scored.
    pub overall: Option<u32>,
    pub coverage: f64,
    /// Phase id to score (absent: the plan has no such phase; null: not exercised).
    pub phases: BTreeMap<String, Option<f64>>,
    pub roles: BTreeMap<String, Option<f64>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Recurring {
    pub topic: String,
    /// The issue as the latest run words it.
    pub issue: String,
    /// Indices into `runs` where it came up.
    pub runs: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub file: String,
    pub reason: String,
}

/// What trends keep of one run: its numbers and the names it uses, not the
/// whole report, so a folder of long transcripts stays small in memory.
struct Digest {
    run: TrendRun,
    phases: Vec<Named>,
    roles: Vec<Named>,
    /// Areas for improvement by topic, with their titles.
    issues: Vec<(String, String)>,
}

fn digest(r: AfterActionReport) -> Digest {
    Digest {
        run: TrendRun {
            file: r.integrity.file.clone(),
            scenario: r.overview.scenario.clone(),
            title: r.overview.title.clone(),
            plan: r.overview.plan.clone(),
            started: r.overview.started,
            ended: r.overview.ended,
            intact: r.integrity.intact,
            overall: overall(&r.score),
            coverage: r.score.coverage,
            phases: r.phases.iter().map(|p| (p.id.clone(), p.score)).collect(),
            roles: r.roles.iter().map(|x| (x.id.clone(), x.score)).collect(),
        },
        phases: r
            .phases
            .iter()
            .map(|p| Named {
                id: p.id.clone(),
                name: p.name.clone(),
            })
            .collect(),
        roles: r
            .roles
            .iter()
            .map(|x| Named {
                id: x.id.clone(),
                name: x.name.clone(),
            })
            .collect(),
        issues: r
            .improvements
            .iter()
            .filter(|f| !f.topic.starts_with("annotation:"))
            .map(|f| (f.topic.clone(), f.title.clone()))
            .collect(),
    }
}

/// Reads every `*.jsonl` transcript directly in `dir`.
pub fn trends(dir: &Path) -> std::io::Result<Trends> {
    let mut files: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut digests = Vec::new();
    let mut skipped = Vec::new();
    for file in files {
        match Replay::open(&file) {
            Ok(replay) => digests.push(digest(report::build(&replay, replay.engine.plan()))),
            Err(e) => skipped.push(Skipped {
                file: file.display().to_string(),
                reason: visible(&e.to_string()),
            }),
        }
    }
    Ok(assemble(dir, digests, skipped))
}

fn assemble(dir: &Path, mut digests: Vec<Digest>, skipped: Vec<Skipped>) -> Trends {
    digests.sort_by(|a, b| (a.run.started, &a.run.file).cmp(&(b.run.started, &b.run.file)));
    let mut phases: Vec<Named> = Vec::new();
    let mut roles: Vec<Named> = Vec::new();
    // Plans may name the same id differently: then the id is the honest label.
    let note =
        |list: &mut Vec<Named>, named: &Named| match list.iter_mut().find(|x| x.id == named.id) {
            Some(known) if known.name != named.name => known.name = named.id.clone(),
            Some(_) => {}
            None => list.push(named.clone()),
        };
    for d in &digests {
        d.phases.iter().for_each(|p| note(&mut phases, p));
        d.roles.iter().for_each(|r| note(&mut roles, r));
    }
    let mut topics: BTreeMap<&str, Recurring> = BTreeMap::new();
    for (n, d) in digests.iter().enumerate() {
        for (topic, title) in &d.issues {
            let entry = topics.entry(topic).or_insert_with(|| Recurring {
                topic: topic.clone(),
                issue: String::new(),
                runs: Vec::new(),
            });
            entry.issue = title.clone();
            if entry.runs.last() != Some(&n) {
                entry.runs.push(n);
            }
        }
    }
    let mut recurring: Vec<Recurring> =
        topics.into_values().filter(|r| r.runs.len() >= 2).collect();
    recurring.sort_by(|a, b| b.runs.len().cmp(&a.runs.len()).then(a.topic.cmp(&b.topic)));
    Trends {
        folder: dir.display().to_string(),
        runs: digests.into_iter().map(|d| d.run).collect(),
        phases,
        roles,
        recurring,
        skipped,
    }
}

/// The overall score, or `None` when the run scored nothing at all.
pub fn overall(score: &crate::scoring::ScoreReport) -> Option<u32> {
    (score.actions_score.is_some() || score.decisions_score.is_some()).then_some(score.overall)
}
