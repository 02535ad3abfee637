//! Where scenarios and plans are found: embedded in the binary, in ./scenarios,
//! and in the user's data folder; and how a name on the command line is resolved.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::document::{DocumentKind, SourceFile, read_source};

static BUNDLED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../scenarios");

/// Where a file came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Bundled,
    Folder(PathBuf),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Bundled => f.write_str("bundled"),
            Self::Folder(path) => write!(f, "{}", path.display()),
        }
    }
}

/// A scenario or plan file found on a search.
#[derive(Debug, Clone)]
pub struct FoundFile {
    pub kind: DocumentKind,
    pub origin: Origin,
    pub source: SourceFile,
}

/// Folders searched before the bundled files, in order.
#[derive(Debug, Clone)]
pub struct SearchPath {
    pub folders: Vec<PathBuf>,
}

impl SearchPath {
    /// ./scenarios, then the user's data folder (`$TABLETOP_DATA_DIR/scenarios` when set).
    pub fn standard() -> Self {
        let mut folders = vec![PathBuf::from("scenarios")];
        if let Some(data) = user_data_dir() {
            folders.push(data.join("scenarios"));
        }
        Self { folders }
    }

    pub fn only_bundled() -> Self {
        Self {
            folders: Vec::new(),
        }
    }
}

pub fn user_data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("TABLETOP_DATA_DIR") {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "tabletop").map(|d| d.data_dir().to_path_buf())
}

/// The files embedded in the binary: scenarios at the top, plans under plans/.
pub fn bundled_files() -> Vec<FoundFile> {
    let top = BUNDLED.files();
    let plans = BUNDLED.get_dir("plans").into_iter().flat_map(|d| d.files());
    top.chain(plans)
        .filter(|f| f.path().extension().is_some_and(|e| e == "toml"))
        .filter_map(|f| {
            let text = f.contents_utf8()?;
            let kind = DocumentKind::detect(text)?;
            Some(FoundFile {
                kind,
                origin: Origin::Bundled,
                source: SourceFile::new(format!("bundled:scenarios/{}", f.path().display()), text),
            })
        })
        .collect()
}

/// One embedded file, by its path under scenarios/: `tutorial.toml`,
/// `plans/gdpr-midsize.toml`.
pub fn bundled_file(path: &str) -> Option<SourceFile> {
    let text = BUNDLED.get_file(path)?.contents_utf8()?;
    Some(SourceFile::new(format!("bundled:scenarios/{path}"), text))
}

/// Every scenario and plan on the search path, then the bundled ones. Files that
/// cannot be read, do not parse, or are neither are returned apart with the
/// reason, so a listing can say what it skipped and why.
pub fn discover(search: &SearchPath) -> (Vec<FoundFile>, Vec<crate::InvalidFile>) {
    let mut found = Vec::new();
    let mut unreadable = Vec::new();
    for folder in &search.folders {
        for dir in [folder.clone(), folder.join("plans")] {
            for path in toml_files_in(&dir) {
                match read_source(&path) {
                    Ok(source) => match DocumentKind::classify(&source.text) {
                        Ok(Some(kind @ (DocumentKind::Scenario | DocumentKind::Plan))) => {
                            found.push(FoundFile {
                                kind,
                                origin: Origin::Folder(folder.clone()),
                                source,
                            });
                        }
                        Ok(Some(DocumentKind::Script)) => {
                            let d = crate::Diagnostic::whole_file("a response script, not a scenario or plan")
                                .with_help("response scripts belong in the scripts/ folder beside the scenarios");
                            unreadable.push(crate::InvalidFile::new(source, vec![d]));
                        }
                        Ok(None) => unreadable.push(crate::InvalidFile::new(
                            source,
                            vec![crate::document::not_a_document()],
                        )),
                        Err(problems) => {
                            unreadable.push(crate::InvalidFile::new(source, problems));
                        }
                    },
                    Err(problem) => unreadable.push(problem),
                }
            }
        }
    }
    found.extend(bundled_files());
    (found, unreadable)
}

/// The `.toml` files directly inside `dir`, sorted by name; none when it does not exist.
pub fn toml_files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_key_matches_the_whole_key() {
        let text = "[scenario]\nplanning = \"x\"\nplan = \"gdpr-midsize\"\n";
        assert_eq!(
            quick_key(text, DocumentKind::Scenario, "plan").as_deref(),
            Some("gdpr-midsize")
        );
    }

    #[test]
    fn quick_id_reads_the_plain_id_line_only() {
        let text =
            "# x\n[scenario]\ntitle = \"T\"\nid = \"ransom\" # the id\n[[inject]]\nid = \"a\"\n";
        assert_eq!(
            quick_id(text, DocumentKind::Scenario).as_deref(),
            Some("ransom")
        );
        assert_eq!(
            quick_id("[scenario]\nid = 'lit'\n", DocumentKind::Scenario),
            None
        );
        assert_eq!(
            quick_id(
                "[scenario]\ntitle = \"T\"\n[[inject]]\nid = \"a\"\n",
                DocumentKind::Scenario
            ),
            None
        );
        assert_eq!(
            quick_id("[plan]\nid = \"p\"\n", DocumentKind::Plan).as_deref(),
            Some("p")
        );
    }
}

