//! Cross-origin resource sharing, on every response, errors included.
//!
//! Any `OPTIONS` request is a preflight: it is answered `200 OK` at once,
//! without an application id, with the methods and headers the API accepts.
//! `X-Parse-Session-Token` is among them, so that JavaScript on any site can
//! authenticate users (Parse blog, 2012-01-19).

use axum::{
    body::Body,
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::AppState;

/// The request headers Parse Server allows, in its order.
const ALLOWED_HEADERS: &str = "X-Parse-Master-Key, X-Parse-REST-API-Key, X-Parse-Javascript-Key, \
X-Parse-Application-Id, X-Parse-Client-Version, X-Parse-Session-Token, X-Requested-With, \
X-Parse-Revocable-Session, X-Parse-Request-Id, Content-Type, Pragma, Cache-Control";

/// The methods the API answers.
const ALLOWED_METHODS: &str = "GET,PUT,POST,DELETE,OPTIONS";

/// The response headers a browser may read.
const EXPOSED_HEADERS: &str = "X-Parse-Job-Status-Id, X-Parse-Push-Status-Id";

/// Answers preflights and adds the CORS headers to every other response.
pub async fn cors(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let origin = request
        .headers()
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .map(str::to_owned);
    let mut response = if request.method() == Method::OPTIONS {
        (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            Body::from("OK"),
        )
            .into_response()
    } else {
        next.run(request).await
    };
    add_headers(response.headers_mut(), &state, origin.as_deref());
    response
}

fn add_headers(headers: &mut HeaderMap, state: &AppState, origin: Option<&str>) {
    let allowed = &state.config.allow_origin;
    // An origin in the list is echoed; otherwise the first entry is sent.
    let origin = origin
        .filter(|o| allowed.iter().any(|a| a == o))
        .or_else(|| allowed.first().map(String::as_str))
        .unwrap_or("*");
    if let Ok(origin) = HeaderValue::from_str(origin) {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    }
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static(ALLOWED_METHODS),
    );
    let allow_headers = if state.config.allow_headers.is_empty() {
        Ok(HeaderValue::from_static(ALLOWED_HEADERS))
    } else {
        let mut list = ALLOWED_HEADERS.to_owned();
        for extra in &state.config.allow_headers {
            list.push_str(", ");
            list.push_str(extra);
        }
        HeaderValue::from_str(&list)
    };
    if let Ok(allow_headers) = allow_headers {
        headers.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, allow_headers);
    }
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static(EXPOSED_HEADERS),
    );
}
