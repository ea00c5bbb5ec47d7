//! [`ParseWorld`]: what one scenario knows while it runs.
//!
//! A fresh world is made for every scenario. It shares the run's
//! [`RunContext`] (target, HTTP client, schemas) and keeps its own headers,
//! the unique names behind its aliases, the users it signed up, and the last
//! exchange, which every failure message shows.

use std::{
    collections::{HashMap, HashSet},
    fmt,
    sync::{Arc, RwLock},
};

use reqwest::Method;
use serde_json::Value;

use crate::{
    client::{Client, Exchange, Request, SendError},
    mail::Mailbox,
    redact::Redactor,
    schema::Schemas,
    target::Target,
    template,
};

/// What all scenarios of a run share.
#[derive(Debug)]
pub struct RunContext {
    /// The server under test.
    pub target: Target,
    /// The HTTP client.
    pub client: Client,
    /// The response schemas.
    pub schemas: Schemas,
    /// Hides the target's secrets in all output.
    pub redactor: Redactor,
    /// Where the target's mail is read, if anywhere.
    pub mailbox: Option<Mailbox>,
    /// The browser of the scenarios with the capability `browser`.
    pub browser: crate::browser::SharedBrowser,
    /// Set when the target stopped answering: what happened first. Later
    /// requests then fail at once instead of each waiting for a timeout.
    pub down: std::sync::OnceLock<String>,
}

/// How a failure caused by a target that stopped answering begins; reports
/// group these failures instead of listing each one.
pub const TARGET_DOWN: &str = "not sent: the target stopped answering earlier in this run";

static CURRENT_RUN: RwLock<Option<Arc<RunContext>>> = RwLock::new(None);

impl RunContext {
    /// Makes `context` the one new worlds are created with.
    pub fn install(context: Arc<RunContext>) {
        let mut slot = CURRENT_RUN.write().unwrap_or_else(|e| e.into_inner());
        *slot = Some(context);
    }

    fn current() -> Option<Arc<RunContext>> {
        CURRENT_RUN
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

/// A failed step: the message says what was expected, what happened, and the
/// exchange behind it, secrets redacted.
#[derive(Debug)]
pub struct Failure(String);

impl Failure {
    /// A failure with this message.
    pub fn new(message: impl Into<String>) -> Failure {
        Failure(message.into())
    }
}

impl std::error::Error for Failure {}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The result of a step.
pub type StepResult = Result<(), Failure>;

/// A user this scenario signed up.
#[derive(Clone)]
pub struct User {
    /// The unique username.
    pub username: String,
    /// The password it signed up with.
    pub password: String,
    /// Its objectId.
    pub object_id: String,
    /// Its latest session token.
    pub session_token: Option<String>,
}

/// A file this scenario uploaded.
#[derive(Clone, Debug)]
pub struct UploadedFile {
    /// The name the server stored it under.
    pub name: String,
    /// The URL the server serves it at.
    pub url: String,
}

/// The state of one scenario.
#[derive(cucumber::World)]
#[world(init = Self::new)]
pub struct ParseWorld {
    /// The run's shared context.
    pub run: Arc<RunContext>,
    /// The mount URL this scenario talks to: the target's, or that of the
    /// target's instance for a capability (see [`ParseWorld::use_instance_for`]).
    pub base_url: String,
    /// Headers sent with every request of this scenario.
    pub headers: Vec<(String, String)>,
    /// Alias → unique name.
    pub names: HashMap<String, String>,
    /// Alias → signed-up user.
    pub users: HashMap<String, User>,
    /// Alias → objectId of an object this scenario created.
    pub objects: HashMap<String, String>,
    /// Alias → token of a session this scenario named.
    pub session_tokens: HashMap<String, String>,
    /// Alias → a file this scenario uploaded.
    pub files: HashMap<String, UploadedFile>,
    /// The last exchange with the target.
    pub last: Option<Exchange>,
    /// The exchanges of the last burst of simultaneous requests.
    pub concurrent: Vec<Exchange>,
    /// Address → which of its mails (by arrival order) the scenario has read.
    pub mails_read: HashMap<String, HashSet<usize>>,
    /// The link of the last mail the scenario read.
    pub link: Option<String>,
}

// Written by hand: cucumber prints the world of a failed scenario, and it must
// not print keys, passwords or tokens.
impl fmt::Debug for ParseWorld {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let users: Vec<_> = self
            .users
            .iter()
            .map(|(a, u)| (a, &u.username, &u.object_id))
            .collect();
        f.debug_struct("ParseWorld")
            .field("target", &self.run.target.url)
            .field("names", &self.names)
            .field("users", &users)
            .finish_non_exhaustive()
    }
}

impl ParseWorld {
    fn new() -> Result<ParseWorld, Failure> {
        let run = RunContext::current()
            .ok_or_else(|| Failure::new("no run context: start the suite with runner::run"))?;
        Ok(ParseWorld {
            base_url: run.target.url.clone(),
            run,
            headers: Vec::new(),
            names: HashMap::new(),
            users: HashMap::new(),
            objects: HashMap::new(),
            session_tokens: HashMap::new(),
            files: HashMap::new(),
            last: None,
            concurrent: Vec::new(),
            mails_read: HashMap::new(),
            link: None,
        })
    }

