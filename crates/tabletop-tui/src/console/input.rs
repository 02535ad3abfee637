//! What keys and the mouse do in the console: the top dialog first, then the
//! end screen or the keymap's console section. What a dialog decides comes
//! back as a message and is acted on here.

use ratatui::crossterm::event::KeyEvent;
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;
use tabletop_core::engine::Command;

use super::dialogs::{EditorKind, Message};
use super::{Console, Focus, Hit, View};
use crate::keymap::{Action, Section};
use crate::screen::Handled;

impl Console {
    pub fn handle_key(&mut self, key: KeyEvent) -> Handled {
        let (handled, message) = self.modals.key(key, &self.keymap);
        if let Some(message) = message {
            self.act_on(message);
        }
        if handled == Handled::Consumed {
            return handled;
        }
        if self.view == View::Seats {
            let seats = self.seats.as_ref().map_or(0, |s| s.links.seats.len());
            let action = self.keymap.action(Section::Seats, key);
            if let Some(panel) = self.seats.as_mut() {
                match action {
                    Some(Action::Down) => {
                        panel.selected = (panel.selected + 1).min(seats.saturating_sub(1))
                    }
                    Some(Action::Up) => panel.selected = panel.selected.saturating_sub(1),
                    _ => {}
                }
            }
            return match action {
                Some(Action::Back) => {
                    self.view = View::Console;
                    Handled::Consumed
                }
                Some(_) => Handled::Consumed,
                None => Handled::Ignored,
            };
        }
        if self.ended() {
            return match self.keymap.action(Section::Ended, key) {
                Some(Action::Quit) => {
                    self.leave = true;
                    Handled::Consumed
                }
                Some(Action::WriteReport) => {
                    self.write_report();
                    Handled::Consumed
                }
                Some(Action::Sign) => {
                    self.sign_transcript();
                    Handled::Consumed
                }
                Some(Action::Seats) => {
                    self.toggle_seats();
                    Handled::Consumed
                }
                Some(Action::HotWash) => {
                    self.hot_wash = !self.hot_wash;
                    self.room_scroll = 0;
                    Handled::Consumed
                }
                // The reasons reach the room only when the facilitator says so.
                Some(Action::Reveal) => {
                    self.view = if self.view == View::Presenter {
                        View::Console
                    } else {
                        View::Presenter
                    };
                    self.room_scroll = 0;
                    Handled::Consumed
                }
                Some(Action::Up) => {
                    self.room_scroll = self.room_scroll.saturating_sub(1);
                    Handled::Consumed
                }
                Some(Action::Down) => {
                    self.room_scroll = self.room_scroll.saturating_add(1);
                    Handled::Consumed
                }
                _ => Handled::Ignored,
            };
        }
        match self.keymap.action(Section::Console, key) {
            Some(action) => {
                self.perform(action);
                Handled::Consumed
            }
            None => Handled::Ignored,
        }
    }

    /// The wheel scrolls the inject; a click chooses an option or ticks an action.
    pub fn handle_mouse(&mut self, mouse: MouseEvent) -> Handled {
        if self.ended() || self.modals.is_open() {
            return Handled::Ignored;
        }
        match mouse.kind {
            MouseEventKind::ScrollUp | MouseEventKind::ScrollDown => {
                let scroll = if self.view == View::Presenter {
                    &mut self.room_scroll
                } else {
                    &mut self.inject_scroll
                };
                *scroll = if mouse.kind == MouseEventKind::ScrollUp {
                    scroll.saturating_sub(3)
                } else {
                    scroll.saturating_add(3)
                };
            }
            MouseEventKind::Down(MouseButton::Left) => {
                let at = Position::new(mouse.column, mouse.row);
                let hit = self
                    .hits
                    .borrow()
                    .iter()
                    .find(|(area, _)| area.contains(at))
                    .map(|(_, hit)| *hit);
                match hit {
                    Some(Hit::Option(n)) => self.perform(Action::ChooseOption(n)),
                    Some(Hit::Checklist(n)) => {
                        self.focus = Focus::Checklist;
                        self.checklist = n;
                        self.perform(Action::Tick);
                    }
                    None => return Handled::Ignored,
                }
            }
            _ => return Handled::Ignored,
        }
        Handled::Consumed
    }

    /// The seats screen, and back; without seats, says how to get them.
    pub fn toggle_seats(&mut self) {
        if self.seats.is_none() {
            self.message = Some((
                "no seats in this run: start it with --seats to give the team links".into(),
                true,
            ));
            return;
        }
        self.view = if self.view == View::Seats {
            View::Console
        } else {
            View::Seats
        };
    }

    fn act_on(&mut self, message: Message) {
        match message {
            Message::Leave => self.leave = true,
            Message::End => {
                self.held_for_question = false;
                self.run(Command::End);
            }
            Message::Stay => self.release_clock(),
            Message::Cancelled => self.message = Some(("nothing recorded".into(), false)),
            Message::Role(role) => self.role = role,
            Message::Save { kind, text } => {
                if self.save(kind, text) {
                    self.modals.close();
                }
            }
            Message::Undo => {
                self.run(Command::Undo);
            }
            Message::MoveOn => {
                self.run(Command::DeliverNext);
            }
            Message::Decide(n) => self.decide(n),
            Message::JumpStory => {
                self.run(Command::JumpStory { by_secs: 3600 });
            }
            Message::JumpClock => {
                self.run(Command::JumpClock { by_ms: 300_000 });
            }
            Message::Observe { action, role } => {
                let item = self.current_item().map(|i| self.item_id(i));
                let speaker = self.speaker(&role);
                self.run(Command::Observe {
                    action,
                    speaker,
                    item,
                });
            }
        }
    }

    /// Records a response or note. False keeps the editor open with what was
    /// typed: nothing the user wrote is thrown away.
    fn save(&mut self, kind: EditorKind, text: String) -> bool {
        if text.trim().is_empty() {
            self.message = Some(("nothing to record: the text is empty".into(), true));
            return false;
        }
        let item = self.current_item().map(|i| self.item_id(i));
        let command = match kind {
            EditorKind::Note => Command::Note { text, item },
            EditorKind::Correction(response_seq) => Command::CorrectResponse { response_seq, text },
            EditorKind::Response => match item {
                Some(item) => Command::Respond {
                    item,
                    speaker: self.speaker(&self.answering_role()),
                    text,
                },
                None => {
                    self.message = Some(("no inject has been delivered yet".into(), true));
                    return false;
                }
            },
        };
        self.run(command)
    }
}
