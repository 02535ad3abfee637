//! The scenario as a graph of injects: which injects some path reaches, whether
//! every path can still end, and whether every flag a condition tests is raised.

use std::collections::{BTreeSet, HashMap};

use crate::document::Diagnostic;
use crate::suggest::reference_help;

use super::model::{Inject, Scenario};

pub fn check_flow(scenario: &Scenario, out: &mut Vec<Diagnostic>) {
    check_flags(scenario, out);
    let injects = &scenario.injects;
    if injects.is_empty() {
        return;
    }
    let index: HashMap<&str, usize> = injects
        .iter()
        .enumerate()
        .map(|(i, inj)| (inj.id.as_str(), i))
        .collect();
    let end = injects.len();
    let edges: Vec<Vec<usize>> = (0..end)
        .map(|i| successors(injects, i, &index, true))
        .collect();
    let reached = reachable(&edges, 0, end);

    // Letting a countdown run out is a way on, but not a design: a scenario must
    // be able to end through the choices the team makes.
    let chosen: Vec<Vec<usize>> = (0..end)
        .map(|i| successors(injects, i, &index, false))
        .collect();
    let mut reverse = vec![Vec::new(); end + 1];
    for (from, targets) in chosen.iter().enumerate() {
        for &to in targets {
            reverse[to].push(from);
        }
    }
    let can_end = reachable(&reverse, end, end);

    for (i, inject) in injects.iter().enumerate() {
        if !reached[i] {
            out.push(
                Diagnostic::warning(format!("no path reaches inject `{}`", inject.id.as_str()), inject.id.span())
                    .with_help("it follows an inject that ends the exercise, or every branch jumps past it: point an option's `next` at it, or remove it"),
            );
        }
    }
    let stuck: Vec<usize> = (0..end).filter(|&i| reached[i] && !can_end[i]).collect();
    let loop_makers: Vec<usize> = stuck
        .iter()
        .copied()
        .filter(|&i| {
            injects[i]
                .decision
                .as_ref()
                .is_some_and(|d| d.options.iter().any(|o| o.next.is_some()))
        })
        .collect();
    for &i in loop_makers
        .iter()
        .chain(stuck.first().filter(|_| loop_makers.is_empty()))
    {
        out.push(
            Diagnostic::error(
                format!("once inject `{}` is reached the exercise can never end", injects[i].id.as_str()),
                injects[i].id.span(),
            )
            .with_help("every path from here loops back: give an option a `next` that moves forward, or let it continue without `next`"),
        );
    }
}

/// Every step from one inject to another that some run can take (choices,
/// a countdown running out, a skipped conditional inject), as index pairs.
pub fn edges(scenario: &Scenario) -> Vec<(usize, usize)> {
    let injects = &scenario.injects;
    let index: HashMap<&str, usize> = injects
        .iter()
        .enumerate()
        .map(|(i, inj)| (inj.id.as_str(), i))
        .collect();
    (0..injects.len())
        .flat_map(|i| {
            successors(injects, i, &index, true)
                .into_iter()
                .filter(|&to| to < injects.len())
                .map(move |to| (i, to))
        })
        .collect()
}

/// Where the exercise can go after inject `i`; `injects.len()` stands for the end.
fn successors(
    injects: &[Inject],
    i: usize,
    index: &HashMap<&str, usize>,
    undecided: bool,
) -> Vec<usize> {
    let end = injects.len();
    let inject = &injects[i];
    let following = (i + 1).min(end);
    let after_this = if inject.end { end } else { following };
    let mut targets: BTreeSet<usize> = BTreeSet::new();
    match inject.decision.as_ref().filter(|d| !d.options.is_empty()) {
        Some(decision) => {
            for option in &decision.options {
                let target = option
                    .next
                    .as_ref()
                    .and_then(|n| index.get(n.as_str()).copied());
                targets.insert(target.unwrap_or(after_this));
            }
            if undecided {
                // No decision taken (the countdown ran out) follows the default path.
                targets.insert(after_this);
            }
        }
        None => {
            targets.insert(after_this);
        }
    }
    if inject.is_conditional() {
        // A skipped inject neither branches nor ends the exercise.
        targets.insert(following);
    }
    targets.into_iter().collect()
}

fn reachable(edges: &[Vec<usize>], from: usize, end: usize) -> Vec<bool> {
    let mut seen = vec![false; end + 1];
    let mut stack = vec![from];
    while let Some(node) = stack.pop() {
        if std::mem::replace(&mut seen[node], true) {
            continue;
        }
        if let Some(next) = edges.get(node) {
            stack.extend(next.iter().copied().filter(|&n| !seen[n]));
        }
    }
    seen
}

fn check_flags(scenario: &Scenario, out: &mut Vec<Diagnostic>) {
    let mut raised: Vec<&str> = Vec::new();
    for inject in &scenario.injects {
        raised.extend(inject.sets.iter().map(|f| f.as_str()));
        if let Some(decision) = &inject.decision {
            for option in &decision.options {
                raised.extend(option.sets.iter().map(|f| f.as_str()));
            }
        }
    }
    if let Some(deck) = &scenario.wildcards {
        for card in &deck.cards {
            raised.extend(card.sets.iter().map(|f| f.as_str()));
        }
    }
    raised.sort_unstable();
    raised.dedup();
    for inject in &scenario.injects {
        for flag in inject.requires.iter().chain(&inject.unless) {
            if raised.binary_search(&flag.as_str()).is_err() {
                out.push(
                    Diagnostic::error(
                        format!("flag `{}` is never raised", flag.as_str()),
                        flag.span(),
                    )
                    .with_help(format!(
                        "{}; flags are raised by `sets` on an inject, an option or a wildcard card",
                        reference_help(flag, &raised, "flag")
                    )),
                );
            }
        }
    }
}
