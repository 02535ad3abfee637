//! A file that could not be used, with everything wrong with it.

use crate::document::Diagnostic;

use super::SourceFile;

/// A file that failed its checks, with everything wrong with it.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", self.render())]
pub struct InvalidFile {
    pub file: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
    /// The file could not be read at all (missing, a folder, a pipe, no
    /// permission): a problem with the path, not with what the file says.
    pub unreadable: bool,
}

impl InvalidFile {
    pub fn new(source: SourceFile, diagnostics: Vec<Diagnostic>) -> Self {
        Self {
            file: source,
            diagnostics,
            unreadable: false,
        }
    }

    pub fn unreadable(source: SourceFile, diagnostic: Diagnostic) -> Self {
        Self {
            unreadable: true,
            ..Self::new(source, vec![diagnostic])
        }
    }

    /// One line for listings: where the first error is and what it says,
    /// e.g. `line 3, column 1: invalid TOML: ...` (control characters shown).
    pub fn first_problem(&self) -> String {
        let Some(d) = self
            .diagnostics
            .iter()
            .find(|d| d.is_error())
            .or(self.diagnostics.first())
        else {
            return "cannot be used".to_string();
        };
        let message = crate::text::visible(&d.message);
        let more = match self.diagnostics.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        match d.span {
            Some(_) => {
                let (line, col) = d.line_col(&self.file);
                format!("line {line}, column {col}: {message}{more}")
            }
            None => format!("{message}{more}"),
        }
    }

    pub fn render(&self) -> String {
        self.diagnostics
            .iter()
            .map(|d| d.render(&self.file))
            .collect::<Vec<_>>()
            .join("\n")
    }
}
