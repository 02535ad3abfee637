//! The end screen: how the exercise went, where it is saved, what to do next.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};
use tabletop::engine::InjectStatus;
use tabletop::text::visible;

use super::clock_text;
use crate::tui::app::App;

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme;
    let engine = app.session.engine();
    let state = engine.state();
    let delivered = state
        .inject_status
        .iter()
        .filter(|s| **s == InjectStatus::Delivered)
        .count();
    let skipped = state
        .inject_status
        .iter()
        .filter(|s| matches!(s, InjectStatus::Skipped(_)))
        .count();
    let taken = state.decisions_taken();
    let path = app.session.path().display().to_string();
    let lines = vec![
        Line::styled(
            format!("{} has ended", visible(&engine.scenario().scenario.title)),
            theme.title(),
        ),
        Line::raw(""),
        Line::raw(format!(
            "Exercise time {}, story from {} to {}.",
            clock_text(state.last_elapsed_ms),
            engine.scenario().scenario.start_instant(),
            state.story_at(state.last_elapsed_ms)
        )),
        Line::raw(format!(
            "{delivered} injects delivered, {skipped} skipped; {} wildcard cards drawn.",
            state.cards_drawn
        )),
        Line::raw(format!(
            "{taken} decisions taken, {} not taken; {} actions observed; {} notes.",
            state.decisions.len() - taken,
            state.standing_observations().count(),
            state.notes.len()
        )),
        Line::raw(""),
        Line::styled("The transcript is saved in", theme.dim()),
        Line::styled(path.clone(), theme.accent()),
        Line::raw(""),
        Line::raw(format!("Check it is intact:   tabletop verify {path}")),
        Line::raw(""),
        Line::styled("Press q or Enter to leave.", theme.dim()),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(" Exercise complete ")),
        area,
    );
}
