//! Handouts for the people in the room: the participants' situation manual,
//! the facilitator's guide and the evaluators' guide, as Markdown or as a
//! printable self-contained page.

mod doc;

pub use doc::{Block, Doc, Section, html_page, markdown};

use crate::plan::Plan;
use crate::scenario::{Inject, Pacing, Quality, Scenario};

/// Who a handout is for; it decides what the handout may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// Background, roles and ground rules: nothing facilitator-only and no
    /// inject ahead of time.
    Participant,
    /// Everything: timings, notes, expected actions, option quality and
    /// reasons, the branch map.
    Facilitator,
    /// Per objective, what to watch for and when, with room to record it.
    Evaluator,
}

pub fn build(scenario: &Scenario, plan: &Plan, reader: Reader) -> Doc {
    match reader {
        Reader::Participant => participant(scenario, plan),
        Reader::Facilitator => facilitator(scenario, plan),
        Reader::Evaluator => evaluator(scenario, plan),
    }
}

fn roles_taking_part(scenario: &Scenario, plan: &Plan) -> Vec<(String, String)> {
    scenario
        .scenario
        .roles
        .iter()
        .map(|r| {
            let role = plan.role_for(r);
            let name = role.map_or(r.to_string(), |p| p.name.clone());
            let what = role.and_then(|p| p.description.clone()).unwrap_or_default();
            (name, what)
        })
        .collect()
}

const GROUND_RULES: [&str; 7] = [
    "This is a safe place to learn: no one is being assessed as a person, and mistakes here cost nothing.",
    "Answer as you would on a real day, with the people, tools and authority you really have.",
    "Decide on what you know at each moment; new information arrives as the exercise goes on.",
    "The scenario is invented. Some details may not fit your organisation exactly: work with them rather than against them.",
    "Time is compressed: minutes at the table can stand for hours or days in the story.",
    "Say what you would do and who would do it; the facilitator records decisions and who made them.",
    "What is said in the room stays in the room; the report speaks of roles and actions, not of individuals.",
];

