//! The evaluators' guide: per objective and capability, the actions to watch
//! for with their owners and deadlines, and room to record what is seen.

use super::{Block, Doc, Section};
use crate::plan::Plan;
use crate::scenario::Scenario;

pub(super) fn evaluator(scenario: &Scenario, plan: &Plan) -> Doc {
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
