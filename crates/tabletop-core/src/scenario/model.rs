//! The scenario file format: what a facilitator delivers and what the team must decide.
//! Field documentation here becomes the JSON Schema's descriptions.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::located::Located;
use crate::time::{HumanDuration, StoryInstant, StoryTime};

pub type Name = Located<String>;

/// A tabletop exercise: metadata, injects in delivery order, and an optional wildcard deck.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub scenario: ScenarioMeta,
    /// Injects, delivered in the order written.
    #[serde(default, rename = "inject")]
    pub injects: Vec<Inject>,
    pub wildcards: Option<WildcardDeck>,
    /// What the exercise sets out to test, each linked to what shows it:
    /// the report assesses every one.
    #[serde(default, rename = "objective")]
    pub objectives: Vec<Objective>,
    /// Standard actions the scenario expects that its plan has no action for
    /// (set when the scenario is bound to a plan); they cannot be scored.
    #[serde(skip)]
    #[schemars(skip)]
    pub uncovered: Vec<String>,
}

/// An objective of the exercise and the evidence that shows it was met.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub id: Name,
    pub text: String,
    /// Standard actions (or the plan's own) that achieve it.
    #[serde(default)]
    pub actions: Vec<Name>,
    /// Injects whose decision shows it.
    #[serde(default)]
    pub decisions: Vec<Name>,
    /// Plan phases whose rating shows it.
    #[serde(default)]
    pub phases: Vec<Name>,
}

impl Scenario {
    /// Every objective's words: the linked ones, then those written as plain
    /// sentences in `[scenario] objectives`.
    pub fn objective_texts(&self) -> Vec<String> {
        self.objectives
            .iter()
            .map(|o| o.text.clone())
            .chain(self.scenario.objectives.iter().cloned())
            .collect()
    }

    pub fn inject(&self, id: &str) -> Option<&Inject> {
        self.injects.iter().find(|i| i.id.as_str() == id)
    }

    /// A wildcard card by id, when the scenario has a deck.
    pub fn card(&self, id: &str) -> Option<&WildcardCard> {
        self.wildcards
            .iter()
            .flat_map(|w| &w.cards)
            .find(|c| c.id.as_str() == id)
    }

    /// An option of the decision on `inject`.
    pub fn option(&self, inject: &str, option: &str) -> Option<&DecisionOption> {
        self.inject(inject)?.decision.as_ref()?.option(option)
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScenarioMeta {
    /// Unique id: lower-case letters, digits and '-'.
    pub id: Name,
    pub title: String,
    pub summary: String,
    pub version: Option<String>,
    pub author: Option<String>,
    /// Estimated facilitation time, e.g. "90m".
    pub duration: Located<HumanDuration>,
    #[serde(default)]
    pub audience: Vec<String>,
    #[serde(default)]
    pub objectives: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// MITRE ATT&CK technique ids, e.g. "T1486" or "T1566.001".
    #[serde(default)]
    pub attack: Vec<Name>,
    /// NIST CSF 2.0 categories, e.g. "RS.MA".
    #[serde(default)]
    pub csf: Vec<Name>,
    /// Id or path of the incident plan this scenario is written against.
    pub plan: Option<Name>,
    /// Story time when the exercise opens (default "Day 1 09:00").
    pub start: Option<Located<StoryTime>>,
    /// The calendar date of Day 1, YYYY-MM-DD: business-day clocks then skip
    /// real weekends and the holidays of their regime. Without it Day 1 is a
    /// Monday and no day is a holiday.
    pub date: Option<Name>,
    /// Plan role ids taking part.
    pub roles: Vec<Name>,
    /// Read out by the facilitator before the first inject.
    pub briefing: Option<String>,
}

impl ScenarioMeta {
    /// Day 1's calendar date, when the scenario gives a valid one.
    pub fn day_one(&self) -> Option<chrono::NaiveDate> {
        self.date
            .as_ref()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    }

    pub fn start_instant(&self) -> StoryInstant {
        let default = StoryInstant::day_clock(1, 9, 0);
        self.start.as_ref().map_or(default, |s| s.resolve(default))
    }
}

/// One event delivered to the team: an email, a call, an alert, a news report.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Inject {
    pub id: Name,
    /// The inject's number in the MSEL ("3", "4a"), shown beside its title.
    pub number: Option<String>,
    pub title: String,
    /// Story time of the inject: "Day 1 09:12" or "+2h" from the scenario start.
    /// Defaults to the previous inject's story time.
    pub story: Option<Located<StoryTime>>,
    /// Delivered this long after the exercise starts (facilitation time).
    pub at: Option<Located<HumanDuration>>,
    /// Delivered this long after the previous inject (facilitation time).
    pub after: Option<Located<HumanDuration>>,
    /// Delivered when the facilitator moves on (the default).
    pub manual: Option<Located<bool>>,
    /// Simulated sender.
    pub from: Option<String>,
    pub channel: Option<Channel>,
    /// Roles addressed (default: everyone).
    #[serde(default)]
    pub to: Vec<Name>,
    /// Seen only by the seats of its `to` roles (and the facilitator): never
    /// on the room's screen or another role's seat.
    #[serde(default)]
    pub private: bool,
    pub body: String,
    /// Free-text discussion questions.
    #[serde(default)]
    pub questions: Vec<String>,
    /// Plan action ids the team is expected to take.
    #[serde(default)]
    pub expects: Vec<Name>,
    /// Why the inject expects nothing of the team, when that is on purpose
    /// ("players may ignore this"): silences the warning that it expects nothing.
    pub no_action_expected: Option<String>,
    /// What the team should do, in the designer's words ("legal engaged, with
    /// documented reasoning"): shown to the facilitator and evaluators, never scored.
    pub expected_action: Option<String>,
    /// Ids of the scenario's objectives this inject tests.
    #[serde(default)]
    pub objectives: Vec<Name>,
    /// Flags raised when the inject is delivered.
    #[serde(default)]
    pub sets: Vec<Name>,
    /// Delivered only when all of these flags are raised.
    #[serde(default)]
    pub requires: Vec<Name>,
    /// Delivered only when none of these flags is raised.
    #[serde(default)]
    pub unless: Vec<Name>,
    /// The exercise ends once this inject has been dealt with.
    #[serde(default)]
    pub end: bool,
    /// Seen only by the facilitator.
    pub facilitator: Option<String>,
    /// Help with running the console at this point (a key to press, what
    /// the screen shows): on the facilitator's screen only, never the room's.
    pub tip: Option<String>,
    #[serde(default)]
    pub attack: Vec<Name>,
    #[serde(default)]
    pub csf: Vec<Name>,
    #[serde(default, rename = "artefact")]
    pub artefacts: Vec<Artefact>,
    pub decision: Option<Decision>,
}

impl Inject {
    pub fn pacing(&self) -> Pacing {
        match (&self.at, &self.after) {
            (Some(at), _) => Pacing::At(**at),
            (None, Some(after)) => Pacing::After(**after),
            _ => Pacing::Manual,
        }
    }

