//! The page the browser loads: served by the runner on its own loopback port,
//! so that its origin differs from the target's, as a site that uses Parse
//! from JavaScript does.

use std::net::SocketAddr;

use axum::{
    Router,
    http::{StatusCode, header},
    routing::get,
};
use serde_json::{Value, json};
use tokio::{net::TcpListener, sync::oneshot};

use crate::client::Request;

/// The page: the blog post's `XMLHttpRequest`, made into a function of the
/// method, URL, headers and body. It answers what the browser lets it read:
/// status 0 when the browser refused (a CORS failure, a network error).
const PAGE: &str = r#"<!doctype html>
<html>
<head>
<meta charset="utf-8">
<title>parse-conformance: a page on another site</title>
<link rel="icon" href="data:,">
<script>
// As in the Parse blog's example (2012-01-19): an XMLHttpRequest with the
// X-Parse-* headers, whose answer the page reads when readyState is 4.
function parseRequest(method, url, headers, body, done) {
  var xhr = new XMLHttpRequest();
  xhr.open(method, url, true);
  headers.forEach(function (header) {
    xhr.setRequestHeader(header[0], header[1]);
  });
  xhr.onreadystatechange = function () {
    if (xhr.readyState == 4) {
      done({
        status: xhr.status,
        headers: xhr.getAllResponseHeaders(),
        body: xhr.responseText
      });
    }
  };
  xhr.send(body);
}
</script>
</head>
<body>A page on another site than the Parse server's.</body>
</html>
"#;

/// The WebDriver script that calls the page's `parseRequest` with the
/// arguments of [`send_arguments`]; WebDriver's callback comes last.
pub const SEND_SCRIPT: &str = "var done = arguments[arguments.length - 1];\
parseRequest(arguments[0], arguments[1], arguments[2], arguments[3], done);";

/// The arguments of [`SEND_SCRIPT`] for `request`.
pub fn send_arguments(request: &Request) -> Vec<Value> {
    let headers: Vec<Value> = request
        .headers
        .iter()
        .map(|(name, value)| json!([name, value]))
        .collect();
    vec![
        json!(request.method.as_str()),
        json!(request.url),
        Value::Array(headers),
        request.body.as_ref().map_or(Value::Null, |b| json!(b)),
    ]
}

/// The headers of `getAllResponseHeaders()` (`name: value` lines), names in
/// lower case.
pub fn parse_headers(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect()
}

/// The runner's HTTP listener for the page.
pub struct PageServer {
    addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
}

impl PageServer {
    /// Serves the page on a free loopback port.
    pub async fn start() -> std::io::Result<PageServer> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let app = Router::new()
            .route(
                "/",
                get(|| async { ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], PAGE) }),
            )
            .fallback(|| async { StatusCode::NOT_FOUND });
        let (shutdown, rx) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
        });
        Ok(PageServer {
            addr,
            shutdown: Some(shutdown),
        })
    }

    /// The page's URL.
    pub fn url(&self) -> String {
        format!("{}/", self.origin())
    }

    /// The page's origin, e.g. `http://127.0.0.1:41234`.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops serving the page.
    pub fn stop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_headers;

    #[test]
    fn reads_the_headers_the_page_may_read() {
        let headers = parse_headers("content-type: application/json\r\ncontent-length: 2\r\n");
        assert_eq!(
            headers,
            vec![
                ("content-type".to_owned(), "application/json".to_owned()),
                ("content-length".to_owned(), "2".to_owned())
            ]
        );
    }
}
