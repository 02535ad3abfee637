//! The console's dialogs: help, leaving or ending, the text editor for
//! responses and notes, and the picker of who took an action. Each tells the
//! console what was decided with a [`Message`].

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui_textarea::{TextArea, WrapMode};
use tabletop_core::text::visible;

use crate::keymap::{Action, Hint, Keymap, Section};
use crate::screen::modal::{Look, Modal, Reply};
use crate::theme::Theme;
use crate::widgets::centred;
use crate::widgets::confirm::Confirm;
use crate::widgets::help::Help;

/// What a dialog asks the console to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Leave,
    End,
    /// No to leaving or ending: the exercise goes on.
    Stay,
    /// Record a response or a note; the editor closes once it is recorded.
    Save {
        kind: EditorKind,
        text: String,
    },
    Cancelled,
    /// The editor moved on to another answering role.
    Role(usize),
    /// `role` took `action`.
    Observe {
        action: String,
        role: String,
    },
    /// Deliver the next inject, leaving the open decision not taken.
    MoveOn,
    /// Take back the latest tick, response or note.
    Undo,
    /// Record option `n` of the open decision.
    Decide(usize),
    JumpStory,
    JumpClock,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorKind {
    Response,
    Note,
    /// New words for the response recorded as this event.
    Correction(u64),
}

pub fn help() -> Help {
    Help {
        section: Section::Console,
        title: " Keys ",
        footer: " Everything is saved as it happens · ? closes ",
        key_width: 7,
        width: None,
        notes: &[],
        scroll: 0,
    }
}

pub fn confirm_quit(path: &str, theme: Theme) -> Confirm<Message> {
    Confirm {
        lines: vec![
            Line::styled("Leave the console?", theme.title()),
            Line::raw("Everything so far is saved. Continue later with"),
            Line::styled(format!("tabletop resume {}", visible(path)), theme.accent()),
            Line::raw(""),
            Line::raw("The clock is paused while you decide."),
            Line::raw(""),
            Line::raw("y leave · any other key stays"),
        ],
        yes: Message::Leave,
        no: Some(Message::Stay),
    }
}

pub fn confirm_move_on(prompt: &str, theme: Theme) -> Confirm<Message> {
    Confirm {
        lines: vec![
            Line::styled("A decision is still open", theme.title()),
            Line::raw(visible(prompt)),
            Line::raw("Moving on records it as not taken; R on its inject opens it again."),
            Line::raw(""),
            Line::raw("y move on · any other key stays"),
        ],
        yes: Message::MoveOn,
        no: None,
    }
}

pub fn confirm_choice(n: usize, label: &str, role: &str, theme: Theme) -> Confirm<Message> {
    Confirm {
        lines: vec![
            Line::styled(format!("Record option {}?", n + 1), theme.title()),
            Line::styled(visible(label), theme.accent()),
            Line::raw(format!("as the decision of {}", visible(role))),
            Line::raw(""),
            Line::raw("y record it · any other key goes back (then a picks who answers)"),
        ],
        yes: Message::Decide(n),
        no: None,
    }
}

pub fn confirm_undo(what: String, theme: Theme) -> Confirm<Message> {
    Confirm {
        lines: vec![
            Line::styled("Take this back?", theme.title()),
            Line::raw(what),
            Line::raw("It stays in the transcript, marked as taken back."),
            Line::raw(""),
            Line::raw("y take it back · any other key keeps it"),
        ],
        yes: Message::Undo,
        no: None,
    }
}

pub fn confirm_jump(story: bool, theme: Theme) -> Confirm<Message> {
    let (what, how_far, yes) = if story {
        ("story time", "one hour", Message::JumpStory)
    } else {
        ("the exercise clock", "five minutes", Message::JumpClock)
    };
    Confirm {
        lines: vec![
            Line::styled(format!("Jump {what} forward {how_far}?"), theme.title()),
            Line::raw("Deadlines and injects due in between come due at once."),
            Line::raw("Time never runs backwards: this cannot be taken back."),
            Line::raw(""),
            Line::raw("y jump · any other key stays"),
        ],
        yes,
        no: None,
    }
}

pub fn confirm_end(theme: Theme) -> Confirm<Message> {
    Confirm {
        lines: vec![
            Line::styled("End the exercise?", theme.title()),
            Line::raw("No more injects will come and it cannot be resumed."),
            Line::raw(""),
            Line::raw("y end it · any other key goes on"),
        ],
        yes: Message::End,
        no: Some(Message::Stay),
    }
}

/// A response from the answering role, or a facilitator note.
pub struct Editor {
    pub kind: EditorKind,
    pub text: TextArea<'static>,
    /// Display names of the scenario's roles, and which one answers.
    roles: Vec<String>,
    role: usize,
}

