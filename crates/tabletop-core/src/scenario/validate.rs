//! Checks a parsed scenario: ids, pacing, tags, and every reference into its plan.

use crate::document::Diagnostic;
use crate::located::Located;
use crate::names::IdSet;
use crate::plan::Plan;
use crate::suggest::reference_help;
use crate::vocabulary;

use super::flow::check_flow;
use super::model::{Decision, Inject, Scenario, WildcardDeck};
use super::score_risks::{check_score_risks, expects_nothing_on_purpose};

/// References to plan actions, checked against a plan: a plan action's id,
/// or a standard action that one of its actions implements.
struct ActionRefs<'p> {
    plan: &'p Plan,
    /// Plan action ids, then standard ones, for suggestions.
    names: Vec<&'p str>,
}

impl<'p> ActionRefs<'p> {
    fn of(plan: &'p Plan) -> Self {
        let names = plan
            .actions
            .iter()
            .map(|a| a.id.as_str())
            .chain(vocabulary::ACTIONS.iter().map(|a| a.id))
            .collect();
        Self { plan, names }
    }

    fn check_refs(&self, refs: &[Located<String>], context: &str, out: &mut Vec<Diagnostic>) {
        for r in refs {
            if self.plan.actions_for(r).next().is_some() {
                continue;
            }
            match vocabulary::action(r) {
                // A standard action this plan has no action for: the scenario
                // is fine, but this expectation cannot be scored against it.
                Some(standard) => out.push(
                    Diagnostic::warning(
                        format!(
                            "the plan `{}` does not cover `{}` ({}), expected in {context}: it cannot be scored",
                            self.plan.plan.id.as_str(),
                            r.as_str(),
                            standard.title
                        ),
                        r.span(),
                    )
                    .with_help(format!(
                        "add `implements = \"{}\"` to the plan action that does this, or an action with this id",
                        r.as_str()
                    )),
                ),
                None => out.push(
                    Diagnostic::error(
                        format!("unknown plan action `{}` in {context}", r.as_str()),
                        r.span(),
                    )
                    .with_help(format!(
                        "{} (a scenario names a standard action, listed by `tabletop plan vocabulary`, or one of the plan's own)",
                        reference_help(r, &self.names, "action")
                    )),
                ),
            }
        }
    }
}

pub fn validate_scenario(scenario: &Scenario, plan: Option<&Plan>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let meta = &scenario.scenario;
    let mut scenario_id = IdSet::new("scenario");
    scenario_id.define(&meta.id, &mut out);

    let mut roles = IdSet::new("role");
    for role in &meta.roles {
        roles.define(role, &mut out);
        if let Some(plan) = plan
            && plan.role_for(role).is_none()
        {
            let names: Vec<&str> = plan.roles.iter().map(|r| r.id.as_str()).collect();
            out.push(
                Diagnostic::error(
                    format!("unknown role `{}` in `roles`", role.as_str()),
                    role.span(),
                )
                .with_help(format!(
                    "{}; or add `implements = \"{}\"` to the plan role that plays it",
                    reference_help(role, &names, "role"),
                    role.as_str()
                )),
            );
        }
    }
    if meta.roles.is_empty() {
        out.push(
            Diagnostic::error("the scenario names no roles", meta.id.span()).with_help(
                "add roles = [\"incident-commander\", ...] with the plan roles that take part",
            ),
        );
    }
    if meta.duration.as_secs() == 0 {
        out.push(
            Diagnostic::error("the estimated duration is zero", meta.duration.span()).with_help(
                "give the facilitation time the exercise needs, e.g. duration = \"90m\"",
            ),
        );
    }
    check_tags(&meta.attack, &meta.csf, &mut out);
    if let Some(date) = &meta.date
        && meta.day_one().is_none()
    {
        out.push(
            Diagnostic::error(format!("\"{}\" is not a date", date.as_str()), date.span())
                .with_help("write Day 1's calendar date as YYYY-MM-DD, e.g. date = \"2026-11-23\""),
        );
    }

    let mut injects = IdSet::new("inject");
    scenario
        .injects
        .iter()
        .for_each(|i| injects.define(&i.id, &mut out));
    if scenario.injects.is_empty() {
        out.push(
            Diagnostic::error("the scenario has no injects", meta.id.span())
                .with_help("add [[inject]] tables: id, title, body, and when to deliver it"),
        );
    }

    let action_refs = plan.map(ActionRefs::of);
    let actions = action_refs.as_ref();
    for inject in &scenario.injects {
        check_inject(inject, &roles, &injects, actions, &mut out);
    }
    if let Some(deck) = &scenario.wildcards {
        check_wildcards(deck, &roles, &injects, actions, &mut out);
    }
    check_objectives(scenario, &injects, actions, plan, &mut out);
    check_flow(scenario, &mut out);
    check_score_risks(scenario, plan, &mut out);
    check_inject_objectives(scenario, &mut out);
    out
}

