//! The first line of a transcript: what was run, with what, by whom, and a
//! full copy of the scenario and plan so it can be reviewed without them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::document::SourceFile;
use crate::engine::{ExerciseSetup, Participant};

/// 2: scenario and plan copies may name standard actions and roles
/// (`implements`); a reader of version 1 would refuse such a plan copy.
/// 4: `recorded` and `redaction` in the header.
/// 5: seats (`seat_joined`, `seat_left`, `vote_cast`, a response's `seat`)
/// and private injects in the scenario copy.
pub const FORMAT_VERSION: u32 = 5;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// Always "header".
    #[serde(rename = "type")]
    pub kind: String,
    pub format: u32,
    pub tabletop: String,
    pub started: DateTime<Utc>,
    pub seed: u64,
    pub anonymous: bool,
    /// Roles taking part.
    pub roles: Vec<String>,
    /// Names and the roles they hold; empty when anonymous.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<Participant>,
    pub scenario: EmbeddedFile,
    pub plan: EmbeddedFile,
    /// The real time the transcript was created (format 4 on). `started` is
    /// the exercise's own clock, which a headless run sets to any date; this
    /// one decides how long the file is kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded: Option<DateTime<Utc>>,
    /// Set when this transcript was derived from another by `tabletop redact`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redaction: Option<Redaction>,
}

/// What a redacted transcript was made from, and what was taken out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redaction {
    /// SHA-256 of the original transcript file, hex.
    pub of_sha256: String,
    /// How names were replaced: `pseudonyms` or `roles`.
    pub names: String,
    /// Kinds of free text removed: `notes`, `responses`, `annotations`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dropped: Vec<String>,
}

/// A scenario or plan as it was when the exercise ran.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmbeddedFile {
    pub id: String,
    /// Where it was read from (a path, or `bundled:...`).
    pub path: String,
    /// SHA-256 of `source`, hex.
    pub sha256: String,
    pub source: String,
}

impl EmbeddedFile {
    pub fn new(id: &str, file: &SourceFile) -> Self {
        Self {
            id: id.to_string(),
            path: file.name.clone(),
            sha256: sha256_hex(file.text.as_bytes()),
            source: file.text.clone(),
        }
    }

    pub fn source_file(&self) -> SourceFile {
        SourceFile::new(
            format!("{} (copy in transcript)", self.path),
            self.source.clone(),
        )
    }
}

impl Header {
    pub fn new(
        scenario: EmbeddedFile,
        plan: EmbeddedFile,
        roles: Vec<String>,
        setup: &ExerciseSetup,
        started: DateTime<Utc>,
        recorded: DateTime<Utc>,
    ) -> Self {
        Self {
            kind: "header".into(),
            format: FORMAT_VERSION,
            tabletop: env!("CARGO_PKG_VERSION").into(),
            started,
            seed: setup.seed,
            anonymous: setup.anonymous,
            roles,
            participants: if setup.anonymous {
                Vec::new()
            } else {
                setup.participants.clone()
            },
            scenario,
            plan,
            recorded: Some(recorded),
            redaction: None,
        }
    }

    pub fn setup(&self) -> ExerciseSetup {
        ExerciseSetup {
            seed: self.seed,
            anonymous: self.anonymous,
            participants: self.participants.clone(),
        }
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}
