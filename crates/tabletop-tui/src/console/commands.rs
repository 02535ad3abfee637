//! What the facilitator's actions do to the exercise: each becomes an engine
//! command stamped with the clock's time, or a change of what is shown.

use tabletop_core::engine::{Command, Event, Item, Speed, Status, Undoable};
use tabletop_core::text::visible;

use super::dialogs::{self, Editor, EditorKind, RolePicker};
use super::{Console, Focus, View};
use crate::keymap::{Action, Section};

impl Console {
    /// Steps through what has been delivered; stepping past the latest follows it again.
    pub(super) fn browse(&mut self, earlier: bool) {
        let count = self.session.engine().state().deliveries.len();
        if count == 0 {
            return;
        }
        let at = self.viewing.unwrap_or(count - 1);
        self.viewing = match (earlier, at) {
            (true, 0) => Some(0),
            (true, at) => Some(at - 1),
            (false, at) if at + 1 >= count - 1 => None,
            (false, at) => Some(at + 1),
        };
        self.inject_scroll = 0;
        self.checklist = 0;
    }

    /// When an inject arrives, its decision's first owner answers, or else
    /// the first role it is addressed to, unless the facilitator changes it.
    fn answer_as_decision_owner(&mut self) {
        let engine = self.session.engine();
        let state = engine.state();
        let owner = match (&state.open_decision, state.current_item()) {
            (Some(open), _) => engine.scenario().injects[open.inject]
                .decision
                .as_ref()
                .and_then(|d| d.owners.first()),
            (None, Some(Item::Inject(i))) => engine.scenario().injects[i].to.first(),
            (None, Some(Item::Card(c))) => engine
                .scenario()
                .wildcards
                .as_ref()
                .and_then(|w| w.cards[c].to.first()),
            (None, None) => None,
        };
        if let Some(position) =
            owner.and_then(|o| self.roles().iter().position(|r| r == o.as_str()))
        {
            self.role = position;
        }
    }

    /// Records whatever has come due by now.
    pub fn tick_due(&mut self) {
        if self
            .session
            .engine()
            .next_due_ms()
            .is_some_and(|due| due <= self.elapsed_ms())
            && self
                .tick_failed
                .is_none_or(|failed| self.now >= failed + chrono::TimeDelta::seconds(1))
        {
            self.tick_failed = (!self.run(Command::Tick)).then_some(self.now);
        }
    }

    pub(super) fn run(&mut self, command: Command) -> bool {
        let before = self.session.engine().state().deliveries.len();
        let was_viewing = self.viewing;
        match self.session.execute(&command, self.now) {
            Ok(records) => {
                if let Some(last) = records.last() {
                    self.message = Some((describe(last.event.kind()), false));
                }
                if self.focus == Focus::Decision
                    && self.session.engine().state().open_decision.is_none()
                {
                    self.focus = Focus::Inject;
                }
                // The end screen is the facilitator's: the room sees the hot
                // wash only when it is revealed.
                if records.iter().any(|r| r.event.kind() == "exercise_ended") {
                    self.view = View::Console;
                }
                if records.iter().any(|r| {
                    r.event.kind() == "inject_delivered" || r.event.kind() == "wildcard_drawn"
                }) {
                    self.inject_scroll = 0;
                    self.room_scroll = 0;
                    self.checklist = 0;
                    self.option_cursor = 0;
                    self.viewing = None;
                    self.answer_as_decision_owner();
                }
                // A card the clock drew by itself announces itself and waits:
                // the inject under discussion stays on the facilitator's screen.
                let only_card = records.iter().all(|r| r.event.kind() != "inject_delivered");
                if command == Command::Tick
                    && only_card
                    && before > 0
                    && let Some(card) = records.iter().find_map(|r| match &r.event {
                        Event::WildcardDrawn { card, .. } => Some(card.clone()),
                        _ => None,
                    })
                {
                    self.viewing = Some(was_viewing.unwrap_or(before - 1));
                    let later = self.keymap.label(Section::Console, Action::Later);
                    let title = self
                        .session
                        .engine()
                        .scenario()
                        .card(&card)
                        .map_or_else(|| card.clone(), |c| visible(&c.title));
                    self.message = Some((
                        format!("★ a wildcard came up: {title} ({later} shows it)"),
                        false,
                    ));
                }
                true
            }
            Err(error) => {
                self.message = Some((error.to_string(), true));
                false
            }
        }
    }

