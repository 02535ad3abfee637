//! Drawing the review screen: header with integrity and score, the event
//! timeline and the status bar; the selected event in full is drawn by
//! `detail`, the plan view by `plan_view`, dialogs by their own modules.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use tabletop_core::annotations::Attachment;
use tabletop_core::engine::Event;
use tabletop_core::report::describe;
use tabletop_core::report::format::{self, clock};
use tabletop_core::text::visible;

use super::app::{Mode, ReviewApp};
use crate::screen::modal::Look;
use crate::widgets::status_bar;

pub fn render(frame: &mut Frame, app: &ReviewApp) {
    let area = frame.area();
    if area.width < 60 || area.height < 12 {
        frame.render_widget(
            Paragraph::new("The window is too small for the review: enlarge it to at least 60×12.")
                .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    let [top, body, bottom] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(5),
        Constraint::Length(1),
    ])
    .areas(area);
    render_header(frame, top, app);
    match app.mode {
        Mode::Timeline => {
            let direction = if body.width >= 110 {
                Direction::Horizontal
            } else {
                Direction::Vertical
            };
            let [list, detail] = Layout::default()
                .direction(direction)
                .constraints([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(body);
            render_timeline(frame, list, app);
            super::detail::render(frame, detail, app);
        }
        Mode::Plan => super::plan_view::render(frame, body, app),
    }
    render_status(frame, bottom, app);
    let look = Look {
        theme: app.theme,
        keymap: &app.keymap,
    };
    app.modals.render(frame, area, look);
}

fn render_header(frame: &mut Frame, area: Rect, app: &ReviewApp) {
    let theme = app.theme;
    let header = &app.index.header;
    let scenario = &app.exercise.scenario.scenario;
    let mut lines = vec![Line::from(vec![
        Span::styled(" Review ", theme.accent()),
        Span::styled(visible(&scenario.title), theme.title()),
        Span::styled(
            format!(
                "  ·  {} UTC  ·  {}",
                header.started.format("%Y-%m-%d %H:%M"),
                visible(&app.path.display().to_string())
            ),
            theme.dim(),
        ),
    ])];
    lines.push(match &app.analysis {
        None => Line::styled(
            format!(
                " Checking {} events and scoring…",
                app.index.len()
            ),
            theme.dim(),
        ),
        Some(analysis) => match &analysis.replay.read.damage {
            None => Line::styled(
                format!(
                    " ✓ intact: header and {} events check out, hash chain unbroken",
                    analysis.replay.read.records.len()
                ),
                theme.good(),
            ),
            Some(damage) => Line::styled(
                format!(
                    " ⚠ NOT INTACT: {}. Events from line {} on are shown but not trusted or scored.",
                    visible(&damage.to_string()),
                    damage.line()
                ),
                theme.bad(),
            ),
        },
    });
    let mut third = Vec::new();
    if let Some(analysis) = &app.analysis {
        let score = &analysis.score;
        third.push(Span::styled(
            format!(" Score {}", format::overall(score)),
            theme.title(),
        ));
        for phase in score.phases.iter() {
            let name = visible(app.exercise.plan.phase_name(&phase.group.id));
            third.push(Span::styled(format!(" · {name} "), theme.dim()));
            third.push(Span::styled(
                format::rating(phase.rating).to_string(),
                theme.rating(phase.rating),
            ));
        }
    }
    let f = &app.filter;
    if !f.is_empty() {
        let mut parts = Vec::new();
        if let Some(kind) = f.kind {
            parts.push(kind.name().to_string());
        }
        if let Some(role) = &f.role {
            parts.push(app.role_name(role));
        }
        if let Some(phase) = &f.phase {
            parts.push(format!("phase {phase}"));
        }
        third.push(Span::styled(
            format!(
                "   filter: {} ({} events, c clears)",
                parts.join(", "),
                app.rows.len()
            ),
            theme.warn(),
        ));
    }
    lines.push(Line::from(third));
    frame.render_widget(Paragraph::new(lines), area);
}

pub(super) fn icon(event: &Event) -> &'static str {
    match event {
        Event::InjectDelivered { .. } => "▶",
        Event::InjectSkipped { .. } => "↷",
        Event::WildcardDrawn { .. } => "★",
        Event::DecisionOpened { .. } | Event::DecisionTaken { .. } => "◆",
        Event::DecisionLapsed { .. } => "◇",
        Event::ResponseRecorded { .. } | Event::ResponseCorrected { .. } => "✎",
        Event::ActionObserved { .. } => "✓",
        Event::ObservationWithdrawn { .. }
        | Event::ResponseWithdrawn { .. }
        | Event::NoteWithdrawn { .. } => "✗",
        Event::NoteAdded { .. } => "✱",
        Event::VoteCast { .. } => "☐",
        Event::SeatJoined { .. } | Event::SeatLeft { .. } => "⌂",
        _ => "·",
    }
}

fn render_timeline(frame: &mut Frame, area: Rect, app: &ReviewApp) {
    let theme = app.theme;
    let block = Block::bordered().title(format!(
        " Events {}/{} ",
        (app.selected + 1).min(app.rows.len()),
        app.rows.len()
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height);
    if height == 0 || app.rows.is_empty() {
        return;
    }
    // Keep the selection in view, in the middle when it can be.
    let first = app
        .selected
        .saturating_sub(height / 2)
        .min(app.rows.len().saturating_sub(height));
    app.drawn.set(super::app::Drawn {
        rows: inner,
        first,
        ..app.drawn.get()
    });
    let annotated = app.all_annotations();
    let gaps = app.analysis.as_ref().map(|a| &a.gaps);
    let damaged = app.damaged_from();
    let mut lines = Vec::with_capacity(height);
    for pos in first..(first + height).min(app.rows.len()) {
        let line_no = app.rows[pos];
        let Some(record) = app.record(line_no) else {
            lines.push(Line::styled(
                format!("   line {} cannot be read", line_no + 2),
                theme.bad(),
            ));
            continue;
        };
        let note = annotated
            .iter()
            .rev()
            .find(|(a, at)| a.seq == record.seq && *at == Attachment::Attached)
            .map(|(a, _)| a.kind);
        let (mark, mark_style) = if damaged.is_some_and(|d| line_no >= d) {
            ("⚠", theme.bad())
        } else if let Some(kind) = note {
            ("●", theme.annotation(kind))
        } else if gaps.is_some_and(|g| g.binary_search(&record.seq).is_ok()) {
            ("!", theme.warn())
        } else {
            (" ", Style::new())
        };
        let text = describe(
            &record.event,
            &app.exercise.scenario,
            &app.exercise.plan,
            false,
        );
        let mut line = Line::from(vec![
            Span::styled(mark, mark_style),
            Span::styled(
                format!(
                    "{:>5} {:>8} {:<12} ",
                    record.seq,
                    clock(record.elapsed_ms),
                    record.story.to_string()
                ),
                theme.dim(),
            ),
            Span::raw(format!("{} ", icon(&record.event))),
            Span::raw(text),
        ]);
        if pos == app.selected {
            line = line.style(theme.selected());
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_status(frame: &mut Frame, area: Rect, app: &ReviewApp) {
    let theme = app.theme;
    let line = match &app.message {
        Some((text, true)) => Line::styled(format!(" {} ", visible(text)), theme.bad()),
        Some((text, false)) => Line::styled(format!(" {} ", visible(text)), theme.accent()),
        None => Line::from(vec![
            Span::raw(" "),
            status_bar::keys(&app.keymap, &app.commands(), theme),
        ]),
    };
    frame.render_widget(Paragraph::new(line), area);
}
