//! The facilitator's pane: the expected actions to tick, the notes only the
//! facilitator sees, and a running tally.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use tabletop_core::engine::{DecisionOutcome, Item, next_wildcard};
use tabletop_core::report::format;
use tabletop_core::scoring::Rating;
use tabletop_core::text::{paragraphs, visible};
use tabletop_core::time::format::clock;

use crate::console::{Console, Focus, Hit};
use crate::keymap::{Action, Section};

pub fn render(frame: &mut Frame, area: Rect, app: &Console) {
    // Rows for every expected action as it wraps at this width.
    let inner = usize::from(area.width.saturating_sub(2)).max(12);
    let rows: usize = app
        .expected_actions()
        .iter()
        .map(|a| {
            let title = app
                .session
                .engine()
                .plan()
                .action(a)
                .map_or(a.len(), |x| x.title.chars().count());
            (title + 4 + 20).div_ceil(inner)
        })
        .sum();
    let checklist = (rows as u16 + 2).clamp(3, area.height / 2);
    let [top, middle, bottom] = Layout::vertical([
        Constraint::Length(checklist),
        Constraint::Min(3),
        Constraint::Length(8),
    ])
    .areas(area);
    render_checklist(frame, top, app);
    render_notes(frame, middle, app);
    render_tally(frame, bottom, app);
}

