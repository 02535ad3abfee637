//! Opening a 100,000-event transcript for review and jumping to its last
//! event, after the file is read (goal: under 50 ms), and the peak memory of
//! a review process that has also finished its background check and score
//! (goal: under 150 MB). A custom harness: the memory is measured in a child
//! process so the harness's own allocations do not count.

use tabletop_core::synthetic as support;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tabletop_tui::theme::Theme;

const CHILD: &str = "TABLETOP_REVIEW_BENCH_CHILD";

/// Open, jump to the last event, draw the first frame.
fn open_and_jump(path: &Path, bytes: &Arc<[u8]>) -> tabletop_tui::review::ReviewApp {
    let mut app = tabletop_tui::review::open(path, bytes.clone(), Theme::plain()).unwrap();
    app.handle_key(KeyEvent::new(KeyCode::Char('G'), KeyModifiers::NONE));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|frame| tabletop_tui::review::render(frame, &app))
        .unwrap();
    app
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap();
    kb / 1024.0
}

fn main() {
    if let Some(path) = std::env::var_os(CHILD) {
        // The child: everything a review does, then its peak memory.
        let path = Path::new(&path);
        let bytes: Arc<[u8]> = std::fs::read(path).unwrap().into();
        let mut app = open_and_jump(path, &bytes);
        app.set_analysis(tabletop_tui::review::analyse(path, &bytes).unwrap());
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        terminal
            .draw(|frame| tabletop_tui::review::render(frame, &app))
            .unwrap();
        println!("{:.1}", peak_rss_mb());
        return;
    }
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl");
    support::transcript_with(&path, 100_000);
    let bytes: Arc<[u8]> = std::fs::read(&path).unwrap().into();
    println!(
        "review of a 100,000-event transcript ({:.1} MB)",
        bytes.len() as f64 / 1e6
    );

    let opened: Vec<Duration> = (0..30)
        .map(|_| {
            let start = Instant::now();
            let app = open_and_jump(&path, &bytes);
            let took = start.elapsed();
            assert_eq!(app.selected_line(), Some(app.index.len() - 1));
            took
        })
        .collect();
    println!(
        "  open, jump to the last event, first frame: median {:.1} ms of 30 (goal < 50 ms)",
        median(opened).as_secs_f64() * 1e3
    );

    let analysed: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            let analysis = tabletop_tui::review::analyse(&path, &bytes).unwrap();
            let took = start.elapsed();
            assert!(analysis.replay.read.damage.is_none());
            took
        })
        .collect();
    println!(
        "  background: verify, replay and score: median {:.1} ms of 5",
        median(analysed).as_secs_f64() * 1e3
    );

    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .env(CHILD, &path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!(
        "  peak memory of a review with everything loaded: {} MB (goal < 150 MB)",
        String::from_utf8_lossy(&out.stdout).trim()
    );
}