/// A scenario or plan named on the command line that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum FindError {
    #[error(
        "no {kind} `{name}`: it is not a file, nor the id of a {kind} tabletop can find ({known})"
    )]
    NotFound {
        kind: &'static str,
        name: String,
        known: String,
    },
    #[error("{0}")]
    Unreadable(Box<crate::InvalidFile>),
    #[error("{0}")]
    Invalid(Box<crate::InvalidFile>),
}

/// A scenario by path, or by id among ./scenarios, the data folder and the bundled ones.
pub fn find_scenario(name: &str, search: &SearchPath) -> Result<SourceFile, FindError> {
    find(name, DocumentKind::Scenario, None, search)
}

/// A response script by path, or by its file name (without `.toml`) under
/// `scripts/` in ./scenarios, the data folder or the bundled library.
pub fn find_script(name: &str, search: &SearchPath) -> Result<SourceFile, FindError> {
    let direct = Path::new(name);
    if direct.is_file() || looks_like_path(name) {
        return read_source(direct).map_err(|e| FindError::Unreadable(Box::new(e)));
    }
    let file = format!("{name}.toml");
    for folder in &search.folders {
        let path = folder.join("scripts").join(&file);
        if path.exists() {
            return read_source(&path).map_err(|e| FindError::Unreadable(Box::new(e)));
        }
    }
    if let Some(source) = bundled_file(&format!("scripts/{file}")) {
        return Ok(source);
    }
    let mut known: Vec<String> = search
        .folders
        .iter()
        .flat_map(|f| toml_files_in(&f.join("scripts")))
        .chain(
            BUNDLED
                .get_dir("scripts")
                .into_iter()
                .flat_map(|d| d.files())
                .map(|f| f.path().to_path_buf()),
        )
        .filter_map(|p| Some(p.file_stem()?.to_string_lossy().into_owned()))
        .collect();
    known.sort();
    known.dedup();
    let known = match crate::suggest::did_you_mean(name, &known) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("known: {}", known.join(", ")),
    };
    Err(FindError::NotFound {
        kind: "response script",
        name: name.to_string(),
        known,
    })
}

/// A name with a folder or an extension in it is a path, never an id.
fn looks_like_path(name: &str) -> bool {
    name.contains('/') || name.ends_with(".toml")
}

/// A plan by path (relative to `base` when given and not found as is), or by id.
pub fn find_plan(
    name: &str,
    base: Option<&Path>,
    search: &SearchPath,
) -> Result<SourceFile, FindError> {
    find(name, DocumentKind::Plan, base, search)
}

fn find(
    name: &str,
    kind: DocumentKind,
    base: Option<&Path>,
    search: &SearchPath,
) -> Result<SourceFile, FindError> {
    let direct = Path::new(name);
    let candidates = [Some(direct.to_path_buf()), base.map(|b| b.join(name))];
    for path in candidates.into_iter().flatten() {
        if path.is_file() {
            return read_source(&path).map_err(|e| FindError::Unreadable(Box::new(e)));
        }
    }
    let mut known = Vec::new();
    let mut consider = |text: &str,
                        load: &dyn Fn() -> Result<SourceFile, FindError>|
     -> Result<Option<SourceFile>, FindError> {
        // Reading each file's id line is cheap; only a file that may match is
        // read in full, checked and parsed. Start-up time depends on this.
        match quick_id(text, kind) {
            Some(id) if id != name => {
                known.push(id);
                Ok(None)
            }
            _ => {
                let source = load()?;
                let id = match kind {
                    DocumentKind::Scenario => crate::load::parse_scenario(&source)
                        .ok()
                        .map(|s| s.scenario.id.to_string()),
                    DocumentKind::Plan => crate::load::parse_plan(&source)
                        .ok()
                        .map(|p| p.plan.id.to_string()),
                    DocumentKind::Script => None,
                };
                match id {
                    Some(id) if id == name => Ok(Some(source)),
                    Some(id) => {
                        known.push(id);
                        Ok(None)
                    }
                    None => Ok(None),
                }
            }
        }
    };
    for folder in &search.folders {
        for dir in [folder.clone(), folder.join("plans")] {
            let mut paths = toml_files_in(&dir);
            // A file named after the id is the likely one: look at it first.
            paths.sort_by_key(|p| p.file_stem().is_none_or(|s| s != name));
            for path in paths {
                let Some(text) = read_head(&path) else {
                    continue;
                };
                if DocumentKind::detect(&text).is_some_and(|k| k != kind) {
                    continue;
                }
                let load = || read_source(&path).map_err(|e| FindError::Unreadable(Box::new(e)));
                if let Some(found) = consider(&text, &load)? {
                    return Ok(found);
                }
            }
        }
    }
    let top = BUNDLED.files();
    let plans = BUNDLED.get_dir("plans").into_iter().flat_map(|d| d.files());
    for file in top
        .chain(plans)
        .filter(|f| f.path().extension().is_some_and(|e| e == "toml"))
    {
        let Some(text) = file.contents_utf8() else {
            continue;
        };
        if DocumentKind::detect(text) != Some(kind) {
            continue;
        }
        let load = || {
            Ok(SourceFile::new(
                format!("bundled:scenarios/{}", file.path().display()),
                text,
            ))
        };
        if let Some(found) = consider(text, &load)? {
            return Ok(found);
        }
    }
    known.sort();
    known.dedup();
    let kind = kind.noun();
    let known = match crate::suggest::did_you_mean(name, &known) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("known: {}", known.join(", ")),
    };
    Err(FindError::NotFound {
        kind,
        name: name.to_string(),
        known,
    })
}

