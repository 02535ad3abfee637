//! What the seats did: which are connected, and the votes cast on each
//! decision. Part of the exercise state, folded from the same events.

use imbl::{OrdMap, Vector};

use super::event::{SeatKind, Speaker};
use super::state::Stamp;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatPresence {
    pub kind: SeatKind,
    pub roles: Vec<String>,
    pub by: Option<String>,
    pub joined: Stamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vote {
    pub inject: usize,
    pub option: usize,
    pub seat: String,
    pub speaker: Speaker,
    pub at: Stamp,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeatsState {
    /// Seats connected now, by seat id.
    pub connected: OrdMap<String, SeatPresence>,
    /// Every vote cast, in order; a seat's later vote on the same decision
    /// replaces its earlier one (see [`SeatsState::votes_on`]).
    pub votes: Vector<Vote>,
    /// Seats that have ever joined, by seat id: who took part, for the report.
    pub ever_joined: OrdMap<String, SeatKind>,
}

impl SeatsState {
    pub fn join(&mut self, seat: &str, presence: SeatPresence) {
        self.ever_joined.insert(seat.to_string(), presence.kind);
        self.connected.insert(seat.to_string(), presence);
    }

    pub fn leave(&mut self, seat: &str) {
        self.connected.remove(seat);
    }

    pub fn cast(&mut self, vote: Vote) {
        self.votes.push_back(vote);
    }

    /// The standing vote of each seat on a decision, in the order cast.
    pub fn votes_on(&self, inject: usize) -> Vec<&Vote> {
        let mut standing: Vec<&Vote> = Vec::new();
        for vote in self.votes.iter().filter(|v| v.inject == inject) {
            standing.retain(|v| v.seat != vote.seat);
            standing.push(vote);
        }
        standing
    }

    /// How many standing votes each option of a decision has.
    pub fn tally(&self, inject: usize, options: usize) -> Vec<usize> {
        let mut counts = vec![0; options];
        for vote in self.votes_on(inject) {
            if let Some(count) = counts.get_mut(vote.option) {
                *count += 1;
            }
        }
        counts
    }

    /// The option a seat's standing vote is for, on a decision.
    pub fn vote_of(&self, inject: usize, seat: &str) -> Option<usize> {
        self.votes
            .iter()
            .rev()
            .find(|v| v.inject == inject && v.seat == seat)
            .map(|v| v.option)
    }
}
