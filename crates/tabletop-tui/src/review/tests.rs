//! The review, compare and trends screens on the example transcripts, drawn
//! on a test backend, and the trainer's keys.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use tabletop_core::trends;

use super::{ReviewApp, analyse, open, view};
use crate::compare::{self, CompareApp};
use crate::theme::Theme;

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../transcripts")
        .join(name)
}

/// A reviewed copy of an example transcript, in `dir`, analysed.
fn reviewing(dir: &tempfile::TempDir, name: &str) -> ReviewApp {
    let path = dir.path().join(name);
    std::fs::copy(example(name), &path).unwrap();
    let bytes: Arc<[u8]> = std::fs::read(&path).unwrap().into();
    let mut app = open(&path, bytes.clone(), Theme::plain()).unwrap();
    app.set_analysis(analyse(&path, &bytes).unwrap());
    app
}

fn key(app: &mut ReviewApp, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn text(app: &mut ReviewApp, words: &str) {
    for c in words.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn screen(app: &ReviewApp, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::render(frame, app)).unwrap();
    terminal
}

fn snapshot(name: &str, terminal: &Terminal<TestBackend>) {
    insta::with_settings!({ filters => vec![(r"/tmp/\.tmp\w+/", "[TMP]/")] }, {
        insta::assert_snapshot!(name, terminal.backend());
    });
}

#[test]
fn the_review_shows_the_selected_inject_with_what_it_did_to_the_score() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = reviewing(&dir, "vendor-survey-leak-weak.jsonl");
    key(&mut app, KeyCode::Char(']'));
    key(&mut app, KeyCode::Char(']'));
    let seq = app.selected_record().unwrap().seq;
    assert_eq!(seq, 8, "the second inject");
    let shown = format!("{:?}", screen(&app, 140, 44).backend());
    assert!(shown.contains("intact"), "integrity is shown");
    assert!(shown.contains("The sample is real"));
    assert!(shown.contains("Effect on the score") || shown.contains("MISSED"));
    snapshot("review_inject_140x44", &screen(&app, 140, 44));
    snapshot("review_narrow_80x30", &screen(&app, 80, 30));
    snapshot("review_inject_80x24", &screen(&app, 80, 24));
    snapshot("review_inject_120x40", &screen(&app, 120, 40));
    snapshot("review_inject_200x60", &screen(&app, 200, 60));
}

#[test]
fn gaps_filters_and_search_move_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = reviewing(&dir, "vendor-survey-leak-weak.jsonl");
    let gaps = app.analysis.as_ref().unwrap().gaps.clone();
    assert!(!gaps.is_empty());
    key(&mut app, KeyCode::Char('m'));
    assert_eq!(app.selected_record().unwrap().seq, gaps[0]);
    key(&mut app, KeyCode::Char('m'));
    assert_eq!(app.selected_record().unwrap().seq, gaps[1]);
    key(&mut app, KeyCode::Char('M'));
    assert_eq!(app.selected_record().unwrap().seq, gaps[0]);

    // Decisions only, then one role's decisions.
    for _ in 0..2 {
        key(&mut app, KeyCode::Char('t'));
    }
    assert!(app.rows.len() < app.index.len());
    for &line in &app.rows {
        let kind = app.record(line).unwrap().event.kind();
        assert!(kind.starts_with("decision"), "{kind}");
    }
    key(&mut app, KeyCode::Char('c'));
    assert_eq!(app.rows.len(), app.index.len());

    // Search wraps around and finds the words in responses.
    key(&mut app, KeyCode::Char('/'));
    text(&mut app, "contract");
    key(&mut app, KeyCode::Enter);
    let found = app.selected_record().unwrap();
    let words = tabletop_core::report::describe(
        &found.event,
        &app.exercise.scenario,
        &app.exercise.plan,
        false,
    );
    assert!(words.to_lowercase().contains("contract"), "{words}");
    let first = found.seq;
    key(&mut app, KeyCode::Char('n'));
    assert_ne!(
        app.selected_record().unwrap().seq,
        first,
        "n finds the next match"
    );
}

#[test]
fn an_annotation_is_saved_beside_the_transcript_and_shown_on_its_event() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = reviewing(&dir, "vendor-survey-leak-weak.jsonl");
    let before = std::fs::read(&app.path).unwrap();
    key(&mut app, KeyCode::Char('G'));
    key(&mut app, KeyCode::Char('a'));
    key(&mut app, KeyCode::Tab); // note → strength
    text(&mut app, "Closed the exercise with a clear wrap-up");
    app.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert!(!app.modals.is_open(), "{:?}", app.message);
    let last = app.index.len() as u64;
    let on_it = app.annotations_on(last);
    assert_eq!(on_it.len(), 1);
    assert_eq!(
        on_it[0].0.kind,
        tabletop_core::annotations::AnnotationKind::Strength
    );
    let shown = format!("{:?}", screen(&app, 140, 44).backend());
    assert!(shown.contains("Closed the exercise"), "{shown}");
    assert_eq!(
        std::fs::read(&app.path).unwrap(),
        before,
        "the transcript is untouched"
    );
    // One Esc does not throw away what was typed; a second does.
    key(&mut app, KeyCode::Char('a'));
    text(&mut app, "half a thought");
    key(&mut app, KeyCode::Esc);
    assert!(app.modals.is_open(), "the first Esc only warns");
    app.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(
        !app.modals.is_open() && !app.leave,
        "Ctrl-C while typing discards, not quits"
    );
    assert_eq!(app.annotations.items.len(), 1);
    // A fresh open finds it again.
    let again = reviewing(&dir, "vendor-survey-leak-weak.jsonl");
    assert_eq!(again.annotations.items.len(), 1);
    // Deleting asks first.
    let mut app = again;
    key(&mut app, KeyCode::Char('G'));
    key(&mut app, KeyCode::Char('d'));
    key(&mut app, KeyCode::Char('y'));
    assert!(app.annotations.items.is_empty());
}