/// The start of a file, where its `[scenario]` or `[plan]` table and id are.
fn read_head(path: &Path) -> Option<String> {
    use std::io::Read;
    let mut head = Vec::with_capacity(16 * 1024);
    crate::regular_file::open(path)
        .ok()?
        .take(16 * 1024)
        .read_to_end(&mut head)
        .ok()?;
    Some(String::from_utf8_lossy(&head).into_owned())
}

/// The `id = "..."` line of the `[scenario]` or `[plan]` table, read without
/// parsing the file; `None` when it is written in some other way.
fn quick_id(text: &str, kind: DocumentKind) -> Option<String> {
    quick_key(text, kind, "id")
}

/// A plain `key = "value"` line of the file's `[scenario]` or `[plan]` table.
fn quick_key(text: &str, kind: DocumentKind, key: &str) -> Option<String> {
    let header = match kind {
        DocumentKind::Scenario => "[scenario]",
        DocumentKind::Plan => "[plan]",
        DocumentKind::Script => "[script]",
    };
    let mut lines = text
        .lines()
        .map(str::trim)
        .skip_while(|l| l.split('#').next().unwrap_or("").trim() != header);
    lines.next()?;
    for line in lines {
        if line.starts_with('[') {
            return None;
        }
        let Some(rest) = line.strip_prefix(key).filter(|r| r.starts_with([' ', '='])) else {
            continue;
        };
        let value = rest
            .trim_start()
            .strip_prefix('=')?
            .trim_start()
            .strip_prefix('"')?;
        let (found, after) = value.split_once('"')?;
        let after = after.trim_start();
        return (after.is_empty() || after.starts_with('#'))
            .then(|| found.to_string())
            .filter(|v| !v.contains('\\'));
    }
    None
}

/// The scenario and the plan it runs against: `plan` overrides the one it names.
pub fn load_exercise(
    scenario: &str,
    plan: Option<&str>,
    search: &SearchPath,
) -> Result<crate::session::Exercise, FindError> {
    let scenario_file = find(scenario, DocumentKind::Scenario, None, search)?;
    let base = Path::new(&scenario_file.name)
        .parent()
        .map(Path::to_path_buf);
    // The plan loads on the other core while the scenario is parsed, when its
    // name can be read from the scenario's text; this is most of start-up.
    let early_name = plan
        .map(str::to_string)
        .or_else(|| quick_key(&scenario_file.text, DocumentKind::Scenario, "plan"));
    let early = early_name.clone().map(|name| {
        let (search, base) = (search.clone(), base.clone());
        std::thread::spawn(move || -> Result<(SourceFile, crate::Plan), FindError> {
            let file = find(&name, DocumentKind::Plan, base.as_deref(), &search)?;
            let (plan, _) = crate::load_plan(&file).map_err(|e| FindError::Invalid(Box::new(e)))?;
            Ok((file, plan))
        })
    });
    let parsed = crate::load::parse_scenario(&scenario_file).map_err(|d| {
        FindError::Invalid(Box::new(crate::InvalidFile::new(scenario_file.clone(), d)))
    })?;
    let plan_name = match (plan, &parsed.scenario.plan) {
        (Some(p), _) => p.to_string(),
        (None, Some(p)) => p.to_string(),
        (None, None) => {
            let d =
                crate::Diagnostic::error("the scenario names no plan", parsed.scenario.id.span())
                    .with_help("add plan = \"PLAN-ID\" to [scenario], or pass --plan PLAN");
            return Err(FindError::Invalid(Box::new(crate::InvalidFile::new(
                scenario_file,
                vec![d],
            ))));
        }
    };
    let same_plan = early_name.as_deref() == Some(plan_name.as_str());
    let (plan_file, loaded) = match early
        .filter(|_| same_plan)
        .map(std::thread::JoinHandle::join)
    {
        Some(Ok(loaded)) => loaded?,
        _ => {
            let file = find(&plan_name, DocumentKind::Plan, base.as_deref(), search)?;
            let (plan, _) = crate::load_plan(&file).map_err(|e| FindError::Invalid(Box::new(e)))?;
            (file, plan)
        }
    };
    crate::session::Exercise::from_parts(parsed, scenario_file, loaded, plan_file)
        .map_err(FindError::Invalid)
}
