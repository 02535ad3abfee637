//! From source text to a checked scenario or plan, with every problem found.

use crate::document::Diagnostic;
use crate::document::{InvalidFile, SourceFile, diagnostic_from_toml};
use crate::plan::{Plan, validate_plan};
use crate::scenario::{Scenario, validate_scenario};

pub fn parse_scenario(source: &SourceFile) -> Result<Scenario, Diagnostic> {
    toml::from_str(&source.text).map_err(|e| diagnostic_from_toml(&e, source.text.len()))
}

pub fn parse_plan(source: &SourceFile) -> Result<Plan, Diagnostic> {
    toml::from_str(&source.text).map_err(|e| diagnostic_from_toml(&e, source.text.len()))
}

/// Parses and checks a plan; warnings are returned alongside a valid plan.
pub fn load_plan(source: &SourceFile) -> Result<(Plan, Vec<Diagnostic>), InvalidFile> {
    let plan = parse_plan(source).map_err(|d| InvalidFile::new(source.clone(), vec![d]))?;
    split(source, plan, validate_plan)
}

/// Parses and checks a scenario against its plan (or alone, without one).
pub fn load_scenario(
    source: &SourceFile,
    plan: Option<&Plan>,
) -> Result<(Scenario, Vec<Diagnostic>), InvalidFile> {
    let scenario = parse_scenario(source).map_err(|d| InvalidFile::new(source.clone(), vec![d]))?;
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
