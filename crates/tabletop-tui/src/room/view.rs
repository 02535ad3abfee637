//! The room's screen, drawn from core's [`RoomView`]: a line with story time
//! and the clock, the latest inject from its top, and the open decision with
//! its countdown first, its prompt and every option. Both the console's
//! presenter view and `tabletop present` draw this.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use tabletop_core::room_view::{
    HotWashDecision, RoomClock, RoomDecision, RoomItem, RoomView, channel_name,
};
use tabletop_core::time::format::clock;

use crate::theme::Theme;
use crate::widgets::artefact::framed;

/// Draws `view` over `area`; `scroll` moves the inject's text up.
pub fn render(frame: &mut Frame, area: Rect, view: &RoomView, theme: Theme, scroll: u16) {
    let [top, _, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    render_top(frame, top, view, theme);

    let margin = body.width / 12;
    let [_, column, _] = Layout::horizontal([
        Constraint::Length(margin),
        Constraint::Min(20),
        Constraint::Length(margin),
    ])
    .areas(body);

    // The decision is what the room must see: it gets the rows it needs
    // first, and the inject scrolls in what is left.
    let (text_area, decision_area) = match &view.decision {
        Some(decision) => {
            let wanted = decision_height(decision, column.width);
            let [text, panel] = Layout::vertical([
                Constraint::Min(0),
                Constraint::Length(wanted.min(column.height)),
            ])
            .areas(column);
            (text, Some(panel))
        }
        None => (column, None),
    };
    match (&view.hot_wash, &view.item) {
        (Some(decisions), _) => frame.render_widget(
            Paragraph::new(hot_wash_lines(decisions, text_area.width, theme)).scroll((scroll, 0)),
            text_area,
        ),
        (None, Some(item)) => render_item(frame, text_area, item, theme, scroll),
        (None, None) => render_waiting(frame, text_area, view, theme),
    }
    if let (Some(decision), Some(panel)) = (&view.decision, decision_area) {
        render_decision(frame, panel, decision, theme);
    }
}

fn render_top(frame: &mut Frame, area: Rect, view: &RoomView, theme: Theme) {
    let clock_style = match view.clock {
        RoomClock::Running => theme.good(),
        RoomClock::Paused => theme.warn(),
        RoomClock::NotStarted | RoomClock::Ended => theme.dim(),
    };
    let right = Line::from(vec![
        Span::styled("Story ", theme.dim()),
        Span::styled(view.story.clone(), theme.title()),
        Span::styled(format!("  ·  {}  ", clock(view.elapsed_ms)), theme.dim()),
        Span::styled(view.clock.label(), clock_style),
    ])
    .right_aligned();
    let width = right.width() as u16;
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(width)]).areas(area);
    frame.render_widget(
        Paragraph::new(Line::styled(view.scenario_title.clone(), theme.dim())),
        left_area,
    );
    frame.render_widget(Paragraph::new(right), right_area);
}

/// The hot wash: each decision, the option the team chose, and why each
/// option was good or bad, wrapped to `width` with hanging indents. The
/// facilitator's end screen shows the same lines.
pub fn hot_wash_lines(
    decisions: &[HotWashDecision],
    width: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
    let width = usize::from(width).max(20);
    let wrap = |text: &str, first: &str, rest: &str| -> Vec<String> {
        let options = textwrap::Options::new(width)
            .initial_indent(first)
            .subsequent_indent(rest);
        textwrap::wrap(text, options)
            .into_iter()
            .map(|l| l.into_owned())
            .collect()
    };
    let mut lines = vec![Line::styled("HOT WASH: THE DECISIONS", theme.title()).centered()];
    if decisions.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "No decision came up in this run.",
            theme.dim(),
        ));
    }
    for (n, decision) in decisions.iter().enumerate() {
        lines.push(Line::raw(""));
        let number = format!("{}. ", n + 1);
        for row in wrap(&decision.prompt, &number, "   ") {
            lines.push(Line::styled(row, theme.title()));
        }
        if decision.chosen.is_none() {
            lines.push(Line::styled("   Not taken.", theme.bad()));
        }
        for (k, option) in decision.options.iter().enumerate() {
            let chosen = decision.chosen == Some(k);
            let marker = if chosen {
                " ▶ chosen  "
            } else {
                "           "
            };
            let text = format!("{} ({})", option.label, option.quality);
            for (r, row) in wrap(&text, marker, "           ").into_iter().enumerate() {
                lines.push(if r == 0 && chosen {
                    let (mark, rest) = row.split_at(marker.len());
                    Line::from(vec![
                        Span::styled(mark.to_string(), theme.accent()),
                        Span::styled(rest.to_string(), theme.title()),
                    ])
                } else {
                    Line::raw(row)
                });
            }
            if let Some(why) = &option.why {
                for row in wrap(why, "             ", "             ") {
                    lines.push(Line::styled(row, theme.dim()));
                }
            }
        }
    }
    lines
}

