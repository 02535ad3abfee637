//! Screens as a facilitator sees them, on a test terminal: snapshots at 80×24
//! and 160×48, and the colours that carry meaning.

use chrono::{DateTime, TimeDelta, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;
use tabletop_core::engine::ExerciseSetup;
use tabletop_core::library::bundled_file;
use tabletop_core::session::{Exercise, Session};

use super::Console;
use super::ui;
use crate::theme::Theme;

fn start() -> DateTime<Utc> {
    "2026-03-03T09:00:00Z".parse().unwrap()
}

fn app(dir: &tempfile::TempDir, theme: Theme) -> Console {
    let file = |suffix: &str| bundled_file(suffix).unwrap();
    let exercise = Exercise::load(file("tutorial.toml"), file("plans/gdpr-midsize.toml")).unwrap();
    let session = Session::create(
        &dir.path().join("run.jsonl"),
        &exercise,
        ExerciseSetup::new(5),
        start(),
    )
    .unwrap();
    Console::new(session, start(), theme)
}

fn press(app: &mut Console, secs: i64, code: KeyCode) {
    app.now = start() + TimeDelta::seconds(secs);
    app.tick_due();
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn draw(app: &Console, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::render(frame, app)).unwrap();
    terminal
}

fn snapshot(name: &str, app: &Console, width: u16, height: u16) {
    let terminal = draw(app, width, height);
    insta::with_settings!({ filters => vec![(r"/tmp/\.tmp\w+/", "[TMP]/")], snapshot_suffix => format!("{width}x{height}") }, {
        insta::assert_snapshot!(name, terminal.backend());
    });
}

/// Started, first inject delivered, second (with a 2-minute decision) too.
fn at_first_decision(dir: &tempfile::TempDir, theme: Theme) -> Console {
    let mut app = app(dir, theme);
    press(&mut app, 0, KeyCode::Char(' '));
    press(&mut app, 40, KeyCode::Char('n'));
    app
}

#[test]
fn briefing_before_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir, Theme::plain());
    snapshot("briefing", &app, 80, 24);
    snapshot("briefing", &app, 160, 48);
}

#[test]
fn console_with_a_decision_open() {
    let dir = tempfile::tempdir().unwrap();
    let app = at_first_decision(&dir, Theme::plain());
    snapshot("decision", &app, 80, 24);
    snapshot("decision", &app, 160, 48);
}

#[test]
fn presenter_view_hides_facilitator_content() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = at_first_decision(&dir, Theme::plain());
    press(&mut app, 50, KeyCode::Char('p'));
    let screen = format!("{:?}", draw(&app, 160, 48).backend());
    assert!(
        !screen.contains("Facilitator only") && !screen.contains("Expected actions"),
        "{screen}"
    );
    // Neither the facilitator's note nor the console tip reaches the room;
    // the question, every option and the countdown do, even at 80×24.
    let small = format!("{:?}", draw(&app, 80, 24).backend());
    for shown in [&screen, &small] {
        assert!(!shown.contains("strong answer"), "{shown}");
        assert!(!shown.contains("options are numbered"), "{shown}");
        assert!(
            shown.contains("What does IT Security do with the email"),
            "{shown}"
        );
        assert!(shown.contains("Close the ticket as spam"), "{shown}");
        assert!(shown.contains("left"), "{shown}");
    }
    // Status messages stay on the facilitator's side.
    app.message = Some(("decision recorded".into(), false));
    assert!(!format!("{:?}", draw(&app, 80, 24).backend()).contains("decision recorded"));
    snapshot("presenter", &app, 80, 24);
    snapshot("presenter", &app, 160, 48);
}

#[test]
fn help_lists_every_key() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = at_first_decision(&dir, Theme::plain());
    press(&mut app, 50, KeyCode::Char('?'));
    snapshot("help", &app, 80, 24);
    // What does not fit is scrolled to, never cut off.
    let first = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(first.contains("↑↓ more"), "{first}");
    for _ in 0..30 {
        press(&mut app, 50, KeyCode::Down);
    }
    let scrolled = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(scrolled.contains("undo: take back"), "{scrolled}");
    assert!(scrolled.contains("take back the tick of the"), "{scrolled}");
}

