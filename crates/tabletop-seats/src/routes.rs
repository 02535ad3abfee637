//! What the server answers, and nothing else: each seat's page, its event
//! stream and its four kinds of request; the room's page and stream; the
//! script and style. Every other path is a plain "not found", with no
//! listing of anything.

// A refusal is a whole response, built only on the way out of a request
// that failed; boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use tabletop_core::engine::Status;
use tabletop_core::seats::feedback::FeedbackError;
use tabletop_core::seats::roster::well_formed;
use tabletop_core::seats::{FeedbackForm, Seat, SeatAsk, SeatRequest};

use crate::Shared;
use crate::assets;
use crate::refusal::{self, MALFORMED, NOT_FOUND, UNKNOWN};

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    let body_limit = shared.limits.limits.body_bytes;
    Router::new()
        .route("/s/{token}", get(seat_page))
        .route("/s/{token}/events", get(crate::stream::seat_events))
        .route("/s/{token}/vote", post(seat_ask::<VoteBody>))
        .route("/s/{token}/response", post(seat_ask::<ResponseBody>))
        .route("/s/{token}/correct", post(seat_ask::<CorrectBody>))
        .route("/s/{token}/feedback", post(feedback))
        .route("/room/{token}", get(room_page))
        .route("/room/{token}/events", get(crate::stream::room_events))
        .route(
            "/assets/seats.css",
            get(|| asset(assets::CSS, "text/css; charset=utf-8")),
        )
        .route(
            "/assets/common.js",
            get(|| asset(assets::COMMON_JS, "text/javascript; charset=utf-8")),
        )
        .route(
            "/assets/seat.js",
            get(|| asset(assets::SEAT_JS, "text/javascript; charset=utf-8")),
        )
        .route(
            "/assets/room.js",
            get(|| asset(assets::ROOM_JS, "text/javascript; charset=utf-8")),
        )
        // Browsers ask for an icon on their own; there is none.
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .fallback(|| async { refusal::text(StatusCode::NOT_FOUND, NOT_FOUND) })
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(middleware::map_response(secure_headers))
        .with_state(shared)
}

async fn asset(body: &'static str, kind: &'static str) -> Response {
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static(kind))],
        body,
    )
        .into_response()
}

/// Headers on every answer: the token is in the address, so no page may
/// pass it on as a referrer, be cached, framed or sniffed as another type.
async fn secure_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in [
        (
            header::CONTENT_SECURITY_POLICY,
            assets::CONTENT_SECURITY_POLICY,
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    headers.insert(
        header::HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    response
}

/// Whether a refusal is read by a person (a page) or a script (JSON).
#[derive(Clone, Copy)]
pub(crate) enum Reader {
    Person,
    Script,
}

/// The seat a token opens, of the kind the path is for (`room` or not).
pub(crate) fn seat_for<'a>(
    shared: &'a Shared,
    token: &str,
    room: bool,
    reader: Reader,
) -> Result<&'a Seat, Response> {
    let refuse = |status, message| match reader {
        Reader::Person => refusal::text(status, message),
        Reader::Script => refusal::json(status, message),
    };
    if !well_formed(token) {
        return Err(refuse(StatusCode::BAD_REQUEST, MALFORMED));
    }
    match shared.roster.by_token(token) {
        Some(seat) if (seat.kind == tabletop_core::engine::SeatKind::Room) == room => Ok(seat),
        _ => Err(refuse(StatusCode::NOT_FOUND, UNKNOWN)),
    }
}

async fn seat_page(State(shared): State<Arc<Shared>>, Path(token): Path<String>) -> Response {
    match seat_for(&shared, &token, false, Reader::Person) {
        Ok(_) => Html(assets::SEAT_HTML).into_response(),
        Err(refused) => refused,
    }
}

