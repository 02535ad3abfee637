//! The user's config file: keys and colours that patch the defaults, one
//! field at a time. `$TABLETOP_CONFIG`, or config.toml in the user's config
//! folder (~/.config/tabletop on Linux). A missing file means the defaults.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::str::FromStr;

use ratatui::style::Color;
use serde::Deserialize;
use tabletop_core::document::{InvalidFile, diagnostic_from_toml, read_source};
use tabletop_core::located::Located;
use tabletop_core::{Diagnostic, SourceFile};

use tabletop_core::suggest::did_you_mean;

use super::theme::Theme;
use crate::keymap::{Keymap, Section};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    /// Console bindings by name, and tables of other sections' bindings
    /// (`[keys.review]`).
    #[serde(default)]
    keys: BTreeMap<Located<String>, Located<toml::Value>>,
    #[serde(default)]
    colours: Colours,
    /// How long exercises are kept, e.g. "90d": `tabletop purge` removes
    /// older ones, and the end screen says until when one is kept.
    retention: Option<Located<tabletop_core::time::HumanDuration>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Colours {
    accent: Option<Located<String>>,
    good: Option<Located<String>>,
    warn: Option<Located<String>>,
    bad: Option<Located<String>>,
}

pub fn path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("TABLETOP_CONFIG") {
        return Some(PathBuf::from(path));
    }
    directories::ProjectDirs::from("", "", "tabletop").map(|d| d.config_dir().join("config.toml"))
}

/// The keymap and theme in force, or every problem in the config file.
pub fn load(theme: Theme) -> Result<(Keymap, Theme), Box<InvalidFile>> {
    match path() {
        Some(path) if path.exists() => load_from(&path, theme),
        _ => Ok((Keymap::default(), theme)),
    }
}

fn load_from(path: &std::path::Path, theme: Theme) -> Result<(Keymap, Theme), Box<InvalidFile>> {
    let source = match read_source(path) {
        Ok(source) => source,
        // An empty config file changes nothing; the defaults stand.
        Err(invalid)
            if !invalid.unreadable
                && invalid.file.text.trim().is_empty()
                && std::fs::metadata(path).is_ok_and(|m| m.len() < 4096) =>
        {
            return Ok((Keymap::default(), theme));
        }
        Err(invalid) => return Err(Box::new(invalid)),
    };
    parse(&source, theme)
}

/// The retention set in the config file, if any.
pub fn retention() -> Result<Option<tabletop_core::time::HumanDuration>, Box<InvalidFile>> {
    let Some(path) = path().filter(|p| p.exists()) else {
        return Ok(None);
    };
    let source = match read_source(&path) {
        Ok(source) => source,
        Err(invalid) if invalid.file.text.trim().is_empty() && !invalid.unreadable => {
            return Ok(None);
        }
        Err(invalid) => return Err(Box::new(invalid)),
    };
    retention_in(&source)
}

pub fn retention_in(
    source: &SourceFile,
) -> Result<Option<tabletop_core::time::HumanDuration>, Box<InvalidFile>> {
    let config: Config = toml::from_str(&source.text).map_err(|e| {
        Box::new(InvalidFile::new(
            source.clone(),
            vec![diagnostic_from_toml(&e, source.text.len())],
        ))
    })?;
    match config.retention {
        Some(r) if r.as_secs() == 0 => Err(Box::new(InvalidFile::new(
            source.clone(),
            vec![
                Diagnostic::error("a retention of zero would remove every exercise", r.span())
                    .with_help(
                        "keep exercises for a time, e.g. retention = \"90d\", or leave it out",
                    ),
            ],
        ))),
        Some(r) => Ok(Some(*r.get())),
        None => Ok(None),
    }
}

pub fn parse(source: &SourceFile, mut theme: Theme) -> Result<(Keymap, Theme), Box<InvalidFile>> {
    let fail = |diagnostics| Box::new(InvalidFile::new(source.clone(), diagnostics));
    let config: Config = toml::from_str(&source.text)
        .map_err(|e| fail(vec![diagnostic_from_toml(&e, source.text.len())]))?;
    let mut problems = Vec::new();
    let mut lists: Vec<(Section, String, Vec<String>, std::ops::Range<usize>)> = Vec::new();
    for (name, value) in &config.keys {
        let entries: Vec<(Section, String, &toml::Value)> = match value.get() {
            toml::Value::Table(table) => {
                let Some(section) = Section::ALL.iter().find(|s| s.name() == name.as_str()) else {
                    problems.push(unknown_section(name));
                    continue;
                };
                table
                    .iter()
                    .map(|(binding, keys)| (*section, binding.clone(), keys))
                    .collect()
            }
            keys => vec![(Section::Console, name.to_string(), keys)],
        };
        for (section, binding, keys) in entries {
            match key_list(keys) {
                Some(list) => lists.push((section, binding, list, name.span())),
                None => problems.push(
                    Diagnostic::error(
                        format!("the keys of \"{binding}\" must be a string or a list of strings"),
                        value.span(),
                    )
                    .with_help("write next = \"N\" or quit = [\"Q\", \"esc\"]"),
                ),
            }
        }
    }
    // Each binding alone first, so an error points at its own line.
    for (section, name, list, span) in &lists {
        if let Err(message) = Keymap::with_overrides([(*section, name.as_str(), list.as_slice())]) {
            problems.push(
                Diagnostic::error(message, span.clone())
                    .with_help("see `tabletop --help` and the README for the binding names"),
            );
        }
    }
    let keymap = match Keymap::with_overrides(
        lists
            .iter()
            .map(|(section, n, l, _)| (*section, n.as_str(), l.as_slice())),
    ) {
        Ok(keymap) => keymap,
        Err(message) => {
            let at = lists.first().map_or(0..0, |(_, _, _, span)| span.clone());
            if problems.is_empty() {
                problems.push(Diagnostic::error(message, at));
            }
            Keymap::default()
        }
    };
    let colours = [
        (&config.colours.accent, &mut theme.accent),
        (&config.colours.good, &mut theme.good),
        (&config.colours.warn, &mut theme.warn),
        (&config.colours.bad, &mut theme.bad),
    ];
    for (given, slot) in colours {
        if let Some(given) = given {
            match Color::from_str(given) {
                Ok(colour) => *slot = colour,
                Err(_) => problems.push(
                    Diagnostic::error(format!("\"{}\" is not a colour", given.as_str()), given.span())
                        .with_help("use a name such as \"cyan\" or \"light-red\", an index 0-255, or \"#rrggbb\""),
                ),
            }
        }
    }
    if problems.is_empty() {
        Ok((keymap, theme))
    } else {
        Err(fail(problems))
    }
}

