//! The trends view: runs oldest first, a chart of the overall and phase
//! scores, tables per phase and per role, recurring areas for improvement.
//! Drawn with ratatui and printed, so the terminal shows a real chart.

use ratatui::backend::IntoCrossterm as _;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph, Widget};
use tabletop_core::report::format;
use tabletop_core::report::format::truncate;
use tabletop_core::text::visible;
use tabletop_core::trends::Trends;

use super::theme::Theme;

const COLOURS: [Color; 8] = [
    Color::White,
    Color::Cyan,
    Color::Green,
    Color::Yellow,
    Color::Red,
    Color::Magenta,
    Color::Blue,
    Color::LightRed,
];
const CHART_HEIGHT: u16 = 16;

/// A series' points: the run's group, its number, the score.
type Points = Vec<(usize, f64, f64)>;

/// Part of a series within one group: the series' index, its name on the
/// first part only, the points.
type Segment<'a> = (usize, Option<&'a String>, Vec<(f64, f64)>);

/// Rows the whole view needs at this many runs, phases, roles and recurring items.
pub fn height(t: &Trends) -> u16 {
    let rows = |n: usize| n as u16 + 2;
    2 + rows(t.runs.len() + 1)
        + CHART_HEIGHT
        + rows(t.phases.len() + 2)
        + rows(t.roles.len() + 1)
        + rows(t.recurring.len().max(1))
        + if t.skipped.is_empty() {
            0
        } else {
            rows(t.skipped.len())
        }
}