#[test]
fn a_small_window_gets_a_message_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let app = at_first_decision(&dir, Theme::plain());
    for (w, h) in [(59, 24), (80, 15), (1, 1), (20, 5)] {
        let screen = format!("{:?}", draw(&app, w, h).backend());
        assert!(
            w < 20 || screen.contains("too small") || screen.contains("Enlarge"),
            "{w}x{h}: {screen}"
        );
    }
    snapshot("too-small", &app, 40, 10);
}

#[test]
fn the_end_screen_says_where_the_transcript_is() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = at_first_decision(&dir, Theme::plain());
    press(&mut app, 60, KeyCode::Char('1'));
    press(&mut app, 60, KeyCode::Char('y'));
    press(&mut app, 70, KeyCode::Char('E'));
    press(&mut app, 71, KeyCode::Char('y'));
    assert!(app.ended());
    snapshot("end", &app, 80, 24);
}

#[test]
fn the_end_screen_explains_the_score_and_writes_the_report() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let mut app = at_first_decision(&dir, Theme::plain());
    // The 2-minute countdown runs out: no decision, and its plan actions are missed.
    app.now = start() + TimeDelta::seconds(40 + 121);
    app.tick_due();
    let live = app.score();
    assert_eq!(
        live.decisions_score,
        Some(0.0),
        "the lapsed decision counts live"
    );
    press(&mut app, 200, KeyCode::Char('E'));
    press(&mut app, 201, KeyCode::Char('y'));
    assert!(app.ended());
    let screen = format!("{:?}", draw(&app, 120, 40).backend());
    assert!(screen.contains("NEEDS ATTENTION"), "{screen}");
    assert!(screen.contains("MISSED"), "{screen}");
    snapshot("end-with-gaps", &app, 120, 40);
    // A small window lists the gaps too, not only their number.
    let small = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(small.contains("MISSED"), "{small}");
    snapshot("end-with-gaps", &app, 80, 24);
    press(&mut app, 202, KeyCode::Char('r'));
    let report = dir.path().join("run-report.html");
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("After-action report"));
    let mode = std::fs::metadata(&report).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    assert!(!app.leave, "writing the report does not leave the screen");
    assert!(format!("{:?}", draw(&app, 120, 40).backend()).contains("run-report.html"));

    // `g` signs the transcript with the facilitator's key, beside it.
    let key = dir.path().join("id_ed25519");
    std::fs::write(&key, TEST_KEY).unwrap();
    app.signing_key = Some(key);
    press(&mut app, 203, KeyCode::Char('g'));
    let signature = std::fs::read_to_string(dir.path().join("run.jsonl.sig")).unwrap();
    assert!(signature.starts_with("-----BEGIN SSH SIGNATURE-----"));
    let signer = tabletop_core::signature::Signer::from_public_key(TEST_PUB).unwrap();
    let transcript = std::fs::read(dir.path().join("run.jsonl")).unwrap();
    assert!(tabletop_core::signature::verify(&transcript, &signature, &[signer]).is_ok());
    let shown = format!("{:?}", draw(&app, 120, 40).backend());
    assert!(shown.contains("signed "), "{shown}");
}

/// A key made for these tests only.
const TEST_KEY: &str = include_str!("../../../../tests/fixtures/keys/facilitator");
const TEST_PUB: &str = include_str!("../../../../tests/fixtures/keys/facilitator.pub");

#[test]
fn the_live_score_waits_for_what_can_still_be_done_in_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = at_first_decision(&dir, Theme::plain());
    // Nothing done yet, but nothing overdue: nothing to score.
    let score = app.score();
    assert!(score.actions_score.is_none(), "{score:?}");
    assert!(
        score.decisions_score.is_none(),
        "the open decision is not scored yet"
    );
    press(&mut app, 60, KeyCode::Char('1'));
    press(&mut app, 60, KeyCode::Char('y'));
    let score = app.score();
    assert_eq!(score.decisions_score, Some(100.0));
    let screen = format!("{:?}", draw(&app, 160, 48).backend());
    assert!(screen.contains("Score     100"), "{screen}");
}

