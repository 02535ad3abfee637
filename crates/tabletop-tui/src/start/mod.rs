//! The start screen: pick a scenario and a plan, say who holds which role, or
//! pick an interrupted exercise to resume or a finished one to review. What
//! is chosen opens as the next screen.

mod catalog;
mod form;
mod view;

mod screen;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender};

use chrono::Utc;
use ratatui::crossterm::event::KeyEvent;
use tabletop_core::SourceFile;
use tabletop_core::engine::ExerciseSetup;
use tabletop_core::session::{Exercise, Session};
use tabletop_core::transcript::default_path;

pub use catalog::{Catalog, RunState, SavedRun};
use tabletop_core::library::SearchPath;

/// What the background reading sends back, in this order.
pub enum Loaded {
    Files(Catalog),
    Saved(Vec<SavedRun>),
}
use form::{FormOutcome, SetupForm};
pub use view::render;

use crate::Settings;
use crate::console::Console;
use crate::keymap::{Action, Section};
use crate::review;
use crate::screen::terminal::Input;
use crate::screen::{Handled, Next};
use crate::theme::Theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Scenarios,
    Saved,
}

pub struct StartScreen {
    pub catalog: Catalog,
    pub selected: usize,
    pub saved_selected: usize,
    /// Why the last choice could not be opened.
    pub message: Option<String>,
    pub pane: Pane,
    pub form: Option<SetupForm>,
    pub theme: Theme,
    pub settings: Settings,
    /// Wakes the loop when a review's background check is done.
    waker: Sender<Input>,
    /// The scenarios and plans, then the saved exercises, while they are
    /// still being read in the background.
    loading: Option<Receiver<Loaded>>,
    /// The scenarios and plans are not read yet.
    pub reading: bool,
    /// The screen to go to next.
    next: Option<Next>,
    /// The preview shows the selected scenario's plan instead of the scenario.
    pub showing_plan: bool,
    /// Lines scrolled in the preview.
    pub preview_scroll: u16,
    /// The previewed plan's lines, by plan id: read when the preview opens
    /// or the selection moves, never while drawing.
    plan_preview: Option<(String, Vec<String>)>,
}

impl StartScreen {
    pub fn new(catalog: Catalog, settings: Settings, waker: Sender<Input>) -> Self {
        Self {
            catalog,
            selected: 0,
            saved_selected: 0,
            message: None,
            pane: Pane::Scenarios,
            form: None,
            theme: settings.theme,
            settings,
            waker,
            loading: None,
            reading: false,
            next: None,
            showing_plan: false,
            preview_scroll: 0,
            plan_preview: None,
        }
    }

    /// Reads the scenarios and plans, then the saved exercises in
    /// `transcripts`, in the background: the first frame waits for neither,
    /// and each joins the screen when read.
    pub fn load_in_background(&mut self, search: SearchPath, transcripts: PathBuf) {
        let (tx, rx) = std::sync::mpsc::channel();
        let waker = self.waker.clone();
        std::thread::spawn(move || {
            let _ = tx.send(Loaded::Files(Catalog::scenarios_and_plans(&search)));
            let _ = waker.send(Input::Wake);
            let _ = tx.send(Loaded::Saved(catalog::saved_runs(&transcripts)));
            let _ = waker.send(Input::Wake);
        });
        self.loading = Some(rx);
        self.reading = true;
    }

    /// Takes whatever the background has read so far.
    pub fn collect_loaded(&mut self) {
        self.take_loaded();
        self.refresh_plan_preview();
    }

