//! A yes-or-no question over a screen: the yes keys answer yes, any other
//! key answers no.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::centred;
use crate::keymap::{Action, Hint, Keymap, Section};
use crate::screen::modal::{Look, Modal, Reply};

pub struct Confirm<M> {
    pub lines: Vec<Line<'static>>,
    pub yes: M,
    /// Sent when the answer is no, if the screen wants to know.
    pub no: Option<M>,
}

impl<M: Clone> Modal<M> for Confirm<M> {
    fn section(&self) -> Section {
        Section::Confirm
    }

    fn key(&mut self, key: KeyEvent, keymap: &Keymap) -> Reply<M> {
        match keymap.action(Section::Confirm, key) {
            Some(Action::Yes) => Reply::CloseAndSend(self.yes.clone()),
            _ if keymap.action(Section::Global, key).is_some() => Reply::Pass,
            _ => match self.no.clone() {
                Some(no) => Reply::CloseAndSend(no),
                None => Reply::Close,
            },
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, _: Look<'_>) {
        let box_area = centred(area, 64, self.lines.len() as u16 + 2);
        frame.render_widget(Clear, box_area);
        frame.render_widget(
            Paragraph::new(self.lines.clone())
                .wrap(Wrap { trim: true })
                .block(Block::bordered()),
            box_area,
        );
    }

    fn hints(&self) -> Vec<Hint> {
        vec![Hint::new(
            Section::Confirm,
            Action::Yes,
            "yes  any other key no",
        )]
    }
}
