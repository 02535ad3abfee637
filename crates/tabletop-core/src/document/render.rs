//! Diagnostics rendered the way compilers do: `path:line:col: error: message`,
//! the source line, a marker, a hint.

use std::fmt::Write as _;

use super::SourceFile;
use super::diagnostic::{Diagnostic, Severity};
use crate::text::visible;

impl Diagnostic {
    /// 1-based line and column of the start of the span (columns count characters).
    pub fn line_col(&self, source: &SourceFile) -> (usize, usize) {
        source.line_col(self.span.as_ref().map_or(0, |s| s.start))
    }

    /// Renders for a terminal or a log, without colour. Text from the file is
    /// shown with control characters made visible, so it cannot drive the terminal.
    pub fn render(&self, source: &SourceFile) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let message = visible(&self.message);
        let help = self.help.as_deref().map(visible);
        let name = visible(&source.name);
        let mut out = String::new();
        let Some(span) = &self.span else {
            let _ = writeln!(out, "{name}: {kind}: {message}");
            if let Some(help) = help {
                let _ = writeln!(out, "  = help: {help}");
            }
            return out;
        };
        let (line, col) = source.line_col(span.start);
        let _ = writeln!(out, "{name}:{line}:{col}: {kind}: {message}");
        let text = source.line_text(line);
        let line_chars = text.chars().count();
        let marker_len = if source.line_col(span.end).0 == line {
            source.line_col(span.end).1.saturating_sub(col).max(1)
        } else {
            (line_chars + 1).saturating_sub(col).max(1)
        };
        let (shown, marker_at, marker_len) = window(text, col - 1, marker_len);
        let gutter = line.to_string().len();
        let _ = writeln!(out, "{:gutter$} |", "");
        let _ = writeln!(out, "{line} | {shown}");
        let _ = writeln!(
            out,
            "{:gutter$} | {}{}",
            "",
            " ".repeat(marker_at),
            "^".repeat(marker_len)
        );
        if let Some(help) = help {
            let _ = writeln!(out, "{:gutter$} = help: {help}", "");
        }
        out
    }
}

/// Widest source excerpt shown; long lines are cut around the marker.
const EXCERPT_CHARS: usize = 100;

/// The part of `text` to show, where the marker starts in it, and how long it is.
fn window(text: &str, start: usize, len: usize) -> (String, usize, usize) {
    let chars: Vec<char> = visible(text).chars().collect();
    if chars.len() <= EXCERPT_CHARS {
        return (chars.into_iter().collect(), start, len);
    }
    let from = start.saturating_sub(EXCERPT_CHARS / 4);
    let to = (from + EXCERPT_CHARS).min(chars.len());
    let mut shown = String::new();
    let mut offset = 0;
    if from > 0 {
        shown.push('…');
        offset = 1;
    }
    shown.extend(&chars[from..to]);
    if to < chars.len() {
        shown.push('…');
    }
    let marker_len = len.min(to.saturating_sub(start)).max(1);
    (shown, start - from + offset, marker_len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_line_marker_and_help() {
        let source = SourceFile::new("x.toml", "[scenario]\ntitel = \"A\"\n");
        let d = Diagnostic::error("unknown key `titel`", 11..16).with_help("did you mean `title`?");
        assert_eq!(
            d.render(&source),
            "x.toml:2:1: error: unknown key `titel`\n  |\n2 | titel = \"A\"\n  | ^^^^^\n  = help: did you mean `title`?\n"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_marker() {
        let text = format!("x = \"{}\" # {}", "a".repeat(300), "b".repeat(300));
        let source = SourceFile::new("x.toml", text);
        let rendered = Diagnostic::error("here", 305..306).render(&source);
        let excerpt = rendered.lines().nth(2).unwrap();
        assert!(excerpt.chars().count() < 120, "{excerpt}");
        let marker = rendered.lines().nth(3).unwrap();
        let caret = marker.find('^').unwrap();
        assert_eq!(excerpt.chars().nth(caret), Some('"'));
    }

    #[test]
    fn control_characters_in_the_file_are_not_echoed() {
        let source = SourceFile::new("x.toml", "id = \"\u{1b}[2J\"\n");
        let d = Diagnostic::error("bad id", 5..12);
        assert!(!d.render(&source).contains('\u{1b}'));
    }
}
