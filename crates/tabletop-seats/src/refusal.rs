//! Clear refusals: a status and one sentence, as JSON for the page's script
//! and as plain text for a person opening a link by hand.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

pub(crate) fn json(status: StatusCode, message: &str) -> Response {
    (status, axum::Json(serde_json::json!({ "error": message }))).into_response()
}

pub(crate) fn text(status: StatusCode, message: &str) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        )],
        format!("{message}\n"),
    )
        .into_response()
}

pub(crate) const MALFORMED: &str =
    "This seat link is malformed: check that it was copied whole, or scan its code again.";
pub(crate) const UNKNOWN: &str = "This seat link is not known here: it may be from another exercise. Ask the facilitator for your link.";
pub(crate) const NOT_FOUND: &str = "Nothing here: open the seat link the facilitator gave you.";

pub(crate) fn too_many(retry_after: u64) -> Response {
    let mut response = json(
        StatusCode::TOO_MANY_REQUESTS,
        &format!("Too many requests from this seat: wait {retry_after} s and try again."),
    );
    if let Ok(value) = HeaderValue::from_str(&retry_after.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}
