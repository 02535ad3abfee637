//! Lengths of time as every view writes them: margins against deadlines,
//! spans, and the facilitation clock.

/// A margin against a deadline: `+14m`, `-2h 45m`, `+3d 4h`, `-1d 0h 26m`.
/// Minutes are never rounded away: 26 minutes late is not on time.
pub fn margin(secs: i64) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let s = secs.unsigned_abs();
    let (d, h, m) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
    match (d, h, m) {
        (0, 0, 0) => format!("{sign}{}s", s % 60),
        (0, 0, _) => format!("{sign}{m}m"),
        (0, _, _) => format!("{sign}{h}h {m}m"),
        (_, _, 0) => format!("{sign}{d}d {h}h"),
        _ => format!("{sign}{d}d {h}h {m}m"),
    }
}

/// A length of time without sign: `45s`, `12m`, `1h 05m`, `2d 3h`, `1d 0h 22m`.
pub fn span(secs: i64) -> String {
    let s = secs.max(0);
    let (d, h, m) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
    match (d, h, m) {
        (0, 0, 0) => format!("{s}s"),
        (0, 0, _) => format!("{m}m"),
        (0, _, _) => format!("{h}h {m:02}m"),
        (_, _, 0) => format!("{d}d {h}h"),
        _ => format!("{d}d {h}h {m:02}m"),
    }
}

/// Facilitation time as the console's clock shows it: `12:05`, `1:32:10`.
pub fn clock(ms: i64) -> String {
    let secs = ms.max(0) / 1000;
    if secs >= 3600 {
        format!("{}:{:02}:{:02}", secs / 3600, secs % 3600 / 60, secs % 60)
    } else {
        format!("{:02}:{:02}", secs / 60, secs % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lateness_is_never_rounded_away() {
        assert_eq!(margin(-(86_400 + 26 * 60)), "-1d 0h 26m");
        assert_eq!(span(86_400 + 22 * 60), "1d 0h 22m");
        assert_eq!(span(3 * 86_400), "3d 0h");
        assert_eq!(margin(14 * 60), "+14m");
    }
}
