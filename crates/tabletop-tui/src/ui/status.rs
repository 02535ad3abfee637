//! The status bar: what just happened, and the keys that matter now.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{App, Overlay, View};

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme;
    let state = app.session.engine().state();
    let keys = match (&app.overlay, app.view) {
        (Some(Overlay::Editor(_)), _) => "Ctrl-S record  Ctrl-R role  Esc cancel",
        (Some(Overlay::RolePicker { .. }), _) => "↑↓ or 1-9 choose  Enter tick  Esc cancel",
        (Some(Overlay::Confirm(_)), _) => "y yes  any other key no",
        (Some(Overlay::Help), _) => "? or Esc close help",
        (None, _) if state.status == tabletop_core::engine::Status::NotStarted => {
            "Space start  p present  ? keys  q quit"
        }
        (None, View::Presenter) => "p back to console  Space pause  n next",
        (None, View::Console) if state.open_decision.is_some() => {
            "1-9 decide  a role  r respond  x tick  Space pause  n next  ? keys"
        }
        (None, View::Console) => {
            "Space pause  n next  r respond  x tick  o note  p present  ? keys  q quit"
        }
    };
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
    spans.push(Span::styled(keys, theme.dim()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
