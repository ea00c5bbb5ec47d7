//! Route parameters that do not decode.
//!
//! Express decodes each route parameter (`/classes/:className/:objectId`)
//! with `decodeURIComponent`; one that is not valid percent-encoded UTF-8
//! (`/classes/C/%ff`) makes Parse Server answer HTTP 400
//! `{"error":"Failed to decode param '%ff'"}` before any handler runs. This
//! layer, on the matched routes only, answers the same; without it axum's
//! own `Path` rejection would answer a plain-text 400.

use axum::response::IntoResponse;
use axum::{extract::Request, http::StatusCode, middleware::Next, response::Response};
use percent_encoding::percent_decode_str;

use crate::error::HttpError;

/// Passes the request on unless a segment of its path does not decode.
pub async fn check(request: Request, next: Next) -> Response {
    match undecodable_segment(request.uri().path()) {
        Some(segment) => HttpError {
            status: StatusCode::BAD_REQUEST,
            message: format!("Failed to decode param '{segment}'"),
        }
        .into_response(),
        None => next.run(request).await,
    }
}

/// The first segment of `path` whose percent-decoding is not UTF-8. Only
/// parameters can hold a `%` on a matched route: the fixed segments are
/// plain names.
fn undecodable_segment(path: &str) -> Option<&str> {
    if !path.contains('%') {
        return None;
    }
    path.split('/')
        .find(|segment| percent_decode_str(segment).decode_utf8().is_err())
}

#[cfg(test)]
mod tests {
    use super::undecodable_segment;

    #[test]
    fn only_segments_that_do_not_decode_to_utf8_are_found() {
        assert_eq!(undecodable_segment("/parse/classes/C/abc"), None);
        assert_eq!(undecodable_segment("/parse/classes/C/%C3%A9"), None);
        assert_eq!(
            undecodable_segment("/parse/classes/C/%ff%fe"),
            Some("%ff%fe")
        );
    }
}