    fn take_loaded(&mut self) {
        let Some(rx) = &self.loading else {
            return;
        };
        loop {
            match rx.try_recv() {
                Ok(Loaded::Files(files)) => {
                    self.catalog.scenarios = files.scenarios;
                    self.catalog.plans = files.plans;
                    self.catalog.skipped = files.skipped;
                    // The plans may have arrived after the preview opened.
                    self.plan_preview = None;
                    self.reading = false;
                }
                Ok(Loaded::Saved(saved)) => self.catalog.saved = saved,
                Err(std::sync::mpsc::TryRecvError::Empty) => return,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    self.loading = None;
                    self.reading = false;
                    return;
                }
            }
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Handled {
        self.message = None;
        let keymap = self.settings.keymap.clone();
        if let Some(form) = &mut self.form {
            match form.handle_key(key, self.catalog.plans.len(), &keymap) {
                FormOutcome::Editing => {}
                FormOutcome::Ignored => return Handled::Ignored,
                FormOutcome::Back => self.form = None,
                FormOutcome::Start => {
                    let scenario = self.catalog.scenarios[form.scenario].source.clone();
                    let plan = self.catalog.plans[form.plan].source.clone();
                    let setup = form.setup();
                    match form.seats_address() {
                        Ok(seats) => self.begin(scenario, plan, setup, seats),
                        Err(why) => self.message = Some(why),
                    }
                }
            }
            return Handled::Consumed;
        }
        let count = match self.pane {
            Pane::Scenarios => self.catalog.scenarios.len(),
            Pane::Saved => self.catalog.saved.len(),
        };
        let before = match self.pane {
            Pane::Scenarios => self.selected,
            Pane::Saved => self.saved_selected,
        };
        let mut position = before;
        let action = keymap.action(Section::Start, key);
        match action {
            Some(Action::Up) => position = position.saturating_sub(1),
            Some(Action::Down) => position = (position + 1).min(count.saturating_sub(1)),
            Some(Action::ShowPlan) if self.pane == Pane::Scenarios => {
                self.showing_plan = !self.showing_plan;
                self.preview_scroll = 0;
                self.refresh_plan_preview();
            }
            Some(Action::PageUp) => self.preview_scroll = self.preview_scroll.saturating_sub(10),
            Some(Action::PageDown) => self.preview_scroll = self.preview_scroll.saturating_add(10),
            Some(Action::FocusNext) if !self.catalog.saved.is_empty() => {
                self.pane = if self.pane == Pane::Scenarios {
                    Pane::Saved
                } else {
                    Pane::Scenarios
                };
            }
            Some(Action::Choose) => self.choose(),
            Some(Action::Quit) => self.next = Some(Next::Back),
            _ => return Handled::Ignored,
        }
        if matches!(action, Some(Action::Up | Action::Down)) {
            match self.pane {
                Pane::Scenarios => self.selected = position,
                Pane::Saved => self.saved_selected = position,
            }
            if position != before {
                self.preview_scroll = 0;
                self.refresh_plan_preview();
            }
        }
        Handled::Consumed
    }

    /// The selected scenario's plan as `plan show` prints it, when the
    /// preview shows plans; `None` when the plan is not in the catalog.
    fn refresh_plan_preview(&mut self) {
        if !self.showing_plan {
            return;
        }
        let wanted = self
            .catalog
            .scenarios
            .get(self.selected)
            .and_then(|e| e.summary.plan.clone());
        if self.plan_preview.as_ref().map(|(id, _)| id) == wanted.as_ref() {
            return;
        }
        self.plan_preview = wanted.and_then(|id| {
            let entry = self.catalog.plans.iter().find(|p| p.id == id)?;
            let plan = tabletop_core::load::parse_plan(&entry.source).ok()?;
            let lines = tabletop_core::plan::PlanOverview::of(&plan).compact_lines();
            Some((id, lines))
        });
    }

    /// The previewed plan's lines, when the selected scenario's plan is known.
    pub fn plan_preview(&self) -> Option<&[String]> {
        self.plan_preview
            .as_ref()
            .map(|(_, lines)| lines.as_slice())
    }

    fn choose(&mut self) {
        match self.pane {
            Pane::Scenarios => {
                let Some(entry) = self.catalog.scenarios.get(self.selected) else {
                    return;
                };
                if self.catalog.plans.is_empty() {
                    return;
                }
                let plan = entry
                    .summary
                    .plan
                    .as_ref()
                    .and_then(|id| self.catalog.plans.iter().position(|p| &p.id == id))
                    .unwrap_or(0);
                self.form = Some(SetupForm::new(self.selected, plan, &entry.roles));
            }
            Pane::Saved => {
                let Some(run) = self.catalog.saved.get(self.saved_selected) else {
                    return;
                };
                let path = run.path.clone();
                match run.state {
                    RunState::Interrupted => self.resume(&path),
                    RunState::Ended | RunState::Damaged | RunState::Running => self.review(path),
                }
            }
        }
    }

    /// A new exercise from the form: its transcript goes in transcripts/.
    fn begin(
        &mut self,
        scenario: SourceFile,
        plan: SourceFile,
        setup: ExerciseSetup,
        seats: Option<std::net::SocketAddr>,
    ) {
        let opened = Exercise::load(scenario, plan)
            .map_err(|e| anyhow::anyhow!("{e}"))
            .and_then(|exercise| {
                let now = Utc::now();
                let path = default_path(
                    Path::new("transcripts"),
                    exercise.scenario.scenario.id.as_str(),
                    now,
                );
                Ok(Session::create(&path, &exercise, setup, now)?)
            });
        self.open_console(opened, seats);
    }

    fn resume(&mut self, path: &Path) {
        self.open_console(
            Session::resume(path)
                .map(|(session, _)| session)
                .map_err(Into::into),
            None,
        );
    }

    fn open_console(
        &mut self,
        session: anyhow::Result<Session>,
        seats: Option<std::net::SocketAddr>,
    ) {
        let opened = session
            .and_then(|s| Console::open(s, &self.settings, Utc::now()))
            .and_then(|mut console| {
                if let Some(listen) = seats {
                    let starter = self.settings.seats.clone().ok_or_else(|| {
                        anyhow::anyhow!(
                            "seats cannot be served from here: use `tabletop run SCENARIO --seats`"
                        )
                    })?;
                    let kept_for = self.settings.retention.map(|r| r.to_string());
                    let seats = starter(&console.session, listen, kept_for)?;
                    console.attach_seats(seats, self.waker.clone());
                }
                Ok(console)
            });
        match opened {
            Ok(console) => self.next = Some(Next::Replace(Box::new(console))),
            Err(e) => self.message = Some(format!("{e:#}")),
        }
    }

    /// A finished exercise opens in the review; leaving it comes back here.
    fn review(&mut self, path: PathBuf) {
        match review::prepare(&path, self.theme) {
            Ok((app, bytes)) => {
                let mut app = app;
                app.keymap = self.settings.keymap.clone();
                let screen = review::ReviewScreen::new(app, bytes, self.waker.clone());
                self.next = Some(Next::Open(Box::new(screen)));
            }
            Err(e) => self.message = Some(e.to_string()),
        }
    }
}
