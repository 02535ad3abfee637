//! Scores across every transcript in a folder, oldest first: per phase, per
//! role, and the areas for improvement that keep coming back.

pub mod html;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::plan::Plan;
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
    /// Its number in every view, from 1, oldest first.
    pub number: usize,
    pub file: String,
    /// Runs of the same scenario against the same plan share a group (from
    /// 1); a chart's line joins only runs of one group.
    pub group: usize,
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
    /// The participants' mean rating of the objectives (1 to 5), from their
    /// anonymous feedback; null until at least three answered.
    pub feedback: Option<f64>,
    /// How many answered the feedback form.
    pub feedback_answers: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Recurring {
    /// What it is about across runs: a standard action, a regime's clock, a
    /// decision of one scenario, a phase of one plan.
    pub topic: String,
    /// What it is about, in words (the latest run's).
    pub issue: String,
    /// Each run it came up in, and what happened there.
    pub occurrences: Vec<Occurrence>,
}

impl Recurring {
    /// Where it came up and what happened, as every view writes it:
    /// `run 2 late, run 3 other role`.
    pub fn occurrences_text(&self) -> String {
        self.occurrences
            .iter()
            .map(|o| format!("run {} {}", o.run, visible(&o.what)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Occurrence {
    /// The run's number, as in `runs`.
    pub run: usize,
    /// What happened in that run: "late", "missed", "other role", ...
    pub what: String,
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
    /// Areas for improvement: the key that merges them across runs, what it
    /// is about, and what happened in this run.
    issues: Vec<Issue>,
}

struct Issue {
    key: String,
    about: String,
    what: String,
}

fn digest(r: AfterActionReport, plan: &Plan) -> Digest {
    let issues = r
        .improvements
        .iter()
        .filter(|f| !f.topic.starts_with("annotation:"))
        .map(|f| issue(f, &r, plan))
        .collect();
    Digest {
        run: TrendRun {
            number: 0,
            // The file's name: the folder is named once, by its own name.
            file: std::path::Path::new(&r.integrity.file)
                .file_name()
                .map_or_else(
                    || r.integrity.file.clone(),
                    |n| n.to_string_lossy().into_owned(),
                ),
            group: 0,
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
            feedback: r
                .participant_feedback
                .as_ref()
                .and_then(|f| f.overall_mean()),
            feedback_answers: match &r.participant_feedback {
                None => 0,
                Some(crate::seats::FeedbackSummary::Withheld { answers })
                | Some(crate::seats::FeedbackSummary::Shown { answers, .. }) => *answers,
            },
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
        issues,
    }
}

/// How a finding is known across runs, and what happened in this one.
/// Actions of different plans merge only through the standard vocabulary,
/// clocks only within one regime, decisions only within one scenario.
fn issue(f: &crate::report::Finding, r: &AfterActionReport, plan: &Plan) -> Issue {
    let (kind, id) = f.topic.split_once(':').unwrap_or(("other", &f.topic));
    match kind {
        "action" => {
            let action = plan.action(id);
            let standard = action
                .and_then(|a| a.implements.as_ref().map(|i| i.to_string()))
                .unwrap_or_else(|| id.to_string());
            let score = r.score.actions.iter().find(|a| a.action == id);
            Issue {
                key: format!("action:{standard}"),
                about: action.map_or_else(|| f.title.clone(), |a| a.title.clone()),
                what: score.map_or_else(|| f.title.clone(), |a| a.verdict().label().to_string()),
            }
        }
        "obligation" => {
            let clock = r.score.obligations.iter().find(|o| o.obligation == id);
            let regime = clock.map_or(id, |o| o.regime.as_str());
            Issue {
                key: format!("obligation:{regime}"),
                about: format!("{regime} clock"),
                what: clock.map_or_else(|| f.title.clone(), |o| o.status.label().to_string()),
            }
        }
        "decision" => Issue {
            key: format!("decision:{}:{id}", r.overview.scenario),
            about: f.title.clone(),
            what: f.title.clone(),
        },
        _ => Issue {
            key: format!("{kind}:{}:{id}", r.overview.plan),
            about: f.title.clone(),
            what: f.title.clone(),
        },
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
            Ok(replay) => {
                let plan = replay.engine.plan();
                let options = report::ReportOptions {
                    feedback: crate::seats::feedback::read_feedback(&file).unwrap_or_default(),
                    ..Default::default()
                };
                digests.push(digest(report::build_with(&replay, plan, &options), plan));
            }
            Err(e) => skipped.push(Skipped {
                file: file.file_name().map_or_else(
                    || file.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                ),
                reason: visible(&e.to_string()),
            }),
        }
    }
    Ok(assemble(dir, digests, skipped))
}

fn assemble(dir: &Path, mut digests: Vec<Digest>, skipped: Vec<Skipped>) -> Trends {
    digests.sort_by(|a, b| (a.run.started, &a.run.file).cmp(&(b.run.started, &b.run.file)));
    let mut groups: Vec<(String, String)> = Vec::new();
    for (n, d) in digests.iter_mut().enumerate() {
        d.run.number = n + 1;
        let pair = (d.run.scenario.clone(), d.run.plan.clone());
        d.run.group = match groups.iter().position(|g| *g == pair) {
            Some(g) => g + 1,
            None => {
                groups.push(pair);
                groups.len()
            }
        };
    }
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
    for d in &digests {
        for issue in &d.issues {
            let entry = topics.entry(&issue.key).or_insert_with(|| Recurring {
                topic: issue.key.clone(),
                issue: String::new(),
                occurrences: Vec::new(),
            });
            entry.issue = issue.about.clone();
            if entry
                .occurrences
                .last()
                .is_none_or(|o| o.run != d.run.number)
            {
                entry.occurrences.push(Occurrence {
                    run: d.run.number,
                    what: issue.what.clone(),
                });
            }
        }
    }
    let mut recurring: Vec<Recurring> = topics
        .into_values()
        .filter(|r| r.occurrences.len() >= 2)
        .collect();
    recurring.sort_by(|a, b| {
        b.occurrences
            .len()
            .cmp(&a.occurrences.len())
            .then(a.topic.cmp(&b.topic))
    });
    Trends {
        // The folder's own name: a full path can name a person (a home
        // folder) and says nothing the reader needs.
        folder: dir
            .canonicalize()
            .ok()
            .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| dir.display().to_string()),
        runs: digests.into_iter().map(|d| d.run).collect(),
        phases,
        roles,
        recurring,
        skipped,
    }
}

/// The overall score, or `None` when the run scored nothing at all.
pub fn overall(score: &crate::scoring::ScoreReport) -> Option<u32> {
    score.overall_score()
}
