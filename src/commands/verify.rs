//! `tabletop verify TRANSCRIPT`: is the transcript as it was recorded?

use std::path::Path;
use std::process::ExitCode;

use tabletop_core::session::Exercise;
use tabletop_core::text::visible;
use tabletop_core::transcript::{apply_checked, read_transcript};

pub fn run(
    path: &Path,
    signer: Option<&Path>,
    allowed_signers: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    // The signature first: it covers every byte, so it catches what the
    // chain cannot (a chain recomputed after an edit, lines cut at the end).
    let signed = if signer.is_some() || allowed_signers.is_some() {
        let signers = super::sign::signers(signer, allowed_signers)?;
        Some(super::sign::check(path, &signers)?)
    } else {
        None
    };
    // A sidecar (annotations, feedback) has no chain: its signature is its proof.
    if signed.is_some() && !is_transcript(path) {
        println!(
            "{}: not a transcript, so only its signature was checked",
            visible(&path.display().to_string())
        );
        return Ok(if signed == Some(true) {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    let chain = chain(path)?;
    Ok(if chain && signed != Some(false) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn is_transcript(path: &Path) -> bool {
    use std::io::Read;
    let mut start = [0u8; 32];
    let read = tabletop_core::regular_file::open(path).and_then(|mut f| f.read(&mut start));
    read.is_ok_and(|n| start[..n].starts_with(b"{\"type\":\"header\""))
}

/// The hash chain and the events' sense; prints the verdict.
fn chain(path: &Path) -> anyhow::Result<bool> {
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
                return Ok(false);
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
        return Ok(false);
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
    Ok(true)
}
