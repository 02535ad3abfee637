//! The engine driven by a manual clock: hours of exercise in microseconds.

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use tabletop_core::SourceFile;
use tabletop_core::engine::{
    Command, CommandError, DecisionOutcome, DrawPlan, Engine, Event, EventRecord, ExerciseSetup,
    InjectStatus, LapseReason, Participant, SkipReason, Speaker, Speed, Status,
};
use tabletop_core::session::Exercise;

fn exercise() -> Exercise {
    let read = |p: &str| SourceFile::new(p, std::fs::read_to_string(p).unwrap());
    Exercise::load(
        read("tests/fixtures/engine/scenario.toml"),
        read("tests/fixtures/engine/plan.toml"),
    )
    .unwrap()
}

/// A manual clock and an engine that applies what it produces.
struct Harness {
    engine: Engine,
    start: DateTime<Utc>,
    log: Vec<EventRecord>,
}

impl Harness {
    fn new(setup: ExerciseSetup) -> Self {
        let start: DateTime<Utc> = "2026-01-01T09:00:00Z".parse().unwrap();
        let mut h = Self {
            engine: exercise().engine(setup, start),
            start,
            log: Vec::new(),
        };
        h.run(0, Command::Start).unwrap();
        h
    }

    fn at(&self, secs: i64) -> DateTime<Utc> {
        self.start + TimeDelta::seconds(secs)
    }

    fn run(&mut self, secs: i64, command: Command) -> Result<Vec<Event>, CommandError> {
        let records = self.engine.handle(&command, self.at(secs))?;
        for r in &records {
            self.engine.apply(r);
        }
        self.log.extend(records.iter().cloned());
        Ok(records.into_iter().map(|r| r.event).collect())
    }

    fn kinds(&mut self, secs: i64, command: Command) -> Vec<&'static str> {
        self.run(secs, command)
            .unwrap()
            .iter()
            .map(Event::kind)
            .collect()
    }

    fn status(&self, id: &str) -> InjectStatus {
        self.engine.state().inject_status[self.engine.index().injects[id]]
    }
}

fn ic() -> Speaker {
    Speaker {
        role: "incident-commander".into(),
        by: None,
    }
}

fn decide(option: &str) -> Command {
    Command::Decide {
        inject: "choice".into(),
        option: option.into(),
        speaker: ic(),
        text: None,
    }
}

#[test]
fn injects_arrive_on_their_pacing() {
    let mut h = Harness::new(ExerciseSetup::new(1));
    assert_eq!(h.kinds(0, Command::Tick), ["inject_delivered"]);
    assert_eq!(
        h.engine.next_due_ms(),
        Some(300_000),
        "choice comes 5m after alert"
    );
    assert!(h.kinds(299, Command::Tick).is_empty());
    assert_eq!(h.kinds(300, Command::Tick), ["inject_delivered"]);
    let delivered = h.log.last().unwrap();
    assert_eq!(delivered.elapsed_ms, 300_000);
    assert_eq!(
        delivered.story.to_string(),
        "Day 1 09:30",
        "story `+30m` from the start"
    );
}

#[test]
fn pausing_holds_the_clock_and_speed_scales_it() {
    let mut h = Harness::new(ExerciseSetup::new(1));
    h.run(0, Command::Tick).unwrap();
    h.run(60, Command::Pause).unwrap();
    assert!(
        h.kinds(3_600, Command::Tick).is_empty(),
        "an hour paused delivers nothing"
    );
    assert_eq!(h.engine.state().elapsed_at(h.at(3_600)), 60_000);
    h.run(3_600, Command::Resume).unwrap();
    assert_eq!(h.engine.next_wakeup(), Some(h.at(3_600 + 240)));
    h.run(3_600, Command::SetSpeed { speed: Speed(2000) })
        .unwrap();
    assert_eq!(
        h.engine.next_wakeup(),
        Some(h.at(3_600 + 120)),
        "twice as fast: half the wait"
    );
    assert_eq!(h.kinds(3_720, Command::Tick), ["inject_delivered"]);
    assert_eq!(h.log.last().unwrap().elapsed_ms, 300_000);
}

#[test]
fn jumps_move_each_clock_on_its_own() {
    let mut h = Harness::new(ExerciseSetup::new(1));
    h.run(0, Command::Tick).unwrap();
    let kinds = h.kinds(10, Command::JumpClock { by_ms: 290_000 });
    assert_eq!(
        kinds,
        ["clock_jumped", "inject_delivered"],
        "the jump brings the next inject due"
    );
    let story_before = h.engine.state().story_at(300_000);
    h.run(10, Command::JumpStory { by_secs: 6 * 3600 }).unwrap();
    assert_eq!(h.log.last().unwrap().story, story_before.plus(6 * 3600));
    assert_eq!(
        h.engine.state().elapsed_at(h.at(10)),
        300_000,
        "a story jump leaves facilitation time alone"
    );
    assert_eq!(
        h.run(10, Command::JumpStory { by_secs: 0 }),
        Err(CommandError::NotPositive("a story jump"))
    );
}

