//! Every key the console answers to, in one table: the handler, the help
//! screen and the status bar all read it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    TogglePause,
    DeliverNext,
    Faster,
    Slower,
    JumpStory,
    JumpClock,
    ChooseOption(usize),
    CycleRole,
    Respond,
    Tick,
    Untick,
    Note,
    DrawWildcard,
    Presenter,
    FocusNext,
    Up,
    Down,
    PageUp,
    PageDown,
    Earlier,
    Later,
    Help,
    Quit,
    End,
}

/// A default binding: the name a config file uses for it, its keys, what it does.
pub struct Binding {
    pub name: &'static str,
    pub codes: &'static [KeyCode],
    pub action: Action,
    pub description: &'static str,
}

const fn bind(
    name: &'static str,
    codes: &'static [KeyCode],
    action: Action,
    description: &'static str,
) -> Binding {
    Binding {
        name,
        codes,
        action,
        description,
    }
}

use KeyCode::Char;

/// The defaults, in the order the help screen lists them. Digits 1-9 choose
/// options and are handled apart, since the digit is part of the action.
pub const BINDINGS: &[Binding] = &[
    bind(
        "pause",
        &[Char(' ')],
        Action::TogglePause,
        "start, pause or resume the exercise clock",
    ),
    bind(
        "next",
        &[Char('n')],
        Action::DeliverNext,
        "deliver the next inject now",
    ),
    bind(
        "faster",
        &[Char('+'), Char('=')],
        Action::Faster,
        "speed the clock up",
    ),
    bind(
        "slower",
        &[Char('-')],
        Action::Slower,
        "slow the clock down",
    ),
    bind(
        "jump-story",
        &[Char('j')],
        Action::JumpStory,
        "jump story time forward one hour",
    ),
    bind(
        "jump-clock",
        &[Char('J')],
        Action::JumpClock,
        "jump the exercise clock forward five minutes",
    ),
    bind(
        "role",
        &[Char('a')],
        Action::CycleRole,
        "change the role answering",
    ),
    bind(
        "respond",
        &[Char('r')],
        Action::Respond,
        "write the team's response (Ctrl-S records, Esc cancels)",
    ),
    bind(
        "tick",
        &[Char('x')],
        Action::Tick,
        "tick the selected expected action, then pick who did it",
    ),
    bind(
        "untick",
        &[Char('u')],
        Action::Untick,
        "take back the tick of the selected action",
    ),
    bind("note", &[Char('o')], Action::Note, "add a facilitator note"),
    bind(
        "wildcard",
        &[Char('d')],
        Action::DrawWildcard,
        "draw a wildcard card now",
    ),
    bind(
        "presenter",
        &[Char('p')],
        Action::Presenter,
        "presenter view for the projector, and back",
    ),
    bind(
        "focus",
        &[KeyCode::Tab],
        Action::FocusNext,
        "move between the inject and the checklist",
    ),
    bind(
        "up",
        &[KeyCode::Up, Char('k')],
        Action::Up,
        "scroll up, or move up the checklist",
    ),
    bind(
        "down",
        &[KeyCode::Down],
        Action::Down,
        "scroll down, or move down the checklist",
    ),
    bind(
        "page-up",
        &[KeyCode::PageUp],
        Action::PageUp,
        "scroll up a page",
    ),
    bind(
        "page-down",
        &[KeyCode::PageDown],
        Action::PageDown,
        "scroll down a page",
    ),
    bind(
        "earlier",
        &[Char('[')],
        Action::Earlier,
        "look back at the inject before",
    ),
    bind(
        "later",
        &[Char(']')],
        Action::Later,
        "forward again, back to the latest",
    ),
    bind("help", &[Char('?')], Action::Help, "show or hide this help"),
    bind(
        "quit",
        &[Char('q'), KeyCode::Esc],
        Action::Quit,
        "leave (asks first; continue later with `tabletop resume`)",
    ),
    bind(
        "end",
        &[Char('E')],
        Action::End,
        "end the exercise (asks first)",
    ),
];

/// The keys in force: the defaults, with what the user's config file changes.
#[derive(Debug, Clone)]
pub struct Keymap {
    keys: Vec<(Action, Vec<KeyCode>)>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self {
            keys: BINDINGS
                .iter()
                .map(|b| (b.action, b.codes.to_vec()))
                .collect(),
        }
    }
}