pub fn render(area: Rect, buf: &mut Buffer, t: &Trends, theme: Theme) {
    let rows = |n: usize| Constraint::Length(n as u16 + 2);
    let [head, runs, chart, phases, roles, recurring, skipped] = Layout::vertical([
        Constraint::Length(2),
        rows(t.runs.len() + 1),
        Constraint::Length(CHART_HEIGHT),
        rows(t.phases.len() + 2),
        rows(t.roles.len() + 1),
        rows(t.recurring.len().max(1)),
        if t.skipped.is_empty() {
            Constraint::Length(0)
        } else {
            rows(t.skipped.len())
        },
    ])
    .areas(area);
    Paragraph::new(vec![
        Line::styled(
            format!("Exercise trends: {}", visible(&t.folder)),
            theme.title(),
        ),
        Line::styled(
            format!(
                "{} transcripts, oldest first; scores out of 100",
                t.runs.len()
            ),
            theme.dim(),
        ),
    ])
    .render(head, buf);

    let mut lines = vec![Line::styled(
        format!(
            "{:>3}  {:<10}  {:<26} {:<14} {:<22} {:>7} {:>7}  {}",
            "#", "DATE", "SCENARIO", "PLAN", "FILE", "OVERALL", "TESTED", "FEEDBACK"
        ),
        theme.dim(),
    )];
    for r in &t.runs {
        // Markers go after the cut so a long title cannot hide them.
        let marks = match (r.intact, r.ended) {
            (false, _) => " ⚠ damaged",
            (true, false) => " (unfinished)",
            (true, true) => "",
        };
        let title = format!(
            "{}{marks}",
            truncate(&visible(&r.title), 26 - marks.chars().count())
        );
        let file = std::path::Path::new(&r.file)
            .file_name()
            .map_or_else(|| r.file.clone(), |f| f.to_string_lossy().into_owned());
        lines.push(Line::raw(format!(
            "{:>3}  {:<10}  {:<26} {:<14} {:<22} {:>7} {:>6.0}%  {}",
            r.number,
            r.started.format("%Y-%m-%d"),
            truncate(&title, 26),
            truncate(&r.plan, 14),
            truncate(&visible(&file), 22),
            format::score(r.overall.map(f64::from)),
            r.coverage,
            tabletop_core::trends::html::feedback(r)
        )));
    }
    Paragraph::new(lines)
        .block(Block::bordered().title(" Runs "))
        .render(runs, buf);

    // One line per series over the run numbers; a run without that phase is
    // left out, and the line breaks between runs of different scenarios or plans.
    let mut series: Vec<(String, Points)> = vec![(
        "Overall".into(),
        t.runs
            .iter()
            .filter_map(|r| r.overall.map(|o| (r.group, r.number as f64, f64::from(o))))
            .collect(),
    )];
    // Without colour the lines cannot be told apart: the overall score alone.
    let phase_lines = if theme_is_plain(theme) {
        0
    } else {
        t.phases.len()
    };
    series.extend(t.phases.iter().take(phase_lines).map(|p| {
        (
            visible(&p.name),
            t.runs
                .iter()
                .filter_map(|r| {
                    r.phases
                        .get(&p.id)
                        .copied()
                        .flatten()
                        .map(|v| (r.group, r.number as f64, v))
                })
                .collect(),
        )
    }));
    let segments: Vec<Segment<'_>> = series
        .iter()
        .enumerate()
        .flat_map(|(k, (name, points))| {
            let mut parts: Vec<Segment<'_>> = Vec::new();
            let mut last_group = None;
            for &(group, x, y) in points {
                if last_group != Some(group) {
                    // Only the first part of a series names it in the legend.
                    parts.push((k, parts.is_empty().then_some(name), Vec::new()));
                    last_group = Some(group);
                }
                parts.last_mut().expect("a part was pushed").2.push((x, y));
            }
            parts
        })
        .collect();
    let datasets: Vec<Dataset> = segments
        .iter()
        .map(|(k, name, points)| {
            let k = *k;
            let dataset = match name {
                Some(name) => Dataset::default().name(truncate(name, 24)),
                None => Dataset::default(),
            };
            dataset
                .marker(if k == 0 { Marker::Braille } else { Marker::Dot })
                .graph_type(GraphType::Line)
                .style(if theme_is_plain(theme) {
                    Style::new()
                } else {
                    // Overall is the only white line; phases cycle through the rest.
                    Style::new().fg(if k == 0 {
                        COLOURS[0]
                    } else {
                        COLOURS[1 + (k - 1) % (COLOURS.len() - 1)]
                    })
                })
                .data(points)
        })
        .collect();
    let n = t.runs.len().max(1) as f64;
    let x_labels: Vec<Span> = if t.runs.is_empty() {
        Vec::new()
    } else {
        vec![
            Span::raw("1"),
            Span::raw(format!("{}", t.runs.len().div_ceil(2))),
            Span::raw(format!("{}", t.runs.len())),
        ]
    };
    Chart::new(datasets)
        .block(Block::bordered().title(if phase_lines > 0 {
            " Overall and phase scores by run "
        } else {
            " Overall score by run (phases in the table below) "
        }))
        .x_axis(Axis::default().bounds([1.0, n.max(2.0)]).labels(x_labels))
        .y_axis(
            Axis::default()
                .bounds([0.0, 100.0])
                .labels(["0", "50", "100"]),
        )
        .legend_position((phase_lines > 0).then_some(ratatui::widgets::LegendPosition::BottomRight))
        .hidden_legend_constraints((Constraint::Percentage(60), Constraint::Percentage(80)))
        .render(chart, buf);

    // Narrower columns when there are many runs, so every run fits.
    // When even narrow ones run out, the latest runs are shown and the title says so.
    let label = 26;
    let room = usize::from(area.width.saturating_sub(2)).saturating_sub(label);
    let w = (room / t.runs.len().max(1)).clamp(4, 5);
    let first = t.runs.len().saturating_sub(room / w);
    let shown = &t.runs[first..];
    let cell = |v: Option<f64>| format!("{:>w$}", format::score(v));
    let columns: String = (first + 1..=t.runs.len())
        .map(|n| format!("{n:>w$}"))
        .collect();
    let which = if first > 0 {
        format!("runs {} to {}; ", first + 1, t.runs.len())
    } else {
        String::new()
    };
    let mut lines = vec![Line::styled(
        format!("{:<label$}{columns}", "PHASE"),
        theme.dim(),
    )];
    lines.push(Line::raw(format!(
        "{:<label$}{}",
        "Overall",
        shown
            .iter()
            .map(|r| cell(r.overall.map(f64::from)))
            .collect::<String>()
    )));
    for p in &t.phases {
        lines.push(Line::raw(format!(
            "{:<label$}{}",
            truncate(&visible(&p.name), label - 1),
            shown
                .iter()
                .map(|r| match r.phases.get(&p.id) {
                    Some(v) => cell(*v),
                    None => format!("{:>w$}", ""),
                })
                .collect::<String>()
        )));
    }
    Paragraph::new(lines)
        .block(
            Block::bordered().title(format!(" By phase ({which}blank: not in that run's plan) ")),
        )
        .render(phases, buf);

    let mut lines = vec![Line::styled(
        format!("{:<label$}{columns}", "ROLE"),
        theme.dim(),
    )];
    for role in &t.roles {
        lines.push(Line::raw(format!(
            "{:<label$}{}",
            truncate(&visible(&role.name), label - 1),
            shown
                .iter()
                .map(|r| match r.roles.get(&role.id) {
                    Some(v) => cell(*v),
                    None => format!("{:>w$}", ""),
                })
                .collect::<String>()
        )));
    }
    Paragraph::new(lines)
        .block(Block::bordered().title(format!(
            " By role{} ",
            if which.is_empty() {
                String::new()
            } else {
                format!(" ({})", which.trim_end_matches("; "))
            }
        )))
        .render(roles, buf);

    let mut lines: Vec<Line> = t
        .recurring
        .iter()
        .map(|r| {
            Line::from(vec![
                Span::styled(
                    format!("{:>2} of {:<3}", r.occurrences.len(), t.runs.len()),
                    theme.warn(),
                ),
                Span::raw(visible(&r.issue)),
                Span::styled(format!("  ({})", r.occurrences_text()), theme.dim()),
            ])
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::raw(
            "No area for improvement came up in more than one run.",
        ));
    }
    Paragraph::new(lines)
        .block(Block::bordered().title(" Recurring areas for improvement "))
        .render(recurring, buf);

    if !t.skipped.is_empty() {
        let lines: Vec<Line> = t
            .skipped
            .iter()
            .map(|s| Line::styled(format!("{}: {}", visible(&s.file), s.reason), theme.bad()))
            .collect();
        Paragraph::new(lines)
            .block(Block::bordered().title(" Left out "))
            .render(skipped, buf);
    }
}