#[test]
fn an_expired_countdown_is_an_event_and_takes_the_default_path() {
    let mut h = Harness::new(ExerciseSetup::new(1));
    h.run(300, Command::Tick).unwrap();
    // 4m countdown from 300s; a pause of 10 minutes in the middle moves the expiry.
    h.run(400, Command::Pause).unwrap();
    h.run(1_000, Command::Resume).unwrap();
    assert!(h.kinds(1_000 + 139, Command::Tick).is_empty());
    let events = h.run(1_000 + 140, Command::Tick).unwrap();
    assert_eq!(
        events[0],
        Event::DecisionLapsed {
            inject: "choice".into(),
            reason: LapseReason::CountdownExpired
        }
    );
    assert_eq!(
        h.log
            .iter()
            .rev()
            .find(|r| r.event.kind() == "decision_lapsed")
            .unwrap()
            .elapsed_ms,
        540_000
    );
    assert_eq!(
        h.run(1_200, decide("isolate")),
        Err(CommandError::DecisionNotOpen("choice".into()))
    );
    // Default path: `spread` (unless isolated) comes 3m after the expiry.
    h.run(1_000 + 140 + 180, Command::Tick).unwrap();
    assert_eq!(h.status("spread"), InjectStatus::Delivered);
}

#[test]
fn an_option_branches_and_raises_flags() {
    let mut h = Harness::new(ExerciseSetup::new(1));
    h.run(300, Command::Tick).unwrap();
    let events = h.run(360, decide("isolate")).unwrap();
    let Event::DecisionTaken {
        raises,
        branch_to,
        skipped,
        ..
    } = &events[0]
    else {
        panic!("{events:?}")
    };
    assert_eq!(raises, &["isolated"]);
    assert_eq!(branch_to.as_deref(), Some("after-isolation"));
    assert_eq!(skipped, &["spread"]);
    assert_eq!(
        h.status("spread"),
        InjectStatus::Skipped(SkipReason::Branch)
    );
    assert!(h.engine.state().flags.contains_key("isolated"));
    h.run(360 + 300, Command::Tick).unwrap();
    assert_eq!(h.status("after-isolation"), InjectStatus::Delivered);
    assert_eq!(h.log.last().unwrap().story.to_string(), "Day 2 08:00");
    // `regret` requires `waited`: skipped when its turn comes.
    h.run(360 + 300 + 120, Command::Tick).unwrap();
    assert_eq!(
        h.status("regret"),
        InjectStatus::Skipped(SkipReason::ConditionNotMet)
    );
    // `wrap` is manual: nothing is due until the facilitator moves on.
    assert_eq!(
        h.engine.next_due_ms().filter(|&t| t < 600_000 + 10_000_000),
        h.engine
            .draw_plan()
            .times_ms
            .iter()
            .copied()
            .find(|&t| t > 780_000)
    );
    assert_eq!(
        h.kinds(2_000, Command::DeliverNext).last(),
        Some(&"inject_delivered")
    );
    assert!(h.engine.state().flow_complete());
    assert_eq!(
        h.run(2_001, Command::DeliverNext),
        Err(CommandError::NothingLeft)
    );
}

#[test]
fn the_other_option_follows_the_file_order() {
    let mut h = Harness::new(ExerciseSetup::new(1));
    h.run(300, Command::Tick).unwrap();
    h.run(330, decide("wait")).unwrap();
    h.run(330 + 180, Command::Tick).unwrap();
    assert_eq!(h.status("spread"), InjectStatus::Delivered);
    h.run(330 + 180 + 300 + 120, Command::Tick).unwrap();
    assert_eq!(h.status("regret"), InjectStatus::Delivered);
    let taken = h.engine.state().decision_for(1).unwrap();
    assert!(matches!(
        taken.outcome,
        DecisionOutcome::Taken { option: 1, .. }
    ));
}

