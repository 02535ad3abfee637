//! `tabletop handout`: the participants' situation manual, the facilitator's
//! guide or the evaluators' guide, as Markdown or a printable page.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use tabletop_core::handout::{self, Reader};
use tabletop_core::library::{SearchPath, load_exercise};
use tabletop_core::private_file::write_private;
use tabletop_core::text::visible;

use crate::cli::{HandoutFormat, HandoutReader};

pub fn run(
    scenario: &str,
    reader: HandoutReader,
    plan: Option<&str>,
    format: Option<HandoutFormat>,
    output: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let exercise = load_exercise(scenario, plan, &SearchPath::standard())?;
    let reader = match reader {
        HandoutReader::Participant => Reader::Participant,
        HandoutReader::Facilitator => Reader::Facilitator,
        HandoutReader::Evaluator => Reader::Evaluator,
    };
    let doc = handout::build(&exercise.scenario, &exercise.plan, reader);
    let format = format.unwrap_or_else(|| {
        match output.and_then(|o| o.extension()).and_then(|e| e.to_str()) {
            Some("html" | "htm") => HandoutFormat::Html,
            _ => HandoutFormat::Md,
        }
    });
    let text = match format {
        HandoutFormat::Html => handout::html_page(&doc),
        HandoutFormat::Md => handout::markdown(&doc),
    };
    match output {
        Some(path) => {
            write_private(path, text.as_bytes())
                .with_context(|| format!("could not write {}", path.display()))?;
            eprintln!(
                "tabletop: wrote the handout to {}",
                visible(&path.display().to_string())
            );
        }
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}
