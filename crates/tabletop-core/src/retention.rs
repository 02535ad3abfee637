//! Keeping exercise data no longer than needed: which exercises in a folder
//! were recorded before a cut-off (by the real time in their headers, never
//! by file times, which copying changes), their companion files, and their
//! disposal with a record that names what went and holds none of it.

use std::io::{BufRead, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::transcript::{parse_header, sha256_hex};

/// An exercise recorded before the cut-off, and every file that goes with it.
#[derive(Debug, Clone)]
pub struct Expired {
    pub transcript: PathBuf,
    pub recorded: DateTime<Utc>,
    /// The transcript first, then its sidecars, torn lines, signatures,
    /// seat and feedback files, and the reports written beside it.
    pub files: Vec<PathBuf>,
}

/// What a purge would do in a folder.
#[derive(Debug, Default)]
pub struct PurgePlan {
    pub expired: Vec<Expired>,
    /// Recorded after the cut-off.
    pub kept: usize,
    /// Being written now: never touched.
    pub running: Vec<PathBuf>,
    /// Older than format 4, with no recording time: left for a person to judge.
    pub undated: Vec<PathBuf>,
    /// Not a transcript tabletop can read.
    pub unreadable: Vec<PathBuf>,
}

/// When `transcript`'s file was created, from its header.
pub fn recorded_at(transcript: &Path) -> Result<Option<DateTime<Utc>>, String> {
    let file = crate::regular_file::open(transcript).map_err(|e| e.to_string())?;
    let mut first = String::new();
    std::io::BufReader::new(file)
        .take(crate::regular_file::MAX_TRANSCRIPT_BYTES)
        .read_line(&mut first)
        .map_err(|e| e.to_string())?;
    let (header, _) = parse_header(first.trim_end_matches('\n'))?;
    Ok(header.recorded)
}

/// The exercises in `dir` recorded before `cutoff`.
pub fn plan(dir: &Path, cutoff: DateTime<Utc>) -> std::io::Result<PurgePlan> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    names.sort();
    let mut out = PurgePlan::default();
    for path in names
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
    {
        if crate::transcript::in_use(path) {
            out.running.push(path.clone());
            continue;
        }
        match recorded_at(path) {
            Ok(Some(recorded)) if recorded < cutoff => {
                let mut files = vec![path.clone()];
                files.extend(companions(path, &names));
                out.expired.push(Expired {
                    transcript: path.clone(),
                    recorded,
                    files,
                });
            }
            Ok(Some(_)) => out.kept += 1,
            Ok(None) => out.undated.push(path.clone()),
            Err(_) => out.unreadable.push(path.clone()),
        }
    }
    Ok(out)
}

/// Files that belong to `transcript`: `run.jsonl.*` (annotations, signatures,
/// torn lines, seats, feedback) and `run-report.*`.
fn companions(transcript: &Path, names: &[PathBuf]) -> Vec<PathBuf> {
    let Some(file) = transcript
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
    else {
        return Vec::new();
    };
    let stem = transcript
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    names
        .iter()
        .filter(|p| p.as_path() != transcript)
        .filter(|p| {
            p.file_name().is_some_and(|n| {
                let n = n.to_string_lossy();
                n.starts_with(&format!("{file}.")) || n.starts_with(&format!("{stem}-report."))
            })
        })
        .cloned()
        .collect()
}

/// One line of `disposal.log`: what was removed, never what it held.
#[derive(Debug, Clone, Serialize)]
pub struct Disposed {
    pub file: String,
    pub sha256: String,
    pub bytes: u64,
    /// When the exercise it belonged to was recorded.
    pub exercise_recorded: DateTime<Utc>,
    pub removed: DateTime<Utc>,
}

/// Removes every expired exercise's files and appends a record of each to
/// `dir/disposal.log` (created readable by its owner only). The record of a
/// file is written before the file goes, so a crash never loses the trace.
pub fn dispose(dir: &Path, plan: &PurgePlan, now: DateTime<Utc>) -> std::io::Result<Vec<Disposed>> {
    let mut log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(dir.join("disposal.log"))?;
    let mut done = Vec::new();
    for exercise in &plan.expired {
        // A writer may have started since the plan was made.
        if crate::transcript::in_use(&exercise.transcript) {
            continue;
        }
        // Every file read and recorded before any goes, and the transcript
        // last: a failure part-way never strands companions that could then
        // not be found again.
        let mut records = Vec::new();
        for file in &exercise.files {
            let bytes = crate::regular_file::read(file, crate::regular_file::MAX_TRANSCRIPT_BYTES)?;
            records.push((
                file,
                Disposed {
                    file: file
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                    sha256: sha256_hex(&bytes),
                    bytes: bytes.len() as u64,
                    exercise_recorded: exercise.recorded,
                    removed: now,
                },
            ));
        }
        records.rotate_left(1);
        for (file, record) in records {
            let line = serde_json::to_string(&record).expect("records serialize");
            log.write_all(format!("{line}\n").as_bytes())?;
            log.sync_data()?;
            std::fs::remove_file(file)?;
            done.push(record);
        }
    }
    Ok(done)
}
