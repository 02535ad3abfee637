//! Inline SVG charts for the HTML report: drawn from the numbers alone, so the
//! file needs nothing from outside to show them.

use maud::{Markup, html};

use crate::scoring::{ActionScore, Outcome, Rating, Tone};
use crate::text::visible;

use super::format::{self, span, truncate};
use super::model::PhaseAnalysis;

const WIDTH: i64 = 720;
const LABEL: i64 = 230;
const ROW: i64 = 26;

pub fn rating_colour(rating: Rating) -> &'static str {
    match rating {
        // White text on each passes WCAG AA, and each bar is 3:1 or more on white.
        Rating::P => "#2e7d32",
        Rating::S => "#3f6e16",
        Rating::M => "#8a5000",
        Rating::U => "#c62828",
        Rating::NotExercised => "#6b6b6b",
    }
}

/// One bar per phase, 0–100, coloured by rating.
pub fn phase_scores(phases: &[PhaseAnalysis]) -> Markup {
    let bar_width = WIDTH - LABEL - 90;
    let height = ROW * phases.len() as i64 + 30;
    html! {
        svg role="img" width=(WIDTH) height=(height)
            viewBox=(format!("0 0 {WIDTH} {height}")) aria-label="Score per phase" {
            title { "Score per phase, out of 100" }
            @for tick in [0, 25, 50, 75, 100] {
                @let x = LABEL + bar_width * tick / 100;
                line x1=(x) y1="0" x2=(x) y2=(height - 20) stroke="#ddd" {}
                text x=(x) y=(height - 6) text-anchor="middle" class="tick" { (tick) }
            }
            @for (n, p) in phases.iter().enumerate() {
                @let y = n as i64 * ROW;
                text x=(LABEL - 8) y=(y + 17) text-anchor="end" { title { (visible(&p.name)) } (truncate(&visible(&p.name), 32)) }
                @if let Some(score) = p.score {
                    rect x=(LABEL) y=(y + 4) height="18"
                        width=(((bar_width as f64) * score / 100.0).round().max(1.0))
                        fill=(rating_colour(p.rating)) {}
                    text x=(LABEL + ((bar_width as f64) * score / 100.0).round() as i64 + 6) y=(y + 17) {
                        (format!("{score:.0} · {}", format::rating(p.rating)))
                    }
                } @else {
                    text x=(LABEL + 6) y=(y + 17) class="muted" { "not exercised" }
                }
            }
        }
    }
}

/// Time each deadline action took from its trigger, against its deadline:
/// every row is scaled to its own deadline, drawn at the same place.
pub fn response_times(actions: &[ActionScore], end_secs: i64) -> Option<Markup> {
    let rows: Vec<&ActionScore> = actions
        .iter()
        .filter(|a| a.due.is_some() && a.deadline_from.is_some())
        .filter(|a| a.outcome != Outcome::NotExercised)
        .collect();
    if rows.is_empty() {
        return None;
    }
    // Wider than the other charts: the words after a long bar need room.
    let width = WIDTH + 140;
    let deadline_x = LABEL + 280;
    let full = 340;
    let height = ROW * rows.len() as i64 + 34;
    Some(html! {
        svg role="img" width=(width) height=(height)
            viewBox=(format!("0 0 {width} {height}"))
            aria-label="Response times against deadlines" {
            title { "Time taken from each trigger, against the deadline" }
            line x1=(deadline_x) y1="0" x2=(deadline_x) y2=(height - 20)
                stroke="#333" stroke-dasharray="4 3" {}
            text x=(deadline_x) y=(height - 6) text-anchor="middle" class="tick" { "deadline" }
            @for (n, a) in rows.iter().enumerate() {
                @let y = n as i64 * ROW;
                @let from = a.deadline_from.map_or(0, |f| f.0);
                @let allowed = a.due.map_or(0, |d| d.0).saturating_sub(from).max(1);
                @let (taken, done) = match a.done_at {
                    Some(t) => (t.0.saturating_sub(from), true),
                    None => (end_secs.saturating_sub(from), false),
                };
                @let scaled = (deadline_x - LABEL) as f64 * taken as f64 / allowed as f64;
                @let capped = scaled > full as f64;
                @let width = scaled.round().clamp(1.0, full as f64) as i64;
                @let verdict = a.verdict();
                // The bar says what the table says: its colour is the outcome's.
                @let colour = tone_fill(verdict.tone());
                @let before_clock = a.done_at.is_some_and(|t| t.0 < from);
                text x=(LABEL - 8) y=(y + 17) text-anchor="end" { title { (visible(&a.title)) } (truncate(&visible(&a.title), 32)) }
                rect x=(LABEL) y=(y + 4) height="18" width=(width) fill=(colour) {}
                @if capped {
                    // A bar cut at the chart's edge is marked, so 11h of 4h and 6d of 3d
                    // do not look alike.
                    path d=(format!("M{} {} l8 9 l-8 9 z", LABEL + width, y + 4)) fill=(colour) {}
                }
                text x=(LABEL + width + if capped { 12 } else { 6 }) y=(y + 17) {
                    @if before_clock {
                        (format!("{}: done before its clock started", verdict.label()))
                    } @else if done {
                        (format!("{}: {} of {}", verdict.label(), span(taken), span(allowed)))
                    } @else {
                        (format!("{}: not done ({} of {})", verdict.label(), span(taken.max(0)), span(allowed)))
                    }
                }
            }
        }
    })
}

