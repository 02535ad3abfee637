//! The setup form: which plan, who holds which role (or nobody's name at all),
//! and the seed.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use tabletop_core::engine::{ExerciseSetup, Participant};

use crate::keymap::{Action, Keymap, Section};

pub struct SetupForm {
    pub scenario: usize,
    pub plan: usize,
    pub anonymous: bool,
    /// Names per role, as typed: "Dana, Sam" when several people share a role.
    pub names: Vec<(String, String)>,
    pub seed: String,
    /// Row with the cursor: 0 plan, 1 anonymous, 2.. roles, then seed, then start.
    pub row: usize,
}

pub enum FormOutcome {
    Editing,
    Start,
    Back,
    /// The key means nothing here.
    Ignored,
}

impl SetupForm {
    pub fn new(scenario: usize, plan: usize, roles: &[String]) -> Self {
        Self {
            scenario,
            plan,
            anonymous: false,
            names: roles.iter().map(|r| (r.clone(), String::new())).collect(),
            seed: String::new(),
            row: 0,
        }
    }

    pub fn seed_row(&self) -> usize {
        2 + self.names.len()
    }

    pub fn start_row(&self) -> usize {
        self.seed_row() + 1
    }

    /// Moves between fields with the setup keys; other keys type names and
    /// the seed.
    pub fn handle_key(&mut self, key: KeyEvent, plans: usize, keymap: &Keymap) -> FormOutcome {
        let action = keymap.action(Section::Setup, key);
        match action {
            Some(Action::Back) => return FormOutcome::Back,
            Some(Action::Up) => self.row = self.row.saturating_sub(1),
            Some(Action::Down) => self.row = (self.row + 1).min(self.start_row()),
            Some(Action::Choose) if self.row == self.start_row() => return FormOutcome::Start,
            Some(Action::Choose) => self.row = (self.row + 1).min(self.start_row()),
            Some(Action::PreviousPlan | Action::NextPlan) if self.row == 0 && plans > 0 => {
                self.plan = if action == Some(Action::NextPlan) {
                    (self.plan + 1) % plans
                } else {
                    (self.plan + plans - 1) % plans
                };
            }
            Some(Action::ToggleAnonymous | Action::PreviousPlan | Action::NextPlan)
                if self.row == 1 =>
            {
                self.anonymous = !self.anonymous
            }
            _ if keymap.action(Section::Global, key).is_some() => return FormOutcome::Ignored,
            _ => match key.code {
                KeyCode::Backspace => {
                    if let Some(text) = self.text_mut() {
                        text.pop();
                    }
                }
                KeyCode::Char(c) => {
                    let on_seed = self.row == self.seed_row();
                    if let Some(text) = self.text_mut()
                        && (!on_seed || c.is_ascii_digit())
                        && text.chars().count() < 120
                    {
                        text.push(c);
                    }
                }
                _ => {}
            },
        }
        FormOutcome::Editing
    }

    fn text_mut(&mut self) -> Option<&mut String> {
        if self.row == self.seed_row() {
            return Some(&mut self.seed);
        }
        if self.anonymous {
            return None;
        }
        self.row
            .checked_sub(2)
            .and_then(|i| self.names.get_mut(i))
            .map(|(_, names)| names)
    }

    /// The setup the form describes: people merged across the roles they hold.
    pub fn setup(&self) -> ExerciseSetup {
        let mut participants: Vec<Participant> = Vec::new();
        if !self.anonymous {
            for (role, names) in &self.names {
                for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                    match participants.iter_mut().find(|p| p.name == name) {
                        Some(p) => p.roles.push(role.clone()),
                        None => participants.push(Participant {
                            name: name.to_string(),
                            roles: vec![role.clone()],
                        }),
                    }
                }
            }
        }
        ExerciseSetup {
            seed: self.seed.parse().unwrap_or_else(|_| rand::random()),
            anonymous: self.anonymous,
            participants,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn key(form: &mut SetupForm, code: KeyCode) {
        form.handle_key(
            KeyEvent::new(code, KeyModifiers::NONE),
            2,
            &Keymap::default(),
        );
    }

    #[test]
    fn one_person_may_hold_several_roles_and_many_one_role() {
        let mut form = SetupForm::new(0, 0, &["incident-commander".into(), "legal".into()]);
        form.row = 2;
        for c in "Dana, Sam".chars() {
            key(&mut form, KeyCode::Char(c));
        }
        key(&mut form, KeyCode::Down);
        for c in "Dana".chars() {
            key(&mut form, KeyCode::Char(c));
        }
        key(&mut form, KeyCode::Down);
        for c in "42x".chars() {
            key(&mut form, KeyCode::Char(c));
        }
        let setup = form.setup();
        assert_eq!(setup.seed, 42);
        assert_eq!(setup.participants.len(), 2);
        assert_eq!(setup.participants[0].roles, ["incident-commander", "legal"]);
    }

    #[test]
    fn anonymous_records_no_names() {
        let mut form = SetupForm::new(0, 0, &["legal".into()]);
        form.names[0].1 = "Dana".into();
        form.row = 1;
        key(&mut form, KeyCode::Char(' '));
        assert!(form.setup().anonymous);
        assert!(form.setup().participants.is_empty());
    }
}
