//! Pieces every screen shares: placing a box, the help dialog, yes-or-no
//! questions, and the status bar's line of keys.

pub mod artefact;
pub mod confirm;
pub mod help;
pub mod status_bar;

use ratatui::layout::{Constraint, Flex, Layout, Rect};

/// A box of at most `width` × `height`, centred in `area`.
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}
