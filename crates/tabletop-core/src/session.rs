//! A running exercise: the engine and its transcript together. A command's
//! events are on disk before the engine applies them, so whatever a front end
//! shows as done is recorded.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::document::SourceFile;
use crate::engine::{Command, CommandError, Engine, EventRecord, ExerciseSetup};
use crate::plan::Plan;
use crate::scenario::Scenario;
use crate::transcript::{
    Damage, EmbeddedFile, Header, TranscriptError, TranscriptRead, TranscriptWriter,
    read_transcript,
};
use crate::{InvalidFile, load_plan, load_scenario};

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Refused(#[from] CommandError),
    /// Nothing of the command was recorded.
    #[error("could not record to the transcript, so nothing was recorded: {0}")]
    Transcript(#[from] TranscriptError),
    #[error("cannot read the transcript: {0}")]
    Read(TranscriptError),
    /// Another process is writing the transcript.
    #[error("{0}")]
    Busy(TranscriptError),
    #[error("{0}")]
    Invalid(Box<InvalidFile>),
    #[error("{path}: {damage}; run `tabletop verify {path}` for details")]
    Damaged { path: String, damage: Damage },
}

/// A scenario with the plan it is checked against, ready to run.
#[derive(Debug, Clone)]
pub struct Exercise {
    pub scenario: Arc<Scenario>,
    pub plan: Arc<Plan>,
    pub scenario_file: SourceFile,
    pub plan_file: SourceFile,
}

impl Exercise {
    pub fn load(
        scenario_file: SourceFile,
        plan_file: SourceFile,
    ) -> Result<Self, Box<InvalidFile>> {
        let (plan, _) = load_plan(&plan_file).map_err(Box::new)?;
        let (scenario, _) = load_scenario(&scenario_file, Some(&plan)).map_err(Box::new)?;
        Ok(Self {
            scenario: Arc::new(scenario),
            plan: Arc::new(plan),
            scenario_file,
            plan_file,
        })
    }

    /// From a parsed scenario and a checked plan: checks the scenario against it.
    pub fn from_parts(
        scenario: Scenario,
        scenario_file: SourceFile,
        plan: Plan,
        plan_file: SourceFile,
    ) -> Result<Self, Box<InvalidFile>> {
        let problems = crate::scenario::validate_scenario(&scenario, Some(&plan));
        if problems.iter().any(crate::Diagnostic::is_error) {
            return Err(Box::new(InvalidFile::new(scenario_file, problems)));
        }
        Ok(Self {
            scenario: Arc::new(scenario),
            plan: Arc::new(plan),
            scenario_file,
            plan_file,
        })
    }

    /// The exercise a transcript recorded, from the copies in its header.
    pub fn from_header(header: &Header) -> Result<Self, Box<InvalidFile>> {
        Self::load(header.scenario.source_file(), header.plan.source_file())
    }

    pub fn engine(&self, setup: ExerciseSetup, created: DateTime<Utc>) -> Engine {
        Engine::new(self.scenario.clone(), self.plan.clone(), setup, created)
    }
}

/// What resuming found and did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResumeReport {
    pub events: usize,
    /// Where an incomplete last line was moved, if there was one.
    pub set_aside: Option<PathBuf>,
}

#[derive(Debug)]
pub struct Session {
    engine: Engine,
    writer: TranscriptWriter,
}

impl Session {
    /// Creates the transcript and writes its header; the exercise is not started yet.
    pub fn create(
        path: &Path,
        exercise: &Exercise,
        setup: ExerciseSetup,
        now: DateTime<Utc>,
    ) -> Result<Self, SessionError> {
        Self::create_recorded(path, exercise, setup, now, now)
    }

    /// As [`Session::create`], for a run on a clock of its own (headless):
    /// `now` starts the exercise's clock, `recorded` is the real time, kept
    /// in the header to decide retention.
    pub fn create_recorded(
        path: &Path,
        exercise: &Exercise,
        setup: ExerciseSetup,
        now: DateTime<Utc>,
        recorded: DateTime<Utc>,
    ) -> Result<Self, SessionError> {
        let scenario = &exercise.scenario.scenario;
        let header = Header::new(
            EmbeddedFile::new(scenario.id.as_str(), &exercise.scenario_file),
            EmbeddedFile::new(exercise.plan.plan.id.as_str(), &exercise.plan_file),
            scenario.roles.iter().map(|r| r.to_string()).collect(),
            &setup,
            now,
            recorded,
        );
        let writer = TranscriptWriter::create(path, &header)?;
        Ok(Self {
            engine: exercise.engine(setup, now),
            writer,
        })
    }

