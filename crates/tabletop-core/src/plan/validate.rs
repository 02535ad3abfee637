//! Checks a parsed plan: ids, references between its parts, deadlines, weights.

use crate::document::Diagnostic;
use crate::located::Located;
use crate::names::IdSet;
use crate::suggest::reference_help;
use crate::vocabulary;

use super::model::Plan;

pub fn validate_plan(plan: &Plan) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut plan_id = IdSet::new("plan");
    plan_id.define(&plan.plan.id, &mut out);
    if let Some(date) = &plan.plan.effective
        && chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_err()
    {
        out.push(
            Diagnostic::error(format!("\"{}\" is not a date", date.as_str()), date.span())
                .with_help("write the date as YYYY-MM-DD, e.g. \"2026-03-01\""),
        );
    }

    let mut roles = IdSet::new("role");
    plan.roles
        .iter()
        .for_each(|r| roles.define(&r.id, &mut out));
    let mut phases = IdSet::new("phase");
    plan.phases
        .iter()
        .for_each(|p| phases.define(&p.id, &mut out));
    let mut triggers = IdSet::new("trigger");
    plan.triggers
        .iter()
        .for_each(|t| triggers.define(&t.id, &mut out));
    let mut actions = IdSet::new("plan action");
    plan.actions
        .iter()
        .for_each(|a| actions.define(&a.id, &mut out));
    let mut obligations = IdSet::new("obligation");
    plan.obligations
        .iter()
        .for_each(|o| obligations.define(&o.id, &mut out));

    for action in &plan.actions {
        let context = format!("action `{}`", action.id.as_str());
        phases.check_ref(&action.phase, &context, &mut out);
        roles.check_ref(&action.owner, &context, &mut out);
        roles.check_refs(&action.also, &context, &mut out);
        if let Some(weight) = &action.weight
            && !(1..=5).contains(&**weight)
        {
            out.push(
                Diagnostic::error(
                    format!("weight {} is out of range", **weight),
                    weight.span(),
                )
                .with_help("weights run from 1 (counts least) to 5 (counts most)"),
            );
        }
        match (&action.deadline, &action.from) {
            (Some(deadline), None) => out.push(
                Diagnostic::error(
                    format!("{context} has a deadline but no trigger to count it from"),
                    deadline.span(),
                )
                .with_help(format!(
                    "add `from = \"...\"` naming one of the plan's triggers: {}",
                    triggers.names().join(", ")
                )),
            ),
            (None, Some(from)) => out.push(
                Diagnostic::error(
                    format!("{context} names a trigger but has no deadline"),
                    from.span(),
                )
                .with_help("add `deadline = \"4h\"` (or another length), or remove `from`"),
            ),
            (Some(_), Some(from)) => triggers.check_ref(from, &context, &mut out),
            (None, None) => {}
        }
    }

    let standard_actions: Vec<&str> = vocabulary::ACTIONS.iter().map(|a| a.id).collect();
    for action in &plan.actions {
        if let Some(standard) = &action.implements {
            check_standard(
                standard,
                vocabulary::action(standard).is_some(),
                &standard_actions,
                "action",
                &mut out,
            );
        }
    }
    let standard_roles: Vec<&str> = vocabulary::ROLES.iter().map(|r| r.id).collect();
    for role in &plan.roles {
        if let Some(standard) = &role.implements {
            check_standard(
                standard,
                vocabulary::role(standard).is_some(),
                &standard_roles,
                "role",
                &mut out,
            );
        }
    }

    for trigger in &plan.triggers {
        let context = format!("trigger `{}`", trigger.id.as_str());
        actions.check_refs(&trigger.raised_by, &context, &mut out);
    }

    for obligation in &plan.obligations {
        let context = format!("obligation `{}`", obligation.id.as_str());
        triggers.check_ref(&obligation.from, &context, &mut out);
        actions.check_refs(&obligation.actions, &context, &mut out);
        if let (Some(holidays), crate::time::Deadline::Elapsed(_)) =
            (obligation.calendar, *obligation.deadline.get())
        {
            out.push(
                Diagnostic::warning(
                    format!(
                        "{context} names {} but its deadline is not in business days",
                        holidays.name()
                    ),
                    obligation.deadline.span(),
                )
                .with_help("a holiday calendar changes only deadlines such as \"4 business days\": remove `calendar`, or count in business days"),
            );
        }
        // The obligation's clock gives the legal verdict; an action that
        // discharges it on a clock of its own would read differently.
        for id in &obligation.actions {
            if let Some(action) = plan.action(id)
                && let (Some(deadline), Some(from)) = (&action.deadline, &action.from)
                && (**deadline != *obligation.deadline.get()
                    || from.as_str() != obligation.from.as_str())
            {
                out.push(
                    Diagnostic::warning(
                        format!(
                            "action `{}` runs on its own clock ({} from `{}`), not on {context}'s ({} from `{}`)",
                            action.id.as_str(),
                            deadline.get(),
                            from.as_str(),
                            obligation.deadline.get(),
                            obligation.from.as_str()
                        ),
                        deadline.span(),
                    )
                    .with_help("the obligation's clock decides whether it was met; give the action the same deadline and trigger, or none"),
                );
            }
        }
        if obligation.actions.is_empty() {
            out.push(
                Diagnostic::error(format!("{context} names no action that meets it"), obligation.id.span())
                    .with_help("list the plan actions that meet it, e.g. actions = [\"notify-supervisory-authority\"]"),
            );
        }
    }

    if plan.roles.is_empty() {
        out.push(
            Diagnostic::error("the plan defines no roles", plan.plan.id.span())
                .with_help("add [[role]] tables: id, name, description"),
        );
    }
    if plan.actions.is_empty() {
        out.push(
            Diagnostic::error("the plan defines no actions", plan.plan.id.span())
                .with_help("add [[action]] tables: id, phase, owner, title"),
        );
    }
    out
}

/// `implements` names a standard action or role, or nothing can reach it.
fn check_standard(
    standard: &Located<String>,
    known: bool,
    names: &[&str],
    what: &str,
    out: &mut Vec<Diagnostic>,
) {
    if !known {
        out.push(
            Diagnostic::error(
                format!("`{}` is not a standard {what}", standard.as_str()),
                standard.span(),
            )
            .with_help(format!(
                "{} (`tabletop plan vocabulary` lists them)",
                reference_help(standard, names, &format!("standard {what}"))
            )),
        );
    }
}
