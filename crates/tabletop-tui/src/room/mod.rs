//! What the room sees: the presenter view inside the console and the
//! read-only follower `tabletop present` for a second window.

pub mod follower;
pub mod view;

use std::path::Path;

use crate::screen::event_loop;
use crate::screen::terminal::{TerminalGuard, inputs_and_waker};

/// Follows the exercise recorded in `path` until the window is closed. A
/// transcript that cannot be read is an error before the terminal changes.
pub fn present(path: &Path) -> anyhow::Result<()> {
    let settings = crate::settings()?;
    let (inputs, waker) = inputs_and_waker()?;
    let follower =
        follower::Follower::open(path, settings.theme, settings.keymap.clone(), Some(waker))?;
    let mut guard = TerminalGuard::enter();
    event_loop::run(
        &mut guard.terminal,
        &inputs,
        &settings.keymap,
        Box::new(follower),
    )?;
    Ok(())
}
