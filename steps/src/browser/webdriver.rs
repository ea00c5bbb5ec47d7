//! The few WebDriver commands the runner needs, over plain HTTP: open a
//! session of headless Chromium, load a page, run a script in it, read the
//! browser's console, take a screenshot (the living documentation's test),
//! close the session.

use std::{path::Path, time::Duration};

use serde_json::{Value, json};

/// The arguments headless Chromium needs here: the new headless mode, no
/// sandbox (CI runs as root), no `/dev/shm` (small in containers).
const CHROMIUM_ARGS: &[&str] = &[
    "--headless=new",
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--no-first-run",
];

/// How long any WebDriver command may take beyond the script's own time
/// (starting the browser takes the longest).
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);

/// One WebDriver session: a browser window.
pub struct Session {
    http: reqwest::Client,
    /// `http://127.0.0.1:PORT/session/ID`.
    url: String,
}

impl Session {
    /// Opens a session of headless Chromium (`chromium`) on the driver at
    /// `driver`, whose asynchronous scripts may run for `script_timeout`.
    /// The browser's console is kept (`goog:loggingPrefs`) so that a step can
    /// say what the browser refused.
    pub async fn new(
        driver: &str,
        chromium: &Path,
        script_timeout: Duration,
    ) -> Result<Session, String> {
        let http = reqwest::Client::builder()
            .timeout(COMMAND_TIMEOUT + script_timeout)
            .no_proxy()
            .build()
            .map_err(|e| format!("cannot build the WebDriver client: {e}"))?;
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium.display().to_string(),
                "args": CHROMIUM_ARGS,
            },
            "goog:loggingPrefs": {"browser": "ALL"},
            "timeouts": {"script": script_timeout.as_millis()},
        }}});
        let value = command(
            &http,
            reqwest::Method::POST,
            &format!("{driver}/session"),
            Some(capabilities),
        )
        .await
        .map_err(|e| format!("cannot start headless Chromium: {e}"))?;
        let id = value
            .get("sessionId")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("chromedriver answered a new session without an id: {value}"))?;
        Ok(Session {
            http,
            url: format!("{driver}/session/{id}"),
        })
    }

    /// Loads `url` in the window.
    pub async fn navigate(&self, url: &str) -> Result<(), String> {
        self.post("/url", json!({ "url": url })).await.map(drop)
    }

    /// Runs `script` with `args` in the page; the script ends by calling its
    /// last argument with its result, which is returned.
    pub async fn execute_async(&self, script: &str, args: Vec<Value>) -> Result<Value, String> {
        self.post("/execute/async", json!({ "script": script, "args": args }))
            .await
    }

    /// Runs `script` (a function body that `return`s its result) with
    /// `args` in the page and returns its result.
    pub async fn execute(&self, script: &str, args: Vec<Value>) -> Result<Value, String> {
        self.post("/execute/sync", json!({ "script": script, "args": args }))
            .await
    }

    /// Resizes the window, in CSS pixels.
    pub async fn set_window_size(&self, width: u32, height: u32) -> Result<(), String> {
        self.post("/window/rect", json!({ "width": width, "height": height }))
            .await
            .map(drop)
    }

    /// A PNG of the window's viewport.
    pub async fn screenshot(&self) -> Result<Vec<u8>, String> {
        use base64::Engine as _;
        let value = command(
            &self.http,
            reqwest::Method::GET,
            &format!("{}/screenshot", self.url),
            None,
        )
        .await?;
        let data = value
            .as_str()
            .ok_or_else(|| format!("chromedriver answered a screenshot with no data: {value}"))?;
        base64::engine::general_purpose::STANDARD
            .decode(data)
            .map_err(|e| format!("chromedriver's screenshot is not base64: {e}"))
    }

    /// The browser's console messages since the last call, as
    /// `LEVEL message` lines.
    pub async fn browser_log(&self) -> Result<Vec<String>, String> {
        let value = self.post("/se/log", json!({ "type": "browser" })).await?;
        let entries = value.as_array().cloned().unwrap_or_default();
        Ok(entries
            .iter()
            .map(|entry| {
                let field = |name: &str| {
                    entry
                        .get(name)
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned()
                };
                format!("{} {}", field("level"), field("message"))
            })
            .collect())
    }

    /// Closes the window and its browser.
    pub async fn delete(&self) {
        let _ = command(&self.http, reqwest::Method::DELETE, &self.url, None).await;
    }

    async fn post(&self, path: &str, body: Value) -> Result<Value, String> {
        command(
            &self.http,
            reqwest::Method::POST,
            &format!("{}{path}", self.url),
            Some(body),
        )
        .await
    }
}

/// Sends one WebDriver command and returns its `value`, or the driver's
/// error as text.
async fn command(
    http: &reqwest::Client,
    method: reqwest::Method,
    url: &str,
    body: Option<Value>,
) -> Result<Value, String> {
    let mut request = http.request(method, url);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request
        .send()
        .await
        .map_err(|e| format!("chromedriver did not answer {url}: {e}"))?;
    let status = response.status();
    let json: Value = response
        .json()
        .await
        .map_err(|e| format!("chromedriver answered {url} with no JSON: {e}"))?;
    let value = json.get("value").cloned().unwrap_or(Value::Null);
    if status.is_success() {
        return Ok(value);
    }
    let field = |name: &str| value.get(name).and_then(Value::as_str).unwrap_or_default();
    Err(format!(
        "chromedriver: {} ({})",
        field("message"),
        field("error")
    ))
}