#[test]
fn the_countdown_turns_yellow_then_red() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = at_first_decision(&dir, Theme::coloured());
    // The decision opened at 40s with a 2-minute countdown.
    let colour_at = |app: &mut Console, secs: i64| {
        app.now = start() + TimeDelta::seconds(secs);
        let terminal = draw(app, 80, 24);
        let buffer = terminal.backend().buffer();
        let (x, y) = (0..buffer.area.height)
            .flat_map(|y| (0..buffer.area.width).map(move |x| (x, y)))
            .find(|&(x, y)| buffer[(x, y)].symbol() == "⏳")
            .expect("the countdown is on screen");
        buffer[(x, y)].fg
    };
    assert_eq!(colour_at(&mut app, 50), Color::Green);
    assert_eq!(colour_at(&mut app, 110), Color::Yellow);
    assert_eq!(colour_at(&mut app, 140), Color::Red);
}

#[test]
fn a_decision_key_records_the_option_for_the_owner() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = at_first_decision(&dir, Theme::plain());
    press(&mut app, 60, KeyCode::Char('1'));
    press(&mut app, 60, KeyCode::Char('y'));
    let text = std::fs::read_to_string(dir.path().join("run.jsonl")).unwrap();
    let last = text.lines().last().unwrap();
    assert!(last.contains("\"type\":\"decision_taken\""), "{last}");
    assert!(
        last.contains("\"role\":\"it-security\""),
        "the decision's owner answers: {last}"
    );
}

#[test]
fn a_click_chooses_an_option_and_the_wheel_scrolls() {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let dir = tempfile::tempdir().unwrap();
    let mut app = at_first_decision(&dir, Theme::plain());
    let terminal = draw(&app, 80, 24);
    let buffer = terminal.backend().buffer().clone();
    let row = (0..24).find(|&y| {
        let line: String = (0..80)
            .map(|x| buffer[(x, y)].symbol().to_string())
            .collect();
        line.contains("Send an all-staff warning")
    });
    let mouse = |kind, row| MouseEvent {
        kind,
        column: 10,
        row,
        modifiers: KeyModifiers::NONE,
    };
    app.handle_mouse(mouse(MouseEventKind::ScrollDown, 3));
    assert_eq!(app.inject_scroll, 3);
    app.handle_mouse(mouse(
        MouseEventKind::Down(MouseButton::Left),
        row.expect("option 2 is on screen"),
    ));
    // A click, like a key, shows the choice before it is recorded.
    app.handle_key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE));
    let text = std::fs::read_to_string(dir.path().join("run.jsonl")).unwrap();
    let last = text.lines().last().unwrap();
    assert!(last.contains("\"type\":\"decision_taken\""), "{last}");
    assert!(
        last.contains("\"option\":\"warn-all-staff\""),
        "the clicked option is recorded: {last}"
    );
}

#[test]
fn looking_back_at_an_earlier_inject_and_ticking_it_late() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = at_first_decision(&dir, Theme::plain());
    press(&mut app, 45, KeyCode::Char('['));
    let screen = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(
        screen.contains("A store manager reports an odd email"),
        "{screen}"
    );
    assert!(screen.contains("looking back: 1 of 2"), "{screen}");
    // A late tick is recorded against the inject being looked at.
    press(&mut app, 46, KeyCode::Char('x'));
    press(&mut app, 47, KeyCode::Enter);
    let last = std::fs::read_to_string(dir.path().join("run.jsonl"))
        .unwrap()
        .lines()
        .last()
        .unwrap()
        .to_string();
    assert!(last.contains("\"item\":\"phish-reported\""), "{last}");
    press(&mut app, 48, KeyCode::Char(']'));
    assert_eq!(app.viewing, None);
    let screen = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(
        screen.contains("The ticket lands with IT Security"),
        "{screen}"
    );
}

#[test]
fn a_wildcard_card_is_shown_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = at_first_decision(&dir, Theme::plain());
    press(&mut app, 50, KeyCode::Char('1'));
    press(&mut app, 50, KeyCode::Char('y'));
    press(&mut app, 55, KeyCode::Char('d'));
    snapshot("wildcard", &app, 80, 24);
    snapshot("wildcard", &app, 160, 48);
}