pub fn render_checklist(frame: &mut Frame, area: Rect, app: &Console) {
    let theme = app.theme;
    let engine = app.session.engine();
    let item = app.current_item();
    let item_id = item.map(|i| app.item_id(i));
    let mut lines: Vec<(Line, usize)> = Vec::new();
    // What the decision on this inject did to each action: the chosen option
    // carries an action out, or goes against it.
    let decided = match item {
        Some(Item::Inject(i)) => engine
            .state()
            .decisions
            .iter()
            .find_map(|d| match &d.outcome {
                DecisionOutcome::Taken {
                    option, speaker, ..
                } if d.inject == i => engine.scenario().injects[i]
                    .decision
                    .as_ref()
                    .and_then(|x| x.options.get(*option))
                    .map(|o| (o, speaker.role.clone())),
                _ => None,
            }),
        _ => None,
    };
    for (n, action) in app.expected_actions().iter().enumerate() {
        let mut observed: Vec<String> = engine
            .state()
            .standing_observations()
            .filter(|o| &o.action == action && o.item.map(|i| app.item_id(i)) == item_id)
            .map(|o| app.role_name(&o.speaker.role))
            .collect();
        let mut broken = false;
        if let Some((option, role)) = &decided {
            if option.fulfils.iter().any(|f| f.as_str() == action) {
                observed.push(format!("decision: {}", app.role_name(role)));
            }
            broken = option.violates.iter().any(|v| v.as_str() == action);
        }
        let title = engine
            .plan()
            .action(action)
            .map_or_else(|| action.clone(), |a| visible(&a.title));
        let (mark, style) = if broken {
            ("[!]", theme.bad())
        } else if observed.is_empty() {
            ("[ ]", Style::new())
        } else {
            ("[x]", theme.good())
        };
        let mut spans = vec![Span::styled(format!("{mark} "), style), Span::raw(title)];
        if broken {
            spans.push(Span::styled(" — the decision broke it", theme.bad()));
        } else if !observed.is_empty() {
            spans.push(Span::styled(
                format!(" — {}", observed.join(", ")),
                theme.dim(),
            ));
        }
        // Each action whole, wrapped under itself; every row it takes is
        // a place to click it.
        let selected = app.focus == Focus::Checklist && n == app.checklist;
        for row in wrap_spans(spans, usize::from(area.width.saturating_sub(2)), 4) {
            lines.push((
                if selected {
                    row.style(theme.selected())
                } else {
                    row
                },
                n,
            ));
        }
    }
    let block_inner = Block::bordered().inner(area);
    // The selected action's rows stay in sight.
    let first_selected = lines
        .iter()
        .position(|(_, n)| *n == app.checklist)
        .unwrap_or(0);
    let last_selected = lines
        .iter()
        .rposition(|(_, n)| *n == app.checklist)
        .unwrap_or(0);
    let room = usize::from(block_inner.height).max(1);
    let skip = (last_selected + 1).saturating_sub(room).min(first_selected);
    for (k, (_, n)) in lines.iter().skip(skip).take(room).enumerate() {
        let row = Rect {
            y: block_inner.y + k as u16,
            height: 1,
            ..block_inner
        };
        app.hits.borrow_mut().push((row, Hit::Checklist(*n)));
    }
    let mut lines: Vec<Line> = lines.into_iter().skip(skip).map(|(l, _)| l).collect();
    if lines.is_empty() {
        lines.push(Line::styled(
            "No expected actions for this inject.",
            theme.dim(),
        ));
    }
    let border = if app.focus == Focus::Checklist {
        theme.accent()
    } else {
        Style::new()
    };
    let key = |action| app.keymap.label(Section::Console, action);
    let block = Block::bordered()
        .title(format!(
            " Expected actions ({} tick, {} untick) ",
            key(Action::Tick),
            key(Action::Untick)
        ))
        .border_style(border);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

pub fn render_notes(frame: &mut Frame, area: Rect, app: &Console) {
    let theme = app.theme;
    let scenario = app.session.engine().scenario();
    let note = match app.current_item() {
        Some(Item::Inject(i)) => scenario.injects[i].facilitator.clone(),
        Some(Item::Card(c)) => scenario
            .wildcards
            .as_ref()
            .and_then(|w| w.cards[c].facilitator.clone()),
        None => None,
    };
    let mut lines: Vec<Line> = Vec::new();
    // The designer's words for what the team should do: a guide, never scored.
    if let Some(Item::Inject(i)) = app.current_item() {
        let inject = &scenario.injects[i];
        if let Some(expected) = &inject.expected_action {
            lines.push(Line::from(vec![
                Span::styled("Expected: ", theme.title()),
                Span::raw(visible(expected)),
            ]));
            lines.push(Line::raw(""));
        }
        if let Some(why) = &inject.no_action_expected {
            lines.push(Line::from(vec![
                Span::styled("No action expected: ", theme.title()),
                Span::raw(visible(why)),
            ]));
            lines.push(Line::raw(""));
        }
    }
    lines.extend(
        note.map(|n| {
            paragraphs(&n)
                .into_iter()
                .flat_map(|p| [Line::raw(p), Line::raw("")])
                .collect::<Vec<_>>()
        })
        .unwrap_or_default(),
    );
    let item = app.current_item();
    for written in app
        .session
        .engine()
        .state()
        .notes
        .iter()
        .filter(|n| n.item == item)
    {
        lines.push(Line::styled(
            format!("✎ {}", visible(&written.text)),
            theme.accent(),
        ));
    }
    if lines.is_empty() {
        lines.push(Line::styled("No notes. Press o to add one.", theme.dim()));
    }
    let block = Block::bordered().title(" Facilitator only ");
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
        area,
    );
}

pub fn render_tally(frame: &mut Frame, area: Rect, app: &Console) {
    let theme = app.theme;
    let engine = app.session.engine();
    let state = engine.state();
    let scenario = engine.scenario();
    let mut expected: Vec<&str> = Vec::new();
    for delivery in &state.deliveries {
        let list = match delivery.item {
            Item::Inject(i) => &scenario.injects[i].expects,
            Item::Card(c) => match &scenario.wildcards {
                Some(w) => &w.cards[c].expects,
                None => continue,
            },
        };
        expected.extend(list.iter().map(|a| a.as_str()));
    }
    expected.sort_unstable();
    expected.dedup();
    let seen = expected
        .iter()
        .filter(|a| state.standing_observations().any(|o| o.action == **a))
        .count();
    let taken = state.decisions_taken();
    let lapsed = state.decisions.len() - taken;
    let lines = vec![
        Line::from(vec![
            Span::raw("Actions   "),
            Span::styled(format!("{seen}"), theme.good()),
            Span::raw(format!(" of {} seen", expected.len())),
        ]),
        Line::from(vec![
            Span::raw("Decisions "),
            Span::styled(format!("{taken} taken"), theme.good()),
            Span::raw(", "),
            Span::styled(
                format!("{lapsed} not"),
                if lapsed > 0 { theme.bad() } else { theme.dim() },
            ),
        ]),
        {
            let deadlines = tabletop_core::engine::deadline_tally(
                state,
                scenario,
                engine.plan(),
                state.story_at(app.elapsed_ms()),
            );
            Line::from(vec![
                Span::raw("Deadlines "),
                Span::styled(format!("{} met", deadlines.met), theme.good()),
                Span::raw(", "),
                Span::styled(
                    format!("{} missed", deadlines.missed),
                    if deadlines.missed > 0 {
                        theme.bad()
                    } else {
                        theme.dim()
                    },
                ),
                Span::raw(format!(", {} due", deadlines.running)),
            ])
        },
        score_line(app),
        next_card_line(app),
    ];
    // Long phase names wrap rather than being cut mid-word.
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(" Tally ")),
        area,
    );
}

