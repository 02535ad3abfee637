//! Who sits where: one seat per participant (per role in an anonymous run),
//! a scribe, an observer and the room's screen, each with a link holding an
//! unguessable token. Tokens come from the operating system's random source,
//! never from the exercise's recorded seed, and never go into the transcript:
//! they live in a 0600 file beside it while the console runs.

use std::path::{Path, PathBuf};

use rand::TryRng;
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

use crate::engine::{ExerciseSetup, SeatKind};
use crate::plan::Plan;
use crate::scenario::Scenario;

/// Bytes of randomness in a token: 128 bits, written as 32 hex digits.
pub const TOKEN_BYTES: usize = 16;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seat {
    /// Named in the transcript: a role id, `participant-N`, `scribe`,
    /// `observer` or `room`. Never a person's name.
    pub id: String,
    pub kind: SeatKind,
    /// What the seat page and the seats screen call it: a role's name, or
    /// the participant's name.
    pub label: String,
    /// The roles it answers for (every role for the scribe, none for
    /// observers and the room).
    pub roles: Vec<String>,
    /// The participant holding it, in a named exercise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    pub token: String,
}

impl Seat {
    /// The page the link opens: the room's screen, or a seat page.
    pub fn path(&self) -> String {
        match self.kind {
            SeatKind::Room => format!("/room/{}", self.token),
            _ => format!("/s/{}", self.token),
        }
    }

