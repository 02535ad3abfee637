//! The decision panel: prompt, options, who answers, and the countdown, whose
//! colour turns as time runs out.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use tabletop_core::text::visible;

use crate::console::{Console, Focus, Hit};
use crate::keymap::{Action, Section};
use tabletop_core::time::format::clock;

/// Rows the panel wants at this width, when a decision is open.
pub fn height(app: &Console, width: u16) -> Option<u16> {
    let state = app.session.engine().state();
    let open = state.open_decision.as_ref()?;
    let decision = app.session.engine().scenario().injects[open.inject]
        .decision
        .as_ref()?;
    let inner = usize::from(width.saturating_sub(2)).max(10);
    let prompt = textwrap::wrap(&visible(&decision.prompt), inner).len();
    let votes = votes(app, open.inject, decision.options.len());
    let options: usize = decision
        .options
        .iter()
        .enumerate()
        .map(|(n, o)| option_lines(&o.label, n, inner, votes.as_deref()).len())
        .sum();
    Some((prompt + options + 3) as u16)
}

/// The seats' votes on each option, once any seat has voted.
fn votes(app: &Console, inject: usize, options: usize) -> Option<Vec<usize>> {
    let tally = app.session.engine().state().seats.tally(inject, options);
    (tally.iter().sum::<usize>() > 0).then_some(tally)
}

/// An option as whole words on as many rows as it needs, the number in front
/// and the continuation rows indented under the text; the seats' votes for it
/// after the text, once there are any.
fn option_lines(label: &str, n: usize, width: usize, votes: Option<&[usize]>) -> Vec<String> {
    let options = textwrap::Options::new(width.max(8))
        .initial_indent("")
        .subsequent_indent("    ");
    let count = votes.and_then(|v| v.get(n)).map(|&c| match c {
        1 => " · 1 vote".to_string(),
        c => format!(" · {c} votes"),
    });
    let text = format!(
        " {}  {}{}",
        n + 1,
        visible(label),
        count.unwrap_or_default()
    );
    textwrap::wrap(&text, options)
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
}

pub fn render(frame: &mut Frame, area: Rect, app: &Console) {
    let theme = app.theme;
    let engine = app.session.engine();
    let Some(open) = engine.state().open_decision.as_ref() else {
        return;
    };
    let Some(decision) = engine.scenario().injects[open.inject].decision.as_ref() else {
        return;
    };
    let owners: Vec<String> = decision.owners.iter().map(|o| app.role_name(o)).collect();
    // The countdown comes first: a narrow panel cuts the owners, never the
    // time left.
    let mut title = vec![Span::styled(" Decision ", theme.title())];
    if let Some(deadline) = open.deadline_ms {
        let left = deadline - app.elapsed_ms();
        let total = deadline - open.opened_ms;
        title.push(Span::styled(
            format!("⏳ {} left ", clock(left)),
            theme.countdown(left, total),
        ));
    }
    if !owners.is_empty() {
        title.push(Span::styled(
            format!("· owned by {} ", owners.join(", ")),
            theme.dim(),
        ));
    }
    let block = Block::bordered()
        .title(Line::from(title))
        .border_style(theme.warn());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Options are wrapped here, not by the widget, so the rows each one takes
    // are known and a click lands on the option it names.
    let width = usize::from(inner.width.max(1));
    let bottom = inner.y + inner.height;
    let row = |y: u16| Rect {
        x: inner.x,
        y,
        width: inner.width,
        height: 1,
    };
    // Every row of the panel, each with the option it belongs to; when they
    // do not all fit, the rows scroll so the option under the cursor shows.
    let focused = app.focus == Focus::Decision;
    let mut rows: Vec<(Line, Option<usize>)> = textwrap::wrap(&visible(&decision.prompt), width)
        .into_iter()
        .map(|l| (Line::styled(l.into_owned(), theme.title()), None))
        .collect();
    let votes = votes(app, open.inject, decision.options.len());
    for (n, option) in decision.options.iter().enumerate() {
        let selected = focused && n == app.option_cursor;
        for (k, text) in option_lines(&option.label, n, width, votes.as_deref())
            .into_iter()
            .enumerate()
        {
            let line = if k == 0 {
                let (number, rest) = text.split_at(text.find("  ").unwrap_or(0));
                Line::from(vec![
                    Span::styled(number.to_string(), theme.accent()),
                    Span::raw(rest.to_string()),
                ])
            } else {
                Line::raw(text)
            };
            rows.push((
                if selected {
                    line.style(theme.selected())
                } else {
                    line
                },
                Some(n),
            ));
        }
    }
    let room = usize::from(inner.height.saturating_sub(1)).max(1);
    let cursor_row = rows
        .iter()
        .rposition(|(_, o)| focused && *o == Some(app.option_cursor))
        .unwrap_or(0);
    let skip = if rows.len() <= room {
        0
    } else {
        (cursor_row + 1).saturating_sub(room).min(rows.len() - room)
    };
    let hidden_after = rows.len().saturating_sub(skip + room);
    // Options with a row out of sight, numbered as the room hears them.
    let mut cut: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(k, _)| *k < skip || *k >= skip + room)
        .filter_map(|(_, (_, o))| o.map(|n| n + 1))
        .collect();
    cut.dedup();
    let mut y = inner.y;
    for (line, option) in rows.into_iter().skip(skip).take(room) {
        frame.render_widget(Paragraph::new(line), row(y));
        if let Some(n) = option {
            app.hits.borrow_mut().push((row(y), Hit::Option(n)));
        }
        y += 1;
    }
    // Nothing is cut silently: say what is out of sight and how to reach it.
    if (skip > 0 || hidden_after > 0) && y < bottom {
        let focus = app.keymap.label(Section::Console, Action::FocusNext);
        frame.render_widget(
            Paragraph::new(Line::styled(
                format!(
                    "{} out of sight · {focus} then ↑↓ shows every option, Enter chooses",
                    match cut.as_slice() {
                        [one] => format!("option {one}"),
                        [first, .., last] => format!("options {first}-{last}"),
                        [] => "the prompt".to_string(),
                    }
                ),
                theme.warn(),
            )),
            row(y),
        );
        return;
    }
    if y < bottom {
        let answering = Line::from(vec![
            Span::styled("Answering: ", theme.dim()),
            Span::raw(app.role_name(&app.answering_role())),
            Span::styled(
                format!(
                    "  ({} other role · {} respond)",
                    app.keymap.label(Section::Console, Action::CycleRole),
                    app.keymap.label(Section::Console, Action::Respond)
                ),
                theme.dim(),
            ),
        ]);
        frame.render_widget(Paragraph::new(answering), row(y));
    }
}
