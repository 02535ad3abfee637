//! The end screen: how the exercise went, its score with the reasons, where
//! it is saved, and the after-action report one key away.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use tabletop_core::engine::InjectStatus;
use tabletop_core::report::format::truncate;
use tabletop_core::report::format::{self, margin, span};
use tabletop_core::room_view::hot_wash;
use tabletop_core::scoring::{Outcome, ScoreReport};
use tabletop_core::text::visible;

use crate::console::Console;
use crate::keymap::{Action, Section};
use tabletop_core::time::format::clock;

pub fn render(frame: &mut Frame, area: Rect, app: &Console) {
    let block = Block::bordered().title(" Exercise complete ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let score = app.score();
    if app.hot_wash {
        let [body, footer] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(2)]).areas(inner);
        let decisions = hot_wash(app.session.engine());
        frame.render_widget(
            Paragraph::new(crate::room::view::hot_wash_lines(
                &decisions, body.width, app.theme,
            ))
            .scroll((app.room_scroll, 0)),
            body,
        );
        let key = |action| app.keymap.label(Section::Ended, action);
        frame.render_widget(
            Paragraph::new(Line::styled(
                format!(
                    "{} back to the score · {} show it to the room · {} leave",
                    key(Action::HotWash),
                    key(Action::Reveal),
                    key(Action::Quit)
                ),
                app.theme.dim(),
            ))
            .wrap(Wrap { trim: true }),
            footer,
        );
        return;
    }
    let [summary, body, footer] = Layout::vertical([
        Constraint::Length(6),
        Constraint::Min(3),
        Constraint::Length(5),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(summary_lines(app, &score)).wrap(Wrap { trim: false }),
        summary,
    );
    // Side by side when there is room for both; the list of gaps first otherwise.
    if body.width >= 100 {
        let [left, right] = Layout::horizontal([Constraint::Length(62), Constraint::Min(30)])
            .spacing(2)
            .areas(body);
        render_breakdown(frame, left, app, &score);
        render_attention(frame, right, app, &score);
    } else {
        // The gaps keep at least half the rows (or all they need), so a
        // short window lists them instead of only counting them.
        let gaps = score
            .actions
            .iter()
            .filter(|a| a.verdict().is_gap())
            .count() as u16;
        let attention = (gaps + 3).min((body.height / 2).max(5)).min(body.height);
        let phases = (score.phases.len() as u16 + 2 + clock_rows(&score))
            .min(body.height.saturating_sub(attention));
        let [top, bottom] =
            Layout::vertical([Constraint::Length(phases), Constraint::Min(2)]).areas(body);
        render_breakdown(frame, top, app, &score);
        render_attention(frame, bottom, app, &score);
    }
    frame.render_widget(Paragraph::new(footer_lines(app)), footer);
}

fn summary_lines(app: &Console, score: &ScoreReport) -> Vec<Line<'static>> {
    let theme = app.theme;
    let engine = app.session.engine();
    let state = engine.state();
    let count = |f: fn(&InjectStatus) -> bool| state.inject_status.iter().filter(|s| f(s)).count();
    let delivered = count(|s| *s == InjectStatus::Delivered);
    let skipped = count(|s| matches!(s, InjectStatus::Skipped(_)));
    // One line per decision point: a lapsed decision taken later counts once, as taken.
    let taken = score
        .decisions
        .iter()
        .filter(|d| d.option.is_some())
        .count();
    let not_taken = score.decisions.len() - taken;
    vec![
        Line::styled(
            format!("{} has ended", visible(&engine.scenario().scenario.title)),
            theme.title(),
        ),
        Line::raw(format!(
            "Exercise {} · story {} → {} · {delivered} injects, {skipped} skipped{}",
            clock(state.last_elapsed_ms),
            engine.scenario().scenario.start_instant(),
            state.story_at(state.last_elapsed_ms),
            match state.cards_drawn {
                0 => String::new(),
                n => format!(", {}", plural(n, "card")),
            }
        )),
        Line::raw(format!(
            "{} taken, {} not taken · {} actions seen · {} notes",
            plural(taken, "decision"),
            not_taken,
            state.standing_observations().count(),
            state.notes.len()
        )),
        Line::raw(""),
        Line::from(vec![
            Span::styled(
                format!("Score {}", format::overall_of_100(score)),
                theme.title(),
            ),
            Span::raw(format!(
                "   actions {} · decisions {} · plan tested {:.0}%",
                format::score(score.actions_score),
                format::score(score.decisions_score),
                score.coverage
            )),
        ]),
    ]
}

fn clock_rows(score: &ScoreReport) -> u16 {
    if score.obligations.is_empty() {
        0
    } else {
        score.obligations.len() as u16 + 2
    }
}

