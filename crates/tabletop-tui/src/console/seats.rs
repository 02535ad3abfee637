//! The console's side of seats: serving what seats ask (through the desk in
//! core) each time the loop comes round, and the seats screen's state.

use chrono::{DateTime, Utc};
use tabletop_core::seats::{SeatLinks, SeatsDesk};
use tabletop_core::session::Session;

/// Seats attached to a console run: the desk it serves them through, and
/// the links it shows.
pub struct ConsoleSeats {
    pub desk: SeatsDesk,
    pub links: SeatLinks,
    /// The seat selected on the seats screen.
    pub selected: usize,
}

impl ConsoleSeats {
    pub fn new(desk: SeatsDesk, links: SeatLinks) -> Self {
        Self {
            desk,
            links,
            selected: 0,
        }
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

    pub fn next_wakeup(&self) -> Option<DateTime<Utc>> {
        self.desk.next_wakeup()
    }

    /// Whether a seat is connected now: recorded as joined while the
    /// exercise runs, or with a page open before it starts and after it ends.
    pub fn connected(&self, session: &Session, seat: &str) -> bool {
        session.engine().state().seats.connected.contains_key(seat)
            || self.desk.presence.streams(seat) > 0
    }
}
