//! Hand-built exercises with hand-computed scores (docs/scoring.md).

use chrono::{DateTime, TimeDelta, Utc};
use tabletop_core::SourceFile;
use tabletop_core::engine::{Command, Engine, ExerciseSetup, Speaker};
use tabletop_core::scoring::{Outcome, Rating, score};
use tabletop_core::session::Exercise;

fn engine() -> Engine {
    let read = |p: &str| SourceFile::new(p, std::fs::read_to_string(p).unwrap());
    let exercise = Exercise::load(
        read("tests/fixtures/engine/scenario.toml"),
        read("tests/fixtures/engine/plan.toml"),
    )
    .unwrap();
    let start: DateTime<Utc> = "2026-01-01T09:00:00Z".parse().unwrap();
    let mut engine = exercise.engine(ExerciseSetup::new(1), start);
    run(&mut engine, 0, Command::Start);
    engine
}

fn run(engine: &mut Engine, secs: i64, command: Command) {
    let at = "2026-01-01T09:00:00Z".parse::<DateTime<Utc>>().unwrap() + TimeDelta::seconds(secs);
    for record in engine.handle(&command, at).unwrap() {
        engine.apply(&record);
    }
}

fn as_role(role: &str) -> Speaker {
    Speaker {
        role: role.into(),
        by: None,
    }
}

fn observe(action: &str, role: &str) -> Command {
    Command::Observe {
        action: action.into(),
        speaker: as_role(role),
        item: None,
    }
}

fn decide(option: &str) -> Command {
    Command::Decide {
        inject: "choice".into(),
        option: option.into(),
        speaker: as_role("incident-commander"),
        text: None,
    }
}

fn outcome(report: &tabletop_core::scoring::ScoreReport, action: &str) -> Outcome {
    report
        .actions
        .iter()
        .find(|a| a.action == action)
        .unwrap()
        .outcome
}

#[test]
fn met_by_another_role_and_missed_are_scored_as_documented() {
    let mut e = engine();
    run(&mut e, 0, Command::Tick); // alert, breach-confirmed at Day 1 09:10
    run(&mut e, 60, observe("triage", "it-security"));
    run(&mut e, 300, Command::Tick); // the decision
    run(&mut e, 330, decide("isolate")); // fulfils `isolate`, taken by the incident commander
    run(&mut e, 630, Command::Tick); // after-isolation, which expects `notify`
    run(&mut e, 700, Command::End);
    let report = score(e.state(), e.scenario(), e.plan());

    assert_eq!(outcome(&report, "triage"), Outcome::Met);
    assert_eq!(outcome(&report, "isolate"), Outcome::MetByOtherRole);
    assert_eq!(outcome(&report, "notify"), Outcome::Missed);
    // Actions: (1 + 0.75 + 0) / 3 = 58.33; the decision has no quality: acceptable, 70.
    assert!((report.actions_score.unwrap() - 58.333).abs() < 0.01);
    assert_eq!(report.decisions_score, Some(70.0));
    // 0.75 * 58.33 + 0.25 * 70 = 61.25
    assert_eq!(report.overall, 61);
    assert_eq!(report.phases[0].rating, Rating::M);
    assert_eq!(report.coverage, 100.0);
    let isolate = report
        .actions
        .iter()
        .find(|a| a.action == "isolate")
        .unwrap();
    assert!(isolate.margin_secs.unwrap() > 0, "done before Day 1 11:10");
    assert!(!isolate.evidence.is_empty(), "every line cites its events");
}

#[test]
fn late_and_by_another_role_multiply() {
    let mut e = engine();
    run(&mut e, 0, Command::Tick);
    run(&mut e, 10, Command::JumpStory { by_secs: 3 * 3600 }); // past the 2h deadline
    run(&mut e, 300, Command::Tick);
    run(&mut e, 330, decide("isolate"));
    let report = score(e.state(), e.scenario(), e.plan());
    let isolate = report
        .actions
        .iter()
        .find(|a| a.action == "isolate")
        .unwrap();
    assert_eq!(isolate.outcome, Outcome::MetLateByOtherRole);
    assert_eq!(isolate.points, 0.375);
    assert!(isolate.margin_secs.unwrap() < 0);
}

#[test]
fn what_the_exercise_never_asked_for_is_not_scored_but_counts_against_coverage() {
    let mut e = engine();
    run(&mut e, 0, Command::Tick);
    run(&mut e, 60, observe("triage", "it-security"));
    run(&mut e, 70, Command::End); // a decision that lapses on the way out
    let report = score(e.state(), e.scenario(), e.plan());
    assert_eq!(outcome(&report, "isolate"), Outcome::NotExercised);
    assert_eq!(outcome(&report, "notify"), Outcome::NotExercised);
    assert_eq!(report.actions_score, Some(100.0));
    assert!((report.coverage - 100.0 / 3.0).abs() < 0.01);
    assert_eq!(report.overall, 100, "no decision was delivered");
}

