//! Time from launch to the first frame on screen: tabletop's start screen and
//! its console on the tutorial, against a minimal ratatui program that draws
//! one line.
//! Both run under a pseudo-terminal (`script` from util-linux) of 120×40; the
//! clock stops when the frame's text reaches the terminal. The two alternate,
//! so drift in the machine's speed touches both alike; median of 60 each.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHILD: &str = "TABLETOP_LAUNCH_BENCH_CHILD";

/// The minimal program: one frame, then exit.
fn minimal() {
    let mut terminal = ratatui::init();
    terminal
        .draw(|frame| {
            frame.render_widget(
                ratatui::text::Line::raw("minimal-frame-drawn"),
                frame.area(),
            )
        })
        .expect("draw");
    ratatui::restore();
}

fn time_to(command: &str, marker: &str) -> Duration {
    let start = Instant::now();
    let mut child = Command::new("script")
        .args([
            "-qfec",
            &format!("stty rows 40 cols 120; exec {command}"),
            "/dev/null",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("script from util-linux runs");
    let mut out = child.stdout.take().unwrap();
    let mut seen = Vec::new();
    let mut buffer = [0u8; 4096];
    let elapsed = loop {
        let n = out.read(&mut buffer).unwrap_or(0);
        assert!(n > 0, "{command} ended before drawing");
        seen.extend_from_slice(&buffer[..n]);
        if String::from_utf8_lossy(&seen).contains(marker) {
            break start.elapsed();
        }
    };
    // Closing the pseudo-terminal hangs the program up; it exits on SIGHUP.
    let _ = child.kill();
    let _ = child.wait();
    elapsed
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn main() {
    if std::env::var_os(CHILD).is_some() {
        minimal();
        return;
    }
    // Run only when asked by name or with no filter, like criterion benches.
    if std::env::args().skip(1).any(|a| a == "--list") {
        println!("launch: benchmark");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let me = std::env::current_exe().unwrap();
    let tabletop = env!("CARGO_BIN_EXE_tabletop");
    let runs = 60;
    let (mut minimal_runs, mut tabletop_runs) = (Vec::new(), Vec::new());
    let (mut start_runs, mut list_runs) = (Vec::new(), Vec::new());
    for i in 0..runs {
        minimal_runs.push(time_to(
            &format!("env {CHILD}=1 {}", me.display()),
            "minimal-frame-drawn",
        ));
        let transcript = dir.path().join(format!("t{i}.jsonl"));
        tabletop_runs.push(time_to(
            &format!(
                "env TABLETOP_DATA_DIR=/nonexistent {tabletop} run tutorial --transcript {}",
                transcript.display()
            ),
            "Briefing",
        ));
        start_runs.push(time_to(
            &format!("env TABLETOP_DATA_DIR=/nonexistent {tabletop}"),
            "choose an exercise",
        ));
        // The scenarios are read after the first frame: until they are listed.
        list_runs.push(time_to(
            &format!("env TABLETOP_DATA_DIR=/nonexistent {tabletop}"),
            "First Run: The Payroll Email",
        ));
    }
    let (m, t, s, l) = (
        median(minimal_runs),
        median(tabletop_runs),
        median(start_runs),
        median(list_runs),
    );
    println!("launch to first frame, median of {runs} (pseudo-terminal 120x40):");
    println!(
        "  minimal ratatui program: {:>7.2} ms",
        m.as_secs_f64() * 1000.0
    );
    println!(
        "  tabletop run tutorial:   {:>7.2} ms",
        t.as_secs_f64() * 1000.0
    );
    println!(
        "  tabletop (start screen): {:>7.2} ms",
        s.as_secs_f64() * 1000.0
    );
    println!(
        "  ... scenarios listed:    {:>7.2} ms",
        l.as_secs_f64() * 1000.0
    );
    println!(
        "  ratio: console {:.2}x, start screen {:.2}x (goal: within 1.5x)",
        t.as_secs_f64() / m.as_secs_f64(),
        s.as_secs_f64() / m.as_secs_f64()
    );
}
