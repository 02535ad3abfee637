//! The console's state and what keys do to it. Every change to the exercise
//! goes through the session as a command; the view only reads.

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};
use ratatui_textarea::TextArea;
use tabletop_core::engine::{Command, Item, Speaker, Speed, Status};
use tabletop_core::scoring::{self, ScoreReport};
use tabletop_core::session::Session;

use super::keymap::{Action, Keymap};
use super::theme::Theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Console,
    Presenter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Inject,
    Checklist,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    Quit,
    End,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorKind {
    Response,
    Note,
}

pub struct Editor {
    pub kind: EditorKind,
    pub text: TextArea<'static>,
}

pub enum Overlay {
    Help,
    Confirm(Confirm),
    Editor(Box<Editor>),
    /// Who took the action being ticked.
    RolePicker {
        action: String,
        selected: usize,
    },
}

/// What sits under the mouse: recorded while drawing, read when a click comes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Option(usize),
    Checklist(usize),
}

pub struct App {
    pub session: Session,
    pub now: DateTime<Utc>,
    pub theme: Theme,
    pub view: View,
    pub overlay: Option<Overlay>,
    pub focus: Focus,
    pub inject_scroll: u16,
    pub checklist: usize,
    /// Index into the scenario's roles: who is answering.
    pub role: usize,
    pub message: Option<(String, bool)>,
    pub quit: bool,
    pub hits: RefCell<Vec<(Rect, Hit)>>,
    pub keymap: Keymap,
    /// Index into the deliveries when looking back at an earlier inject.
    pub viewing: Option<usize>,
    pub start_speed: Option<Speed>,
    /// When recording what had come due last failed (a full disk, say).
    pub tick_failed: Option<DateTime<Utc>>,
    /// The live score, kept until an event or the story's minute changes it.
    score: RefCell<Option<(u64, i64, Rc<ScoreReport>)>>,
    /// Where the after-action report was written from the end screen.
    pub report_written: Option<PathBuf>,
}

impl App {
    pub fn new(session: Session, now: DateTime<Utc>, theme: Theme) -> Self {
        Self {
            session,
            now,
            theme,
            view: View::Console,
            overlay: None,
            focus: Focus::Inject,
            inject_scroll: 0,
            checklist: 0,
            role: 0,
            message: None,
            quit: false,
            hits: RefCell::new(Vec::new()),
            keymap: Keymap::default(),
            viewing: None,
            start_speed: None,
            tick_failed: None,
            score: RefCell::new(None),
            report_written: None,
        }
    }

    pub fn roles(&self) -> Vec<String> {
        self.session
            .engine()
            .scenario()
            .scenario
            .roles
            .iter()
            .map(|r| r.to_string())
            .collect()
    }

    pub fn role_name(&self, role: &str) -> String {
        self.session.engine().plan().role_name(role).to_string()
    }

    /// The role answering, with the person holding it when exactly one does.
    pub fn speaker(&self, role: &str) -> Speaker {
        let setup = self.session.engine().setup();
        let holders: Vec<&str> = setup
            .participants
            .iter()
            .filter(|p| p.roles.iter().any(|r| r == role))
            .map(|p| p.name.as_str())
            .collect();
        Speaker {
            role: role.to_string(),
            by: (!setup.anonymous && holders.len() == 1).then(|| holders[0].to_string()),
        }
    }

    pub fn answering_role(&self) -> String {
        self.roles().get(self.role).cloned().unwrap_or_default()
    }

    /// The inject or card on screen: the latest, unless an earlier one is being looked at.
    pub fn current_item(&self) -> Option<Item> {
        let deliveries = &self.session.engine().state().deliveries;
        match self.viewing {
            Some(index) => deliveries.get(index).map(|d| d.item),
            None => deliveries.last().map(|d| d.item),
        }
    }