#[test]
fn the_plan_view_lists_every_action_and_opens_its_events() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = reviewing(&dir, "vendor-survey-leak-weak.jsonl");
    key(&mut app, KeyCode::Char('p'));
    snapshot("review_plan_140x44", &screen(&app, 140, 44));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    let action = &app.analysis.as_ref().unwrap().score.actions[1];
    assert_eq!(
        app.selected_record().unwrap().seq,
        action.evidence[0],
        "Enter goes to the first event behind the action"
    );
}

#[test]
fn a_damaged_transcript_opens_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.jsonl");
    let text = std::fs::read_to_string(example("tutorial.jsonl")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // Drop an event line: the chain breaks there.
    let kept: Vec<&str> = lines
        .iter()
        .enumerate()
        .filter(|(n, _)| *n != 4)
        .map(|(_, l)| *l)
        .collect();
    std::fs::write(&path, kept.join("\n") + "\n").unwrap();
    let bytes: Arc<[u8]> = std::fs::read(&path).unwrap().into();
    let mut app = open(&path, bytes.clone(), Theme::plain()).unwrap();
    app.set_analysis(analyse(&path, &bytes).unwrap());
    let shown = format!("{:?}", screen(&app, 140, 30).backend());
    assert!(shown.contains("NOT INTACT"), "{shown}");
    assert_eq!(
        app.rows.len(),
        lines.len() - 2,
        "every readable line is still listed"
    );
}

#[test]
fn compare_shows_phases_changed_actions_and_decision_times() {
    let mut app = CompareApp::open(
        &example("credential-stuffing-weak.jsonl"),
        &example("credential-stuffing-strong.jsonl"),
        Theme::plain(),
    )
    .unwrap();
    // The snapshot names the files the same wherever the checkout is.
    app.comparison.a.file = "credential-stuffing-weak.jsonl".into();
    app.comparison.b.file = "credential-stuffing-strong.jsonl".into();
    assert!(app.comparison.same_scenario);
    assert!(
        app.comparison
            .actions
            .iter()
            .any(|a| a.change == tabletop_core::compare::Change::Better)
    );
    let mut terminal = Terminal::new(TestBackend::new(120, 48)).unwrap();
    terminal.draw(|frame| compare::render(frame, &app)).unwrap();
    let shown = format!("{:?}", terminal.backend());
    assert!(shown.contains("TIME TO DECIDE"));
    snapshot("compare_120x48", &terminal);
    for (width, height) in [(80, 24), (120, 40), (200, 60)] {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| compare::render(frame, &app)).unwrap();
        snapshot(&format!("compare_{width}x{height}"), &terminal);
    }
}

#[test]
fn trends_draw_a_chart_and_tables_in_run_order() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "credential-stuffing.jsonl",
        "credential-stuffing-strong.jsonl",
        "credential-stuffing-weak.jsonl",
    ] {
        std::fs::copy(example(name), dir.path().join(name)).unwrap();
    }
    let mut t = trends::trends(dir.path()).unwrap();
    t.folder = "exercises".into();
    assert_eq!(t.runs.len(), 3);
    assert!(t.runs.windows(2).all(|w| w[0].started <= w[1].started));
    assert!(!t.recurring.is_empty());
    let mut buf = Buffer::empty(Rect::new(0, 0, 100, crate::trends::height(&t)));
    crate::trends::render(buf.area, &mut buf, &t, Theme::plain());
    let out = crate::trends::to_text(&buf, false);
    insta::assert_snapshot!("trends_text_100", out);
}

#[test]
fn the_mouse_selects_a_row_and_the_wheel_scrolls_what_is_under_it() {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let dir = tempfile::tempdir().unwrap();
    let mut app = reviewing(&dir, "vendor-survey-leak-weak.jsonl");
    screen(&app, 140, 44);
    let mouse = |kind, column, row| MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    let rows = app.drawn.get().rows;
    app.handle_mouse(mouse(
        MouseEventKind::Down(MouseButton::Left),
        rows.x + 3,
        rows.y + 6,
    ));
    assert_eq!(
        app.selected, 6,
        "the seventh row shown is the seventh event"
    );
    app.handle_mouse(mouse(MouseEventKind::ScrollDown, rows.x + 3, rows.y));
    assert_eq!(app.selected, 9);
    let detail = app.drawn.get().detail;
    app.handle_mouse(mouse(
        MouseEventKind::ScrollDown,
        detail.x + 2,
        detail.y + 2,
    ));
    assert_eq!(
        (app.selected, app.detail_scroll),
        (9, 3),
        "the wheel over details scrolls them"
    );
}
