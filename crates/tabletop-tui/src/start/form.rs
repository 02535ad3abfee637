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
    /// Where to serve the participants' seats, as typed; empty for none.
    pub seats: String,
    /// Row with the cursor: 0 plan, 1 anonymous, 2.. roles, then seed,
    /// seats, then start.
    pub row: usize,
}

/// Where seats are served when the field is switched on.
pub const SEATS_DEFAULT: &str = "127.0.0.1:7878";

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
            seats: String::new(),
            row: 0,
        }
    }

    pub fn seed_row(&self) -> usize {
        2 + self.names.len()
    }

    pub fn seats_row(&self) -> usize {
        self.seed_row() + 1
    }

    pub fn start_row(&self) -> usize {
        self.seats_row() + 1
    }

    /// Where to serve seats: `None` for no seats; an error names the field.
    pub fn seats_address(&self) -> Result<Option<std::net::SocketAddr>, String> {
        let typed = self.seats.trim();
        if typed.is_empty() {
            return Ok(None);
        }
        typed.parse().map(Some).map_err(|_| {
            format!("seats: \"{typed}\" is not an address and port, e.g. 192.168.1.20:7878")
        })
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
            // Space switches seats on (on this machine only) and off; the
            // address can then be typed over.
            Some(Action::ToggleAnonymous) if self.row == self.seats_row() => {
                self.seats = if self.seats.is_empty() {
                    SEATS_DEFAULT.to_string()
                } else {
                    String::new()
                };
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
                    let on_seats = self.row == self.seats_row();
                    let fits = if on_seed {
                        c.is_ascii_digit()
                    } else if on_seats {
                        c.is_ascii_hexdigit() || ".:[]".contains(c)
                    } else {
                        true
                    };
                    if let Some(text) = self.text_mut()
                        && fits
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
        if self.row == self.seats_row() {
            return Some(&mut self.seats);
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
    fn seats_switch_on_with_space_and_take_a_typed_address() {
        let mut form = SetupForm::new(0, 0, &["legal".into()]);
        form.row = form.seats_row();
        assert_eq!(form.seats_address(), Ok(None));
        key(&mut form, KeyCode::Char(' '));
        assert_eq!(
            form.seats_address(),
            Ok(Some(SEATS_DEFAULT.parse().unwrap()))
        );
        form.seats.clear();
        for c in "192.168.1.20:7878x".chars() {
            key(&mut form, KeyCode::Char(c));
        }
        assert_eq!(
            form.seats, "192.168.1.20:7878",
            "letters that cannot be in an address are not typed"
        );
        form.seats = "192.168.1.20".into();
        assert!(
            form.seats_address()
                .unwrap_err()
                .contains("e.g. 192.168.1.20:7878")
        );
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