/// An inject's `objectives` name the scenario's own objectives.
fn check_inject_objectives(scenario: &Scenario, out: &mut Vec<Diagnostic>) {
    let mut ids = IdSet::new("objective");
    let mut ignored = Vec::new();
    for objective in &scenario.objectives {
        ids.define(&objective.id, &mut ignored);
    }
    for inject in &scenario.injects {
        if inject.objectives.is_empty() {
            continue;
        }
        if scenario.objectives.is_empty() {
            out.push(
                Diagnostic::error(
                    format!(
                        "inject `{}` names objectives, but the scenario defines none",
                        inject.id.as_str()
                    ),
                    inject.objectives[0].span(),
                )
                .with_help(
                    "add [[objective]] tables with an id and a text, then name their ids here",
                ),
            );
            continue;
        }
        ids.check_refs(
            &inject.objectives,
            &format!("inject `{}`", inject.id.as_str()),
            out,
        );
    }
}

fn check_inject(
    inject: &Inject,
    roles: &IdSet<'_>,
    injects: &IdSet<'_>,
    actions: Option<&ActionRefs<'_>>,
    out: &mut Vec<Diagnostic>,
) {
    let context = format!("inject `{}`", inject.id.as_str());
    let manual = inject.manual.as_ref().filter(|m| ***m);
    let pacing: Vec<(&str, std::ops::Range<usize>)> = [
        inject.at.as_ref().map(|v| ("at", v.span())),
        inject.after.as_ref().map(|v| ("after", v.span())),
        manual.map(|v| ("manual", v.span())),
    ]
    .into_iter()
    .flatten()
    .collect();
    if let [_, (second, span), ..] = pacing.as_slice() {
        out.push(
            Diagnostic::error(format!("{context} sets `{}` and `{second}`", pacing[0].0), span.clone())
                .with_help("say when the inject is delivered in one way only: `at` (from the start), `after` (the previous inject) or `manual = true`"),
        );
    }
    if !roles.names().is_empty() {
        check_roles(&inject.to, roles, actions.map(|a| a.plan), &context, out);
    }
    if let Some(actions) = actions {
        actions.check_refs(&inject.expects, &context, out);
    }
    if let (false, Some(_)) = (inject.expects.is_empty(), &inject.no_action_expected) {
        out.push(
            Diagnostic::warning(
                format!("{context} expects actions and also says it expects none"),
                inject.id.span(),
            )
            .with_help("remove `no_action_expected`, or empty `expects`"),
        );
    }
    if inject.expects.is_empty() && !expects_nothing_on_purpose(inject) {
        out.push(
            Diagnostic::warning(format!("{context} expects no action from the team"), inject.id.span())
                .with_help("add expects = [\"...\"] with the plan actions the team should take, so the exercise can be scored; or, when the team may rightly do nothing, say why with no_action_expected = \"...\""),
        );
    }
    check_tags(&inject.attack, &inject.csf, out);
    check_private(
        &inject.id,
        &inject.to,
        inject.private,
        &inject.artefacts,
        &context,
        out,
    );
    if let Some(decision) = &inject.decision {
        check_decision(decision, &context, inject, roles, injects, actions, out);
    }
}

/// Something private is private to the roles it is addressed to: with no
/// `to`, it would be private to nobody, and the seats of every role would
/// miss it.
fn check_private(
    id: &Located<String>,
    to: &[Located<String>],
    private: bool,
    artefacts: &[crate::scenario::Artefact],
    context: &str,
    out: &mut Vec<Diagnostic>,
) {
    if !to.is_empty() {
        return;
    }
    let what = if private {
        Some(context.to_string())
    } else if artefacts.iter().any(|a| a.private) {
        Some(format!("an artefact of {context}"))
    } else {
        None
    };
    if let Some(what) = what {
        out.push(
            Diagnostic::error(
                format!("{what} is private but addressed to everyone"),
                id.span(),
            )
            .with_help("say who may see it with to = [\"role\", ...], or remove `private = true`"),
        );
    }
}

