//! Checks for mistakes that pass every format rule yet silently change the
//! score or the pace: story time running backwards, deliveries out of order,
//! a flag one letter off a plan trigger, a clock started but never tested,
//! and a decision whose options credit roles that do not own it.

use std::collections::BTreeSet;

use crate::document::Diagnostic;
use crate::plan::Plan;

use super::flow::edges;
use super::model::{Inject, Scenario};

pub fn check_score_risks(scenario: &Scenario, plan: Option<&Plan>, out: &mut Vec<Diagnostic>) {
    check_numbers(scenario, out);
    let steps = edges(scenario);
    check_story_order(scenario, &steps, out);
    check_delivery_order(scenario, &steps, out);
    if let Some(plan) = plan {
        check_flags_against_triggers(scenario, plan, out);
        check_untested_clocks(scenario, plan, out);
        check_decision_owners(scenario, plan, out);
    }
}

/// A part of an MSEL number: a run of digits, compared as a number, or of
/// anything else, compared as text.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum NumberPart {
    Digits(u64),
    Text(String),
}

/// An MSEL number as people read it: "4" < "4a" < "10", "1.9" < "1.10",
/// "INJ-9" < "INJ-10".
fn number_key(number: &str) -> Vec<NumberPart> {
    let mut parts = Vec::new();
    let mut chars = number.chars().peekable();
    while let Some(&c) = chars.peek() {
        let digit = c.is_ascii_digit();
        let mut run = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_ascii_digit() != digit {
                break;
            }
            run.push(c);
            chars.next();
        }
        parts.push(if digit {
            NumberPart::Digits(run.parse().unwrap_or(u64::MAX))
        } else {
            NumberPart::Text(run.to_lowercase())
        });
    }
    parts
}

/// Inject numbers are for finding an inject on the MSEL: two alike, or one
/// lower than the inject before it, sends people to the wrong row. The
/// file's order stays the order of delivery.
fn check_numbers(scenario: &Scenario, out: &mut Vec<Diagnostic>) {
    let mut seen: Vec<(&str, &str)> = Vec::new();
    let mut previous: Option<(&str, &str)> = None;
    for inject in &scenario.injects {
        let Some(number) = inject.number.as_deref() else {
            continue;
        };
        if let Some((_, other)) = seen.iter().find(|(n, _)| *n == number) {
            out.push(
                Diagnostic::warning(
                    format!(
                        "inject `{}` has the number {number}, like `{other}`",
                        inject.id.as_str()
                    ),
                    inject.id.span(),
                )
                .with_help("give each inject its own number, as on the MSEL"),
            );
        } else if let Some((before, before_id)) = previous
            && number_key(number) < number_key(before)
        {
            out.push(
                Diagnostic::warning(
                    format!(
                        "inject `{}` is number {number} but comes after `{before_id}`, number {before}",
                        inject.id.as_str()
                    ),
                    inject.id.span(),
                )
                .with_help("injects are delivered in the order written: move the inject, or renumber it"),
            );
        }
        seen.push((number, inject.id.as_str()));
        previous = Some((number, inject.id.as_str()));
    }
}

/// Story time is shown to the room; a step back is a typo, and the engine
/// would quietly hold the clock where it was.
fn check_story_order(scenario: &Scenario, steps: &[(usize, usize)], out: &mut Vec<Diagnostic>) {
    let times = story_times(scenario);
    let start = scenario.scenario.start_instant();
    if let Some(first) = scenario.injects.first()
        && let Some(written) = &first.story
        && written.resolve(start) < start
    {
        out.push(
            Diagnostic::warning(
                format!(
                    "story time {} of the first inject is before the scenario opens ({start})",
                    written.resolve(start)
                ),
                written.span(),
            )
            .with_help(format!(
                "set `start = \"{}\"` in [scenario] (it defaults to Day 1 09:00), or move the inject later",
                written.resolve(start)
            )),
        );
    }
    let mut warned = BTreeSet::new();
    for &(from, to) in steps {
        let (Some(before), Some(after)) = (times[from], times[to]) else {
            continue;
        };
        let Some(written) = &scenario.injects[to].story else {
            continue;
        };
        if after < before && warned.insert(to) {
            out.push(
                Diagnostic::warning(
                    format!(
                        "story time {} of inject `{}` is before that of `{}` ({}), which can come just before it",
                        after,
                        scenario.injects[to].id.as_str(),
                        scenario.injects[from].id.as_str(),
                        before
                    ),
                    written.span(),
                )
                .with_help("story time only moves forward: the room would see the earlier time held; check the day and the hour"),
            );
        }
    }
}

