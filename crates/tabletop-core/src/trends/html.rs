//! Trends as one self-contained HTML page: tables and inline SVG charts.

use maud::{DOCTYPE, PreEscaped, html};

use crate::report::charts::line_chart;
use crate::report::format;
use crate::text::visible;

use super::Trends;

const STYLE: &str = r#"
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f; max-width: 1040px; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; border-bottom: 2px solid #d9d9de; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .6rem 0 1rem; }
th, td { border: 1px solid #d9d9de; padding: .3rem .5rem; text-align: left; }
th { background: #f4f4f6; } td.num { text-align: right; }
.muted, .tick { color: #5f5f66; fill: #5f5f66; } .tick { font-size: 11px; }
svg { font: 12px system-ui, sans-serif; max-width: 100%; height: auto; }
code { font-size: .85em; overflow-wrap: anywhere; }
/* A table with a column per run scrolls in its own box, never the page. */
.scroll { overflow-x: auto; max-width: 100%; }
.scroll table { width: auto; min-width: 100%; }
@media (max-width: 640px) { body { margin: 1rem auto; padding: 0 .6rem; font-size: 14px; } th, td { overflow-wrap: anywhere; } }
@media print { body { margin: 0; max-width: none; } svg, tr { break-inside: avoid; } h2 { break-after: avoid; } .scroll { overflow: visible; } }
"#;

pub fn html(trends: &Trends) -> String {
    let t = trends;
    let labels: Vec<String> = t.runs.iter().map(|r| r.number.to_string()).collect();
    // A line joins only runs of one scenario against one plan.
    let groups: Vec<usize> = t.runs.iter().map(|r| r.group).collect();
    let mut phase_series = vec![(
        "Overall".to_string(),
        t.runs
            .iter()
            .map(|r| r.overall.map(f64::from))
            .collect::<Vec<_>>(),
    )];
    phase_series.extend(t.phases.iter().map(|p| {
        (
            visible(&p.name),
            t.runs
                .iter()
                .map(|r| r.phases.get(&p.id).copied().flatten())
                .collect(),
        )
    }));
    let role_series: Vec<(String, Vec<Option<f64>>)> = t
        .roles
        .iter()
        .map(|role| {
            (
                visible(&role.name),
                t.runs
                    .iter()
                    .map(|r| r.roles.get(&role.id).copied().flatten())
                    .collect(),
            )
        })
        .collect();
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "Exercise trends: " (visible(&t.folder)) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                h1 { "Exercise trends" }
                p.muted { (t.runs.len()) " transcripts in " (visible(&t.folder)) ", oldest first" }
                h2 { "Runs" }
                div.scroll tabindex="0" role="region" aria-label="Runs" {
                table {
                    thead { tr { th scope="col" { "#" } th scope="col" { "Date" } th scope="col" { "Scenario" } th scope="col" { "Plan" } th scope="col" { "File" } th scope="col" { "Overall" } th scope="col" { "Plan tested" } th scope="col" { "Feedback (1–5)" } } }
                    @for r in &t.runs {
                        tr {
                            td.num { (r.number) } td { (r.started.format("%Y-%m-%d")) }
                            td { (visible(&r.title)) @if !r.intact { " (not intact)" } @if !r.ended { " (unfinished)" } }
                            td { (visible(&r.plan)) } td { code { (visible(&file_name(&r.file))) } }
                            td.num { (format::score(r.overall.map(f64::from))) } td.num { (format!("{:.0}%", r.coverage)) }
                            td.num { (feedback(r)) }
                        }
                    }
                }
                }
                h2 { "Score by phase" }
                (line_chart("Overall and phase scores by run", &labels, &groups, &phase_series))
                div.scroll tabindex="0" role="region" aria-label="Scores by phase and run" {
                    table {
                        thead { tr { th scope="col" { "Phase" } @for l in &labels { th scope="col" { "Run " (l) } } } }
                        @for (name, values) in &phase_series {
                            tr { th scope="row" { (name) } @for v in values { td.num { (format::score(*v)) } } }
                        }
                    }
                }
                h2 { "Score by role" }
                (line_chart("Role scores by run", &labels, &groups, &role_series))
                div.scroll tabindex="0" role="region" aria-label="Scores by role and run" {
                    table {
                        thead { tr { th scope="col" { "Role" } @for l in &labels { th scope="col" { "Run " (l) } } } }
                        @for (name, values) in &role_series {
                            tr { th scope="row" { (name) } @for v in values { td.num { (format::score(*v)) } } }
                        }
                    }
                }
                h2 { "Recurring areas for improvement" }
                @if t.recurring.is_empty() {
                    p { "No area for improvement came up in more than one run." }
                } @else {
                    table {
                        thead { tr { th scope="col" { "Issue" } th scope="col" { "What happened" } th scope="col" { "How often" } } }
                        @for rec in &t.recurring {
                            tr {
                                td { (visible(&rec.issue)) }
                                td { (rec.occurrences_text()) }
                                td.num { (rec.occurrences.len()) " of " (t.runs.len()) }
                            }
                        }
                    }
                }
                @if !t.skipped.is_empty() {
                    h2 { "Files left out" }
                    ul { @for s in &t.skipped { li { (visible(&s.file)) ": " (s.reason) } } }
                }
            }
        }
    };
    page.into_string()
}

/// The file's own name: the folder is said once, at the top.
fn file_name(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned())
}

/// The participants' mean rating, or why there is none.
pub fn feedback(run: &super::TrendRun) -> String {
    match (run.feedback, run.feedback_answers) {
        (Some(mean), n) => format!("{mean:.1} ({n})"),
        (None, 0) => "—".to_string(),
        (None, n) => format!("withheld ({n} of 3)"),
    }
}
