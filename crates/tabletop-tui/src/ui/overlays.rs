//! Boxes drawn over the console: help, confirmations, the text editor and the
//! role picker.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::app::{App, Confirm, EditorKind, Overlay};
use crate::keymap::BINDINGS;

pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme;
    match &app.overlay {
        None => {}
        Some(Overlay::Help) => {
            let entry = |keys: String, description: &'static str| {
                Line::from(vec![
                    Span::styled(format!(" {keys:<7}"), theme.accent()),
                    Span::raw(description),
                ])
            };
            let mut lines: Vec<Line> = BINDINGS
                .iter()
                .map(|b| entry(app.keymap.label(b.action), b.description))
                .collect();
            // The digits choose options; they follow the clock keys.
            lines.insert(
                6,
                entry("1-9".into(), "choose a decision option (or click it)"),
            );
            frame.render_widget(Clear, area);
            let block = Block::bordered()
                .title(" Keys ")
                .title_bottom(" Everything is saved as it happens · ? closes ");
            let inner = block.inner(area);
            frame.render_widget(block, area);
            // One column when it fits, else two side by side.
            if lines.len() as u16 <= inner.height {
                frame.render_widget(Paragraph::new(lines), inner);
            } else {
                let second = lines.split_off(lines.len().div_ceil(2));
                let [left, right] =
                    Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(inner);
                frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), left);
                frame.render_widget(Paragraph::new(second).wrap(Wrap { trim: true }), right);
            }
        }
        Some(Overlay::Confirm(what)) => {
            let path = app.session.path().display().to_string();
            let text = match what {
                Confirm::Quit => vec![
                    Line::styled("Leave the console?", theme.title()),
                    Line::raw("Everything so far is saved. Continue later with"),
                    Line::styled(format!("tabletop resume {path}"), theme.accent()),
                    Line::raw(""),
                    Line::raw("y leave · any other key stays"),
                ],
                Confirm::End => vec![
                    Line::styled("End the exercise?", theme.title()),
                    Line::raw("No more injects will come and it cannot be resumed."),
                    Line::raw(""),
                    Line::raw("y end it · any other key goes on"),
                ],
            };
            let box_area = centred(area, 64, text.len() as u16 + 2);
            frame.render_widget(Clear, box_area);
            frame.render_widget(
                Paragraph::new(text)
                    .wrap(Wrap { trim: true })
                    .block(Block::bordered()),
                box_area,
            );
        }
        Some(Overlay::Editor(editor)) => {
            let box_area = centred(area, area.width.saturating_sub(8).max(40), 10);
            let title = match editor.kind {
                EditorKind::Response => format!(
                    " Response from {} (Ctrl-R other role) ",
                    app.role_name(&app.answering_role())
                ),
                EditorKind::Note => " Facilitator note ".to_string(),
            };
            frame.render_widget(Clear, box_area);
            let block = Block::bordered()
                .title(title)
                .title_bottom(" Ctrl-S record · Esc cancel ");
            let inner = block.inner(box_area);
            frame.render_widget(block, box_area);
            frame.render_widget(&editor.text, inner);
        }
        Some(Overlay::RolePicker { action, selected }) => {
            let roles = app.roles();
            let title = app
                .session
                .engine()
                .plan()
                .action(action)
                .map_or_else(|| action.clone(), |a| a.title.clone());
            let box_area = centred(area, 60, roles.len() as u16 + 3);
            let mut lines = vec![Line::styled(
                format!("Who did: {}", tabletop_core::text::visible(&title)),
                theme.title(),
            )];
            for (n, role) in roles.iter().enumerate() {
                let line = Line::raw(format!(" {}  {}", n + 1, app.role_name(role)));
                lines.push(if n == *selected {
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
    }
}
