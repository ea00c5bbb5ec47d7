//! Request bodies: a JSON object, or a Parse error.
//!
//! Parse Server reads any body that is not multipart as JSON, whatever its
//! `Content-Type`; so does this extractor. A body that is not a JSON object
//! is refused with code 107 (`INVALID_JSON`); an empty body is `{}`; a body
//! over `maxUploadSize` is refused with HTTP 413.

use axum::{
    body::Bytes,
    extract::{FromRequest, Request},
    http::StatusCode,
};
use serde_json::{Map, Value};

use crate::error::{ApiError, HttpError, ParseError};

/// A request body that is a JSON object.
#[derive(Debug, Default)]
pub struct JsonObject(pub Map<String, Value>);

impl<S: Send + Sync> FromRequest<S> for JsonObject {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
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

impl<S: Send + Sync> FromRequest<S> for RawBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        Bytes::from_request(request, state)
            .await
            .map(RawBody)
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    HttpError::payload_too_large().into()
                } else {
                    ApiError::Parse(ParseError::invalid_json(rejection.body_text()))
                }
            })
    }
}