#[test]
fn moving_on_closes_an_open_decision_as_not_taken() {
    let mut h = Harness::new(ExerciseSetup::new(1));
    h.run(300, Command::Tick).unwrap();
    assert_eq!(
        h.kinds(310, Command::DeliverNext),
        ["decision_lapsed", "inject_delivered"]
    );
    assert!(matches!(
        h.engine.state().decision_for(1).unwrap().outcome,
        DecisionOutcome::Lapsed(LapseReason::MovedOn)
    ));
    // It can be opened again and taken late.
    h.run(
        320,
        Command::OpenDecision {
            inject: "choice".into(),
        },
    )
    .unwrap();
    assert_eq!(h.kinds(330, decide("wait")), ["decision_taken"]);
    assert_eq!(
        h.run(340, decide("wait")),
        Err(CommandError::AlreadyDecided("choice".into()))
    );
}

#[test]
fn names_are_checked_and_never_recorded_when_anonymous() {
    let setup = ExerciseSetup {
        seed: 1,
        anonymous: false,
        participants: vec![Participant {
            name: "Dana".into(),
            roles: vec!["incident-commander".into(), "legal".into()],
        }],
    };
    let mut h = Harness::new(setup);
    h.run(0, Command::Tick).unwrap();
    let respond = |role: &str, by: Option<&str>| Command::Respond {
        item: "alert".into(),
        speaker: Speaker {
            role: role.into(),
            by: by.map(String::from),
        },
        text: "We isolate.".into(),
    };
    assert!(
        h.run(1, respond("legal", Some("Dana"))).is_ok(),
        "one person may hold several roles"
    );
    assert_eq!(
        h.run(1, respond("it-security", Some("Dana"))),
        Err(CommandError::RoleNotHeld {
            name: "Dana".into(),
            role: "it-security".into()
        })
    );
    assert_eq!(
        h.run(1, respond("legal", Some("Sam"))),
        Err(CommandError::UnknownParticipant("Sam".into()))
    );

    let mut anonymous = Harness::new(ExerciseSetup {
        seed: 1,
        anonymous: true,
        participants: Vec::new(),
    });
    anonymous.run(0, Command::Tick).unwrap();
    assert_eq!(
        anonymous.run(1, respond("legal", Some("Dana"))),
        Err(CommandError::NameInAnonymousExercise)
    );
    assert!(anonymous.run(1, respond("legal", None)).is_ok());
}

#[test]
fn observations_can_be_withdrawn() {
    let mut h = Harness::new(ExerciseSetup::new(1));
    h.run(0, Command::Tick).unwrap();
    let observe = Command::Observe {
        action: "triage".into(),
        speaker: Speaker {
            role: "legal".into(),
            by: None,
        },
        item: Some("alert".into()),
    };
    h.run(5, observe).unwrap();
    h.run(
        6,
        Command::WithdrawObservation {
            action: "triage".into(),
        },
    )
    .unwrap();
    assert_eq!(h.engine.state().standing_observations().count(), 0);
    assert_eq!(
        h.run(
            7,
            Command::WithdrawObservation {
                action: "triage".into()
            }
        ),
        Err(CommandError::NotObserved("triage".into()))
    );
    let unknown = Command::Observe {
        action: "dance".into(),
        speaker: ic(),
        item: None,
    };
    assert_eq!(
        h.run(8, unknown),
        Err(CommandError::UnknownAction("dance".into()))
    );
}

#[test]
fn undo_takes_back_ticks_responses_and_notes_latest_first_and_replays() {
    let mut h = Harness::new(ExerciseSetup::new(1));
    h.run(0, Command::Tick).unwrap();
    let respond = |text: &str| Command::Respond {
        item: "alert".into(),
        speaker: ic(),
        text: text.into(),
    };
    h.run(1, respond("We isolate the host")).unwrap();
    h.run(
        2,
        Command::Observe {
            action: "triage".into(),
            speaker: ic(),
            item: Some("alert".into()),
        },
    )
    .unwrap();
    h.run(
        3,
        Command::Note {
            text: "IC hesitated".into(),
            item: None,
        },
    )
    .unwrap();
    h.run(4, respond("And call legal")).unwrap();

    // A stack: the latest standing record first, whatever its kind.
    let undo = |h: &mut Harness, secs| h.kinds(secs, Command::Undo);
    assert_eq!(undo(&mut h, 5), ["response_withdrawn"]);
    assert_eq!(undo(&mut h, 6), ["note_withdrawn"]);
    assert_eq!(undo(&mut h, 7), ["observation_withdrawn"]);
    let state = h.engine.state();
    assert_eq!(state.responses.len(), 1);
    assert!(state.notes.is_empty());
    assert_eq!(state.standing_observations().count(), 0);

    // A correction changes the words, keeps who said it and when.
    let seq = state.responses[0].at.seq;
    h.run(
        8,
        Command::CorrectResponse {
            response_seq: seq,
            text: "We isolate the host and keep its memory".into(),
        },
    )
    .unwrap();
    let response = &h.engine.state().responses[0];
    assert_eq!(response.text, "We isolate the host and keep its memory");
    assert_eq!(response.at.seq, seq);
    assert!(response.corrected.is_some());
    assert_eq!(
        h.run(
            9,
            Command::CorrectResponse {
                response_seq: 9999,
                text: "x".into()
            }
        ),
        Err(CommandError::UnknownResponse(9999))
    );

    assert_eq!(undo(&mut h, 10), ["response_withdrawn"]);
    assert_eq!(h.run(11, Command::Undo), Err(CommandError::NothingToUndo));

    // The same events replayed give the same state.
    let mut replayed = exercise().engine(ExerciseSetup::new(1), h.start);
    for record in &h.log {
        replayed.admit(record).unwrap();
        replayed.apply(record);
    }
    assert_eq!(replayed.state().responses, h.engine.state().responses);
    assert_eq!(replayed.state().notes, h.engine.state().notes);
}

