//! A file that could not be used, with everything wrong with it.

use crate::document::Diagnostic;

use super::SourceFile;

/// A file that failed its checks, with everything wrong with it.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", self.render())]
pub struct InvalidFile {
    pub file: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
}

impl InvalidFile {
    pub fn new(source: SourceFile, diagnostics: Vec<Diagnostic>) -> Self {
        Self {
            file: source,
            diagnostics,
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
