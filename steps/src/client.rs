//! The HTTP client every step goes through.
//!
//! It sends a [`Request`], waits at most the run's timeouts, and returns an
//! [`Exchange`]: the request as sent and the response as received, which a
//! failing step prints (redacted) so that a reader sees exactly what happened.

use std::{fmt::Write as _, time::Duration};

use reqwest::Method;
use serde_json::Value;

use crate::redact::Redactor;

/// An HTTP request to the target.
#[derive(Clone, Debug)]
pub struct Request {
    /// HTTP method.
    pub method: Method,
    /// Absolute URL.
    pub url: String,
    /// Headers in the order they are sent.
    pub headers: Vec<(String, String)>,
    /// Body, sent as is.
    pub body: Option<String>,
}

/// An HTTP response from the target.
#[derive(Clone, Debug)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Headers, names in lower case.
    pub headers: Vec<(String, String)>,
    /// Body as text.
    pub body: String,
    /// Body parsed as JSON, when it is JSON.
    pub json: Option<Value>,
}

impl Response {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The top-level `objectId` of the body, when the status is `status`:
    /// what a step remembers of an object it made.
    pub fn object_id_if(&self, status: u16) -> Option<String> {
        if self.status != status {
            return None;
        }
        let id = self.json.as_ref()?.get("objectId")?.as_str()?;
        Some(id.to_owned())
    }
}

/// One request and the response it got.
#[derive(Clone, Debug)]
pub struct Exchange {
    /// What was sent.
    pub request: Request,
    /// What came back.
    pub response: Response,
}

impl Exchange {
    /// The exchange as text for a failure message, secrets redacted.
    pub fn describe(&self, redactor: &Redactor) -> String {
        let mut out = describe_request(&self.request, redactor);
        let r = &self.response;
        let _ = writeln!(out, "\nResponse: HTTP {}", r.status);
        for (name, value) in &r.headers {
            let _ = writeln!(out, "  {}", redactor.header(name, value));
        }
        if !r.body.is_empty() {
            for line in redactor.body(&r.body).lines() {
                let _ = writeln!(out, "  {line}");
            }
        }
        out
    }
}

/// A request as text for a failure message, secrets redacted.
pub fn describe_request(request: &Request, redactor: &Redactor) -> String {
    let mut out = format!(
        "Request: {} {}\n",
        request.method,
        redactor.text(&request.url)
    );
    for (name, value) in &request.headers {
        let _ = writeln!(out, "  {}", redactor.header(name, value));
    }
    if let Some(body) = &request.body {
        for line in redactor.body(body).lines() {
            let _ = writeln!(out, "  {line}");
        }
    }
    out
}

/// Why a request got no response.
#[derive(Clone, Debug)]
pub enum SendError {
    /// No TCP connection could be made within the connect timeout.
    Unreachable(String),
    /// The target did not answer within the request timeout.
    Timeout(Duration),
    /// Anything else on the way (connection reset, malformed response...).
    Other(String),
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SendError::Unreachable(e) => write!(f, "the target is unreachable: {e}"),
            SendError::Timeout(d) => {
                write!(f, "the target did not answer within {} s", d.as_secs())
            }
            SendError::Other(e) => write!(f, "the exchange with the target failed: {e}"),
        }
    }
}

/// The run's HTTP client: one connection pool, fixed timeouts.
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::Client,
    request_timeout: Duration,
}

impl Client {
    /// A client with the given connect and whole-request timeouts.
    pub fn new(connect_timeout: Duration, request_timeout: Duration) -> Result<Client, String> {
        let http = reqwest::Client::builder()
            .connect_timeout(connect_timeout)
            .timeout(request_timeout)
            .redirect(reqwest::redirect::Policy::none())
            // A new connection for every request: some servers close a
            // kept-alive connection after certain answers (Parse Server does
            // after an HTTP 403 "master key required", while it may already
            // be reading the next request), and one scenario's answer must
            // never fail the next request. Retrying is no cure: the request
            // may have been processed. Loopback connections are cheap.
            .pool_max_idle_per_host(0)
            .no_proxy()
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        Ok(Client {
            http,
            request_timeout,
        })
    }

    /// Sends a request and reads the whole response.
    pub async fn send(&self, request: Request) -> Result<Exchange, SendError> {
        self.send_within(request, self.request_timeout).await
    }

    /// Sends a request, giving up after `timeout`.
    pub async fn send_within(
        &self,
        request: Request,
        timeout: Duration,
    ) -> Result<Exchange, SendError> {
        let mut builder = self
            .http
            .request(request.method.clone(), &request.url)
            .timeout(timeout);
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        if let Some(body) = &request.body {
            builder = builder.body(body.clone());
        }
        let classify = |e: &reqwest::Error| classify(e, timeout);
        let response = builder.send().await.map_err(|e| classify(&e))?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let body = response.text().await.map_err(|e| classify(&e))?;
        let json = serde_json::from_str(&body).ok();
        Ok(Exchange {
            request,
            response: Response {
                status,
                headers,
                body,
                json,
            },
        })
    }
}

fn classify(e: &reqwest::Error, timeout: Duration) -> SendError {
    if e.is_timeout() {
        SendError::Timeout(timeout)
    } else if e.is_connect() {
        SendError::Unreachable(error_chain(e))
    } else {
        let chain = error_chain(e);
        match fault_of(e, &chain) {
            Some(fault) => SendError::Other(format!("{fault} ({chain})")),
            None => SendError::Other(chain),
        }
    }
}

/// What went wrong on an established connection, in words a reader of a
/// failure message understands at once; `None` when it is none of these.
fn fault_of(e: &reqwest::Error, chain: &str) -> Option<&'static str> {
    let mut source: Option<&dyn std::error::Error> = Some(e);
    while let Some(cause) = source {
        if let Some(io) = cause.downcast_ref::<std::io::Error>()
            && matches!(
                io.kind(),
                std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::ConnectionAborted
            )
        {
            return Some("the target reset the connection");
        }
        source = cause.source();
    }
    // hyper's own words, which it offers no other way to tell apart.
    let faults = [
        ("reset by peer", "the target reset the connection"),
        (
            "end of file before message length reached",
            "the target closed the connection before the whole body came",
        ),
        (
            "connection closed before message completed",
            "the target closed the connection without answering",
        ),
        ("invalid http version", "the target's answer is not HTTP"),
        ("invalid status code", "the target's answer is not HTTP"),
        ("invalid header", "the target's answer is not HTTP"),
        ("invalid token", "the target's answer is not HTTP"),
        (
            "message head is too large",
            "the target's answer is not HTTP",
        ),
        ("received http/0.9", "the target's answer is not HTTP"),
    ];
    let lower = chain.to_ascii_lowercase();
    faults
        .iter()
        .find(|(words, _)| lower.contains(words))
        .map(|(_, fault)| *fault)
}

/// An error with all its causes, `a: b: c`.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let _ = write!(text, ": {cause}");
        source = cause.source();
    }
    text
}
