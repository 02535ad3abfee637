//! The incident-plan file format: roles, phases, the actions each phase requires,
//! their owners and deadlines, and the regulatory obligations they meet.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::located::Located;
use crate::time::Deadline;

pub type Name = Located<String>;

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub plan: PlanMeta,
    #[serde(default, rename = "role")]
    pub roles: Vec<PlanRole>,
    #[serde(default, rename = "phase")]
    pub phases: Vec<Phase>,
    /// Moments that start deadlines, raised as flags by scenarios.
    #[serde(default, rename = "trigger")]
    pub triggers: Vec<Trigger>,
    #[serde(default, rename = "action")]
    pub actions: Vec<PlanAction>,
    #[serde(default, rename = "obligation")]
    pub obligations: Vec<Obligation>,
}

impl Plan {
    pub fn action(&self, id: &str) -> Option<&PlanAction> {
        self.actions.iter().find(|a| a.id.as_str() == id)
    }

    /// Triggers that taking `action` raises.
    pub fn triggers_raised_by<'a>(&'a self, action: &'a str) -> impl Iterator<Item = &'a str> {
        self.triggers
            .iter()
            .filter(move |t| t.raised_by.iter().any(|a| a.as_str() == action))
            .map(|t| t.id.as_str())
    }

    pub fn role(&self, id: &str) -> Option<&PlanRole> {
        self.roles.iter().find(|r| r.id.as_str() == id)
    }

    /// The plan's actions that carry out `reference`: the action of that id,
    /// and every action that implements it as a standard action.
    pub fn actions_for<'a>(&'a self, reference: &'a str) -> impl Iterator<Item = &'a PlanAction> {
        self.actions.iter().filter(move |a| {
            a.id.as_str() == reference || a.implements.as_deref().is_some_and(|i| i == reference)
        })
    }

    /// The plan's role that plays `reference`: the role of that id, or the
    /// one that implements it as a standard role.
    pub fn role_for(&self, reference: &str) -> Option<&PlanRole> {
        self.role(reference).or_else(|| {
            self.roles
                .iter()
                .find(|r| r.implements.as_deref().is_some_and(|i| i == reference))
        })
    }

    /// A role's display name, or its id when the plan does not know it.
    pub fn role_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.role(id).map_or(id, |r| r.name.as_str())
    }

    pub fn phase(&self, id: &str) -> Option<&Phase> {
        self.phases.iter().find(|p| p.id.as_str() == id)
    }

    /// A phase's display name, or its id when the plan does not know it.
    pub fn phase_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.phase(id).map_or(id, |p| p.name.as_str())
    }

    pub fn obligation(&self, id: &str) -> Option<&Obligation> {
        self.obligations.iter().find(|o| o.id.as_str() == id)
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanMeta {
    pub id: Name,
    pub title: String,
    pub organisation: String,
    pub version: String,
    /// Date the plan took effect, YYYY-MM-DD.
    pub effective: Option<Name>,
    #[serde(default)]
    pub framework: Framework,
    pub summary: Option<String>,
}

/// How the plan organises its phases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
pub enum Framework {
    /// NIST SP 800-61 Rev. 3: CSF 2.0 functions.
    #[serde(rename = "csf-2.0")]
    Csf2,
    /// NIST SP 800-61 Rev. 2: the four-phase lifecycle.
    #[serde(rename = "sp800-61r2")]
    Sp80061r2,
    #[default]
    #[serde(rename = "custom")]
    Custom,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanRole {
    pub id: Name,
    pub name: String,
    pub description: Option<String>,
    /// Who to reach for this role's follow-up work (a name, a mailbox); kept
    /// out of public reports.
    pub contact: Option<String>,
    /// The standard role it plays (`tabletop plan vocabulary`), when its id is
    /// not one: scenarios name standard roles.
    pub implements: Option<Name>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub id: Name,
    pub name: String,
    /// CSF 2.0 function the phase belongs to.
    pub function: Option<CsfFunction>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum CsfFunction {
    GV,
    ID,
    PR,
    DE,
    RS,
    RC,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Trigger {
    pub id: Name,
    pub description: String,
    /// Plan actions that raise the trigger when the team is seen to take them
    /// (declaring the incident raises `incident-declared`).
    #[serde(default)]
    pub raised_by: Vec<Name>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanAction {
    pub id: Name,
    /// The standard action it carries out (`tabletop plan vocabulary`), when
    /// its id is not one: scenarios expect standard actions, and several plan
    /// actions may implement one (a regulator and the media both notified).
    pub implements: Option<Name>,
    pub phase: Name,
    /// Role that owns the action.
    pub owner: Name,
    /// Roles that may act for the owner.
    #[serde(default)]
    pub also: Vec<Name>,
    pub title: String,
    pub description: Option<String>,
    #[serde(default)]
    pub level: Level,
    /// How much a failure here matters beyond its points: `critical` for
    /// steps that keep people safe; ranks findings in the report's summary.
    #[serde(default)]
    pub severity: Severity,
    /// How much the action counts, 1 to 5 (default 1).
    pub weight: Option<Located<u8>>,
    /// Due this long after the trigger named in `from`.
    pub deadline: Option<Located<Deadline>>,
    /// Trigger the deadline runs from.
    pub from: Option<Name>,
}

impl PlanAction {
    pub fn weight(&self) -> u8 {
        self.weight.as_ref().map_or(1, |w| **w)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    #[default]
    Normal,
    High,
    /// Safety of people: patients, staff, the public.
    Critical,
}

/// Who a clock answers to, which decides how a missed one is worded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ObligationKind {
    /// A law or a regulator: a missed clock exposes the organisation to enforcement.
    #[default]
    Regulator,
    /// A contract such as an insurance policy: a late notice puts cover or terms at risk.
    Contract,
    /// A promise to customers or partners.
    Customer,
    /// The organisation's own rule.
    Internal,
}

impl ObligationKind {
    /// The word the plan file uses for it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Regulator => "regulator",
            Self::Contract => "contract",
            Self::Customer => "customer",
            Self::Internal => "internal",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    #[default]
    Required,
    Recommended,
}

/// A regulatory or contractual clock, met by plan actions.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Obligation {
    pub id: Name,
    /// E.g. "GDPR Art. 33".
    pub regime: String,
    /// Who the clock answers to (default `regulator`).
    #[serde(default)]
    pub kind: ObligationKind,
    pub authority: Option<String>,
    pub description: Option<String>,
    pub deadline: Located<Deadline>,
    pub from: Name,
    /// Plan actions that meet the obligation.
    pub actions: Vec<Name>,
    /// Holidays a deadline in business days skips (`us-federal`); weekends
    /// are always skipped. Dates come from the scenario's `date`.
    pub calendar: Option<crate::time::Holidays>,
    /// Where the rule is written ("Regulation (EU) 2016/679, Art. 33(1)").
    pub citation: Option<String>,
}
