//! An artefact (an email, a log) drawn as a framed block whose lines keep
//! their shape; a line too long for the box continues on the next row after
//! a `↪`, so nothing is cut off. Prose breaks between words; a line laid out
//! in columns (a log, a table) breaks at the edge, so its columns stay put.

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
        for (k, piece) in pieces(line, content).into_iter().enumerate() {
            out.push(row(if k == 0 {
                piece
            } else {
                format!("↪ {piece}")
            }));
        }
    }
    out.push(Line::styled(format!("└{}┘", "─".repeat(width - 2)), border));
    out
}

/// A line cut into rows of `width` (the first) and `width - 2` (the rest,
/// after the `↪`).
fn pieces(line: &str, width: usize) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= width {
        return vec![line.to_string()];
    }
    let columns = line.trim_start().contains("  ");
    if !columns {
        let options = textwrap::Options::new(width.saturating_sub(2).max(4))
            .break_words(true)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        let wrapped: Vec<String> = textwrap::wrap(line, options)
            .into_iter()
            .map(|l| l.into_owned())
            .collect();
        if !wrapped.is_empty() {
            return wrapped;
        }
    }
    let mut out = Vec::new();
    let mut rest: &[char] = &chars;
    let mut first = true;
    while !rest.is_empty() {
        let room = if first { width } else { width - 2 };
        let take = rest.len().min(room.max(1));
        out.push(rest[..take].iter().collect());
        rest = &rest[take..];
        first = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::pieces;

    #[test]
    fn prose_breaks_between_words_and_columns_at_the_edge() {
        let prose = "We have copied your backup catalogs and will publish them";
        let rows = pieces(prose, 30);
        assert!(rows.iter().all(|r| r.chars().count() <= 30));
        assert!(
            rows.iter()
                .all(|r| !r.starts_with(' ') && !r.ends_with(' '))
        );
        assert_eq!(rows.join(" "), prose, "no word is cut: {rows:?}");

        let log = "08:53  s.hoffmann   Regensburg  click   no   and more columns";
        let rows = pieces(log, 30);
        assert_eq!(rows[0], &log[..30], "a column line keeps its shape");
        assert_eq!(rows.concat(), log);
    }
}
