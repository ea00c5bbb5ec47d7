//! Request bodies: a JSON object, or a Parse error.
//!
//! Parse Server reads any body that is not multipart as JSON, whatever its
//! `Content-Type`; so does this extractor. A body that is not a JSON object
//! is refused with code 107 (`INVALID_JSON`); an empty body is `{}`; a body
//! over `maxUploadSize` is refused with HTTP 413.

use axum::{
    body::{Body, Bytes, to_bytes},
    extract::{FromRequest, Request},
};
use http_body_util::LengthLimitError;
use serde_json::{Map, Value};

use crate::{
    AppState,
    error::{ApiError, HttpError, ParseError},
};

/// A request body that is a JSON object.
#[derive(Debug, Default)]
pub struct JsonObject(pub Map<String, Value>);

impl FromRequest<AppState> for JsonObject {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let RawBody(bytes) = RawBody::from_request(request, state).await?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(JsonObject(Map::new()));
        }
        match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(map)) => Ok(JsonObject(map)),
            Ok(_) => Err(ParseError::invalid_json("the body must be a JSON object").into()),
            Err(e) => Err(ParseError::invalid_json(e).into()),
        }
    }
}

/// A request body as bytes, whatever its type (an uploaded file); over
/// `maxUploadSize` it is refused with HTTP 413 `request entity too large`,
/// as Parse Server answers.
#[derive(Debug, Default)]
pub struct RawBody(pub Bytes);

impl FromRequest<AppState> for RawBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        read_body(request.into_body(), state.config.max_upload_size)
            .await
            .map(RawBody)
    }
}

/// Reads a whole body of at most `limit` bytes: over it, HTTP 413
/// `request entity too large`; a body that breaks off, 107.
pub async fn read_body(body: Body, limit: usize) -> Result<Bytes, ApiError> {
    to_bytes(body, limit).await.map_err(|error| {
        if is_too_large(&error) {
            HttpError::payload_too_large().into()
        } else {
            ParseError::invalid_json(error).into()
        }
    })
}

/// Whether reading a body failed on its length limit.
fn is_too_large(error: &axum::Error) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(error) = cause {
        if error.is::<LengthLimitError>() {
            return true;
        }
        cause = error.source();
    }
    false
}