fn render_breakdown(frame: &mut Frame, area: Rect, app: &Console, score: &ScoreReport) {
    let theme = app.theme;
    let plan = app.session.engine().plan();
    let mut lines = vec![Line::styled(
        format!("{:<28} {:>5}  RATING", "PHASE", "SCORE"),
        theme.dim(),
    )];
    for phase in &score.phases {
        let name = visible(plan.phase_name(&phase.group.id));
        lines.push(Line::from(vec![
            Span::raw(format!(
                "{:<28} {:>5}  ",
                truncate(&name, 28),
                format::score(phase.group.score)
            )),
            Span::styled(
                format!(
                    "{} {}",
                    format::rating(phase.rating),
                    format::rating_meaning(phase.rating)
                ),
                theme.rating(phase.rating),
            ),
        ]));
    }
    if !score.obligations.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("REGULATORY CLOCKS", theme.dim()));
        for o in &score.obligations {
            let style = theme.tone(o.status.tone());
            lines.push(Line::from(vec![
                Span::raw(format!("{:<34} ", truncate(&visible(&o.regime), 34))),
                Span::styled(format!("{:<12}", o.status.label()), style),
                Span::raw(margin(o.margin_secs)),
            ]));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// What went wrong, worst first, then what went well.
fn render_attention(frame: &mut Frame, area: Rect, app: &Console, score: &ScoreReport) {
    let theme = app.theme;
    let mut gaps: Vec<_> = score
        .actions
        .iter()
        .filter(|a| a.verdict().is_gap())
        .collect();
    gaps.sort_by_key(|a| (a.verdict().severity_rank(), std::cmp::Reverse(a.weight)));
    let met = score
        .actions
        .iter()
        .filter(|a| a.outcome == Outcome::Met)
        .count();
    let no_decision = score
        .decisions
        .iter()
        .filter(|d| d.option.is_none())
        .count();
    let mut lines = vec![Line::styled(
        format!(
            "NEEDS ATTENTION ({}){}",
            gaps.len(),
            if no_decision > 0 {
                format!(" · {} not taken", plural(no_decision, "decision"))
            } else {
                String::new()
            }
        ),
        theme.dim(),
    )];
    let room = usize::from(area.height).saturating_sub(3);
    for a in gaps.iter().take(room) {
        let verdict = a.verdict();
        let (label, style) = (verdict.short_label(), theme.tone(verdict.tone()));
        let detail = match (a.outcome, a.margin_secs) {
            (Outcome::MetLate | Outcome::MetLateByOtherRole, Some(m)) => {
                format!(" ({} late)", span(m.saturating_neg()))
            }
            (Outcome::MetByOtherRole, _) => format!(
                " (by {})",
                app.role_name(a.done_by.as_deref().unwrap_or_default())
            ),
            _ => String::new(),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{label:<9}"), style),
            Span::raw(visible(&a.title)),
            Span::styled(detail, theme.dim()),
        ]));
    }
    if gaps.len() > room {
        lines.push(Line::styled(
            format!("… and {} more in the report", gaps.len() - room),
            theme.dim(),
        ));
    }
    if gaps.is_empty() {
        lines.push(Line::styled(
            "Nothing: every exercised action was met on time by its owner.",
            theme.good(),
        ));
    }
    lines.push(Line::styled(
        format!("{} met on time by their owners.", plural(met, "action")),
        theme.good(),
    ));
    frame.render_widget(Paragraph::new(lines), area);
}

fn footer_lines(app: &Console) -> Vec<Line<'static>> {
    let theme = app.theme;
    let path = app.session.path().display().to_string();
    vec![
        Line::from(vec![
            Span::styled("Transcript  ", theme.dim()),
            Span::styled(path.clone(), theme.accent()),
        ]),
        // What to do next on one line, so the footer keeps its height and
        // the way out stays on screen at 80x24.
        match &app.message {
            Some((message, true)) => Line::styled(visible(message), theme.bad()),
            _ => {
                let mut spans = match &app.report_written {
                    Some(report) => vec![
                        Span::styled("Report ", theme.dim()),
                        Span::styled(visible(&report.display().to_string()), theme.accent()),
                    ],
                    None => vec![
                        Span::styled(
                            app.keymap.label(Section::Ended, Action::WriteReport),
                            theme.accent(),
                        ),
                        Span::raw(" write the after-action report (HTML)"),
                    ],
                };
                spans.push(Span::raw(" · "));
                match &app.signature_written {
                    Some(sig) => {
                        spans.push(Span::styled("signed ", theme.dim()));
                        spans.push(Span::styled(
                            visible(&sig.display().to_string()),
                            theme.accent(),
                        ));
                    }
                    None => {
                        spans.push(Span::styled(
                            app.keymap.label(Section::Ended, Action::Sign),
                            theme.accent(),
                        ));
                        spans.push(Span::raw(" sign with your SSH key"));
                    }
                }
                Line::from(spans)
            }
        },
        match app.kept_until {
            Some((until, retention)) => Line::styled(
                format!(
                    "Kept until {} (retention {retention}); then `tabletop purge` removes it",
                    until.format("%Y-%m-%d")
                ),
                theme.dim(),
            ),
            None => Line::styled(
                format!("Full breakdown: tabletop score {path}"),
                theme.dim(),
            ),
        },
        Line::from(vec![
            Span::styled(
                app.keymap.label(Section::Ended, Action::HotWash),
                theme.accent(),
            ),
            Span::raw(" hot wash: the decisions and why each option was good or bad"),
        ]),
        Line::from(vec![
            Span::styled(
                app.keymap.label(Section::Ended, Action::Quit),
                theme.accent(),
            ),
            Span::raw(" to leave"),
        ]),
    ]
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
