//! A complete, commented starter plan for an organisation: the standard roles
//! and actions with sensible owners and deadlines, phases by framework, and
//! the clocks of each regime chosen. Every value is marked for review: it is
//! a starting point, never the organisation's plan as it stands.

use std::fmt::Write as _;

use super::regimes::{REGIMES, Regime, TRIGGERS, regime};
use super::toml_string as v;
use crate::vocabulary;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StarterFramework {
    /// NIST SP 800-61 Rev. 3, phases by CSF 2.0 function.
    Csf2,
    /// NIST SP 800-61 Rev. 2's four phases.
    Sp80061r2,
}

pub struct StarterOptions<'a> {
    pub organisation: &'a str,
    pub framework: StarterFramework,
    pub regimes: &'a [String],
    /// The country whose laws apply, for the NIS2 transposition and authorities.
    pub country: Option<&'a str>,
}

/// The regimes' ids, for messages.
pub fn regime_ids() -> Vec<&'static str> {
    REGIMES.iter().map(|r| r.id).collect()
}

/// Default owner, deadline and level of each standard action.
struct Default {
    owner: &'static str,
    also: &'static [&'static str],
    deadline: Option<(&'static str, &'static str)>,
    weight: u8,
    recommended: bool,
}

fn defaults(action: &str, healthcare: bool) -> Default {
    let d = |owner, deadline, weight| Default {
        owner,
        also: &[],
        deadline,
        weight,
        recommended: false,
    };
    let optional = |owner| Default {
        recommended: true,
        ..d(owner, None, 1)
    };
    match action {
        "triage-alert" => d("it-security", Some(("30m", "incident-reported")), 2),
        "declare-incident" => d("incident-commander", Some(("1h", "incident-reported")), 3),
        "open-incident-log" => optional("incident-commander"),
        "assemble-response-team" => d("incident-commander", Some(("1h", "incident-declared")), 2),
        "preserve-evidence" => d("it-security", None, 2),
        "scope-affected-systems" => d("it-security", Some(("4h", "incident-declared")), 3),
        "assess-breach-risk" => d("privacy-officer", Some(("24h", "breach-confirmed")), 3),
        "assess-patient-safety" if healthcare => {
            d("clinical-operations", Some(("30m", "incident-declared")), 3)
        }
        "assess-patient-safety" => optional("incident-commander"),
        "verify-payment-instructions" => d("finance", None, 2),
        "notify-executive" => d("incident-commander", Some(("2h", "incident-declared")), 3),
        "isolate-affected-systems" => d("it-security", Some(("2h", "breach-confirmed")), 4),
        "reset-compromised-credentials" => d("it-security", Some(("24h", "breach-confirmed")), 3),
        "reset-customer-credentials" => Default {
            also: &["customer-support"],
            ..d("it-security", None, 2)
        },
        "suspend-user-access" => d("it-security", None, 2),
        "activate-ddos-protection" => optional("it-security"),
        "halt-software-distribution" => optional("it-security"),
        "recall-fraudulent-payment" => d("finance", None, 3),
        "ransom-approval" => Default {
            also: &["legal"],
            ..d("executive", None, 3)
        },
        "engage-forensics" => d("it-security", Some(("12h", "breach-confirmed")), 2),
        "engage-legal" => d("legal", Some(("4h", "incident-declared")), 2),
        "engage-vendor" => d("vendor-manager", None, 1),
        "involve-hr" => d("hr", None, 1),
        "sanction-workforce-member" => optional("hr"),
        "notify-regulator" => d("privacy-officer", None, 3),
        "notify-individuals" => d("privacy-officer", None, 3),
        "notify-media" => optional("communications"),
        "notify-cyber-insurer" => d("legal", Some(("24h", "breach-confirmed")), 2),
        "report-to-law-enforcement" => optional("legal"),
        "prepare-holding-statement" => d("communications", Some(("4h", "incident-declared")), 2),
        "brief-customer-support" => d("customer-support", None, 1),
        "verify-backups-offline" => d("it-security", None, 2),
        "activate-downtime-procedures" if healthcare => {
            d("clinical-operations", Some(("30m", "incident-declared")), 3)
        }
        "activate-downtime-procedures" => optional("incident-commander"),
        "restore-from-backup" => d("it-security", None, 3),
        "validate-restored-systems" => d("it-security", None, 2),
        "communicate-recovery" => d("communications", None, 1),
        "monitor-for-recurrence" => d("it-security", None, 1),
        "lessons-learned-review" => d("incident-commander", Some(("14d", "incident-closed")), 2),
        "update-risk-register" => optional("executive"),
        _ => optional("incident-commander"),
    }
}

