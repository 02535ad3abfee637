//! Text from scenario files, transcripts and the network is untrusted. Before
//! it reaches any output (terminal, plain text, Markdown, HTML, JSON) it goes
//! through here: control characters cannot move the cursor, change colours or
//! retitle the window, and invisible characters (bidi overrides, zero-width
//! spaces) cannot reorder or hide what a reader sees. What was recorded is
//! never changed; only how it is shown. Also: prose reflow for display.

use std::fmt::Write as _;

/// One line, with every control character (newlines too) made harmless and
/// every invisible character shown as its code point, `<U+202E>`. Joiners
/// between two letters or symbols stay: emoji, Persian and Indic words need
/// them.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut previous = None;
    while let Some(c) = chars.next() {
        match c {
            '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push(' '),
            c if c.is_control() => out.push(char::REPLACEMENT_CHARACTER),
            '\u{200c}' | '\u{200d}'
                if previous.is_some_and(in_word) && chars.peek().is_some_and(|&n| in_word(n)) =>
            {
                out.push(c)
            }
            c if is_invisible(c) => {
                let _ = write!(out, "<U+{:04X}>", c as u32);
            }
            c => out.push(c),
        }
        previous = Some(c);
    }
    out
}

/// A spreadsheet cell's text: shown as [`visible`] does, and never read as a
/// formula. A leading `=`, `+`, `-` or `@` (or a tab or return before one)
/// gets an apostrophe in front, which spreadsheets show as text.
pub fn spreadsheet_cell(text: &str) -> String {
    let shown = visible(text);
    let starts_formula = text
        .trim_start_matches([' ', '\t', '\r', '\n'])
        .starts_with(['=', '+', '-', '@']);
    if starts_formula {
        format!("'{shown}")
    } else {
        shown
    }
}

/// Text for Markdown: shown as [`visible`] does (one line), and escaped so
/// it cannot break a table or turn into markup. Reports, handouts and the
/// printable MSEL all write through it.
pub fn markdown_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in visible(text).chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// The byte offset of `needle` (ASCII) in `haystack`, ignoring ASCII case.
/// Unlike searching a lowercased copy, the offset is always one of
/// `haystack`'s own char boundaries: lowercasing can change byte lengths.
pub fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    if n == 0 || !needle.is_ascii() {
        return None;
    }
    haystack
        .as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Characters that change how text around them is shown, or show nothing:
/// bidi controls, zero-width characters and the other format characters.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00ad}' | '\u{061c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
        | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}' | '\u{3164}' | '\u{feff}' | '\u{ffa0}' | '\u{fff9}'..='\u{fffb}'
        | '\u{0600}'..='\u{0605}' | '\u{06dd}' | '\u{070f}' | '\u{08e2}' | '\u{110bd}' | '\u{110cd}'
        | '\u{1bca0}'..='\u{1bca3}' | '\u{1d173}'..='\u{1d17a}' | '\u{e0000}'..='\u{e007f}')
}

/// Whether a joiner next to `c` sits inside a word: a letter, digit, mark
/// or symbol, not a space, punctuation or another invisible.
fn in_word(c: char) -> bool {
    !(c.is_whitespace() || c.is_control() || c.is_ascii_punctuation() || is_invisible(c))
}

/// Lines kept as written (artefacts: logs, emails), each made harmless; tabs
/// become four spaces so columns line up.
pub fn verbatim_lines(text: &str) -> Vec<String> {
    text.trim_matches('\n')
        .lines()
        .map(|line| visible(&line.replace('\t', "    ")))
        .collect()
}

/// Prose as paragraphs: lines broken by hand in the file are joined, blank
/// lines separate paragraphs, and list items keep their own lines.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in text.lines().map(str::trim) {
        let starts_item =
            line.starts_with("- ") || line.starts_with("* ") || starts_with_number(line);
        if line.is_empty() || starts_item {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            if line.is_empty() {
                continue;
            }
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&visible(line));
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn starts_with_number(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && line[digits..].starts_with(". ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_never_survive() {
        assert_eq!(visible("a\u{1b}[2Jb\u{7}c\nd"), "a\u{fffd}[2Jb\u{fffd}c d");
        assert!(
            verbatim_lines("x\u{1b}]0;title\u{7}")
                .iter()
                .all(|l| !l.contains('\u{1b}'))
        );
    }

    #[test]
    fn invisible_characters_are_shown_not_obeyed() {
        assert_eq!(visible("abc\u{202e}fed"), "abc<U+202E>fed");
        assert_eq!(visible("\u{2066}x\u{2069}"), "<U+2066>x<U+2069>");
        assert_eq!(visible("pay\u{200b}roll"), "pay<U+200B>roll");
        assert_eq!(visible("\u{feff}id"), "<U+FEFF>id");
        assert_eq!(visible("C1 \u{9b}31m"), "C1 \u{fffd}31m");
        // Joiners inside words are kept: a family emoji, Persian, Devanagari.
        let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
        assert_eq!(visible(family), family);
        let persian = "\u{645}\u{6cc}\u{200c}\u{62e}\u{648}\u{627}\u{647}\u{645}";
        assert_eq!(visible(persian), persian);
        let devanagari = "\u{915}\u{94d}\u{200d}\u{937}";
        assert_eq!(visible(devanagari), devanagari);
        // A joiner at the edge of a word joins nothing and is shown.
        assert_eq!(visible("\u{200d}admin"), "<U+200D>admin");
    }

    #[test]
    fn spreadsheet_cells_never_run_as_formulas() {
        assert_eq!(spreadsheet_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_cell("\t@SUM(A1)"), "' @SUM(A1)");
        assert_eq!(spreadsheet_cell("-2+3"), "'-2+3");
        assert_eq!(spreadsheet_cell("Isolate the host"), "Isolate the host");
    }

    #[test]
    fn hand_wrapped_prose_is_joined_and_lists_kept() {
        let text = "The SOC calls.\nThey saw it at 09:12.\n\n- first\n- second\n1. one\nAfter.";
        assert_eq!(
            paragraphs(text),
            [
                "The SOC calls. They saw it at 09:12.",
                "- first",
                "- second",
                "1. one After."
            ]
        );
    }
}