fn theme_is_plain(theme: Theme) -> bool {
    theme.title().fg.is_none() && theme.good().fg.is_none()
}

/// The buffer as text lines, with colours as ANSI escapes when asked for.
pub fn to_text(buf: &Buffer, colour: bool) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let area = buf.area;
    for y in 0..area.height {
        let mut line = String::new();
        let mut current: Option<Color> = None;
        let mut skip = 0;
        for x in 0..area.width {
            let c = &buf[(x, y)];
            // Wide characters fill the next cell with an empty symbol.
            if skip > 0 {
                skip -= 1;
                continue;
            }
            if colour {
                let fg = Some(c.fg).filter(|f| *f != Color::Reset);
                if fg != current {
                    let _ = match fg {
                        Some(colour) => write!(
                            line,
                            "{}",
                            ratatui::crossterm::style::SetForegroundColor(colour.into_crossterm())
                        ),
                        None => write!(line, "{}", ratatui::crossterm::style::ResetColor),
                    };
                    current = fg;
                }
            }
            line.push_str(c.symbol());
            skip = unicode_width(c.symbol()).saturating_sub(1);
        }
        if colour && current.is_some() {
            let _ = write!(line, "{}", ratatui::crossterm::style::ResetColor);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn unicode_width(symbol: &str) -> usize {
    use ratatui::text::Span;
    Span::raw(symbol).width()
}