    /// Steps through what has been delivered; stepping past the latest follows it again.
    fn browse(&mut self, earlier: bool) {
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

    pub fn item_id(&self, item: Item) -> String {
        let scenario = self.session.engine().scenario();
        match item {
            Item::Inject(i) => scenario.injects[i].id.to_string(),
            Item::Card(c) => scenario
                .wildcards
                .as_ref()
                .map(|w| w.cards[c].id.to_string())
                .unwrap_or_default(),
        }
    }

    /// Plan actions the current inject or card expects.
    pub fn expected_actions(&self) -> Vec<String> {
        let scenario = self.session.engine().scenario();
        match self.current_item() {
            Some(Item::Inject(i)) => scenario.injects[i]
                .expects
                .iter()
                .map(|a| a.to_string())
                .collect(),
            Some(Item::Card(c)) => scenario
                .wildcards
                .as_ref()
                .map(|w| w.cards[c].expects.iter().map(|a| a.to_string()).collect())
                .unwrap_or_default(),
            None => Vec::new(),
        }
    }

    pub fn elapsed_ms(&self) -> i64 {
        self.session.engine().state().elapsed_at(self.now)
    }

    /// When the screen next needs to change by itself: something comes due, or
    /// the shown clock reaches its next second. `None` means wait for input.
    pub fn next_wakeup(&self) -> Option<DateTime<Utc>> {
        let state = self.session.engine().state();
        if state.status != Status::InProgress || !state.clock.running {
            return None;
        }
        let next_second = (self.elapsed_ms() / 1000 + 1) * 1000;
        let second = state.clock.wall_at(next_second);
        let due = self.session.engine().next_wakeup();
        // After a failed write, what is due stays due: retry once a second
        // rather than spinning on it.
        let due = match self.tick_failed {
            Some(failed) => due.map(|d| d.max(failed + chrono::TimeDelta::seconds(1))),
            None => due,
        };
        [second, due].into_iter().flatten().min()
    }

    /// When a decision opens, its first owner answers unless the facilitator changes it.
    fn answer_as_decision_owner(&mut self) {
        let engine = self.session.engine();
        let Some(open) = &engine.state().open_decision else {
            return;
        };
        let owner = engine.scenario().injects[open.inject]
            .decision
            .as_ref()
            .and_then(|d| d.owners.first());
        if let Some(position) =
            owner.and_then(|o| self.roles().iter().position(|r| r == o.as_str()))
        {
            self.role = position;
        }
    }

    /// Records whatever has come due by now.
    pub fn tick(&mut self) {
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

    fn run(&mut self, command: Command) -> bool {
        match self.session.execute(&command, self.now) {
            Ok(records) => {
                if let Some(last) = records.last() {
                    self.message = Some((describe(last.event.kind()), false));
                }
                if records.iter().any(|r| {
                    r.event.kind() == "inject_delivered" || r.event.kind() == "wildcard_drawn"
                }) {
                    self.inject_scroll = 0;
                    self.checklist = 0;
                    self.viewing = None;
                    self.answer_as_decision_owner();
                }
                true
            }
            Err(error) => {
                self.message = Some((error.to_string(), true));
                false
            }
        }
    }

    /// The score so far (or the final score once the exercise has ended).
    pub fn score(&self) -> Rc<ScoreReport> {
        let engine = self.session.engine();
        let state = engine.state();
        let now = if self.ended() {
            state.story_at(state.last_elapsed_ms)
        } else {
            state.story_at(self.elapsed_ms())
        };
        let key = (state.last_seq, now.0 / 60);
        if let Some((seq, minute, report)) = &*self.score.borrow()
            && (*seq, *minute) == key
        {
            return report.clone();
        }
        let report = Rc::new(if self.ended() {
            scoring::score(state, engine.scenario(), engine.plan())
        } else {
            scoring::score_live(state, engine.scenario(), engine.plan(), now)
        });
        *self.score.borrow_mut() = Some((key.0, key.1, report.clone()));
        report
    }

    /// Writes the HTML after-action report next to the transcript.
    fn write_report(&mut self) {
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

    pub fn ended(&self) -> bool {
        self.session.engine().state().status == Status::Ended
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            self.quit = true;
            return;
        }
        if self.ended() {
            match key.code {
                KeyCode::Char('q') | KeyCode::Esc | KeyCode::Enter => self.quit = true,
                KeyCode::Char('r') => self.write_report(),
                _ => {}
            }
            return;
        }
        match self.overlay.take() {
            Some(overlay) => self.handle_overlay_key(overlay, key),
            None => {
                if let Some(action) = self.keymap.action_for(key) {
                    self.perform(action);
                }
            }
        }
    }

    /// The wheel scrolls the inject; a click chooses an option or ticks an action.
    pub fn handle_mouse(&mut self, mouse: MouseEvent) {
        if self.ended() || self.overlay.is_some() {
            return;
        }
        match mouse.kind {
            MouseEventKind::ScrollUp => self.inject_scroll = self.inject_scroll.saturating_sub(3),
            MouseEventKind::ScrollDown => self.inject_scroll = self.inject_scroll.saturating_add(3),
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
                    None => {}
                }
            }
            _ => {}
        }
    }

