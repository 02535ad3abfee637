//! `tabletop present`: a read-only window for the projector that follows a
//! running exercise from its transcript. It never writes and takes no lock:
//! the console keeps the transcript; this window only reads it again each
//! time the file changes (the operating system says when) and replays it
//! through the same engine. A line being written is simply not there yet.

use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::mpsc::Sender;
use std::time::SystemTime;

use chrono::{DateTime, TimeDelta, Utc};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use ratatui::Frame;
use ratatui::crossterm::event::Event;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use tabletop_core::engine::{Engine, Status};
use tabletop_core::regular_file::{self, MAX_TRANSCRIPT_BYTES};
use tabletop_core::replay::Replay;
use tabletop_core::room_view::RoomView;
use tabletop_core::text::visible;

use crate::keymap::{Action, Hint, Keymap, Section};
use crate::screen::terminal::Input;
use crate::screen::{Handled, Next, Screen};
use crate::theme::Theme;

pub struct Follower {
    path: PathBuf,
    theme: Theme,
    keymap: Rc<Keymap>,
    engine: Engine,
    /// The file's length and modification time when last read.
    seen: (u64, Option<SystemTime>),
    /// Why the last read failed; the last good view stays on screen.
    problem: Option<String>,
    scroll: u16,
    leave: bool,
    /// The hot wash is shown (it only can be once the exercise has ended).
    reveal: bool,
    /// Without a watcher (none available), the file is looked at every second.
    watcher: Option<RecommendedWatcher>,
    now: DateTime<Utc>,
}

impl Follower {
    /// Reads the transcript once (its errors are the caller's), then watches it.
    pub fn open(
        path: &Path,
        theme: Theme,
        keymap: Rc<Keymap>,
        waker: Option<Sender<Input>>,
    ) -> anyhow::Result<Self> {
        let (engine, seen) = read(path)?;
        let watcher = waker.and_then(|waker| {
            // Reading the file is an event too; only changes wake the screen.
            let mut watcher =
                notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                    if event.is_ok_and(|e| !matches!(e.kind, EventKind::Access(_))) {
                        let _ = waker.send(Input::Wake);
                    }
                })
                .ok()?;
            watcher.watch(path, RecursiveMode::NonRecursive).ok()?;
            Some(watcher)
        });
        Ok(Self {
            path: path.to_path_buf(),
            theme,
            keymap,
            engine,
            seen,
            problem: None,
            scroll: 0,
            leave: false,
            reveal: false,
            watcher,
            now: Utc::now(),
        })
    }

    /// Reads the transcript again if it changed since the last read.
    pub fn refresh(&mut self) {
        let Ok(meta) = std::fs::metadata(&self.path) else {
            self.problem = Some("the transcript can no longer be read".into());
            return;
        };
        if (meta.len(), meta.modified().ok()) == self.seen {
            return;
        }
        match read_with(&self.path, meta) {
            Ok((engine, seen)) => {
                let moved_on = engine.state().current_item() != self.engine.state().current_item();
                self.engine = engine;
                self.seen = seen;
                self.problem = None;
                if moved_on {
                    self.scroll = 0;
                }
            }
            Err(error) => self.problem = Some(error.to_string()),
        }
    }

    pub fn view(&self) -> RoomView {
        RoomView::revealing(&self.engine, self.now, self.reveal)
    }
}

fn read(path: &Path) -> anyhow::Result<(Engine, (u64, Option<SystemTime>))> {
    let meta = std::fs::metadata(path)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    read_with(path, meta)
}

/// Reads and replays the transcript whose metadata was just looked at.
fn read_with(
    path: &Path,
    meta: std::fs::Metadata,
) -> anyhow::Result<(Engine, (u64, Option<SystemTime>))> {
    let cannot = |e: std::io::Error| anyhow::anyhow!("cannot read {}: {e}", path.display());
    let bytes = regular_file::read(path, MAX_TRANSCRIPT_BYTES).map_err(cannot)?;
    let replay = Replay::from_bytes(path, &bytes)?;
    Ok((replay.engine, (meta.len(), meta.modified().ok())))
}

impl Screen for Follower {
    fn render(&self, frame: &mut Frame) {
        let area = frame.area();
        let [main, bottom] = Layout::vertical([
            Constraint::Min(1),
            Constraint::Length(u16::from(self.problem.is_some())),
        ])
        .areas(area);
        super::view::render(frame, main, &self.view(), self.theme, self.scroll);
        if let Some(problem) = &self.problem {
            frame.render_widget(
                Paragraph::new(Line::styled(visible(problem), self.theme.bad())),
                bottom,
            );
        }
    }

