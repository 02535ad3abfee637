//! The help dialog: every binding of a section, written from the keymap in
//! force, so it shows what the keys really do.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::centred;
use crate::keymap::{Action, Hint, Keymap, Section};
use crate::screen::modal::{Look, Modal, Reply};

pub struct Help {
    /// Whose keys it lists.
    pub section: Section,
    pub title: &'static str,
    pub footer: &'static str,
    /// Width of the keys column.
    pub key_width: usize,
    /// `None` fills the area given; else a box this wide, centred.
    pub width: Option<u16>,
    /// Rows for input that is not a key (the mouse): what, then what it does.
    pub notes: &'static [(&'static str, &'static str)],
}

impl<M> Modal<M> for Help {
    fn section(&self) -> Section {
        Section::Help
    }

    fn key(&mut self, key: KeyEvent, keymap: &Keymap) -> Reply<M> {
        match keymap.action(Section::Help, key) {
            Some(Action::Back) => Reply::Close,
            _ if keymap.action(Section::Global, key).is_some() => Reply::Pass,
            _ => Reply::Stay,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, look: Look<'_>) {
        let theme = look.theme;
        let width = self.key_width;
        let mut lines: Vec<Line> = look
            .keymap
            .help(self.section)
            .into_iter()
            .map(|(keys, description)| {
                Line::from(vec![
                    Span::styled(format!(" {keys:<width$}"), theme.accent()),
                    Span::raw(description),
                ])
            })
            .chain(self.notes.iter().map(|(what, description)| {
                Line::from(vec![
                    Span::styled(format!(" {what:<width$}"), theme.accent()),
                    Span::raw(*description),
                ])
            }))
            .collect();
        let area = match self.width {
            Some(w) => centred(area, w, lines.len() as u16 + 2),
            None => area,
        };
        frame.render_widget(Clear, area);
        let block = Block::bordered()
            .title(self.title)
            .title_bottom(self.footer);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        // One column when it fits, else two side by side.
        if lines.len() as u16 <= inner.height {
            frame.render_widget(Paragraph::new(lines), inner);
        } else {
            let second = lines.split_off(lines.len().div_ceil(2));
            let [left, right] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)])
                .spacing(2)
                .areas(inner);
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), left);
            frame.render_widget(Paragraph::new(second).wrap(Wrap { trim: true }), right);
        }
    }

    fn hints(&self) -> Vec<Hint> {
        vec![Hint::new(Section::Help, Action::Back, "close help")]
    }
}
