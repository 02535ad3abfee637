//! `tabletop verify TRANSCRIPT`: is the transcript as it was recorded?

use std::path::Path;
use std::process::ExitCode;

use tabletop_core::session::Exercise;
use tabletop_core::text::visible;
use tabletop_core::transcript::{apply_checked, read_transcript};

pub fn run(path: &Path) -> anyhow::Result<ExitCode> {
    let name = visible(&path.display().to_string());
    let mut read = read_transcript(path)?;
    // A chain can be intact and its events still impossible (forged with the
    // chain recomputed): each must make sense to the scenario and plan.
    if read.damage.is_none() {
        match Exercise::from_header(&read.header) {
            Ok(exercise) => {
                let mut engine = exercise.engine(read.header.setup(), read.header.started);
                apply_checked(&mut engine, &mut read);
            }
            Err(e) => {
                println!(
                    "{name}: NOT intact: the scenario or plan copied into the header does not load: {}",
                    visible(&e.to_string())
                );
                return Ok(ExitCode::from(1));
            }
        }
    }
    if let Some(damage) = &read.damage {
        println!("{name}:{}: {}", damage.line(), visible(&damage.to_string()));
        println!(
            "{name}: NOT intact: {} events before line {} check out.",
            read.records.len(),
            damage.line()
        );
        return Ok(ExitCode::from(1));
    }
    let state = if read.ended() {
        "the exercise ended"
    } else {
        "unfinished: it can be resumed"
    };
    println!(
        "{name}: intact: header and {} events, hash chain unbroken, {state}; last line hash {}",
        read.records.len(),
        read.last_hash
    );
    Ok(ExitCode::SUCCESS)
}
