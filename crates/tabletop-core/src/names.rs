//! Checks shared by scenarios and plans: id spelling, uniqueness, references.

use std::collections::HashMap;

use crate::document::Diagnostic;
use crate::located::Located;
use crate::suggest::reference_help;

/// Ids are what people type on the command line and in other files: keep them plain.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && id.as_bytes()[0].is_ascii_alphanumeric()
}

/// The ids of one kind (injects, roles, actions...) in one file, in order of definition.
pub struct IdSet<'a> {
    what: &'static str,
    seen: HashMap<&'a str, usize>,
    names: Vec<&'a str>,
}

impl<'a> IdSet<'a> {
    pub fn new(what: &'static str) -> Self {
        Self {
            what,
            seen: HashMap::new(),
            names: Vec::new(),
        }
    }

    /// Records a definition, reporting a malformed or duplicate id.
    pub fn define(&mut self, id: &'a Located<String>, out: &mut Vec<Diagnostic>) {
        if !is_valid_id(id) {
            out.push(
                Diagnostic::error(format!("{} id \"{}\" is not a valid id", self.what, id.as_str()), id.span())
                    .with_help("use lower-case letters, digits and '-', starting with a letter or digit (at most 64 characters), e.g. \"press-call\""),
            );
        }
        if self.seen.contains_key(id.as_str()) {
            out.push(
                Diagnostic::error(
                    format!("duplicate {} id `{}`", self.what, id.as_str()),
                    id.span(),
                )
                .with_help(format!(
                    "every {} needs its own id: rename this one",
                    self.what
                )),
            );
            return;
        }
        self.seen.insert(id.as_str(), self.names.len());
        self.names.push(id.as_str());
    }

    pub fn contains(&self, id: &str) -> bool {
        self.seen.contains_key(id)
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.seen.get(id).copied()
    }

    pub fn names(&self) -> &[&'a str] {
        &self.names
    }

    /// Reports each of `refs` that is not defined here; `context` says where it was used.
    pub fn check_refs(&self, refs: &[Located<String>], context: &str, out: &mut Vec<Diagnostic>) {
        for r in refs {
            self.check_ref(r, context, out);
        }
    }

    pub fn check_ref(&self, r: &Located<String>, context: &str, out: &mut Vec<Diagnostic>) {
        if !self.contains(r) {
            out.push(
                Diagnostic::error(
                    format!("unknown {} `{}` in {context}", self.what, r.as_str()),
                    r.span(),
                )
                .with_help(reference_help(r, &self.names, self.what)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_plain_kebab_case() {
        assert!(is_valid_id("press-call-2"));
        for bad in ["", "Press", "-x", "a_b", "a b", "é"] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn duplicates_and_unknown_references_are_reported() {
        let a = Located::unplaced("a".to_string());
        let a2 = Located::unplaced("a".to_string());
        let b = Located::unplaced("ab".to_string());
        let mut out = Vec::new();
        let mut set = IdSet::new("inject");
        set.define(&a, &mut out);
        set.define(&a2, &mut out);
        set.check_ref(&b, "`next`", &mut out);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].message, "duplicate inject id `a`");
        assert_eq!(out[1].message, "unknown inject `ab` in `next`");
    }
}