/// The phase an action falls in, by its CSF 2.0 category.
fn phase_of(category: &str, framework: StarterFramework) -> &'static str {
    let function = category.split('.').next().unwrap_or("RS");
    match framework {
        StarterFramework::Csf2 => match function {
            "PR" => "protect",
            "DE" => "detect",
            "RC" => "recover",
            "ID" | "GV" => "improve",
            _ => "respond",
        },
        StarterFramework::Sp80061r2 => match category {
            "PR.DS" => "preparation",
            "RS.MI" | "DE.CM" => "containment-eradication-recovery",
            c if c.starts_with("RC.") => "containment-eradication-recovery",
            c if c.starts_with("ID.") => "post-incident",
            _ => "detection-analysis",
        },
    }
}

fn list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| v(i)).collect();
    format!("[{}]", quoted.join(", "))
}

/// The starter plan as a commented TOML file, or what is wrong with the options.
pub fn starter_plan(options: &StarterOptions<'_>) -> Result<String, String> {
    let mut chosen: Vec<&Regime> = Vec::new();
    for id in options.regimes {
        let r = regime(id.trim()).ok_or_else(|| {
            format!(
                "unknown regime `{}`: choose from {}",
                id.trim(),
                regime_ids().join(", ")
            )
        })?;
        if !chosen.iter().any(|c| c.id == r.id) {
            chosen.push(r);
        }
    }
    let healthcare = chosen.iter().any(|r| r.id == "hipaa");
    let org = options.organisation.trim();
    if org.is_empty() {
        return Err("give the organisation's name with --org".into());
    }
    let id = format!("{}-incident-plan", crate::msel::slug_of(org));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# A starter incident response plan for {org}, made by `tabletop plan init`.\n\
         # Every value is a starting point: each line marked REVIEW needs someone who knows the\n\
         # organisation to confirm or change it. `tabletop validate` checks the file,\n\
         # `tabletop plan show` prints it, and every bundled scenario scores against it.\n"
    );
    let (framework, phases): (&str, &[(&str, &str, &str)]) = match options.framework {
        StarterFramework::Csf2 => (
            "csf-2.0",
            &[
                ("protect", "Protect", "PR"),
                ("detect", "Detect", "DE"),
                ("respond", "Respond", "RS"),
                ("recover", "Recover", "RC"),
                ("improve", "Improve", "ID"),
            ],
        ),
        StarterFramework::Sp80061r2 => (
            "sp800-61r2",
            &[
                ("preparation", "Preparation", "PR"),
                ("detection-analysis", "Detection and analysis", "DE"),
                (
                    "containment-eradication-recovery",
                    "Containment, eradication and recovery",
                    "RS",
                ),
                ("post-incident", "Post-incident activity", "ID"),
            ],
        ),
    };
    let _ = writeln!(out, "[plan]");
    let _ = writeln!(out, "id = {}", v(&id));
    let _ = writeln!(out, "title = {}", v("Incident Response Plan"));
    let _ = writeln!(out, "organisation = {}", v(org));
    let _ = writeln!(out, "version = {}  # REVIEW: your version", v("0.1"));
    let _ = writeln!(out, "framework = {}", v(framework));
    let regimes_named: Vec<&str> = chosen.iter().map(|r| r.name).collect();
    let _ = writeln!(
        out,
        "summary = {}\n",
        v(&format!(
            "Starter plan{}.",
            if regimes_named.is_empty() {
                String::new()
            } else {
                format!(" with the clocks of {}", regimes_named.join(", "))
            }
        ))
    );

    let _ = writeln!(
        out,
        "# Roles: the standard ones. REVIEW each name; rename the ids only with `implements`."
    );
    for role in vocabulary::ROLES {
        if role.id == "clinical-operations" && !healthcare {
            continue;
        }
        let _ = writeln!(out, "[[role]]");
        let _ = writeln!(out, "id = {}", v(role.id));
        let _ = writeln!(
            out,
            "name = {}  # REVIEW: the title in your organisation",
            v(role.title)
        );
        let _ = writeln!(out, "description = {}\n", v(role.definition));
    }

    for (pid, name, function) in phases {
        let _ = writeln!(
            out,
            "[[phase]]\nid = {}\nname = {}\nfunction = {}\n",
            v(pid),
            v(name),
            v(function)
        );
    }

    let regime_actions: Vec<&str> = chosen
        .iter()
        .flat_map(|r| r.clocks.iter().map(|c| c.action))
        .collect();
    let regime_implements: Vec<&str> = chosen
        .iter()
        .flat_map(|r| r.clocks.iter().filter_map(|c| c.implements))
        .collect();
    let mut own_actions: Vec<&str> = Vec::new();
    if chosen.iter().any(|r| r.id == "sec") {
        own_actions.push("determine-materiality");
    }
    if chosen.iter().any(|r| r.id == "dora") {
        own_actions.push("classify-major-incident");
    }
    let mut action_ids: Vec<&str> = Vec::new();
    let trigger_used = |t: &str| {
        [
            "incident-reported",
            "incident-declared",
            "breach-confirmed",
            "personal-data-involved",
            "incident-closed",
        ]
        .contains(&t)
            || chosen.iter().any(|r| r.clocks.iter().any(|c| c.from == t))
    };

    let _ = writeln!(
        out,
        "# Triggers: moments that start clocks. Scenarios raise them as flags."
    );
    for t in TRIGGERS.iter().filter(|t| trigger_used(t.id)) {
        let raised: Vec<&str> = t
            .raised_by
            .iter()
            .copied()
            .filter(|a| {
                vocabulary::action(a).is_some()
                    || regime_actions.contains(a)
                    || own_actions.contains(a)
            })
            .collect();
        let _ = writeln!(
            out,
            "[[trigger]]\nid = {}\ndescription = {}",
            v(t.id),
            v(t.description)
        );
        if !raised.is_empty() {
            let _ = writeln!(out, "raised_by = {}", list(&raised));
        }
        out.push('\n');
    }

    let _ = writeln!(
        out,
        "# Actions: the standard ones, with owners and deadlines to REVIEW."
    );
    for action in vocabulary::ACTIONS {
        // A regime's own notice takes the place of the generic one.
        if regime_implements.contains(&action.id) || regime_actions.contains(&action.id) {
            continue;
        }
        let d = defaults(action.id, healthcare);
        write_action(
            &mut out,
            action.id,
            None,
            phase_of(action.category, options.framework),
            d.owner,
            d.also,
            action.title,
            d.deadline,
            d.weight,
            d.recommended,
        );
        action_ids.push(action.id);
    }
    for own in &own_actions {
        let (title, owner) = match *own {
            "determine-materiality" => ("Determine whether the incident is material", "legal"),
            _ => (
                "Classify the incident as major or not under DORA",
                "incident-commander",
            ),
        };
        write_action(
            &mut out,
            own,
            None,
            phase_of("RS.AN", options.framework),
            owner,
            &[],
            title,
            None,
            3,
            false,
        );
        action_ids.push(own);
    }
    for r in &chosen {
        for c in r.clocks {
            if action_ids.contains(&c.action) {
                continue;
            }
            let implements = c.implements.filter(|i| *i != c.action);
            write_action(
                &mut out,
                c.action,
                implements,
                phase_of("RS.CO", options.framework),
                c.owner,
                &[],
                c.title,
                None,
                3,
                false,
            );
            action_ids.push(c.action);
        }
    }

    if !chosen.is_empty() {
        let _ = writeln!(
            out,
            "# Obligations: the clocks of each regime, with where the rule is written."
        );
    }
    for r in &chosen {
        let _ = writeln!(out, "# {}: {}", r.name, r.note);
        if r.id == "nis2" {
            let country = options
                .country
                .map_or("your country".to_string(), str::to_string);
            let _ = writeln!(
                out,
                "# REVIEW: cite {country}'s law transposing NIS2, and its authority."
            );
        }
        for c in r.clocks {
            let kind = if c.internal {
                "internal"
            } else {
                r.kind.name()
            };
            let _ = writeln!(out, "[[obligation]]");
            let _ = writeln!(out, "id = {}", v(c.obligation));
            let _ = writeln!(out, "regime = {}", v(&format!("{}: {}", r.name, c.title)));
            let _ = writeln!(out, "kind = {}", v(kind));
            let _ = writeln!(out, "authority = {}", v(r.authority));
            let _ = writeln!(out, "citation = {}", v(c.citation));
            let review = if c.internal {
                "  # REVIEW: the rule sets no fixed time; this target is the plan's own"
            } else {
                "  # REVIEW: check against the rule as it applies to you"
            };
            let _ = writeln!(out, "deadline = {}{review}", v(c.deadline));
            let _ = writeln!(out, "from = {}", v(c.from));
            if let Some(calendar) = c.calendar {
                let _ = writeln!(out, "calendar = {}", v(calendar));
            }
            let _ = writeln!(out, "actions = {}\n", list(&[c.action]));
        }
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn write_action(
    out: &mut String,
    id: &str,
    implements: Option<&str>,
    phase: &str,
    owner: &str,
    also: &[&str],
    title: &str,
    deadline: Option<(&str, &str)>,
    weight: u8,
    recommended: bool,
) {
    let _ = writeln!(out, "[[action]]");
    let _ = writeln!(out, "id = {}", v(id));
    if let Some(i) = implements {
        let _ = writeln!(out, "implements = {}", v(i));
    }
    let _ = writeln!(out, "phase = {}", v(phase));
    let _ = writeln!(out, "owner = {}  # REVIEW", v(owner));
    if !also.is_empty() {
        let _ = writeln!(out, "also = {}", list(also));
    }
    let _ = writeln!(out, "title = {}", v(title));
    if recommended {
        let _ = writeln!(out, "level = \"recommended\"");
    }
    if weight > 1 {
        let _ = writeln!(out, "weight = {weight}");
    }
    if let Some((d, from)) = deadline {
        let _ = writeln!(out, "deadline = {}  # REVIEW", v(d));
        let _ = writeln!(out, "from = {}", v(from));
    }
    out.push('\n');
}
