//! The terminal's side of the console: raw mode and the alternate screen,
//! always undone (normal exit, error, panic, SIGTERM, SIGHUP), and one channel
//! that carries input and signals so the loop can sleep until something happens.

use std::sync::mpsc::{Receiver, Sender, channel};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

pub enum Input {
    Terminal(Event),
    /// A signal asking the program to stop.
    Stop,
    /// Work running in the background has something to show.
    Wake,
}

/// Restores the terminal when dropped, whatever path leaves the console.
pub struct TerminalGuard {
    pub terminal: DefaultTerminal,
}

impl TerminalGuard {
    /// Raw mode, the alternate screen and mouse reporting. `ratatui::init`
    /// installs a panic hook that restores the terminal; ours runs first and
    /// turns mouse reporting off too.
    pub fn enter() -> Self {
        let terminal = ratatui::init();
        let restore = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(std::io::stdout(), DisableMouseCapture);
            restore(info);
        }));
        let _ = execute!(std::io::stdout(), EnableMouseCapture);
        Self { terminal }
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}

pub fn inputs() -> anyhow::Result<Receiver<Input>> {
    Ok(inputs_and_waker()?.0)
}

/// The input channel, and a sender background work can wake the loop with.
pub fn inputs_and_waker() -> anyhow::Result<(Receiver<Input>, Sender<Input>)> {
    let (tx, rx) = channel();
    let waker = tx.clone();
    let keys = tx.clone();
    std::thread::spawn(move || {
        while let Ok(event) = event::read() {
            if keys.send(Input::Terminal(event)).is_err() {
                return;
            }
        }
        // The terminal is gone (closed, hung up): stop rather than wait forever.
        let _ = keys.send(Input::Stop);
    });
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = tx.send(Input::Stop);
        }
    });
    Ok((rx, waker))
}
