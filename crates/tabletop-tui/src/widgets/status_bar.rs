//! The status bar's line of keys, from the keymap in force.

use ratatui::text::Span;

use crate::keymap::{Hint, Keymap};
use crate::theme::Theme;

pub fn keys(keymap: &Keymap, hints: &[Hint], theme: Theme) -> Span<'static> {
    Span::styled(keymap.hints(hints), theme.dim())
}