    fn event(&mut self, event: &Event, now: DateTime<Utc>) -> Handled {
        self.now = now;
        let Event::Key(key) = event else {
            return Handled::Ignored;
        };
        match self.keymap.action(Section::Present, *key) {
            Some(Action::Quit) => self.leave = true,
            Some(Action::Reveal) => {
                self.reveal = !self.reveal;
                self.scroll = 0;
            }
            Some(Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            Some(Action::Down) => self.scroll = self.scroll.saturating_add(1),
            Some(Action::PageUp) => self.scroll = self.scroll.saturating_sub(10),
            Some(Action::PageDown) => self.scroll = self.scroll.saturating_add(10),
            _ => return Handled::Ignored,
        }
        Handled::Consumed
    }

    fn commands(&self) -> Vec<Hint> {
        vec![
            Hint::new(Section::Present, Action::Reveal, "hot wash"),
            Hint::new(Section::Present, Action::Quit, "close"),
        ]
    }

    fn next(&mut self) -> Next {
        if self.leave { Next::Back } else { Next::Stay }
    }

    fn tick(&mut self, now: DateTime<Utc>) {
        self.now = now;
        if self.watcher.is_none() {
            self.refresh();
        }
    }

    fn wake(&mut self) {
        self.refresh();
    }

    /// The clock on screen moves each second while it runs; without a
    /// watcher the file is looked at each second too. Otherwise it sleeps.
    fn next_wakeup(&self) -> Option<DateTime<Utc>> {
        let state = self.engine.state();
        let running = state.status == Status::InProgress && state.clock.running;
        if running {
            let elapsed = state.elapsed_at(self.now);
            let next_second = (elapsed / 1000 + 1) * 1000;
            return state.clock.wall_at(next_second);
        }
        if self.watcher.is_none() {
            return Some(self.now + TimeDelta::seconds(1));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, TimeDelta, Utc};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use tabletop_core::engine::{Command, ExerciseSetup};
    use tabletop_core::library::bundled_file;
    use tabletop_core::session::{Exercise, Session};

    use super::*;
    use crate::screen::Screen;

    fn start() -> DateTime<Utc> {
        "2026-03-03T09:00:00Z".parse().unwrap()
    }

    fn shown(follower: &Follower, width: u16, height: u16) -> Terminal<TestBackend> {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| follower.render(frame)).unwrap();
        terminal
    }

    #[test]
    fn follows_a_running_exercise_without_writing_to_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("run.jsonl");
        let exercise = Exercise::load(
            bundled_file("tutorial.toml").unwrap(),
            bundled_file("plans/gdpr-midsize.toml").unwrap(),
        )
        .unwrap();
        let mut session =
            Session::create(&path, &exercise, ExerciseSetup::new(5), start()).unwrap();
        session.sync().unwrap();

        // The console holds the lock; the follower reads all the same.
        let mut follower =
            Follower::open(&path, Theme::plain(), Rc::new(Keymap::default()), None).unwrap();
        follower.now = start();
        let before = format!("{:?}", shown(&follower, 80, 24).backend());
        assert!(before.contains("The exercise begins shortly"), "{before}");
        assert!(
            follower.next_wakeup().is_some(),
            "without a watcher it looks each second"
        );

        let at = |s| start() + TimeDelta::seconds(s);
        session.execute(&Command::Start, at(0)).unwrap();
        session.execute(&Command::DeliverNext, at(40)).unwrap();
        session.sync().unwrap();
        let written = std::fs::read(&path).unwrap();
        follower.now = at(50);
        follower.refresh();
        let view = follower.view();
        let decision = view.decision.expect("the decision is open");
        assert_eq!(decision.options.len(), 4);
        assert_eq!(decision.remaining_ms, Some(110_000));
        insta::assert_snapshot!("present_120x40", shown(&follower, 120, 40).backend());
        let screen = format!("{:?}", shown(&follower, 80, 24).backend());
        assert!(screen.contains("Close the ticket as spam"), "{screen}");
        assert!(!screen.contains("strong answer"), "{screen}");

        // Paused, it sleeps; ended, it says so. It never wrote a byte.
        session.execute(&Command::Pause, at(60)).unwrap();
        session.execute(&Command::End, at(61)).unwrap();
        session.sync().unwrap();
        follower.refresh();
        assert_eq!(
            follower.view().clock,
            tabletop_core::room_view::RoomClock::Ended
        );
        assert!(std::fs::read(&path).unwrap().starts_with(&written));
    }

    #[test]
    fn a_transcript_that_is_not_one_is_an_error_before_the_screen_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.jsonl");
        std::fs::write(&path, "hello\n").unwrap();
        let error = Follower::open(&path, Theme::plain(), Rc::new(Keymap::default()), None)
            .err()
            .unwrap();
        assert!(error.to_string().contains("notes.jsonl"), "{error}");
    }
}
