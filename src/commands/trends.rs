//! `tabletop trends DIR [--format text|json|html] [-o FILE]`.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use tabletop_core::private_file::write_private;
use tabletop_core::text::visible;
use tabletop_core::trends::{self, html as trends_html};

use crate::cli::TrendsFormat;
use tabletop_tui::theme::Theme;

pub fn run(dir: &Path, format: TrendsFormat, output: Option<&Path>) -> anyhow::Result<ExitCode> {
    let t = trends::trends(dir).with_context(|| format!("could not read {}", dir.display()))?;
    if t.runs.is_empty() {
        eprintln!(
            "tabletop: no transcript in {} (looked for *.jsonl){}",
            visible(&dir.display().to_string()),
            if t.skipped.is_empty() {
                String::new()
            } else {
                format!("; {} files could not be read", t.skipped.len())
            }
        );
        return Ok(ExitCode::from(1));
    }
    let to_terminal = output.is_none() && std::io::stdout().is_terminal();
    let text = match format {
        TrendsFormat::Json => tabletop_core::json_output::to_string_pretty(&t)? + "\n",
        TrendsFormat::Html => trends_html::html(&t),
        TrendsFormat::Text => {
            let width = if to_terminal {
                ratatui::crossterm::terminal::size().map_or(100, |(w, _)| w)
            } else {
                100
            }
            .clamp(80, 200);
            let theme = if to_terminal {
                Theme::from_env()
            } else {
                Theme::plain()
            };
            let mut buf = Buffer::empty(Rect::new(0, 0, width, tabletop_tui::trends::height(&t)));
            tabletop_tui::trends::render(buf.area, &mut buf, &t, theme);
            tabletop_tui::trends::to_text(
                &buf,
                to_terminal && std::env::var_os("NO_COLOR").is_none(),
            )
        }
    };
    match output {
        Some(path) => {
            write_private(path, text.as_bytes())
                .with_context(|| format!("could not write {}", path.display()))?;
            eprintln!(
                "tabletop: wrote the trends of {} transcripts to {}",
                t.runs.len(),
                visible(&path.display().to_string())
            );
        }
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}
