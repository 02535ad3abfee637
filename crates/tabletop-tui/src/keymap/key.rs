//! One key as a binding names it, how a config file writes it, and how the
//! help screen and status bar show it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key, with or without Ctrl. Shift is part of the character (`J`, `?`),
/// so it is not compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    pub const fn char(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            ctrl: false,
        }
    }

    pub const fn code(code: KeyCode) -> Self {
        Self { code, ctrl: false }
    }

    pub const fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            ctrl: true,
        }
    }

    pub fn matches(self, event: KeyEvent) -> bool {
        self.code == event.code && self.ctrl == event.modifiers.contains(KeyModifiers::CONTROL)
    }

    /// Key names as a config file writes them: one character, ctrl-x, or
    /// space, tab, esc, enter, backspace, up, down, left, right, pageup,
    /// pagedown, home, end.
    pub fn parse(text: &str) -> Result<Self, String> {
        let lower = text.to_ascii_lowercase();
        if let Some(rest) = lower.strip_prefix("ctrl-").or(lower.strip_prefix("ctrl+")) {
            let mut chars = rest.chars();
            if let (Some(c), None) = (chars.next(), chars.next())
                && c.is_ascii_alphabetic()
            {
                // The terminal sends these as other keys: a binding on one
                // would never fire.
                if let Some(sent_as) = match c {
                    'i' => Some("tab"),
                    'm' | 'j' => Some("enter"),
                    'h' => Some("backspace"),
                    _ => None,
                } {
                    return Err(format!(
                        "\"{text}\" arrives from the terminal as {sent_as}: bind {sent_as} or another key"
                    ));
                }
                return Ok(Self::ctrl(c));
            }
        }
        let mut chars = text.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            // A key must be one you can see and type: no control or
            // invisible characters (they would also hide in the help).
            if c != ' ' && (c.is_whitespace() || tabletop_core::text::visible(text) != text) {
                return Err(format!(
                    "the key U+{:04X} is a control or invisible character: write a visible one, or a name such as tab or enter",
                    c as u32
                ));
            }
            return Ok(Self::char(c));
        }
        Ok(Self::code(match lower.as_str() {
            "space" => KeyCode::Char(' '),
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
                    "unknown key \"{text}\": write one character, ctrl-x, or space, tab, esc, enter, backspace, up, down, left, right, pageup, pagedown, home, end"
                ));
            }
        }))
    }

    /// 1 to 9 with no modifier: what chooses an option.
    pub fn is_plain_digit(self) -> bool {
        matches!(self.code, KeyCode::Char('1'..='9')) && !self.ctrl
    }

    pub fn label(self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".into(),
            KeyCode::Char(c) if self.ctrl => c.to_ascii_uppercase().to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{name}")
        } else {
            name
        }
    }

    /// Arrows sit together in a hint (`↑↓`); other keys are spaced (`[ ]`).
    pub fn is_arrow(self) -> bool {
        matches!(
            self.code,
            KeyCode::Up | KeyCode::Down | KeyCode::Left | KeyCode::Right
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_names_parse_and_label_back() {
        assert_eq!(Key::parse("space").unwrap().label(), "Space");
        assert_eq!(Key::parse("ctrl-s").unwrap(), Key::ctrl('s'));
        assert_eq!(Key::ctrl('s').label(), "Ctrl-S");
        assert_eq!(Key::parse("J").unwrap(), Key::char('J'));
        assert!(Key::parse("hyper-q").unwrap_err().contains("unknown key"));
    }

    #[test]
    fn ctrl_is_compared_and_shift_is_not() {
        let shifted = KeyEvent::new(KeyCode::Char('J'), KeyModifiers::SHIFT);
        assert!(Key::char('J').matches(shifted));
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert!(Key::ctrl('s').matches(ctrl_s));
        assert!(!Key::char('s').matches(ctrl_s));
    }
}
