//! The one loop every screen runs on. It draws, then sleeps until input, a
//! signal, background work, or the moment the screen said it would change by
//! itself; nothing is redrawn while nothing happens.

use std::sync::mpsc::{Receiver, RecvTimeoutError};

use chrono::Utc;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{Event, KeyEventKind};

use super::terminal::Input;
use super::{Handled, Next, Screen, Summary};
use crate::keymap::{Action, Keymap, Section};

/// How the loop ended.
#[derive(Debug, Default)]
pub struct Exit {
    /// What the last screen with something to report left (the console).
    pub summary: Option<Summary>,
}

/// Runs `first` and whatever it opens until the last screen closes, a
/// signal arrives, or Ctrl-C reaches the loop unused.
pub fn run(
    terminal: &mut DefaultTerminal,
    inputs: &Receiver<Input>,
    keymap: &Keymap,
    first: Box<dyn Screen>,
) -> anyhow::Result<Exit> {
    let mut stack: Vec<Box<dyn Screen>> = vec![first];
    let mut exit = Exit::default();
    let result = serve(terminal, inputs, keymap, &mut stack, &mut exit);
    // However the loop ended, every screen still open hears it is closing.
    for screen in stack.iter_mut().rev() {
        screen.closing(Utc::now());
        if let Some(summary) = screen.summary() {
            exit.summary.get_or_insert(summary);
        }
    }
    result.map(|()| exit)
}

fn serve(
    terminal: &mut DefaultTerminal,
    inputs: &Receiver<Input>,
    keymap: &Keymap,
    stack: &mut Vec<Box<dyn Screen>>,
    exit: &mut Exit,
) -> anyhow::Result<()> {
    loop {
        let Some(screen) = stack.last_mut() else {
            return Ok(());
        };
        screen.tick(Utc::now());
        terminal.draw(|frame| screen.render(frame))?;
        screen.after_draw();
        if let Some(summary) = screen.summary() {
            exit.summary = Some(summary);
        }
        match screen.next() {
            Next::Stay => {}
            Next::Back => {
                screen.closing(Utc::now());
                if let Some(summary) = screen.summary() {
                    exit.summary = Some(summary);
                }
                stack.pop();
                continue;
            }
            Next::Open(other) => {
                stack.push(other);
                continue;
            }
            Next::Replace(other) => {
                screen.closing(Utc::now());
                stack.pop();
                stack.push(other);
                continue;
            }
        }
        let input = match screen.next_wakeup() {
            Some(at) => match inputs.recv_timeout((at - Utc::now()).to_std().unwrap_or_default()) {
                Ok(input) => Some(input),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            },
            None => match inputs.recv() {
                Ok(input) => Some(input),
                Err(_) => return Ok(()),
            },
        };
        match input {
            None => {}
            Some(Input::Stop) => return Ok(()),
            Some(Input::Wake) => screen.wake(),
            Some(Input::Terminal(event)) => {
                if let Event::Key(key) = &event
                    && key.kind != KeyEventKind::Press
                {
                    continue;
                }
                let handled = screen.event(&event, Utc::now());
                if let (Handled::Ignored, Event::Key(key)) = (handled, &event)
                    && keymap.action(Section::Global, *key) == Some(Action::Interrupt)
                {
                    screen.tick(Utc::now());
                    return Ok(());
                }
            }
        }
    }
}
