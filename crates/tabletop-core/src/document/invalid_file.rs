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

    pub fn render(&self) -> String {
        self.diagnostics
            .iter()
            .map(|d| d.render(&self.file))
            .collect::<Vec<_>>()
            .join("\n")
    }
}
