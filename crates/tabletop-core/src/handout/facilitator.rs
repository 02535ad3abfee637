//! The facilitator's guide: every inject with its timing, notes, expected
//! actions and decision options, the wildcard deck and the branch map.

use super::{Block, Doc, Section};
use crate::plan::Plan;
use crate::scenario::{Inject, Pacing, Quality, Scenario};

fn pacing_text(inject: &Inject) -> String {
    match inject.pacing() {
        Pacing::At(d) if d.as_secs() == 0 => "at the start".into(),
        Pacing::At(d) => format!("at {d} into the exercise"),
        Pacing::After(d) => format!("{d} after the inject before"),
        Pacing::Manual => "when the facilitator moves on".into(),
    }
}

fn quality_word(q: Option<Quality>) -> &'static str {
    match q {
        Some(Quality::Strong) => "strong",
        Some(Quality::Acceptable) => "acceptable",
        Some(Quality::Weak) => "weak",
        Some(Quality::Harmful) => "harmful",
        None => "not rated",
    }
}

/// An expected action as the facilitator reads it: title, owner, deadline.
pub(super) fn action_line(plan: &Plan, reference: &str) -> String {
    let actions: Vec<String> = plan
        .actions_for(reference)
        .map(|a| {
            let deadline = match (&a.deadline, &a.from) {
                (Some(d), Some(from)) => format!(", within {} of {}", **d, from.as_str()),
                _ => String::new(),
            };
            format!(
                "{} ({}: {}{deadline})",
                a.title,
                a.id.as_str(),
                plan.role_name(&a.owner)
            )
        })
        .collect();
    if actions.is_empty() {
        format!("{reference} (not in this plan: not scored)")
    } else {
        actions.join("; ")
    }
}