    fn handle_overlay_key(&mut self, overlay: Overlay, key: KeyEvent) {
        match overlay {
            Overlay::Help => {
                if !matches!(
                    key.code,
                    KeyCode::Char('?') | KeyCode::Esc | KeyCode::Char('q')
                ) {
                    self.overlay = Some(Overlay::Help);
                }
            }
            Overlay::Confirm(what) => {
                if matches!(
                    key.code,
                    KeyCode::Char('y') | KeyCode::Char('Y') | KeyCode::Enter
                ) {
                    match what {
                        Confirm::Quit => self.quit = true,
                        Confirm::End => {
                            self.run(Command::End);
                        }
                    }
                }
            }
            Overlay::Editor(mut editor) => {
                let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
                match key.code {
                    KeyCode::Esc => self.message = Some(("nothing recorded".into(), false)),
                    KeyCode::Char('s') if ctrl => self.save_editor(editor),
                    KeyCode::Char('r') if ctrl => {
                        self.role = (self.role + 1) % self.roles().len().max(1);
                        self.overlay = Some(Overlay::Editor(editor));
                    }
                    _ => {
                        editor.text.input(key);
                        self.overlay = Some(Overlay::Editor(editor));
                    }
                }
            }
            Overlay::RolePicker { action, selected } => {
                let roles = self.roles();
                match key.code {
                    KeyCode::Up => {
                        self.overlay = Some(Overlay::RolePicker {
                            action,
                            selected: selected.saturating_sub(1),
                        })
                    }
                    KeyCode::Down => {
                        let selected = (selected + 1).min(roles.len().saturating_sub(1));
                        self.overlay = Some(Overlay::RolePicker { action, selected });
                    }
                    KeyCode::Char(c @ '1'..='9') if (c as usize - '1' as usize) < roles.len() => {
                        self.observe(action, &roles[c as usize - '1' as usize]);
                    }
                    KeyCode::Enter => self.observe(action, &roles[selected]),
                    KeyCode::Esc => {}
                    _ => self.overlay = Some(Overlay::RolePicker { action, selected }),
                }
            }
        }
    }

    fn observe(&mut self, action: String, role: &str) {
        let item = self.current_item().map(|i| self.item_id(i));
        let speaker = self.speaker(role);
        self.run(Command::Observe {
            action,
            speaker,
            item,
        });
    }

    fn save_editor(&mut self, editor: Box<Editor>) {
        let text = editor.text.lines().join("\n");
        if text.trim().is_empty() {
            self.message = Some(("nothing to record: the text is empty".into(), true));
            return;
        }
        let item = self.current_item().map(|i| self.item_id(i));
        let command = match editor.kind {
            EditorKind::Note => Command::Note { text, item },
            EditorKind::Response => match item {
                Some(item) => Command::Respond {
                    item,
                    speaker: self.speaker(&self.answering_role()),
                    text,
                },
                None => {
                    self.message = Some(("no inject has been delivered yet".into(), true));
                    return;
                }
            },
        };
        if !self.run(command) {
            // Keep what was typed: nothing the user wrote is thrown away.
            self.overlay = Some(Overlay::Editor(editor));
        }
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
            Action::DeliverNext => {
                self.run(Command::DeliverNext);
            }
            Action::Faster | Action::Slower => {
                let speed: Speed = state.clock.speed.step(action == Action::Faster);
                self.run(Command::SetSpeed { speed });
            }
            Action::JumpStory => {
                self.run(Command::JumpStory { by_secs: 3600 });
            }
            Action::JumpClock => {
                self.run(Command::JumpClock { by_ms: 300_000 });
            }
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
                let command = Command::Decide {
                    inject: inject.id.to_string(),
                    option: option.id.to_string(),
                    speaker: self.speaker(&self.answering_role()),
                    text: None,
                };
                self.run(command);
            }
            Action::CycleRole => self.role = (self.role + 1) % self.roles().len().max(1),
            Action::Respond | Action::Note => {
                let kind = if action == Action::Note {
                    EditorKind::Note
                } else {
                    EditorKind::Response
                };
                let mut text = TextArea::default();
                text.set_placeholder_text(match kind {
                    EditorKind::Response => {
                        "What did the team say or decide? Ctrl-S records it, Esc cancels."
                    }
                    EditorKind::Note => {
                        "A note only the facilitator sees. Ctrl-S records it, Esc cancels."
                    }
                });
                self.overlay = Some(Overlay::Editor(Box::new(Editor { kind, text })));
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
                self.overlay = Some(Overlay::RolePicker {
                    action: chosen,
                    selected,
                });
            }
            Action::DrawWildcard => {
                self.run(Command::DrawWildcard);
            }
            Action::Presenter => {
                self.view = if self.view == View::Console {
                    View::Presenter
                } else {
                    View::Console
                };
            }
            Action::FocusNext => {
                self.focus = if self.focus == Focus::Inject {
                    Focus::Checklist
                } else {
                    Focus::Inject
                };
            }
            Action::Up | Action::PageUp => match self.focus {
                Focus::Inject => {
                    self.inject_scroll = self
                        .inject_scroll
                        .saturating_sub(if action == Action::Up { 1 } else { 10 })
                }
                Focus::Checklist => self.checklist = self.checklist.saturating_sub(1),
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
            },
            Action::Earlier => self.browse(true),
            Action::Later => self.browse(false),
            Action::Help => self.overlay = Some(Overlay::Help),
            Action::Quit => self.overlay = Some(Overlay::Confirm(Confirm::Quit)),
            Action::End => self.overlay = Some(Overlay::Confirm(Confirm::End)),
        }
    }
}

fn describe(kind: &str) -> String {
    match kind {
        "exercise_started" => "the exercise has started",
        "exercise_resumed" => "resumed: the clock is paused, press Space to go on",
        "clock_resumed" => "the clock runs",
        "clock_paused" => "the clock is paused",
        "speed_changed" => "clock speed changed",
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
        "exercise_ended" => "the exercise has ended",
        other => other,
    }
    .to_string()
}
