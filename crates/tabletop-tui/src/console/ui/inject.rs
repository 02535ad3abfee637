//! The current inject or card: who it is from, the text, the questions, and
//! its artefacts drawn as framed blocks. Also the presenter view of it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use tabletop_core::engine::Item;
use tabletop_core::scenario::{Artefact, Channel};
use tabletop_core::text::{paragraphs, verbatim_lines, visible};

use crate::console::{Console, Focus};
use crate::theme::Theme;

/// What is shown of an inject or a wildcard card.
struct Shown<'a> {
    title: &'a str,
    from: Option<&'a str>,
    channel: Option<Channel>,
    to: Vec<String>,
    body: &'a str,
    questions: &'a [String],
    artefacts: &'a [Artefact],
    wildcard: bool,
}

fn shown(app: &Console) -> Option<Shown<'_>> {
    let scenario = app.session.engine().scenario();
    match app.current_item()? {
        Item::Inject(i) => {
            let x = &scenario.injects[i];
            Some(Shown {
                title: &x.title,
                from: x.from.as_deref(),
                channel: x.channel,
                to: x.to.iter().map(|r| app.role_name(r)).collect(),
                body: &x.body,
                questions: &x.questions,
                artefacts: &x.artefacts,
                wildcard: false,
            })
        }
        Item::Card(c) => {
            let x = &scenario.wildcards.as_ref()?.cards[c];
            Some(Shown {
                title: &x.title,
                from: x.from.as_deref(),
                channel: x.channel,
                to: x.to.iter().map(|r| app.role_name(r)).collect(),
                body: &x.body,
                questions: &x.questions,
                artefacts: &x.artefacts,
                wildcard: true,
            })
        }
    }
}

fn channel_name(channel: Option<Channel>) -> &'static str {
    match channel {
        Some(Channel::Email) => "email",
        Some(Channel::Phone) => "phone call",
        Some(Channel::News) => "news",
        Some(Channel::Ticket) => "ticket",
        Some(Channel::Alert) => "alert",
        Some(Channel::Chat) => "chat",
        Some(Channel::Social) => "social media",
        Some(Channel::Letter) => "letter",
        Some(Channel::Meeting) => "meeting",
        None => "",
    }
}

fn lines<'a>(item: &Shown<'_>, width: u16, theme: Theme, facilitator: bool) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    let mut meta = Vec::new();
    if let Some(from) = item.from {
        meta.push(format!("From {}", visible(from)));
    }
    if item.channel.is_some() {
        meta.push(format!("by {}", channel_name(item.channel)));
    }
    if facilitator && !item.to.is_empty() {
        meta.push(format!("to {}", item.to.join(", ")));
    }
    if !meta.is_empty() {
        out.push(Line::styled(meta.join(" · "), theme.dim()));
        out.push(Line::raw(""));
    }
    for paragraph in paragraphs(item.body) {
        out.push(Line::raw(paragraph));
        out.push(Line::raw(""));
    }
    for artefact in item.artefacts {
        out.extend(framed(artefact, width, theme));
        out.push(Line::raw(""));
    }
    if !item.questions.is_empty() {
        out.push(Line::styled("Questions for the team", theme.title()));
        for q in item.questions {
            out.push(Line::raw(format!("• {}", visible(q))));
        }
    }
    out
}

