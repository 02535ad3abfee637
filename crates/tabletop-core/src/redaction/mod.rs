//! Names taken out of free text: every participant's full name and first
//! name, as a whole word and with its case, becomes the title of the role
//! they held or a pseudonym. Reports for readers outside the room and
//! redacted transcripts share this one routine.

mod transcript;

pub use transcript::{NamesAs, RedactOptions, Redacted, redact};

use crate::engine::Participant;
use crate::plan::Plan;

pub struct NameRedactor {
    /// Name to put in its place, longest names first so a full name goes
    /// before the first name inside it.
    names: Vec<(String, String)>,
}

impl NameRedactor {
    /// Each name becomes the title of the roles its holder played.
    pub fn new(participants: &[Participant], plan: &Plan) -> Self {
        Self::with(participants, |p| role_titles(p, plan))
    }

    /// Each person becomes "Participant N", numbered in the header's order,
    /// the same everywhere.
    pub fn pseudonyms(participants: &[Participant]) -> Self {
        Self::with(participants, |p| pseudonym(participants, &p.name))
    }

    fn with(participants: &[Participant], replacement: impl Fn(&Participant) -> String) -> Self {
        let mut names = Vec::new();
        // A blank name matches everywhere: there is nothing to take out.
        for p in participants.iter().filter(|p| !p.name.trim().is_empty()) {
            let with = replacement(p);
            names.push((p.name.clone(), with.clone()));
            // The given name (the first word that is not a title such as
            // "Dr.") and the family name ("Ms Ortner", "S. Ortner").
            let words: Vec<&str> = p
                .name
                .split_whitespace()
                .filter(|w| !w.ends_with('.'))
                .collect();
            if words.len() > 1 {
                for part in [words[0], words[words.len() - 1]] {
                    if part.chars().count() > 1 {
                        names.push((part.to_string(), with.clone()));
                    }
                }
            }
        }
        names.sort_by_key(|(name, _)| std::cmp::Reverse(name.chars().count()));
        names.dedup_by(|a, b| a.0 == b.0);
        Self { names }
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    pub fn redact(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (name, role) in &self.names {
            out = replace_word(&out, name, role);
        }
        out
    }
}

/// The titles of the roles someone played: "IT Security Lead / Legal Counsel".
pub fn role_titles(p: &Participant, plan: &Plan) -> String {
    let role = p
        .roles
        .iter()
        .map(|r| plan.role_name(r).to_string())
        .collect::<Vec<_>>()
        .join(" / ");
    if role.is_empty() {
        "a participant".to_string()
    } else {
        role
    }
}

/// "Participant N" for the person of that name, by their place in the list.
pub fn pseudonym(participants: &[Participant], name: &str) -> String {
    match participants.iter().position(|p| p.name == name) {
        Some(i) => format!("Participant {}", i + 1),
        None => "a participant".to_string(),
    }
}

/// Replaces `word` where it stands as a whole word: not inside a longer one.
fn replace_word(text: &str, word: &str, with: &str) -> String {
    if word.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(word) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + word.len()..].chars().next();
        let whole =
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric);
        out.push_str(&rest[..at]);
        out.push_str(if whole { with } else { word });
        rest = &rest[at + word.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::bundled_file;
    use crate::load::load_plan;

    #[test]
    fn full_and_first_names_become_role_titles_as_whole_words() {
        let (plan, _) = load_plan(&bundled_file("plans/hipaa-healthcare.toml").unwrap()).unwrap();
        let people = [
            Participant {
                name: "Dr. Marcus Bell".into(),
                roles: vec!["clinical-operations".into()],
            },
            Participant {
                name: "Sandra Ruiz".into(),
                roles: vec!["privacy-officer".into()],
            },
        ];
        let redactor = NameRedactor::new(&people, &plan);
        let text = "Sandra said Marcus agreed; Dr. Marcus Bell signed, and Ms Ruiz. Sandrine and marcus stay.";
        let out = redactor.redact(text);
        assert!(
            !out.contains("Sandra ") && !out.contains("Marcus "),
            "{out}"
        );
        assert!(out.contains("HIPAA Privacy Officer said"), "{out}");
        assert!(
            out.contains("Ms HIPAA Privacy Officer"),
            "the family name alone: {out}"
        );
        assert!(
            out.contains("Sandrine") && out.contains("marcus stay"),
            "{out}"
        );
    }

    #[test]
    fn a_blank_name_is_passed_over() {
        let (plan, _) = load_plan(&bundled_file("plans/hipaa-healthcare.toml").unwrap()).unwrap();
        let people = [Participant {
            name: "  ".into(),
            roles: vec!["legal".into()],
        }];
        assert_eq!(NameRedactor::pseudonyms(&people).redact("text"), "text");
        assert_eq!(NameRedactor::new(&people, &plan).redact("text"), "text");
    }
}
