//! Errors as Parse errors.
//!
//! Every failure a handler can answer is a [`ParseError`]: a Parse error code
//! and a message, rendered as `{"code": N, "error": "..."}` with the HTTP status
//! Parse Server uses for that code (404 for 101, 500 for 1, 400 otherwise).
//! The one exception, a missing or wrong application id, has its own shape:
//! [`Unauthorized`], HTTP 403 `{"error":"unauthorized"}`.

use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde_json::json;

use crate::json::Json;

/// A Parse error: a code from Parse's error table and a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The Parse error code.
    pub code: i32,
    /// The message shown to the client.
    pub message: String,
}

impl ParseError {
    /// A Parse error with this code and message.
    pub fn new(code: i32, message: impl Into<String>) -> ParseError {
        ParseError {
            code,
            message: message.into(),
        }
    }

    /// 1 `INTERNAL_SERVER_ERROR`: the details are logged, not shown.
    pub fn internal(detail: impl std::fmt::Display) -> ParseError {
        tracing::error!("internal error: {detail}");
        ParseError::new(1, "An internal server error occurred")
    }

    /// 101 `OBJECT_NOT_FOUND`.
    pub fn object_not_found() -> ParseError {
        ParseError::new(101, "Object not found.")
    }

    /// 101 with another message.
    pub fn object_not_found_with(message: impl Into<String>) -> ParseError {
        ParseError::new(101, message)
    }

    /// 101 for a login that does not match a user and password.
    pub fn invalid_login() -> ParseError {
        ParseError::new(101, "Invalid username/password.")
    }

    /// 202 `USERNAME_TAKEN`.
    pub fn username_taken() -> ParseError {
        ParseError::new(202, "Account already exists for this username.")
    }

    /// 203 `EMAIL_TAKEN`.
    pub fn email_taken() -> ParseError {
        ParseError::new(203, "Account already exists for this email address.")
    }

    /// 208 `ACCOUNT_ALREADY_LINKED`.
    pub fn auth_already_used() -> ParseError {
        ParseError::new(208, "this auth is already used")
    }

    /// 103 `INVALID_CLASS_NAME`.
    pub fn invalid_class_name(name: &str) -> ParseError {
        ParseError::new(
            103,
            format!(
                "Invalid classname: {name}, classnames can only have alphanumeric characters and _, and must start with an alpha character "
            ),
        )
    }

    /// 105 `INVALID_KEY_NAME`.
    pub fn invalid_field_name(name: &str) -> ParseError {
        ParseError::new(105, format!("Invalid field name: {name}."))
    }

    /// 107 `INVALID_JSON`.
    pub fn invalid_json(detail: impl std::fmt::Display) -> ParseError {
        ParseError::new(107, format!("Invalid JSON: {detail}"))
    }

    /// 119 `OPERATION_FORBIDDEN`, in the sanitized form Parse Server 9 answers.
    pub fn permission_denied() -> ParseError {
        ParseError::new(119, "Permission denied")
    }

    /// 209 `INVALID_SESSION_TOKEN`.
    pub fn invalid_session_token() -> ParseError {
        ParseError::new(209, "Invalid session token")
    }

    /// 209 `INVALID_SESSION_TOKEN` for a token past its `expiresAt`.
    pub fn session_expired() -> ParseError {
        ParseError::new(209, "Session token is expired.")
    }

    /// The HTTP status Parse Server answers this error with.
    pub fn status(&self) -> StatusCode {
        match self.code {
            101 => StatusCode::NOT_FOUND,
            1 => StatusCode::INTERNAL_SERVER_ERROR,
            _ => StatusCode::BAD_REQUEST,
        }
    }
}

impl IntoResponse for ParseError {
    fn into_response(self) -> Response {
        (
            self.status(),
            Json(json!({"code": self.code, "error": self.message})),
        )
            .into_response()
    }
}

/// A request without a valid application id or client key: HTTP 403
/// `{"error":"unauthorized"}`, the one error without a Parse code.
#[derive(Clone, Copy, Debug)]
pub struct Unauthorized;

impl IntoResponse for Unauthorized {
    fn into_response(self) -> Response {
        (
            StatusCode::FORBIDDEN,
            Json(json!({"error": "unauthorized"})),
        )
            .into_response()
    }
}

/// An HTTP-level refusal without a Parse code, e.g. a master-only route:
/// `{"error": message}` with the given status.
#[derive(Clone, Debug)]
pub struct HttpError {
    /// HTTP status.
    pub status: StatusCode,
    /// Message.
    pub message: String,
}

impl HttpError {
    /// HTTP 413 `request entity too large`, Parse Server's answer to a body
    /// over `maxUploadSize`.
    pub fn payload_too_large() -> HttpError {
        HttpError {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            message: "request entity too large".into(),
        }
    }
}

impl From<HttpError> for ApiError {
    fn from(e: HttpError) -> ApiError {
        ApiError::Http(e)
    }
}

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({"error": self.message}))).into_response()
    }
}

/// Anything a handler can answer instead of success.
#[derive(Clone, Debug)]
pub enum ApiError {
    /// A Parse error.
    Parse(ParseError),
    /// A wrong application id or client key.
    Unauthorized,
    /// An HTTP-level refusal.
    Http(HttpError),
}

impl From<ParseError> for ApiError {
    fn from(e: ParseError) -> ApiError {
        ApiError::Parse(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Parse(e) => e.into_response(),
            ApiError::Unauthorized => Unauthorized.into_response(),
            ApiError::Http(e) => e.into_response(),
        }
    }
}

impl ApiError {
    /// 403 `{"error":"Permission denied"}`: a master-only route without the
    /// master key (Parse Server's sanitized form).
    pub fn master_key_required() -> ApiError {
        ApiError::Http(HttpError {
            status: StatusCode::FORBIDDEN,
            message: "Permission denied".into(),
        })
    }
}

/// The result of a handler.
pub type ApiResult<T> = Result<T, ApiError>;
