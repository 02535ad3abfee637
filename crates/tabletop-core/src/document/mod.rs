//! Reading scenario and plan files: bytes to checked text, the kind of document,
//! and parse errors turned into diagnostics.

mod diagnostic;
mod every_error;
mod invalid_file;
mod limits;
mod render;
mod source_file;
mod toml_error;

pub use diagnostic::{Diagnostic, Severity};
pub use every_error::ParsedDocument;
pub use invalid_file::InvalidFile;
pub use limits::MAX_FILE_BYTES;
pub use source_file::SourceFile;
pub use toml_error::diagnostic_from_toml;

use std::path::Path;

/// What a TOML file describes, told apart by its leading table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Scenario,
    Plan,
    /// A response script: the team's part in a headless run.
    Script,
}

impl DocumentKind {
    /// Looks for a `[scenario]`, `[plan]` or `[script]` table header without
    /// parsing the file, so recognising a well-formed file costs no second
    /// parse. A file this misses is told apart by [`DocumentKind::classify`].
    pub fn detect(text: &str) -> Option<Self> {
        text.lines().find_map(|line| {
            let header = line.split('#').next().unwrap_or("").trim();
            let name = header.strip_prefix('[')?.strip_suffix(']')?.trim();
            Self::from_table(name)
        })
    }

    /// What the file is, by parsing it when the quick look finds no header:
    /// a syntax error is reported with its place whatever the file was meant
    /// to be, and `Ok(None)` means valid TOML of some other kind.
    pub fn classify(text: &str) -> Result<Option<Self>, Vec<Diagnostic>> {
        if let Some(kind) = Self::detect(text) {
            return Ok(Some(kind));
        }
        let parsed = ParsedDocument::parse(text)?;
        Ok(parsed.top_level_keys().find_map(Self::from_table))
    }

    fn from_table(name: &str) -> Option<Self> {
        match name {
            "scenario" => Some(Self::Scenario),
            "plan" => Some(Self::Plan),
            "script" => Some(Self::Script),
            _ => None,
        }
    }

    /// The word for it in messages.
    pub fn noun(self) -> &'static str {
        match self {
            Self::Scenario => "scenario",
            Self::Plan => "plan",
            Self::Script => "response script",
        }
    }
}

/// Why a file that is not a scenario, plan or script was passed over.
pub fn not_a_document() -> Diagnostic {
    Diagnostic::whole_file("neither a scenario, a plan nor a response script: no [scenario], [plan] or [script] table")
        .with_help("a scenario file starts with a [scenario] table, a plan with [plan], a response script with [script]; see docs/scenario-format.md")
}

/// Reads a file as a scenario or plan source: bounded in size, UTF-8, not empty.
pub fn read_source(path: &Path) -> Result<SourceFile, InvalidFile> {
    let name = path.display().to_string();
    let unreadable = |d: Diagnostic| InvalidFile::unreadable(SourceFile::new(name.clone(), ""), d);
    let metadata = std::fs::metadata(path).map_err(|e| unreadable(io_problem(&e)))?;
    if metadata.is_dir() {
        return Err(unreadable(Diagnostic::whole_file(
            "is a folder, not a file",
        )));
    }
    limits::check_size(metadata.len())
        .map_err(|d| InvalidFile::new(SourceFile::new(name.clone(), ""), vec![d]))?;
    let bytes = crate::regular_file::read(path, limits::MAX_FILE_BYTES)
        .map_err(|e| unreadable(io_problem(&e)))?;
    SourceFile::from_bytes(&name, bytes)
}

fn io_problem(error: &std::io::Error) -> Diagnostic {
    let help = match error.kind() {
        std::io::ErrorKind::NotFound => {
            "check the path; `tabletop list` shows the scenarios it can find"
        }
        std::io::ErrorKind::PermissionDenied => "check the file's permissions",
        std::io::ErrorKind::InvalidInput => "give the path of a TOML file",
        _ => "check that the file exists and can be read",
    };
    Diagnostic::whole_file(format!("cannot read the file: {error}")).with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_kind_from_leading_table() {
        assert_eq!(
            DocumentKind::detect("# x\n[scenario]\nid='a'"),
            Some(DocumentKind::Scenario)
        );
        assert_eq!(
            DocumentKind::detect("[ plan ] # the plan\n"),
            Some(DocumentKind::Plan)
        );
        assert_eq!(DocumentKind::detect("[[inject]]\n"), None);
    }

    #[test]
    fn a_broken_header_is_a_located_syntax_error() {
        let problems = DocumentKind::classify("# x\n[scenario\nid = 'a'\n").unwrap_err();
        assert_eq!(problems[0].span.as_ref().map(|s| s.start), Some(13));
        assert_eq!(
            DocumentKind::classify("[scenario . x]\n"),
            Ok(Some(DocumentKind::Scenario))
        );
        assert_eq!(DocumentKind::classify("a = 1\n"), Ok(None));
    }
}