#[test]
fn invisible_characters_in_the_scenario_never_reach_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let tutorial = bundled_file("tutorial.toml").unwrap();
    // Every title and body in the scenario gets a bidi override, a zero-width
    // space and a C1 control.
    let text = tutorial
        .text
        .replace("title = \"", "title = \"\u{202e}evil\u{200b}\u{9b} ")
        .replace("body = \"\"\"\n", "body = \"\"\"\n\u{2066}\u{202e}hidden ");
    let exercise = Exercise::load(
        tabletop_core::SourceFile::new("hostile.toml", text),
        bundled_file("plans/gdpr-midsize.toml").unwrap(),
    )
    .unwrap();
    let session = Session::create(
        &dir.path().join("run.jsonl"),
        &exercise,
        ExerciseSetup::new(5),
        start(),
    )
    .unwrap();
    let mut app = Console::new(session, start(), Theme::plain());
    for (width, height) in [(80, 24), (160, 48)] {
        for step in 0..3 {
            let shown = format!("{:?}", draw(&app, width, height).backend());
            for raw in ['\u{202e}', '\u{200b}', '\u{9b}', '\u{2066}'] {
                assert!(
                    !shown.contains(raw),
                    "{raw:?} reached the screen at step {step}"
                );
            }
            assert!(
                shown.contains("<U+202E>"),
                "the override is shown, not obeyed"
            );
            press(
                &mut app,
                10 * (step + 1),
                KeyCode::Char(if step == 0 { ' ' } else { 'n' }),
            );
        }
    }
}

#[test]
fn the_checklist_shows_what_the_decision_did_to_each_action() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = at_first_decision(&dir, Theme::plain());
    press(&mut app, 50, KeyCode::Char('1')); // pull-and-block fulfils both
    press(&mut app, 50, KeyCode::Char('y'));
    let shown = format!("{:?}", draw(&app, 160, 48).backend());
    assert!(shown.contains("[x] Triage"), "{shown}");
    assert!(shown.contains("[x] Preserve"), "{shown}");

    let dir = tempfile::tempdir().unwrap();
    let mut app = at_first_decision(&dir, Theme::plain());
    press(&mut app, 50, KeyCode::Char('4')); // close-as-spam goes against both
    press(&mut app, 50, KeyCode::Char('y'));
    let shown = format!("{:?}", draw(&app, 160, 48).backend());
    assert!(shown.contains("[!] Triage"), "{shown}");
    assert!(shown.contains("[!] Preserve"), "{shown}");
}

#[test]
fn a_digit_alone_never_records_a_decision() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = at_first_decision(&dir, Theme::plain());
    press(&mut app, 50, KeyCode::Char('1'));
    let shown = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(shown.contains("Record option 1?"), "{shown}");
    // Any key but y goes back with nothing recorded.
    press(&mut app, 51, KeyCode::Esc);
    let state = app.session.engine().state();
    assert!(state.open_decision.is_some());
    assert_eq!(state.decisions_taken(), 0);

    press(&mut app, 52, KeyCode::Char('2'));
    press(&mut app, 52, KeyCode::Char('y'));
    let state = app.session.engine().state();
    assert!(state.open_decision.is_none());
    assert_eq!(state.decisions_taken(), 1);
}

#[test]
fn moving_on_from_an_open_decision_asks_first_and_can_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = at_first_decision(&dir, Theme::plain());
    let delivered = app.session.engine().state().deliveries.len();
    press(&mut app, 50, KeyCode::Char('n'));
    let shown = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(shown.contains("A decision is still open"), "{shown}");
    press(&mut app, 51, KeyCode::Char('x'));
    assert_eq!(app.session.engine().state().deliveries.len(), delivered);
    assert!(app.session.engine().state().open_decision.is_some());

    press(&mut app, 52, KeyCode::Char('n'));
    press(&mut app, 52, KeyCode::Char('y'));
    assert!(app.session.engine().state().deliveries.len() > delivered);
    assert!(app.session.engine().state().open_decision.is_none());

    // Back on the inject with the decision, R puts it on the table again.
    press(&mut app, 53, KeyCode::Char('['));
    press(&mut app, 53, KeyCode::Char('R'));
    assert!(app.session.engine().state().open_decision.is_some());
}

#[test]
fn a_jump_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = at_first_decision(&dir, Theme::plain());
    let before = app.elapsed_ms();
    press(&mut app, 50, KeyCode::Char('C'));
    press(&mut app, 50, KeyCode::Char('q'));
    assert!(app.elapsed_ms() < before + 300_000);
    press(&mut app, 50, KeyCode::Char('C'));
    press(&mut app, 50, KeyCode::Char('y'));
    assert!(app.elapsed_ms() >= before + 300_000);
}

