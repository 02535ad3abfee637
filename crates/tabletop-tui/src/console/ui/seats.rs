//! The seats screen: every seat's link, who is connected, and the selected
//! seat's link as a QR code a phone can scan off the screen.

use qrcode::{Color as Module, QrCode};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};
use tabletop_core::engine::SeatKind;
use tabletop_core::text::visible;

use crate::console::Console;
use crate::keymap::{Action, Section};

/// Modules of white round the code: scanners need a margin to find it.
const QUIET: usize = 2;

pub fn render(frame: &mut Frame, area: Rect, app: &Console) {
    let theme = app.theme;
    let Some(seats) = app.seats.as_ref() else {
        frame.render_widget(
            Paragraph::new(
                "This exercise runs without seats: start it with --seats to give the team links.",
            )
            .wrap(Wrap { trim: true }),
            area,
        );
        return;
    };
    let connected = |id: &str| seats.connected(&app.session, id);
    let count = seats
        .links
        .seats
        .iter()
        .filter(|s| connected(&s.seat))
        .count();
    let mut title = vec![
        Span::styled(" Seats ", theme.title()),
        Span::raw(format!(
            "· {count} of {} connected ",
            seats.links.seats.len()
        )),
    ];
    if app.ended() {
        title.push(Span::styled(
            format!("· feedback: {} answered ", seats.desk.feedback.answers()),
            theme.accent(),
        ));
    }
    let block = Block::bordered().title(Line::from(title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [body, footer] = Layout::vertical([Constraint::Min(3), Constraint::Length(2)]).areas(inner);
    let selected = seats
        .selected
        .min(seats.links.seats.len().saturating_sub(1));
    let link = &seats.links.seats[selected];
    let code = seats.code(&link.url);
    let code_width = code.as_ref().map_or(0, |c| (c.width() + 2 * QUIET) as u16);
    let code_height = code_width.div_ceil(2);
    let fits = body.width >= code_width + 24 && body.height >= code_height;
    let [list, picture] = Layout::horizontal([
        Constraint::Min(20),
        Constraint::Length(if fits { code_width + 1 } else { 0 }),
    ])
    .areas(body);
    let mut lines: Vec<Line> = Vec::new();
    for (n, seat) in seats.links.seats.iter().enumerate() {
        let here = connected(&seat.seat);
        let what = match seat.kind {
            SeatKind::Role | SeatKind::Person => seat
                .roles
                .iter()
                .map(|r| app.role_name(r))
                .collect::<Vec<_>>()
                .join(", "),
            _ => String::new(),
        };
        let mark = if here { "● " } else { "○ " };
        let label = match seat.kind {
            SeatKind::Person => format!("{} ({what})", visible(&seat.label)),
            SeatKind::Role => what,
            _ => visible(&seat.label),
        };
        let line = Line::from(vec![
            Span::styled(mark, if here { theme.good() } else { theme.dim() }),
            Span::raw(label),
        ]);
        lines.push(if n == selected {
            line.style(theme.selected())
        } else {
            line
        });
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Link of the selected seat:", theme.dim()));
    lines.push(Line::raw(link.url.clone()));
    if let Some(fingerprint) = &seats.links.fingerprint {
        lines.push(Line::styled(
            format!("Certificate SHA-256: {fingerprint}"),
            theme.dim(),
        ));
    }
    if !fits {
        lines.push(Line::styled(
            format!(
                "Enlarge the window to {}×{} to show its QR code.",
                area.width.max(code_width + 26),
                area.height.max(code_height + 6)
            ),
            theme.warn(),
        ));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), list);
    if let (true, Some(code)) = (fits, code) {
        // A blank column between the text and the code.
        let picture = Rect {
            x: picture.x + 1,
            width: picture.width.saturating_sub(1),
            ..picture
        };
        frame.render_widget(CodeWidget(code.as_ref()), picture);
    }
    let key = |action| app.keymap.label(Section::Seats, action);
    frame.render_widget(
        Paragraph::new(Line::styled(
            format!(
                "{}/{} choose a seat · {} back · the links stop working when the console closes",
                key(Action::Up),
                key(Action::Down),
                key(Action::Back),
            ),
            theme.dim(),
        ))
        .wrap(Wrap { trim: true }),
        footer,
    );
}

/// A QR code drawn two modules to a cell (upper half block, the top module
/// in the foreground colour and the bottom one in the background), black on
/// white whatever the terminal's colours, so a phone reads it either way.
pub struct CodeWidget<'a>(pub &'a QrCode);

impl Widget for CodeWidget<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let size = self.0.width();
        let colours = self.0.to_colors();
        let full = size + 2 * QUIET;
        let dark = |x: usize, y: usize| -> bool {
            x >= QUIET
                && y >= QUIET
                && x < size + QUIET
                && y < size + QUIET
                && colours[(y - QUIET) * size + (x - QUIET)] == Module::Dark
        };
        let paint = |on: bool| if on { Color::Black } else { Color::White };
        for row in 0..full.div_ceil(2) {
            for x in 0..full {
                let (cx, cy) = (area.x + x as u16, area.y + row as u16);
                if cx >= area.right() || cy >= area.bottom() {
                    continue;
                }
                let top = dark(x, row * 2);
                let bottom = row * 2 + 1 < full && dark(x, row * 2 + 1);
                buf[(cx, cy)]
                    .set_char('▀')
                    .set_style(Style::new().fg(paint(top)).bg(paint(bottom)));
            }
        }
    }
}