fn render_waiting(frame: &mut Frame, area: Rect, view: &RoomView, theme: Theme) {
    let note = match view.clock {
        RoomClock::Ended => "The exercise has ended. Thank you.",
        _ => "The exercise begins shortly.",
    };
    frame.render_widget(
        Paragraph::new(vec![
            Line::raw(""),
            Line::styled(view.scenario_title.clone(), theme.title()).centered(),
            Line::raw(""),
            Line::styled(note, theme.dim()).centered(),
        ])
        .wrap(Wrap { trim: true }),
        area,
    );
}

fn render_item(frame: &mut Frame, area: Rect, item: &RoomItem, theme: Theme, scroll: u16) {
    let mut text = Vec::new();
    let heading = if item.wildcard {
        format!("★ {}", item.title.to_uppercase())
    } else {
        item.title.to_uppercase()
    };
    text.push(Line::styled(heading, theme.title()).centered());
    let mut meta = Vec::new();
    if let Some(from) = &item.from {
        meta.push(format!("From {from}"));
    }
    if let Some(channel) = item.channel {
        meta.push(format!("by {}", channel_name(channel)));
    }
    if !meta.is_empty() {
        text.push(Line::styled(meta.join(" · "), theme.dim()).centered());
    }
    text.push(Line::raw(""));
    for paragraph in &item.body {
        text.push(Line::raw(paragraph.clone()));
        text.push(Line::raw(""));
    }
    for artefact in &item.artefacts {
        text.extend(framed(
            &artefact.kind,
            artefact.title.as_deref(),
            &artefact.lines,
            area.width,
            theme,
        ));
        text.push(Line::raw(""));
    }
    if !item.questions.is_empty() {
        text.push(Line::styled("To discuss", theme.title()));
        for question in &item.questions {
            text.push(Line::raw(format!("• {question}")));
        }
    }
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}

/// The rows the decision panel needs at this width: borders, the prompt, a
/// gap, and every option wrapped.
fn decision_height(decision: &RoomDecision, width: u16) -> u16 {
    let inner = usize::from(width.saturating_sub(2)).max(10);
    let prompt = textwrap::wrap(&decision.prompt, inner).len();
    let options: usize = decision
        .options
        .iter()
        .enumerate()
        .map(|(n, label)| option_lines(label, n, inner).len())
        .sum();
    (prompt + options + 3) as u16
}

fn option_lines(label: &str, n: usize, width: usize) -> Vec<String> {
    let options = textwrap::Options::new(width.max(8)).subsequent_indent("     ");
    textwrap::wrap(&format!(" {:>2}  {label}", n + 1), options)
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
}

fn render_decision(frame: &mut Frame, area: Rect, decision: &RoomDecision, theme: Theme) {
    // The countdown comes first in the title, so a narrow screen cuts the
    // owners, never the time left.
    let mut title = vec![Span::styled(" Decision ", theme.title())];
    if let (Some(left), Some(total)) = (decision.remaining_ms, decision.countdown_ms) {
        title.push(Span::styled(
            format!("⏳ {} left ", clock(left)),
            theme.countdown(left, total),
        ));
    }
    if !decision.owners.is_empty() {
        title.push(Span::styled(
            format!("· for {} ", decision.owners.join(", ")),
            theme.dim(),
        ));
    }
    let block = Block::bordered()
        .title(Line::from(title))
        .border_style(theme.warn());
    let inner = block.inner(area);
    let width = usize::from(inner.width.max(1));
    let mut text: Vec<Line> = textwrap::wrap(&decision.prompt, width)
        .into_iter()
        .map(|l| Line::styled(l.into_owned(), theme.title()))
        .collect();
    text.push(Line::raw(""));
    for (n, label) in decision.options.iter().enumerate() {
        for (k, row) in option_lines(label, n, width).into_iter().enumerate() {
            text.push(if k == 0 {
                let (number, rest) = row.split_at(5.min(row.len()));
                Line::from(vec![
                    Span::styled(number.to_string(), theme.accent()),
                    Span::raw(rest.to_string()),
                ])
            } else {
                Line::raw(row)
            });
        }
    }
    frame.render_widget(Paragraph::new(text).block(block), area);
}