#[test]
fn the_clock_pauses_behind_the_quit_question_and_resume_goes_on_from_the_moment_left() {
    use crate::screen::Screen;
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Theme::plain());
    press(&mut app, 0, KeyCode::Char(' '));
    press(&mut app, 100, KeyCode::Char('q'));
    assert!(!app.session.engine().state().clock.running);
    let status = format!("{:?}", app.commands());
    // Thirty seconds of hesitation do not count; "no" runs the clock again.
    press(&mut app, 130, KeyCode::Char('x'));
    assert!(app.session.engine().state().clock.running, "{status}");
    app.now = start() + TimeDelta::seconds(200);
    let left_at = app.elapsed_ms();
    assert_eq!(left_at, 170_000);

    // Leaving by a signal records the moment, and resuming goes on from it
    // rather than from the last inject delivered.
    app.closing(start() + TimeDelta::seconds(200));
    let path = app.session.path().to_path_buf();
    drop(app);
    let (session, _) = Session::resume(&path).unwrap();
    let settings = crate::Settings {
        keymap: std::rc::Rc::new(crate::keymap::Keymap::default()),
        theme: Theme::plain(),
        start_speed: None,
        retention: None,
        seats: None,
    };
    let resumed = Console::open(session, &settings, start() + TimeDelta::hours(1)).unwrap();
    assert_eq!(resumed.elapsed_ms(), left_at);
    assert!(!resumed.session.engine().state().clock.running);
    let hints: Vec<&str> = resumed.commands().iter().map(|h| h.word).collect();
    assert!(hints.contains(&"run clock"), "{hints:?}");
}

#[test]
fn the_hot_wash_is_the_facilitators_until_revealed_to_the_room() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = at_first_decision(&dir, Theme::plain());
    press(&mut app, 50, KeyCode::Char('p'));
    press(&mut app, 60, KeyCode::Char('4'));
    press(&mut app, 60, KeyCode::Char('y'));
    press(&mut app, 70, KeyCode::Char('E'));
    press(&mut app, 71, KeyCode::Char('y'));
    assert!(app.ended());
    // Ending from the presenter view goes back to the facilitator's screen.
    let end = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(end.contains("Exercise complete"), "{end}");
    assert!(!end.contains("nobody else can click"), "{end}");

    press(&mut app, 72, KeyCode::Char('w'));
    snapshot("hot-wash", &app, 80, 24);
    let facilitator = format!("{:?}", draw(&app, 120, 40).backend());
    assert!(
        facilitator.contains("▶ chosen  Close the ticket as spam"),
        "{facilitator}"
    );

    press(&mut app, 73, KeyCode::Char('p'));
    let room = format!("{:?}", draw(&app, 120, 40).backend());
    assert!(room.contains("HOT WASH"), "{room}");
    assert!(!room.contains("Exercise complete"), "{room}");
}

#[test]
fn responses_stay_in_view_and_can_be_corrected_or_taken_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = at_first_decision(&dir, Theme::plain());
    // The decision's owner answers by default, and the screen says so.
    let shown = format!("{:?}", draw(&app, 160, 48).backend());
    assert!(shown.contains("Answering: IT Security Lead"), "{shown}");

    press(&mut app, 50, KeyCode::Char('r'));
    for c in "Pull it now".chars() {
        press(&mut app, 50, KeyCode::Char(c));
    }
    app.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    let shown = format!("{:?}", draw(&app, 160, 48).backend());
    assert!(shown.contains("IT Security Lead: Pull it now"), "{shown}");

    // e opens the latest response with its words, ready to change.
    press(&mut app, 51, KeyCode::Char('e'));
    press(&mut app, 51, KeyCode::Char('!'));
    app.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    let shown = format!("{:?}", draw(&app, 160, 48).backend());
    assert!(shown.contains("Pull it now! (corrected)"), "{shown}");

    // u names what it will take back and waits for y.
    press(&mut app, 52, KeyCode::Char('u'));
    let asked = format!("{:?}", draw(&app, 160, 48).backend());
    assert!(
        asked.contains("The response of IT Security Lead: Pull it now!"),
        "{asked}"
    );
    press(&mut app, 52, KeyCode::Char('y'));
    assert!(app.session.engine().state().responses.is_empty());
    let text = std::fs::read_to_string(dir.path().join("run.jsonl")).unwrap();
    assert!(text.contains("\"type\":\"response_withdrawn\""));
    assert!(text.contains("\"type\":\"response_corrected\""));
}

