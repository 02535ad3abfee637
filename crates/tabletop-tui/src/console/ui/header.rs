//! The header: scenario, story time, the exercise clock and its state, progress.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tabletop_core::engine::{InjectStatus, Pace, Status};
use tabletop_core::text::visible;
use tabletop_core::time::format::span;

use crate::console::Console;
use tabletop_core::time::format::clock;

pub fn render(frame: &mut Frame, area: Rect, app: &Console) {
    let theme = app.theme;
    let engine = app.session.engine();
    let state = engine.state();
    let elapsed = app.elapsed_ms();
    let total = state.inject_status.len();
    let done = state
        .inject_status
        .iter()
        .filter(|s| **s != InjectStatus::Pending)
        .count();
    let clock_state = if state.clock.running {
        format!("▶ running {}", state.clock.speed)
    } else {
        "⏸ paused".to_string()
    };
    let mut title = vec![
        Span::styled(" tabletop ", theme.accent()),
        Span::styled(visible(&engine.scenario().scenario.title), theme.title()),
        Span::styled(format!("  ·  {done}/{total} injects"), theme.dim()),
    ];
    // With seats, how many are connected, beside the progress.
    if let Some(seats) = &app.seats {
        let connected = seats
            .links
            .seats
            .iter()
            .filter(|s| seats.connected(&app.session, &s.seat))
            .count();
        title.push(Span::styled(
            format!("  ·  seats {connected}/{}", seats.links.seats.len()),
            theme.dim(),
        ));
    }
    let title = Line::from(title);
    let clocks = Line::from(vec![
        Span::raw(" Story "),
        Span::styled(state.story_at(elapsed).to_string(), theme.title()),
        Span::raw("   Exercise "),
        Span::styled(clock(elapsed), theme.title()),
        Span::raw(" "),
        Span::styled(
            clock_state,
            if state.clock.running {
                theme.good()
            } else {
                theme.warn()
            },
        ),
        Span::styled(
            format!(
                "   of ~{}m",
                engine.scenario().scenario.duration.as_secs() / 60
            ),
            theme.dim(),
        ),
        match Pace::of(engine, elapsed) {
            _ if state.status != Status::InProgress => Span::raw(""),
            Some(Pace::Behind(ms)) => {
                Span::styled(format!(" · {} behind", span(ms / 1000)), theme.warn())
            }
            Some(Pace::Ahead(ms)) => {
                Span::styled(format!(" · {} ahead", span(ms / 1000)), theme.accent())
            }
            Some(Pace::OnTime) => Span::styled(" · on time", theme.good()),
            None => Span::raw(""),
        },
    ]);
    frame.render_widget(Paragraph::new(vec![title, clocks]), area);
}
