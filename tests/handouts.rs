//! Handouts: the participants' copy never holds what only the facilitator may
//! know, and the guides hold what their readers need.

use assert_cmd::Command;
use tabletop_core::handout::{self, Reader};
use tabletop_core::library::{SearchPath, bundled_files, load_exercise};
use tabletop_core::{DocumentKind, text::visible};

/// The start of a text as a handout would show it: visible, whitespace folded.
fn probe(text: &str) -> String {
    let folded = visible(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    folded.chars().take(48).collect()
}

fn folded(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_participant_handout_holds_nothing_facilitator_only() {
    let scenarios: Vec<String> = bundled_files()
        .into_iter()
        .filter(|f| f.kind == DocumentKind::Scenario)
        .map(|f| {
            f.source
                .name
                .trim_start_matches("bundled:scenarios/")
                .trim_end_matches(".toml")
                .to_string()
        })
        .collect();
    assert!(scenarios.len() >= 9);
    let mut checked = 0;
    for name in scenarios {
        let exercise = load_exercise(&name, None, &SearchPath::only_bundled()).unwrap();
        let s = &exercise.scenario;
        let doc = handout::build(s, &exercise.plan, Reader::Participant);
        let pages = [handout::markdown(&doc), handout::html_page(&doc)];
        let mut secrets: Vec<(&str, String)> = Vec::new();
        for inject in &s.injects {
            secrets.push(("inject body", inject.body.clone()));
            secrets.extend(
                inject
                    .facilitator
                    .iter()
                    .map(|f| ("facilitator note", f.clone())),
            );
            secrets.extend(inject.tip.iter().map(|t| ("tip", t.clone())));
            secrets.extend(
                inject
                    .expected_action
                    .iter()
                    .map(|t| ("expected action", t.clone())),
            );
            secrets.extend(inject.questions.iter().map(|q| ("question", q.clone())));
            secrets.extend(
                inject
                    .artefacts
                    .iter()
                    .map(|a| ("artefact", a.text.clone())),
            );
            if let Some(d) = &inject.decision {
                secrets.push(("decision prompt", d.prompt.clone()));
                for o in &d.options {
                    secrets.push(("option label", o.label.clone()));
                    secrets.extend(o.why.iter().map(|w| ("option reason", w.clone())));
                }
            }
        }
        for card in s.wildcards.iter().flat_map(|w| &w.cards) {
            secrets.push(("card body", card.body.clone()));
            secrets.extend(card.facilitator.iter().map(|f| ("card note", f.clone())));
        }
        for (what, secret) in &secrets {
            let needle = probe(secret);
            if needle.len() < 16 {
                continue;
            }
            for page in &pages {
                assert!(
                    !folded(page).contains(&needle),
                    "{name}: the participant handout shows a {what}: {needle}"
                );
            }
            checked += 1;
        }
        // What participants do get.
        assert!(
            folded(&pages[0]).contains(&probe(&s.scenario.summary)),
            "{name}: summary"
        );
        assert!(pages[1].contains("Ground rules"));
    }
    assert!(checked > 500, "only {checked} texts compared");
}

#[test]
fn the_facilitator_guide_holds_every_note_option_reason_and_branch() {
    let exercise = load_exercise("bec-wire-fraud", None, &SearchPath::only_bundled()).unwrap();
    let doc = handout::build(&exercise.scenario, &exercise.plan, Reader::Facilitator);
    let page = folded(&handout::markdown(&doc).replace('\\', ""));
    for inject in &exercise.scenario.injects {
        assert!(page.contains(&probe(&inject.title)), "{}", inject.title);
        if let Some(note) = &inject.facilitator {
            assert!(
                page.contains(&probe(note)),
                "note of {}",
                inject.id.as_str()
            );
        }
        for o in inject.decision.iter().flat_map(|d| &d.options) {
            if let Some(why) = &o.why {
                assert!(page.contains(&probe(why)), "reason for {}", o.id.as_str());
            }
        }
    }
    assert!(page.contains("## Branch map"));
    assert!(
        page.contains("continues at payslips-found"),
        "an option's branch is named"
    );
}

#[test]
fn the_evaluator_guide_lists_each_objective_with_deadlines_and_room_to_write() {
    let exercise = load_exercise("vendor-survey-leak", None, &SearchPath::only_bundled()).unwrap();
    let doc = handout::build(&exercise.scenario, &exercise.plan, Reader::Evaluator);
    let page = handout::markdown(&doc);
    for objective in &exercise.scenario.objectives {
        assert!(page.contains(&format!("### Objective: {}", objective.id.as_str())));
    }
    assert!(
        page.contains("| 72h from "),
        "a regulatory deadline is shown"
    );
    assert!(page.matches("**Observations:**").count() >= exercise.scenario.objectives.len());
}

#[test]
fn handout_writes_html_by_the_file_extension() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("guide.html");
    Command::cargo_bin("tabletop")
        .unwrap()
        .args(["handout", "tutorial", "--for", "facilitator", "-o"])
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"), "self-contained, no scripts");
    // Addresses in the scenario's text stay text: nothing is linked or loaded.
    assert!(
        !html.contains("href=") && !html.contains("src="),
        "nothing loaded from elsewhere"
    );
}
