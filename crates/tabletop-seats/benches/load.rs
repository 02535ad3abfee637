//! The seats server under a room's worth of load, on loopback: 100 seats
//! connected to a running exercise.
//!
//! - an inject delivered by the facilitator, until it reaches every seat's
//!   stream (50 injects, 5,000 arrivals);
//! - 100 seats sending a response at the same moment, until each is
//!   recorded and fsynced (5 rounds, 500 responses);
//! - what the server and 100 open streams add to the process's memory;
//! - the CPU the process uses over 10 idle seconds with every stream open.
//!
//! The load stays on 127.0.0.1 and is bounded in count and time.
//!   cargo bench -p tabletop-seats --bench load

use std::io::{BufRead, BufReader};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;
use tabletop_core::engine::{Command, ExerciseSetup, Participant};
use tabletop_core::seats::Roster;
use tabletop_core::session::Session;
use tabletop_core::synthetic;
use tabletop_seats::{Limits, SeatsServer, Serving};

const SEATS: usize = 100;
const INJECTS: usize = 50;
const ROUNDS: usize = 5;

/// Each item a stream showed, and when it arrived.
type Arrivals = Vec<(String, Instant)>;

enum Ask {
    Run(Command, Sender<()>),
    Wake,
    Stop,
}

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// User and system CPU time of the whole process, in clock ticks.
fn cpu_ticks() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap();
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let i = ((samples.len() as f64 * p).ceil() as usize).clamp(1, samples.len()) - 1;
    samples[i]
}