/// An artefact as a box `width` columns wide. Its lines keep their shape (log
/// columns, email headers); a line too long for the box continues on the next
/// row after a `↪`, so nothing is cut off.
fn framed<'a>(artefact: &Artefact, width: u16, theme: Theme) -> Vec<Line<'a>> {
    let width = usize::from(width).max(16);
    let content = width - 4;
    let kind = format!("{:?}", artefact.kind).to_lowercase();
    let label = match &artefact.title {
        Some(title) => format!(" {} · {kind} ", visible(title)),
        None => format!(" {kind} "),
    };
    let label: String = label.chars().take(width - 3).collect();
    let border = theme.dim();
    let row = |text: String| {
        let pad = content.saturating_sub(text.chars().count());
        Line::from(vec![
            Span::styled("│ ", border),
            Span::raw(format!("{text}{}", " ".repeat(pad))),
            Span::styled(" │", border),
        ])
    };
    let mut out = vec![Line::from(vec![
        Span::styled("┌─", border),
        Span::styled(label.clone(), theme.accent()),
        Span::styled(
            format!("{}┐", "─".repeat(width - 3 - label.chars().count())),
            border,
        ),
    ])];
    for line in verbatim_lines(&artefact.text) {
        let chars: Vec<char> = line.chars().collect();
        let mut rest: &[char] = &chars;
        let mut first = true;
        loop {
            let room = if first { content } else { content - 2 };
            let take = rest.len().min(room);
            let piece: String = rest[..take].iter().collect();
            out.push(row(if first { piece } else { format!("↪ {piece}") }));
            rest = &rest[take..];
            first = false;
            if rest.is_empty() {
                break;
            }
        }
    }
    out.push(Line::styled(format!("└{}┘", "─".repeat(width - 2)), border));
    out
}

pub fn render(frame: &mut Frame, area: Rect, app: &Console) {
    let theme = app.theme;
    let border = if app.focus == Focus::Inject {
        theme.accent()
    } else {
        Style::new()
    };
    let Some(item) = shown(app) else {
        let block = Block::bordered().title(" Briefing ").border_style(border);
        let briefing = app
            .session
            .engine()
            .scenario()
            .scenario
            .briefing
            .clone()
            .unwrap_or_default();
        let mut text: Vec<Line> = paragraphs(&briefing)
            .into_iter()
            .flat_map(|p| [Line::raw(p), Line::raw("")])
            .collect();
        let hint =
            if app.session.engine().state().status == tabletop_core::engine::Status::NotStarted {
                "Press Space to start the exercise clock; the first inject arrives on its schedule."
            } else {
                "Press n to deliver the first inject, or wait for it to arrive."
            };
        text.push(Line::styled(hint, theme.accent()));
        frame.render_widget(
            Paragraph::new(text)
                .block(block)
                .wrap(Wrap { trim: false })
                .scroll((app.inject_scroll, 0)),
            area,
        );
        return;
    };
    let tag = if item.wildcard {
        " ★ Wildcard: "
    } else {
        " "
    };
    let block = Block::bordered()
        .title(Line::from(vec![
            Span::raw(tag),
            Span::styled(visible(item.title), theme.title()),
            Span::raw(" "),
        ]))
        .border_style(border);
    let text = lines(&item, area.width.saturating_sub(2), theme, true);
    frame.render_widget(
        Paragraph::new(text)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((app.inject_scroll, 0)),
        area,
    );
}

/// For the projector: the inject large and plain, nothing facilitator-only.
pub fn render_presenter(frame: &mut Frame, area: Rect, app: &Console) {
    let theme = app.theme;
    let margin = area.width / 10;
    let [_, column, _] = Layout::horizontal([
        Constraint::Length(margin),
        Constraint::Min(30),
        Constraint::Length(margin),
    ])
    .areas(area);
    let Some(item) = shown(app) else {
        let title = visible(&app.session.engine().scenario().scenario.title);
        frame.render_widget(
            Paragraph::new(vec![
                Line::raw(""),
                Line::styled(title, theme.title()).centered(),
            ]),
            column,
        );
        return;
    };
    let mut text = vec![
        Line::raw(""),
        Line::styled(visible(item.title).to_uppercase(), theme.title()).centered(),
        Line::raw(""),
    ];
    text.extend(lines(&item, column.width, theme, false));
    let block = Block::new().borders(Borders::NONE);
    frame.render_widget(
        Paragraph::new(text)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((app.inject_scroll, 0)),
        column,
    );
}
