//! The bundled library is what a facilitator judges tabletop by on day one:
//! every file is valid with no warning, agrees with the JSON Schema, and the
//! scenarios are full exercises.

use std::collections::HashMap;

use tabletop_core::library::{FoundFile, bundled_files};
use tabletop_core::scenario::ScenarioSummary;
use tabletop_core::{DocumentKind, Plan, load_plan, load_scenario};

fn plans() -> HashMap<String, Plan> {
    bundled_files()
        .iter()
        .filter(|f| f.kind == DocumentKind::Plan)
        .map(|f| {
            let (plan, warnings) = load_plan(&f.source).unwrap_or_else(|e| panic!("{e}"));
            assert!(warnings.is_empty(), "{}: {warnings:?}", f.source.name);
            (plan.plan.id.to_string(), plan)
        })
        .collect()
}

fn scenarios() -> Vec<FoundFile> {
    bundled_files()
        .into_iter()
        .filter(|f| f.kind == DocumentKind::Scenario)
        .collect()
}

#[test]
fn every_bundled_file_is_valid_without_warnings() {
    let plans = plans();
    assert!(plans.contains_key("gdpr-midsize") && plans.contains_key("hipaa-healthcare"));
    for file in scenarios() {
        let parsed = tabletop_core::load::parse_scenario(&file.source).unwrap_or_else(|d| {
            panic!(
                "{}",
                tabletop_core::InvalidFile::new(file.source.clone(), d)
            )
        });
        let plan_id = parsed
            .scenario
            .plan
            .as_ref()
            .expect("bundled scenarios name their plan");
        let plan = &plans[plan_id.as_str()];
        let (_, warnings) =
            load_scenario(&file.source, Some(plan)).unwrap_or_else(|e| panic!("{e}"));
        let rendered: Vec<String> = warnings.iter().map(|w| w.render(&file.source)).collect();
        assert!(warnings.is_empty(), "{}", rendered.join("\n"));
    }
}

#[test]
fn the_library_holds_full_exercises_and_a_tutorial() {
    let plans = plans();
    let mut full = 0;
    let mut with_wildcards = 0;
    let mut ids = Vec::new();
    for file in scenarios() {
        let (scenario, _) = load_scenario(&file.source, None).unwrap_or_else(|e| panic!("{e}"));
        let summary = ScenarioSummary::of(&scenario);
        ids.push(summary.id.clone());
        if summary.id == "tutorial" {
            assert!(
                summary.minutes <= 15,
                "the tutorial takes {} minutes",
                summary.minutes
            );
            continue;
        }
        let artefacts: usize = scenario.injects.iter().map(|i| i.artefacts.len()).sum();
        let branching = scenario
            .injects
            .iter()
            .filter_map(|i| i.decision.as_ref())
            .any(|d| {
                d.options
                    .iter()
                    .any(|o| o.next.is_some() || !o.sets.is_empty())
            });
        let expectations: usize = scenario.injects.iter().map(|i| i.expects.len()).sum();
        assert!(
            (60..=120).contains(&summary.minutes),
            "{}: {} minutes",
            summary.id,
            summary.minutes
        );
        assert!(
            summary.injects >= 10,
            "{}: {} injects",
            summary.id,
            summary.injects
        );
        assert!(
            summary.decisions >= 3,
            "{}: {} decisions",
            summary.id,
            summary.decisions
        );
        assert!(
            artefacts >= summary.injects / 2,
            "{}: {artefacts} artefacts",
            summary.id
        );
        assert!(
            branching,
            "{}: no option branches or raises a flag",
            summary.id
        );
        assert!(
            expectations >= summary.injects,
            "{}: {expectations} expected actions",
            summary.id
        );
        assert!(plans.contains_key(summary.plan.as_deref().unwrap()));
        full += 1;
        with_wildcards += usize::from(summary.wildcards > 0);
    }
    assert!(full >= 8, "{full} full scenarios: {ids:?}");
    assert!(with_wildcards >= 1);
    assert!(ids.contains(&"tutorial".to_string()));
    for topic in [
        "ransomware-file-servers",
        "vendor-survey-leak",
        "bec-wire-fraud",
        "insider-data-theft",
        "cloud-storage-exposure",
        "credential-stuffing",
        "supply-chain-update",
        "ddos-extortion",
    ] {
        assert!(ids.iter().any(|id| id == topic), "missing {topic}: {ids:?}");
    }
}