    /// Writes the HTML after-action report next to the transcript.
    pub(super) fn write_report(&mut self) {
        let transcript = self.session.path().to_path_buf();
        let target = transcript.with_file_name(format!(
            "{}-report.html",
            transcript
                .file_stem()
                .map_or_else(|| "exercise".into(), |s| s.to_string_lossy())
        ));
        let written = tabletop_core::replay::Replay::open(&transcript)
            .map_err(|e| e.to_string())
            .and_then(|replay| {
                let report = tabletop_core::report::build(&replay, replay.engine.plan());
                tabletop_core::private_file::write_private(
                    &target,
                    tabletop_core::report::html(&report).as_bytes(),
                )
                .map_err(|e| e.to_string())
            });
        match written {
            Ok(()) => {
                self.message = Some((format!("Report written to {}", target.display()), false));
                self.report_written = Some(target);
            }
            Err(e) => self.message = Some((format!("Could not write the report: {e}"), true)),
        }
    }

    /// Signs the transcript with the usual SSH key, in-process; a key that
    /// needs ssh-keygen (a passphrase, an agent) is left to `tabletop sign`.
    pub(super) fn sign_transcript(&mut self) {
        use tabletop_core::signature::{SignError, default_key, sign_file};
        let transcript = self.session.path().to_path_buf();
        let command = format!("tabletop sign {}", transcript.display());
        self.message = Some(match self.signing_key.clone().or_else(default_key) {
            None => (
                format!("No SSH key in ~/.ssh: after leaving, run `{command} --key KEY`"),
                true,
            ),
            Some(key) => match sign_file(&transcript, &key) {
                Ok(sig) => {
                    self.signature_written = Some(sig.clone());
                    // The participants' feedback is signed with it, as it
                    // stands: pressing again after the last form signs it all.
                    let feedback = tabletop_core::seats::feedback::feedback_path(&transcript);
                    let also = match feedback.is_file().then(|| sign_file(&feedback, &key)) {
                        Some(Ok(_)) => {
                            let answers =
                                self.seats.as_ref().map_or(0, |s| s.desk.feedback.answers());
                            format!(", and the feedback as it stands ({answers} answered)")
                        }
                        Some(Err(_)) => ", but not the feedback file".to_string(),
                        None => String::new(),
                    };
                    (
                        format!("Signed with {}: {}{also}", key.display(), sig.display()),
                        false,
                    )
                }
                Err(SignError::NeedsSshKeygen(why)) => (
                    format!("{why}: after leaving, run `{command}`, which asks ssh-keygen"),
                    true,
                ),
                Err(SignError::Failed(why)) => (format!("Could not sign: {why}"), true),
            },
        });
    }

