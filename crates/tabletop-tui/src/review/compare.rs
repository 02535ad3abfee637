//! Two runs side by side: per-phase scores, plan actions whose outcome
//! changed, and the time each decision took.

use std::path::Path;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
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

use crate::theme::Theme;
use crate::ui::facilitator::rating_style;

pub struct CompareApp {
    pub comparison: Comparison,
    pub theme: Theme,
    pub scroll: u16,
    pub quit: bool,
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
            quit: false,
        })
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        match key.code {
            KeyCode::Char('q') | KeyCode::Esc => self.quit = true,
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => self.quit = true,
            KeyCode::Down | KeyCode::Char('j') => self.scroll = self.scroll.saturating_add(1),
            KeyCode::Up | KeyCode::Char('k') => self.scroll = self.scroll.saturating_sub(1),
            KeyCode::PageDown => self.scroll = self.scroll.saturating_add(10),
            KeyCode::PageUp => self.scroll = self.scroll.saturating_sub(10),
            KeyCode::Home | KeyCode::Char('g') => self.scroll = 0,
            _ => {}
        }
    }
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
                rating_style(theme, p.a_rating),
            ),
            Span::raw(format!("   {:>6} ", format::score(p.b))),
            Span::styled(
                format!("{:>3}", format::rating(p.b_rating)),
                rating_style(theme, p.b_rating),
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
        Paragraph::new(Line::styled(" j/k scroll  g top  q quit", theme.dim())),
        bottom,
    );
}