impl Editor {
    pub fn new(kind: EditorKind, roles: Vec<String>, role: usize) -> Self {
        let mut text = TextArea::default();
        text.set_placeholder_text(match kind {
            EditorKind::Response => {
                "What did the team say or decide? Ctrl-S records it, Esc cancels."
            }
            EditorKind::Note => "A note only the facilitator sees. Ctrl-S records it, Esc cancels.",
            EditorKind::Correction(_) => {
                "The response as it should read. Ctrl-S records it, Esc cancels."
            }
        });
        // Long answers wrap at word boundaries rather than run off the box.
        text.set_wrap_mode(WrapMode::Word);
        Self {
            kind,
            text,
            roles,
            role,
        }
    }

    /// An editor holding `text` already, the cursor at its end.
    pub fn with_text(mut self, text: &str) -> Self {
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::Word);
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        self.text = area;
        self
    }
}

impl Modal<Message> for Editor {
    fn section(&self) -> Section {
        Section::Editor
    }

    fn key(&mut self, key: KeyEvent, keymap: &Keymap) -> Reply<Message> {
        match keymap.action(Section::Editor, key) {
            Some(Action::Cancel) => Reply::CloseAndSend(Message::Cancelled),
            Some(Action::Save) => Reply::Send(Message::Save {
                kind: self.kind,
                text: self.text.lines().join("\n"),
            }),
            Some(Action::OtherRole) => {
                self.role = (self.role + 1) % self.roles.len().max(1);
                Reply::Send(Message::Role(self.role))
            }
            _ if keymap.action(Section::Global, key).is_some() => Reply::Pass,
            _ => {
                self.text.input(key);
                Reply::Stay
            }
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, _: Look<'_>) {
        let box_area = centred(area, area.width.saturating_sub(8).max(40), 10);
        let title = match self.kind {
            EditorKind::Response => format!(
                " Response from {} (Ctrl-R other role) ",
                visible(self.roles.get(self.role).map_or("", String::as_str))
            ),
            EditorKind::Note => " Facilitator note ".to_string(),
            EditorKind::Correction(_) => " Correct the response ".to_string(),
        };
        frame.render_widget(Clear, box_area);
        let block = Block::bordered()
            .title(title)
            .title_bottom(" Ctrl-S record · Esc cancel ");
        let inner = block.inner(box_area);
        frame.render_widget(block, box_area);
        frame.render_widget(&self.text, inner);
    }

    fn hints(&self) -> Vec<Hint> {
        vec![
            Hint::new(Section::Editor, Action::Save, "record"),
            Hint::new(Section::Editor, Action::OtherRole, "role"),
            Hint::new(Section::Editor, Action::Cancel, "cancel"),
        ]
    }
}

/// Who took the action being ticked.
pub struct RolePicker {
    action: String,
    title: String,
    roles: Vec<String>,
    names: Vec<String>,
    selected: usize,
}

impl RolePicker {
    pub fn new(
        action: String,
        title: String,
        roles: Vec<String>,
        names: Vec<String>,
        selected: usize,
    ) -> Self {
        Self {
            action,
            title,
            roles,
            names,
            selected,
        }
    }

    fn observe(&self, n: usize) -> Reply<Message> {
        match self.roles.get(n) {
            Some(role) => Reply::CloseAndSend(Message::Observe {
                action: self.action.clone(),
                role: role.clone(),
            }),
            None => Reply::Stay,
        }
    }
}

impl Modal<Message> for RolePicker {
    fn section(&self) -> Section {
        Section::Picker
    }

    fn key(&mut self, key: KeyEvent, keymap: &Keymap) -> Reply<Message> {
        match keymap.action(Section::Picker, key) {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => {
                self.selected = (self.selected + 1).min(self.roles.len().saturating_sub(1))
            }
            Some(Action::ChooseOption(n)) => return self.observe(n),
            Some(Action::Choose) => return self.observe(self.selected),
            Some(Action::Cancel) => return Reply::Close,
            _ if keymap.action(Section::Global, key).is_some() => return Reply::Pass,
            _ => {}
        }
        Reply::Stay
    }

    fn render(&self, frame: &mut Frame, area: Rect, look: Look<'_>) {
        let theme = look.theme;
        let box_area = centred(area, 60, self.roles.len() as u16 + 3);
        let mut lines = vec![Line::styled(
            format!("Who did: {}", visible(&self.title)),
            theme.title(),
        )];
        for (n, name) in self.names.iter().enumerate() {
            let line = Line::raw(format!(" {}  {}", n + 1, visible(name)));
            lines.push(if n == self.selected {
                line.style(theme.selected())
            } else {
                line
            });
        }
        frame.render_widget(Clear, box_area);
        frame.render_widget(
            Paragraph::new(lines).block(Block::bordered().title(" Tick ")),
            box_area,
        );
    }

    fn hints(&self) -> Vec<Hint> {
        vec![
            Hint::pair(Section::Picker, Action::Up, Action::Down, "or 1-9 choose"),
            Hint::new(Section::Picker, Action::Choose, "tick"),
            Hint::new(Section::Picker, Action::Cancel, "cancel"),
        ]
    }
}
