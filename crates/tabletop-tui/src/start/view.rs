//! Drawing the start screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use tabletop_core::text::visible;

use super::{Pane, RunState, StartScreen};
use crate::screen::Screen;
use crate::widgets::status_bar;

pub fn render(frame: &mut Frame, screen: &StartScreen) {
    let area = frame.area();
    let theme = screen.theme;
    let resume_rows = if screen.catalog.saved.is_empty() {
        0
    } else {
        (screen.catalog.saved.len() as u16 + 2).min(8)
    };
    let [top, body, resume, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(8),
        Constraint::Length(resume_rows),
        Constraint::Length(1),
    ])
    .areas(area);
    let mut header = vec![
        Span::styled(" tabletop ", theme.accent()),
        Span::styled("choose an exercise", theme.title()),
    ];
    if let Some(note) = skipped_note(&screen.catalog.skipped) {
        header.push(Span::styled(format!("   {note}"), theme.bad()));
    }
    frame.render_widget(Line::from(header), top);
    let [list, detail] =
        Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(body);
    match &screen.form {
        // On a narrow screen the form needs the whole width.
        Some(_) if area.width < 120 => render_form(frame, body, screen),
        Some(_) => {
            render_list(frame, list, screen);
            render_form(frame, detail, screen);
        }
        None => {
            render_list(frame, list, screen);
            render_preview(frame, detail, screen);
        }
    }
    if resume_rows > 0 {
        render_saved(frame, resume, screen);
    }
    if let Some(message) = &screen.message {
        frame.render_widget(Line::styled(visible(message), theme.bad()), bottom);
        return;
    }
    let keys = status_bar::keys(&screen.settings.keymap, &screen.commands(), theme);
    frame.render_widget(Line::from(keys), bottom);
}

fn clip(text: &str, width: usize) -> String {
    use textwrap::core::display_width;
    if display_width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = display_width(c.encode_utf8(&mut [0; 4]));
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Says which files were not offered and why: the reason for one, the names
/// (and where to find out) for several.
fn skipped_note(skipped: &[(String, String)]) -> Option<String> {
    let file_name = |name: &str| {
        std::path::Path::new(name)
            .file_name()
            .map_or(name.to_string(), |n| n.to_string_lossy().into_owned())
    };
    match skipped {
        [] => None,
        [(name, why)] => Some(format!(
            "skipped {}: {}",
            visible(&file_name(name)),
            visible(why)
        )),
        many => Some(format!(
            "skipped {} files ({}): `tabletop list` says why",
            many.len(),
            visible(
                &many
                    .iter()
                    .map(|(n, _)| file_name(n))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        )),
    }
}

fn render_list(frame: &mut Frame, area: Rect, screen: &StartScreen) {
    let theme = screen.theme;
    let lines: Vec<Line> = screen
        .catalog
        .scenarios
        .iter()
        .enumerate()
        .map(|(n, entry)| {
            let s = &entry.summary;
            // A title too long for the pane ends in "…", so it reads as cut.
            let room = usize::from(area.width.saturating_sub(7));
            let mut spans = vec![
                Span::styled(format!("{:>4} ", format!("{}m", s.minutes)), theme.dim()),
                Span::raw(clip(&visible(&s.title), room)),
            ];
            // The id is what `tabletop run` takes: beside the title when it fits.
            if area.width >= 50 {
                spans.push(Span::styled(format!("  {}", visible(&s.id)), theme.dim()));
            }
            let line = Line::from(spans);
            if n == screen.selected && screen.pane == Pane::Scenarios {
                line.style(theme.selected())
            } else {
                line
            }
        })
        .collect();
    let scroll = screen
        .selected
        .saturating_sub(usize::from(area.height.saturating_sub(3))) as u16;
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(" Scenarios "))
            .scroll((scroll, 0)),
        area,
    );
}

fn render_preview(frame: &mut Frame, area: Rect, screen: &StartScreen) {
    let theme = screen.theme;
    let Some(entry) = screen.catalog.scenarios.get(screen.selected) else {
        let text = if screen.reading {
            "Reading the scenarios…"
        } else {
            "No scenarios found. Put scenario files in ./scenarios or your data folder; `tabletop list` shows where."
        };
        frame.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .block(Block::bordered()),
            area,
        );
        return;
    };
    let s = &entry.summary;
    if screen.showing_plan {
        render_plan_preview(frame, area, screen, s.plan.as_deref());
        return;
    }
    let mut lines = vec![
        Line::styled(visible(&s.title), theme.title()),
        Line::styled(
            format!(
                "{} · about {} minutes · {} injects · {} decisions{} · plan {}",
                s.id,
                s.minutes,
                s.injects,
                s.decisions,
                if s.wildcards > 0 {
                    format!(" · {} wildcards", s.wildcards)
                } else {
                    String::new()
                },
                s.plan.as_deref().unwrap_or("none")
            ),
            theme.dim(),
        ),
    ];
    if !s.tags.is_empty() {
        lines.push(Line::styled(
            format!("tags: {}", visible(&s.tags.join(", "))),
            theme.dim(),
        ));
    }
    lines.push(Line::raw(""));
    for paragraph in tabletop_core::text::paragraphs(&s.summary) {
        lines.push(Line::raw(paragraph));
    }
    if !s.objectives.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Objectives", theme.title()));
        lines.extend(
            s.objectives
                .iter()
                .map(|o| Line::raw(format!("• {}", visible(o)))),
        );
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(" Preview "))
            .scroll((screen.preview_scroll, 0)),
        area,
    );
}

