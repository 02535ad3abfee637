//! The current inject or card: who it is from, the text, the questions, and
//! its artefacts drawn as framed blocks. Also the presenter view of it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use tabletop_core::engine::Item;
use tabletop_core::room_view::{artefact_kind_name, channel_name};
use tabletop_core::scenario::{Artefact, Channel};
use tabletop_core::text::{paragraphs, verbatim_lines, visible};

use crate::console::{Console, Focus};
use crate::keymap::{Action, Section};
use crate::theme::Theme;
use crate::widgets::artefact::framed;

/// What is shown of an inject or a wildcard card.
struct Shown<'a> {
    /// The MSEL's number for the inject, when the scenario gives one.
    number: Option<&'a str>,
    title: &'a str,
    from: Option<&'a str>,
    channel: Option<Channel>,
    to: Vec<String>,
    /// Only the seats of the `to` roles see it.
    private: bool,
    /// Artefacts only the seats of the `to` roles see, by index.
    private_artefacts: Vec<bool>,
    body: &'a str,
    questions: &'a [String],
    artefacts: &'a [Artefact],
    /// Console help for the facilitator, never shown to the room.
    tip: Option<&'a str>,
    wildcard: bool,
    /// What the team said to it: who, the words, whether corrected since.
    responses: Vec<(String, String, bool)>,
    /// Who a response would be recorded for now.
    answering: String,
}

fn shown(app: &Console) -> Option<Shown<'_>> {
    let scenario = app.session.engine().scenario();
    match app.current_item()? {
        Item::Inject(i) => {
            let x = &scenario.injects[i];
            Some(Shown {
                number: x.number.as_deref(),
                title: &x.title,
                from: x.from.as_deref(),
                channel: x.channel,
                to: x.to.iter().map(|r| app.role_name(r)).collect(),
                private: x.private,
                private_artefacts: x.artefacts.iter().map(|a| a.private).collect(),
                body: &x.body,
                questions: &x.questions,
                artefacts: &x.artefacts,
                tip: x.tip.as_deref(),
                wildcard: false,
                responses: responses(app, Item::Inject(i)),
                answering: answering(app),
            })
        }
        Item::Card(c) => {
            let x = &scenario.wildcards.as_ref()?.cards[c];
            Some(Shown {
                number: None,
                title: &x.title,
                from: x.from.as_deref(),
                channel: x.channel,
                to: x.to.iter().map(|r| app.role_name(r)).collect(),
                private: x.private,
                private_artefacts: x.artefacts.iter().map(|a| a.private).collect(),
                body: &x.body,
                questions: &x.questions,
                artefacts: &x.artefacts,
                tip: x.tip.as_deref(),
                wildcard: true,
                responses: responses(app, Item::Card(c)),
                answering: answering(app),
            })
        }
    }
}

fn responses(app: &Console, item: Item) -> Vec<(String, String, bool)> {
    app.session
        .engine()
        .state()
        .responses
        .iter()
        .filter(|r| r.item == item)
        .map(|r| {
            let role = app.role_name(&r.speaker.role);
            let mut who = match &r.speaker.by {
                Some(name) => format!("{role}, {}", visible(name)),
                None => role,
            };
            if r.seat.is_some() {
                who.push_str(" (seat)");
            }
            (who, r.text.clone(), r.corrected.is_some())
        })
        .collect()
}

/// Who answers now, and the keys that change or record it (as bound).
fn answering(app: &Console) -> String {
    let role = app.answering_role();
    let speaker = app.speaker(&role);
    let who = match speaker.by {
        Some(name) => format!("{}, {}", app.role_name(&role), visible(&name)),
        None => app.role_name(&role),
    };
    let key = |action| app.keymap.label(Section::Console, action);
    format!(
        "{who}  ({} changes · {} records · {} corrects the last · {} takes back)",
        key(Action::CycleRole),
        key(Action::Respond),
        key(Action::Correct),
        key(Action::Undo)
    )
}

fn lines<'a>(item: &Shown<'_>, width: u16, theme: Theme) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    let mut meta = Vec::new();
    if let Some(from) = item.from {
        meta.push(format!("From {}", visible(from)));
    }
    if let Some(channel) = item.channel {
        meta.push(format!("by {}", channel_name(channel)));
    }
    if !item.to.is_empty() {
        meta.push(format!("to {}", item.to.join(", ")));
    }
    if item.private {
        meta.push("private: only their seats see it, never the room".to_string());
    }
    if !meta.is_empty() {
        out.push(Line::styled(meta.join(" · "), theme.dim()));
        out.push(Line::raw(""));
    }
    for paragraph in paragraphs(item.body) {
        out.push(Line::raw(paragraph));
        out.push(Line::raw(""));
    }
    if let Some(tip) = item.tip {
        for (k, paragraph) in paragraphs(tip).into_iter().enumerate() {
            let lead = if k == 0 { "Console tip: " } else { "" };
            out.push(Line::from(vec![
                Span::styled(lead, theme.accent()),
                Span::styled(paragraph, theme.dim()),
            ]));
            out.push(Line::raw(""));
        }
    }
    for (n, artefact) in item.artefacts.iter().enumerate() {
        let mut title = artefact.title.as_deref().map(visible);
        if item.private_artefacts.get(n) == Some(&true) {
            title = Some(format!(
                "{} (private to {})",
                title.unwrap_or_default(),
                item.to.join(", ")
            ));
        }
        out.extend(framed(
            &artefact_kind_name(artefact.kind),
            title.as_deref(),
            &verbatim_lines(&artefact.text),
            width,
            theme,
        ));
        out.push(Line::raw(""));
    }
    if !item.questions.is_empty() {
        out.push(Line::styled("Questions for the team", theme.title()));
        for q in item.questions {
            out.push(Line::raw(format!("• {}", visible(q))));
        }
        out.push(Line::raw(""));
    }
    // What the team said stays in view, with who said it.
    out.push(Line::styled("Responses", theme.title()));
    for (who, text, corrected) in &item.responses {
        let mut spans = vec![Span::styled(format!("{who}: "), theme.accent())];
        spans.push(Span::raw(paragraphs(text).join(" ")));
        if *corrected {
            spans.push(Span::styled(" (corrected)", theme.dim()));
        }
        out.push(Line::from(spans));
    }
    out.push(Line::from(vec![
        Span::styled("Answering: ", theme.dim()),
        Span::raw(item.answering.clone()),
    ]));
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
    let tag = match (item.wildcard, item.number) {
        (true, _) => " ★ Wildcard: ".to_string(),
        (false, Some(number)) => format!(" #{} ", visible(number)),
        (false, None) => " ".to_string(),
    };
    let block = Block::bordered()
        .title(Line::from(vec![
            Span::raw(tag),
            Span::styled(visible(item.title), theme.title()),
            Span::raw(" "),
        ]))
        .border_style(border);
    let text = lines(&item, area.width.saturating_sub(2), theme);
    frame.render_widget(
        Paragraph::new(text)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((app.inject_scroll, 0)),
        area,
    );
}
