//! Handouts for the people in the room: the participants' situation manual,
//! the facilitator's guide and the evaluators' guide, as Markdown or as a
//! printable self-contained page.

mod doc;
mod evaluator;
mod facilitator;

pub use doc::{Block, Doc, Section, html_page, markdown};

use crate::plan::Plan;
use crate::scenario::Scenario;

use evaluator::evaluator;
use facilitator::facilitator;

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
