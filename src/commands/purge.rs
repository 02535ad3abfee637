//! `tabletop purge DIR`: removes exercises kept longer than the retention,
//! with every file that goes with them, and logs their disposal.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use chrono::Utc;
use tabletop_core::retention;
use tabletop_core::text::visible;
use tabletop_core::time::HumanDuration;

pub fn run(
    dir: &Path,
    older_than: Option<HumanDuration>,
    dry_run: bool,
) -> anyhow::Result<ExitCode> {
    let age = match older_than {
        Some(age) => age,
        None => match tabletop_tui::config::retention().map_err(|e| anyhow::anyhow!("{e}"))? {
            Some(age) => age,
            None => bail!(
                "say how long exercises are kept: --older-than 90d, or retention = \"90d\" in the config file"
            ),
        },
    };
    if age.as_secs() == 0 {
        bail!("--older-than 0 would remove every exercise: give a length such as 90d");
    }
    if !dir.is_dir() {
        bail!("{} is not a folder", dir.display());
    }
    let now = Utc::now();
    let cutoff = i64::try_from(age.as_secs())
        .ok()
        .and_then(chrono::TimeDelta::try_seconds)
        .and_then(|keep| now.checked_sub_signed(keep))
        .ok_or_else(|| {
            anyhow::anyhow!("--older-than {age} reaches before any date: give a shorter time")
        })?;
    let plan =
        retention::plan(dir, cutoff).with_context(|| format!("cannot read {}", dir.display()))?;
    let shown = |p: &Path| {
        visible(&p.file_name().map_or(p.display().to_string(), |n| {
            n.to_string_lossy().into_owned()
        }))
    };
    println!(
        "Exercises recorded before {} ({} ago) in {}:",
        cutoff.format("%Y-%m-%d %H:%M UTC"),
        age,
        visible(&dir.display().to_string())
    );
    for exercise in &plan.expired {
        println!(
            "  {} (recorded {})",
            shown(&exercise.transcript),
            exercise.recorded.format("%Y-%m-%d")
        );
        for file in exercise.files.iter().skip(1) {
            println!("    with {}", shown(file));
        }
    }
    if plan.expired.is_empty() {
        println!("  none");
    }
    for running in &plan.running {
        println!(
            "  left alone: {} is being written by a running exercise",
            shown(running)
        );
    }
    for undated in &plan.undated {
        println!(
            "  left alone: {} was recorded before tabletop kept the time of recording; remove it by hand if it is old",
            shown(undated)
        );
    }
    for unreadable in &plan.unreadable {
        println!(
            "  left alone: {} is not a transcript tabletop can read",
            shown(unreadable)
        );
    }
    println!("  kept: {} newer exercise(s)", plan.kept);
    if dry_run {
        println!("Nothing removed (--dry-run).");
        return Ok(ExitCode::SUCCESS);
    }
    let done = retention::dispose(dir, &plan, now)
        .with_context(|| format!("could not remove every file in {}", dir.display()))?;
    println!(
        "Removed {} file(s) of {} exercise(s); each is recorded (name, SHA-256, size, date) in {}",
        done.len(),
        plan.expired.len(),
        visible(&dir.join("disposal.log").display().to_string())
    );
    Ok(ExitCode::SUCCESS)
}
