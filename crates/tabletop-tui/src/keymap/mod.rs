//! The keys in force, layered by section (a screen, a mode, a dialog): the
//! defaults from one table, patched by the user's config file. Handlers ask
//! it what a key means; the help screen and status bar ask it how to write
//! a binding, so what they show is what the keys do.

mod bindings;
mod key;

pub use bindings::{Action, BINDINGS, Binding, Section};
pub use key::Key;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// The keys in force: one list of keys per row of [`BINDINGS`].
#[derive(Debug, Clone)]
pub struct Keymap {
    keys: Vec<Vec<Key>>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self {
            keys: BINDINGS.iter().map(|b| b.keys.to_vec()).collect(),
        }
    }
}

/// A short reminder in a status bar: the keys of one or more actions and a
/// word for what they do now (`Space start`, `↑↓ move`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub section: Section,
    pub actions: Vec<Action>,
    pub word: &'static str,
}

impl Hint {
    pub fn new(section: Section, action: Action, word: &'static str) -> Self {
        Self {
            section,
            actions: vec![action],
            word,
        }
    }

    pub fn pair(section: Section, first: Action, second: Action, word: &'static str) -> Self {
        Self {
            section,
            actions: vec![first, second],
            word,
        }
    }
}

impl Keymap {
    /// Replaces the keys of the named bindings, each in its section. Errors
    /// name the binding or key and say how to mend it.
    pub fn with_overrides<'a>(
        overrides: impl IntoIterator<Item = (Section, &'a str, &'a [String])>,
    ) -> Result<Self, String> {
        let mut map = Self::default();
        for (section, name, keys) in overrides {
            let index = BINDINGS
                .iter()
                .position(|b| b.section == section && b.name == name && !b.keys.is_empty())
                .ok_or_else(|| unknown_binding(section, name))?;
            let keys = keys
                .iter()
                .map(|k| Key::parse(k))
                .collect::<Result<Vec<_>, _>>()?;
            if keys.is_empty() {
                return Err(format!("the binding \"{name}\" needs at least one key"));
            }
            map.keys[index] = keys;
        }
        map.check_clashes()?;
        Ok(map)
    }

    /// Two bindings of one section (or one and a global binding) may not
    /// share a key, or one of them could never be reached.
    fn check_clashes(&self) -> Result<(), String> {
        // Where 1-9 choose options, a digit bound to anything else would
        // never fire (and `quit = "1"` would leave only Ctrl-C).
        for (binding, keys) in BINDINGS.iter().zip(&self.keys) {
            let digit = keys.iter().find(|k| k.is_plain_digit());
            let chooses = |section: Section| {
                BINDINGS
                    .iter()
                    .any(|b| b.section == section && matches!(b.action, Action::ChooseOption(_)))
            };
            if let Some(digit) = digit
                && (chooses(binding.section)
                    || (binding.section == Section::Global
                        && Section::ALL.into_iter().any(chooses)))
            {
                return Err(format!(
                    "\"{}\" cannot use the key {}: digits 1-9 choose options in the {} section; give it a letter or a named key",
                    binding.name,
                    digit.label(),
                    binding.section.name()
                ));
            }
        }
        for (i, keys) in self.keys.iter().enumerate() {
            for (j, other) in self.keys.iter().enumerate().skip(i + 1) {
                let (a, b) = (&BINDINGS[i], &BINDINGS[j]);
                let related = a.section == b.section
                    || a.section == Section::Global
                    || b.section == Section::Global;
                if let Some(key) = keys.iter().find(|k| related && other.contains(k)) {
                    return Err(format!(
                        "\"{}\" and \"{}\" share the key {}: give each its own",
                        a.name,
                        b.name,
                        key.label()
                    ));
                }
            }
        }
        Ok(())
    }

    /// What a key means in a section, if anything. Digits choose options
    /// where a section has a `1-9` binding.
    pub fn action(&self, section: Section, event: KeyEvent) -> Option<Action> {
        if let KeyCode::Char(c @ '1'..='9') = event.code
            && event.modifiers.is_empty()
            && self
                .rows(section)
                .any(|(b, _)| matches!(b.action, Action::ChooseOption(_)))
        {
            return Some(Action::ChooseOption(c as usize - '1' as usize));
        }
        self.rows(section)
            .find(|(_, keys)| keys.iter().any(|k| k.matches(event)))
            .map(|(b, _)| b.action)
    }

    /// Every key of an action, as the help screen writes them: `q Esc`.
    pub fn label(&self, section: Section, action: Action) -> String {
        self.row(section, action)
            .map(|(b, keys)| match b.label {
                Some(label) => label.to_string(),
                None => keys.iter().map(|k| k.label()).collect::<Vec<_>>().join(" "),
            })
            .unwrap_or_default()
    }

    /// The first key of an action, as a status bar writes it.
    fn short_label(&self, section: Section, action: Action) -> String {
        self.row(section, action)
            .map(|(b, keys)| match (b.label, keys.first()) {
                (Some(label), _) => label.to_string(),
                (None, Some(key)) => key.label(),
                (None, None) => String::new(),
            })
            .unwrap_or_default()
    }

    /// The help screen's rows for a section: keys, then what they do.
    pub fn help(&self, section: Section) -> Vec<(String, &'static str)> {
        self.rows(section)
            .map(|(b, _)| (self.label(section, b.action), b.description))
            .collect()
    }

    /// A status bar's reminders: `Space start  p present  ? keys`.
    pub fn hints(&self, hints: &[Hint]) -> String {
        hints
            .iter()
            .map(|hint| {
                let labels: Vec<(String, bool)> = hint
                    .actions
                    .iter()
                    .map(|&a| {
                        let arrow = self
                            .row(hint.section, a)
                            .and_then(|(_, keys)| keys.first())
                            .is_some_and(|k| k.is_arrow());
                        (self.short_label(hint.section, a), arrow)
                    })
                    .collect();
                let joiner = if labels.iter().all(|(_, arrow)| *arrow) {
                    ""
                } else {
                    " "
                };
                let keys: Vec<String> = labels.into_iter().map(|(l, _)| l).collect();
                format!("{} {}", keys.join(joiner), hint.word)
            })
            .collect::<Vec<_>>()
            .join("  ")
    }

    fn rows(&self, section: Section) -> impl Iterator<Item = (&'static Binding, &[Key])> {
        BINDINGS
            .iter()
            .zip(&self.keys)
            .filter(move |(b, _)| b.section == section)
            .map(|(b, keys)| (b, keys.as_slice()))
    }

    fn row(&self, section: Section, action: Action) -> Option<(&'static Binding, &[Key])> {
        self.rows(section).find(|(b, _)| b.action == action)
    }
}