    /// Reopens an interrupted exercise: sets an incomplete last line aside in a
    /// file of its own, rebuilds the state from the events, and continues the
    /// same transcript. A transcript damaged anywhere else is not touched.
    pub fn resume(path: &Path) -> Result<(Self, ResumeReport), SessionError> {
        // Claimed before it is read: nothing may write it between the two.
        let claimed = TranscriptWriter::claim(path).map_err(|e| match e {
            TranscriptError::Locked { .. } => SessionError::Busy(e),
            other => SessionError::Read(other),
        })?;
        let mut read = read_transcript(path).map_err(SessionError::Read)?;
        let set_aside = match &read.damage {
            None => None,
            Some(Damage::TornEnd { .. }) => Some(set_aside_torn_end(path, &read)?),
            Some(damage) => {
                return Err(SessionError::Damaged {
                    path: path.display().to_string(),
                    damage: damage.clone(),
                });
            }
        };
        let exercise = Exercise::from_header(&read.header).map_err(SessionError::Invalid)?;
        let mut engine = exercise.engine(read.header.setup(), read.header.started);
        crate::transcript::apply_checked(&mut engine, &mut read);
        if let Some(damage @ Damage::Broken { .. }) = &read.damage {
            return Err(SessionError::Damaged {
                path: path.display().to_string(),
                damage: damage.clone(),
            });
        }
        let writer = TranscriptWriter::reopen(claimed, read.last_hash.clone(), read.intact_len);
        let report = ResumeReport {
            events: read.records.len(),
            set_aside,
        };
        Ok((Self { engine, writer }, report))
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Makes sure the transcript file itself is on disk (before any event it is
    /// written but may not be synced yet).
    pub fn sync(&mut self) -> Result<(), SessionError> {
        Ok(self.writer.sync()?)
    }

    pub fn path(&self) -> &Path {
        self.writer.path()
    }

    /// Runs a command: its events are recorded (written and fsynced), then applied.
    pub fn execute(
        &mut self,
        command: &Command,
        now: DateTime<Utc>,
    ) -> Result<Vec<EventRecord>, SessionError> {
        let records = self.engine.handle(command, now)?;
        self.writer.append(&records)?;
        for record in &records {
            self.engine.apply(record);
        }
        Ok(records)
    }
}

/// One command's answer in a batch: its events, or why it was refused.
pub type BatchResult = Result<Vec<EventRecord>, SessionError>;

impl Session {
    /// Runs several commands as one group commit: each is handled after the
    /// ones before it, and the events of all that were accepted are written
    /// and fsynced once, then applied. Seats send many small commands at
    /// once; this keeps each from waiting on the disk for all the others.
    /// When the write fails, none of them was recorded.
    pub fn execute_batch(&mut self, commands: &[Command], now: DateTime<Utc>) -> Vec<BatchResult> {
        let mut draft = self.engine.clone();
        let mut answers: Vec<BatchResult> = Vec::with_capacity(commands.len());
        let mut all: Vec<EventRecord> = Vec::new();
        for command in commands {
            match draft.handle(command, now) {
                Ok(records) => {
                    for record in &records {
                        draft.apply(record);
                    }
                    all.extend(records.iter().cloned());
                    answers.push(Ok(records));
                }
                Err(refused) => answers.push(Err(refused.into())),
            }
        }
        if let Err(error) = self.writer.append(&all) {
            let message = match &error {
                TranscriptError::Io { source, .. } => source.to_string(),
                other => other.to_string(),
            };
            return answers
                .into_iter()
                .map(|answer| match answer {
                    Ok(_) => Err(SessionError::Transcript(TranscriptError::Unreadable {
                        path: self.writer.path().to_path_buf(),
                        reason: message.clone(),
                    })),
                    refused => refused,
                })
                .collect();
        }
        self.engine = draft;
        answers
    }
}

/// Moves the bytes after the last intact line to `<name>.torn-<n>` and cuts
/// them off the transcript, keeping everything before.
fn set_aside_torn_end(path: &Path, read: &TranscriptRead) -> Result<PathBuf, TranscriptError> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let io = |e| TranscriptError::io(path, e);
    let bytes =
        crate::regular_file::read(path, crate::regular_file::MAX_TRANSCRIPT_BYTES).map_err(io)?;
    let tail = &bytes[read.intact_len as usize..];
    let mut n = 1;
    let (aside, mut file) = loop {
        let candidate = PathBuf::from(format!("{}.torn-{n}", path.display()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&candidate)
        {
            Ok(file) => break (candidate, file),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
            Err(e) => return Err(io(e)),
        }
    };
    file.write_all(tail)
        .and_then(|()| file.sync_all())
        .map_err(io)?;
    let transcript = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(io)?;
    transcript
        .set_len(read.intact_len)
        .and_then(|()| transcript.sync_all())
        .map_err(io)?;
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::bundled_file;

    fn tutorial() -> Exercise {
        let file = |suffix: &str| bundled_file(suffix).unwrap();
        Exercise::load(file("tutorial.toml"), file("plans/gdpr-midsize.toml")).unwrap()
    }

    #[test]
    fn a_full_disk_is_reported_and_nothing_counts_as_recorded() {
        let dir = tempfile::tempdir().unwrap();
        let now: DateTime<Utc> = "2026-01-01T09:00:00Z".parse().unwrap();
        let mut session = Session::create(
            &dir.path().join("t.jsonl"),
            &tutorial(),
            ExerciseSetup::new(1),
            now,
        )
        .unwrap();
        // /dev/full accepts the open and fails every write with "no space left on device".
        let full = TranscriptWriter::claim_device_for_test(Path::new("/dev/full"));
        session.writer = TranscriptWriter::reopen(full, "0".repeat(64), 0);
        let error = session.execute(&Command::Start, now).unwrap_err();
        assert!(matches!(error, SessionError::Transcript(_)), "{error}");
        assert!(
            error.to_string().contains("nothing was recorded"),
            "{error}"
        );
        assert!(
            error.to_string().to_lowercase().contains("no space left"),
            "{error}"
        );
        assert_eq!(
            session.engine().state().status,
            crate::engine::Status::NotStarted
        );
        assert_eq!(session.engine().state().last_seq, 0);
    }
}
