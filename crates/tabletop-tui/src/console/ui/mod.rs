//! Drawing the console: pure functions of the app state, one file per panel.

mod decision;
mod end;
pub mod facilitator;
mod header;
mod inject;
pub mod seats;
mod status;
mod timeline;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use tabletop_core::room_view::RoomView;

use super::{Console, LowerPane, View};
use crate::screen::modal::Look;

/// Smallest screen the console can be used on.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;
/// From this width the timeline and facilitator pane stand beside the inject.
const WIDE: u16 = 110;

pub fn render(frame: &mut Frame, app: &Console) {
    app.hits.borrow_mut().clear();
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = vec![
            Line::from("The window is too small for the console."),
            Line::from(format!(
                "Enlarge it to at least {MIN_WIDTH}×{MIN_HEIGHT} (now {}×{}).",
                area.width, area.height
            )),
            Line::from("Nothing is lost: the exercise goes on and everything is recorded."),
        ];
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    // The room sees the room's view and nothing else: no status messages,
    // no facilitator panes. Dialogs still open over it for the facilitator.
    // After the end, the presenter view is the hot wash, revealed.
    if app.view == View::Presenter {
        let view = RoomView::revealing(app.session.engine(), app.now, app.ended());
        crate::room::view::render(frame, area, &view, app.theme, app.room_scroll);
        app.modals.render(frame, area, look(app));
        return;
    }
    if app.view == View::Seats {
        seats::render(frame, area, app);
        app.modals.render(frame, area, look(app));
        return;
    }
    if app.ended() {
        end::render(frame, area, app);
        return;
    }
    let [top, body, bottom] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(5),
        Constraint::Length(1),
    ])
    .areas(area);
    header::render(frame, top, app);
    status::render(frame, bottom, app);
    match app.view {
        View::Presenter | View::Seats => {}
        View::Console if area.width >= WIDE => {
            let [left, middle, right] = Layout::horizontal([
                Constraint::Percentage(20),
                Constraint::Min(40),
                Constraint::Percentage(28),
            ])
            .areas(body);
            timeline::render(frame, left, app);
            render_main(frame, middle, app);
            facilitator::render(frame, right, app);
        }
        // Narrow: the inject above, and below it one of the side panes at
        // a time, switched with a key (the pane's title says which key).
        View::Console => {
            let wanted = match app.lower_pane {
                LowerPane::Checklist => app.expected_actions().len() as u16 * 2 + 2,
                LowerPane::Tally => 8,
                LowerPane::Notes | LowerPane::Timeline => body.height / 3,
            };
            let [main, lower] = Layout::vertical([
                Constraint::Min(6),
                Constraint::Length(wanted.clamp(3, body.height / 3)),
            ])
            .areas(body);
            render_main(frame, main, app);
            match app.lower_pane {
                LowerPane::Checklist => facilitator::render_checklist(frame, lower, app),
                LowerPane::Notes => facilitator::render_notes(frame, lower, app),
                LowerPane::Tally => facilitator::render_tally(frame, lower, app),
                LowerPane::Timeline => timeline::render(frame, lower, app),
            }
        }
    }
    app.modals.render(frame, area, look(app));
}

/// How dialogs look over the console.
fn look(app: &Console) -> Look<'_> {
    Look {
        theme: app.theme,
        keymap: &app.keymap,
    }
}

/// The current inject, and below it the decision panel while one is open.
fn render_main(frame: &mut Frame, area: Rect, app: &Console) {
    match decision::height(app, area.width) {
        Some(height) => {
            let [inject_area, decision_area] = Layout::vertical([
                Constraint::Min(4),
                Constraint::Length(height.min(area.height / 2 + 2)),
            ])
            .areas(area);
            inject::render(frame, inject_area, app);
            decision::render(frame, decision_area, app);
        }
        None => inject::render(frame, area, app),
    }
}
