//! Response scripts: the team's part in a headless run, as a TOML file.

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::document::Diagnostic;
use crate::located::Located;
use crate::plan::Plan;
use crate::scenario::Scenario;
use crate::suggest::reference_help;
use crate::time::HumanDuration;

type Name = Located<String>;

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Script {
    pub script: ScriptMeta,
    #[serde(default, rename = "participant")]
    pub participants: Vec<ScriptParticipant>,
    #[serde(default, rename = "step")]
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScriptMeta {
    /// Id of the scenario this script answers.
    pub scenario: Name,
    pub team: Option<String>,
    /// Wall-clock start of the virtual clock (default 2026-01-01T09:00:00Z).
    #[schemars(with = "Option<String>")]
    pub start: Option<DateTime<Utc>>,
    pub seed: Option<u64>,
    #[serde(default)]
    pub anonymous: bool,
    /// How long the facilitator waits before moving on (default 2m).
    pub manual_delay: Option<HumanDuration>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScriptParticipant {
    pub name: String,
    pub roles: Vec<Name>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Inject or wildcard card id.
    pub inject: Name,
    /// After the inject's delivery, on the facilitation clock.
    #[serde(default)]
    pub after: HumanDuration,
    pub role: Name,
    pub by: Option<String>,
    pub option: Option<Name>,
    pub text: Option<String>,
    #[serde(default)]
    pub observe: Vec<Observed>,
    pub note: Option<String>,
}

/// An expected action ticked: by the step's role, or by the role given.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Observed {
    Action(String),
    Credited { action: String, role: String },
}

impl Observed {
    fn set_action(&mut self, id: String) {
        match self {
            Self::Action(a) | Self::Credited { action: a, .. } => *a = id,
        }
    }

    pub fn action(&self) -> &str {
        match self {
            Self::Action(a) | Self::Credited { action: a, .. } => a,
        }
    }

    pub fn role<'a>(&'a self, step_role: &'a str) -> &'a str {
        match self {
            Self::Action(_) => step_role,
            Self::Credited { role, .. } => role,
        }
    }
}

pub const DEFAULT_START: &str = "2026-01-01T09:00:00Z";

/// The plan action an observed id names: the plan's own, or the one plan
/// action that carries out that standard action. `Err` lists the candidates
/// when several do, so a script must say which.
pub fn plan_action_for(plan: &Plan, id: &str) -> Result<Option<String>, Vec<String>> {
    if plan.action(id).is_some() {
        return Ok(Some(id.to_string()));
    }
    let candidates: Vec<String> = plan.actions_for(id).map(|a| a.id.to_string()).collect();
    match candidates.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one.clone())),
        _ => Err(candidates),
    }
}

impl Script {
    /// The script with each observed standard action named by the plan
    /// action that carries it out, so one script runs against any plan that
    /// maps its actions to the standard ones.
    pub fn resolved(&self, plan: &Plan) -> Script {
        let mut out = self.clone();
        for step in &mut out.steps {
            for observed in &mut step.observe {
                if let Ok(Some(id)) = plan_action_for(plan, observed.action()) {
                    observed.set_action(id);
                }
            }
        }
        out
    }

    pub fn start(&self) -> DateTime<Utc> {
        self.script
            .start
            .unwrap_or_else(|| DEFAULT_START.parse().expect("a valid default"))
    }

    /// Checks the script's references against the scenario and plan.
    pub fn validate(&self, scenario: &Scenario, plan: &Plan) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let scenario_id = scenario.scenario.id.as_str();
        if self.script.scenario.as_str() != scenario_id {
            out.push(
                Diagnostic::error(
                    format!(
                        "the script answers `{}`, not `{scenario_id}`",
                        self.script.scenario.as_str()
                    ),
                    self.script.scenario.span(),
                )
                .with_help("run it with the scenario it was written for, or change `scenario`"),
            );
        }
        let roles: Vec<&str> = scenario
            .scenario
            .roles
            .iter()
            .map(|r| r.as_str())
            .chain(plan.roles.iter().map(|r| r.id.as_str()))
            .collect();
        let role_ok = |role: &Name, out: &mut Vec<Diagnostic>| {
            if !roles.contains(&role.as_str()) {
                out.push(
                    Diagnostic::error(format!("unknown role `{}`", role.as_str()), role.span())
                        .with_help(reference_help(role, &roles, "role")),
                );
            }
        };
        for participant in &self.participants {
            if participant.name.trim().is_empty() {
                out.push(
                    Diagnostic::error(
                        "a participant with an empty name",
                        self.script.scenario.span(),
                    )
                    .with_help("give each [[participant]] a name, or set anonymous = true"),
                );
            }
            participant.roles.iter().for_each(|r| role_ok(r, &mut out));
        }
        let items: Vec<&str> = scenario
            .injects
            .iter()
            .map(|i| i.id.as_str())
            .chain(
                scenario
                    .wildcards
                    .iter()
                    .flat_map(|w| w.cards.iter().map(|c| c.id.as_str())),
            )
            .collect();
        let actions: Vec<&str> = plan.actions.iter().map(|a| a.id.as_str()).collect();
        for step in &self.steps {
            role_ok(&step.role, &mut out);
            if !items.contains(&step.inject.as_str()) {
                out.push(
                    Diagnostic::error(
                        format!(
                            "no inject or card `{}` in the scenario",
                            step.inject.as_str()
                        ),
                        step.inject.span(),
                    )
                    .with_help(reference_help(&step.inject, &items, "inject")),
                );
                continue;
            }
            if let Some(option) = &step.option {
                let options: Vec<&str> = scenario
                    .inject(&step.inject)
                    .and_then(|i| i.decision.as_ref())
                    .map(|d| d.options.iter().map(|o| o.id.as_str()).collect())
                    .unwrap_or_default();
                if !options.contains(&option.as_str()) {
                    let help = if options.is_empty() {
                        "this inject has no decision: remove `option`".to_string()
                    } else {
                        reference_help(option, &options, "option")
                    };
                    out.push(
                        Diagnostic::error(
                            format!(
                                "no option `{}` in the decision of `{}`",
                                option.as_str(),
                                step.inject.as_str()
                            ),
                            option.span(),
                        )
                        .with_help(help),
                    );
                }
            }
            for observed in &step.observe {
                match plan_action_for(plan, observed.action()) {
                    Ok(Some(_)) => {}
                    Ok(None) => out.push(
                        Diagnostic::error(
                            format!("unknown plan action `{}` in `observe`", observed.action()),
                            step.inject.span(),
                        )
                        .with_help(format!(
                            "{} (a standard action works too when one plan action carries it out)",
                            reference_help(observed.action(), &actions, "plan action")
                        )),
                    ),
                    Err(several) => out.push(
                        Diagnostic::error(
                            format!(
                                "`{}` in `observe` is carried out by several plan actions",
                                observed.action()
                            ),
                            step.inject.span(),
                        )
                        .with_help(format!("name the one seen: {}", several.join(", "))),
                    ),
                }
                if !roles.contains(&observed.role(&step.role)) {
                    out.push(Diagnostic::error(
                        format!("unknown role `{}` in `observe`", observed.role(&step.role)),
                        step.inject.span(),
                    ));
                }
            }
            if step.option.is_none()
                && step.text.is_none()
                && step.observe.is_empty()
                && step.note.is_none()
            {
                out.push(
                    Diagnostic::warning("this step does nothing", step.inject.span())
                        .with_help("give it an option, a text, observations or a note"),
                );
            }
        }
        out
    }
}