async fn room_page(State(shared): State<Arc<Shared>>, Path(token): Path<String>) -> Response {
    match seat_for(&shared, &token, true, Reader::Person) {
        Ok(_) => Html(assets::ROOM_HTML).into_response(),
        Err(refused) => refused,
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VoteBody {
    inject: String,
    option: String,
    #[serde(default)]
    role: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResponseBody {
    item: String,
    text: String,
    #[serde(default)]
    role: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CorrectBody {
    response_seq: u64,
    text: String,
}

/// The seat, its allowance, and its request read as `T`: or the refusal.
fn admit<T: serde::de::DeserializeOwned>(
    shared: &Shared,
    token: &str,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<(Seat, T), Response> {
    let seat = seat_for(shared, token, false, Reader::Script)?;
    if !seat.kind.answers() {
        return Err(refusal::json(
            StatusCode::FORBIDDEN,
            "This seat watches only: it cannot answer.",
        ));
    }
    shared.limits.take(&seat.id).map_err(refusal::too_many)?;
    // JSON only: a page elsewhere cannot send it without asking first.
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !json {
        return Err(refusal::json(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Send the request as JSON.",
        ));
    }
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            refusal::json(
                StatusCode::PAYLOAD_TOO_LARGE,
                "Too long to send: shorten the answer.",
            )
        } else {
            refusal::json(StatusCode::BAD_REQUEST, "The request could not be read.")
        }
    })?;
    let parsed = serde_json::from_slice(&body)
        .map_err(|_| refusal::json(StatusCode::BAD_REQUEST, "The request is not understood."))?;
    Ok((seat.clone(), parsed))
}

/// Hands the ask to the console and waits for it to be recorded.
async fn ask(shared: &Shared, seat: &Seat, ask: SeatAsk) -> Response {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let request = SeatRequest {
        seat: seat.id.clone(),
        ask,
        answer: Box::new(move |outcome| {
            let _ = tx.send(outcome);
        }),
    };
    let sent = shared
        .requests
        .lock()
        .map(|requests| requests.send(request).is_ok())
        .unwrap_or(false);
    let unavailable = || {
        refusal::json(
            StatusCode::SERVICE_UNAVAILABLE,
            "The facilitator's console did not answer: try again in a moment.",
        )
    };
    if !sent {
        return unavailable();
    }
    shared.wake.wake();
    match tokio::time::timeout(Duration::from_secs(10), rx).await {
        Ok(Ok(Ok(reply))) => axum::Json(serde_json::json!({ "seq": reply.seq })).into_response(),
        Ok(Ok(Err(why))) => refusal::json(StatusCode::CONFLICT, &why),
        _ => unavailable(),
    }
}

/// A vote, a response or a correction: admitted, then handed to the console.
async fn seat_ask<B: serde::de::DeserializeOwned + Into<SeatAsk>>(
    State(shared): State<Arc<Shared>>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    match admit::<B>(&shared, &token, &headers, body) {
        Ok((seat, asked)) => ask(&shared, &seat, asked.into()).await,
        Err(refused) => refused,
    }
}

impl From<VoteBody> for SeatAsk {
    fn from(v: VoteBody) -> Self {
        Self::Vote {
            inject: v.inject,
            option: v.option,
            role: v.role,
        }
    }
}

impl From<ResponseBody> for SeatAsk {
    fn from(r: ResponseBody) -> Self {
        Self::Respond {
            item: r.item,
            text: r.text,
            role: r.role,
        }
    }
}

impl From<CorrectBody> for SeatAsk {
    fn from(c: CorrectBody) -> Self {
        Self::Correct {
            response_seq: c.response_seq,
            text: c.text,
        }
    }
}

async fn feedback(
    State(shared): State<Arc<Shared>>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let (seat, form) = match admit::<FeedbackForm>(&shared, &token, &headers, body) {
        Ok(admitted) => admitted,
        Err(refused) => return refused,
    };
    let Some(engine) = shared.feed.borrow().clone() else {
        return refusal::json(StatusCode::CONFLICT, "The exercise has not started yet.");
    };
    if engine.state().status != Status::Ended {
        return refusal::json(
            StatusCode::CONFLICT,
            "The feedback form opens when the exercise ends.",
        );
    }
    let store = shared.feedback.clone();
    let kept =
        tokio::task::spawn_blocking(move || store.add(&seat.id, form, engine.scenario())).await;
    match kept {
        Ok(Ok(answers)) => {
            // Every seat's page shows how many have answered.
            shared.feed.send_modify(|_| {});
            axum::Json(serde_json::json!({ "answers": answers })).into_response()
        }
        Ok(Err(FeedbackError::Write(_))) | Err(_) => refusal::json(
            StatusCode::SERVICE_UNAVAILABLE,
            "Not kept: the facilitator's computer could not save it. Try again in a moment.",
        ),
        Ok(Err(FeedbackError::AlreadySent)) => refusal::json(
            StatusCode::CONFLICT,
            "This seat has already sent its feedback: thank you.",
        ),
        Ok(Err(other)) => refusal::json(
            StatusCode::BAD_REQUEST,
            &format!("{}.", capitalise(&other.to_string())),
        ),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
