//! A scenario bound to its plan. Scenarios name standard actions and roles;
//! here each becomes the plan's own: an expected action becomes every plan
//! action that carries it out (each scored on its own), a role the plan role
//! that plays it. The engine, scoring and every view then work in the plan's
//! terms. Expected actions the plan has no action for are set apart.

use crate::located::Located;
use crate::plan::Plan;

use super::model::{Name, Scenario};

impl Scenario {
    pub fn resolve(&mut self, plan: &Plan) {
        let mut uncovered = Vec::new();
        let mut actions = |refs: &mut Vec<Name>| {
            let mut resolved: Vec<Name> = Vec::new();
            for r in refs.drain(..) {
                let mut found = false;
                for action in plan.actions_for(&r) {
                    found = true;
                    if !resolved.iter().any(|x| x.as_str() == action.id.as_str()) {
                        resolved.push(Located::at(action.id.to_string(), r.span()));
                    }
                }
                if !found && !uncovered.contains(&r.to_string()) {
                    uncovered.push(r.to_string());
                }
            }
            *refs = resolved;
        };
        for inject in &mut self.injects {
            actions(&mut inject.expects);
            for option in inject.decision.iter_mut().flat_map(|d| &mut d.options) {
                actions(&mut option.fulfils);
                actions(&mut option.violates);
            }
        }
        for card in self.wildcards.iter_mut().flat_map(|w| &mut w.cards) {
            actions(&mut card.expects);
        }
        for objective in &mut self.objectives {
            actions(&mut objective.actions);
        }
        self.uncovered = uncovered;

        let roles = |names: &mut Vec<Name>| {
            for name in names {
                if let Some(role) = plan.role_for(name) {
                    *name = Located::at(role.id.to_string(), name.span());
                }
            }
        };
        roles(&mut self.scenario.roles);
        for inject in &mut self.injects {
            roles(&mut inject.to);
            if let Some(decision) = &mut inject.decision {
                roles(&mut decision.owners);
            }
        }
        for card in self.wildcards.iter_mut().flat_map(|w| &mut w.cards) {
            roles(&mut card.to);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::SourceFile;
    use crate::load::{load_plan, load_scenario};

    const PLAN: &str = r#"
[plan]
id = "own"
title = "Our plan"
organisation = "Us"
version = "1"

[[role]]
id = "ciso"
name = "CISO"
implements = "it-security"

[[role]]
id = "incident-commander"
name = "Incident commander"

[[phase]]
id = "respond"
name = "Respond"

[[action]]
id = "tell-the-ico"
implements = "notify-regulator"
phase = "respond"
owner = "incident-commander"
title = "Tell the ICO"

[[action]]
id = "tell-the-police-regulator"
implements = "notify-regulator"
phase = "respond"
owner = "incident-commander"
title = "Tell the sector regulator"

[[action]]
id = "isolate-affected-systems"
phase = "respond"
owner = "ciso"
title = "Isolate"
"#;

    const SCENARIO: &str = r#"
[scenario]
id = "s"
title = "S"
summary = "A test."
duration = "30m"
roles = ["incident-commander", "it-security"]

[[inject]]
id = "one"
title = "One"
body = "Something happens."
to = ["it-security"]
expects = ["notify-regulator", "isolate-affected-systems", "engage-forensics"]
"#;

    #[test]
    fn standard_names_become_the_plans_own() {
        let (plan, warnings) = load_plan(&SourceFile::new("plan.toml", PLAN)).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let (scenario, warnings) =
            load_scenario(&SourceFile::new("s.toml", SCENARIO), Some(&plan)).unwrap();
        let expects: Vec<&str> = scenario.injects[0]
            .expects
            .iter()
            .map(|e| e.as_str())
            .collect();
        assert_eq!(
            expects,
            [
                "tell-the-ico",
                "tell-the-police-regulator",
                "isolate-affected-systems"
            ],
            "each plan action that notifies a regulator is expected on its own"
        );
        assert_eq!(scenario.uncovered, ["engage-forensics"]);
        assert!(
            warnings
                .iter()
                .any(|w| w.message.contains("does not cover `engage-forensics`")),
            "{warnings:?}"
        );
        assert_eq!(scenario.scenario.roles[1].as_str(), "ciso");
        assert_eq!(scenario.injects[0].to[0].as_str(), "ciso");
    }
}
