//! From source text to a checked scenario or plan, with every problem found.

use crate::document::Diagnostic;
use crate::document::{InvalidFile, ParsedDocument, SourceFile};
use crate::headless::Script;
use crate::plan::{Plan, validate_plan};
use crate::scenario::{Scenario, validate_scenario};

/// Reads a scenario's shape; every syntax or shape problem is returned at once.
pub fn parse_scenario(source: &SourceFile) -> Result<Scenario, Vec<Diagnostic>> {
    parse_as(source)
}

pub fn parse_plan(source: &SourceFile) -> Result<Plan, Vec<Diagnostic>> {
    parse_as(source)
}

pub fn parse_script(source: &SourceFile) -> Result<Script, Vec<Diagnostic>> {
    parse_as(source)
}

fn parse_as<T: serde::de::DeserializeOwned>(source: &SourceFile) -> Result<T, Vec<Diagnostic>> {
    // A good file is read once; only a bad one pays for the pass that finds
    // every problem.
    toml::from_str(&source.text).or_else(|_| ParsedDocument::parse(&source.text)?.read())
}

/// Parses and checks a plan; warnings are returned alongside a valid plan.
pub fn load_plan(source: &SourceFile) -> Result<(Plan, Vec<Diagnostic>), InvalidFile> {
    let plan = parse_plan(source).map_err(|d| InvalidFile::new(source.clone(), d))?;
    split(source, plan, validate_plan)
}

/// Parses and checks a scenario against its plan (or alone, without one).
pub fn load_scenario(
    source: &SourceFile,
    plan: Option<&Plan>,
) -> Result<(Scenario, Vec<Diagnostic>), InvalidFile> {
    let scenario = parse_scenario(source).map_err(|d| InvalidFile::new(source.clone(), d))?;
    let (mut scenario, diagnostics) = split(source, scenario, |s| validate_scenario(s, plan))?;
    if let Some(plan) = plan {
        scenario.resolve(plan);
    }
    Ok((scenario, diagnostics))
}

fn split<T>(
    source: &SourceFile,
    value: T,
    check: impl FnOnce(&T) -> Vec<Diagnostic>,
) -> Result<(T, Vec<Diagnostic>), InvalidFile> {
    let mut diagnostics = check(&value);
    diagnostics.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(InvalidFile::new(source.clone(), diagnostics));
    }
    Ok((value, diagnostics))
}
