//! The plan view: every plan action with its outcome; Enter opens the
//! events behind one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use tabletop_core::report::format::{self, margin, truncate};
use tabletop_core::text::visible;

use super::app::ReviewApp;
use super::detail::action_style;

pub(super) fn render(frame: &mut Frame, area: Rect, app: &ReviewApp) {
    let theme = app.theme;
    let block =
        Block::bordered().title(" Plan actions (Enter shows the events behind one, p back) ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(analysis) = &app.analysis else {
        frame.render_widget(Paragraph::new("Scoring…"), inner);
        return;
    };
    let mut lines = vec![Line::styled(
        format!(
            "{:<36} {:<20} {:<22} {:>7} {:>9}  EVIDENCE",
            "ACTION", "OWNER", "OUTCOME", "POINTS", "MARGIN"
        ),
        theme.dim(),
    )];
    let height = usize::from(inner.height).saturating_sub(1);
    let actions = &analysis.score.actions;
    let first = app
        .plan_selected
        .saturating_sub(height / 2)
        .min(actions.len().saturating_sub(height));
    for (n, a) in actions.iter().enumerate().skip(first).take(height) {
        let style = action_style(theme, a);
        let title: String = visible(&a.title).chars().take(36).collect();
        let mut line = Line::from(vec![
            Span::raw(format!(
                "{title:<36} {:<20} ",
                truncate(&app.role_name(&a.owner), 20)
            )),
            Span::styled(format!("{:<22}", a.verdict().label()), style),
            Span::raw(format!(
                " {:>7} {:>9}  {}",
                format::action_points(a),
                a.margin_secs.map(margin).unwrap_or_default(),
                format::evidence(&a.evidence)
            )),
        ]);
        if n == app.plan_selected {
            line = line.style(theme.selected());
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
