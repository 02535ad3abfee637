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
    // Over several days a time alone is ambiguous (three rows of 10:00):
    // the day goes in front, short.
    let days = scenario
        .injects
        .iter()
        .filter_map(|x| x.story.as_ref().map(|s| s.resolve(start).0 / 86_400))
        .chain([start.0 / 86_400])
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let when_of = |inject: &tabletop_core::scenario::Inject| {
        inject.story.as_ref().map_or_else(String::new, |s| {
            let t = s.resolve(start).to_string();
            let time = t.rsplit(' ').next().unwrap_or_default().to_string();
            if days > 1 {
                let day = t.split(' ').nth(1).unwrap_or_default();
                format!("D{day} {time}")
            } else {
                time
            }
        })
    };
    let widest = scenario
        .injects
        .iter()
        .map(|x| when_of(x).len())
        .max()
        .unwrap_or(5);
    let lead = widest + 3;
    let width = usize::from(area.width.saturating_sub(2))
        .saturating_sub(lead)
        .max(8);
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
        let when = when_of(inject);
        // The inject on screen is shown whole, wrapped under itself; the
        // others keep to one row and say when they are cut (…).
        let title = visible(&inject.title);
        let mut wrapped: Vec<String> = textwrap::wrap(&title, width)
            .into_iter()
            .map(|r| r.into_owned())
            .collect();
        if current != Some(Item::Inject(i)) && wrapped.len() > 1 {
            let first: String = title.chars().take(width.saturating_sub(1)).collect();
            wrapped = vec![format!("{}…", first.trim_end())];
        }
        for (k, row) in wrapped.into_iter().enumerate() {
            lines.push(if k == 0 {
                Line::from(vec![
                    Span::styled(format!("{mark} "), style),
                    Span::styled(format!("{when:>w$} ", w = lead - 3), theme.dim()),
                    Span::styled(row, style),
                ])
            } else {
                Line::styled(format!("{}{row}", " ".repeat(lead)), style)
            });
        }
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
