//! `tabletop archive`: an exercise's files in one encrypted archive that the
//! standard `age` tool opens, and `--open` to take them out again.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::os::unix::fs::DirBuilderExt;

use anyhow::{Context, bail};
use tabletop_core::archive::{self, Entry};
use tabletop_core::private_file::write_private;
use tabletop_core::text::visible;

/// Transcripts can be large; an archive holds a few of them and their reports.
const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

pub struct ArchiveArgs<'a> {
    pub files: &'a [PathBuf],
    pub output: &'a Path,
    pub recipients: &'a [String],
    pub open: Option<&'a Path>,
    pub identities: &'a [PathBuf],
    pub remove: bool,
}

pub fn run(args: ArchiveArgs<'_>) -> anyhow::Result<ExitCode> {
    match args.open {
        Some(sealed) => open(sealed, args.output, args.identities),
        None => seal(args.files, args.output, args.recipients, args.remove),
    }
}

fn seal(
    files: &[PathBuf],
    output: &Path,
    given: &[String],
    remove: bool,
) -> anyhow::Result<ExitCode> {
    if files.is_empty() {
        bail!("name the files to archive: a transcript, its .annotations, reports, signatures");
    }
    // A recipient may be written out or be a file of them (KEY.pub, recipients.txt).
    let mut texts = Vec::new();
    for g in given {
        let path = Path::new(g);
        if path.is_file() {
            texts.push(
                std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read {}", path.display()))?,
            );
        } else {
            texts.push(g.clone());
        }
    }
    let recipients = archive::recipients(&texts)?;
    let mut entries = Vec::new();
    for file in files {
        if tabletop_core::transcript::in_use(file) {
            bail!(
                "{} is being written by a running exercise: archive it when it has ended",
                file.display()
            );
        }
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .with_context(|| format!("{} is not a file", file.display()))?;
        if entries.iter().any(|e: &Entry| e.name == name) {
            bail!("two files are named {name}: an archive holds each name once");
        }
        let bytes = tabletop_core::regular_file::read(file, MAX_FILE_BYTES)
            .with_context(|| format!("cannot read {}", file.display()))?;
        entries.push(Entry { name, bytes });
    }
    let sealed = archive::seal(&entries, &recipients)?;
    write_private(output, &sealed)
        .with_context(|| format!("could not write {}", output.display()))?;
    eprintln!(
        "tabletop: archived {} file(s) to {} for {} recipient(s); open it with `age -d -i KEY {} | tar x` or `tabletop archive --open {} -o DIR --identity KEY`",
        entries.len(),
        visible(&output.display().to_string()),
        recipients.len(),
        visible(&output.display().to_string()),
        visible(&output.display().to_string()),
    );
    if remove {
        for file in files {
            std::fs::remove_file(file)
                .with_context(|| format!("archived, but could not remove {}", file.display()))?;
            eprintln!("tabletop: removed {}", visible(&file.display().to_string()));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn open(sealed: &Path, dir: &Path, identity_files: &[PathBuf]) -> anyhow::Result<ExitCode> {
    if identity_files.is_empty() {
        bail!("--open needs --identity KEY: your age identity file or SSH private key");
    }
    let mut identities = Vec::new();
    for path in identity_files {
        // Regular files only: a FIFO given as a key is refused, not waited on.
        let text = tabletop_core::regular_file::read(path, 1024 * 1024)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .with_context(|| format!("cannot read the key {}", path.display()))?;
        identities.extend(archive::identities(&text)?);
    }
    let bytes = tabletop_core::regular_file::read(sealed, 4 * MAX_FILE_BYTES)
        .with_context(|| format!("cannot read {}", sealed.display()))?;
    let entries = archive::open(&bytes, &identities)?;
    for entry in &entries {
        if dir.join(&entry.name).exists() {
            bail!(
                "{} exists in {}: open the archive into an empty folder",
                entry.name,
                dir.display()
            );
        }
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .with_context(|| format!("could not create {}", dir.display()))?;
    for entry in &entries {
        let target = dir.join(&entry.name);
        write_private(&target, &entry.bytes)
            .with_context(|| format!("could not write {}", target.display()))?;
        eprintln!("tabletop: {}", visible(&target.display().to_string()));
    }
    eprintln!(
        "tabletop: opened {} file(s) into {}",
        entries.len(),
        visible(&dir.display().to_string())
    );
    Ok(ExitCode::SUCCESS)
}
