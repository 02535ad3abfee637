//! Reading a TOML document into a typed value while collecting every problem
//! in one pass, instead of stopping at the first.
//!
//! serde stops at the first error it meets. To find the next one, the value
//! at fault is taken out of the parsed document (or, for a missing key, a
//! stand-in of some type is put in) and the document is read again, until it
//! reads cleanly or nothing more can be taken out.

use std::borrow::Cow;
use std::ops::Range;

use serde::de::DeserializeOwned;
use serde_spanned::Spanned;
use toml::de::{DeArray, DeInteger, DeTable, DeValue};

use crate::document::{Diagnostic, diagnostic_from_toml};

/// Enough for any file a person writes; bounds the work on a hostile one.
const MAX_PROBLEMS: usize = 100;

/// Reads of the document allowed per pass, scaled down for large files so a
/// hostile file cannot make the pass slow: about 128 MB of reading in all.
fn read_budget(len: usize) -> usize {
    (128_000_000 / len.max(1)).clamp(4, 600)
}

/// Stand-in values carry this span, so their own errors are recognised.
const STAND_IN: Range<usize> = usize::MAX - 1..usize::MAX;

/// A parsed TOML document, before its shape is checked.
pub struct ParsedDocument<'a> {
    root: Spanned<DeTable<'a>>,
    len: usize,
}

impl<'a> ParsedDocument<'a> {
    /// Parses the syntax; every syntax error found is returned, each located.
    pub fn parse(text: &'a str) -> Result<Self, Vec<Diagnostic>> {
        let (root, errors) = DeTable::parse_recoverable(text);
        if errors.is_empty() {
            return Ok(Self {
                root,
                len: text.len(),
            });
        }
        let mut out: Vec<Diagnostic> = Vec::new();
        for e in errors.iter().take(MAX_PROBLEMS) {
            let d = diagnostic_from_toml(e, text.len());
            // The parser reports one mistake several times as it recovers.
            if !out.iter().any(|o| o.span == d.span) {
                out.push(d);
            }
        }
        Err(out)
    }

    /// The names of the top-level keys and tables, in the file's order.
    pub fn top_level_keys(&self) -> impl Iterator<Item = &str> {
        self.root.get_ref().keys().map(|k| k.get_ref().as_ref())
    }

    /// Reads the document as `T`, reporting every shape problem: unknown keys,
    /// wrong types, bad values and missing keys, each at its place.
    pub fn read<T: DeserializeOwned>(&self) -> Result<T, Vec<Diagnostic>> {
        let mut root = self.root.clone();
        let mut problems: Vec<Diagnostic> = Vec::new();
        // Keys this pass removed, by the table's span: their absence is ours.
        let mut removed: Vec<(Range<usize>, String)> = Vec::new();
        let budget = std::cell::Cell::new(read_budget(self.len));
        loop {
            let error = match read_from::<T>(&root) {
                Ok(value) if problems.is_empty() => return Ok(value),
                Ok(_) => break,
                Err(e) => e,
            };
            if !spend(&budget) || problems.len() >= MAX_PROBLEMS {
                problems.push(
                    Diagnostic::whole_file(format!(
                        "stopped after {} problems; there may be more",
                        problems.len()
                    ))
                    .with_help("fix these and check the file again to see the rest"),
                );
                break;
            }
            let span = error.span().unwrap_or(0..0);
            if let Some(key) = missing_key(error.message()) {
                let ours = removed.iter().any(|(s, k)| *s == span && *k == key);
                if !ours {
                    push_once(&mut problems, diagnostic_from_toml(&error, self.len));
                }
                if !stand_in::<T>(&mut root, &span, &key, &budget)
                    && !drop_element(&mut root, &span)
                {
                    break;
                }
            } else {
                push_once(&mut problems, diagnostic_from_toml(&error, self.len));
                let misspelt = super::toml_error::misspelt_key(error.message());
                match take_out(&mut root, &span) {
                    Some(Some((table, key))) => {
                        // A misspelt key leaves the real one missing: one
                        // mistake, reported once.
                        if let Some(meant) = misspelt {
                            removed.push((table.clone(), meant));
                        }
                        removed.push((table, key));
                    }
                    Some(None) => {}
                    None => break,
                }
            }
        }
        problems.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
        Err(problems)
    }
}

fn spend(budget: &std::cell::Cell<usize>) -> bool {
    let left = budget.get();
    budget.set(left.saturating_sub(1));
    left > 0
}

fn read_from<T: DeserializeOwned>(root: &Spanned<DeTable<'_>>) -> Result<T, toml::de::Error> {
    T::deserialize(toml::de::Deserializer::from(root.clone()))
}

fn push_once(problems: &mut Vec<Diagnostic>, d: Diagnostic) {
    if !problems
        .iter()
        .any(|p| p.span == d.span && p.message == d.message)
    {
        problems.push(d);
    }
}

fn missing_key(message: &str) -> Option<String> {
    let rest = message.trim().strip_prefix("missing field ")?;
    Some(rest.trim_matches('`').to_string())
}

