//! What the HTTP tests of the reference server share: a server with known
//! keys, and one call through `app()` without a socket.

#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)] // tests: a panic is the failure report

use axum::{
    body::Body,
    http::{Request, StatusCode},
};
use http_body_util::BodyExt;
use parse_mock_server::{App, Config, app};
use serde_json::{Value, json};
use tower::ServiceExt;

pub const APP_ID: &str = "test-app";
pub const REST_KEY: &str = "test-rest";
pub const MASTER_KEY: &str = "test-master";

pub fn server() -> App {
    let mut config = Config::new(APP_ID, MASTER_KEY);
    config.rest_api_key = Some(REST_KEY.into());
    config.bcrypt_cost = 4;
    app(config)
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub json: Value,
    pub text: String,
}

pub async fn call(
    app: &App,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Answer {
    let mut request = Request::builder().method(method).uri(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request
        .body(body.map(|b| Body::from(b.to_owned())).unwrap_or_default())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    Answer {
        status,
        headers,
        json,
        text,
    }
}

pub const KEYS: &[(&str, &str)] = &[
    ("X-Parse-Application-Id", APP_ID),
    ("X-Parse-REST-API-Key", REST_KEY),
];

pub async fn sign_up(app: &App, username: &str) -> Answer {
    let body = json!({"username": username, "password": "p_n7!-e8"}).to_string();
    call(app, "POST", "/parse/users", KEYS, Some(&body)).await
}