    pub fn perform(&mut self, action: Action) {
        let state = self.session.engine().state();
        if state.status == Status::NotStarted {
            match action {
                Action::TogglePause | Action::DeliverNext => {
                    if self.run(Command::Start)
                        && let Some(speed) = self.start_speed.filter(|s| *s != Speed::NORMAL)
                    {
                        self.run(Command::SetSpeed { speed });
                    }
                    return;
                }
                Action::Help
                | Action::Quit
                | Action::Presenter
                | Action::Seats
                | Action::FocusNext
                | Action::CycleRole => {}
                Action::Up | Action::Down | Action::PageUp | Action::PageDown => {}
                _ => {
                    self.message = Some(("press Space to start the exercise".into(), true));
                    return;
                }
            }
        }
        match action {
            Action::TogglePause => {
                let command = if state.clock.running {
                    Command::Pause
                } else {
                    Command::Resume
                };
                self.run(command);
            }
            // Moving on with a decision on the table records it as not taken:
            // one key must not do that unasked.
            Action::DeliverNext => match &state.open_decision {
                Some(open) => {
                    let prompt = self.session.engine().scenario().injects[open.inject]
                        .decision
                        .as_ref()
                        .map_or_else(String::new, |d| d.prompt.clone());
                    self.modals
                        .open(dialogs::confirm_move_on(&prompt, self.theme));
                }
                None => {
                    self.run(Command::DeliverNext);
                }
            },
            Action::Faster | Action::Slower => {
                let speed: Speed = state.clock.speed.step(action == Action::Faster);
                self.run(Command::SetSpeed { speed });
            }
            // Jumps move deadlines and cannot be taken back: they ask first.
            Action::JumpStory => self.modals.open(dialogs::confirm_jump(true, self.theme)),
            Action::JumpClock => self.modals.open(dialogs::confirm_jump(false, self.theme)),
            Action::ReopenDecision => self.reopen_decision(),
            Action::ChooseOption(n) => {
                let Some(open) = state.open_decision.clone() else {
                    self.message = Some(("no decision is open".into(), true));
                    return;
                };
                let scenario = self.session.engine().scenario();
                let inject = &scenario.injects[open.inject];
                let Some(option) = inject.decision.as_ref().and_then(|d| d.options.get(n)) else {
                    self.message = Some((format!("there is no option {}", n + 1), true));
                    return;
                };
                // A choice is shown and confirmed before it is recorded.
                let role = self.role_name(&self.answering_role());
                self.modals
                    .open(dialogs::confirm_choice(n, &option.label, &role, self.theme));
            }
            Action::CycleRole => self.role = (self.role + 1) % self.roles().len().max(1),
            Action::Respond | Action::Note => {
                let kind = if action == Action::Note {
                    EditorKind::Note
                } else {
                    EditorKind::Response
                };
                let roles = self.roles().iter().map(|r| self.role_name(r)).collect();
                self.modals.open(Editor::new(kind, roles, self.role));
            }
            Action::Undo => match self.session.engine().state().last_undoable() {
                Some(undoable) => {
                    let what = self.describe_undoable(undoable);
                    self.modals.open(dialogs::confirm_undo(what, self.theme));
                }
                None => {
                    self.message = Some((
                        "nothing to take back: no tick, response or note is standing".into(),
                        true,
                    ));
                }
            },
            Action::Correct => {
                let item = self.current_item();
                let latest = self
                    .session
                    .engine()
                    .state()
                    .responses
                    .iter()
                    .rev()
                    .find(|r| Some(r.item) == item)
                    .map(|r| (r.at.seq, r.text.clone()));
                match latest {
                    Some((seq, text)) => {
                        let roles = self.roles().iter().map(|r| self.role_name(r)).collect();
                        self.modals.open(
                            Editor::new(EditorKind::Correction(seq), roles, self.role)
                                .with_text(&text),
                        );
                    }
                    None => {
                        self.message = Some(("no response to this inject to correct".into(), true));
                    }
                }
            }
            Action::Tick | Action::Untick => {
                let expected = self.expected_actions();
                let Some(chosen) = expected.get(self.checklist).cloned() else {
                    self.message = Some(("no expected action is selected".into(), true));
                    return;
                };
                if action == Action::Untick {
                    self.run(Command::WithdrawObservation { action: chosen });
                    return;
                }
                let owner = self
                    .session
                    .engine()
                    .plan()
                    .action(&chosen)
                    .map(|a| a.owner.to_string());
                let selected = owner
                    .and_then(|o| self.roles().iter().position(|r| *r == o))
                    .unwrap_or(0);
                let title = self
                    .session
                    .engine()
                    .plan()
                    .action(&chosen)
                    .map_or_else(|| chosen.clone(), |a| a.title.clone());
                let roles = self.roles();
                let names = roles.iter().map(|r| self.role_name(r)).collect();
                self.modals
                    .open(RolePicker::new(chosen, title, roles, names, selected));
            }
            Action::DrawWildcard => {
                self.run(Command::DrawWildcard);
            }
            Action::Seats => self.toggle_seats(),
            Action::Presenter => {
                self.room_scroll = 0;
                self.view = if self.view == View::Console {
                    View::Presenter
                } else {
                    View::Console
                };
            }
            Action::Up | Action::PageUp if self.view == View::Presenter => {
                let by = if action == Action::Up { 1 } else { 10 };
                self.room_scroll = self.room_scroll.saturating_sub(by);
            }
            Action::Down | Action::PageDown if self.view == View::Presenter => {
                let by = if action == Action::Down { 1 } else { 10 };
                self.room_scroll = self.room_scroll.saturating_add(by);
            }
            Action::NextPane => self.lower_pane = self.lower_pane.next(),
            Action::ExtendCountdown => {
                self.run(Command::ExtendCountdown { by_ms: 60_000 });
            }
            Action::HoldCountdown => {
                self.run(Command::HoldCountdown);
            }
            Action::FocusNext => {
                let open = self.session.engine().state().open_decision.is_some();
                self.focus = match self.focus {
                    Focus::Inject if open => Focus::Decision,
                    Focus::Inject | Focus::Decision => Focus::Checklist,
                    Focus::Checklist => Focus::Inject,
                };
            }
            // Every option can be reached this way, past nine and on a screen
            // too small to show them all at once.
            Action::Choose if self.focus == Focus::Decision => {
                self.perform(Action::ChooseOption(self.option_cursor));
            }
            Action::Up | Action::PageUp if self.focus == Focus::Decision => {
                self.option_cursor = self.option_cursor.saturating_sub(1);
            }
            Action::Down | Action::PageDown if self.focus == Focus::Decision => {
                let options = self.open_options();
                self.option_cursor = (self.option_cursor + 1).min(options.saturating_sub(1));
            }
            Action::Up | Action::PageUp => match self.focus {
                Focus::Inject => {
                    self.inject_scroll = self
                        .inject_scroll
                        .saturating_sub(if action == Action::Up { 1 } else { 10 })
                }
                Focus::Checklist => self.checklist = self.checklist.saturating_sub(1),
                Focus::Decision => {}
            },
            Action::Down | Action::PageDown => match self.focus {
                Focus::Inject => {
                    self.inject_scroll = self
                        .inject_scroll
                        .saturating_add(if action == Action::Down { 1 } else { 10 })
                }
                Focus::Checklist => {
                    self.checklist =
                        (self.checklist + 1).min(self.expected_actions().len().saturating_sub(1))
                }
                Focus::Decision => {}
            },
            Action::Earlier => self.browse(true),
            Action::Later => self.browse(false),
            Action::Help => self.modals.open(dialogs::help()),
            // Time does not run on while the room decides whether to stop.
            Action::Quit => {
                self.hold_clock();
                let path = self.session.path().display().to_string();
                self.modals.open(dialogs::confirm_quit(&path, self.theme));
            }
            Action::End => {
                self.hold_clock();
                self.modals.open(dialogs::confirm_end(self.theme));
            }
            // Keys of other screens and dialogs never reach here.
            _ => {}
        }
    }