fn participant(scenario: &Scenario, plan: &Plan) -> Doc {
    let meta = &scenario.scenario;
    let mut sections = vec![Section::new(
        "About this exercise",
        vec![
            Block::Para(meta.summary.clone()),
            Block::Facts(vec![
                ("Length".into(), format!("about {}", *meta.duration)),
                (
                    "Organisation".into(),
                    format!("{} ({})", plan.plan.organisation, plan.plan.title),
                ),
            ]),
        ],
    )];
    if let Some(briefing) = &meta.briefing {
        sections.push(Section::new(
            "Situation",
            vec![Block::Para(briefing.clone())],
        ));
    }
    let objectives = scenario.objective_texts();
    if !objectives.is_empty() {
        sections.push(Section::new(
            "What the exercise sets out to test",
            vec![Block::Bullets(objectives)],
        ));
    }
    let roles = roles_taking_part(scenario, plan);
    sections.push(Section::new(
        "Roles at the table",
        vec![Block::Table {
            headers: vec!["Role".into(), "What it covers".into()],
            rows: roles.into_iter().map(|(n, w)| vec![n, w]).collect(),
        }],
    ));
    sections.push(Section::new(
        "Ground rules",
        vec![Block::Bullets(GROUND_RULES.map(str::to_string).to_vec())],
    ));
    sections.push(Section::new(
        "Notes",
        vec![Block::WriteIn {
            label: "Your notes".into(),
            lines: 6,
        }],
    ));
    Doc {
        title: meta.title.clone(),
        subtitle: "Participant handout: background, roles and ground rules. The events of the exercise are given out as it runs.".into(),
        sections,
    }
}

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
fn action_line(plan: &Plan, reference: &str) -> String {
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

fn facilitator(scenario: &Scenario, plan: &Plan) -> Doc {
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
                    ("To".into(), role_names(plan, &card.to)),
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
        ("To".to_string(), role_names(plan, &inject.to)),
    ];
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

fn evaluator(scenario: &Scenario, plan: &Plan) -> Doc {
    let meta = &scenario.scenario;
    let mut sections = vec![Section::new(
        "How to use this guide",
        vec![
            Block::Para("For each objective, watch for the actions listed and note when they happen and who takes them. Record what you see, not what you expected; the score comes from the transcript, your observations explain it.".into()),
            Block::Facts(vec![
                ("Exercise".into(), meta.title.clone()),
                ("Plan".into(), format!("{} ({})", plan.plan.title, plan.plan.id.as_str())),
                ("Length".into(), format!("about {}", *meta.duration)),
            ]),
        ],
    )];
    let when = |action: &str| -> String {
        let at: Vec<String> = scenario
            .injects
            .iter()
            .filter(|i| {
                i.expects.iter().any(|e| e.as_str() == action)
                    || i.decision
                        .iter()
                        .flat_map(|d| &d.options)
                        .any(|o| o.fulfils.iter().any(|f| f.as_str() == action))
            })
            .map(|i| i.title.clone())
            .collect();
        at.join("; ")
    };
    let action_rows = |refs: &mut dyn Iterator<Item = &str>| -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        for reference in refs {
            for a in plan.actions_for(reference) {
                let deadline = match (&a.deadline, &a.from) {
                    (Some(d), Some(from)) => format!("{} from {}", **d, from.as_str()),
                    _ => "none".into(),
                };
                rows.push(vec![
                    a.title.clone(),
                    plan.role_name(&a.owner).to_string(),
                    deadline,
                    when(reference),
                    "☐ yes ☐ partly ☐ no".into(),
                    String::new(),
                ]);
            }
        }
        rows
    };
    let headers = vec![
        "Action".to_string(),
        "Owner".into(),
        "Deadline".into(),
        "Watch at".into(),
        "Seen".into(),
        "Time and who".into(),
    ];
    let mut objective_blocks = Vec::new();
    for objective in &scenario.objectives {
        let mut blocks = vec![Block::Para(objective.text.clone())];
        let rows = action_rows(&mut objective.actions.iter().map(|a| a.as_str()));
        if !rows.is_empty() {
            blocks.push(Block::Table {
                headers: headers.clone(),
                rows,
            });
        }
        if !objective.decisions.is_empty() {
            blocks.push(Block::Bullets(
                objective
                    .decisions
                    .iter()
                    .filter_map(|d| scenario.inject(d))
                    .filter_map(|i| {
                        i.decision
                            .as_ref()
                            .map(|d| format!("Decision: {}", d.prompt))
                    })
                    .collect(),
            ));
        }
        blocks.push(Block::WriteIn {
            label: "Observations".into(),
            lines: 4,
        });
        objective_blocks.push(Block::Sub {
            heading: format!("Objective: {}", objective.id.as_str()),
            blocks,
        });
    }
    for text in &meta.objectives {
        objective_blocks.push(Block::Sub {
            heading: "Objective".into(),
            blocks: vec![
                Block::Para(text.clone()),
                Block::WriteIn {
                    label: "Observations".into(),
                    lines: 4,
                },
            ],
        });
    }
    if !objective_blocks.is_empty() {
        sections.push(Section::new("Objectives", objective_blocks));
    }
    // Capabilities: the CSF 2.0 categories the injects test, with their actions.
    let mut categories: Vec<String> = scenario
        .injects
        .iter()
        .flat_map(|i| i.csf.iter().map(|c| c.to_string()))
        .chain(meta.csf.iter().map(|c| c.to_string()))
        .collect();
    categories.sort();
    categories.dedup();
    let mut capability_blocks = Vec::new();
    for category in categories {
        let mut refs: Vec<&str> = scenario
            .injects
            .iter()
            .filter(|i| i.csf.iter().any(|c| c.as_str() == category))
            .flat_map(|i| i.expects.iter().map(|e| e.as_str()))
            .collect();
        refs.dedup();
        let rows = action_rows(&mut refs.into_iter());
        let mut blocks = Vec::new();
        if !rows.is_empty() {
            blocks.push(Block::Table {
                headers: headers.clone(),
                rows,
            });
        }
        blocks.push(Block::WriteIn {
            label: "Strengths and areas for improvement".into(),
            lines: 3,
        });
        capability_blocks.push(Block::Sub {
            heading: format!("CSF 2.0 {category}"),
            blocks,
        });
    }
    if !capability_blocks.is_empty() {
        sections.push(Section::new("Capabilities", capability_blocks));
    }
    let all: Vec<&str> = scenario
        .injects
        .iter()
        .flat_map(|i| i.expects.iter().map(|e| e.as_str()))
        .collect();
    let mut seen = Vec::new();
    let unique: Vec<&str> = all
        .into_iter()
        .filter(|a| {
            let new = !seen.contains(a);
            seen.push(*a);
            new
        })
        .collect();
    let prose: Vec<Vec<String>> = scenario
        .injects
        .iter()
        .filter_map(|i| {
            let expected = i.expected_action.clone().or_else(|| {
                i.no_action_expected
                    .as_ref()
                    .map(|why| format!("nothing expected: {why}"))
            })?;
            let number = i.number.clone().unwrap_or_default();
            Some(vec![number, i.title.clone(), expected, String::new()])
        })
        .collect();
    if !prose.is_empty() {
        sections.push(Section::new(
            "Expected player actions, inject by inject",
            vec![Block::Table {
                headers: vec![
                    "#".into(),
                    "Inject".into(),
                    "Expected".into(),
                    "Observed".into(),
                ],
                rows: prose,
            }],
        ));
    }
    sections.push(Section::new(
        "Every expected action",
        vec![Block::Table {
            headers,
            rows: action_rows(&mut unique.into_iter()),
        }],
    ));
    Doc {
        title: meta.title.clone(),
        subtitle: "Evaluator guide: per objective and capability, the actions to watch for, their owners and deadlines, and room to record what you see.".into(),
        sections,
    }
}