fn role_names(plan: &Plan, ids: &[crate::located::Located<String>]) -> String {
    if ids.is_empty() {
        return "everyone".into();
    }
    ids.iter()
        .map(|r| plan.role_for(r).map_or(r.to_string(), |p| p.name.clone()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Who it is for, and whether only their seats see it.
fn to_text(plan: &Plan, ids: &[crate::located::Located<String>], private: bool) -> String {
    let names = role_names(plan, ids);
    if private {
        format!("{names} (private: only their seats see it, never the room's screen)")
    } else {
        names
    }
}

pub(super) fn facilitator(scenario: &Scenario, plan: &Plan) -> Doc {
    let meta = &scenario.scenario;
    let start = meta.start_instant();
    let mut sections = vec![Section::new(
        "Overview",
        vec![
            Block::Para(meta.summary.clone()),
            Block::Facts(vec![
                ("Length".into(), format!("about {}", *meta.duration)),
                (
                    "Plan".into(),
                    format!("{} ({})", plan.plan.title, plan.plan.id.as_str()),
                ),
                ("Story opens".into(), start.to_string()),
                ("Injects".into(), scenario.injects.len().to_string()),
                ("Roles".into(), role_names(plan, &meta.roles)),
            ]),
        ],
    )];
    if let Some(briefing) = &meta.briefing {
        sections.push(Section::new(
            "Briefing to read out",
            vec![Block::Para(briefing.clone())],
        ));
    }
    let mut injects = Vec::new();
    let mut story = start;
    for inject in &scenario.injects {
        if let Some(s) = &inject.story {
            story = s.resolve(start);
        }
        injects.push(inject_guide(inject, plan, story));
    }
    sections.push(Section::new("Injects", injects));
    if let Some(deck) = &scenario.wildcards {
        let mut blocks = vec![Block::Para(format!(
            "{} card(s) are drawn at random{}; the seed is recorded in the transcript.",
            *deck.draw,
            deck.window.as_ref().map_or(String::new(), |w| format!(
                " between {} and {} into the exercise",
                w.0, w.1
            ))
        ))];
        for card in &deck.cards {
            let mut card_blocks = vec![
                Block::Facts(vec![
                    ("Weight".into(), card.weight().to_string()),
                    ("To".into(), to_text(plan, &card.to, card.private)),
                ]),
                Block::Para(card.body.clone()),
            ];
            if !card.expects.is_empty() {
                card_blocks.push(Block::Bullets(
                    card.expects.iter().map(|e| action_line(plan, e)).collect(),
                ));
            }
            if let Some(note) = &card.facilitator {
                card_blocks.push(Block::Note(format!("Facilitator: {note}")));
            }
            blocks.push(Block::Sub {
                heading: format!("Card: {}", card.title),
                blocks: card_blocks,
            });
        }
        sections.push(Section::new("Wildcard cards", blocks));
    }
    sections.push(Section::new("Branch map", vec![branch_map(scenario)]));
    Doc {
        title: meta.title.clone(),
        subtitle: "Facilitator guide: every inject with its timing, notes, expected actions and decision options. Not for participants.".into(),
        sections,
    }
}

fn inject_guide(inject: &Inject, plan: &Plan, story: crate::time::StoryInstant) -> Block {
    let mut facts = vec![
        ("Delivered".to_string(), pacing_text(inject)),
        ("Story time".to_string(), story.to_string()),
        ("To".to_string(), to_text(plan, &inject.to, inject.private)),
    ];
    let private: Vec<&str> = inject
        .artefacts
        .iter()
        .filter(|a| a.private)
        .map(|a| a.title.as_deref().unwrap_or("an artefact"))
        .collect();
    if !private.is_empty() {
        facts.push((
            "Private".into(),
            format!("{}: only the seats of its roles see it", private.join("; ")),
        ));
    }
    if let Some(from) = &inject.from {
        facts.push(("From".into(), from.clone()));
    }
    if !inject.requires.is_empty() || !inject.unless.is_empty() {
        let mut cond = Vec::new();
        if !inject.requires.is_empty() {
            cond.push(format!("only if {}", join(&inject.requires)));
        }
        if !inject.unless.is_empty() {
            cond.push(format!("not if {}", join(&inject.unless)));
        }
        facts.push(("Condition".into(), cond.join("; ")));
    }
    if !inject.sets.is_empty() {
        facts.push(("Raises".into(), join(&inject.sets)));
    }
    if inject.end {
        facts.push((
            "Ends".into(),
            "the exercise ends once this is dealt with".into(),
        ));
    }
    let mut blocks = vec![Block::Facts(facts), Block::Para(inject.body.clone())];
    for a in &inject.artefacts {
        blocks.push(Block::Verbatim {
            title: a.title.clone().unwrap_or_else(|| "Artefact".into()),
            text: a.text.clone(),
        });
    }
    if !inject.questions.is_empty() {
        blocks.push(Block::Sub {
            heading: "Questions for the room".into(),
            blocks: vec![Block::Bullets(inject.questions.clone())],
        });
    }
    let mut expected: Vec<String> = inject
        .expects
        .iter()
        .map(|e| action_line(plan, e))
        .collect();
    if let Some(prose) = &inject.expected_action {
        expected.insert(0, format!("In the designer's words: {prose}"));
    }
    if let Some(why) = &inject.no_action_expected {
        expected.push(format!("No action expected: {why}"));
    }
    if !expected.is_empty() {
        blocks.push(Block::Sub {
            heading: "Expected actions".into(),
            blocks: vec![Block::Bullets(expected)],
        });
    }
    if let Some(d) = &inject.decision {
        let mut rows = Vec::new();
        for (n, o) in d.options.iter().enumerate() {
            let mut effects = Vec::new();
            if !o.fulfils.is_empty() {
                effects.push(format!("fulfils {}", join(&o.fulfils)));
            }
            if !o.violates.is_empty() {
                effects.push(format!("goes against {}", join(&o.violates)));
            }
            if let Some(next) = &o.next {
                effects.push(format!("continues at {}", next.as_str()));
            }
            rows.push(vec![
                format!("{}. {}", n + 1, o.label),
                quality_word(o.quality).to_string(),
                o.why.clone().unwrap_or_default(),
                effects.join("; "),
            ]);
        }
        blocks.push(Block::Sub {
            heading: format!("Decision: {}", d.prompt),
            blocks: vec![
                Block::Facts(vec![
                    ("Owned by".into(), role_names(plan, &d.owners)),
                    (
                        "Countdown".into(),
                        d.countdown
                            .as_ref()
                            .map_or("none".into(), |c| c.to_string()),
                    ),
                ]),
                Block::Table {
                    headers: vec![
                        "Option".into(),
                        "Quality".into(),
                        "Why".into(),
                        "Effect".into(),
                    ],
                    rows,
                },
            ],
        });
    }
    if let Some(note) = &inject.facilitator {
        blocks.push(Block::Note(format!("Facilitator: {note}")));
    }
    let number = inject
        .number
        .as_ref()
        .map_or(String::new(), |n| format!("#{n} "));
    Block::Sub {
        heading: format!("{number}{} ({})", inject.title, inject.id.as_str()),
        blocks,
    }
}

fn join(ids: &[crate::located::Located<String>]) -> String {
    ids.iter()
        .map(|i| i.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where each choice leads, and which injects wait on a flag.
fn branch_map(scenario: &Scenario) -> Block {
    let mut rows = Vec::new();
    for inject in &scenario.injects {
        if let Some(d) = &inject.decision {
            for o in &d.options {
                let to = o
                    .next
                    .as_ref()
                    .map_or("the next inject".to_string(), |n| n.to_string());
                let flags = if o.sets.is_empty() {
                    String::new()
                } else {
                    format!("raises {}", join(&o.sets))
                };
                rows.push(vec![inject.id.to_string(), o.label.clone(), to, flags]);
            }
        }
        if inject.is_conditional() {
            let mut cond = Vec::new();
            if !inject.requires.is_empty() {
                cond.push(format!("only if {}", join(&inject.requires)));
            }
            if !inject.unless.is_empty() {
                cond.push(format!("not if {}", join(&inject.unless)));
            }
            rows.push(vec![
                inject.id.to_string(),
                "(conditional)".into(),
                inject.id.to_string(),
                cond.join("; "),
            ]);
        }
    }
    if rows.is_empty() {
        return Block::Para(
            "The scenario runs straight through: no option branches and no inject waits on a flag."
                .into(),
        );
    }
    Block::Table {
        headers: vec![
            "At".into(),
            "Choice".into(),
            "Goes to".into(),
            "Flags".into(),
        ],
        rows,
    }
}
