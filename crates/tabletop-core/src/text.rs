//! Text from scenario files and transcripts is untrusted: before it reaches a
//! terminal, control characters are replaced so it cannot move the cursor,
//! change colours or retitle the window. Also: prose reflow for display.

/// One line, with every control character (newlines too) made harmless.
pub fn visible(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => ' ',
            c if c.is_control() => char::REPLACEMENT_CHARACTER,
            c => c,
        })
        .collect()
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