impl Keymap {
    /// Replaces the keys of the named bindings. Errors name the binding or key.
    pub fn with_overrides<'a>(
        overrides: impl IntoIterator<Item = (&'a str, &'a [String])>,
    ) -> Result<Self, String> {
        let mut map = Self::default();
        for (name, keys) in overrides {
            let index = BINDINGS
                .iter()
                .position(|b| b.name == name)
                .ok_or_else(|| {
                    let names: Vec<&str> = BINDINGS.iter().map(|b| b.name).collect();
                    match tabletop_core::suggest::did_you_mean(name, &names) {
                        Some(best) => {
                            format!("no key binding \"{name}\": did you mean \"{best}\"?")
                        }
                        None => {
                            format!("no key binding \"{name}\"; bindings: {}", names.join(", "))
                        }
                    }
                })?;
            let codes = keys
                .iter()
                .map(|k| parse_key(k))
                .collect::<Result<Vec<_>, _>>()?;
            if codes.is_empty() {
                return Err(format!("the binding \"{name}\" needs at least one key"));
            }
            map.keys[index].1 = codes;
        }
        for (i, (_, codes)) in map.keys.iter().enumerate() {
            for code in codes {
                if let Some((j, _)) = map
                    .keys
                    .iter()
                    .enumerate()
                    .find(|(j, (_, other))| *j != i && other.contains(code))
                {
                    return Err(format!(
                        "\"{}\" and \"{}\" share the key {}: give each its own",
                        BINDINGS[i.min(j)].name,
                        BINDINGS[i.max(j)].name,
                        key_label(*code)
                    ));
                }
            }
        }
        Ok(map)
    }

    pub fn action_for(&self, key: KeyEvent) -> Option<Action> {
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            return None;
        }
        if let Char(c @ '1'..='9') = key.code {
            return Some(Action::ChooseOption(c as usize - '1' as usize));
        }
        self.keys
            .iter()
            .find(|(_, codes)| codes.contains(&key.code))
            .map(|(action, _)| *action)
    }

    /// How the help screen and status bar write the keys of an action.
    pub fn label(&self, action: Action) -> String {
        self.keys
            .iter()
            .find(|(a, _)| *a == action)
            .map(|(_, codes)| {
                codes
                    .iter()
                    .map(|c| key_label(*c))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default()
    }
}

/// Key names as a config file writes them: one character, or space, tab, esc,
/// enter, backspace, up, down, left, right, pageup, pagedown, home, end.
fn parse_key(text: &str) -> Result<KeyCode, String> {
    let mut chars = text.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Ok(Char(c));
    }
    Ok(match text.to_ascii_lowercase().as_str() {
        "space" => Char(' '),
        "tab" => KeyCode::Tab,
        "esc" | "escape" => KeyCode::Esc,
        "enter" | "return" => KeyCode::Enter,
        "backspace" => KeyCode::Backspace,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pageup" | "pgup" => KeyCode::PageUp,
        "pagedown" | "pgdn" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        _ => {
            return Err(format!(
                "unknown key \"{text}\": write one character, or space, tab, esc, enter, backspace, up, down, left, right, pageup, pagedown, home, end"
            ));
        }
    })
}

fn key_label(code: KeyCode) -> String {
    match code {
        Char(' ') => "Space".into(),
        Char(c) => c.to_string(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_replace_keys_and_catch_mistakes() {
        let keys = vec!["F".to_string()];
        let map = Keymap::with_overrides([("next", keys.as_slice())]).unwrap();
        assert_eq!(
            map.action_for(KeyEvent::new(Char('F'), KeyModifiers::NONE)),
            Some(Action::DeliverNext)
        );
        assert_eq!(
            map.action_for(KeyEvent::new(Char('n'), KeyModifiers::NONE)),
            None
        );
        let clash = vec!["x".to_string()];
        assert!(
            Keymap::with_overrides([("next", clash.as_slice())])
                .unwrap_err()
                .contains("share the key x")
        );
        assert!(
            Keymap::with_overrides([("nxt", keys.as_slice())])
                .unwrap_err()
                .contains("did you mean \"next\"")
        );
        let bad = vec!["ctrl-q".to_string()];
        assert!(
            Keymap::with_overrides([("quit", bad.as_slice())])
                .unwrap_err()
                .contains("unknown key \"ctrl-q\"")
        );
    }
}
