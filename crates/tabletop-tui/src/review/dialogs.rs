//! The review's dialogs: help, search, writing an annotation, deleting one.
//! Each tells the review what was decided with a [`Message`].

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};
use ratatui_textarea::TextArea;
use tabletop_core::annotations::AnnotationKind;

use crate::keymap::{Action, Hint, Keymap, Section};
use crate::screen::modal::{Look, Modal, Reply};
use crate::theme::Theme;
use crate::widgets::centred;
use crate::widgets::confirm::Confirm;
use crate::widgets::help::Help;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// Find these words (lower-cased).
    Search(String),
    /// Save an annotation; the dialog closes once it is saved.
    Save {
        kind: AnnotationKind,
        text: String,
    },
    /// Something to tell the trainer: the text, and whether it is a warning.
    Tell(&'static str, bool),
    Delete(u64),
    Kept,
}

pub fn help(section: Section) -> Help {
    Help {
        section,
        title: " Review keys ",
        footer: " ? closes ",
        key_width: 11,
        width: Some(84),
        notes: &[(
            "mouse",
            "a click selects an event; the wheel moves through events or scrolls details",
        )],
        scroll: 0,
    }
}

pub fn confirm_delete(id: u64, text: String, theme: Theme) -> Confirm<Message> {
    Confirm {
        lines: vec![
            Line::styled("Delete this annotation?", theme.title()),
            Line::raw(text),
            Line::raw(""),
            Line::raw("y delete · any other key keeps it"),
        ],
        yes: Message::Delete(id),
        no: Some(Message::Kept),
    }
}

/// Words to find in the transcript.
pub struct Search {
    text: TextArea<'static>,
}

impl Search {
    pub fn new() -> Self {
        let mut text = TextArea::default();
        text.set_placeholder_text("words to find; Enter searches, Esc cancels");
        Self { text }
    }
}

impl Modal<Message> for Search {
    fn section(&self) -> Section {
        Section::Search
    }

    fn key(&mut self, key: KeyEvent, keymap: &Keymap) -> Reply<Message> {
        match keymap.action(Section::Search, key) {
            Some(Action::Choose) => {
                let needle = self.text.lines().join(" ").trim().to_lowercase();
                if needle.is_empty() {
                    Reply::Close
                } else {
                    Reply::CloseAndSend(Message::Search(needle))
                }
            }
            Some(Action::Cancel) => Reply::Close,
            _ if keymap.action(Section::Global, key).is_some() => Reply::Pass,
            _ => {
                self.text.input(key);
                Reply::Stay
            }
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, _: Look<'_>) {
        let box_area = centred(area, 60, 3);
        frame.render_widget(Clear, box_area);
        let block = Block::bordered().title(" Search ");
        let inner = block.inner(box_area);
        frame.render_widget(block, box_area);
        frame.render_widget(&self.text, inner);
    }

    fn hints(&self) -> Vec<Hint> {
        vec![
            Hint::new(Section::Search, Action::Choose, "search"),
            Hint::new(Section::Search, Action::Cancel, "cancel"),
        ]
    }
}

/// A trainer's annotation on event `seq`.
pub struct Annotate {
    seq: u64,
    kind: AnnotationKind,
    text: TextArea<'static>,
    /// Esc (or Ctrl-C) was pressed once with text typed: again discards it.
    discard_armed: bool,
}

impl Annotate {
    pub fn new(seq: u64) -> Self {
        let mut text = TextArea::default();
        text.set_placeholder_text(
            "What did you see? Tab changes the kind, Ctrl-S saves, Esc cancels.",
        );
        Self {
            seq,
            kind: AnnotationKind::Note,
            text,
            discard_armed: false,
        }
    }
}

impl Modal<Message> for Annotate {
    fn section(&self) -> Section {
        Section::Annotate
    }

    fn key(&mut self, key: KeyEvent, keymap: &Keymap) -> Reply<Message> {
        let action = keymap.action(Section::Annotate, key);
        let leaving = action == Some(Action::Cancel)
            || keymap.action(Section::Global, key) == Some(Action::Interrupt);
        // Typed words are not thrown away by one stray key.
        if leaving {
            if self.text.is_empty() || self.discard_armed {
                return Reply::CloseAndSend(Message::Tell("nothing saved", false));
            }
            self.discard_armed = true;
            return Reply::Send(Message::Tell(
                "Esc again discards what you typed; Ctrl-S saves it",
                true,
            ));
        }
        self.discard_armed = false;
        match action {
            Some(Action::ChangeKind) => {
                self.kind = match self.kind {
                    AnnotationKind::Note => AnnotationKind::Strength,
                    AnnotationKind::Strength => AnnotationKind::Improvement,
                    AnnotationKind::Improvement => AnnotationKind::Note,
                };
            }
            Some(Action::Save) => {
                return Reply::Send(Message::Save {
                    kind: self.kind,
                    text: self.text.lines().join("\n"),
                });
            }
            _ => {
                self.text.input(key);
            }
        }
        Reply::Stay
    }

    fn render(&self, frame: &mut Frame, area: Rect, look: Look<'_>) {
        let box_area = centred(area, area.width.saturating_sub(8).max(40), 10);
        frame.render_widget(Clear, box_area);
        let block = Block::bordered()
            .title(Line::from(vec![
                Span::raw(format!(" Annotate #{} as ", self.seq)),
                Span::styled(self.kind.name(), look.theme.annotation(self.kind)),
                Span::raw(" (Tab changes) "),
            ]))
            .title_bottom(" Ctrl-S save · Esc cancel ");
        let inner = block.inner(box_area);
        frame.render_widget(block, box_area);
        frame.render_widget(&self.text, inner);
    }

    fn hints(&self) -> Vec<Hint> {
        vec![
            Hint::new(Section::Annotate, Action::Save, "save"),
            Hint::new(Section::Annotate, Action::ChangeKind, "kind"),
            Hint::new(Section::Annotate, Action::Cancel, "cancel"),
        ]
    }
}