fn key_list(value: &toml::Value) -> Option<Vec<String>> {
    match value {
        toml::Value::String(key) => Some(vec![key.clone()]),
        toml::Value::Array(keys) => keys
            .iter()
            .map(|k| k.as_str().map(str::to_string))
            .collect(),
        _ => None,
    }
}

fn unknown_section(name: &Located<String>) -> Diagnostic {
    let names: Vec<&str> = Section::ALL
        .iter()
        .filter(|s| **s != Section::Console)
        .map(|s| s.name())
        .collect();
    let message = match did_you_mean(name.as_str(), &names) {
        Some(best) => format!(
            "no key section \"{}\": did you mean \"{best}\"?",
            name.as_str()
        ),
        None => format!("no key section \"{}\"", name.as_str()),
    };
    Diagnostic::error(message, name.span()).with_help(format!(
        "console bindings go straight under [keys]; other screens have [keys.SECTION] tables: {}",
        names.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use crate::keymap::Action;

    #[test]
    fn a_config_patches_keys_and_colours() {
        let source = SourceFile::new(
            "config.toml",
            "[keys]\nnext = \"N\"\nquit = [\"Q\", \"esc\"]\n\n[colours]\naccent = \"magenta\"\n",
        );
        let (keymap, theme) = parse(&source, Theme::default()).unwrap();
        assert_eq!(
            keymap.action(
                Section::Console,
                KeyEvent::new(KeyCode::Char('N'), KeyModifiers::NONE)
            ),
            Some(Action::DeliverNext)
        );
        assert_eq!(keymap.label(Section::Console, Action::Quit), "Q Esc");
        assert_eq!(theme.accent, Color::Magenta);
        assert_eq!(
            theme.good,
            Color::Green,
            "what the file does not say keeps its default"
        );
    }

    #[test]
    fn mistakes_are_located() {
        let source = SourceFile::new(
            "config.toml",
            "[keys]\nnxt = \"N\"\n\n[colours]\nbad = \"blood\"\n",
        );
        let invalid = parse(&source, Theme::default()).unwrap_err();
        let rendered = invalid.render();
        assert!(
            rendered
                .contains("config.toml:2:1: error: no key binding \"nxt\": did you mean \"next\"?"),
            "{rendered}"
        );
        assert!(
            rendered.contains("config.toml:5:7: error: \"blood\" is not a colour"),
            "{rendered}"
        );
        let unknown = SourceFile::new("config.toml", "[colors]\naccent = \"red\"\n");
        assert!(
            parse(&unknown, Theme::default())
                .unwrap_err()
                .render()
                .contains("did you mean `colours`?")
        );
    }

    #[test]
    fn other_screens_are_patched_in_their_own_tables() {
        let source = SourceFile::new(
            "config.toml",
            "[keys]\nnext = \"N\"\n\n[keys.review]\nsearch = \"s\"\n",
        );
        let (keymap, _) = parse(&source, Theme::default()).unwrap();
        let s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::NONE);
        assert_eq!(keymap.action(Section::Review, s), Some(Action::Search));
        assert_eq!(keymap.action(Section::Console, s), Some(Action::Seats));
        let typo = SourceFile::new("config.toml", "[keys.reviw]\nsearch = \"s\"\n");
        let rendered = parse(&typo, Theme::default()).unwrap_err().render();
        assert!(
            rendered.contains("no key section \"reviw\": did you mean \"review\"?"),
            "{rendered}"
        );
        let wrong = SourceFile::new("config.toml", "[keys.review]\nsearch = 3\n");
        let rendered = parse(&wrong, Theme::default()).unwrap_err().render();
        assert!(
            rendered.contains("must be a string or a list"),
            "{rendered}"
        );
    }

    #[test]
    fn an_empty_config_file_means_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        for text in ["", "\n  \n"] {
            std::fs::write(&path, text).unwrap();
            let (keymap, theme) = load_from(&path, Theme::default()).unwrap();
            assert_eq!(theme.accent, Theme::default().accent);
            assert_eq!(
                keymap.label(Section::Console, Action::Quit),
                Keymap::default().label(Section::Console, Action::Quit)
            );
        }
        let huge = "#".repeat(17 * 1024 * 1024);
        std::fs::write(&path, huge).unwrap();
        assert!(load_from(&path, Theme::default()).is_err());
    }
}
