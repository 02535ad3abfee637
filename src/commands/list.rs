//! `tabletop list`: the scenarios that can be run, one line each.

use std::collections::HashSet;
use std::process::ExitCode;

use serde::Serialize;
use tabletop_core::DocumentKind;
use tabletop_core::library::{SearchPath, discover};
use tabletop_core::load::parse_scenario;
use tabletop_core::scenario::ScenarioSummary;
use tabletop_core::text::visible;

#[derive(Serialize)]
struct Listed {
    #[serde(flatten)]
    summary: ScenarioSummary,
    path: String,
    origin: String,
}

pub fn run(json: bool) -> anyhow::Result<ExitCode> {
    let (found, unreadable) = discover(&SearchPath::standard());
    let mut seen = HashSet::new();
    let mut listed = Vec::new();
    let mut skipped = Vec::new();
    for file in found
        .into_iter()
        .filter(|f| f.kind == DocumentKind::Scenario)
    {
        match parse_scenario(&file.source) {
            // The first file with an id wins, so a local copy shadows the bundled one.
            Ok(scenario) if seen.insert(scenario.scenario.id.to_string()) => listed.push(Listed {
                summary: ScenarioSummary::of(&scenario),
                path: file.source.name.clone(),
                origin: file.origin.to_string(),
            }),
            Ok(_) => {}
            Err(problems) => {
                let invalid = tabletop_core::InvalidFile::new(file.source.clone(), problems);
                skipped.push((file.source.name.clone(), invalid.first_problem()));
            }
        }
    }
    skipped.extend(
        unreadable
            .iter()
            .map(|invalid| (invalid.file.name.clone(), invalid.first_problem())),
    );

    if json {
        println!("{}", tabletop_core::json_output::to_string_pretty(&listed)?);
    } else {
        print_table(&listed);
    }
    for (name, why) in skipped {
        eprintln!(
            "tabletop: skipped {}: {} (`tabletop validate {}` shows every problem)",
            visible(&name),
            why,
            visible(&name)
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn print_table(listed: &[Listed]) {
    let id_width = listed
        .iter()
        .map(|l| l.summary.id.chars().count())
        .max()
        .unwrap_or(2)
        .max(2);
    println!(
        "{:id_width$}  {:>4}  {:>7}  {:>9}  {:40}  PATH",
        "ID", "MIN", "INJECTS", "DECISIONS", "TITLE"
    );
    for l in listed {
        let s = &l.summary;
        println!(
            "{:id_width$}  {:>4}  {:>7}  {:>9}  {:40}  {}",
            visible(&s.id),
            s.minutes,
            s.injects,
            s.decisions,
            clip(&visible(&s.title), 40),
            visible(&l.path)
        );
    }
}

fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut out: String = text.chars().take(width - 1).collect();
    out.push('…');
    out
}