/// One step from a table or array to what it holds.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

/// The path to the deepest value whose key or value covers `span`. A table's
/// span is only its header, so every branch is searched.
fn path_to(root: &DeValue<'_>, span: &Range<usize>) -> Vec<Step> {
    let mut path = Vec::new();
    search(root, span, &mut path);
    path
}

/// A child of a table or array: the step to it, its key's span, its value.
type Child<'r, 'a> = (Step, Option<Range<usize>>, &'r Spanned<DeValue<'a>>);

fn search(here: &DeValue<'_>, span: &Range<usize>, path: &mut Vec<Step>) -> bool {
    let children: Vec<Child<'_, '_>> = match here {
        DeValue::Table(table) => table
            .iter()
            .map(|(k, v)| (Step::Key(k.get_ref().to_string()), Some(k.span()), v))
            .collect(),
        DeValue::Array(array) => array
            .iter()
            .enumerate()
            .map(|(i, v)| (Step::Index(i), None, v))
            .collect(),
        _ => return false,
    };
    for (step, key_span, value) in children {
        path.push(step);
        if search(value.get_ref(), span, path) {
            return true;
        }
        if key_span.is_some_and(|k| covers(&k, span)) || covers(&value.span(), span) {
            return true;
        }
        path.pop();
    }
    false
}

fn covers(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end && outer.start < outer.end
}

fn value_at<'r, 'a>(root: &'r mut DeValue<'a>, path: &[Step]) -> Option<&'r mut DeValue<'a>> {
    let mut here = root;
    for step in path {
        here = match (here, step) {
            (DeValue::Table(t), Step::Key(k)) => t.get_mut(k.as_str())?.get_mut(),
            (DeValue::Array(a), Step::Index(i)) => a.get_mut(*i)?.get_mut(),
            _ => return None,
        };
    }
    Some(here)
}

/// Runs `f` on the document as a value, keeping its span.
fn with_root<R>(root: &mut Spanned<DeTable<'_>>, f: impl FnOnce(&mut DeValue<'_>) -> R) -> R {
    let span = root.span();
    let table = std::mem::take(root.get_mut());
    let mut value = DeValue::Table(table);
    let out = f(&mut value);
    let DeValue::Table(table) = value else {
        unreachable!("the root stays a table")
    };
    *root = Spanned::new(span, table);
    out
}

/// Removes the value at fault. `None` when nothing could be removed;
/// otherwise the table's span and the key, when a key was removed from a table.
#[allow(clippy::option_option)]
fn take_out(
    root: &mut Spanned<DeTable<'_>>,
    span: &Range<usize>,
) -> Option<Option<(Range<usize>, String)>> {
    let root_span = root.span();
    with_root(root, |value| {
        let path = path_to(value, span);
        let (last, parent_path) = path.split_last()?;
        let parent_span = if parent_path.is_empty() {
            root_span
        } else {
            span_at(value, parent_path)?
        };
        let parent = value_at(value, parent_path)?;
        if !remove_step(parent, last) {
            return None;
        }
        Some(match last {
            Step::Key(k) => Some((parent_span, k.clone())),
            Step::Index(_) => None,
        })
    })
}

fn span_at(root: &mut DeValue<'_>, path: &[Step]) -> Option<Range<usize>> {
    let (last, parent_path) = path.split_last()?;
    let parent = value_at(root, parent_path)?;
    match (parent, last) {
        (DeValue::Table(t), Step::Key(k)) => t.get(k.as_str()).map(Spanned::span),
        (DeValue::Array(a), Step::Index(i)) => a.get(*i).map(Spanned::span),
        _ => None,
    }
}

fn remove_step(parent: &mut DeValue<'_>, step: &Step) -> bool {
    match (parent, step) {
        (DeValue::Table(t), Step::Key(k)) => t.remove(k.as_str()).is_some(),
        (DeValue::Array(a), Step::Index(i)) => {
            if *i >= a.len() {
                return false;
            }
            let kept: DeArray<'_> = std::mem::replace(a, DeArray::new())
                .into_iter()
                .enumerate()
                .filter(|(j, _)| j != i)
                .map(|(_, v)| v)
                .collect();
            *a = kept;
            true
        }
        _ => false,
    }
}

