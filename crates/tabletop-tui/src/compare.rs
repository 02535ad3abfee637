//! Two runs side by side: per-phase scores, plan actions whose outcome
//! changed, and the time each decision took.

use std::path::Path;
use std::rc::Rc;

use chrono::{DateTime, Utc};

use ratatui::Frame;
use ratatui::crossterm::event::{Event, KeyEvent, MouseEvent, MouseEventKind};
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use tabletop_core::compare::{Change, Comparison, compare};
use tabletop_core::replay::Replay;
use tabletop_core::report::format::truncate;
use tabletop_core::report::format::{self, margin, span};
use tabletop_core::report::{self as aar};
use tabletop_core::scoring::Verdict;
use tabletop_core::text::visible;

use crate::keymap::{Action, Hint, Keymap, Section};
use crate::screen::event_loop;
use crate::screen::terminal::{TerminalGuard, inputs};
use crate::screen::{Handled, Next, Screen};
use crate::theme::Theme;
use crate::widgets::status_bar;

pub struct CompareApp {
    pub comparison: Comparison,
    pub theme: Theme,
    pub scroll: u16,
    pub keymap: Rc<Keymap>,
    /// The trainer asked to leave.
    pub leave: bool,
}

impl CompareApp {
    pub fn open(a: &Path, b: &Path, theme: Theme) -> anyhow::Result<Self> {
        let report = |path: &Path| -> anyhow::Result<aar::AfterActionReport> {
            let replay =
                Replay::open(path).map_err(|e| anyhow::anyhow!("{}", visible(&e.to_string())))?;
            Ok(aar::build(&replay, replay.engine.plan()))
        };
        Ok(Self {
            comparison: compare(&report(a)?, &report(b)?),
            theme,
            scroll: 0,
            keymap: Rc::new(Keymap::default()),
            leave: false,
        })
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Handled {
        match self.keymap.action(Section::Compare, key) {
            Some(Action::Quit) => self.leave = true,
            Some(Action::Down) => self.scroll = self.scroll.saturating_add(1),
            Some(Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            Some(Action::PageDown) => self.scroll = self.scroll.saturating_add(10),
            Some(Action::PageUp) => self.scroll = self.scroll.saturating_sub(10),
            Some(Action::First) => self.scroll = 0,
            _ => return Handled::Ignored,
        }
        Handled::Consumed
    }

    /// The wheel scrolls, as the keys do.
    pub fn handle_mouse(&mut self, mouse: MouseEvent) -> Handled {
        match mouse.kind {
            MouseEventKind::ScrollDown => self.scroll = self.scroll.saturating_add(3),
            MouseEventKind::ScrollUp => self.scroll = self.scroll.saturating_sub(3),
            _ => return Handled::Ignored,
        }
        Handled::Consumed
    }
}

impl Screen for CompareApp {
    fn render(&self, frame: &mut Frame) {
        render(frame, self);
    }

    fn event(&mut self, event: &Event, _: DateTime<Utc>) -> Handled {
        match event {
            Event::Key(key) => self.handle_key(*key),
            Event::Mouse(mouse) => self.handle_mouse(*mouse),
            _ => Handled::Ignored,
        }
    }

    fn commands(&self) -> Vec<Hint> {
        vec![
            Hint::pair(Section::Compare, Action::Up, Action::Down, "scroll"),
            Hint::new(Section::Compare, Action::First, "top"),
            Hint::new(Section::Compare, Action::Quit, "quit"),
        ]
    }

    fn next(&mut self) -> Next {
        if self.leave { Next::Back } else { Next::Stay }
    }
}

/// `tabletop review A B`: two transcripts side by side.
pub fn run(a: &Path, b: &Path) -> anyhow::Result<()> {
    let settings = crate::settings()?;
    let mut app = CompareApp::open(a, b, settings.theme)?;
    app.keymap = settings.keymap.clone();
    let inputs = inputs()?;
    let mut guard = TerminalGuard::enter();
    event_loop::run(
        &mut guard.terminal,
        &inputs,
        &settings.keymap,
        Box::new(app),
    )?;
    Ok(())
}

fn delta(a: Option<f64>, b: Option<f64>) -> String {
    match (a, b) {
        (Some(a), Some(b)) => format!("{:+.0}", b - a),
        _ => String::new(),
    }
}

pub fn render(frame: &mut Frame, app: &CompareApp) {
    let theme = app.theme;
    let c = &app.comparison;
    let [top, body, bottom] = Layout::vertical([
        Constraint::Length(4),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    let run = |label: &str, r: &tabletop_core::compare::RunSummary| {
        Line::from(vec![
            Span::styled(format!(" {label} "), theme.accent()),
            Span::styled(visible(&r.title), theme.title()),
            Span::styled(
                format!(
                    "  ·  {} UTC  ·  overall {}  ·  {}",
                    r.started.format("%Y-%m-%d %H:%M"),
                    format::score(r.overall.map(f64::from)),
                    visible(&r.file)
                ),
                theme.dim(),
            ),
        ])
    };
    let mut head = vec![
        Line::styled(" Compare two runs", theme.title()),
        run("A", &c.a),
        run("B", &c.b),
    ];
    if !c.same_scenario {
        head.push(Line::styled(
            " Different scenarios: only what both share is compared.",
            theme.warn(),
        ));
    }
    frame.render_widget(Paragraph::new(head), top);

    let mut lines = vec![Line::styled(
        format!(
            "{:<32} {:>6} {:>3}   {:>6} {:>3}   {:>6}",
            "PHASE", "A", "", "B", "", "CHANGE"
        ),
        theme.dim(),
    )];
    let (a, b) = (c.a.overall.map(f64::from), c.b.overall.map(f64::from));
    lines.push(Line::from(vec![
        Span::raw(format!(
            "{:<32} {:>6} {:>3}   {:>6} {:>3}   ",
            "Overall",
            format::score(a),
            "",
            format::score(b),
            ""
        )),
        Span::styled(
            format!("{:>6}", delta(a, b)),
            if b >= a { theme.good() } else { theme.bad() },
        ),
    ]));
    for p in &c.phases {
        lines.push(Line::from(vec![
            Span::raw(format!(
                "{:<32} {:>6} ",
                truncate(&visible(&p.name), 32),
                format::score(p.a)
            )),
            Span::styled(
                format!("{:>3}", format::rating(p.a_rating)),
                theme.rating(p.a_rating),
            ),
            Span::raw(format!("   {:>6} ", format::score(p.b))),
            Span::styled(
                format!("{:>3}", format::rating(p.b_rating)),
                theme.rating(p.b_rating),
            ),
            Span::raw(format!("   {:>6}", delta(p.a, p.b))),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("PLAN ACTIONS THAT CHANGED ({})", c.actions.len()),
        theme.dim(),
    ));
    if c.actions.is_empty() {
        lines.push(Line::raw(
            "Every plan action had the same outcome in both runs.",
        ));
    }
    for a in &c.actions {
        let with_margin = |o, m: Option<i64>| {
            let name = Verdict::of(o, a.recommended).label();
            match m {
                Some(m) => format!("{name} ({})", margin(m)),
                None => name.to_string(),
            }
        };
        lines.push(Line::from(vec![
            match a.change {
                Change::Better => Span::styled("▲ ", theme.good()),
                Change::Worse => Span::styled("▼ ", theme.bad()),
                Change::Neither => Span::styled("· ", theme.dim()),
            },
            Span::raw(format!("{:<40} ", truncate(&visible(&a.title), 40))),
            Span::raw(format!(
                "{} → {}",
                with_margin(a.a, a.a_margin_secs),
                with_margin(a.b, a.b_margin_secs)
            )),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("{:<34} {:<30} {:<30}", "TIME TO DECIDE", "A", "B"),
        theme.dim(),
    ));
    let side = |reached: bool, choice: &Option<String>, ms: Option<i64>| {
        if !reached {
            "not reached".to_string()
        } else {
            let time = ms.map(|ms| span(ms / 1000)).unwrap_or_else(|| "—".into());
            match choice {
                Some(label) => format!("{time} · {}", truncate(&visible(label), 20)),
                None => format!("{time} · no decision"),
            }
        }
    };
    for d in &c.decisions {
        lines.push(Line::raw(format!(
            "{:<34} {:<30} {:<30}",
            truncate(&visible(&d.title), 34),
            side(d.a_reached, &d.a_choice, d.a_time_ms),
            side(d.b_reached, &d.b_choice, d.b_time_ms)
        )));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered())
            .scroll((app.scroll, 0)),
        body,
    );
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::raw(" "),
            status_bar::keys(&app.keymap, &app.commands(), theme),
        ])),
        bottom,
    );
}
