//! A printed document as plain structure, and its Markdown and HTML forms.
//! Every text is untrusted (it comes from scenario and plan files): Markdown
//! escapes it, maud escapes it, and both show control characters visibly.

use std::fmt::Write as _;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::text::{verbatim_lines, visible};

pub struct Doc {
    pub title: String,
    /// Who it is for and what it holds, under the title.
    pub subtitle: String,
    pub sections: Vec<Section>,
}

pub struct Section {
    pub heading: String,
    pub blocks: Vec<Block>,
}

pub enum Block {
    Para(String),
    /// A paragraph set apart: a warning or a rule.
    Note(String),
    Bullets(Vec<String>),
    /// Label and value pairs.
    Facts(Vec<(String, String)>),
    /// Text kept as written, in a frame (artefacts: logs, emails).
    Verbatim {
        title: String,
        text: String,
    },
    Table {
        headers: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// Room to write by hand: a label and ruled lines.
    WriteIn {
        label: String,
        lines: usize,
    },
    Sub {
        heading: String,
        blocks: Vec<Block>,
    },
}

impl Section {
    pub fn new(heading: impl Into<String>, blocks: Vec<Block>) -> Self {
        Self {
            heading: heading.into(),
            blocks,
        }
    }
}

fn md(text: &str) -> String {
    crate::text::markdown_inline(text)
}

/// Prose keeps its paragraphs; each line is escaped.
fn md_prose(text: &str) -> String {
    crate::text::paragraphs(text)
        .iter()
        .map(|p| md(p))
        .collect::<Vec<_>>()
        .join("\n\n")
}

pub fn markdown(doc: &Doc) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n\n_{}_\n", md(&doc.title), md(&doc.subtitle));
    for section in &doc.sections {
        let _ = writeln!(out, "## {}\n", md(&section.heading));
        for block in &section.blocks {
            md_block(&mut out, block, 3);
        }
    }
    out
}

fn md_block(out: &mut String, block: &Block, level: usize) {
    match block {
        Block::Para(text) => {
            let _ = writeln!(out, "{}\n", md_prose(text));
        }
        Block::Note(text) => {
            let _ = writeln!(out, "> {}\n", md(text));
        }
        Block::Bullets(items) => {
            for item in items {
                let _ = writeln!(out, "- {}", md(item));
            }
            out.push('\n');
        }
        Block::Facts(facts) => {
            for (label, value) in facts {
                let _ = writeln!(out, "- **{}:** {}", md(label), md(value));
            }
            out.push('\n');
        }
        Block::Verbatim { title, text } => {
            let _ = writeln!(out, "**{}**\n", md(title));
            // Indented code keeps the layout; backticks in the text cannot end it.
            for line in verbatim_lines(text) {
                let _ = writeln!(out, "    {line}");
            }
            out.push('\n');
        }
        Block::Table { headers, rows } => {
            let _ = writeln!(
                out,
                "| {} |",
                headers
                    .iter()
                    .map(|h| md(h))
                    .collect::<Vec<_>>()
                    .join(" | ")
            );
            let _ = writeln!(out, "|{}", " --- |".repeat(headers.len()));
            for row in rows {
                let _ = writeln!(
                    out,
                    "| {} |",
                    row.iter().map(|c| md(c)).collect::<Vec<_>>().join(" | ")
                );
            }
            out.push('\n');
        }
        Block::WriteIn { label, lines } => {
            let _ = writeln!(out, "**{}:**\n", md(label));
            for _ in 0..*lines {
                let _ = writeln!(
                    out,
                    "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\n"
                );
            }
        }
        Block::Sub { heading, blocks } => {
            let _ = writeln!(out, "{} {}\n", "#".repeat(level), md(heading));
            for b in blocks {
                md_block(out, b, (level + 1).min(6));
            }
        }
    }
}

const STYLE: &str = r#"
:root { --ink: #1d1d1f; --muted: #55555c; --line: #c9c9cf; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); max-width: 900px; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; }
.subtitle { color: var(--muted); margin-top: 0; }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
h4 { font-size: .98rem; margin: 1rem 0 .3rem; }
p, li, dd { overflow-wrap: anywhere; }
.note { border-left: 4px solid #8a5000; padding: .2rem .8rem; background: #fbf6ee; }
dl { display: grid; grid-template-columns: 10rem 1fr; gap: .15rem 1rem; margin: .4rem 0 .8rem; }
dt { font-weight: 600; color: var(--muted); }
dd { margin: 0; }
figure { margin: .6rem 0 1rem; border: 1px solid var(--line); border-radius: 6px; padding: .4rem .8rem; }
figcaption { font-weight: 600; font-size: .9rem; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: .85rem; margin: .3rem 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; table-layout: fixed; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f1f1f4; }
.write-in { margin: .6rem 0 1rem; }
.write-in .rule { border-bottom: 1px solid var(--ink); height: 1.9rem; }
section.inject { border-top: 1px solid var(--line); }
@media (max-width: 640px) {
  body { margin: 1rem auto; padding: 0 .6rem; font-size: 14px; }
  dl { grid-template-columns: 1fr; }
  dd { margin-bottom: .3rem; }
  table { font-size: .8rem; }
}
@page { margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2, h3, h4 { break-after: avoid; }
  figure, tr, .write-in, dl { break-inside: avoid; }
  thead { display: table-header-group; }
  .note { background: none; }
}
"#;

/// A self-contained page: no scripts, fonts or links to elsewhere; prints on
/// A4 and Letter alike.
pub fn html_page(doc: &Doc) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (visible(&doc.title)) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                main {
                    h1 { (visible(&doc.title)) }
                    p.subtitle { (visible(&doc.subtitle)) }
                    @for section in &doc.sections {
                        section {
                            h2 { (visible(&section.heading)) }
                            @for block in &section.blocks { (html_block(block, 3)) }
                        }
                    }
                }
            }
        }
    }
    .into_string()
}

fn html_block(block: &Block, level: u8) -> Markup {
    match block {
        Block::Para(text) => html! {
            @for p in crate::text::paragraphs(text) { p { (p) } }
        },
        Block::Note(text) => html! { p.note { (visible(text)) } },
        Block::Bullets(items) => html! {
            ul { @for i in items { li { (visible(i)) } } }
        },
        Block::Facts(facts) => html! {
            dl { @for (l, v) in facts { dt { (visible(l)) } dd { (visible(v)) } } }
        },
        Block::Verbatim { title, text } => html! {
            figure {
                figcaption { (visible(title)) }
                pre { (verbatim_lines(text).join("\n")) }
            }
        },
        Block::Table { headers, rows } => html! {
            table {
                thead { tr { @for h in headers { th scope="col" { (visible(h)) } } } }
                tbody { @for row in rows { tr { @for c in row { td { (visible(c)) } } } } }
            }
        },
        Block::WriteIn { label, lines } => html! {
            div.write-in {
                p { strong { (visible(label)) } }
                @for _ in 0..*lines { div.rule {} }
            }
        },
        Block::Sub { heading, blocks } => html! {
            section.inject {
                @match level {
                    3 => h3 { (visible(heading)) },
                    _ => h4 { (visible(heading)) },
                }
                @for b in blocks { (html_block(b, level + 1)) }
            }
        },
    }
}