/// The plan the selected scenario is scored against, as `tabletop plan show`
/// prints it: roles, action ids by phase, deadlines, obligations.
fn render_plan_preview(frame: &mut Frame, area: Rect, screen: &StartScreen, plan: Option<&str>) {
    let theme = screen.theme;
    let lines: Vec<Line> = match screen.plan_preview() {
        Some(lines) => lines
            .iter()
            .map(|l| {
                // Section headings stand out; the rest is plain.
                if !l.starts_with(' ') && !l.is_empty() {
                    Line::styled(l.as_str(), theme.title())
                } else {
                    Line::raw(l.as_str())
                }
            })
            .collect(),
        None => vec![Line::raw(format!(
            "The plan {} is not among the plans tabletop can find.",
            visible(plan.unwrap_or("(none named)"))
        ))],
    };
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(format!(
                    " Plan · {}/{} scroll ",
                    screen
                        .settings
                        .keymap
                        .label(crate::keymap::Section::Start, crate::keymap::Action::PageUp),
                    screen.settings.keymap.label(
                        crate::keymap::Section::Start,
                        crate::keymap::Action::PageDown
                    )
                )))
            .wrap(Wrap { trim: false })
            .scroll((screen.preview_scroll, 0)),
        area,
    );
}

fn render_form(frame: &mut Frame, area: Rect, screen: &StartScreen) {
    let theme = screen.theme;
    let Some(form) = &screen.form else { return };
    let entry = &screen.catalog.scenarios[form.scenario];
    let mark = |row: usize| if form.row == row { "▶ " } else { "  " };
    let plan = screen
        .catalog
        .plans
        .get(form.plan)
        .map_or_else(String::new, |p| format!("{} — {}", p.id, visible(&p.title)));
    let mut lines = vec![
        Line::styled(
            format!("Set up: {}", visible(&entry.summary.title)),
            theme.title(),
        ),
        Line::raw(""),
        Line::raw(format!("{}Plan        ◀ {plan} ▶", mark(0))),
        Line::raw(format!(
            "{}Anonymous   {}",
            mark(1),
            if form.anonymous {
                "[x] roles only, no names recorded"
            } else {
                "[ ] names recorded"
            }
        )),
        Line::raw(""),
        Line::styled(
            "  Who holds each role (names, comma between people; empty is fine)",
            theme.dim(),
        ),
    ];
    for (i, (role, names)) in form.names.iter().enumerate() {
        let shown = if form.anonymous {
            "—".to_string()
        } else {
            visible(names)
        };
        let cursor = if form.row == i + 2 && !form.anonymous {
            "▏"
        } else {
            ""
        };
        lines.push(Line::raw(format!(
            "{}{role:<22} {shown}{cursor}",
            mark(i + 2)
        )));
    }
    lines.push(Line::raw(""));
    let seed = if form.seed.is_empty() {
        "random".to_string()
    } else {
        form.seed.clone()
    };
    lines.push(Line::raw(format!(
        "{}Seed        {seed}",
        mark(form.seed_row())
    )));
    let seats = if form.seats.is_empty() {
        "off · Space serves them here; type a LAN address for phones".to_string()
    } else {
        let cursor = if form.row == form.seats_row() {
            "▏"
        } else {
            ""
        };
        format!(
            "{}{cursor} · a link per participant (s on the console)",
            form.seats
        )
    };
    lines.push(Line::raw(format!(
        "{}Seats       {seats}",
        mark(form.seats_row())
    )));
    lines.push(Line::raw(""));
    let start = Line::styled(
        format!("{}[ Start the exercise ]", mark(form.start_row())),
        theme.accent(),
    );
    lines.push(if form.row == form.start_row() {
        start.style(theme.selected())
    } else {
        start
    });
    // What will be kept, said before anything is: the data is the team's.
    lines.push(Line::raw(""));
    let names = if form.anonymous {
        "roles only, no names"
    } else {
        "the names above with their roles"
    };
    let kept = match screen.settings.retention {
        Some(r) => format!("kept {r} (retention in the config), then purged"),
        None => "kept until you remove it (no retention set)".to_string(),
    };
    lines.push(Line::styled(
        format!(
            "Recorded in transcripts/, readable by you only: every decision, response and note, {names}; {kept}."
        ),
        theme.dim(),
    ));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(" Setup ")),
        area,
    );
}

fn render_saved(frame: &mut Frame, area: Rect, screen: &StartScreen) {
    let theme = screen.theme;
    let height = usize::from(area.height.saturating_sub(2));
    // Keep the selected run in view when there are more than fit.
    let first = screen
        .saved_selected
        .saturating_sub(height.saturating_sub(1))
        .min(screen.catalog.saved.len().saturating_sub(height));
    let lines: Vec<Line> = screen
        .catalog
        .saved
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(n, r)| {
            let (what, style) = match r.state {
                RunState::Interrupted => ("resume ", theme.warn()),
                RunState::Ended => ("review ", theme.dim()),
                RunState::Damaged => ("review ⚠", theme.bad()),
                RunState::Running => ("running", theme.accent()),
            };
            let line = Line::from(vec![
                Span::styled(format!("{what:<9}"), style),
                Span::raw(format!(
                    "{}  {} events  started {}  {}",
                    visible(&r.scenario),
                    r.events,
                    r.started,
                    visible(&r.path.display().to_string())
                )),
            ]);
            if n == screen.saved_selected && screen.pane == Pane::Saved {
                line.style(theme.selected())
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(format!(
            " Saved exercises ({}) ",
            screen.catalog.saved.len()
        ))),
        area,
    );
}
