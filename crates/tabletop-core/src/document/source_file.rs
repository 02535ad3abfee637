//! The text of one file and the arithmetic from byte offsets to lines and columns.

use std::sync::OnceLock;

use crate::document::Diagnostic;

use super::{InvalidFile, limits};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// How the file is named in messages: a path, or `bundled:NAME` for embedded files.
    pub name: String,
    pub text: String,
    /// Computed on first use: only files with a problem to show need it.
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            text: text.into(),
            line_starts: OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// Checks what must hold before parsing: bounded size, UTF-8, some content.
    pub fn from_bytes(name: &str, bytes: Vec<u8>) -> Result<Self, InvalidFile> {
        let fail = |text: &str, d: Diagnostic| InvalidFile::new(Self::new(name, text), vec![d]);
        limits::check_size(bytes.len() as u64).map_err(|d| fail("", d))?;
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                // The lossy text keeps the valid prefix byte for byte, so the offset still points right.
                let valid = e.utf8_error().valid_up_to();
                let byte = e.as_bytes()[valid];
                let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let d = Diagnostic::error(
                    format!("the file is not UTF-8 text (byte 0x{byte:02x})"),
                    valid..valid + 1,
                )
                .with_help(
                    "save the file as UTF-8; most editors offer this under \"Save with encoding\"",
                );
                return Err(fail(&lossy, d));
            }
        };
        let text = text
            .strip_prefix('\u{feff}')
            .map(str::to_string)
            .unwrap_or(text);
        if text.trim().is_empty() {
            return Err(fail(&text, Diagnostic::whole_file("the file is empty").with_help(
                "a scenario starts with a [scenario] table and a plan with a [plan] table; see `tabletop schema scenario` or docs/scenario-format.md",
            )));
        }
        limits::check_nesting(&text).map_err(|d| fail(&text, d))?;
        Ok(Self::new(name, text))
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let starts = self.line_starts();
        let line = starts.partition_point(|&start| start <= offset) - 1;
        let start = starts[line];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, col + 1)
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self
            .line_starts()
            .get(line - 1)
            .copied()
            .unwrap_or(self.text.len());
        let end = self
            .line_starts()
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters() {
        let s = SourceFile::new("f", "ab\nçd = 1\n");
        assert_eq!(s.line_col(0), (1, 1));
        assert_eq!(s.line_col(3), (2, 1));
        assert_eq!(s.line_col(5), (2, 2));
        assert_eq!(s.line_text(2), "çd = 1");
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let invalid = SourceFile::from_bytes("f", b"a = 1\nb = \"\xff\"\n".to_vec()).unwrap_err();
        assert_eq!(invalid.diagnostics[0].line_col(&invalid.file), (2, 6));
    }

    #[test]
    fn empty_file_is_an_error() {
        let invalid = SourceFile::from_bytes("f", b" \n\n".to_vec()).unwrap_err();
        assert_eq!(invalid.diagnostics[0].message, "the file is empty");
    }
}
