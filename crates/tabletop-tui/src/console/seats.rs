//! The console's side of seats: serving what seats ask (through the desk in
//! core) each time the loop comes round, and the seats screen's state.

use chrono::{DateTime, Utc};
use std::sync::Arc;

use tabletop_core::seats::{FeedbackStore, Presence, Roster, SeatLinks, SeatsDesk, Wake};
use tabletop_core::session::Session;

/// Starts seats for a session on an address: the binary, which knows the
/// server, gives one to the start screen through the settings.
/// It is given the configured retention, for the seat pages to say.
pub type SeatStarter =
    dyn Fn(&Session, std::net::SocketAddr, Option<String>) -> anyhow::Result<ConsoleSeats>;

/// Seats attached to a console run: the desk it serves them through, and
/// the links it shows.
pub struct ConsoleSeats {
    pub desk: SeatsDesk,
    pub links: SeatLinks,
    /// The seat selected on the seats screen.
    pub selected: usize,
    /// The selected link's QR code, made once rather than on every frame.
    code: std::cell::RefCell<Option<(String, std::rc::Rc<qrcode::QrCode>)>>,
    /// What keeps the server running: dropped with the console, it stops it.
    _server: Option<Box<dyn std::any::Any>>,
}

impl ConsoleSeats {
    pub fn new(desk: SeatsDesk, links: SeatLinks) -> Self {
        Self {
            desk,
            links,
            selected: 0,
            code: std::cell::RefCell::new(None),
            _server: None,
        }
    }

    /// Keeps `server` for as long as these seats are shown: the server
    /// stops when the console closes.
    pub fn holding(mut self, server: Box<dyn std::any::Any>) -> Self {
        self._server = Some(server);
        self
    }

    /// The QR code of a link (a seat link always fits in one).
    pub fn code(&self, url: &str) -> Option<std::rc::Rc<qrcode::QrCode>> {
        let mut cached = self.code.borrow_mut();
        if let Some((for_url, code)) = cached.as_ref()
            && for_url == url
        {
            return Some(code.clone());
        }
        let code = std::rc::Rc::new(
            qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::L).ok()?,
        );
        *cached = Some((url.to_string(), code.clone()));
        Some(code)
    }

    /// Seats with no server behind them: nothing arrives, the screen shows
    /// what the transcript says. For drawing the seats screen on its own.
    pub fn offline(roster: Roster, links: SeatLinks, transcript: &std::path::Path) -> Self {
        let (_, requests) = std::sync::mpsc::channel();
        let desk = SeatsDesk::new(
            Wake::default(),
            Arc::new(roster),
            Arc::new(Presence::default()),
            Arc::new(FeedbackStore::new(transcript)),
            requests,
            Box::new(|_| {}),
        );
        Self::new(desk, links)
    }

    /// Records what seats asked for and publishes the state; a line for the
    /// console's message when something came in.
    pub fn serve(&mut self, session: &mut Session, now: DateTime<Utc>) -> Option<String> {
        self.desk.serve(session, now);
        let served = &self.desk.last_served;
        if served.is_empty() {
            return None;
        }
        use tabletop_core::seats::SeatAsk;
        let (responses, votes) = served.iter().fold((0, 0), |(r, v), (_, ask)| match ask {
            SeatAsk::Vote { .. } => (r, v + 1),
            _ => (r + 1, v),
        });
        let part = |n: usize, one: &str, many: &str| match n {
            0 => None,
            1 => Some(format!("1 {one}")),
            n => Some(format!("{n} {many}")),
        };
        let said: Vec<String> = [
            part(votes, "vote", "votes"),
            part(responses, "answer", "answers"),
        ]
        .into_iter()
        .flatten()
        .collect();
        Some(format!("from the seats: {}", said.join(" and ")))
    }

    pub fn next_wakeup(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.desk.next_wakeup(now)
    }

    /// Whether a seat is connected now: recorded as joined while the
    /// exercise runs, or with a page open before it starts and after it ends.
    pub fn connected(&self, session: &Session, seat: &str) -> bool {
        session.engine().state().seats.connected.contains_key(seat)
            || self.desk.presence.streams(seat) > 0
    }
}