/// Roles addressed or owning a decision take part in the scenario. The two
/// common slips get their own advice: `all` (leave `to` out instead) and a
/// plan role the scenario forgot to list.
fn check_roles(
    refs: &[Located<String>],
    roles: &IdSet<'_>,
    plan: Option<&Plan>,
    context: &str,
    out: &mut Vec<Diagnostic>,
) {
    for r in refs {
        if roles.contains(r) {
            continue;
        }
        let everyone = ["all", "everyone", "everybody", "team", "all-roles"];
        if everyone.contains(&r.to_lowercase().as_str()) {
            out.push(
                Diagnostic::error(format!("unknown role `{}` in {context}", r.as_str()), r.span())
                    .with_help("to address everyone, leave `to` out: an inject without `to` goes to every role"),
            );
        } else if let Some(plan_role) = plan.and_then(|p| p.role_for(r)) {
            out.push(
                Diagnostic::error(
                    format!(
                        "role `{}` in {context} does not take part in this scenario",
                        r.as_str()
                    ),
                    r.span(),
                )
                .with_help(format!(
                    "the plan has it ({}): add \"{}\" to `roles` in [scenario]",
                    plan_role.name,
                    r.as_str()
                )),
            );
        } else {
            roles.check_ref(r, context, out);
        }
    }
}

fn check_decision(
    decision: &Decision,
    context: &str,
    inject: &Inject,
    roles: &IdSet<'_>,
    injects: &IdSet<'_>,
    actions: Option<&ActionRefs<'_>>,
    out: &mut Vec<Diagnostic>,
) {
    if !roles.names().is_empty() {
        let owners = format!("the decision of {context}");
        check_roles(
            &decision.owners,
            roles,
            actions.map(|a| a.plan),
            &owners,
            out,
        );
    }
    if decision.options.len() < 2 {
        out.push(
            Diagnostic::error(format!("the decision of {context} has fewer than two options"), inject.id.span())
                .with_help("add [[inject.decision.option]] tables: a decision needs at least two options to choose from"),
        );
    }
    if decision.options.len() > 9 {
        out.push(
            Diagnostic::warning(
                format!(
                    "the decision of {context} has {} options: only the first nine have a digit key",
                    decision.options.len()
                ),
                inject.id.span(),
            )
            .with_help("the console reaches the others with Tab, the arrows and Enter; a room weighs nine options at most comfortably, so consider merging some"),
        );
    }
    if let Some(countdown) = &decision.countdown
        && countdown.as_secs() == 0
    {
        out.push(
            Diagnostic::error(
                "a countdown of zero leaves no time to decide",
                countdown.span(),
            )
            .with_help(
                "give the team a few minutes, e.g. countdown = \"5m\", or remove the countdown",
            ),
        );
    }
    let mut option_ids = IdSet::new("option");
    for option in &decision.options {
        option_ids.define(&option.id, out);
        let option_context = format!("option `{}` of {context}", option.id.as_str());
        if let Some(actions) = actions {
            actions.check_refs(&option.fulfils, &option_context, out);
            actions.check_refs(&option.violates, &option_context, out);
        }
        if let Some(next) = &option.next {
            injects.check_ref(next, &option_context, out);
        }
    }
    let linked = decision
        .options
        .iter()
        .any(|o| !o.fulfils.is_empty() || !o.violates.is_empty());
    if !linked && !decision.options.is_empty() {
        out.push(
            Diagnostic::warning(format!("no option of the decision of {context} is linked to the plan"), inject.id.span())
                .with_help("add fulfils = [...] or violates = [...] to the options, so the decision can be scored"),
        );
    }
}

fn check_wildcards(
    deck: &WildcardDeck,
    roles: &IdSet<'_>,
    injects: &IdSet<'_>,
    actions: Option<&ActionRefs<'_>>,
    out: &mut Vec<Diagnostic>,
) {
    let mut cards = IdSet::new("wildcard card");
    for card in &deck.cards {
        cards.define(&card.id, out);
        let context = format!("wildcard card `{}`", card.id.as_str());
        check_private(
            &card.id,
            &card.to,
            card.private,
            &card.artefacts,
            &context,
            out,
        );
        if injects.contains(&card.id) {
            out.push(
                Diagnostic::error(
                    format!(
                        "wildcard card `{}` has the same id as an inject",
                        card.id.as_str()
                    ),
                    card.id.span(),
                )
                .with_help(
                    "cards are delivered like injects, so their ids must differ: rename the card",
                ),
            );
        }
        let context = format!("wildcard card `{}`", card.id.as_str());
        if !roles.names().is_empty() {
            check_roles(&card.to, roles, actions.map(|a| a.plan), &context, out);
        }
        if let Some(actions) = actions {
            actions.check_refs(&card.expects, &context, out);
        }
        if let Some(weight) = &card.weight
            && **weight == 0
        {
            out.push(
                Diagnostic::error("a weight of 0 means the card is never drawn", weight.span())
                    .with_help("use 1 or more, or remove the card"),
            );
        }
        check_tags(&card.attack, &[], out);
    }
    let draw = *deck.draw as usize;
    if draw == 0 || draw > deck.cards.len() {
        out.push(
            Diagnostic::error(
                format!(
                    "the deck draws {draw} card(s) but holds {}",
                    deck.cards.len()
                ),
                deck.draw.span(),
            )
            .with_help("draw at least one card and no more than the deck holds"),
        );
    }
    if let Some(window) = &deck.window {
        let (from, to) = **window;
        if from >= to {
            out.push(
                Diagnostic::error(
                    format!("the draw window starts at {from} and ends at {to}"),
                    window.span(),
                )
                .with_help("write the earlier time first, e.g. window = [\"20m\", \"70m\"]"),
            );
        }
    }
}

