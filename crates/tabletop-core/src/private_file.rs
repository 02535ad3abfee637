//! Writing a file that holds exercise data: whole or not at all, readable by
//! its owner only.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically with mode 0600: a temporary file in the
/// same folder, synced, then renamed over the target. A reader sees the old
/// file or the new one, never part of either.
/// Refuses a path that holds anything but a regular file (a device, a pipe).
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    crate::regular_file::check_replaceable(path)?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // tempfile creates the file 0600 on Unix.
    let mut file = tempfile::Builder::new()
        .prefix(".tabletop-")
        .suffix(".part")
        .tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    #[cfg(unix)]
    std::fs::File::open(dir)?.sync_all()?;
    Ok(())
}