/// Puts a stand-in for a missing key into the table at `span`, trying one type
/// after another until the document reads past it. Returns whether one fit.
fn stand_in<T: DeserializeOwned>(
    root: &mut Spanned<DeTable<'_>>,
    span: &Range<usize>,
    key: &str,
    budget: &std::cell::Cell<usize>,
) -> bool {
    let candidates = || {
        let text = |s: &'static str| DeValue::String(Cow::Borrowed(s));
        [
            text("1h"),
            text("+1h"),
            text("x"),
            text("email"),
            DeValue::Integer(DeInteger::default()),
            DeValue::Boolean(true),
            DeValue::Array(DeArray::new()),
            DeValue::Table(DeTable::new()),
        ]
    };
    for candidate in candidates() {
        if !spend(budget) {
            return false;
        }
        let mut trial = root.clone();
        let placed = with_root(&mut trial, |value| {
            let path = table_path(value, span);
            match value_at(value, &path) {
                Some(DeValue::Table(t)) => {
                    t.insert(
                        Spanned::new(STAND_IN, Cow::Owned(key.to_string())),
                        Spanned::new(STAND_IN, candidate.clone()),
                    );
                    true
                }
                _ => false,
            }
        });
        if !placed {
            return false;
        }
        let still_stuck = match read_from::<T>(&trial) {
            Ok(_) => false,
            Err(e) => {
                let at = e.span().unwrap_or(0..0);
                at == STAND_IN
                    || (at == *span && missing_key(e.message()).is_some_and(|k| k == key))
            }
        };
        if !still_stuck {
            *root = trial;
            return true;
        }
    }
    false
}

/// The path to the table whose span is `span` (the root when none is).
fn table_path(root: &DeValue<'_>, span: &Range<usize>) -> Vec<Step> {
    let mut path = Vec::new();
    if find_table(root, span, &mut path) {
        path
    } else {
        Vec::new()
    }
}

fn find_table(here: &DeValue<'_>, span: &Range<usize>, path: &mut Vec<Step>) -> bool {
    let children: Vec<(Step, &Spanned<DeValue<'_>>)> = match here {
        DeValue::Table(table) => table
            .iter()
            .map(|(k, v)| (Step::Key(k.get_ref().to_string()), v))
            .collect(),
        DeValue::Array(array) => array
            .iter()
            .enumerate()
            .map(|(i, v)| (Step::Index(i), v))
            .collect(),
        _ => return false,
    };
    for (step, value) in children {
        path.push(step);
        if matches!(value.get_ref(), DeValue::Table(_)) && value.span() == *span {
            return true;
        }
        if find_table(value.get_ref(), span, path) {
            return true;
        }
        path.pop();
    }
    false
}

/// Drops the array element (an inject, an option) holding the table at `span`:
/// the last resort when a missing key cannot be stood in for.
fn drop_element(root: &mut Spanned<DeTable<'_>>, span: &Range<usize>) -> bool {
    with_root(root, |value| {
        let mut path = path_to(value, span);
        while let Some(step) = path.pop() {
            if let Step::Index(_) = step {
                path.push(step);
                let (last, parent_path) = path.split_last().expect("just pushed");
                return value_at(value, parent_path).is_some_and(|p| remove_step(p, last));
            }
        }
        false
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        meta: Meta,
        #[serde(default, rename = "item")]
        items: Vec<Item>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Meta {
        title: String,
        count: u32,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        id: String,
        #[serde(default)]
        tags: Vec<String>,
        kind: Option<Kind>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        Email,
        Phone,
    }

    fn problems(text: &str) -> Vec<String> {
        let doc = ParsedDocument::parse(text).expect("syntax is fine");
        doc.read::<Doc>()
            .expect_err("has problems")
            .into_iter()
            .map(|d| {
                let line = text[..d.span.clone().unwrap().start].matches('\n').count() + 1;
                format!("{line}: {}", d.message)
            })
            .collect()
    }

    #[test]
    fn reports_every_shape_problem_in_one_pass() {
        let text = "[meta]\ntitle = 5\ncount = 1\n\n[[item]]\nid = \"a\"\nkind = \"news\"\n\n[[item]]\nid = \"b\"\ntags = [\"x\", 3]\ncolour = \"red\"\n";
        let found = problems(text);
        assert_eq!(found.len(), 4, "{found:#?}");
        assert!(found[0].starts_with("2: wrong type"), "{found:#?}");
        assert!(found.iter().any(|p| p.contains("unknown value \"news\"")));
        assert!(found.iter().any(|p| p.contains("unknown key `colour`")));
        assert!(found.iter().any(|p| p.starts_with("11: wrong type")));
        assert!(
            found[3].starts_with("12: unknown key `colour`"),
            "{found:#?}"
        );
    }

    #[test]
    fn a_missing_key_does_not_hide_later_problems() {
        let text = "[meta]\ncount = 1\n\n[[item]]\nid = \"a\"\nkind = \"fax\"\n";
        let found = problems(text);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found[0].contains("missing key `title`"));
        assert!(found[1].contains("unknown value \"fax\""));
    }

    #[test]
    fn every_syntax_error_is_located() {
        let Err(errors) = ParsedDocument::parse("[meta\ntitle = \"a\"\n") else {
            panic!("a broken header is a syntax error");
        };
        assert!(!errors.is_empty());
        assert!(errors[0].span.is_some());
    }

    #[test]
    fn a_clean_document_reads() {
        let doc = ParsedDocument::parse("[meta]\ntitle = \"t\"\ncount = 2\n").unwrap();
        let read: Doc = doc.read().unwrap();
        assert_eq!(read.meta.count, 2);
    }
}
