//! `tabletop redact`: a copy of a transcript safe to share outside the room.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use tabletop_core::annotations::AnnotationStore;
use tabletop_core::redaction::{NamesAs, RedactOptions, redact};
use tabletop_core::text::visible;
use tabletop_core::transcript::{TranscriptWriter, in_use, parse_transcript, sha256_hex};

use crate::cli::NamesArg;

pub fn run(
    transcript: &Path,
    output: &Path,
    names: NamesArg,
    drop: &[String],
    force: bool,
) -> anyhow::Result<ExitCode> {
    let mut options = RedactOptions {
        names: match names {
            NamesArg::Pseudonyms => NamesAs::Pseudonyms,
            NamesArg::Roles => NamesAs::Roles,
        },
        drop_notes: false,
        drop_responses: false,
        drop_annotations: false,
    };
    for what in drop.iter().flat_map(|d| d.split(',')).map(str::trim) {
        match what {
            "notes" => options.drop_notes = true,
            "responses" => options.drop_responses = true,
            "annotations" => options.drop_annotations = true,
            "" => {}
            other => bail!(
                "--drop {other}: not something a transcript holds; choose from notes, responses, annotations"
            ),
        }
    }
    if same_file(transcript, output) {
        bail!("the redacted copy must go to another file than the transcript itself");
    }
    if output.exists() && !force {
        bail!(
            "{} exists: choose another file with -o, or pass --force to replace it",
            output.display()
        );
    }
    if output.exists() && in_use(output) {
        bail!(
            "{} is being written by a running exercise",
            output.display()
        );
    }
    let bytes = tabletop_core::regular_file::read(
        transcript,
        tabletop_core::regular_file::MAX_TRANSCRIPT_BYTES,
    )
    .with_context(|| format!("cannot read {}", transcript.display()))?;
    let read = parse_transcript(&bytes).map_err(|reason| {
        anyhow::Error::new(tabletop_core::transcript::TranscriptError::Unreadable {
            path: transcript.to_path_buf(),
            reason,
        })
    })?;
    if let Some(damage) = &read.damage {
        eprintln!(
            "tabletop: {} is damaged ({}); a redacted copy would hide that. Check it with `tabletop verify`.",
            visible(&transcript.display().to_string()),
            visible(&damage.to_string())
        );
        return Ok(ExitCode::from(1));
    }
    let (plan, _) = tabletop_core::load_plan(&read.header.plan.source_file())?;
    let redacted = redact(
        &read.header,
        &read.records,
        &sha256_hex(&bytes),
        &plan,
        options,
    )
    .map_err(|why| anyhow::anyhow!("{why}"))?;

    // Written beside the target and renamed into place: whole or not at all.
    let staging = staging_path(output);
    let _ = std::fs::remove_file(&staging);
    {
        let mut writer = TranscriptWriter::create(&staging, &redacted.header)?;
        writer.append(&redacted.records)?;
        writer.sync()?;
    }
    std::fs::rename(&staging, output)
        .with_context(|| format!("could not write {}", output.display()))?;

    let mut carried = 0;
    // A replaced copy's old annotations must not sit beside the new one.
    let _ = std::fs::remove_file(AnnotationStore::path_for(output));
    let store = AnnotationStore::load(transcript)?;
    if !options.drop_annotations && !store.items.is_empty() {
        let copy = tabletop_core::transcript::read_transcript(output)?;
        let mut target = AnnotationStore::load(output)?;
        for a in store.attached(|seq| read.line_hash(seq)) {
            if let Some(hash) = copy.line_hash(a.seq) {
                target.add(
                    a.seq,
                    hash,
                    a.kind,
                    &redacted.redactor.redact(&a.text),
                    a.at,
                )?;
                carried += 1;
            }
        }
    }
    let names = match options.names {
        NamesAs::Pseudonyms => "names became pseudonyms (Participant 1, 2, ...)",
        NamesAs::Roles => "names became role titles; the copy is anonymous",
    };
    let dropped = &redacted
        .header
        .redaction
        .as_ref()
        .map(|r| r.dropped.join(", "))
        .unwrap_or_default();
    eprintln!(
        "tabletop: wrote a redacted copy of {} events to {}: {names}{}{}",
        redacted.records.len(),
        visible(&output.display().to_string()),
        if dropped.is_empty() {
            String::new()
        } else {
            format!("; removed: {dropped}")
        },
        if carried > 0 {
            format!("; {carried} annotation(s) carried over, redacted")
        } else {
            String::new()
        }
    );
    Ok(ExitCode::SUCCESS)
}

fn staging_path(output: &Path) -> PathBuf {
    let mut name = output.as_os_str().to_owned();
    name.push(".redacting");
    PathBuf::from(name)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