fn unknown_binding(section: Section, name: &str) -> String {
    let names: Vec<&str> = BINDINGS
        .iter()
        .filter(|b| b.section == section && !b.keys.is_empty())
        .map(|b| b.name)
        .collect();
    let place = match section {
        Section::Console => String::new(),
        other => format!(" in [keys.{}]", other.name()),
    };
    match tabletop_core::suggest::did_you_mean(name, &names) {
        Some(best) => format!("no key binding \"{name}\"{place}: did you mean \"{best}\"?"),
        None => format!(
            "no key binding \"{name}\"{place}; bindings: {}",
            names.join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyModifiers;

    use super::*;

    fn press(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn overrides_replace_keys_and_catch_mistakes() {
        let keys = vec!["F".to_string()];
        let map = Keymap::with_overrides([(Section::Console, "next", keys.as_slice())]).unwrap();
        assert_eq!(
            map.action(Section::Console, press('F')),
            Some(Action::DeliverNext)
        );
        assert_eq!(map.action(Section::Console, press('n')), None);
        let clash = vec!["x".to_string()];
        assert!(
            Keymap::with_overrides([(Section::Console, "next", clash.as_slice())])
                .unwrap_err()
                .contains("share the key x")
        );
        assert!(
            Keymap::with_overrides([(Section::Console, "nxt", keys.as_slice())])
                .unwrap_err()
                .contains("did you mean \"next\"")
        );
        let bad = vec!["hyper-q".to_string()];
        assert!(
            Keymap::with_overrides([(Section::Console, "quit", bad.as_slice())])
                .unwrap_err()
                .contains("unknown key \"hyper-q\"")
        );
    }

    #[test]
    fn one_key_means_different_things_in_different_sections() {
        let map = Keymap::default();
        assert_eq!(
            map.action(Section::Console, press('T')),
            Some(Action::JumpStory)
        );
        assert_eq!(map.action(Section::Review, press('T')), None);
        assert_eq!(
            map.action(Section::Console, press('R')),
            Some(Action::ReopenDecision)
        );
        assert_eq!(map.action(Section::Review, press('3')), None);
        assert_eq!(
            map.action(Section::Console, press('3')),
            Some(Action::ChooseOption(2))
        );
        let review = vec!["s".to_string()];
        let moved =
            Keymap::with_overrides([(Section::Review, "search", review.as_slice())]).unwrap();
        assert_eq!(
            moved.action(Section::Review, press('s')),
            Some(Action::Search)
        );
        assert_eq!(moved.action(Section::Review, press('/')), None);
    }

    #[test]
    fn a_key_shared_with_a_global_binding_is_refused() {
        let ctrl_c = vec!["ctrl-c".to_string()];
        assert!(
            Keymap::with_overrides([(Section::Review, "search", ctrl_c.as_slice())])
                .unwrap_err()
                .contains("share the key Ctrl-C")
        );
    }

    #[test]
    fn hints_and_help_follow_the_keys_in_force() {
        let map = Keymap::default();
        let line = map.hints(&[
            Hint::new(Section::Console, Action::TogglePause, "start"),
            Hint::pair(Section::Start, Action::Up, Action::Down, "choose"),
            Hint::pair(
                Section::Review,
                Action::PreviousInject,
                Action::NextInject,
                "inject",
            ),
            Hint::new(Section::Console, Action::ChooseOption(0), "decide"),
        ]);
        assert_eq!(line, "Space start  ↑↓ choose  [ ] inject  1-9 decide");
        let quit = vec!["Q".to_string(), "esc".to_string()];
        let map = Keymap::with_overrides([(Section::Console, "quit", quit.as_slice())]).unwrap();
        assert!(
            map.help(Section::Console)
                .iter()
                .any(|(keys, what)| keys == "Q Esc" && what.starts_with("leave"))
        );
    }

    #[test]
    fn no_section_has_two_bindings_on_one_key() {
        Keymap::default().check_clashes().unwrap();
    }

    #[test]
    fn keys_that_could_never_fire_are_refused() {
        let refuse = |section, name: &str, key: &str| {
            let keys = vec![key.to_string()];
            Keymap::with_overrides([(section, name, keys.as_slice())]).unwrap_err()
        };
        // A digit where digits choose options: quit would be unreachable.
        let error = refuse(Section::Console, "quit", "1");
        assert!(error.contains("digits 1-9 choose options"), "{error}");
        assert!(refuse(Section::Global, "interrupt", "2").contains("digits"));
        // Keys the terminal sends as others, and characters nobody can see.
        assert!(refuse(Section::Console, "quit", "ctrl-m").contains("as enter"));
        assert!(refuse(Section::Console, "next", "\u{200B}").contains("U+200B"));
        assert!(refuse(Section::Console, "next", "\u{7}").contains("control or invisible"));
        assert!(refuse(Section::Console, "next", "\u{202E}").contains("U+202E"));

        // Where no digit chooses anything, a digit is a key like another.
        let five = vec!["5".to_string()];
        let map = Keymap::with_overrides([(Section::Review, "search", five.as_slice())]).unwrap();
        assert_eq!(
            map.action(Section::Review, press('5')),
            Some(Action::Search)
        );
    }
}