    /// Talks to the target's instance for `capability` from now on: the
    /// `url` of the capability's table in the profile (an instance of the same
    /// app configured for it), or the target itself when the capability is
    /// just `true`.
    pub fn use_instance_for(&mut self, capability: &str) -> Result<(), Failure> {
        let value = self
            .run
            .target
            .capabilities
            .get(capability)
            .ok_or_else(|| {
                Failure::new(format!(
                    "the target does not offer the capability {capability}"
                ))
            })?;
        if let Some(url) = value.get("url").and_then(toml::Value::as_str) {
            self.base_url = url.trim_end_matches('/').to_owned();
        }
        Ok(())
    }

    /// Sets a header for the following requests, replacing one of that name.
    pub fn set_header(&mut self, name: &str, value: &str) {
        self.remove_header(name);
        self.headers.push((name.to_owned(), value.to_owned()));
    }

    /// Stops sending a header.
    pub fn remove_header(&mut self, name: &str) {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
    }

    /// The unique name behind an alias, made on first use.
    pub fn unique(&mut self, alias: &str) -> String {
        self.names
            .entry(alias.to_owned())
            .or_insert_with(|| {
                const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
                let suffix: String = (0..10)
                    .map(|_| ALPHABET[rand::random_range(0..ALPHABET.len())] as char)
                    .collect();
                format!("{alias}_{suffix}")
            })
            .clone()
    }

    /// Fills the `{{…}}` placeholders of feature text.
    pub fn render(&mut self, text: &str) -> Result<String, Failure> {
        template::render(self, text)
    }

    /// A request to a path under the mount URL (or to an absolute URL) with
    /// this scenario's headers.
    pub fn request(&self, method: Method, path: &str, body: Option<String>) -> Request {
        let url = if path.starts_with("http://") || path.starts_with("https://") {
            path.to_owned()
        } else {
            format!("{}{path}", self.base_url)
        };
        let mut headers = self.headers.clone();
        if body.is_some()
            && !headers
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case("content-type"))
        {
            headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
        }
        Request {
            method,
            url,
            headers,
            body,
        }
    }

    /// Sends a request, checks that the response leaks nothing, and keeps the
    /// exchange as the last one.
    pub async fn send(&mut self, request: Request) -> Result<&Exchange, Failure> {
        if let Some(first) = self.run.down.get() {
            return Err(Failure::new(format!("{TARGET_DOWN} ({first})")));
        }
        let exchange = self.run.client.send(request.clone()).await.map_err(|e| {
            if matches!(e, SendError::Unreachable(_) | SendError::Timeout(_)) {
                let _ = self.run.down.set(e.to_string());
            }
            let described = crate::client::describe_request(&request, &self.run.redactor);
            Failure::new(format!("{e}\n\n{described}"))
        })?;
        self.record(exchange)
    }

    /// Keeps an exchange made outside [`ParseWorld::send`] (by a page in a
    /// real browser) as the last one, with the same checks.
    pub fn record(&mut self, exchange: Exchange) -> Result<&Exchange, Failure> {
        self.last = Some(exchange);
        self.check_no_leak()?;
        self.check_json_content_type()?;
        self.last()
    }

    /// The last exchange, or a failure when there was none.
    pub fn last(&self) -> Result<&Exchange, Failure> {
        self.last
            .as_ref()
            .ok_or_else(|| Failure::new("no request was sent yet in this scenario"))
    }

    /// The last response body as JSON, or a failure when it is not JSON.
    pub fn last_json(&self) -> Result<&Value, Failure> {
        self.last()?
            .response
            .json
            .as_ref()
            .ok_or_else(|| self.fail("the response body is not JSON"))
    }

    /// The session token of the user this scenario signed up as `alias`.
    pub fn session_token_of(&self, alias: &str) -> Result<String, Failure> {
        self.users
            .get(alias)
            .and_then(|u| u.session_token.clone())
            .ok_or_else(|| Failure::new(format!("{alias} has no session token in this scenario")))
    }

    /// The `results` array of the last response (a find, a list).
    pub fn last_results(&self) -> Result<&Vec<Value>, Failure> {
        self.last_json()?
            .get("results")
            .and_then(Value::as_array)
            .ok_or_else(|| self.fail("the response has no results array"))
    }

    /// A failure with `message`, followed by the last exchange.
    pub fn fail(&self, message: impl Into<String>) -> Failure {
        let mut text = self.run.redactor.text(&message.into());
        if let Some(exchange) = &self.last {
            text.push_str("\n\n");
            text.push_str(&exchange.describe(&self.run.redactor));
        }
        Failure::new(text)
    }

