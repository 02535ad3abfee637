//! Seats: participants answering on their own devices, the room following
//! in a browser. Who each seat is and what its link grants (`roster`), what
//! a seat may see (`view`), how its asks become engine commands (`desk`),
//! and the anonymous feedback after the end (`feedback`). No network here:
//! the seats server is a front end on these.

pub mod desk;
pub mod feedback;
pub mod roster;
pub mod view;

pub use desk::{Presence, SeatAsk, SeatReply, SeatRequest, SeatsDesk, Wake};
pub use feedback::{FeedbackForm, FeedbackStore, FeedbackSummary};
pub use roster::{Roster, Seat, SeatLinks, links_path};
pub use view::{RoomPage, SeatView};
