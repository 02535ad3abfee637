//! Words and numbers as every view of a score writes them.

use crate::scenario::Quality;
use crate::scoring::Rating;

pub use crate::time::format::{clock, margin, span};

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