/// Bar colours by tone, each at least 3:1 against the white page.
fn tone_fill(tone: Tone) -> &'static str {
    match tone {
        Tone::Pass => "#2e7d32",
        Tone::Partial => "#8a5000",
        Tone::Fail => "#c62828",
        Tone::Muted => "#6b6b6b",
    }
}

/// Colours for series in a line chart, told apart in print as well.
/// The first series (overall) is the only dark one; the rest never repeat it.
const PALETTE: [&str; 13] = [
    "#1d1d1f", "#1565c0", "#2e7d32", "#a15c00", "#c62828", "#6a1b9a", "#00838f", "#8d6e63",
    "#ad1457", "#558b2f", "#8a6d00", "#5c6bc0", "#00695c",
];

/// Scores 0–100 over a sequence of exercises: one line per series, a gap
/// where a run has no score for it, and a break between runs of different
/// `groups` (different scenarios or plans are not a trend).
pub fn line_chart(
    title: &str,
    labels: &[String],
    groups: &[usize],
    series: &[(String, Vec<Option<f64>>)],
) -> Markup {
    let (left, right, top, bottom) = (40_i64, 180_i64, 12_i64, 40_i64);
    let height = 280_i64;
    let plot_w = WIDTH - left - right;
    let plot_h = height - top - bottom;
    let n = labels.len().max(1) as i64;
    let x = |i: usize| {
        if n == 1 {
            left + plot_w / 2
        } else {
            left + plot_w * i as i64 / (n - 1)
        }
    };
    let y = |v: f64| top + plot_h - (plot_h as f64 * v / 100.0).round() as i64;
    html! {
        svg role="img" width=(WIDTH) height=(height) viewBox=(format!("0 0 {WIDTH} {height}")) aria-label=(title) {
            title { (visible(title)) }
            @for tick in [0, 25, 50, 75, 100] {
                line x1=(left) y1=(y(f64::from(tick))) x2=(left + plot_w) y2=(y(f64::from(tick))) stroke="#e3e3e8" {}
                text x=(left - 6) y=(y(f64::from(tick)) + 4) text-anchor="end" class="tick" { (tick) }
            }
            @for (i, label) in labels.iter().enumerate() {
                text x=(x(i)) y=(height - bottom + 16) text-anchor="middle" class="tick" { (label) }
            }
            @for (k, (name, values)) in series.iter().enumerate() {
                @let colour = if k == 0 { PALETTE[0] } else { PALETTE[1 + (k - 1) % (PALETTE.len() - 1)] };
                @let width = if k == 0 { 3 } else { 2 };
                @for i in 1..values.len() {
                    @if let (Some(a), Some(b), true) = (values[i - 1], values[i], groups.get(i - 1) == groups.get(i)) {
                        line x1=(x(i - 1)) y1=(y(a)) x2=(x(i)) y2=(y(b)) stroke=(colour) stroke-width=(width) {}
                    }
                }
                @for (i, v) in values.iter().enumerate() {
                    @if let Some(v) = v {
                        circle cx=(x(i)) cy=(y(*v)) r="3.5" fill=(colour) {
                            title { (visible(&format!("{name}: {v:.0}"))) }
                        }
                    }
                }
                rect x=(WIDTH - right + 14) y=(top + 18 * k as i64) width="12" height="12" fill=(colour) {}
                text x=(WIDTH - right + 32) y=(top + 18 * k as i64 + 10) { (truncate(&visible(name), 21)) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::StoryInstant;

    fn row(outcome: Outcome, done_after: Option<i64>, allowed: i64) -> ActionScore {
        ActionScore {
            action: "a".into(),
            title: "An action".into(),
            phase: "respond".into(),
            owner: "legal".into(),
            weight: 1,
            recommended: false,
            outcome,
            points: 0.0,
            possible: 1.0,
            done_by: done_after.map(|_| "legal".into()),
            done_at: done_after.map(|s| StoryInstant(1000 + s)),
            deadline_from: Some(StoryInstant(1000)),
            due: Some(StoryInstant(1000 + allowed)),
            margin_secs: done_after.map(|s| allowed - s),
            evidence: vec![],
        }
    }

    #[test]
    fn a_bar_is_coloured_by_the_outcome_not_the_timing() {
        // Done in time, but a chosen option broke the plan: red, as in the table.
        let chart = response_times(&[row(Outcome::Violated, Some(60), 3600)], 0)
            .unwrap()
            .into_string();
        assert!(chart.contains(tone_fill(Tone::Fail)), "{chart}");
        assert!(!chart.contains(tone_fill(Tone::Pass)), "{chart}");
        assert!(chart.contains("VIOLATED"));
    }

    #[test]
    fn a_bar_past_the_edge_is_marked_and_lateness_keeps_its_minutes() {
        let late = response_times(&[row(Outcome::MetLate, Some(11 * 3600), 4 * 3600)], 0)
            .unwrap()
            .into_string();
        assert!(late.contains("<path"), "a capped bar carries a marker");
        assert!(late.contains("11h 00m of 4h 00m"), "{late}");
        let just = response_times(&[row(Outcome::MetLate, Some(86_400 + 22 * 60), 86_400)], 0)
            .unwrap()
            .into_string();
        assert!(just.contains("1d 0h 22m of 1d 0h"), "{just}");
        assert!(!just.contains("<path"));
    }
}