    /// How many options the open decision has (none when none is open).
    pub(super) fn open_options(&self) -> usize {
        let engine = self.session.engine();
        engine
            .state()
            .open_decision
            .as_ref()
            .and_then(|open| engine.scenario().injects[open.inject].decision.as_ref())
            .map_or(0, |d| d.options.len())
    }

    /// One line naming what undo would take back.
    fn describe_undoable(&self, undoable: Undoable<'_>) -> String {
        let short = |text: &str| {
            let text = visible(text);
            if text.chars().count() > 60 {
                format!("{}…", text.chars().take(59).collect::<String>())
            } else {
                text
            }
        };
        match undoable {
            Undoable::Tick(o) => {
                let title = self
                    .session
                    .engine()
                    .plan()
                    .action(&o.action)
                    .map_or_else(|| o.action.clone(), |a| a.title.clone());
                format!(
                    "The tick: {} ({})",
                    short(&title),
                    self.role_name(&o.speaker.role)
                )
            }
            Undoable::Response(r) => format!(
                "The response of {}: {}",
                self.role_name(&r.speaker.role),
                short(&r.text)
            ),
            Undoable::Note(n) => format!("The note: {}", short(&n.text)),
        }
    }

    /// Pauses a running clock for a question; [`Self::release_clock`] runs
    /// it again if the answer is no.
    fn hold_clock(&mut self) {
        let state = self.session.engine().state();
        if state.clock.running && state.status != Status::Ended && self.run(Command::Pause) {
            self.held_for_question = true;
        }
    }

