//! The review screen's state: a transcript opened for reading, its replay and
//! score once the background check is done, the trainer's selection, filters,
//! search and annotations.

use std::borrow::Cow;
use std::cell::Cell;
use std::path::PathBuf;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use ratatui::crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};
use tabletop_core::annotations::{AnnotationKind, AnnotationStore, Attachment};
use tabletop_core::engine::{Event, EventRecord};
use tabletop_core::event_filter::{EventFilter, EventKind, search_text};
use tabletop_core::replay::Replay;
use tabletop_core::scoring::ScoreReport;
use tabletop_core::session::Exercise;
use tabletop_core::transcript::TranscriptIndex;

use tabletop_core::text::visible;

use super::dialogs::{self, Message};
use crate::keymap::{Action, Keymap, Section};
use crate::screen::Handled;
use crate::screen::modal::Modals;
use crate::theme::Theme;

/// What the background thread finds: the checked replay and its score.
pub struct Analysis {
    pub replay: Replay,
    pub score: ScoreReport,
    /// Events behind missed, late, violated or other-role actions, in order.
    pub gaps: Vec<u64>,
}

impl Analysis {
    pub fn new(replay: Replay) -> Self {
        let engine = &replay.engine;
        let score = tabletop_core::scoring::score(engine.state(), engine.scenario(), engine.plan());
        let mut gaps: Vec<u64> = score
            .actions
            .iter()
            .filter(|a| a.verdict().is_gap())
            .flat_map(|a| a.evidence.iter().copied())
            .collect();
        gaps.sort_unstable();
        gaps.dedup();
        Self {
            replay,
            score,
            gaps,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Timeline,
    Plan,
}

pub struct ReviewApp {
    pub path: PathBuf,
    pub index: TranscriptIndex,
    pub exercise: Exercise,
    pub analysis: Option<Analysis>,
    pub annotations: AnnotationStore,
    pub theme: Theme,
    pub mode: Mode,
    /// Line indices shown, in order (all lines unless filtered).
    pub rows: Vec<usize>,
    /// Position in `rows`.
    pub selected: usize,
    pub plan_selected: usize,
    pub filter: EventFilter,
    pub search: Option<String>,
    pub modals: Modals<Message>,
    pub keymap: Rc<Keymap>,
    pub message: Option<(String, bool)>,
    pub detail_scroll: u16,
    /// The trainer asked to leave.
    pub leave: bool,
    pub now: DateTime<Utc>,
    /// Where the last frame drew the event rows and the details, and which
    /// row came first: the mouse needs them.
    pub drawn: Cell<Drawn>,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Drawn {
    pub rows: Rect,
    pub first: usize,
    pub detail: Rect,
}

impl ReviewApp {
    pub fn new(
        path: PathBuf,
        index: TranscriptIndex,
        exercise: Exercise,
        annotations: AnnotationStore,
        theme: Theme,
    ) -> Self {
        let rows = (0..index.len()).collect();
        let mut app = Self {
            path,
            index,
            exercise,
            analysis: None,
            annotations,
            theme,
            mode: Mode::Timeline,
            rows,
            selected: 0,
            plan_selected: 0,
            filter: EventFilter::default(),
            search: None,
            modals: Modals::default(),
            keymap: Rc::new(Keymap::default()),
            message: None,
            detail_scroll: 0,
            leave: false,
            now: Utc::now(),
            drawn: Cell::new(Drawn::default()),
        };
        if let Some(problem) = app.annotations.problems.first() {
            app.message = Some((format!("annotations: {problem}"), true));
        }
        app
    }

    pub fn set_analysis(&mut self, analysis: Analysis) {
        self.analysis = Some(analysis);
    }

    /// The event on line `n`: from the replay when it has it, else decoded now.
    pub fn record(&self, n: usize) -> Option<Cow<'_, EventRecord>> {
        if let Some(record) = self
            .analysis
            .as_ref()
            .and_then(|a| a.replay.read.records.get(n))
        {
            return Some(Cow::Borrowed(record));
        }
        self.index.record(n).ok().map(Cow::Owned)
    }

    pub fn selected_line(&self) -> Option<usize> {
        self.rows.get(self.selected).copied()
    }

    pub fn selected_record(&self) -> Option<Cow<'_, EventRecord>> {
        self.record(self.selected_line()?)
    }

    /// The line at or after which the transcript failed its check.
    pub fn damaged_from(&self) -> Option<usize> {
        let analysis = self.analysis.as_ref()?;
        analysis
            .replay
            .read
            .damage
            .as_ref()
            .map(|_| analysis.replay.read.records.len())
    }

    pub fn role_name(&self, id: &str) -> String {
        self.exercise.plan.role_name(id).to_string()
    }

    /// Annotations on event `seq` that still match its line.
    pub fn annotations_on(
        &self,
        seq: u64,
    ) -> Vec<(tabletop_core::annotations::Annotation, Attachment)> {
        self.all_annotations()
            .into_iter()
            .filter(|(a, _)| a.seq == seq)
            .collect()
    }

    /// Every annotation, checked against the line it names.
    pub fn all_annotations(&self) -> Vec<(tabletop_core::annotations::Annotation, Attachment)> {
        self.annotations.check(|s| {
            let n = usize::try_from(s).ok()?.checked_sub(1)?;
            self.index.line_hash(n)
        })
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Handled {
        let (handled, message) = self.modals.key(key, &self.keymap);
        if let Some(message) = message {
            self.act_on(message);
        }
        if handled == Handled::Consumed {
            return handled;
        }
        self.message = None;
        let section = match self.mode {
            Mode::Timeline => Section::Review,
            Mode::Plan => Section::Plan,
        };
        let Some(action) = self.keymap.action(section, key) else {
            return Handled::Ignored;
        };
        if self.mode == Mode::Plan {
            self.perform_in_plan(action);
            return Handled::Consumed;
        }
        let page = 10;
        match action {
            Action::Quit => self.leave = true,
            Action::Help => self.modals.open(dialogs::help(Section::Review)),
            Action::Down => self.select(self.selected as i64 + 1),
            Action::Up => self.select(self.selected as i64 - 1),
            Action::PageDown => self.select(self.selected as i64 + page),
            Action::PageUp => self.select(self.selected as i64 - page),
            Action::First => self.select(0),
            Action::Last => self.select(self.rows.len() as i64 - 1),
            Action::NextInject => self.jump_inject(true),
            Action::PreviousInject => self.jump_inject(false),
            Action::NextGap => self.jump_gap(true),
            Action::PreviousGap => self.jump_gap(false),
            Action::Search => self.modals.open(dialogs::Search::new()),
            Action::NextMatch => self.search_next(true),
            Action::PreviousMatch => self.search_next(false),
            Action::FilterRole => self.cycle_role(),
            Action::FilterKind => self.cycle_kind(),
            Action::FilterPhase => self.cycle_phase(),
            Action::ClearFilters => self.set_filter(EventFilter::default()),
            Action::Annotate => self.start_annotation(),
            Action::DeleteAnnotation => self.ask_delete(),
            Action::PlanView => self.mode = Mode::Plan,
            Action::DetailDown => self.detail_scroll = self.detail_scroll.saturating_add(3),
            Action::DetailUp => self.detail_scroll = self.detail_scroll.saturating_sub(3),
            _ => return Handled::Ignored,
        }
        Handled::Consumed
    }

    /// The wheel moves through the events (or scrolls the details under the
    /// pointer); a click selects the event under it.
    pub fn handle_mouse(&mut self, mouse: MouseEvent) -> Handled {
        if self.modals.is_open() || self.mode != Mode::Timeline {
            return Handled::Ignored;
        }
        let drawn = self.drawn.get();
        let at = Position::new(mouse.column, mouse.row);
        let over_detail = drawn.detail.contains(at);
        match mouse.kind {
            MouseEventKind::ScrollDown if over_detail => {
                self.detail_scroll = self.detail_scroll.saturating_add(3);
            }
            MouseEventKind::ScrollUp if over_detail => {
                self.detail_scroll = self.detail_scroll.saturating_sub(3);
            }
            MouseEventKind::ScrollDown => self.select(self.selected as i64 + 3),
            MouseEventKind::ScrollUp => self.select(self.selected as i64 - 3),
            MouseEventKind::Down(MouseButton::Left) if drawn.rows.contains(at) => {
                let pos = drawn.first + usize::from(at.y - drawn.rows.y);
                if pos < self.rows.len() {
                    self.select(pos as i64);
                }
            }
            _ => return Handled::Ignored,
        }
        Handled::Consumed
    }

    fn perform_in_plan(&mut self, action: Action) {
        let count = self.exercise.plan.actions.len();
        match action {
            Action::Quit => self.leave = true,
            Action::Back => self.mode = Mode::Timeline,
            Action::Help => self.modals.open(dialogs::help(Section::Plan)),
            Action::Down => {
                self.plan_selected = (self.plan_selected + 1).min(count.saturating_sub(1));
            }
            Action::Up => self.plan_selected = self.plan_selected.saturating_sub(1),
            Action::Choose => self.open_plan_action(),
            _ => {}
        }
    }

    pub fn select(&mut self, to: i64) {
        let last = self.rows.len().saturating_sub(1) as i64;
        let to = to.clamp(0, last.max(0)) as usize;
        if to != self.selected {
            self.detail_scroll = 0;
        }
        self.selected = to;
    }

    /// Selects the event `seq`, clearing filters that hide it.
    pub fn select_seq(&mut self, seq: u64) {
        let Some(line) = usize::try_from(seq).ok().and_then(|s| s.checked_sub(1)) else {
            return;
        };
        if !self.rows.contains(&line) {
            self.set_filter(EventFilter::default());
        }
        if let Some(pos) = self.rows.iter().position(|&l| l == line) {
            self.select(pos as i64);
        }
    }

    fn jump_inject(&mut self, forward: bool) {
        let is_inject = |app: &Self, pos: usize| {
            app.record(app.rows[pos]).is_some_and(|r| {
                matches!(
                    r.event,
                    Event::InjectDelivered { .. } | Event::WildcardDrawn { .. }
                )
            })
        };
        let found = if forward {
            (self.selected + 1..self.rows.len()).find(|&p| is_inject(self, p))
        } else {
            (0..self.selected).rev().find(|&p| is_inject(self, p))
        };
        match found {
            Some(pos) => self.select(pos as i64),
            None => self.message = Some(("no more injects that way".into(), false)),
        }
    }

    fn jump_gap(&mut self, forward: bool) {
        let Some(analysis) = &self.analysis else {
            self.message = Some(("still scoring the transcript…".into(), false));
            return;
        };
        let current = self.selected_line().map_or(0, |l| l as u64 + 1);
        let target = if forward {
            analysis.gaps.iter().find(|&&s| s > current).copied()
        } else {
            analysis.gaps.iter().rev().find(|&&s| s < current).copied()
        };
        let total = analysis.gaps.len();
        match target {
            Some(seq) => {
                self.select_seq(seq);
                self.message = Some((
                    format!("#{seq}: behind a missed, late or other-role action ({total} in all)"),
                    false,
                ));
            }
            None => {
                self.message = Some((
                    if total == 0 {
                        "no missed or late actions in this exercise".into()
                    } else {
                        "no more missed or late actions that way".into()
                    },
                    false,
                ));
            }
        }
    }

    fn search_next(&mut self, forward: bool) {
        let Some(needle) = self.search.clone() else {
            self.message = Some(("press / to search first".into(), false));
            return;
        };
        let n = self.rows.len();
        let hit = (1..=n)
            .map(|step| {
                if forward {
                    (self.selected + step) % n
                } else {
                    (self.selected + n - step % n) % n
                }
            })
            .find(|&pos| {
                self.record(self.rows[pos]).is_some_and(|r| {
                    search_text(&r.event, &self.exercise.scenario, &self.exercise.plan)
                        .contains(&needle)
                })
            });
        match hit {
            Some(pos) => self.select(pos as i64),
            None => self.message = Some((format!("\"{needle}\" not found"), true)),
        }
    }

    fn cycle_role(&mut self) {
        let roles: Vec<String> = self
            .exercise
            .scenario
            .scenario
            .roles
            .iter()
            .map(ToString::to_string)
            .collect();
        let next = next_in(&roles, self.filter.role.as_ref());
        self.set_filter(EventFilter {
            role: next,
            ..self.filter.clone()
        });
    }

    fn cycle_phase(&mut self) {
        let phases: Vec<String> = self
            .exercise
            .plan
            .phases
            .iter()
            .map(|p| p.id.to_string())
            .collect();
        let next = next_in(&phases, self.filter.phase.as_ref());
        self.set_filter(EventFilter {
            phase: next,
            ..self.filter.clone()
        });
    }

    fn cycle_kind(&mut self) {
        let next = match self.filter.kind {
            None => Some(EventKind::ALL[0]),
            Some(k) => EventKind::ALL
                .iter()
                .position(|x| *x == k)
                .and_then(|i| EventKind::ALL.get(i + 1))
                .copied(),
        };
        self.set_filter(EventFilter {
            kind: next,
            ..self.filter.clone()
        });
    }

    pub fn set_filter(&mut self, filter: EventFilter) {
        let keep = self.selected_line();
        self.rows = if filter.is_empty() {
            (0..self.index.len()).collect()
        } else {
            (0..self.index.len())
                .filter(|&n| {
                    self.record(n).is_some_and(|r| {
                        filter.passes(&r.event, &self.exercise.scenario, &self.exercise.plan)
                    })
                })
                .collect()
        };
        self.filter = filter;
        // Stay on the same event if it is still shown, else the nearest after it.
        self.selected = keep
            .and_then(|line| self.rows.iter().position(|&l| l >= line))
            .unwrap_or(self.rows.len().saturating_sub(1));
        self.detail_scroll = 0;
        if self.rows.is_empty() {
            self.message = Some((
                "no event matches these filters (c clears them)".into(),
                true,
            ));
        }
    }

    fn start_annotation(&mut self) {
        if self.selected_record().is_none() {
            return;
        }
        let seq = self.selected_line().map_or(0, |l| l as u64 + 1);
        self.modals.open(dialogs::Annotate::new(seq));
    }

    fn ask_delete(&mut self) {
        let Some(record) = self.selected_record() else {
            return;
        };
        match self.annotations_on(record.seq).last() {
            Some((a, _)) => {
                let text = visible(&a.text);
                self.modals
                    .open(dialogs::confirm_delete(a.id, text, self.theme));
            }
            None => self.message = Some(("no annotation on this event".into(), false)),
        }
    }

    fn act_on(&mut self, message: Message) {
        match message {
            Message::Search(needle) => {
                self.search = Some(needle);
                self.search_next(true);
            }
            Message::Save { kind, text } => {
                if self.save_annotation(kind, &text) {
                    self.modals.close();
                }
            }
            Message::Tell(text, warning) => self.message = Some((text.into(), warning)),
            Message::Delete(id) => match self.annotations.remove(id, self.now) {
                Ok(()) => self.message = Some(("annotation deleted".into(), false)),
                Err(e) => self.message = Some((e.to_string(), true)),
            },
            Message::Kept => self.message = Some(("kept".into(), false)),
        }
    }

    /// Saves an annotation on the selected event. False keeps the dialog
    /// open with what was typed, so nothing is lost.
    fn save_annotation(&mut self, kind: AnnotationKind, body: &str) -> bool {
        let Some(line) = self.selected_line() else {
            return true;
        };
        if body.trim().is_empty() {
            self.message = Some(("nothing to save: the text is empty".into(), true));
            return false;
        }
        let Some(hash) = self.index.line_hash(line).map(str::to_string) else {
            self.message = Some(("this line has no hash to refer to".into(), true));
            return true;
        };
        match self
            .annotations
            .add(line as u64 + 1, &hash, kind, body, self.now)
        {
            Ok(a) => {
                let seq = a.seq;
                self.message = Some((
                    format!(
                        "{} saved on #{seq} in {}",
                        kind.name(),
                        self.annotations.path().display()
                    ),
                    false,
                ));
                true
            }
            Err(e) => {
                self.message = Some((format!("not saved: {e}"), true));
                false
            }
        }
    }

    fn open_plan_action(&mut self) {
        let Some(analysis) = &self.analysis else {
            self.message = Some(("still scoring the transcript…".into(), false));
            return;
        };
        let Some(action) = analysis.score.actions.get(self.plan_selected) else {
            return;
        };
        match action.evidence.first().copied() {
            Some(seq) => {
                self.mode = Mode::Timeline;
                self.select_seq(seq);
            }
            None => self.message = Some(("no event behind this action".into(), false)),
        }
    }
}

/// The next value after `current` in `list`, then none, then the first again.
fn next_in(list: &[String], current: Option<&String>) -> Option<String> {
    match current {
        None => list.first().cloned(),
        Some(c) => list
            .iter()
            .position(|x| x == c)
            .and_then(|i| list.get(i + 1))
            .cloned(),
    }
}