    /// Roles it sees private injects of: its own (a scribe's are all of
    /// them, but a scribe sees what the room sees; see `view`).
    pub fn private_roles(&self) -> &[String] {
        match self.kind {
            SeatKind::Role | SeatKind::Person => &self.roles,
            _ => &[],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roster {
    pub seats: Vec<Seat>,
}

impl Roster {
    /// The seats of an exercise: a seat per named participant, and one per
    /// role nobody holds (or per role, in an anonymous run); then a scribe,
    /// an observer and the room.
    pub fn for_exercise(scenario: &Scenario, plan: &Plan, setup: &ExerciseSetup) -> Self {
        let roles: Vec<String> = scenario
            .scenario
            .roles
            .iter()
            .map(|r| r.to_string())
            .collect();
        let mut seats = Vec::new();
        if !setup.anonymous {
            for (n, participant) in setup.participants.iter().enumerate() {
                seats.push(Seat {
                    id: format!("participant-{}", n + 1),
                    kind: SeatKind::Person,
                    label: participant.name.clone(),
                    roles: participant.roles.clone(),
                    person: Some(participant.name.clone()),
                    token: new_token(),
                });
            }
        }
        for role in &roles {
            let held = !setup.anonymous
                && setup
                    .participants
                    .iter()
                    .any(|p| p.roles.iter().any(|r| r == role));
            if !held {
                seats.push(Seat {
                    id: role.clone(),
                    kind: SeatKind::Role,
                    label: plan.role_name(role).to_string(),
                    roles: vec![role.clone()],
                    person: None,
                    token: new_token(),
                });
            }
        }
        for (kind, label, seat_roles) in [
            (SeatKind::Scribe, "Scribe", roles.clone()),
            (SeatKind::Observer, "Observer", Vec::new()),
            (SeatKind::Room, "Room screen", Vec::new()),
        ] {
            seats.push(Seat {
                id: kind.name().to_string(),
                kind,
                label: label.to_string(),
                roles: seat_roles,
                person: None,
                token: new_token(),
            });
        }
        Self { seats }
    }

    /// The seat a token opens, compared in constant time against every
    /// seat's token so the time taken says nothing about how close it was.
    pub fn by_token(&self, token: &str) -> Option<&Seat> {
        let given = token.as_bytes();
        let mut found = None;
        for seat in &self.seats {
            let same = seat.token.as_bytes().ct_eq(given);
            if bool::from(same) {
                found = Some(seat);
            }
        }
        found
    }

    pub fn seat(&self, id: &str) -> Option<&Seat> {
        self.seats.iter().find(|s| s.id == id)
    }
}

/// Whether a token has the shape of one: 32 lowercase hex digits.
pub fn well_formed(token: &str) -> bool {
    token.len() == TOKEN_BYTES * 2
        && token
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn new_token() -> String {
    let mut bytes = [0u8; TOKEN_BYTES];
    rand::rngs::SysRng
        .try_fill_bytes(&mut bytes)
        .expect("the operating system's random source is available");
    hex::encode(bytes)
}

/// The links file of a running exercise: `T.jsonl.seats`, beside it.
pub fn links_path(transcript: &Path) -> PathBuf {
    PathBuf::from(format!("{}.seats", transcript.display()))
}

/// What `tabletop seats` prints: where the server listens and each seat's link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatLinks {
    /// `http://192.168.1.20:7878` or `https://…`.
    pub base: String,
    /// The TLS certificate's SHA-256 fingerprint, when served over HTTPS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    pub seats: Vec<SeatLink>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatLink {
    pub seat: String,
    pub kind: SeatKind,
    pub label: String,
    pub roles: Vec<String>,
    pub url: String,
}

impl SeatLinks {
    pub fn new(base: &str, fingerprint: Option<String>, roster: &Roster) -> Self {
        Self {
            base: base.to_string(),
            fingerprint,
            seats: roster
                .seats
                .iter()
                .map(|s| SeatLink {
                    seat: s.id.clone(),
                    kind: s.kind,
                    label: s.label.clone(),
                    roles: s.roles.clone(),
                    url: format!("{base}{}", s.path()),
                })
                .collect(),
        }
    }

    /// Written 0600: the links open the seats, so they are as private as the
    /// exercise itself.
    pub fn write(&self, transcript: &Path) -> std::io::Result<PathBuf> {
        let path = links_path(transcript);
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        crate::private_file::write_private(&path, &json)?;
        Ok(path)
    }

    pub fn read(transcript: &Path) -> std::io::Result<Self> {
        let path = links_path(transcript);
        let bytes = crate::regular_file::read(&path, 1 << 20)?;
        serde_json::from_slice(&bytes).map_err(std::io::Error::other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Participant;
    use crate::library::bundled_file;
    use crate::session::Exercise;

    fn exercise() -> Exercise {
        Exercise::load(
            bundled_file("tutorial.toml").unwrap(),
            bundled_file("plans/gdpr-midsize.toml").unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn an_anonymous_run_has_a_seat_per_role_and_no_names() {
        let x = exercise();
        let mut setup = ExerciseSetup::new(1);
        setup.anonymous = true;
        let roster = Roster::for_exercise(&x.scenario, &x.plan, &setup);
        let roles = x.scenario.scenario.roles.len();
        assert_eq!(roster.seats.len(), roles + 3);
        assert!(roster.seats.iter().all(|s| s.person.is_none()));
        let tokens: std::collections::HashSet<_> =
            roster.seats.iter().map(|s| s.token.clone()).collect();
        assert_eq!(tokens.len(), roster.seats.len(), "every token differs");
        assert!(roster.seats.iter().all(|s| well_formed(&s.token)));
    }

    #[test]
    fn named_participants_get_their_own_seats_and_tokens_open_only_theirs() {
        let x = exercise();
        let role = x.scenario.scenario.roles[0].to_string();
        let mut setup = ExerciseSetup::new(1);
        setup.participants = vec![Participant {
            name: "Dana Reyes".into(),
            roles: vec![role.clone()],
        }];
        let roster = Roster::for_exercise(&x.scenario, &x.plan, &setup);
        let dana = &roster.seats[0];
        assert_eq!(dana.id, "participant-1", "seat ids never carry names");
        assert_eq!(dana.label, "Dana Reyes");
        assert!(
            roster.seat(&role).is_none(),
            "a held role has no seat of its own"
        );
        assert_eq!(roster.by_token(&dana.token).map(|s| &s.id), Some(&dana.id));
        let mut near = dana.token.clone();
        near.replace_range(31.., if near.ends_with('0') { "1" } else { "0" });
        assert!(roster.by_token(&near).is_none());
        assert!(roster.by_token("").is_none());
    }
}