    pub(super) fn release_clock(&mut self) {
        if std::mem::take(&mut self.held_for_question) {
            self.run(Command::Resume);
            self.message = None;
        }
    }

    /// Leaving records the moment left (a pause), so that resuming goes on
    /// from there rather than from the last thing that happened.
    pub(super) fn stop_clock_on_leaving(&mut self) {
        let state = self.session.engine().state();
        if state.clock.running && state.status != Status::Ended {
            self.run(Command::Pause);
        }
        if let Err(error) = self.session.sync() {
            self.message = Some((error.to_string(), true));
        }
    }

    /// Records the option chosen in the open decision, once confirmed.
    pub(super) fn decide(&mut self, n: usize) {
        let state = self.session.engine().state();
        let Some(open) = state.open_decision.clone() else {
            self.message = Some(("no decision is open".into(), true));
            return;
        };
        let scenario = self.session.engine().scenario();
        let inject = &scenario.injects[open.inject];
        let Some(option) = inject.decision.as_ref().and_then(|d| d.options.get(n)) else {
            return;
        };
        let command = Command::Decide {
            inject: inject.id.to_string(),
            option: option.id.to_string(),
            speaker: self.speaker(&self.answering_role()),
            text: None,
        };
        self.run(command);
    }

    /// Puts the decision of the inject on screen back on the table, when it
    /// lapsed or the facilitator moved on from it.
    fn reopen_decision(&mut self) {
        let Some(Item::Inject(i)) = self.current_item() else {
            self.message = Some(("this is not an inject with a decision".into(), true));
            return;
        };
        let scenario = self.session.engine().scenario();
        if scenario.injects[i].decision.is_none() {
            self.message = Some(("this inject has no decision".into(), true));
            return;
        }
        let inject = scenario.injects[i].id.to_string();
        self.run(Command::OpenDecision { inject });
    }
}

fn describe(kind: &str) -> String {
    match kind {
        "exercise_started" => "the exercise has started",
        "exercise_resumed" => "resumed: the clock is paused, press Space to go on",
        "clock_resumed" => "the clock runs",
        "clock_paused" => "the clock is paused",
        "speed_changed" => "clock speed changed",
        "countdown_extended" => "one more minute on the countdown",
        "countdown_held" => "the countdown is stopped: the decision waits",
        "clock_jumped" => "the exercise clock jumped forward",
        "story_jumped" => "story time jumped forward",
        "inject_delivered" => "inject delivered",
        "inject_skipped" => "an inject was skipped",
        "wildcard_drawn" => "a wildcard card was drawn",
        "decision_opened" => "the decision is open again",
        "decision_taken" => "decision recorded",
        "decision_lapsed" => "no decision was taken",
        "response_recorded" => "response recorded",
        "action_observed" => "action ticked",
        "observation_withdrawn" => "tick taken back",
        "note_added" => "note recorded",
        "response_corrected" => "response corrected",
        "response_withdrawn" => "response taken back",
        "note_withdrawn" => "note taken back",
        "exercise_ended" => "the exercise has ended",
        other => other,
    }
    .to_string()
}
