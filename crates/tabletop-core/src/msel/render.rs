//! The MSEL for people: Markdown and a self-contained HTML page with the
//! columns controllers and evaluators work from. Text from the scenario is
//! escaped, never markup.

use std::fmt::Write as _;

use maud::{DOCTYPE, PreEscaped, html};

use super::columns::Column;
use super::sheet::Sheet;
use crate::text::visible;

/// The columns a printed MSEL shows, in order.
const SHOWN: [Column; 12] = [
    Column::Number,
    Column::Time,
    Column::ScenarioTime,
    Column::Title,
    Column::From,
    Column::To,
    Column::Method,
    Column::Message,
    Column::Options,
    Column::ExpectedAction,
    Column::Expects,
    Column::Notes,
];

/// Rows of (header, text) for the events (not the scenario row).
fn events(sheet: &Sheet) -> Vec<Vec<(&'static str, String)>> {
    let index = |c: Column| sheet.headers.iter().position(|h| h == c.header());
    let kind = index(Column::Kind);
    sheet
        .rows
        .iter()
        .filter(|r| {
            kind.and_then(|k| r.get(k))
                .is_none_or(|c| c.text() != "scenario")
        })
        .map(|row| {
            let mut cells = Vec::new();
            if let Some(k) = kind
                && row.get(k).is_some_and(|c| c.text() == "wildcard")
            {
                cells.push(("Kind", "Wildcard card (drawn at random)".to_string()));
            }
            for c in SHOWN {
                let text = index(c)
                    .and_then(|i| row.get(i))
                    .map(|cell| cell.text())
                    .unwrap_or_default();
                if !text.is_empty() {
                    cells.push((c.header(), text));
                }
            }
            cells
        })
        .collect()
}

fn md(text: &str) -> String {
    crate::text::markdown_inline(text)
}

/// Markdown: a section per event, a bullet per column (tables of long
/// messages do not read well anywhere).
pub fn markdown(sheet: &Sheet, title: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# MSEL: {}\n", md(title));
    for (n, event) in events(sheet).iter().enumerate() {
        let heading = event
            .iter()
            .find(|(h, _)| *h == Column::Title.header())
            .map_or(format!("Event {}", n + 1), |(_, t)| t.clone());
        let _ = writeln!(out, "## {}. {}\n", n + 1, md(&heading));
        for (header, text) in event.iter().filter(|(h, _)| *h != Column::Title.header()) {
            let lines: Vec<String> = text.lines().map(md).collect();
            let _ = writeln!(out, "- **{header}:** {}", lines.join("  \n  "));
        }
        out.push('\n');
    }
    out
}

const STYLE: &str = r#"
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f; max-width: 960px; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.6rem; }
section { border: 1px solid #d9d9de; border-radius: 6px; padding: .4rem 1rem .8rem; margin: 1rem 0; break-inside: avoid; }
h2 { font-size: 1.1rem; margin: .5rem 0; }
dl { display: grid; grid-template-columns: 11rem 1fr; gap: .2rem 1rem; margin: 0; }
dt { font-weight: 600; color: #4a4a52; }
dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
@media (max-width: 640px) { dl { grid-template-columns: 1fr; } dd { margin-bottom: .4rem; } body { padding: 0 .6rem; } }
@page { margin: 15mm; }
@media print { body { margin: 0; max-width: none; font-size: 10.5pt; } section { border-color: #999; } }
"#;

/// A self-contained page: no scripts, fonts or links to anywhere.
pub fn html_page(sheet: &Sheet, title: &str) -> String {
    let events = events(sheet);
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "MSEL: " (visible(title)) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                main {
                    h1 { "MSEL: " (visible(title)) }
                    @for (n, event) in events.iter().enumerate() {
                        section {
                            h2 {
                                (n + 1) ". "
                                (visible(&event.iter().find(|(h, _)| *h == Column::Title.header()).map_or(String::new(), |(_, t)| t.clone())))
                            }
                            dl {
                                @for (header, text) in event.iter().filter(|(h, _)| *h != Column::Title.header()) {
                                    dt { (header) }
                                    dd { (text.lines().map(visible).collect::<Vec<_>>().join("\n")) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    .into_string()
}
