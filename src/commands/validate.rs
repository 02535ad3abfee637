//! `tabletop validate PATH...`: checks scenario and plan files and reports every problem.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tabletop_core::document::read_source;
use tabletop_core::document::{Diagnostic, Severity};
use tabletop_core::library::{FindError, SearchPath, discover, find_plan, load_exercise};
use tabletop_core::load::{parse_plan, parse_scenario, parse_script};
use tabletop_core::plan::{Plan, validate_plan};
use tabletop_core::scenario::validate_scenario;
use tabletop_core::text::visible;
use tabletop_core::{DocumentKind, InvalidFile, SourceFile};

/// The outcome for one file: its source (when it could be read) and its problems.
struct Checked {
    name: String,
    source: Option<SourceFile>,
    diagnostics: Vec<Diagnostic>,
    what: String,
    /// The path could not be read at all: exit 2 rather than 1.
    unreadable: bool,
}

impl Checked {
    fn invalid(source: &SourceFile, diagnostics: Vec<Diagnostic>) -> Self {
        Self {
            name: source.name.clone(),
            source: Some(source.clone()),
            diagnostics,
            what: String::new(),
            unreadable: false,
        }
    }
}

impl From<InvalidFile> for Checked {
    fn from(invalid: InvalidFile) -> Self {
        Self {
            name: invalid.file.name.clone(),
            source: Some(invalid.file),
            diagnostics: invalid.diagnostics,
            what: String::new(),
            unreadable: invalid.unreadable,
        }
    }
}