#[test]
fn the_json_schemas_accept_every_bundled_file() {
    let scenario_schema =
        jsonschema::validator_for(&tabletop_core::schema::scenario_schema()).unwrap();
    let plan_schema = jsonschema::validator_for(&tabletop_core::schema::plan_schema()).unwrap();
    let script_schema = jsonschema::validator_for(&tabletop_core::schema::script_schema()).unwrap();
    for file in bundled_files() {
        let table: toml::Table = toml::from_str(&file.source.text).unwrap();
        let json = serde_json::to_value(&table).unwrap();
        let validator = match file.kind {
            DocumentKind::Scenario => &scenario_schema,
            DocumentKind::Plan => &plan_schema,
            DocumentKind::Script => &script_schema,
        };
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", file.source.name);
    }
}

#[test]
fn the_json_schema_rejects_what_the_loader_rejects() {
    let schema = jsonschema::validator_for(&tabletop_core::schema::scenario_schema()).unwrap();
    for fixture in [
        "unknown-key-in-scenario",
        "roles-not-a-list",
        "channel-misspelt",
        "missing-title",
        "story-time-unreadable",
    ] {
        let text =
            std::fs::read_to_string(format!("tests/fixtures/invalid/{fixture}.toml")).unwrap();
        let table: toml::Table = toml::from_str(&text).unwrap();
        let json = serde_json::to_value(&table).unwrap();
        assert!(!schema.is_valid(&json), "{fixture} passes the schema");
    }
}

#[test]
fn every_bundled_scenario_names_standard_actions_and_roles_and_every_plan_maps_to_them() {
    use tabletop_core::load::{parse_plan, parse_scenario};
    use tabletop_core::vocabulary;
    for file in tabletop_core::library::bundled_files() {
        let name = &file.source.name;
        match file.kind {
            DocumentKind::Scenario => {
                let scenario = parse_scenario(&file.source).unwrap();
                for role in &scenario.scenario.roles {
                    assert!(
                        vocabulary::role(role).is_some(),
                        "{name}: role {}",
                        role.as_str()
                    );
                }
                let cards = scenario.wildcards.iter().flat_map(|w| &w.cards);
                let options = scenario
                    .injects
                    .iter()
                    .flat_map(|i| i.decision.iter().flat_map(|d| &d.options));
                let refs = scenario
                    .injects
                    .iter()
                    .flat_map(|i| &i.expects)
                    .chain(cards.flat_map(|c| &c.expects))
                    .chain(options.flat_map(|o| o.fulfils.iter().chain(&o.violates)));
                for r in refs {
                    assert!(
                        vocabulary::action(r).is_some(),
                        "{name}: action {}",
                        r.as_str()
                    );
                }
            }
            DocumentKind::Script => {}
            DocumentKind::Plan => {
                let plan = parse_plan(&file.source).unwrap();
                for action in &plan.actions {
                    let standard = action
                        .implements
                        .as_ref()
                        .map_or(action.id.as_str(), |i| i.as_str());
                    assert!(
                        vocabulary::action(standard).is_some(),
                        "{name}: action {} maps to no standard action",
                        action.id.as_str()
                    );
                }
                for role in &plan.roles {
                    let standard = role
                        .implements
                        .as_ref()
                        .map_or(role.id.as_str(), |i| i.as_str());
                    assert!(
                        vocabulary::role(standard).is_some(),
                        "{name}: role {}",
                        role.id.as_str()
                    );
                }
            }
        }
    }
}

#[test]
fn the_vocabulary_doc_lists_every_standard_action_and_role() {
    let doc = std::fs::read_to_string("docs/vocabulary.md").unwrap();
    for a in tabletop_core::vocabulary::ACTIONS {
        assert!(
            doc.contains(&format!(
                "| `{}` | {} | {} | {} |",
                a.id, a.category, a.title, a.definition
            )),
            "docs/vocabulary.md is out of date for {}",
            a.id
        );
    }
    for r in tabletop_core::vocabulary::ROLES {
        assert!(
            doc.contains(&format!("| `{}` | {} |", r.id, r.title)),
            "{}",
            r.id
        );
    }
}
