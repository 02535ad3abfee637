//! The decision panel: prompt, options, who answers, and the countdown, whose
//! colour turns as time runs out.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use tabletop::text::visible;

use super::clock_text;
use crate::tui::app::{App, Hit};

/// Rows the panel wants, when a decision is open.
pub fn height(app: &App, _width: u16) -> Option<u16> {
    let state = app.session.engine().state();
    let open = state.open_decision.as_ref()?;
    let decision = app.session.engine().scenario().injects[open.inject]
        .decision
        .as_ref()?;
    Some(decision.options.len() as u16 + 5)
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme;
    let engine = app.session.engine();
    let Some(open) = engine.state().open_decision.as_ref() else {
        return;
    };
    let Some(decision) = engine.scenario().injects[open.inject].decision.as_ref() else {
        return;
    };
    let owners: Vec<String> = decision.owners.iter().map(|o| app.role_name(o)).collect();
    let mut title = vec![Span::styled(" Decision ", theme.title())];
    if !owners.is_empty() {
        title.push(Span::styled(
            format!("· owned by {} ", owners.join(", ")),
            theme.dim(),
        ));
    }
    if let Some(deadline) = open.deadline_ms {
        let left = deadline - app.elapsed_ms();
        let total = deadline - open.opened_ms;
        title.push(Span::styled(
            format!(" ⏳ {} left ", clock_text(left)),
            theme.countdown(left, total),
        ));
    }
    let block = Block::bordered()
        .title(Line::from(title))
        .border_style(theme.warn());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // One row per option, so a click lands on the option it names.
    let prompt = visible(&decision.prompt);
    let width = usize::from(inner.width.max(1));
    let prompt_rows = (prompt.chars().count().div_ceil(width) as u16).clamp(1, 3);
    let mut y = inner.y;
    let bottom = inner.y + inner.height;
    let row = |y: u16| Rect {
        x: inner.x,
        y,
        width: inner.width,
        height: 1,
    };
    let prompt_area = Rect {
        height: prompt_rows.min(bottom.saturating_sub(y)),
        ..row(y)
    };
    frame.render_widget(
        Paragraph::new(Line::styled(prompt, theme.title())).wrap(Wrap { trim: true }),
        prompt_area,
    );
    y += prompt_area.height;
    for (n, option) in decision.options.iter().enumerate() {
        if y >= bottom {
            break;
        }
        let line = Line::from(vec![
            Span::styled(format!(" {} ", n + 1), theme.accent()),
            Span::raw(visible(&option.label)),
        ]);
        frame.render_widget(Paragraph::new(line), row(y));
        app.hits.borrow_mut().push((row(y), Hit::Option(n)));
        y += 1;
    }
    if y < bottom {
        let answering = Line::from(vec![
            Span::styled("Answering: ", theme.dim()),
            Span::raw(app.role_name(&app.answering_role())),
            Span::styled(
                "  (a changes the role, r records what they said)",
                theme.dim(),
            ),
        ]);
        frame.render_widget(Paragraph::new(answering), row(y));
    }
}
