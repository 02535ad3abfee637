//! Drawing the review screen: header with integrity and score, the event
//! timeline, the selected event in full, the plan view and the overlays.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use tabletop_core::annotations::{AnnotationKind, Attachment};
use tabletop_core::engine::{Event, EventRecord, Item};
use tabletop_core::report::describe;
use tabletop_core::report::format::{self, clock, margin, truncate};
use tabletop_core::scoring::Outcome;
use tabletop_core::text::{paragraphs, visible};

use super::app::{Mode, ReviewApp};
use crate::screen::modal::Look;
use crate::theme::Theme;
use crate::widgets::status_bar;

pub fn render(frame: &mut Frame, app: &ReviewApp) {
    let area = frame.area();
    if area.width < 60 || area.height < 12 {
        frame.render_widget(
            Paragraph::new("The window is too small for the review: enlarge it to at least 60×12.")
                .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    let [top, body, bottom] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(5),
        Constraint::Length(1),
    ])
    .areas(area);
    render_header(frame, top, app);
    match app.mode {
        Mode::Timeline => {
            let direction = if body.width >= 110 {
                Direction::Horizontal
            } else {
                Direction::Vertical
            };
            let [list, detail] = Layout::default()
                .direction(direction)
                .constraints([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(body);
            render_timeline(frame, list, app);
            render_detail(frame, detail, app);
        }
        Mode::Plan => render_plan(frame, body, app),
    }
    render_status(frame, bottom, app);
    let look = Look {
        theme: app.theme,
        keymap: &app.keymap,
    };
    app.modals.render(frame, area, look);
}

fn render_header(frame: &mut Frame, area: Rect, app: &ReviewApp) {
    let theme = app.theme;
    let header = &app.index.header;
    let scenario = &app.exercise.scenario.scenario;
    let mut lines = vec![Line::from(vec![
        Span::styled(" Review ", theme.accent()),
        Span::styled(visible(&scenario.title), theme.title()),
        Span::styled(
            format!(
                "  ·  {} UTC  ·  {}",
                header.started.format("%Y-%m-%d %H:%M"),
                visible(&app.path.display().to_string())
            ),
            theme.dim(),
        ),
    ])];
    lines.push(match &app.analysis {
        None => Line::styled(
            format!(
                " Checking {} events and scoring…",
                app.index.len()
            ),
            theme.dim(),
        ),
        Some(analysis) => match &analysis.replay.read.damage {
            None => Line::styled(
                format!(
                    " ✓ intact: header and {} events check out, hash chain unbroken",
                    analysis.replay.read.records.len()
                ),
                theme.good(),
            ),
            Some(damage) => Line::styled(
                format!(
                    " ⚠ NOT INTACT: {}. Events from line {} on are shown but not trusted or scored.",
                    visible(&damage.to_string()),
                    damage.line()
                ),
                theme.bad(),
            ),
        },
    });
    let mut third = Vec::new();
    if let Some(analysis) = &app.analysis {
        let score = &analysis.score;
        third.push(Span::styled(
            format!(" Score {}", format::overall(score)),
            theme.title(),
        ));
        for phase in score.phases.iter() {
            let name = visible(app.exercise.plan.phase_name(&phase.group.id));
            third.push(Span::styled(format!(" · {name} "), theme.dim()));
            third.push(Span::styled(
                format::rating(phase.rating).to_string(),
                crate::console::ui::facilitator::rating_style(theme, phase.rating),
            ));
        }
    }
    let f = &app.filter;
    if !f.is_empty() {
        let mut parts = Vec::new();
        if let Some(kind) = f.kind {
            parts.push(kind.name().to_string());
        }
        if let Some(role) = &f.role {
            parts.push(app.role_name(role));
        }
        if let Some(phase) = &f.phase {
            parts.push(format!("phase {phase}"));
        }
        third.push(Span::styled(
            format!(
                "   filter: {} ({} events, c clears)",
                parts.join(", "),
                app.rows.len()
            ),
            theme.warn(),
        ));
    }
    lines.push(Line::from(third));
    frame.render_widget(Paragraph::new(lines), area);
}

fn icon(event: &Event) -> &'static str {
    match event {
        Event::InjectDelivered { .. } => "▶",
        Event::InjectSkipped { .. } => "↷",
        Event::WildcardDrawn { .. } => "★",
        Event::DecisionOpened { .. } | Event::DecisionTaken { .. } => "◆",
        Event::DecisionLapsed { .. } => "◇",
        Event::ResponseRecorded { .. } => "✎",
        Event::ActionObserved { .. } => "✓",
        Event::ObservationWithdrawn { .. } => "✗",
        Event::NoteAdded { .. } => "✱",
        _ => "·",
    }
}

pub(super) fn kind_style(theme: Theme, kind: AnnotationKind) -> Style {
    match kind {
        AnnotationKind::Strength => theme.good(),
        AnnotationKind::Improvement => theme.warn(),
        AnnotationKind::Note => theme.accent(),
    }
}

fn render_timeline(frame: &mut Frame, area: Rect, app: &ReviewApp) {
    let theme = app.theme;
    let block = Block::bordered().title(format!(
        " Events {}/{} ",
        (app.selected + 1).min(app.rows.len()),
        app.rows.len()
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height);
    if height == 0 || app.rows.is_empty() {
        return;
    }
    // Keep the selection in view, in the middle when it can be.
    let first = app
        .selected
        .saturating_sub(height / 2)
        .min(app.rows.len().saturating_sub(height));
    app.drawn.set(super::app::Drawn {
        rows: inner,
        first,
        ..app.drawn.get()
    });
    let annotated = app.all_annotations();
    let gaps = app.analysis.as_ref().map(|a| &a.gaps);
    let damaged = app.damaged_from();
    let mut lines = Vec::with_capacity(height);
    for pos in first..(first + height).min(app.rows.len()) {
        let line_no = app.rows[pos];
        let Some(record) = app.record(line_no) else {
            lines.push(Line::styled(
                format!("   line {} cannot be read", line_no + 2),
                theme.bad(),
            ));
            continue;
        };
        let note = annotated
            .iter()
            .rev()
            .find(|(a, at)| a.seq == record.seq && *at == Attachment::Attached)
            .map(|(a, _)| a.kind);
        let (mark, mark_style) = if damaged.is_some_and(|d| line_no >= d) {
            ("⚠", theme.bad())
        } else if let Some(kind) = note {
            ("●", kind_style(theme, kind))
        } else if gaps.is_some_and(|g| g.binary_search(&record.seq).is_ok()) {
            ("!", theme.warn())
        } else {
            (" ", Style::new())
        };
        let text = describe(
            &record.event,
            &app.exercise.scenario,
            &app.exercise.plan,
            false,
        );
        let mut line = Line::from(vec![
            Span::styled(mark, mark_style),
            Span::styled(
                format!(
                    "{:>5} {:>8} {:<12} ",
                    record.seq,
                    clock(record.elapsed_ms),
                    record.story.to_string()
                ),
                theme.dim(),
            ),
            Span::raw(format!("{} ", icon(&record.event))),
            Span::raw(text),
        ]);
        if pos == app.selected {
            line = line.style(theme.selected());
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_detail(frame: &mut Frame, area: Rect, app: &ReviewApp) {
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
                format::obligation(o.status),
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
            lines.push(Line::styled(format!("● {tag}"), kind_style(theme, a.kind)));
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
        Event::ResponseRecorded { text, .. } | Event::NoteAdded { text, .. } => {
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

fn render_plan(frame: &mut Frame, area: Rect, app: &ReviewApp) {
    let theme = app.theme;
    let block =
        Block::bordered().title(" Plan actions (Enter shows the events behind one, p back) ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(analysis) = &app.analysis else {
        frame.render_widget(Paragraph::new("Scoring…"), inner);
        return;
    };
    let mut lines = vec![Line::styled(
        format!(
            "{:<36} {:<20} {:<22} {:>7} {:>9}  EVIDENCE",
            "ACTION", "OWNER", "OUTCOME", "POINTS", "MARGIN"
        ),
        theme.dim(),
    )];
    let height = usize::from(inner.height).saturating_sub(1);
    let actions = &analysis.score.actions;
    let first = app
        .plan_selected
        .saturating_sub(height / 2)
        .min(actions.len().saturating_sub(height));
    for (n, a) in actions.iter().enumerate().skip(first).take(height) {
        let style = action_style(theme, a);
        let title: String = visible(&a.title).chars().take(36).collect();
        let mut line = Line::from(vec![
            Span::raw(format!(
                "{title:<36} {:<20} ",
                truncate(&app.role_name(&a.owner), 20)
            )),
            Span::styled(format!("{:<22}", a.verdict().label()), style),
            Span::raw(format!(
                " {:>7} {:>9}  {}",
                format::action_points(a),
                a.margin_secs.map(margin).unwrap_or_default(),
                format::evidence(&a.evidence)
            )),
        ]);
        if n == app.plan_selected {
            line = line.style(theme.selected());
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_status(frame: &mut Frame, area: Rect, app: &ReviewApp) {
    let theme = app.theme;
    let line = match &app.message {
        Some((text, true)) => Line::styled(format!(" {} ", visible(text)), theme.bad()),
        Some((text, false)) => Line::styled(format!(" {} ", visible(text)), theme.accent()),
        None => Line::from(vec![
            Span::raw(" "),
            status_bar::keys(&app.keymap, &app.commands(), theme),
        ]),
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// An action's outcome colour, the same in the event details and the plan view.
fn action_style(theme: Theme, a: &tabletop_core::scoring::ActionScore) -> Style {
    theme.tone(a.verdict().tone())
}