#[test]
fn every_option_can_be_reached_past_nine_and_on_a_small_screen() {
    let dir = tempfile::tempdir().unwrap();
    let tutorial = bundled_file("tutorial.toml").unwrap();
    let extra: String = (5..=12)
        .map(|n| {
            format!(
                "\n[[inject.decision.option]]\nid = \"extra-{n}\"\nlabel = \"Extra option number {n}\"\nquality = \"weak\"\n"
            )
        })
        .collect();
    // The extra options join the first decision, before the next inject.
    let text = tutorial.text.replacen(
        "\n# ---------------------------------------------------------------- 3",
        &format!("{extra}\n# ---------------------------------------------------------------- 3"),
        1,
    );
    let scenario = tabletop_core::SourceFile::new(tutorial.name.clone(), text);
    let plan = bundled_file("plans/gdpr-midsize.toml").unwrap();
    let (_, warnings) = tabletop_core::load::load_scenario(
        &scenario,
        Some(&tabletop_core::load::load_plan(&plan).unwrap().0),
    )
    .unwrap();
    assert!(
        warnings.iter().any(|w| w.message.contains("12 options")),
        "{warnings:?}"
    );
    let exercise = Exercise::load(scenario, plan).unwrap();
    let session = Session::create(
        &dir.path().join("run.jsonl"),
        &exercise,
        ExerciseSetup::new(5),
        start(),
    )
    .unwrap();
    let mut app = Console::new(session, start(), Theme::plain());
    press(&mut app, 0, KeyCode::Char(' '));
    press(&mut app, 40, KeyCode::Char('n'));

    // At 80×24 not all twelve fit: the panel says so and how to reach them.
    let shown = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(shown.contains("out of sight · Tab then ↑↓"), "{shown}");

    press(&mut app, 41, KeyCode::Tab);
    for _ in 0..11 {
        press(&mut app, 41, KeyCode::Down);
    }
    let shown = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(shown.contains("Extra option number 12"), "{shown}");
    press(&mut app, 42, KeyCode::Enter);
    press(&mut app, 42, KeyCode::Char('y'));
    let text = std::fs::read_to_string(dir.path().join("run.jsonl")).unwrap();
    assert!(text.contains("\"option\":\"extra-12\""), "{text}");
}

#[test]
fn a_card_drawn_by_the_clock_announces_itself_and_the_next_one_is_previewed() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = at_first_decision(&dir, Theme::plain());
    press(&mut app, 50, KeyCode::Char('1'));
    press(&mut app, 50, KeyCode::Char('y'));
    let (card, due) =
        tabletop_core::engine::next_wildcard(app.session.engine()).expect("a card is left");
    let due = due.expect("its draw is scheduled");
    let title = app
        .session
        .engine()
        .scenario()
        .wildcards
        .as_ref()
        .unwrap()
        .cards[card]
        .title
        .clone();
    // The tally names it before it comes.
    let before = format!("{:?}", draw(&app, 160, 48).backend());
    let start_of_title: String = title.chars().take(20).collect();
    assert!(
        before.contains(&format!("Next card {start_of_title}")),
        "{before}"
    );

    // Whatever comes due before the card arrives first.
    press(&mut app, due / 1000 - 1, KeyCode::Null);
    let on_screen = app.current_item();
    press(&mut app, due / 1000 + 1, KeyCode::Null);
    assert_eq!(app.session.engine().state().cards_drawn, 1);
    assert_eq!(
        app.current_item(),
        on_screen,
        "the inject under discussion stays"
    );
    let shown = format!("{:?}", draw(&app, 160, 48).backend());
    assert!(shown.contains("a wildcard came up"), "{shown}");
    // ] goes to it.
    press(&mut app, due / 1000 + 2, KeyCode::Char(']'));
    let shown = format!("{:?}", draw(&app, 160, 48).backend());
    assert!(shown.contains("Wildcard"), "{shown}");
}

#[test]
fn the_header_says_whether_the_exercise_keeps_to_its_planned_length() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = at_first_decision(&dir, Theme::plain());
    // Two of eight injects dealt with in 50 seconds of a ten-minute plan.
    let shown = format!("{:?}", draw(&app, 160, 48).backend());
    assert!(shown.contains("· 1m ahead"), "{shown}");
    app.now = start() + TimeDelta::minutes(9);
    let shown = format!("{:?}", draw(&app, 160, 48).backend());
    assert!(shown.contains("behind"), "{shown}");
}