    pub fn is_conditional(&self) -> bool {
        !self.requires.is_empty() || !self.unless.is_empty()
    }
}

/// When an inject is delivered on the facilitation clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pacing {
    /// At this offset from the exercise start.
    At(HumanDuration),
    /// This long after the previous inject was delivered.
    After(HumanDuration),
    /// When the facilitator moves on.
    Manual,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Email,
    Phone,
    News,
    Ticket,
    Alert,
    Chat,
    Social,
    Letter,
    Meeting,
}

/// Material shown to the team as a framed block.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Artefact {
    pub kind: ArtefactKind,
    pub title: Option<String>,
    pub text: String,
    /// Seen only by the seats of the inject's `to` roles, though the inject
    /// itself is for everyone.
    #[serde(default)]
    pub private: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ArtefactKind {
    Email,
    Letter,
    Log,
    Note,
    Document,
    Chat,
    Ticket,
    Social,
    News,
    Screenshot,
}

/// A choice the team must make, attached to an inject.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub prompt: String,
    /// Roles that own the decision.
    #[serde(default)]
    pub owners: Vec<Name>,
    /// Time to decide, on the facilitation clock.
    pub countdown: Option<Located<HumanDuration>>,
    /// Whether the team may also answer in words (default true).
    #[serde(default = "yes")]
    pub free_text: bool,
    #[serde(default, rename = "option")]
    pub options: Vec<DecisionOption>,
}

impl Decision {
    pub fn option(&self, id: &str) -> Option<&DecisionOption> {
        self.options.iter().find(|o| o.id.as_str() == id)
    }
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionOption {
    pub id: Name,
    pub label: String,
    pub quality: Option<Quality>,
    /// Why this option is good or bad: read out in the debrief.
    pub why: Option<String>,
    /// Plan actions this option carries out.
    #[serde(default)]
    pub fulfils: Vec<Name>,
    /// Plan actions this option goes against.
    #[serde(default)]
    pub violates: Vec<Name>,
    /// Flags raised when this option is chosen.
    #[serde(default)]
    pub sets: Vec<Name>,
    /// Continue at this inject when chosen.
    pub next: Option<Name>,
}

/// How good an option is, as the scenario's author judges it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Quality {
    Harmful,
    Weak,
    Acceptable,
    Strong,
}

/// Random injects drawn during the exercise.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WildcardDeck {
    /// How many cards one exercise draws.
    pub draw: Located<u32>,
    /// Facilitation time between which the cards are drawn, e.g. ["20m", "70m"].
    pub window: Option<Located<(HumanDuration, HumanDuration)>>,
    #[serde(default, rename = "card")]
    pub cards: Vec<WildcardCard>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WildcardCard {
    pub id: Name,
    pub title: String,
    /// Relative chance of being drawn (default 1).
    pub weight: Option<Located<u32>>,
    pub from: Option<String>,
    pub channel: Option<Channel>,
    #[serde(default)]
    pub to: Vec<Name>,
    /// Seen only by the seats of its `to` roles, as for an inject.
    #[serde(default)]
    pub private: bool,
    pub body: String,
    #[serde(default)]
    pub questions: Vec<String>,
    #[serde(default)]
    pub expects: Vec<Name>,
    #[serde(default)]
    pub sets: Vec<Name>,
    pub facilitator: Option<String>,
    /// Help with running the console, on the facilitator's screen only.
    pub tip: Option<String>,
    #[serde(default)]
    pub attack: Vec<Name>,
    #[serde(default, rename = "artefact")]
    pub artefacts: Vec<Artefact>,
}

impl WildcardCard {
    pub fn weight(&self) -> u32 {
        self.weight.as_ref().map_or(1, |w| **w)
    }
}