fn check_tags(attack: &[Located<String>], csf: &[Located<String>], out: &mut Vec<Diagnostic>) {
    for id in attack {
        if !is_attack_technique(id) {
            out.push(
                Diagnostic::error(format!("\"{}\" is not a MITRE ATT&CK technique id", id.as_str()), id.span())
                    .with_help("technique ids read T followed by four digits, with an optional sub-technique: \"T1486\", \"T1566.001\""),
            );
        }
    }
    for id in csf {
        if !is_csf_category(id) {
            out.push(
                Diagnostic::error(format!("\"{}\" is not a NIST CSF 2.0 category", id.as_str()), id.span())
                    .with_help("categories read FUNCTION.CATEGORY with a CSF 2.0 function (GV, ID, PR, DE, RS, RC): \"RS.MA\", \"DE.CM\""),
            );
        }
    }
}

fn is_attack_technique(id: &str) -> bool {
    let b = id.as_bytes();
    let base = b.len() >= 5 && b[0] == b'T' && b[1..5].iter().all(u8::is_ascii_digit);
    base && (b.len() == 5
        || (b.len() == 9 && b[5] == b'.' && b[6..].iter().all(u8::is_ascii_digit)))
}

fn is_csf_category(id: &str) -> bool {
    let Some((function, category)) = id.split_once('.') else {
        return false;
    };
    ["GV", "ID", "PR", "DE", "RS", "RC"].contains(&function)
        && category.len() == 2
        && category.bytes().all(|c| c.is_ascii_uppercase())
}

/// Objectives link to what shows them: actions, decisions, plan phases.
fn check_objectives(
    scenario: &Scenario,
    injects: &IdSet<'_>,
    actions: Option<&ActionRefs<'_>>,
    plan: Option<&Plan>,
    out: &mut Vec<Diagnostic>,
) {
    let mut ids = IdSet::new("objective");
    for objective in &scenario.objectives {
        ids.define(&objective.id, out);
        let context = format!("objective `{}`", objective.id.as_str());
        if let Some(actions) = actions {
            actions.check_refs(&objective.actions, &context, out);
        }
        for inject in &objective.decisions {
            match scenario.inject(inject) {
                Some(i) if i.decision.is_some() => {}
                Some(_) => out.push(
                    Diagnostic::error(
                        format!("inject `{}` in {context} has no decision", inject.as_str()),
                        inject.span(),
                    )
                    .with_help(
                        "list injects that carry a decision, or link the objective to actions",
                    ),
                ),
                None => injects.check_ref(inject, &context, out),
            }
        }
        if let Some(plan) = plan {
            for phase in &objective.phases {
                if plan.phase(phase).is_none() {
                    let names: Vec<&str> = plan.phases.iter().map(|p| p.id.as_str()).collect();
                    out.push(
                        Diagnostic::error(
                            format!("unknown phase `{}` in {context}", phase.as_str()),
                            phase.span(),
                        )
                        .with_help(reference_help(phase, &names, "phase")),
                    );
                }
            }
        }
        let named_by_an_inject = scenario.injects.iter().any(|i| {
            i.objectives
                .iter()
                .any(|o| o.as_str() == objective.id.as_str())
        });
        if objective.actions.is_empty()
            && objective.decisions.is_empty()
            && objective.phases.is_empty()
            && !named_by_an_inject
        {
            out.push(
                Diagnostic::warning(
                    format!("{context} is linked to nothing, so it cannot be assessed"),
                    objective.id.span(),
                )
                .with_help(
                    "add actions = [...], decisions = [...] or phases = [...] that show it was met, or name it in an inject's objectives = [...]",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_framework_ids() {
        assert!(is_attack_technique("T1486"));
        assert!(is_attack_technique("T1566.001"));
        assert!(!is_attack_technique("T148"));
        assert!(!is_attack_technique("t1486"));
        assert!(is_csf_category("RS.MA"));
        assert!(!is_csf_category("XX.MA"));
        assert!(!is_csf_category("RS.M"));
    }
}