/// The wildcard the seed deals next, so the facilitator is not surprised:
/// `Next card Lead on leave, due 24:00 (d draws it now)`.
fn next_card_line(app: &Console) -> Line<'static> {
    let theme = app.theme;
    let engine = app.session.engine();
    let Some((card, at)) = next_wildcard(engine) else {
        return Line::from(vec![
            Span::raw("Next card "),
            Span::styled("none left", theme.dim()),
        ]);
    };
    let title = engine
        .scenario()
        .wildcards
        .as_ref()
        .map_or_else(String::new, |w| visible(&w.cards[card].title));
    let when = match at {
        Some(ms) => format!(", due {}", clock(ms)),
        None => String::new(),
    };
    let draw = app.keymap.label(Section::Console, Action::DrawWildcard);
    Line::from(vec![
        Span::raw("Next card "),
        Span::styled(title, theme.accent()),
        Span::styled(format!("{when} ({draw} draws it now)"), theme.dim()),
    ])
}

/// The score so far with each exercised phase's rating: `Score so far 72 · Detect P · Respond S`.
fn score_line(app: &Console) -> Line<'static> {
    let theme = app.theme;
    let score = app.score();
    let plan = app.session.engine().plan();
    let mut spans = vec![Span::raw("Score     ")];
    if score.actions_score.is_none() && score.decisions_score.is_none() {
        spans.push(Span::styled("nothing scored yet", theme.dim()));
        return Line::from(spans);
    }
    spans.push(Span::styled(score.overall.to_string(), theme.title()));
    for phase in score
        .phases
        .iter()
        .filter(|p| p.rating != Rating::NotExercised)
    {
        let name = visible(plan.phase_name(&phase.group.id));
        spans.push(Span::styled(format!(" · {name} "), theme.dim()));
        spans.push(Span::styled(
            format::rating(phase.rating).to_string(),
            theme.rating(phase.rating),
        ));
    }
    Line::from(spans)
}

/// Spans laid out as rows of at most `width` columns, words kept whole, the
/// rows after the first indented by `indent`; each span keeps its style.
fn wrap_spans(spans: Vec<Span<'static>>, width: usize, indent: usize) -> Vec<Line<'static>> {
    let width = width.max(indent + 8);
    let mut rows: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    let mut used = 0;
    for span in spans {
        let style = span.style;
        // Words with the space before each, so a row never starts with one.
        let text = span.content.into_owned();
        let mut words: Vec<String> = Vec::new();
        for (k, word) in text.split(' ').enumerate() {
            words.push(if k == 0 {
                word.to_string()
            } else {
                format!(" {word}")
            });
        }
        for word in words {
            let len = word.chars().count();
            if used + len > width && used > indent {
                rows.push(vec![Span::raw(" ".repeat(indent))]);
                used = indent;
                let word = word.trim_start().to_string();
                used += word.chars().count();
                rows.last_mut().unwrap().push(Span::styled(word, style));
            } else {
                used += len;
                rows.last_mut().unwrap().push(Span::styled(word, style));
            }
        }
    }
    rows.into_iter().map(Line::from).collect()
}