#[test]
fn an_expired_countdown_scores_as_no_decision() {
    let mut e = engine();
    run(&mut e, 0, Command::Tick);
    run(&mut e, 300, Command::Tick);
    run(&mut e, 300 + 241, Command::Tick); // 4-minute countdown runs out
    let report = score(e.state(), e.scenario(), e.plan());
    assert_eq!(report.decisions[0].option, None);
    assert_eq!(report.decisions_score, Some(0.0));
    assert_eq!(
        score(e.state(), e.scenario(), e.plan()),
        report,
        "the same events always give the same score"
    );
}

fn score_of(path: &str) -> tabletop_core::scoring::ScoreReport {
    let read = tabletop_core::transcript::read_transcript(std::path::Path::new(path)).unwrap();
    let exercise = Exercise::from_header(&read.header).unwrap();
    let mut engine = exercise.engine(read.header.setup(), read.header.started);
    for record in &read.records {
        engine.apply(record);
    }
    score(engine.state(), engine.scenario(), engine.plan())
}

#[test]
fn strong_teams_outscore_weak_ones_in_the_example_transcripts() {
    for id in [
        "ransomware-file-servers",
        "vendor-survey-leak",
        "credential-stuffing",
    ] {
        let strong = score_of(&format!("transcripts/{id}-strong.jsonl"));
        let weak = score_of(&format!("transcripts/{id}-weak.jsonl"));
        eprintln!(
            "{id}: strong {} (coverage {:.0}%), weak {} (coverage {:.0}%)",
            strong.overall, strong.coverage, weak.overall, weak.coverage
        );
        assert!(
            strong.overall >= weak.overall + 25,
            "{id}: strong {} against weak {}",
            strong.overall,
            weak.overall
        );
        assert!(
            weak.actions
                .iter()
                .any(|a| matches!(a.outcome, Outcome::Missed | Outcome::Violated)),
            "{id}"
        );
    }
}

#[test]
fn the_best_observation_counts_the_owner_on_time_after_another_role() {
    let mut e = engine();
    run(&mut e, 0, Command::Tick); // breach-confirmed: the isolate clock starts
    run(&mut e, 300, Command::Tick); // the decision is on the table
    run(&mut e, 320, observe("isolate", "incident-commander")); // another role first
    run(&mut e, 340, observe("isolate", "it-security")); // then the owner, in time
    run(&mut e, 700, Command::End);
    let report = score(e.state(), e.scenario(), e.plan());
    assert_eq!(outcome(&report, "isolate"), Outcome::Met);
    let isolate = report
        .actions
        .iter()
        .find(|a| a.action == "isolate")
        .unwrap();
    assert_eq!(isolate.done_by.as_deref(), Some("it-security"));
}

#[test]
fn a_deadline_not_reached_at_the_end_is_not_yet_due_and_not_scored() {
    let mut e = engine();
    run(&mut e, 0, Command::Tick); // breach-confirmed: isolate is due two story hours later
    run(&mut e, 60, observe("triage", "it-security"));
    run(&mut e, 300, Command::Tick); // the decision expects isolate
    run(&mut e, 310, Command::End); // ended well inside the two hours
    let report = score(e.state(), e.scenario(), e.plan());
    let isolate = report
        .actions
        .iter()
        .find(|a| a.action == "isolate")
        .unwrap();
    assert_eq!(isolate.outcome, Outcome::OpenAtEnd);
    assert_eq!(isolate.possible, 0.0, "left out of the score");
    assert_eq!(isolate.verdict().label(), "not yet due");
}

/// For every shipped transcript: no action or clock is called missed while
/// its deadline was still ahead, and a clock agrees with its actions.
#[test]
fn in_every_example_each_clock_and_its_actions_agree() {
    let mut examples: Vec<_> = std::fs::read_dir("transcripts")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    examples.sort();
    assert!(examples.len() >= 15);
    for path in examples {
        let report = score_of(path.to_str().unwrap());
        let replay = tabletop_core::replay::Replay::open(&path).unwrap();
        let plan = replay.engine.plan();
        let state = replay.engine.state();
        let end = state.story_at(state.last_elapsed_ms);
        let name = path.display();
        for a in &report.actions {
            if a.outcome == Outcome::Missed
                && let Some(due) = a.due
            {
                assert!(due < end, "{name}: {} missed before it was due", a.action);
            }
        }
        for o in &report.obligations {
            let actions: Vec<_> = plan
                .obligation(&o.obligation)
                .unwrap()
                .actions
                .iter()
                .filter_map(|id| report.actions.iter().find(|a| a.action == id.as_str()))
                .collect();
            use tabletop_core::scoring::ObligationState as S;
            match o.status {
                S::OpenAtEnd => assert!(
                    actions.iter().all(|a| a.outcome != Outcome::Missed),
                    "{name}: {} is not yet due but an action of it reads missed",
                    o.obligation
                ),
                S::Met | S::MetLate => assert!(
                    actions.iter().any(|a| a.done_at.is_some()),
                    "{name}: {} met with none of its actions done",
                    o.obligation
                ),
                S::Missed => assert!(
                    actions.iter().all(|a| a.done_at.is_none()),
                    "{name}: {} missed though an action of it was done",
                    o.obligation
                ),
            }
        }
    }
}
