//! `tabletop report TRANSCRIPT [--plan PLAN] [--format md|html|json] [-o FILE]`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use tabletop_core::annotations::{AnnotationStore, Attachment};
use tabletop_core::private_file::write_private;
use tabletop_core::report;
use tabletop_core::text::visible;

use super::score::open_scored;
use crate::cli::{AudienceArg, ReportFormat};

pub fn run(
    transcript: &Path,
    plan: Option<&str>,
    format: Option<ReportFormat>,
    output: Option<&Path>,
    anonymous: bool,
    audience: AudienceArg,
) -> anyhow::Result<ExitCode> {
    let format = format.unwrap_or_else(|| {
        match output
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("html" | "htm") => ReportFormat::Html,
            Some("json") => ReportFormat::Json,
            _ => ReportFormat::Md,
        }
    });
    if let Some(out) = output
        && same_file(out, transcript)
    {
        eprintln!(
            "tabletop: {} is the transcript itself; write the report to another file",
            visible(&out.display().to_string())
        );
        return Ok(ExitCode::from(2));
    }
    let (replay, plan) = open_scored(transcript, plan)?;
    // Trainers' annotations come with the transcript when there are any.
    let store = AnnotationStore::load(transcript)?;
    for problem in &store.problems {
        eprintln!(
            "tabletop: warning: {}: {problem}",
            visible(&store.path().display().to_string())
        );
    }
    let annotations = store.check(|seq| replay.read.line_hash(seq));
    for (a, attachment) in &annotations {
        if let Attachment::Detached(why) = attachment {
            eprintln!("tabletop: warning: annotation {} is left out: {why}", a.id);
        }
    }
    let options = report::ReportOptions {
        anonymous,
        audience: match audience {
            AudienceArg::Facilitator => report::Audience::Facilitator,
            AudienceArg::Team => report::Audience::Team,
            AudienceArg::Public => report::Audience::Public,
        },
        annotations: annotations
            .into_iter()
            .filter(|(_, attachment)| *attachment == Attachment::Attached)
            .map(|(a, _)| a)
            .collect(),
        feedback: tabletop_core::seats::feedback::read_feedback(transcript).unwrap_or_else(|e| {
            eprintln!("tabletop: warning: the participants' feedback is left out: {e}");
            Vec::new()
        }),
    };
    let report = report::build_with(
        &replay,
        plan.as_ref().unwrap_or(replay.engine.plan()),
        &options,
    );
    let text = match format {
        ReportFormat::Md => report::markdown(&report),
        ReportFormat::Html => report::html(&report),
        ReportFormat::Json => tabletop_core::json_output::to_string_pretty(&report)? + "\n",
    };
    match output {
        Some(path) => {
            write_private(path, text.as_bytes())
                .with_context(|| format!("could not write {}", path.display()))?;
            eprintln!(
                "tabletop: wrote the report to {}",
                visible(&path.display().to_string())
            );
        }
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