#[test]
fn a_countdown_can_be_given_more_time_or_stopped() {
    let mut h = Harness::new(ExerciseSetup::new(1));
    assert_eq!(
        h.run(0, Command::HoldCountdown),
        Err(CommandError::NoCountdown)
    );
    h.run(
        0,
        Command::Deliver {
            inject: "choice".into(),
        },
    )
    .unwrap();
    let deadline = |h: &Harness| h.engine.state().open_decision.as_ref().unwrap().deadline_ms;
    let before = deadline(&h).expect("the choice has a countdown");
    assert_eq!(
        h.kinds(10, Command::ExtendCountdown { by_ms: 60_000 }),
        ["countdown_extended"]
    );
    assert_eq!(deadline(&h), Some(before + 60_000));
    // Past the first deadline, inside the extension: nothing lapses.
    h.run(before / 1000 + 30, Command::Tick).unwrap();
    assert!(h.engine.state().open_decision.is_some());
    assert_eq!(
        h.kinds(before / 1000 + 31, Command::HoldCountdown),
        ["countdown_held"]
    );
    assert_eq!(deadline(&h), None);
    // Held: hours later the decision still waits for the team.
    h.run(before / 1000 + 7200, Command::Tick).unwrap();
    assert!(h.engine.state().open_decision.is_some());
    assert_eq!(
        h.run(before / 1000 + 7201, Command::ExtendCountdown { by_ms: 1 }),
        Err(CommandError::NoCountdown)
    );
}

#[test]
fn a_forged_withdrawal_of_nothing_is_refused_on_replay() {
    let mut h = Harness::new(ExerciseSetup::new(1));
    h.run(0, Command::Tick).unwrap();
    let mut forged = h.log.last().unwrap().clone();
    forged.seq += 1;
    forged.event = Event::ResponseWithdrawn { response_seq: 1 };
    let error = h.engine.admit(&forged).unwrap_err();
    assert!(error.contains("no response recorded as event 1"), "{error}");
    forged.event = Event::CountdownExtended {
        inject: "choice".into(),
        by_ms: 60_000,
    };
    let error = h.engine.admit(&forged).unwrap_err();
    assert!(error.contains("no countdown is running"), "{error}");
}

#[test]
fn wildcards_come_out_on_schedule_from_the_seed() {
    let mut h = Harness::new(ExerciseSetup::new(7));
    let plan = h.engine.draw_plan().clone();
    assert_eq!(plan.times_ms.len(), 2);
    assert!(
        plan.times_ms
            .iter()
            .all(|t| (600_000..=2_400_000).contains(t))
    );
    h.run(3_600, Command::Tick).unwrap();
    let drawn: Vec<&str> = h
        .log
        .iter()
        .filter_map(|r| match &r.event {
            Event::WildcardDrawn {
                card,
                scheduled: true,
                ..
            } => Some(card.as_str()),
            _ => None,
        })
        .collect();
    let scenario = exercise().scenario;
    let cards = &scenario.wildcards.as_ref().unwrap().cards;
    let expected: Vec<&str> = plan.order[..2]
        .iter()
        .map(|&i| cards[i].id.as_str())
        .collect();
    assert_eq!(drawn, expected);
    assert_eq!(h.kinds(3_600, Command::DrawWildcard), ["wildcard_drawn"]);
    assert_eq!(
        h.run(3_600, Command::DrawWildcard),
        Err(CommandError::DeckEmpty)
    );
}

