//! A table for the seats tests: an exercise on the seats fixture, its seats
//! server on a free loopback port, and a stand-in console on a thread of its
//! own that serves the seats and runs the facilitator's commands.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::Utc;
use tabletop_core::SourceFile;
use tabletop_core::engine::{Command, ExerciseSetup, Participant};
use tabletop_core::library::bundled_file;
use tabletop_core::seats::{Roster, SeatLinks};
use tabletop_core::session::{Exercise, Session};
use tabletop_seats::{Limits, SeatsServer, Serving};

pub const FIXTURE: &str = "../../tests/fixtures/seats/private-briefing.toml";

enum Ask {
    Run(Command, Sender<Result<(), String>>),
    Wake,
    Stop,
}

pub struct Table {
    pub dir: tempfile::TempDir,
    /// The certificate, when served over HTTPS.
    pub certificate: Option<String>,
    pub transcript: PathBuf,
    pub links: SeatLinks,
    server: Option<SeatsServer>,
    console: Option<JoinHandle<()>>,
    asks: Sender<Ask>,
}

pub fn exercise() -> Exercise {
    let text = std::fs::read_to_string(FIXTURE).unwrap();
    Exercise::load(
        SourceFile::new(FIXTURE.to_string(), text),
        bundled_file("plans/gdpr-midsize.toml").unwrap(),
    )
    .unwrap()
}

impl Table {
    /// An anonymous exercise (a seat per role), or with named participants.
    pub fn open(participants: &[(&str, &[&str])], limits: Limits) -> Self {
        Self::serving(participants, limits, false)
    }

    /// As [`Table::open`], served over HTTPS when `tls`.
    pub fn serving(participants: &[(&str, &[&str])], limits: Limits, tls: bool) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let transcript = dir.path().join("seats.jsonl");
        let mut setup = ExerciseSetup::new(7);
        setup.anonymous = participants.is_empty();
        setup.participants = participants
            .iter()
            .map(|(name, roles)| Participant {
                name: name.to_string(),
                roles: roles.iter().map(|r| r.to_string()).collect(),
            })
            .collect();
        let mut session = Session::create(&transcript, &exercise(), setup, Utc::now()).unwrap();
        let engine = session.engine();
        let roster = Roster::for_exercise(engine.scenario(), engine.plan(), engine.setup());
        let serving = Serving {
            limits,
            kept_for: Some("90 days".into()),
            tls,
            ..Serving::on("127.0.0.1:0".parse().unwrap())
        };
        let (server, mut desk) = SeatsServer::start(serving, roster, &transcript, engine).unwrap();
        let links = server.links.clone();
        let certificate = server.certificate.clone();
        let (asks, inbox) = channel::<Ask>();
        let waker = asks.clone();
        desk.wake.set(Box::new(move || {
            let _ = waker.send(Ask::Wake);
        }));
        let console = std::thread::spawn(move || {
            loop {
                // Seats that left are recorded once their grace has passed.
                let ask = inbox.recv_timeout(Duration::from_millis(200));
                match ask {
                    Ok(Ask::Stop) | Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
                    Ok(Ask::Run(command, done)) => {
                        let outcome = session
                            .execute(&command, Utc::now())
                            .map(|_| ())
                            .map_err(|e| e.to_string());
                        let _ = done.send(outcome);
                    }
                    Ok(Ask::Wake) | Err(_) => {}
                }
                desk.serve(&mut session, Utc::now());
            }
        });
        Self {
            dir,
            certificate,
            transcript,
            links,
            server: Some(server),
            console: Some(console),
            asks,
        }
    }

    /// Runs a facilitator's command at the console.
    pub fn facilitate(&self, command: Command) {
        let (done, outcome) = channel();
        self.asks.send(Ask::Run(command.clone(), done)).unwrap();
        outcome
            .recv_timeout(Duration::from_secs(10))
            .unwrap()
            .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    }

    pub fn url(&self, seat: &str) -> String {
        self.links
            .seats
            .iter()
            .find(|s| s.seat == seat)
            .unwrap_or_else(|| panic!("no seat {seat}"))
            .url
            .clone()
    }

    pub fn base(&self) -> &str {
        &self.links.base
    }

    pub fn transcript_text(&self) -> String {
        std::fs::read_to_string(&self.transcript).unwrap()
    }

    /// Closes the console: the server stops, then the console's thread.
    pub fn close(&mut self) {
        if let Some(mut server) = self.server.take() {
            server.stop();
        }
        let _ = self.asks.send(Ask::Stop);
        if let Some(console) = self.console.take() {
            let _ = console.join();
        }
    }

    pub fn stop_server(&mut self) {
        if let Some(mut server) = self.server.take() {
            server.stop();
        }
    }
}

