//! A plan as people read it: roles, then each phase with its actions (ids,
//! owners, deadlines, triggers), then the obligations and their clocks. One
//! model for `tabletop plan show`, its JSON and the start screen's preview.

use serde::Serialize;

use super::{Level, Plan};

#[derive(Debug, Clone, Serialize)]
pub struct PlanOverview {
    pub id: String,
    pub title: String,
    pub organisation: String,
    pub version: String,
    pub roles: Vec<RoleLine>,
    pub phases: Vec<PhaseBlock>,
    pub triggers: Vec<TriggerLine>,
    pub obligations: Vec<ObligationLine>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleLine {
    pub id: String,
    pub name: String,
    /// The standard role it plays, when its id is not one.
    pub implements: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PhaseBlock {
    pub id: String,
    pub name: String,
    pub actions: Vec<ActionLine>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionLine {
    pub id: String,
    pub title: String,
    /// The standard action it carries out, when its id is not one.
    pub implements: Option<String>,
    pub owner: String,
    pub owner_name: String,
    /// Roles that may act for the owner.
    pub also: Vec<String>,
    pub required: bool,
    pub weight: u8,
    /// The deadline as written ("72h"), with the trigger it runs from.
    pub deadline: Option<String>,
    pub from: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TriggerLine {
    pub id: String,
    pub description: String,
    pub raised_by: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ObligationLine {
    pub id: String,
    pub regime: String,
    pub authority: Option<String>,
    pub deadline: String,
    pub from: String,
    pub actions: Vec<String>,
}

impl PlanOverview {
    pub fn of(plan: &Plan) -> Self {
        let action_line = |a: &super::PlanAction| ActionLine {
            id: a.id.to_string(),
            title: a.title.clone(),
            implements: a.implements.as_ref().map(|i| i.to_string()),
            owner: a.owner.to_string(),
            owner_name: plan.role_name(&a.owner).to_string(),
            also: a.also.iter().map(|r| r.to_string()).collect(),
            required: a.level == Level::Required,
            weight: a.weight(),
            deadline: a.deadline.as_ref().map(|d| d.to_string()),
            from: a.from.as_ref().map(|f| f.to_string()),
        };
        let mut phases: Vec<PhaseBlock> = plan
            .phases
            .iter()
            .map(|p| PhaseBlock {
                id: p.id.to_string(),
                name: p.name.clone(),
                actions: plan
                    .actions
                    .iter()
                    .filter(|a| a.phase.as_str() == p.id.as_str())
                    .map(action_line)
                    .collect(),
            })
            .collect();
        // An action in a phase the plan does not list still shows.
        let orphans: Vec<ActionLine> = plan
            .actions
            .iter()
            .filter(|a| plan.phase(&a.phase).is_none())
            .map(action_line)
            .collect();
        if !orphans.is_empty() {
            phases.push(PhaseBlock {
                id: String::new(),
                name: "No listed phase".into(),
                actions: orphans,
            });
        }
        Self {
            id: plan.plan.id.to_string(),
            title: plan.plan.title.clone(),
            organisation: plan.plan.organisation.clone(),
            version: plan.plan.version.clone(),
            roles: plan
                .roles
                .iter()
                .map(|r| RoleLine {
                    id: r.id.to_string(),
                    name: r.name.clone(),
                    implements: r.implements.as_ref().map(|i| i.to_string()),
                })
                .collect(),
            phases,
            triggers: plan
                .triggers
                .iter()
                .map(|t| TriggerLine {
                    id: t.id.to_string(),
                    description: t.description.clone(),
                    raised_by: t.raised_by.iter().map(|a| a.to_string()).collect(),
                })
                .collect(),
            obligations: plan
                .obligations
                .iter()
                .map(|o| ObligationLine {
                    id: o.id.to_string(),
                    regime: o.regime.clone(),
                    authority: o.authority.clone(),
                    deadline: o.deadline.to_string(),
                    from: o.from.to_string(),
                    actions: o.actions.iter().map(|a| a.to_string()).collect(),
                })
                .collect(),
        }
    }

    /// For a narrow pane: each action's id, then its title and facts
    /// indented below, so nothing depends on a column width.
    pub fn compact_lines(&self) -> Vec<String> {
        self.lines()
            .into_iter()
            .flat_map(|line| {
                // "  id<padding> title" becomes "  id" and "    title".
                match line.strip_prefix("  ") {
                    Some(rest) if !rest.starts_with(' ') && rest.contains("  ") => {
                        let (id, tail) = rest.split_once("  ").unwrap_or((rest, ""));
                        vec![format!("  {id}"), format!("    {}", tail.trim_start())]
                    }
                    Some(rest) if rest.starts_with(' ') => {
                        vec![format!("    {}", rest.trim_start())]
                    }
                    _ => vec![line],
                }
            })
            .collect()
    }

    /// Plain text, one item a line, for the terminal and the start screen.
    /// Text from the plan is made visible (no control characters).
    pub fn lines(&self) -> Vec<String> {
        use crate::text::visible;
        let mut out = vec![
            format!("{} ({})", visible(&self.title), visible(&self.id)),
            format!(
                "{}, version {}",
                visible(&self.organisation),
                visible(&self.version)
            ),
            String::new(),
            "Roles".to_string(),
        ];
        for r in &self.roles {
            let implements = r
                .implements
                .as_deref()
                .map_or(String::new(), |i| format!("  (plays {})", visible(i)));
            out.push(format!(
                "  {:<26} {}{implements}",
                visible(&r.id),
                visible(&r.name)
            ));
        }
        for phase in &self.phases {
            out.push(String::new());
            out.push(format!("Phase: {}", visible(&phase.name)));
            for a in &phase.actions {
                let mut facts = vec![format!("owner {}", visible(&a.owner))];
                if !a.also.is_empty() {
                    facts.push(format!("also {}", visible(&a.also.join(", "))));
                }
                if let (Some(deadline), Some(from)) = (&a.deadline, &a.from) {
                    facts.push(format!("within {} of {}", visible(deadline), visible(from)));
                }
                if !a.required {
                    facts.push("recommended".into());
                }
                if a.weight > 1 {
                    facts.push(format!("weight {}", a.weight));
                }
                if let Some(i) = &a.implements {
                    facts.push(format!("implements {}", visible(i)));
                }
                out.push(format!("  {:<30} {}", visible(&a.id), visible(&a.title)));
                out.push(format!("  {:<30} {}", "", facts.join(" · ")));
            }
        }
        if !self.triggers.is_empty() {
            out.push(String::new());
            out.push("Triggers (flags that start clocks)".to_string());
            for t in &self.triggers {
                out.push(format!(
                    "  {:<30} {}",
                    visible(&t.id),
                    visible(&t.description)
                ));
            }
        }
        if !self.obligations.is_empty() {
            out.push(String::new());
            out.push("Obligations".to_string());
            for o in &self.obligations {
                out.push(format!(
                    "  {:<30} {}: within {} of {}",
                    visible(&o.id),
                    visible(&o.regime),
                    visible(&o.deadline),
                    visible(&o.from)
                ));
                let authority = o
                    .authority
                    .as_deref()
                    .map_or(String::new(), |a| format!("{} · ", visible(a)));
                out.push(format!(
                    "  {:<30} {authority}met by {}",
                    "",
                    visible(&o.actions.join(", "))
                ));
            }
        }
        out
    }
}
