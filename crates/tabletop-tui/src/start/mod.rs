//! The start screen: pick a scenario and a plan, say who holds which role, or
//! pick an interrupted exercise to resume.

mod catalog;
mod form;
mod view;

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tabletop_core::SourceFile;
use tabletop_core::engine::ExerciseSetup;

pub use catalog::{Catalog, RunState};
use form::{FormOutcome, SetupForm};
pub use view::render;

use super::theme::Theme;

pub enum Choice {
    New {
        scenario: SourceFile,
        plan: SourceFile,
        setup: ExerciseSetup,
    },
    Resume(PathBuf),
    Review(PathBuf),
}

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
    pub choice: Option<Choice>,
    pub quit: bool,
}

impl StartScreen {
    pub fn new(catalog: Catalog, theme: Theme) -> Self {
        Self {
            catalog,
            selected: 0,
            saved_selected: 0,
            message: None,
            pane: Pane::Scenarios,
            form: None,
            theme,
            choice: None,
            quit: false,
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            self.quit = true;
            return;
        }
        self.message = None;
        if let Some(form) = &mut self.form {
            match form.handle_key(key, self.catalog.plans.len()) {
                FormOutcome::Editing => {}
                FormOutcome::Back => self.form = None,
                FormOutcome::Start => {
                    let scenario = self.catalog.scenarios[form.scenario].source.clone();
                    let plan = self.catalog.plans[form.plan].source.clone();
                    self.choice = Some(Choice::New {
                        scenario,
                        plan,
                        setup: form.setup(),
                    });
                }
            }
            return;
        }
        let (count, position) = match self.pane {
            Pane::Scenarios => (self.catalog.scenarios.len(), &mut self.selected),
            Pane::Saved => (self.catalog.saved.len(), &mut self.saved_selected),
        };
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => *position = position.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => {
                *position = (*position + 1).min(count.saturating_sub(1))
            }
            KeyCode::Tab if !self.catalog.saved.is_empty() => {
                self.pane = if self.pane == Pane::Scenarios {
                    Pane::Saved
                } else {
                    Pane::Scenarios
                };
            }
            KeyCode::Enter => match self.pane {
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
                    if let Some(r) = self.catalog.saved.get(self.saved_selected) {
                        self.choice = Some(match r.state {
                            RunState::Interrupted => Choice::Resume(r.path.clone()),
                            RunState::Ended | RunState::Damaged => Choice::Review(r.path.clone()),
                        });
                    }
                }
            },
            KeyCode::Char('q') | KeyCode::Esc => self.quit = true,
            _ => {}
        }
    }
}
