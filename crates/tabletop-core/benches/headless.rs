//! How a headless run grows with the scenario: N injects, each answered by
//! one script step, at N = 300, 1,200 and 4,800. A run that grows linearly
//! takes about 16 times as long at 4,800 as at 300; the goal is within 1.5
//! times that ratio. A custom harness: one figure per N, the median of a few
//! runs, each on a fresh transcript.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use tabletop_core::engine::ExerciseSetup;
use tabletop_core::headless::{Script, run_script};
use tabletop_core::session::Session;
use tabletop_core::synthetic;

fn one_run(injects: usize) -> (Duration, usize) {
    let exercise = synthetic::exercise(injects);
    let script: Script = toml::from_str(&synthetic::large_script(injects)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let start: DateTime<Utc> = "2026-01-01T09:00:00Z".parse().unwrap();
    let setup = ExerciseSetup {
        seed: 3,
        anonymous: false,
        participants: script
            .participants
            .iter()
            .map(|p| tabletop_core::engine::Participant {
                name: p.name.clone(),
                roles: p.roles.iter().map(|r| r.to_string()).collect(),
            })
            .collect(),
    };
    let mut session =
        Session::create(&dir.path().join("run.jsonl"), &exercise, setup, start).unwrap();
    let started = Instant::now();
    let report = run_script(&mut session, &script, |_| {}).unwrap();
    (started.elapsed(), report.events)
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let sizes = [300, 1_200, 4_800];
    let mut times = Vec::new();
    for &n in &sizes {
        let runs = if n >= 4_800 { 3 } else { 5 };
        let mut events = 0;
        let samples = (0..runs)
            .map(|_| {
                let (time, e) = one_run(n);
                events = e;
                time
            })
            .collect();
        let time = median(samples);
        println!(
            "headless run, {n:>5} injects: {:>9.1} ms ({events} events, {:.1} µs per event)",
            time.as_secs_f64() * 1000.0,
            time.as_secs_f64() * 1e6 / events as f64
        );
        times.push(time);
    }
    let first = times[0].as_secs_f64();
    for (n, t) in sizes.iter().zip(&times).skip(1) {
        let ratio = t.as_secs_f64() / first;
        let linear = *n as f64 / sizes[0] as f64;
        println!(
            "{n} vs {}: {ratio:.1}x the time for {linear:.0}x the injects ({:.2} of linear; goal at most 1.5)",
            sizes[0],
            ratio / linear
        );
    }
}
