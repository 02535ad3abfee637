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
    Help,
    Quit,
    End,
}

pub struct Binding {
    /// How the help screen writes the keys.
    pub keys: &'static str,
    pub codes: &'static [KeyCode],
    pub action: Action,
    pub description: &'static str,
}

const fn bind(
    keys: &'static str,
    codes: &'static [KeyCode],
    action: Action,
    description: &'static str,
) -> Binding {
    Binding {
        keys,
        codes,
        action,
        description,
    }
}

use KeyCode::Char;

/// In the order the help screen lists them. Digits 1-9 choose options and are
/// handled apart, since the digit is part of the action.
pub const BINDINGS: &[Binding] = &[
    bind(
        "Space",
        &[Char(' ')],
        Action::TogglePause,
        "start, pause or resume the exercise clock",
    ),
    bind(
        "n",
        &[Char('n')],
        Action::DeliverNext,
        "deliver the next inject now",
    ),
    bind(
        "+",
        &[Char('+'), Char('=')],
        Action::Faster,
        "speed the clock up",
    ),
    bind("-", &[Char('-')], Action::Slower, "slow the clock down"),
    bind(
        "j",
        &[Char('j')],
        Action::JumpStory,
        "jump story time forward one hour",
    ),
    bind(
        "J",
        &[Char('J')],
        Action::JumpClock,
        "jump the exercise clock forward five minutes",
    ),
    bind(
        "1-9",
        &[],
        Action::ChooseOption(0),
        "choose a decision option",
    ),
    bind(
        "a",
        &[Char('a')],
        Action::CycleRole,
        "change the role answering",
    ),
    bind(
        "r",
        &[Char('r')],
        Action::Respond,
        "write the team's response (Ctrl-S records, Esc cancels)",
    ),
    bind(
        "x",
        &[Char('x')],
        Action::Tick,
        "tick the selected expected action, then pick who did it",
    ),
    bind(
        "u",
        &[Char('u')],
        Action::Untick,
        "take back the tick of the selected action",
    ),
    bind("o", &[Char('o')], Action::Note, "add a facilitator note"),
    bind(
        "d",
        &[Char('d')],
        Action::DrawWildcard,
        "draw a wildcard card now",
    ),
    bind(
        "p",
        &[Char('p')],
        Action::Presenter,
        "presenter view for the projector, and back",
    ),
    bind(
        "Tab",
        &[KeyCode::Tab],
        Action::FocusNext,
        "move between the inject and the checklist",
    ),
    bind(
        "↑ k",
        &[KeyCode::Up, Char('k')],
        Action::Up,
        "scroll up, or move up the checklist",
    ),
    bind(
        "↓",
        &[KeyCode::Down],
        Action::Down,
        "scroll down, or move down the checklist",
    ),
    bind(
        "PgUp",
        &[KeyCode::PageUp],
        Action::PageUp,
        "scroll up a page",
    ),
    bind(
        "PgDn",
        &[KeyCode::PageDown],
        Action::PageDown,
        "scroll down a page",
    ),
    bind("?", &[Char('?')], Action::Help, "show or hide this help"),
    bind(
        "q Esc",
        &[Char('q'), KeyCode::Esc],
        Action::Quit,
        "leave (asks first; continue later with `tabletop resume`)",
    ),
    bind(
        "E",
        &[Char('E')],
        Action::End,
        "end the exercise (asks first)",
    ),
];

pub fn action_for(key: KeyEvent) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return None;
    }
    if let Char(c @ '1'..='9') = key.code {
        return Some(Action::ChooseOption(c as usize - '1' as usize));
    }
    BINDINGS
        .iter()
        .find(|b| b.codes.contains(&key.code))
        .map(|b| b.action)
}