/// Each inject's story time as the engine resolves it: its own, or the one before.
fn story_times(scenario: &Scenario) -> Vec<Option<crate::time::StoryInstant>> {
    let start = scenario.scenario.start_instant();
    let mut last = start;
    scenario
        .injects
        .iter()
        .map(|i| {
            let at = i.story.as_ref().map(|s| s.resolve(start));
            if let Some(at) = at {
                last = at;
            }
            Some(at.unwrap_or(last))
        })
        .collect()
}

/// `at` times that run backwards bunch the injects between them: each one
/// already late is delivered at once.
fn check_delivery_order(scenario: &Scenario, steps: &[(usize, usize)], out: &mut Vec<Diagnostic>) {
    let duration = scenario.scenario.duration.as_secs();
    let mut warned = BTreeSet::new();
    for &(from, to) in steps {
        let (a, b) = (&scenario.injects[from], &scenario.injects[to]);
        let (Some(before), Some(after)) = (&a.at, &b.at) else {
            continue;
        };
        if after.as_secs() < before.as_secs() && warned.insert(to) {
            out.push(
                Diagnostic::warning(
                    format!(
                        "inject `{}` is due at {}, before `{}` ({}), which comes first: both would arrive together",
                        b.id.as_str(),
                        **after,
                        a.id.as_str(),
                        **before
                    ),
                    after.span(),
                )
                .with_help(format!(
                    "`at` counts from the start of the exercise; check `{}`'s time for a typo (\"1h 22m\" for \"22m\"?), or use `after` for a gap from the inject before",
                    a.id.as_str()
                )),
            );
        }
    }
    if duration == 0 {
        return;
    }
    for inject in &scenario.injects {
        if let Some(at) = &inject.at
            && at.as_secs() > duration
        {
            out.push(
                Diagnostic::warning(
                    format!(
                        "inject `{}` is due at {}, after the exercise's planned {}",
                        inject.id.as_str(),
                        **at,
                        *scenario.scenario.duration
                    ),
                    at.span(),
                )
                .with_help("check the time for a typo, or raise `duration` in [scenario]"),
            );
        }
    }
}

/// Every flag raised by `sets`, with the place it is written.
fn raised_flags(scenario: &Scenario) -> Vec<&crate::located::Located<String>> {
    let mut flags = Vec::new();
    for inject in &scenario.injects {
        flags.extend(&inject.sets);
        for option in inject.decision.iter().flat_map(|d| &d.options) {
            flags.extend(&option.sets);
        }
    }
    for card in scenario.wildcards.iter().flat_map(|w| &w.cards) {
        flags.extend(&card.sets);
    }
    flags
}

/// A flag one letter off a plan trigger starts no clock: the deadlines that
/// hang on the trigger vanish from the score.
fn check_flags_against_triggers(scenario: &Scenario, plan: &Plan, out: &mut Vec<Diagnostic>) {
    let triggers: Vec<&str> = plan.triggers.iter().map(|t| t.id.as_str()).collect();
    for flag in raised_flags(scenario) {
        if triggers.contains(&flag.as_str()) {
            continue;
        }
        // One or two letters off, not a neighbouring word: `fbi-involved`
        // is its own flag, `personal-data-involvd` a typo.
        let allowed = (flag.chars().count() / 10).max(1);
        let meant = triggers
            .iter()
            .map(|t| (*t, strsim::levenshtein(flag, t)))
            .filter(|(_, d)| *d <= allowed)
            .min_by_key(|(_, d)| *d)
            .map(|(t, _)| t);
        if let Some(meant) = meant {
            out.push(
                Diagnostic::warning(
                    format!(
                        "flag `{}` is not a trigger of the plan, but `{meant}` is: its clocks will not start",
                        flag.as_str()
                    ),
                    flag.span(),
                )
                .with_help(format!(
                    "write `{meant}` if this moment should start the plan's deadlines; `tabletop plan show {}` lists the triggers",
                    plan.plan.id.as_str()
                )),
            );
        }
    }
}

