//! The live streams: each open page gets the whole of what it may see as
//! one `view` event, again each time that changes, and a `gone` event when
//! the console closes. Views are built per seat from the state the console
//! published, and sent only when they differ from the last one sent.

use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use futures_util::Stream;
use tabletop_core::engine::Engine;
use tabletop_core::seats::view::FeedbackState;
use tabletop_core::seats::{RoomPage, Seat, SeatView};
use tokio::sync::watch;

use crate::Shared;
use crate::refusal;
use crate::routes::{Reader, seat_for};

const GONE: &str =
    r#"{"message":"The facilitator's console has closed: this link no longer works."}"#;

pub(crate) async fn seat_events(
    State(shared): State<Arc<Shared>>,
    Path(token): Path<String>,
) -> Response {
    match seat_for(&shared, &token, false, Reader::Script) {
        Ok(seat) => open(shared.clone(), seat.clone()),
        Err(refused) => refused,
    }
}

pub(crate) async fn room_events(
    State(shared): State<Arc<Shared>>,
    Path(token): Path<String>,
) -> Response {
    match seat_for(&shared, &token, true, Reader::Script) {
        Ok(seat) => open(shared.clone(), seat.clone()),
        Err(refused) => refused,
    }
}

/// Counts the stream as the seat's presence while it is open.
struct Opened {
    shared: Arc<Shared>,
    seat: String,
}

impl Drop for Opened {
    fn drop(&mut self) {
        self.shared.open_streams.fetch_sub(1, Ordering::Relaxed);
        self.shared.presence.disconnect(&self.seat, Utc::now());
        self.shared.wake.wake();
    }
}

struct Follow {
    opened: Opened,
    seat: Seat,
    feed: watch::Receiver<Option<Arc<Engine>>>,
    stopping: watch::Receiver<bool>,
    last: Option<String>,
    first: bool,
    done: bool,
}

impl Follow {
    fn render(&self, engine: &Engine) -> String {
        let shared = &self.opened.shared;
        let json = if self.seat.kind == tabletop_core::engine::SeatKind::Room {
            serde_json::to_string(&RoomPage::of(engine, Utc::now()))
        } else {
            let feedback = FeedbackState {
                sent: shared.feedback.sent(&self.seat.id),
                answers: shared.feedback.answers(),
                kept_for: shared.kept_for.clone(),
            };
            serde_json::to_string(&SeatView::of(engine, &self.seat, Utc::now(), feedback))
        };
        json.unwrap_or_default()
    }
}

fn open(shared: Arc<Shared>, seat: Seat) -> Response {
    let limits = shared.limits.limits;
    if shared.presence.streams(&seat.id) >= limits.streams {
        return refusal::json(
            StatusCode::TOO_MANY_REQUESTS,
            "This seat is open on too many pages: close one and reload.",
        );
    }
    if shared.open_streams.fetch_add(1, Ordering::Relaxed) >= limits.all_streams {
        shared.open_streams.fetch_sub(1, Ordering::Relaxed);
        return refusal::json(
            StatusCode::SERVICE_UNAVAILABLE,
            "Too many pages are open: try again later.",
        );
    }
    shared.presence.connect(&seat.id);
    shared.wake.wake();
    let follow = Follow {
        feed: shared.feed.subscribe(),
        stopping: shared.stopping.clone(),
        opened: Opened {
            shared: shared.clone(),
            seat: seat.id.clone(),
        },
        seat,
        last: None,
        first: true,
        done: false,
    };
    Sse::new(events(follow))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response()
}

fn events(follow: Follow) -> impl Stream<Item = Result<Event, Infallible>> {
    futures_util::stream::unfold(follow, |mut f| async move {
        if f.done {
            return None;
        }
        loop {
            if *f.stopping.borrow() {
                f.done = true;
                return Some((Ok(Event::default().event("gone").data(GONE)), f));
            }
            if !f.first {
                tokio::select! {
                    changed = f.feed.changed() => if changed.is_err() { return None; },
                    stopping = f.stopping.changed() => if stopping.is_err() { return None; },
                }
            }
            f.first = false;
            let engine = f.feed.borrow_and_update().clone();
            let Some(engine) = engine else { continue };
            let json = f.render(&engine);
            if f.last.as_deref() != Some(json.as_str()) {
                f.last = Some(json.clone());
                return Some((Ok(Event::default().event("view").data(json)), f));
            }
        }
    })
}