impl Drop for Table {
    fn drop(&mut self) {
        self.close();
    }
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into()
}

/// Status and body of a GET.
pub fn get(url: &str) -> (u16, String) {
    let mut response = agent().get(url).call().unwrap();
    let status = response.status().as_u16();
    (
        status,
        response.body_mut().read_to_string().unwrap_or_default(),
    )
}

/// Status and body of a POST of `body` as JSON.
pub fn post(url: &str, body: &str) -> (u16, String) {
    post_as(url, body, "application/json")
}

pub fn post_as(url: &str, body: &str, content_type: &str) -> (u16, String) {
    let mut response = agent()
        .post(url)
        .header("Content-Type", content_type)
        .send(body.as_bytes())
        .unwrap();
    let status = response.status().as_u16();
    (
        status,
        response.body_mut().read_to_string().unwrap_or_default(),
    )
}

/// An open event stream: every line it sent so far, read on a thread.
pub struct Stream {
    pub lines: Arc<Mutex<Vec<String>>>,
    pub ended: Arc<Mutex<bool>>,
}

impl Stream {
    pub fn open(url: &str) -> Self {
        let lines = Arc::new(Mutex::new(Vec::new()));
        let ended = Arc::new(Mutex::new(false));
        let (l, e) = (lines.clone(), ended.clone());
        let url = format!("{url}/events");
        std::thread::spawn(move || {
            let agent: ureq::Agent = ureq::Agent::config_builder()
                .http_status_as_error(false)
                .build()
                .into();
            if let Ok(response) = agent.get(&url).call() {
                let reader = BufReader::new(response.into_body().into_reader());
                for line in reader.lines() {
                    match line {
                        Ok(line) => l.lock().unwrap().push(line),
                        Err(_) => break,
                    }
                }
            }
            *e.lock().unwrap() = true;
        });
        Self { lines, ended }
    }

    /// The views received so far, as JSON.
    pub fn views(&self) -> Vec<serde_json::Value> {
        self.lines
            .lock()
            .unwrap()
            .iter()
            .filter_map(|l| l.strip_prefix("data: "))
            .filter_map(|d| serde_json::from_str(d).ok())
            .collect()
    }

    pub fn text(&self) -> String {
        self.lines.lock().unwrap().join("\n")
    }

    /// Waits until the latest view satisfies `test`; panics after a while.
    pub fn wait_for(
        &self,
        what: &str,
        test: impl Fn(&serde_json::Value) -> bool,
    ) -> serde_json::Value {
        let start = Instant::now();
        loop {
            if let Some(last) = self.views().last()
                && test(last)
            {
                return last.clone();
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "waited in vain for {what}; the stream sent:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn wait_ended(&self) {
        let start = Instant::now();
        while !*self.ended.lock().unwrap() {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "the stream did not end"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Polls until `test` holds; panics after a while.
pub fn eventually(what: &str, test: impl Fn() -> bool) {
    let start = Instant::now();
    while !test() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "waited in vain for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

pub fn transcript_path(table: &Table) -> &Path {
    &table.transcript
}
