//! Words and numbers as every view of a score writes them.

use crate::scenario::Quality;
use crate::scoring::{ObligationState, Outcome, Rating};

/// A margin against a deadline: `+14m`, `-2h 45m`, `+3d 4h`.
pub fn margin(secs: i64) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let s = secs.unsigned_abs();
    let (d, h, m) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
    match (d, h, m) {
        (0, 0, 0) => format!("{sign}{}s", s % 60),
        (0, 0, _) => format!("{sign}{m}m"),
        (0, _, _) => format!("{sign}{h}h {m}m"),
        _ => format!("{sign}{d}d {h}h"),
    }
}

/// A length of time without sign: `45s`, `12m`, `1h 05m`, `2d 3h`.
pub fn span(secs: i64) -> String {
    let s = secs.max(0);
    let (d, h, m) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
    match (d, h, m) {
        (0, 0, 0) => format!("{s}s"),
        (0, 0, _) => format!("{m}m"),
        (0, _, _) => format!("{h}h {m:02}m"),
        _ => format!("{d}d {h}h"),
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

pub fn outcome(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Met => "met",
        Outcome::MetLate => "met late",
        Outcome::MetByOtherRole => "other role",
        Outcome::MetLateByOtherRole => "late, other role",
        Outcome::Missed => "MISSED",
        Outcome::Violated => "VIOLATED",
        Outcome::NotExercised => "not exercised",
        Outcome::Open => "open",
    }
}

/// The outcome of one action as every view writes it: a recommended action
/// left undone is not a miss.
pub fn action_outcome(action: &crate::scoring::ActionScore) -> &'static str {
    if action.outcome == Outcome::Missed && action.recommended {
        "not done (recommended)"
    } else {
        outcome(action.outcome)
    }
}

pub fn rating(rating: Rating) -> &'static str {
    match rating {
        Rating::P => "P",
        Rating::S => "S",
        Rating::M => "M",
        Rating::U => "U",
        Rating::NotExercised => "—",
    }
}

/// The HSEEP wording of a rating.
pub fn rating_meaning(rating: Rating) -> &'static str {
    match rating {
        Rating::P => "Performed without challenges",
        Rating::S => "Performed with some challenges",
        Rating::M => "Performed with major challenges",
        Rating::U => "Unable to be performed",
        Rating::NotExercised => "Not exercised",
    }
}

pub fn quality(quality: Option<Quality>) -> &'static str {
    match quality {
        Some(Quality::Strong) => "strong",
        Some(Quality::Acceptable) => "acceptable",
        Some(Quality::Weak) => "weak",
        Some(Quality::Harmful) => "harmful",
        None => "—",
    }
}

pub fn obligation(state: ObligationState) -> &'static str {
    match state {
        ObligationState::Met => "met",
        ObligationState::Missed => "MISSED",
        ObligationState::OpenAtEnd => "open at end",
    }
}

/// The overall score out of 100, or a dash when nothing was scored yet.
pub fn overall(report: &crate::scoring::ScoreReport) -> String {
    if report.actions_score.is_none() && report.decisions_score.is_none() {
        "—".to_string()
    } else {
        report.overall.to_string()
    }
}

/// `72/100`, or a dash when nothing was scored yet.
pub fn overall_of_100(report: &crate::scoring::ScoreReport) -> String {
    match overall(report).as_str() {
        "—" => "—".to_string(),
        n => format!("{n}/100"),
    }
}

/// A score out of 100, or a dash when nothing was scored.
pub fn score(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{v:.0}"))
}

/// Points without trailing zeros: `1.5`, `0.375`, `3`.
pub fn points(value: f64) -> String {
    let text = format!("{value:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// An action's points as `1.5/2`, or a dash when it does not count.
pub fn action_points(action: &crate::scoring::ActionScore) -> String {
    if action.possible > 0.0 {
        format!("{}/{}", points(action.points), points(action.possible))
    } else {
        "—".to_string()
    }
}

/// Text cut to `width` characters, with `…` when something was cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let cut: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// `#3 #17` — transcript lines behind a statement.
pub fn evidence(seqs: &[u64]) -> String {
    seqs.iter()
        .map(|s| format!("#{s}"))
        .collect::<Vec<_>>()
        .join(" ")
}
