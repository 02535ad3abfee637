//! The help dialog: every binding of a section, written from the keymap in
//! force, so it shows what the keys really do.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

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
    /// Rows scrolled past, when the list does not fit.
    pub scroll: u16,
}

impl<M> Modal<M> for Help {
    fn section(&self) -> Section {
        Section::Help
    }

    fn key(&mut self, key: KeyEvent, keymap: &Keymap) -> Reply<M> {
        match keymap.action(Section::Help, key) {
            Some(Action::Back) => Reply::Close,
            Some(Action::Down) => {
                self.scroll = self.scroll.saturating_add(1);
                Reply::Stay
            }
            Some(Action::Up) => {
                self.scroll = self.scroll.saturating_sub(1);
                Reply::Stay
            }
            _ if keymap.action(Section::Global, key).is_some() => Reply::Pass,
            _ => Reply::Stay,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, look: Look<'_>) {
        let theme = look.theme;
        let width = self.key_width;
        let entries: Vec<(String, String)> = look
            .keymap
            .help(self.section)
            .into_iter()
            .map(|(keys, description)| (keys, description.to_string()))
            .chain(
                self.notes
                    .iter()
                    .map(|(what, description)| (what.to_string(), description.to_string())),
            )
            .collect();
        let widest = entries
            .iter()
            .map(|(_, d)| d.chars().count() + width + 1)
            .max()
            .unwrap_or(20) as u16;
        let area = match self.width {
            Some(w) => centred(area, w, entries.len() as u16 + 2),
            None => area,
        };
        frame.render_widget(Clear, area);
        let inner = Block::bordered().inner(area);
        // One column when every entry fits on its row, else two; each entry
        // wraps under its description, the keys standing out on the left.
        let two = entries.len() as u16 > inner.height || widest > inner.width;
        let column_width = if two {
            inner.width.saturating_sub(2) / 2
        } else {
            inner.width
        };
        let hanging = " ".repeat(width + 1);
        let rows = |entries: &[(String, String)]| -> Vec<Line> {
            let options = textwrap::Options::new(usize::from(column_width).max(width + 10))
                .initial_indent("")
                .subsequent_indent(&hanging);
            let mut out = Vec::new();
            for (keys, description) in entries {
                let text = format!("{keys:<width$} {description}");
                for (k, row) in textwrap::wrap(&text, &options).into_iter().enumerate() {
                    out.push(if k == 0 {
                        let (keys, rest) = row.split_at(row.len().min(width));
                        Line::from(vec![
                            Span::styled(keys.to_string(), theme.accent()),
                            Span::raw(rest.to_string()),
                        ])
                    } else {
                        Line::raw(row.into_owned())
                    });
                }
            }
            out
        };
        let (left, right) = if two {
            let half = entries.len().div_ceil(2);
            (rows(&entries[..half]), rows(&entries[half..]))
        } else {
            (rows(&entries), Vec::new())
        };
        let longest = left.len().max(right.len()) as u16;
        let scroll = self.scroll.min(longest.saturating_sub(inner.height));
        let more = longest > inner.height + scroll;
        let footer = if more || scroll > 0 {
            format!(" ↑↓ more · {}", self.footer.trim_start())
        } else {
            self.footer.to_string()
        };
        frame.render_widget(
            Block::bordered().title(self.title).title_bottom(footer),
            area,
        );
        if two {
            let [l, r] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)])
                .spacing(2)
                .areas(inner);
            frame.render_widget(Paragraph::new(left).scroll((scroll, 0)), l);
            frame.render_widget(Paragraph::new(right).scroll((scroll, 0)), r);
        } else {
            frame.render_widget(Paragraph::new(left).scroll((scroll, 0)), inner);
        }
    }

    fn hints(&self) -> Vec<Hint> {
        vec![Hint::new(Section::Help, Action::Back, "close help")]
    }
}
