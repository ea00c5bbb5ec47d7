//! [`Json`]: every JSON answer, success or error.
//!
//! It serializes into a plain `Vec` sized for a page of results, then hands
//! the bytes to the response: axum's own `Json` writes through a `BytesMut`
//! writer grown from 128 bytes, a measured cost on finds, whose answers are
//! a few kilobytes.

use axum::{
    body::Body,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Serialize;

/// A body to answer as `application/json`.
#[derive(Clone, Copy, Debug)]
pub struct Json<T>(pub T);

/// What the buffer starts with: most answers fit, a page of results grows
/// it once or twice.
const INITIAL_CAPACITY: usize = 1024;

/// The answer when a value cannot be written as JSON (a map with keys that
/// are not strings: never built here), as a Parse internal error.
const UNWRITABLE: &str = r#"{"code":1,"error":"The answer could not be written as JSON."}"#;

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        let mut bytes = Vec::with_capacity(INITIAL_CAPACITY);
        let (status, body) = match serde_json::to_writer(&mut bytes, &self.0) {
            Ok(()) => (StatusCode::OK, Body::from(bytes)),
            Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, Body::from(UNWRITABLE)),
        };
        let mut response = Response::new(body);
        *response.status_mut() = status;
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        response
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use axum::body::to_bytes;
    use serde_json::json;

    use super::*;

    #[tokio::test]
    async fn answers_the_value_as_json_and_an_unwritable_one_as_an_internal_error() {
        let response = Json(json!({"a": [1, "b"]})).into_response();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
        let body = to_bytes(response.into_body(), usize::MAX).await.unwrap();
        assert_eq!(&body[..], br#"{"a":[1,"b"]}"#);

        let unwritable = BTreeMap::from([((1, 2), 3)]);
        let response = Json(unwritable).into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = to_bytes(response.into_body(), usize::MAX).await.unwrap();
        assert_eq!(&body[..], UNWRITABLE.as_bytes());
    }
}