/// Plan actions the scenario gives the team a chance to take.
fn tested_actions<'p>(scenario: &'p Scenario, plan: &'p Plan) -> BTreeSet<&'p str> {
    let mut refs: Vec<&str> = Vec::new();
    for inject in &scenario.injects {
        refs.extend(inject.expects.iter().map(|r| r.as_str()));
        for option in inject.decision.iter().flat_map(|d| &d.options) {
            refs.extend(
                option
                    .fulfils
                    .iter()
                    .chain(&option.violates)
                    .map(|r| r.as_str()),
            );
        }
    }
    for card in scenario.wildcards.iter().flat_map(|w| &w.cards) {
        refs.extend(card.expects.iter().map(|r| r.as_str()));
    }
    let mut tested = BTreeSet::new();
    for r in refs {
        for action in plan.actions_for(r) {
            tested.insert(action.id.as_str());
        }
    }
    tested
}

/// A clock the scenario starts but never tests reads as missed in the report.
fn check_untested_clocks(scenario: &Scenario, plan: &Plan, out: &mut Vec<Diagnostic>) {
    let tested = tested_actions(scenario, plan);
    let mut warned = BTreeSet::new();
    for flag in raised_flags(scenario) {
        if !warned.insert(flag.as_str()) {
            continue;
        }
        let untested: Vec<String> = plan
            .obligations
            .iter()
            .filter(|o| o.from.as_str() == flag.as_str())
            .filter(|o| !o.actions.iter().any(|a| tested.contains(a.as_str())))
            .map(|o| format!("{} ({}, {})", o.id.as_str(), o.regime, *o.deadline))
            .collect();
        if untested.is_empty() {
            continue;
        }
        out.push(
            Diagnostic::warning(
                format!(
                    "flag `{}` starts the plan's clock for {}, but no inject, card or option lets the team act on it: the report would show it missed",
                    flag.as_str(),
                    untested.join(", ")
                ),
                flag.span(),
            )
            .with_help("expect the action that meets the obligation on a later inject, or do not raise this flag"),
        );
    }
}

/// A decision's options credit the actions they fulfil to the decision's
/// owners: an option fulfilling another role's action scores as "other role".
fn check_decision_owners(scenario: &Scenario, plan: &Plan, out: &mut Vec<Diagnostic>) {
    for inject in &scenario.injects {
        let Some(decision) = &inject.decision else {
            continue;
        };
        if decision.owners.is_empty() {
            continue;
        }
        let owners: Vec<&str> = decision
            .owners
            .iter()
            .filter_map(|o| plan.role_for(o).map(|r| r.id.as_str()))
            .collect();
        for option in &decision.options {
            let mut others: Vec<&crate::plan::PlanAction> = Vec::new();
            for reference in &option.fulfils {
                for action in plan.actions_for(reference) {
                    let may_act = std::iter::once(&action.owner)
                        .chain(&action.also)
                        .any(|r| owners.contains(&r.as_str()));
                    if !may_act && !others.iter().any(|o| o.id == action.id) {
                        others.push(action);
                    }
                }
            }
            let Some(first) = others.first() else {
                continue;
            };
            let listed: Vec<String> = others
                .iter()
                .map(|a| format!("`{}` ({})", a.id.as_str(), plan.role_name(&a.owner)))
                .collect();
            let mut missing: Vec<&str> = others.iter().map(|a| a.owner.as_str()).collect();
            missing.dedup();
            let span = option
                .fulfils
                .iter()
                .find(|r| plan.actions_for(r).any(|a| a.id == first.id))
                .map_or(option.id.span(), |r| r.span());
            out.push(
                Diagnostic::warning(
                    format!(
                        "option `{}` of inject `{}` fulfils {}, but the decision is owned by {}: choosing it would score as done by another role",
                        option.id.as_str(),
                        inject.id.as_str(),
                        listed.join(", "),
                        decision.owners.iter().map(|o| o.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                    span,
                )
                .with_help(format!(
                    "add {} to the decision's owners, or fulfil only actions the owners hold",
                    missing.iter().map(|m| format!("\"{m}\"")).collect::<Vec<_>>().join(", ")
                )),
            );
        }
    }
}

/// Whether an inject's author said it expects nothing on purpose.
pub fn expects_nothing_on_purpose(inject: &Inject) -> bool {
    inject.no_action_expected.is_some()
}

#[cfg(test)]
mod tests {
    use super::number_key;

    #[test]
    fn msel_numbers_sort_as_people_read_them() {
        for (a, b) in [
            ("4", "4a"),
            ("4a", "10"),
            ("1.9", "1.10"),
            ("INJ-9", "INJ-10"),
            ("2", "10"),
        ] {
            assert!(number_key(a) < number_key(b), "{a} < {b}");
        }
    }
}
