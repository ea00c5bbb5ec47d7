//! The browser scenarios can fail: in front of the reference server, a proxy
//! drops `X-Parse-Session-Token` from the CORS answer's
//! `Access-Control-Allow-Headers`, and the scenario that reads the current
//! user with the session token header must fail, saying what the browser
//! refused (its own console message).
//!
//! Skipped, with the reason printed, where no browser is installed.

#![allow(clippy::expect_used)] // a test: a panic is the failure report

use std::sync::Arc;

use axum::{
    Router,
    body::{Body, to_bytes},
    extract::{Request, State},
    http::{HeaderName, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use parse_conformance::{browser::Installation, embedded::Embedded, mail::sink::SmtpSink};
use tokio::net::TcpListener;

/// The scenario under test: sign up, then GET /users/me with the token.
const SCENARIO: &str = "@id.browser.session-token-current-user";

/// What Chromium says when a preflight does not allow the header.
const REFUSAL: &str = "Request header field x-parse-session-token is not allowed by \
Access-Control-Allow-Headers in preflight response";

struct Upstream {
    origin: String,
    http: reqwest::Client,
}

/// The reference server's answer, with `X-Parse-Session-Token` taken out of
/// `Access-Control-Allow-Headers`.
async fn forward(State(upstream): State<Arc<Upstream>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(body) = to_bytes(body, usize::MAX).await else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let mut outgoing = upstream
        .http
        .request(parts.method.clone(), format!("{}{path}", upstream.origin))
        .body(body);
    for (name, value) in &parts.headers {
        if name != "host" && name != "content-length" {
            outgoing = outgoing.header(name, value);
        }
    }
    let Ok(answer) = outgoing.send().await else {
        return StatusCode::BAD_GATEWAY.into_response();
    };
    let status = answer.status();
    let mut headers = answer.headers().clone();
    let bytes = answer.bytes().await.unwrap_or_default();
    headers.remove("content-length");
    headers.remove("transfer-encoding");
    let allow = HeaderName::from_static("access-control-allow-headers");
    if let Some(value) = headers.get(&allow).and_then(|v| v.to_str().ok()) {
        let kept: Vec<&str> = value
            .split(',')
            .map(str::trim)
            .filter(|h| !h.eq_ignore_ascii_case("X-Parse-Session-Token"))
            .collect();
        let value = HeaderValue::from_str(&kept.join(", ")).expect("a header value");
        headers.insert(allow, value);
    }
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    response
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cors_answer_without_the_session_token_header_fails_the_browser_scenario() {
    if let Err(reason) = Installation::from_env() {
        println!("skipped: {reason}");
        return;
    }
    let sink = SmtpSink::start("127.0.0.1:0").expect("an SMTP sink");
    let embedded = Embedded::start(sink.address().port())
        .await
        .expect("the reference server");
    let target = embedded.target.clone();
    let url = url::Url::parse(&target.url).expect("the target's URL");
    let upstream = Arc::new(Upstream {
        origin: url.origin().ascii_serialization(),
        http: reqwest::Client::new(),
    });
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let proxy = format!(
        "http://{}{}",
        listener.local_addr().expect("an address"),
        url.path()
    );
    let app = Router::new().fallback(forward).with_state(upstream);
    let server = tokio::spawn(async move { axum::serve(listener, app).await });

    let reports = concat!(env!("CARGO_TARGET_TMPDIR"), "/browser-refused-reports");
    let args = [
        "parse-conformance",
        "--target",
        &proxy,
        "--app-id",
        &target.app_id,
        "--rest-key",
        target.rest_api_key.as_deref().expect("a REST key"),
        "--master-key",
        target.master_key.as_deref().expect("a master key"),
        "--tags",
        SCENARIO,
        "--reports",
        reports,
        "--color",
        "never",
    ];
    // The runner in its own process, so that its output (a failing
    // scenario, on purpose) is read here rather than printed.
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_parse-conformance"))
        .args(&args[1..])
        .env_remove("PARSE_SERVER_URL")
        .output()
        .await
        .expect("the runner runs");
    server.abort();
    embedded.stop().await;

    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(1),
        "the scenario did not fail through the proxy:\n{stdout}"
    );
    assert!(
        stdout.contains(REFUSAL),
        "the runner's output does not quote the browser's refusal:\n{stdout}"
    );
    let summary = std::fs::read_to_string(format!("{reports}/summary.md")).expect("summary.md");
    let message = summary
        .lines()
        .find(|line| line.contains("blocked by CORS policy"))
        .unwrap_or_else(|| panic!("no CORS refusal in the report:\n{summary}"));
    println!("the browser refused: {message}");
    assert!(
        message.contains(REFUSAL),
        "the failure does not say which header the browser refused:\n{summary}"
    );
    assert!(
        summary.contains("the browser did not let the page on http://127.0.0.1:"),
        "the failure does not say that the page could not read the answer:\n{summary}"
    );
}
