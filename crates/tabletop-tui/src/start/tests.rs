//! The start screen on a test terminal: the library, the setup form, and
//! saved exercises opening in the console or the review.

use std::rc::Rc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tabletop_core::library::SearchPath;

use super::{Catalog, RunState, StartScreen, render};
use crate::Settings;
use crate::keymap::Keymap;
use crate::screen::{Next, Screen};
use crate::theme::Theme;

fn screen(catalog: Catalog) -> StartScreen {
    let settings = Settings {
        keymap: Rc::new(Keymap::default()),
        theme: Theme::plain(),
        start_speed: None,
        retention: None,
        seats: None,
    };
    StartScreen::new(catalog, settings, std::sync::mpsc::channel().0)
}

#[test]
fn the_start_screen_offers_the_library_and_a_setup_form() {
    let catalog = Catalog::gather(
        &SearchPath::only_bundled(),
        std::path::Path::new("/nonexistent"),
    );
    assert_eq!(
        catalog.scenarios[0].summary.id, "tutorial",
        "the tutorial comes first"
    );
    let mut screen = screen(catalog);
    let draw_start = |screen: &StartScreen, width, height| {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| render(frame, screen)).unwrap();
        terminal
    };
    insta::assert_snapshot!("start@80x24", draw_start(&screen, 80, 24).backend());
    insta::assert_snapshot!("start@160x48", draw_start(&screen, 160, 48).backend());
    insta::assert_snapshot!("start@120x40", draw_start(&screen, 120, 40).backend());
    insta::assert_snapshot!("start@200x60", draw_start(&screen, 200, 60).backend());
    screen.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    insta::assert_snapshot!("setup@80x24", draw_start(&screen, 80, 24).backend());
}

#[test]
fn the_preview_shows_the_plan_with_its_action_ids() {
    let catalog = Catalog::gather(
        &SearchPath::only_bundled(),
        std::path::Path::new("/nonexistent"),
    );
    let mut screen = screen(catalog);
    let draw = |screen: &StartScreen, width, height| {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| render(frame, screen)).unwrap();
        format!("{:?}", terminal.backend())
    };
    screen.handle_key(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::NONE));
    let shown = draw(&screen, 120, 40);
    assert!(shown.contains("gdpr-midsize"), "{shown}");
    assert!(shown.contains("incident-commander"), "{shown}");
    assert!(
        shown.contains("triage-alert"),
        "action ids are shown: {shown}"
    );
    screen.handle_key(KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE));
    screen.handle_key(KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE));
    let scrolled = draw(&screen, 120, 40);
    assert!(
        !scrolled.contains("Fernhill Outdoor GmbH, version"),
        "scrolled past the heading"
    );
    // Another scenario starts at the top of its own plan; `p` goes back.
    screen.handle_key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    assert_eq!(screen.preview_scroll, 0);
    screen.handle_key(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::NONE));
    assert!(!screen.showing_plan);
    screen.handle_key(KeyEvent::new(KeyCode::Up, KeyModifiers::NONE));
    screen.handle_key(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::NONE));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|frame| render(frame, &screen)).unwrap();
    insta::assert_snapshot!("plan-preview@80x24", terminal.backend());
}

#[test]
fn saved_exercises_are_offered_to_resume_or_review() {
    let dir = tempfile::tempdir().unwrap();
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../transcripts");
    std::fs::copy(
        examples.join("tutorial.jsonl"),
        dir.path().join("a-finished.jsonl"),
    )
    .unwrap();
    let text = std::fs::read_to_string(examples.join("tutorial.jsonl")).unwrap();
    let first_lines: Vec<&str> = text.lines().take(6).collect();
    std::fs::write(
        dir.path().join("b-interrupted.jsonl"),
        first_lines.join("\n") + "\n",
    )
    .unwrap();
    let catalog = Catalog::gather(&SearchPath::only_bundled(), dir.path());
    let states: Vec<RunState> = catalog.saved.iter().map(|r| r.state).collect();
    assert_eq!(
        states,
        [RunState::Interrupted, RunState::Ended],
        "interrupted first"
    );
    let mut screen = screen(catalog);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|frame| render(frame, &screen)).unwrap();
    let shown = format!("{:?}", terminal.backend());
    assert!(
        shown.contains("Saved exercises (2)")
            && shown.contains("resume")
            && shown.contains("review")
    );
    let key =
        |screen: &mut StartScreen, code| screen.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    key(&mut screen, KeyCode::Tab);
    key(&mut screen, KeyCode::Enter);
    let Next::Replace(console) = screen.next() else {
        panic!("an interrupted exercise opens in the console");
    };
    let summary = console
        .summary()
        .expect("the console reports its transcript");
    assert!(summary.path.ends_with("b-interrupted.jsonl") && !summary.ended);
    assert!(
        matches!(screen.next(), Next::Stay),
        "the choice is taken once"
    );
    key(&mut screen, KeyCode::Down);
    key(&mut screen, KeyCode::Enter);
    let Next::Open(review) = screen.next() else {
        panic!("a finished exercise opens in the review, over the start screen");
    };
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
    terminal.draw(|frame| review.render(frame)).unwrap();
    let shown = format!("{:?}", terminal.backend());
    assert!(
        shown.contains("Review keys") || shown.contains("annotate"),
        "{shown}"
    );
}

#[test]
fn a_named_pipe_among_saved_exercises_is_passed_over_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("stuck.jsonl");
    let c = std::ffi::CString::new(pipe.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path that mkfifo does not keep.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../transcripts");
    std::fs::copy(
        examples.join("tutorial.jsonl"),
        dir.path().join("done.jsonl"),
    )
    .unwrap();
    let started = std::time::Instant::now();
    let catalog = Catalog::gather(&SearchPath::only_bundled(), dir.path());
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    assert_eq!(catalog.saved.len(), 1, "the pipe is not offered");
}

#[test]
fn the_first_frame_does_not_wait_for_the_library() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        "../../transcripts/tutorial.jsonl",
        dir.path().join("t.jsonl"),
    )
    .unwrap();
    let settings = Settings {
        keymap: Rc::new(Keymap::default()),
        theme: Theme::plain(),
        start_speed: None,
        retention: None,
        seats: None,
    };
    let (waker, woken) = std::sync::mpsc::channel();
    let mut screen = StartScreen::new(Catalog::default(), settings, waker);
    screen.load_in_background(SearchPath::only_bundled(), dir.path().to_path_buf());
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|frame| render(frame, &screen)).unwrap();
    // Whatever the timing, the frame is whole: reading, or read.
    let first = format!("{:?}", terminal.backend());
    assert!(first.contains("choose an exercise"), "{first}");

    // Two wakes: the scenarios and plans, then the saved exercises.
    for _ in 0..2 {
        woken.recv().unwrap();
        screen.wake();
    }
    assert!(!screen.reading);
    assert_eq!(screen.catalog.scenarios[0].summary.id, "tutorial");
    assert_eq!(screen.catalog.saved.len(), 1);
    terminal.draw(|frame| render(frame, &screen)).unwrap();
    let shown = format!("{:?}", terminal.backend());
    assert!(shown.contains("First Run: The Payroll Email"), "{shown}");
    assert!(shown.contains("Saved exercises (1)"), "{shown}");
}
