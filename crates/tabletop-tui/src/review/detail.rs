//! The selected event in full: what it was, what the scenario asked for,
//! what it did to the score, and the trainer's annotations on it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use tabletop_core::annotations::Attachment;
use tabletop_core::engine::{Event, EventRecord, Item};
use tabletop_core::report::describe;
use tabletop_core::report::format::{self, clock, margin};
use tabletop_core::scoring::Outcome;
use tabletop_core::text::{paragraphs, visible};

use super::app::ReviewApp;
use crate::theme::Theme;

pub(super) fn render(frame: &mut Frame, area: Rect, app: &ReviewApp) {
    let theme = app.theme;
    let block = Block::bordered().title(" Event (J/K scroll) ");
    app.drawn.set(super::app::Drawn {
        detail: area,
        ..app.drawn.get()
    });
    let Some(record) = app.selected_record() else {
        frame.render_widget(Paragraph::new("No event selected.").block(block), area);
        return;
    };
    let lines = detail_lines(app, &record, theme);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((app.detail_scroll, 0)),
        area,
    );
}

fn heading(text: impl Into<String>, theme: Theme) -> Line<'static> {
    Line::styled(text.into(), theme.title())
}

/// Everything about one event: what it was, what it carried, what it meant
/// for the score, and the trainer's annotations on it.
fn detail_lines(app: &ReviewApp, record: &EventRecord, theme: Theme) -> Vec<Line<'static>> {
    let scenario = &app.exercise.scenario;
    let plan = &app.exercise.plan;
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("#{} ", record.seq), theme.accent()),
            Span::styled(record.event.kind().to_string(), theme.dim()),
        ]),
        Line::styled(
            format!(
                "exercise {} · story {} · recorded {} UTC",
                clock(record.elapsed_ms),
                record.story,
                record.wall.format("%Y-%m-%d %H:%M:%S")
            ),
            theme.dim(),
        ),
        Line::raw(""),
        Line::raw(describe(&record.event, scenario, plan, false)),
        Line::raw(""),
    ];
    if let Some(analysis) = &app.analysis {
        let score = &analysis.score;
        let mut effect = Vec::new();
        // An inject's line is about what it called for; the clocks it starts are one line.
        let called_for = called_for(app, &record.event);
        let relevant = |a: &&tabletop_core::scoring::ActionScore| {
            a.evidence.contains(&record.seq)
                && a.outcome != Outcome::NotExercised
                && called_for
                    .as_ref()
                    .is_none_or(|list| list.contains(&a.action))
        };
        for a in score.actions.iter().filter(relevant) {
            let style = action_style(theme, a);
            effect.push(Line::from(vec![
                Span::styled(format!("{:<23}", a.verdict().label()), style),
                Span::raw(visible(&a.title)),
                Span::styled(
                    format!(
                        "  {}{}",
                        if a.possible > 0.0 {
                            format!(
                                "{}/{}",
                                format::points(a.points),
                                format::points(a.possible)
                            )
                        } else {
                            "not scored".into()
                        },
                        a.margin_secs
                            .map(|m| format!(" ({})", margin(m)))
                            .unwrap_or_default()
                    ),
                    theme.dim(),
                ),
            ]));
        }
        for d in score
            .decisions
            .iter()
            .filter(|d| d.evidence.contains(&record.seq))
        {
            effect.push(Line::raw(format!(
                "decision {}: {} ({}), {:.0}% credit",
                d.inject,
                d.option.as_deref().unwrap_or("no decision"),
                format::quality(d.quality),
                d.credit * 100.0
            )));
        }
        for o in score
            .obligations
            .iter()
            .filter(|o| o.evidence.contains(&record.seq))
        {
            effect.push(Line::raw(format!(
                "{}: {} ({})",
                visible(&o.regime),
                o.status.label(),
                margin(o.margin_secs)
            )));
        }
        if !effect.is_empty() {
            lines.push(heading("Effect on the score", theme));
            lines.extend(effect);
            lines.push(Line::raw(""));
        }
    }
    let annotations = app.annotations_on(record.seq);
    if !annotations.is_empty() {
        lines.push(heading("Annotations (d deletes the last)", theme));
        for (a, attachment) in annotations {
            let tag = match attachment {
                Attachment::Attached => a.kind.name().to_string(),
                Attachment::Detached(why) => format!("DETACHED ({why})"),
            };
            lines.push(Line::styled(format!("● {tag}"), theme.annotation(a.kind)));
            for p in paragraphs(&a.text) {
                lines.push(Line::raw(format!("  {p}")));
            }
        }
        lines.push(Line::raw(""));
    }
    let inject_of = |id: &str| scenario.injects.iter().position(|i| i.id.as_str() == id);
    match &record.event {
        Event::InjectDelivered {
            inject,
            countdown_ms,
            raises,
        } => {
            if let Some(i) = inject_of(inject) {
                let inject = &scenario.injects[i];
                if let Some(from) = &inject.from {
                    lines.push(Line::styled(
                        format!("From: {}", visible(from)),
                        theme.dim(),
                    ));
                }
                for p in paragraphs(&inject.body) {
                    lines.push(Line::raw(p));
                    lines.push(Line::raw(""));
                }
                for q in &inject.questions {
                    lines.push(Line::raw(format!("? {}", visible(q))));
                }
                for artefact in &inject.artefacts {
                    lines.push(Line::styled(
                        format!(
                            "[artefact] {}",
                            visible(artefact.title.as_deref().unwrap_or("untitled"))
                        ),
                        theme.dim(),
                    ));
                }
                if let Some(decision) = &inject.decision {
                    lines.push(Line::raw(""));
                    lines.push(heading(
                        format!(
                            "Decision: {}{}",
                            visible(&decision.prompt),
                            countdown_ms
                                .map(|ms| format!(" (countdown {})", format::span(ms / 1000)))
                                .unwrap_or_default()
                        ),
                        theme,
                    ));
                    for (n, o) in decision.options.iter().enumerate() {
                        lines.push(Line::raw(format!(
                            " {}  {} ({})",
                            n + 1,
                            visible(&o.label),
                            format::quality(o.quality)
                        )));
                    }
                }
                if !raises.is_empty() {
                    lines.push(Line::styled(
                        format!("Raised: {}", raises.join(", ")),
                        theme.dim(),
                    ));
                }
                if let Some(analysis) = &app.analysis {
                    let state = analysis.replay.engine.state();
                    let said: Vec<_> = state
                        .responses
                        .iter()
                        .filter(|r| r.item == Item::Inject(i))
                        .collect();
                    if !said.is_empty() {
                        lines.push(Line::raw(""));
                        lines.push(heading("What the team said", theme));
                        for r in said {
                            lines.push(Line::from(vec![
                                Span::styled(
                                    format!(
                                        "#{} {}: ",
                                        r.at.seq,
                                        who(app, &r.speaker.role, &r.speaker.by)
                                    ),
                                    theme.accent(),
                                ),
                                Span::raw(visible(&r.text)),
                            ]));
                        }
                    }
                    let notes: Vec<_> = state
                        .notes
                        .iter()
                        .filter(|n| n.item == Some(Item::Inject(i)))
                        .collect();
                    for n in notes {
                        lines.push(Line::styled(
                            format!("#{} facilitator: {}", n.at.seq, visible(&n.text)),
                            theme.dim(),
                        ));
                    }
                }
                if let Some(note) = &inject.facilitator {
                    lines.push(Line::raw(""));
                    lines.push(heading("Facilitator notes (scenario)", theme));
                    for p in paragraphs(note) {
                        lines.push(Line::styled(p, theme.dim()));
                    }
                }
            }
        }
        Event::DecisionTaken {
            inject,
            option,
            text,
            ..
        } => {
            if let Some(decision) =
                inject_of(inject).and_then(|i| scenario.injects[i].decision.as_ref())
            {
                lines.push(heading(visible(&decision.prompt), theme));
                for o in &decision.options {
                    let chosen = o.id.as_str() == option;
                    let line = Line::raw(format!(
                        " {} {} ({})",
                        if chosen { "▸" } else { " " },
                        visible(&o.label),
                        format::quality(o.quality)
                    ));
                    lines.push(if chosen {
                        line.style(theme.title())
                    } else {
                        line
                    });
                    if chosen && let Some(why) = &o.why {
                        lines.push(Line::styled(format!("   {}", visible(why)), theme.dim()));
                    }
                }
            }
            if let Some(text) = text {
                lines.push(Line::raw(""));
                lines.push(heading("Rationale", theme));
                lines.push(Line::raw(visible(text)));
            }
        }
        Event::ResponseRecorded { text, .. }
        | Event::NoteAdded { text, .. }
        | Event::ResponseCorrected { text, .. } => {
            for p in paragraphs(text) {
                lines.push(Line::raw(p));
            }
        }
        Event::ActionObserved { action, .. } => {
            if let Some(a) = plan.action(action) {
                lines.push(heading(visible(&a.title), theme));
                lines.push(Line::styled(
                    format!(
                        "owner {} · phase {} · weight {}{}",
                        app.role_name(a.owner.as_str()),
                        a.phase.as_str(),
                        a.weight(),
                        a.deadline
                            .as_ref()
                            .zip(a.from.as_ref())
                            .map(|(d, f)| format!(" · due {} from {}", d.get(), f.as_str()))
                            .unwrap_or_default()
                    ),
                    theme.dim(),
                ));
            }
        }
        _ => {}
    }
    lines
}

/// For an inject or card: the plan actions it expects or its decision offers.
/// `None` for other events, whose evidence is about themselves.
fn called_for(app: &ReviewApp, event: &Event) -> Option<Vec<String>> {
    let scenario = &app.exercise.scenario;
    match event {
        Event::InjectDelivered { inject, .. } => {
            let i = scenario.inject(inject)?;
            let mut list: Vec<String> = i.expects.iter().map(ToString::to_string).collect();
            for o in i.decision.iter().flat_map(|d| &d.options) {
                list.extend(o.fulfils.iter().chain(&o.violates).map(ToString::to_string));
            }
            Some(list)
        }
        Event::WildcardDrawn { card, .. } => Some(
            scenario
                .card(card)?
                .expects
                .iter()
                .map(ToString::to_string)
                .collect(),
        ),
        _ => None,
    }
}

fn who(app: &ReviewApp, role: &str, by: &Option<String>) -> String {
    match by {
        Some(name) => format!("{} ({})", visible(name), app.role_name(role)),
        None => app.role_name(role),
    }
}

/// An action's outcome colour, the same in the event details and the plan view.
pub(super) fn action_style(theme: Theme, a: &tabletop_core::scoring::ActionScore) -> Style {
    theme.tone(a.verdict().tone())
}
