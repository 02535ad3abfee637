//! The timeline: every inject with its story time and what became of it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use tabletop_core::engine::{InjectStatus, Item, SkipReason};
use tabletop_core::text::visible;

use crate::console::Console;

pub fn render(frame: &mut Frame, area: Rect, app: &Console) {
    let theme = app.theme;
    let engine = app.session.engine();
    let state = engine.state();
    let scenario = engine.scenario();
    let start = scenario.scenario.start_instant();
    let current = app.current_item();
    let width = usize::from(area.width.saturating_sub(10));
    let mut lines: Vec<Line> = Vec::new();
    let mut current_line = 0;
    for (i, inject) in scenario.injects.iter().enumerate() {
        let (mark, style) = match state.inject_status[i] {
            _ if current == Some(Item::Inject(i)) => ("▶", theme.accent()),
            InjectStatus::Delivered => ("✓", theme.good()),
            InjectStatus::Pending => ("·", theme.dim()),
            InjectStatus::Skipped(SkipReason::Branch) => ("↷", theme.dim()),
            InjectStatus::Skipped(_) => ("✗", theme.dim()),
        };
        if current == Some(Item::Inject(i)) {
            current_line = lines.len();
        }
        let when = inject.story.as_ref().map_or_else(String::new, |s| {
            let t = s.resolve(start).to_string();
            t.rsplit(' ').next().unwrap_or_default().to_string()
        });
        let title: String = visible(&inject.title).chars().take(width).collect();
        lines.push(Line::from(vec![
            Span::styled(format!("{mark} "), style),
            Span::styled(format!("{when:>5} "), theme.dim()),
            Span::styled(title, style),
        ]));
    }
    for delivery in state
        .deliveries
        .iter()
        .filter(|d| matches!(d.item, Item::Card(_)))
    {
        let id = app.item_id(delivery.item);
        lines.push(Line::styled(
            format!("★ wildcard {}", visible(&id)),
            theme.warn(),
        ));
    }
    let visible_rows = usize::from(area.height.saturating_sub(2));
    let scroll = current_line.saturating_sub(visible_rows / 2) as u16;
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(" Timeline "))
            .scroll((scroll, 0)),
        area,
    );
}
