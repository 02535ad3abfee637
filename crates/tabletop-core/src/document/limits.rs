//! Bounds on input, checked before parsing, so a huge or pathological file gets
//! a clear error at once instead of using up time, memory or stack.

use crate::document::Diagnostic;

/// Far above any real scenario (a 10,000-inject file is about 4 MiB).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Deeper than any scenario or plan needs; keeps the parser's recursion shallow.
const MAX_NESTING: usize = 32;

pub fn check_size(bytes: u64) -> Result<(), Diagnostic> {
    if bytes <= MAX_FILE_BYTES {
        return Ok(());
    }
    Err(Diagnostic::whole_file(format!(
        "the file is {:.1} MiB; scenario and plan files may be at most {} MiB",
        bytes as f64 / 1_048_576.0,
        MAX_FILE_BYTES / 1_048_576
    ))
    .with_help("split the scenario, or check that this is the file you meant"))
}

/// Rejects arrays and inline tables nested deeper than `MAX_NESTING`, skipping
/// brackets inside strings and comments.
pub fn check_nesting(text: &str) -> Result<(), Diagnostic> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    let mut at_line_start = true;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' | b'\'' => {
                i = skip_string(bytes, i);
                at_line_start = false;
                continue;
            }
            // Table headers `[a]` and `[[a]]` open at the start of a line outside any value.
            b'[' if at_line_start && depth == 0 => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'#' {
                    i += 1;
                }
                continue;
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(Diagnostic::error(
                        format!("values are nested more than {MAX_NESTING} levels deep"),
                        i..i + 1,
                    )
                    .with_help("scenario and plan files need only a few levels of [ ] and { }; check for a run of unclosed brackets"));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        at_line_start = match b {
            b'\n' => true,
            b' ' | b'\t' | b'\r' => at_line_start,
            _ => false,
        };
        i += 1;
    }
    Ok(())
}

/// Index just past the string starting at `start` (basic, literal, or multi-line).
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let triple = bytes.get(start..start + 3) == Some(&[quote, quote, quote][..]);
    let mut i = start + if triple { 3 } else { 1 };
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\\' && quote == b'"' {
            i += 2;
            continue;
        }
        if b == quote {
            if !triple {
                return i + 1;
            }
            if bytes.get(i..i + 3) == Some(&[quote, quote, quote][..]) {
                // A closing run may carry up to two extra quotes that belong to the string.
                let mut end = i + 3;
                while end < bytes.len() && bytes[end] == quote && end < i + 5 {
                    end += 1;
                }
                return end;
            }
        }
        if b == b'\n' && !triple {
            return i;
        }
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_refused_with_its_position() {
        let text = format!("x = {}1{}", "[".repeat(100_000), "]".repeat(100_000));
        let d = check_nesting(&text).unwrap_err();
        assert_eq!(d.span, Some(36..37));
    }

    #[test]
    fn brackets_in_strings_comments_and_headers_do_not_count() {
        let text = format!(
            "[[inject]]\n# {}\nbody = \"{}\"\ntext = '''{}'''\nx = [[1], [2]]\n",
            "[".repeat(50),
            "[".repeat(50),
            "{".repeat(50)
        );
        assert!(check_nesting(&text).is_ok());
    }

    #[test]
    fn size_limit_names_the_size() {
        let d = check_size(50 * 1_048_576).unwrap_err();
        assert!(d.message.contains("50.0 MiB"), "{}", d.message);
    }
}
