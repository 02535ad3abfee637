//! The status bar: what just happened, and the keys that matter now.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::console::Console;
use crate::screen::Screen;
use crate::widgets::status_bar;

pub fn render(frame: &mut Frame, area: Rect, app: &Console) {
    let theme = app.theme;
    let state = app.session.engine().state();
    let mut spans = Vec::new();
    if let Some(index) = app.viewing {
        spans.push(Span::styled(
            format!(
                " looking back: {} of {} · ] returns ",
                index + 1,
                state.deliveries.len()
            ),
            theme.warn(),
        ));
    }
    if let Some((message, error)) = &app.message {
        spans.push(Span::styled(
            format!(" {message} "),
            if *error { theme.bad() } else { theme.good() },
        ));
        spans.push(Span::raw(" │ "));
    }
    spans.push(status_bar::keys(&app.keymap, &app.commands(), theme));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