    /// A JSON answer says so: its `Content-Type` is `application/json`
    /// (with or without a charset), on every path, errors included, so
    /// that browsers and SDKs read it as JSON.
    fn check_json_content_type(&self) -> Result<(), Failure> {
        let Some(response) = self.last.as_ref().map(|e| &e.response) else {
            return Ok(());
        };
        if response.json.is_none() {
            return Ok(());
        }
        let content_type = response.header("Content-Type").unwrap_or_default();
        let media_type = content_type.split(';').next().unwrap_or_default().trim();
        if media_type.eq_ignore_ascii_case("application/json") {
            Ok(())
        } else {
            Err(self.fail(format!(
                "the response body is JSON but its Content-Type is {:?}, not application/json",
                content_type
            )))
        }
    }

    /// "The password is never returned to any client request": no response
    /// may carry a `password` field or an internal `_` field, at any depth.
    fn check_no_leak(&self) -> Result<(), Failure> {
        let Some(json) = self.last.as_ref().and_then(|e| e.response.json.as_ref()) else {
            return Ok(());
        };
        if let Some(path) = find_leak(json, "") {
            return Err(self.fail(format!(
                "the response leaks the secret or internal field {path}"
            )));
        }
        // A session token may only go back to its own user: a known token of
        // a user who is not the one making the request is a leak. The master
        // key sees every session, tokens included.
        // The caller's keys are in headers, or in the body of a request in
        // the JavaScript SDK's form (`_MasterKey`, `_SessionToken`).
        let request = self.last.as_ref().map(|e| &e.request);
        let body: Option<Value> = request
            .and_then(|r| r.body.as_deref())
            .and_then(|b| serde_json::from_str(b).ok());
        let key = |header_name: &str, body_field: &str| {
            request
                .and_then(|r| {
                    r.headers
                        .iter()
                        .find(|(n, _)| n.eq_ignore_ascii_case(header_name))
                        .map(|(_, v)| v.as_str())
                })
                .or_else(|| body.as_ref()?.get(body_field)?.as_str())
        };
        let master = self.run.target.master_key.as_deref();
        if master.is_some() && key("X-Parse-Master-Key", "_MasterKey") == master {
            return Ok(());
        }
        let caller = key("X-Parse-Session-Token", "_SessionToken");
        let mut tokens = Vec::new();
        collect_session_tokens(json, &mut tokens);
        for token in tokens {
            let owner = self
                .users
                .iter()
                .find(|(_, u)| u.session_token.as_deref() == Some(token));
            if let Some((alias, _)) = owner
                && caller != Some(token)
            {
                return Err(self.fail(format!("the response carries the session token of {alias}, who did not make this request")));
            }
        }
        Ok(())
    }
}

/// Every `sessionToken` string in `value`, at any depth.
fn collect_session_tokens<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("sessionToken", Value::String(token)) => out.push(token),
                    _ => collect_session_tokens(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_session_tokens(v, out)),
        _ => {}
    }
}

/// The path of the first `password` or `_internal` field in `value`.
/// Parse's own `__type` and `__op` markers are not internal fields, and a
/// `password` whose value is a field's type (`{"type": "String"}`, as the
/// schema of `_User` lists it) carries no password.
fn find_leak(value: &Value, at: &str) -> Option<String> {
    match value {
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            let path = format!("{at}/{k}");
            let internal = k.starts_with('_') && !k.starts_with("__");
            if (k == "password" && !is_field_type(v)) || internal {
                Some(path)
            } else {
                find_leak(v, &path)
            }
        }),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| find_leak(v, &format!("{at}/{i}"))),
        _ => None,
    }
}

/// Whether `value` is a schema's field type: `{"type": "String"}`, with at
/// most `targetClass` and `required` besides.
fn is_field_type(value: &Value) -> bool {
    value.as_object().is_some_and(|map| {
        map.get("type").is_some_and(Value::is_string)
            && map
                .keys()
                .all(|k| matches!(k.as_str(), "type" | "targetClass" | "required"))
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::find_leak;

    #[test]
    fn a_schema_listing_a_password_field_type_leaks_nothing() {
        let schema = json!({"fields": {"password": {"type": "String"}}});
        assert_eq!(find_leak(&schema, ""), None);
        let leak = json!({"fields": {"password": {"type": "String", "defaultValue": "x"}}});
        assert_eq!(find_leak(&leak, ""), Some("/fields/password".into()));
    }

    #[test]
    fn collects_session_tokens_at_any_depth() {
        let value = json!({"sessionToken": "r:a", "results": [{"sessionToken": "r:b"}]});
        let mut tokens = Vec::new();
        super::collect_session_tokens(&value, &mut tokens);
        tokens.sort_unstable();
        assert_eq!(tokens, vec!["r:a", "r:b"]);
    }

    #[test]
    fn finds_passwords_and_internal_fields_at_any_depth() {
        assert_eq!(
            find_leak(&json!({"results": [{"password": "x"}]}), ""),
            Some("/results/0/password".into())
        );
        assert_eq!(
            find_leak(&json!({"_hashed_password": "x"}), ""),
            Some("/_hashed_password".into())
        );
        assert_eq!(
            find_leak(&json!({"d": {"__type": "Date", "iso": "x"}}), ""),
            None
        );
    }
}
