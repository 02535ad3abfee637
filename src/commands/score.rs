//! `tabletop score TRANSCRIPT [--plan PLAN] [--format text|json]`.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use tabletop::diagnostic::visible;
use tabletop::library::{SearchPath, find_plan};
use tabletop::load_plan;
use tabletop::scoring::{ObligationState, Outcome, Rating, ScoreReport, score};
use tabletop::session::Exercise;
use tabletop::transcript::read_transcript;

use crate::cli::ScoreFormat;

pub fn run(transcript: &Path, plan: Option<&str>, format: ScoreFormat) -> anyhow::Result<ExitCode> {
    let read = match read_transcript(transcript) {
        Ok(read) => read,
        Err(e) => {
            println!("{}", visible(&e.to_string()));
            return Ok(ExitCode::from(1));
        }
    };
    if let Some(damage) = &read.damage {
        eprintln!(
            "tabletop: warning: {}: {damage}; scoring the {} events before it",
            transcript.display(),
            read.records.len()
        );
    }
    let exercise = Exercise::from_header(&read.header).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut engine = exercise.engine(read.header.setup(), read.header.started);
    for record in &read.records {
        engine.apply(record);
    }
    // Another plan (a newer version, say) judges the same events.
    let other;
    let plan = match plan {
        Some(name) => {
            let file = find_plan(name, None, &SearchPath::standard())
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            other = load_plan(&file).map_err(|e| anyhow::anyhow!("{e}"))?.0;
            &other
        }
        None => engine.plan(),
    };
    let report = score(engine.state(), engine.scenario(), plan);
    match format {
        ScoreFormat::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        ScoreFormat::Text => print!("{}", text(&report, &engine.scenario().scenario.title, plan)),
    }
    Ok(ExitCode::SUCCESS)
}

fn text(report: &ScoreReport, title: &str, plan: &tabletop::Plan) -> String {
    let mut out = String::new();
    let number = |v: Option<f64>| v.map_or("—".to_string(), |v| format!("{v:.0}"));
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
        "Overall {}/100   actions {}   decisions {}   coverage {:.0}% of the plan's required weight\n",
        report.overall,
        number(report.actions_score),
        number(report.decisions_score),
        report.coverage
    );
    let _ = writeln!(out, "{:<40} {:>5}  RATING", "PHASE", "SCORE");
    for phase in &report.phases {
        let name = plan
            .phases
            .iter()
            .find(|p| p.id.as_str() == phase.group.id)
            .map_or(phase.group.id.clone(), |p| p.name.clone());
        let rating = match phase.rating {
            Rating::NotExercised => "not exercised".to_string(),
            r => format!("{r:?}"),
        };
        let _ = writeln!(
            out,
            "{:<40} {:>5}  {rating}",
            visible(&name),
            number(phase.group.score)
        );
    }
    let _ = writeln!(
        out,
        "\n{:<34} {:<20} {:<22} {:>7} {:>9}  EVIDENCE",
        "ACTION", "OWNER", "OUTCOME", "POINTS", "MARGIN"
    );
    for a in report
        .actions
        .iter()
        .filter(|a| a.outcome != Outcome::NotExercised)
    {
        let outcome = match a.outcome {
            Outcome::MetByOtherRole | Outcome::MetLateByOtherRole => {
                format!(
                    "{} ({})",
                    outcome_name(a.outcome),
                    a.done_by.as_deref().unwrap_or("?")
                )
            }
            o => outcome_name(o).to_string(),
        };
        let points = if a.possible > 0.0 {
            format!("{}/{}", trim(a.points), trim(a.possible))
        } else {
            "—".into()
        };
        let evidence: Vec<String> = a.evidence.iter().map(|s| format!("#{s}")).collect();
        let _ = writeln!(
            out,
            "{:<34} {:<20} {:<22} {:>7} {:>9}  {}",
            a.action,
            a.owner,
            outcome,
            points,
            a.margin_secs.map_or(String::new(), margin),
            evidence.join(" ")
        );
    }
    let untested = report
        .actions
        .iter()
        .filter(|a| a.outcome == Outcome::NotExercised)
        .count();
    let _ = writeln!(
        out,
        "({untested} plan actions not exercised by this run: not scored)"
    );
    if !report.decisions.is_empty() {
        let _ = writeln!(
            out,
            "\n{:<34} {:<30} {:<12} CREDIT",
            "DECISION", "CHOSEN", "QUALITY"
        );
        for d in &report.decisions {
            let quality = d
                .quality
                .map_or("—".to_string(), |q| format!("{q:?}").to_lowercase());
            let _ = writeln!(
                out,
                "{:<34} {:<30} {:<12} {:.0}%",
                d.inject,
                d.option.as_deref().unwrap_or("no decision"),
                quality,
                d.credit * 100.0
            );
        }
    }
    if !report.obligations.is_empty() {
        let _ = writeln!(
            out,
            "\n{:<24} {:<22} {:<16} {:<12} MARGIN",
            "OBLIGATION", "REGIME", "DUE", "STATUS"
        );
        for o in &report.obligations {
            let status = match o.status {
                ObligationState::Met => "met",
                ObligationState::Missed => "missed",
                ObligationState::OpenAtEnd => "open at end",
            };
            let _ = writeln!(
                out,
                "{:<24} {:<22} {:<16} {:<12} {}",
                o.obligation,
                visible(&o.regime),
                o.due.to_string(),
                status,
                margin(o.margin_secs)
            );
        }
    }
    out
}

fn outcome_name(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Met => "met",
        Outcome::MetLate => "met late",
        Outcome::MetByOtherRole => "other role",
        Outcome::MetLateByOtherRole => "late, other role",
        Outcome::Missed => "MISSED",
        Outcome::Violated => "VIOLATED",
        Outcome::NotExercised => "not exercised",
    }
}

fn trim(v: f64) -> String {
    let text = format!("{v:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `+14m`, `-2h 45m`, `+3d 4h`.
fn margin(secs: i64) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let s = secs.unsigned_abs();
    let (d, h, m) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
    match (d, h) {
        (0, 0) => format!("{sign}{m}m"),
        (0, _) => format!("{sign}{h}h {m}m"),
        _ => format!("{sign}{d}d {h}h"),
    }
}