#[test]
fn a_long_multi_day_exercise_reads_whole_at_every_size() {
    let dir = tempfile::tempdir().unwrap();
    let exercise = Exercise::load(
        bundled_file("ransomware-file-servers.toml").unwrap(),
        bundled_file("plans/hipaa-healthcare.toml").unwrap(),
    )
    .unwrap();
    let session = Session::create(
        &dir.path().join("run.jsonl"),
        &exercise,
        ExerciseSetup::new(5),
        start(),
    )
    .unwrap();
    let mut app = Console::new(session, start(), Theme::plain());
    press(&mut app, 0, KeyCode::Char(' '));
    press(&mut app, 1, KeyCode::Char('n'));
    for (width, height) in [(80, 24), (120, 40), (200, 60)] {
        let shown = format!("{:?}", draw(&app, width, height).backend());
        // The decision has three owners; its countdown still shows.
        assert!(shown.contains("left"), "{width}x{height}:\n{shown}");
        snapshot("ransomware", &app, width, height);
    }
    // Over days, the timeline names the day of each inject.
    let wide = format!("{:?}", draw(&app, 200, 60).backend());
    assert!(wide.contains("D2 01:04"), "{wide}");
}

#[test]
fn a_narrow_window_shows_every_side_pane_in_turn() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = at_first_decision(&dir, Theme::plain());
    let shown = |app: &Console| format!("{:?}", draw(app, 80, 24).backend());
    assert!(shown(&app).contains("Expected actions"));
    for title in ["Timeline", "Facilitator only", "Tally", "Expected actions"] {
        press(&mut app, 50, KeyCode::Char('v'));
        assert!(shown(&app).contains(title), "{title}:\n{}", shown(&app));
    }
}

#[test]
fn the_countdown_can_get_another_minute_or_be_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = at_first_decision(&dir, Theme::plain());
    press(&mut app, 50, KeyCode::Char('m'));
    let shown = format!("{:?}", draw(&app, 120, 40).backend());
    assert!(shown.contains("02:50 left"), "{shown}");
    press(&mut app, 51, KeyCode::Char('h'));
    let shown = format!("{:?}", draw(&app, 120, 40).backend());
    assert!(!shown.contains(" left "), "{shown}");
    // Long after the two minutes, the decision is still open.
    press(&mut app, 600, KeyCode::Null);
    assert!(app.session.engine().state().open_decision.is_some());
}

#[test]
fn the_msel_number_and_the_expected_action_are_on_the_facilitator_screen_only() {
    let dir = tempfile::tempdir().unwrap();
    let tutorial = bundled_file("tutorial.toml").unwrap();
    let text = tutorial.text.replacen(
        "[[inject]]\nid = \"",
        "[[inject]]\nnumber = \"7a\"\nexpected_action = \"Someone owns the alert within minutes\"\nid = \"",
        1,
    );
    let exercise = Exercise::load(
        tabletop_core::SourceFile::new("numbered.toml", text),
        bundled_file("plans/gdpr-midsize.toml").unwrap(),
    )
    .unwrap();
    let session = Session::create(
        &dir.path().join("run.jsonl"),
        &exercise,
        ExerciseSetup::new(5),
        start(),
    )
    .unwrap();
    let mut app = Console::new(session, start(), Theme::plain());
    press(&mut app, 0, KeyCode::Char(' '));
    app.now = start() + TimeDelta::seconds(2);
    app.tick_due();
    let shown = format!("{:?}", draw(&app, 160, 48).backend());
    assert!(
        shown.contains("#7a "),
        "the inject's number heads it: {shown}"
    );
    assert!(
        shown.contains("Expected: Someone owns the alert"),
        "{shown}"
    );
    press(&mut app, 5, KeyCode::Char('p'));
    let room = format!("{:?}", draw(&app, 160, 48).backend());
    assert!(
        room.contains("A STORE MANAGER REPORTS AN ODD EMAIL"),
        "the room view: {room}"
    );
    assert!(
        !room.contains("Someone owns the alert"),
        "never on the room's screen"
    );
}
