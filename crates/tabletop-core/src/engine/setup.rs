//! Who takes part and how the run is seeded: fixed when the exercise is created.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub name: String,
    pub roles: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseSetup {
    /// Seeds the wildcard draws; recorded so the run can be reproduced.
    pub seed: u64,
    /// Roles only: no names anywhere in the transcript.
    pub anonymous: bool,
    #[serde(default)]
    pub participants: Vec<Participant>,
}

impl ExerciseSetup {
    pub fn new(seed: u64) -> Self {
        Self {
            seed,
            anonymous: false,
            participants: Vec::new(),
        }
    }

    pub fn holds(&self, name: &str, role: &str) -> Option<bool> {
        self.participants
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.roles.iter().any(|r| r == role))
    }
}