pub fn run(
    paths: &[PathBuf],
    plan_override: Option<&str>,
    strict: bool,
) -> anyhow::Result<ExitCode> {
    let mut checked = Vec::new();
    let mut sources = Vec::new();
    let mut skipped = 0;
    for (path, explicit) in expand(paths) {
        match read_source(&path) {
            Ok(source) => match DocumentKind::classify(&source.text) {
                Ok(Some(kind)) => sources.push((kind, source)),
                Ok(None) if explicit => checked.push(Checked::invalid(
                    &source,
                    vec![tabletop_core::document::not_a_document()],
                )),
                // Other TOML in a folder (a tool's settings) is not ours to judge.
                Ok(None) => {
                    skipped += 1;
                    println!(
                        "skipped: {} (not a scenario, plan or response script)",
                        visible(&source.name)
                    );
                }
                Err(syntax) => checked.push(Checked::invalid(&source, syntax)),
            },
            Err(invalid) => checked.push(Checked::from(invalid)),
        }
    }

    let mut plans: HashMap<String, Plan> = HashMap::new();
    for (_, source) in sources.iter().filter(|(k, _)| *k == DocumentKind::Plan) {
        let (plan, diagnostics) = match parse_plan(source) {
            Ok(plan) => {
                let diagnostics = validate_plan(&plan);
                (Some(plan), diagnostics)
            }
            Err(problems) => (None, problems),
        };
        let what = plan.as_ref().map_or(String::new(), |p| {
            format!(
                "plan `{}`: {} actions, {} obligations",
                p.plan.id.as_str(),
                p.actions.len(),
                p.obligations.len()
            )
        });
        if let Some(plan) = plan.filter(|_| !diagnostics.iter().any(Diagnostic::is_error)) {
            plans.insert(plan.plan.id.to_string(), plan);
        }
        checked.push(Checked {
            name: source.name.clone(),
            source: Some(source.clone()),
            diagnostics,
            what,
            unreadable: false,
        });
    }
    add_known_plans(&mut plans);

    let override_plan = match plan_override {
        Some(path) => match load_override(path) {
            Ok(plan) => Some(plan),
            Err(failed) => {
                print_checked(&failed);
                println!("the plan given with --plan is not valid; fix it first");
                return Ok(ExitCode::from(if failed.unreadable { 2 } else { 1 }));
            }
        },
        None => None,
    };

    for (_, source) in sources.iter().filter(|(k, _)| *k == DocumentKind::Scenario) {
        checked.push(check_scenario(source, override_plan.as_ref(), &plans));
    }
    let given_scenarios: Vec<&SourceFile> = sources
        .iter()
        .filter(|(k, _)| *k == DocumentKind::Scenario)
        .map(|(_, s)| s)
        .collect();
    for (_, source) in sources.iter().filter(|(k, _)| *k == DocumentKind::Script) {
        checked.push(check_script(source, plan_override, &given_scenarios));
    }

    let mut invalid = 0;
    let (mut errors, mut warnings) = (0, 0);
    for c in &checked {
        print_checked(c);
        let e = c
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let w = c.diagnostics.len() - e;
        errors += e;
        warnings += w;
        if e > 0 || (strict && w > 0) {
            invalid += 1;
        }
    }
    println!(
        "checked {} file{}: {} valid, {invalid} invalid ({errors} error{}, {warnings} warning{}{})",
        checked.len(),
        plural(checked.len()),
        checked.len() - invalid,
        plural(errors),
        plural(warnings),
        if strict {
            ", warnings count as errors"
        } else {
            ""
        }
    );
    if skipped > 0 {
        println!("skipped {skipped} other TOML file{}", plural(skipped));
    }
    if checked.is_empty() {
        println!("no scenario, plan or response script files were found in the paths given");
        return Ok(ExitCode::from(1));
    }
    Ok(if checked.iter().any(|c| c.unreadable) {
        ExitCode::from(2)
    } else if invalid == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn check_scenario(
    source: &SourceFile,
    override_plan: Option<&Plan>,
    plans: &HashMap<String, Plan>,
) -> Checked {
    let scenario = match parse_scenario(source) {
        Ok(s) => s,
        Err(problems) => return Checked::invalid(source, problems),
    };
    let mut diagnostics = Vec::new();
    let loaded_by_path;
    let plan = match (override_plan, &scenario.scenario.plan) {
        (Some(plan), _) => Some(plan),
        (None, Some(reference)) if looks_like_path(reference) => {
            let base = Path::new(&source.name).parent().unwrap_or(Path::new("."));
            loaded_by_path = load_override(&base.join(reference.as_str()).to_string_lossy()).ok();
            if loaded_by_path.is_none() {
                diagnostics.push(
                    Diagnostic::error(format!("cannot load the plan \"{}\"", reference.as_str()), reference.span())
                        .with_help("the path is taken from the scenario's folder; run `tabletop validate` on the plan to see its problems"),
                );
            }
            loaded_by_path.as_ref()
        }
        (None, Some(reference)) => {
            let found = plans.get(reference.as_str());
            if found.is_none() {
                let mut known: Vec<&str> = plans.keys().map(String::as_str).collect();
                known.sort_unstable();
                diagnostics.push(
                    Diagnostic::error(
                        format!("unknown plan `{}`", reference.as_str()),
                        reference.span(),
                    )
                    .with_help(format!(
                        "{}; or pass --plan PATH",
                        tabletop_core::suggest::reference_help(reference, &known, "plan")
                    )),
                );
            }
            found
        }
        (None, None) => {
            diagnostics.push(
                Diagnostic::warning(
                    "the scenario names no plan, so its roles and plan actions were not checked",
                    scenario.scenario.id.span(),
                )
                .with_help("add plan = \"PLAN-ID\" to [scenario], or pass --plan PATH"),
            );
            None
        }
    };
    diagnostics.extend(validate_scenario(&scenario, plan));
    diagnostics.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
    let decisions = scenario
        .injects
        .iter()
        .filter(|i| i.decision.is_some())
        .count();
    Checked {
        name: source.name.clone(),
        source: Some(source.clone()),
        what: format!(
            "scenario `{}`: {} injects, {decisions} decisions{}",
            scenario.scenario.id.as_str(),
            scenario.injects.len(),
            plan.map_or(String::new(), |p| format!(
                ", plan `{}`",
                p.plan.id.as_str()
            ))
        ),
        diagnostics,
        unreadable: false,
    }
}

/// A response script, checked against the scenario it answers: one given in
/// the same run, else one found by id, with the plan given or its own.
fn check_script(
    source: &SourceFile,
    plan_override: Option<&str>,
    given_scenarios: &[&SourceFile],
) -> Checked {
    let script = match parse_script(source) {
        Ok(script) => script,
        Err(problems) => return Checked::invalid(source, problems),
    };
    let wanted = script.script.scenario.as_str();
    let given = given_scenarios
        .iter()
        .find(|s| parse_scenario(s).is_ok_and(|p| p.scenario.id.as_str() == wanted))
        .map(|s| s.name.clone());
    let exercise = load_exercise(
        given.as_deref().unwrap_or(wanted),
        plan_override,
        &SearchPath::standard(),
    );
    let exercise = match exercise {
        Ok(exercise) => exercise,
        Err(FindError::NotFound { known, .. }) => {
            return Checked::invalid(
                source,
                vec![
                    Diagnostic::error(
                        format!("unknown scenario `{wanted}`"),
                        script.script.scenario.span(),
                    )
                    .with_help(format!(
                        "{known}; or validate the scenario's file in the same run"
                    )),
                ],
            );
        }
        Err(other) => {
            return Checked::invalid(
                source,
                vec![
                    Diagnostic::error(
                        format!(
                            "the scenario `{wanted}` cannot be loaded: {}",
                            visible(&other.to_string())
                        ),
                        script.script.scenario.span(),
                    )
                    .with_help("validate the scenario and its plan first"),
                ],
            );
        }
    };
    let diagnostics = script.validate(&exercise.scenario, &exercise.plan);
    Checked {
        name: source.name.clone(),
        source: Some(source.clone()),
        what: format!(
            "response script for `{wanted}`: {} steps, plan `{}`",
            script.steps.len(),
            exercise.plan.plan.id.as_str()
        ),
        diagnostics,
        unreadable: false,
    }
}

fn looks_like_path(reference: &str) -> bool {
    reference.contains('/') || reference.contains('\\') || reference.ends_with(".toml")
}

/// Plans that scenarios may name by id: on the search path and bundled.
fn add_known_plans(plans: &mut HashMap<String, Plan>) {
    let (found, _) = discover(&SearchPath::standard());
    for file in found.into_iter().filter(|f| f.kind == DocumentKind::Plan) {
        if let Ok(plan) = parse_plan(&file.source)
            && !validate_plan(&plan).iter().any(Diagnostic::is_error)
        {
            plans.entry(plan.plan.id.to_string()).or_insert(plan);
        }
    }
}

/// The plan given with --plan, by id or path.
fn load_override(name: &str) -> Result<Plan, Box<Checked>> {
    let source = find_plan(name, None, &SearchPath::standard()).map_err(|e| {
        Box::new(match e {
            FindError::Unreadable(invalid) | FindError::Invalid(invalid) => Checked::from(*invalid),
            not_found => Checked {
                name: name.to_string(),
                source: None,
                diagnostics: vec![Diagnostic::whole_file(not_found.to_string()).with_help(
                    "give the plan's path or its id; `tabletop list` shows the plans it can find",
                )],
                what: String::new(),
                unreadable: true,
            },
        })
    })?;
    let fail = |diagnostics: Vec<Diagnostic>| Checked {
        name: source.name.clone(),
        source: Some(source.clone()),
        diagnostics,
        what: String::new(),
        unreadable: false,
    };
    let plan = parse_plan(&source).map_err(|d| Box::new(fail(d)))?;
    let diagnostics = validate_plan(&plan);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(Box::new(fail(diagnostics)));
    }
    Ok(plan)
}

fn print_checked(c: &Checked) {
    if c.diagnostics.is_empty() {
        println!("ok: {} ({})", visible(&c.name), visible(&c.what));
        return;
    }
    for d in &c.diagnostics {
        match &c.source {
            Some(source) => println!("{}", d.render(source)),
            None => println!("{}", d.render(&SourceFile::new(c.name.clone(), ""))),
        }
    }
}

/// Files as given, and the .toml files under given folders (sorted, recursively).
fn expand(paths: &[PathBuf]) -> Vec<(PathBuf, bool)> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut stack = vec![path.clone()];
            let mut found = Vec::new();
            while let Some(dir) = stack.pop() {
                let Ok(entries) = std::fs::read_dir(&dir) else {
                    continue;
                };
                for entry in entries.filter_map(Result::ok) {
                    let p = entry.path();
                    let hidden = p
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'));
                    if hidden {
                        continue;
                    }
                    if p.is_dir() {
                        stack.push(p);
                    } else if p.extension().is_some_and(|e| e == "toml") {
                        found.push(p);
                    }
                }
            }
            found.sort();
            out.extend(found.into_iter().map(|p| (p, false)));
        } else {
            out.push((path.clone(), true));
        }
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