#[test]
fn the_same_seed_draws_the_same_and_seeds_differ() {
    let scenario = exercise().scenario;
    assert_eq!(DrawPlan::new(&scenario, 42), DrawPlan::new(&scenario, 42));
    let distinct: std::collections::HashSet<_> = (0..20)
        .map(|seed| DrawPlan::new(&scenario, seed))
        .collect::<Vec<_>>()
        .into_iter()
        .map(|p| (p.order, p.times_ms))
        .collect();
    assert!(
        distinct.len() > 10,
        "20 seeds gave only {} different draws",
        distinct.len()
    );
    // The heavier card comes first more often than its share of a uniform draw.
    let first_a = (0..1000)
        .filter(|&seed| DrawPlan::new(&scenario, seed).order[0] == 0)
        .count();
    assert!(
        (500..700).contains(&first_a),
        "card-a (weight 3 of 5) first {first_a} times in 1000"
    );
}

#[test]
fn commands_after_the_end_are_refused() {
    let mut h = Harness::new(ExerciseSetup::new(1));
    h.run(300, Command::Tick).unwrap();
    assert_eq!(
        h.kinds(310, Command::End),
        ["decision_lapsed", "exercise_ended"]
    );
    assert_eq!(h.engine.state().status, Status::Ended);
    assert_eq!(h.run(320, Command::Tick), Err(CommandError::Ended));
}

fn command_strategy() -> impl Strategy<Value = (i64, Command)> {
    let command = prop_oneof![
        Just(Command::Tick),
        Just(Command::Pause),
        Just(Command::Resume),
        Just(Command::DeliverNext),
        Just(Command::DrawWildcard),
        (1u32..8).prop_map(|k| Command::SetSpeed {
            speed: Speed(k * 500)
        }),
        (1i64..600_000).prop_map(|by_ms| Command::JumpClock { by_ms }),
        (1i64..200_000).prop_map(|by_secs| Command::JumpStory { by_secs }),
        prop::sample::select(vec!["isolate", "wait", "nope"]).prop_map(decide),
        Just(Command::OpenDecision {
            inject: "choice".into()
        }),
        Just(Command::Observe {
            action: "triage".into(),
            speaker: ic(),
            item: None
        }),
        Just(Command::WithdrawObservation {
            action: "triage".into()
        }),
        Just(Command::Deliver {
            inject: "after-isolation".into()
        }),
        Just(Command::Note {
            text: "note".into(),
            item: None
        }),
    ];
    (0i64..900, command)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever the facilitator does, replaying the recorded events rebuilds
    /// exactly the live state, and time on the record never runs backwards.
    #[test]
    fn replay_rebuilds_the_live_state(seed in any::<u64>(), steps in prop::collection::vec(command_strategy(), 1..60)) {
        let mut h = Harness::new(ExerciseSetup::new(seed));
        let mut secs = 0;
        for (gap, command) in steps {
            secs += gap;
            let _ = h.run(secs, command);
        }
        let _ = h.run(secs + 7_200, Command::Tick);
        let mut replayed = exercise().engine(ExerciseSetup::new(seed), h.start);
        for record in &h.log {
            replayed.apply(record);
        }
        prop_assert_eq!(replayed.state(), h.engine.state());
        for pair in h.log.windows(2) {
            prop_assert!(pair[0].elapsed_ms <= pair[1].elapsed_ms);
            prop_assert_eq!(pair[0].seq + 1, pair[1].seq);
        }
    }
}

#[test]
fn deadlines_are_met_by_an_option_and_missed_when_story_time_passes() {
    use tabletop_core::engine::deadline_tally;
    let mut h = Harness::new(ExerciseSetup::new(1));
    h.run(0, Command::Tick).unwrap();
    let tally = |h: &Harness, secs: i64| {
        let state = h.engine.state();
        deadline_tally(
            state,
            h.engine.scenario(),
            h.engine.plan(),
            state.story_at(state.elapsed_at(h.at(secs))),
        )
    };
    // `isolate` is due 2h after breach-confirmed, raised by the first inject at Day 1 09:10.
    assert_eq!(tally(&h, 10).running, 1);
    h.run(300, Command::Tick).unwrap();
    h.run(330, decide("isolate")).unwrap();
    assert_eq!(
        (tally(&h, 331).met, tally(&h, 331).missed),
        (1, 0),
        "the chosen option fulfils it in time"
    );

    let mut late = Harness::new(ExerciseSetup::new(1));
    late.run(0, Command::Tick).unwrap();
    late.run(10, Command::JumpStory { by_secs: 3 * 3600 })
        .unwrap();
    assert_eq!(
        tally(&late, 11).missed,
        1,
        "two hours of story passed without it"
    );
}