fn report(what: &str, samples: &mut [Duration]) {
    println!(
        "{what}: n={} p50={:.1} ms p99={:.1} ms max={:.1} ms",
        samples.len(),
        percentile(samples, 0.50).as_secs_f64() * 1e3,
        percentile(samples, 0.99).as_secs_f64() * 1e3,
        samples.iter().max().unwrap().as_secs_f64() * 1e3,
    );
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let transcript = dir.path().join("load.jsonl");
    let exercise = synthetic::exercise(INJECTS + 1);
    let roles: Vec<String> = exercise
        .scenario
        .scenario
        .roles
        .iter()
        .map(|r| r.to_string())
        .collect();
    let mut setup = ExerciseSetup::new(1);
    setup.participants = (0..SEATS)
        .map(|n| Participant {
            name: format!("Participant {n}"),
            roles: vec![roles[n % roles.len()].clone()],
        })
        .collect();
    let mut session = Session::create(&transcript, &exercise, setup, Utc::now()).unwrap();
    let rss_before = rss_kib();
    let engine = session.engine();
    let roster = Roster::for_exercise(engine.scenario(), engine.plan(), engine.setup());
    let limits = Limits {
        all_streams: 2 * SEATS,
        ..Limits::default()
    };
    let serving = Serving {
        limits,
        ..Serving::on("127.0.0.1:0".parse().unwrap())
    };
    let (mut server, mut desk) = SeatsServer::start(serving, roster, &transcript, engine).unwrap();
    let urls: Vec<String> = server
        .links
        .seats
        .iter()
        .filter(|s| s.kind == tabletop_core::engine::SeatKind::Person)
        .map(|s| s.url.clone())
        .collect();
    assert_eq!(urls.len(), SEATS);

    // The console: serves the seats whenever woken, runs the facilitator's commands.
    let (asks, inbox) = channel::<Ask>();
    let waker = asks.clone();
    desk.wake.set(Box::new(move || {
        let _ = waker.send(Ask::Wake);
    }));
    let console = std::thread::spawn(move || {
        while let Ok(ask) = inbox.recv() {
            match ask {
                Ask::Run(command, done) => {
                    session.execute(&command, Utc::now()).unwrap();
                    desk.serve(&mut session, Utc::now());
                    let _ = done.send(());
                }
                Ask::Wake => {
                    desk.serve(&mut session, Utc::now());
                }
                Ask::Stop => return,
            }
        }
    });
    let facilitate = |command: Command| {
        let (done, wait) = channel();
        asks.send(Ask::Run(command, done)).unwrap();
        wait.recv().unwrap();
    };
    facilitate(Command::Start);

    // Every seat's stream, read on a thread of its own: when each inject arrived.
    let arrivals: Arc<Mutex<Vec<Arrivals>>> = Arc::new(Mutex::new(vec![Vec::new(); SEATS]));
    for (n, url) in urls.iter().enumerate() {
        let (url, arrivals) = (format!("{url}/events"), arrivals.clone());
        std::thread::spawn(move || {
            let agent: ureq::Agent = ureq::Agent::config_builder().build().into();
            let response = agent.get(&url).call().unwrap();
            let mut last = String::new();
            for line in BufReader::new(response.into_body().into_reader()).lines() {
                let Ok(line) = line else { return };
                let Some(data) = line.strip_prefix("data: ") else {
                    continue;
                };
                let Ok(view) = serde_json::from_str::<serde_json::Value>(data) else {
                    continue;
                };
                let item = view["item"]["id"].as_str().unwrap_or_default().to_string();
                if item != last {
                    arrivals.lock().unwrap()[n].push((item.clone(), Instant::now()));
                    last = item;
                }
            }
        });
    }
    let text = || std::fs::read_to_string(&transcript).unwrap();
    let start = Instant::now();
    while text().matches("\"type\":\"seat_joined\"").count() < SEATS {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the seats did not all join"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    println!(
        "{SEATS} seats connected and recorded as joined in {:.0} ms",
        start.elapsed().as_secs_f64() * 1e3
    );

    // Deliveries: from the facilitator's command to each stream.
    let mut delivery = Vec::new();
    for i in 0..INJECTS {
        let id = format!("inject-{i}");
        let sent = Instant::now();
        facilitate(Command::Deliver { inject: id.clone() });
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let got = arrivals
                .lock()
                .unwrap()
                .iter()
                .filter_map(|a| a.iter().find(|(x, _)| *x == id).map(|(_, at)| *at))
                .collect::<Vec<_>>();
            if got.len() == SEATS {
                delivery.extend(got.into_iter().map(|at| at - sent));
                break;
            }
            assert!(
                Instant::now() < deadline,
                "inject {i} reached only {} seats",
                got.len()
            );
            std::thread::sleep(Duration::from_millis(2));
        }
    }
    report("inject delivered to all 100 streams", &mut delivery);
    let rss_loaded = rss_kib();

    // Responses: every seat at once, until recorded and fsynced.
    let mut recorded = Vec::new();
    for round in 0..ROUNDS {
        let barrier = Arc::new(Barrier::new(SEATS));
        let item = format!("inject-{}", INJECTS - 1);
        let threads: Vec<_> = urls
            .iter()
            .map(|url| {
                let (url, barrier, item) = (format!("{url}/response"), barrier.clone(), item.clone());
                std::thread::spawn(move || {
                    let agent: ureq::Agent = ureq::Agent::config_builder().build().into();
                    let body = format!(r#"{{"item":"{item}","text":"Round {round}: we isolate the host and call counsel."}}"#);
                    barrier.wait();
                    let sent = Instant::now();
                    let response = agent.post(&url).header("Content-Type", "application/json").send(body.as_bytes()).unwrap();
                    assert_eq!(response.status().as_u16(), 200);
                    sent.elapsed()
                })
            })
            .collect();
        recorded.extend(threads.into_iter().map(|t| t.join().unwrap()));
        std::thread::sleep(Duration::from_millis(600));
    }
    report(
        "100 simultaneous responses, each recorded and fsynced",
        &mut recorded,
    );
    let responses = text().matches("\"type\":\"response_recorded\"").count();
    assert_eq!(
        responses,
        SEATS * ROUNDS,
        "every response is in the transcript"
    );

    println!(
        "memory: {:.1} MB before the server, {:.1} MB with it and {SEATS} streams open after {INJECTS} injects: +{:.1} MB (client threads included)",
        rss_before as f64 / 1024.0,
        rss_loaded as f64 / 1024.0,
        rss_loaded.saturating_sub(rss_before) as f64 / 1024.0
    );

    // Idle: every stream open, nothing happening.
    std::thread::sleep(Duration::from_secs(1));
    let (ticks, idle_from) = (cpu_ticks(), Instant::now());
    std::thread::sleep(Duration::from_secs(10));
    let used = cpu_ticks() - ticks;
    let hz = 100.0; // USER_HZ on Linux
    println!(
        "idle with {SEATS} streams open: {:.2} s of CPU over {:.0} s ({:.2}%)",
        used as f64 / hz,
        idle_from.elapsed().as_secs_f64(),
        used as f64 / hz / idle_from.elapsed().as_secs_f64() * 100.0
    );
    server.stop();
    let _ = asks.send(Ask::Stop);
    let _ = console.join();
}
