//! `tabletop score TRANSCRIPT [--plan PLAN] [--format text|json]`.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use tabletop_core::library::{SearchPath, find_plan};
use tabletop_core::replay::Replay;
use tabletop_core::report::format::{self, margin};
use tabletop_core::scoring::{Outcome, ScoreReport, score};
use tabletop_core::text::visible;
use tabletop_core::{Plan, load_plan};

use crate::cli::ScoreFormat;

/// Replays a transcript and loads the other plan if one is named.
pub fn open_scored(
    transcript: &Path,
    plan: Option<&str>,
) -> anyhow::Result<(Replay, Option<Plan>)> {
    let replay = Replay::open(transcript)?;
    if let Some(damage) = &replay.read.damage {
        eprintln!(
            "tabletop: warning: {}: {}; using the {} events before it",
            visible(&transcript.display().to_string()),
            visible(&damage.to_string()),
            replay.read.records.len()
        );
    }
    // Another plan (a newer version, say) judges the same events.
    let other = match plan {
        Some(name) => {
            let file = find_plan(name, None, &SearchPath::standard())?;
            Some(load_plan(&file)?.0)
        }
        None => None,
    };
    Ok((replay, other))
}

pub fn run(transcript: &Path, plan: Option<&str>, format: ScoreFormat) -> anyhow::Result<ExitCode> {
    let (replay, other) = open_scored(transcript, plan)?;
    let engine = &replay.engine;
    let plan = other.as_ref().unwrap_or(engine.plan());
    let report = score(engine.state(), engine.scenario(), plan);
    match format {
        ScoreFormat::Json => println!("{}", tabletop_core::json_output::to_string_pretty(&report)?),
        ScoreFormat::Text => print!("{}", text(&report, &engine.scenario().scenario.title, plan)),
    }
    Ok(ExitCode::SUCCESS)
}

/// The score as a table for the terminal.
pub fn text(report: &ScoreReport, title: &str, plan: &Plan) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} — against {} ({}, version {})",
        visible(title),
        plan.plan.id.as_str(),
        visible(&plan.plan.organisation),
        visible(&plan.plan.version)
    );
    let _ = writeln!(
        out,
        "Overall {}   actions {}   decisions {}   coverage {:.0}% of the plan's required weight\n",
        format::overall_of_100(report),
        format::score(report.actions_score),
        format::score(report.decisions_score),
        report.coverage
    );
    if !report.uncovered.is_empty() {
        let _ = writeln!(
            out,
            "Not covered by this plan, so not scored: {}\n",
            visible(&report.uncovered.join(", "))
        );
    }
    let _ = writeln!(out, "{:<40} {:>5}  RATING", "PHASE", "SCORE");
    for phase in &report.phases {
        let name = plan.phase_name(&phase.group.id);
        let _ = writeln!(
            out,
            "{:<40} {:>5}  {} {}",
            visible(name),
            format::score(phase.group.score),
            format::rating(phase.rating),
            format::rating_meaning(phase.rating)
        );
    }
    let _ = writeln!(
        out,
        "\n{:<30} {:<19} {:<22} {:<19} {:>7} {:>8}  EVIDENCE",
        "ACTION", "OWNER", "OUTCOME", "DONE BY", "POINTS", "MARGIN"
    );
    for a in report
        .actions
        .iter()
        .filter(|a| a.outcome != Outcome::NotExercised)
    {
        let points = format::action_points(a);
        let _ = writeln!(
            out,
            "{:<30} {:<19} {:<22} {:<19} {:>7} {:>8}  {}",
            a.action,
            a.owner,
            a.verdict().label(),
            visible(a.done_by.as_deref().unwrap_or("—")),
            points,
            a.margin_secs.map_or(String::new(), margin),
            format::evidence(&a.evidence)
        );
    }
    let untested = report
        .actions
        .iter()
        .filter(|a| a.outcome == Outcome::NotExercised)
        .count();
    let _ = writeln!(
        out,
        "({untested} plan action{} not exercised by this run: not scored)",
        if untested == 1 { "" } else { "s" }
    );
    if !report.decisions.is_empty() {
        let _ = writeln!(
            out,
            "\n{:<30} {:<30} {:<12} CREDIT  EVIDENCE",
            "DECISION", "CHOSEN", "QUALITY"
        );
        for d in &report.decisions {
            let _ = writeln!(
                out,
                "{:<30} {:<30} {:<12} {:>5.0}%  {}",
                d.inject,
                visible(d.option.as_deref().unwrap_or("no decision")),
                format::quality(d.quality),
                d.credit * 100.0,
                format::evidence(&d.evidence)
            );
        }
    }
    if !report.obligations.is_empty() {
        let _ = writeln!(
            out,
            "\n{:<24} {:<22} {:<14} {:<14} {:<12} {:>8}  EVIDENCE",
            "OBLIGATION", "REGIME", "DUE", "DONE", "STATUS", "MARGIN"
        );
        for o in &report.obligations {
            let _ = writeln!(
                out,
                "{:<24} {:<22} {:<14} {:<14} {:<12} {:>8}  {}",
                o.obligation,
                visible(&o.regime),
                o.due.to_string(),
                o.met_at.map_or("—".to_string(), |t| t.to_string()),
                o.status.label(),
                margin(o.margin_secs),
                format::evidence(&o.evidence)
            );
        }
    }
    out
}
