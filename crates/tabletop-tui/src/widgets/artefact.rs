//! An artefact (an email, a log) drawn as a framed block whose lines keep
//! their shape; a line too long for the box continues on the next row after
//! a `↪`, so nothing is cut off.

use ratatui::text::{Line, Span};

use crate::theme::Theme;

/// The block `width` columns wide. `lines` are already made visible.
pub fn framed<'a>(
    kind: &str,
    title: Option<&str>,
    lines: &[String],
    width: u16,
    theme: Theme,
) -> Vec<Line<'a>> {
    let width = usize::from(width).max(16);
    let content = width - 4;
    let label = match title {
        Some(title) => format!(" {title} · {kind} "),
        None => format!(" {kind} "),
    };
    let label: String = label.chars().take(width - 3).collect();
    let border = theme.dim();
    let row = |text: String| {
        let pad = content.saturating_sub(text.chars().count());
        Line::from(vec![
            Span::styled("│ ", border),
            Span::raw(format!("{text}{}", " ".repeat(pad))),
            Span::styled(" │", border),
        ])
    };
    let mut out = vec![Line::from(vec![
        Span::styled("┌─", border),
        Span::styled(label.clone(), theme.accent()),
        Span::styled(
            format!("{}┐", "─".repeat(width - 3 - label.chars().count())),
            border,
        ),
    ])];
    for line in lines {
        let chars: Vec<char> = line.chars().collect();
        let mut rest: &[char] = &chars;
        let mut first = true;
        loop {
            let room = if first { content } else { content - 2 };
            let take = rest.len().min(room);
            let piece: String = rest[..take].iter().collect();
            out.push(row(if first { piece } else { format!("↪ {piece}") }));
            rest = &rest[take..];
            first = false;
            if rest.is_empty() {
                break;
            }
        }
    }
    out.push(Line::styled(format!("└{}┘", "─".repeat(width - 2)), border));
    out
}
