//! A run with known secrets leaves none of them in any output.
//!
//! The test starts the reference server with known keys, reads its mail
//! itself (an SMTP sink behind a Mailpit-shaped API the runner reads), and
//! runs the `parse-conformance` binary on the features that sign up, log
//! in, verify emails and reset passwords, plus scenarios made to fail
//! after each kind of secret went by (a failure prints the exchange), some
//! of them listed as expected failures. Then no output may contain the
//! master key, a password the features use, a session token the server
//! issued, or a token of a link it mailed: not the console (stdout and
//! stderr), not summary.md, junit.xml, cucumber.json, results.json, nor any
//! page of html/.

#![allow(clippy::expect_used)] // a test: a panic is the failure report

mod run;

use std::{
    collections::{BTreeSet, HashMap},
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
    time::Duration,
};

use axum::{
    Json, Router,
    extract::{Path as UrlPath, Query, State},
    routing::get,
};
use parse_conformance::{embedded::Embedded, mail::sink::SmtpSink};
use regex::Regex;
use serde_json::{Value, json};

/// The features whose scenarios handle every kind of secret.
const FEATURES: &[&str] = &[
    "users/signup.feature",
    "users/login.feature",
    "users/email-verification.feature",
    "users/password-reset.feature",
    "sessions/creating.feature",
    "rest/sdk-body-form.feature",
];

/// Scenarios that fail right after a secret went by, so that their
/// failure messages show the exchanges that carried it.
const FAILING: &str = r#"@leaks
Feature: Failures right after secrets went by

  Background:
    Given the client uses the application id and the REST API key

  @id.leaks.login
  Scenario: A failure after a login shows the login exchange
    Given a user cooldude6 signed up with password "p_n7!-e8"
    When cooldude6 logs in with password "p_n7!-e8"
    Then the response status is 599

  @id.leaks.login-through-get
  Scenario: A failure after a login through GET shows the URL with the password
    Given a user cooldude6 signed up with password "p_n7!-e8"
    When cooldude6 logs in with password "p_n7!-e8" through GET
    Then the response body contains:
      """
      {"sessionToken": "not this one"}
      """

  @id.leaks.master-key
  Scenario: A failure of a request with the master key shows the request
    Given the client uses the master key
    When the client sends GET /classes/_User
    Then the response status is 599

  @id.leaks.session-token
  Scenario: A failure of a request with a session token shows the request
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends GET /users/me
    Then the response body is:
      """
      {}
      """

  @id.leaks.verification-link
  Scenario: A failure after following a verification link shows the link
    Given a user cooldude6 signed up with:
      """
      {"password": "p_n7!-e8", "email": "{{cooldude6}}@example.com"}
      """
    Then {{cooldude6}}@example.com receives an email with a link to verify the email
    When the client follows the link in the email
    Then the response status is 599

  @id.leaks.reset-form
  Scenario: A failure after choosing a new password shows the form sent
    Given a user cooldude6 signed up with:
      """
      {"password": "p_n7!-e8", "email": "{{cooldude6}}@example.com"}
      """
    When the client sends POST /requestPasswordReset with body:
      """
      {"email": "{{cooldude6}}@example.com"}
      """
    Then {{cooldude6}}@example.com receives an email with a link to reset the password
    When the client chooses the new password "n3w-p_n7!-e8" on the page of the link in the email
    Then the response status is 599
"#;

/// A stand-in for Mailpit's API over the test's SMTP sink; it remembers
/// which addresses the runner asked for.
#[derive(Clone)]
struct Mailbox {
    sink: SmtpSink,
    asked: Arc<Mutex<BTreeSet<String>>>,
}

async fn search(
    State(mailbox): State<Mailbox>,
    Query(query): Query<HashMap<String, String>>,
) -> Json<Value> {
    let address = query
        .get("query")
        .map(|q| q.trim_start_matches("to:").trim_matches('"').to_owned())
        .unwrap_or_default();
    mailbox
        .asked
        .lock()
        .expect("the address list")
        .insert(address.clone());
    let count = mailbox.sink.mails_to(&address).len();
    let messages: Vec<Value> = (0..count)
        .rev()
        .map(|i| json!({"ID": format!("{address}|{i}")}))
        .collect();
    Json(json!({"total": count, "messages": messages}))
}

async fn message(State(mailbox): State<Mailbox>, UrlPath(id): UrlPath<String>) -> Json<Value> {
    let (address, index) = id.rsplit_once('|').expect("an id of this API");
    let index: usize = index.parse().expect("an index");
    let mail = mailbox.sink.mails_to(address).swap_remove(index);
    Json(json!({
        "To": mail.to.iter().map(|a| json!({"Address": a})).collect::<Vec<_>>(),
        "Subject": mail.subject,
        "Text": mail.text,
    }))
}

/// Every password the features write: after `password "`, or as the value
/// of a password field.
fn passwords_in(text: &str) -> BTreeSet<String> {
    let pattern = Regex::new(
        r#"(?i)password "([^"{}]+)"|"(?:password|new_password)"\s*:\s*"([^"{}]+)"|password=([^&\s"{}]+)"#,
    )
    .expect("a pattern");
    pattern
        .captures_iter(text)
        .filter_map(|c| {
            c.iter()
                .skip(1)
                .flatten()
                .next()
                .map(|m| m.as_str().to_owned())
        })
        .collect()
}

/// Every session token the server's instances still know, by the master key.
async fn session_tokens(urls: &[String], app_id: &str, master_key: &str) -> BTreeSet<String> {
    let http = reqwest::Client::new();
    let mut tokens = BTreeSet::new();
    for url in urls {
        let answer: Value = http
            .get(format!("{url}/sessions?limit=1000"))
            .header("X-Parse-Application-Id", app_id)
            .header("X-Parse-Master-Key", master_key)
            .send()
            .await
            .expect("the sessions")
            .json()
            .await
            .expect("JSON sessions");
        for session in answer["results"].as_array().into_iter().flatten() {
            if let Some(token) = session["sessionToken"].as_str() {
                tokens.insert(token.to_owned());
            }
        }
    }
    tokens
}

/// Every file of the reports, with its text.
fn report_files(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)
        .expect("the reports folder")
        .flatten()
    {
        let path = entry.path();
        if path.is_dir() {
            out.extend(report_files(&path));
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            out.push((path, text));
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn no_secret_of_a_run_reaches_a_report_or_the_console() {
    let sink = SmtpSink::start("127.0.0.1:0").expect("an SMTP sink");
    let server = Embedded::start(sink.address().port())
        .await
        .expect("the reference server");
    let mailbox = Mailbox {
        sink: sink.clone(),
        asked: Arc::default(),
    };
    let api = Router::new()
        .route("/api/v1/search", get(search))
        .route("/api/v1/message/{id}", get(message))
        .with_state(mailbox.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port for the mailbox API");
    let api_url = format!("http://{}", listener.local_addr().expect("an address"));
    tokio::spawn(async move { axum::serve(listener, api).await });

    let target = &server.target;
    let master_key = target.master_key.clone().expect("a master key");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("secrets");
    let _ = std::fs::remove_dir_all(&dir);
    let features = dir.join("features");
    std::fs::create_dir_all(&features).expect("a scratch folder");
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../features");
    let mut feature_texts = vec![FAILING.to_owned()];
    for name in FEATURES {
        let text = std::fs::read_to_string(source.join(name)).expect("a feature of the suite");
        std::fs::write(features.join(name.replace('/', "-")), &text).expect("a copy");
        feature_texts.push(text);
    }
    std::fs::write(features.join("leaks.feature"), FAILING).expect("the failing feature");
    let mut profile = toml::Table::new();
    profile.insert("name".into(), "secrets".into());
    profile.insert("url".into(), target.url.clone().into());
    profile.insert("app_id".into(), target.app_id.clone().into());
    if let Some(key) = &target.rest_api_key {
        profile.insert("rest_api_key".into(), key.clone().into());
    }
    profile.insert("master_key".into(), master_key.clone().into());
    profile.insert("mailbox_url".into(), api_url.into());
    profile.insert(
        "capabilities".into(),
        toml::Value::Table(target.capabilities.clone()),
    );
    let expected: toml::Table = toml::from_str(
        r#"
"leaks.login" = { reason = "listed, so that the expected-failure section shows it" }
"leaks.reset-form" = { reason = "listed, so that the expected-failure section shows it" }
"#,
    )
    .expect("a table");
    profile.insert("expected_failures".into(), toml::Value::Table(expected));
    let profile_path = dir.join("target.toml");
    std::fs::write(&profile_path, toml::to_string(&profile).expect("TOML")).expect("the profile");

    let reports = dir.join("reports");
    let run::Finished { code, console } = run::run_suite(
        &profile_path,
        &features,
        &reports,
        Duration::from_secs(300),
        "the run",
    )
    .await;
    // Four failures are unexpected: the run fails, and the reports have them.
    assert_eq!(code, Some(1), "{console}");
    assert!(
        console.contains("2 expected failures"),
        "the listed failures failed as expected:\n{console}"
    );

    // What must not appear.
    let mut secrets: Vec<(&str, String)> = vec![("the master key", master_key.clone())];
    let passwords: BTreeSet<String> = feature_texts.iter().flat_map(|t| passwords_in(t)).collect();
    assert!(passwords.contains("p_n7!-e8") && passwords.contains("n3w-p_n7!-e8"));
    secrets.extend(passwords.into_iter().map(|p| ("a password", p)));
    let mut urls = vec![target.url.clone()];
    urls.extend(
        target
            .capabilities
            .values()
            .filter_map(|v| v.get("url")?.as_str().map(str::to_owned)),
    );
    let tokens = session_tokens(&urls, &target.app_id, &master_key).await;
    assert!(tokens.len() > 10, "the run left sessions: {}", tokens.len());
    secrets.extend(tokens.into_iter().map(|t| ("a session token", t)));
    let link_token = Regex::new(r"[?&]token=([^&\s]+)").expect("a pattern");
    let asked = mailbox.asked.lock().expect("the addresses").clone();
    let mut links = 0;
    for address in &asked {
        for mail in sink.mails_to(address) {
            for link in mail.links() {
                for token in link_token.captures_iter(&link) {
                    links += 1;
                    secrets.push(("the token of a mailed link", token[1].to_owned()));
                }
            }
        }
    }
    assert!(links >= 4, "the run read mailed links: {links}");

    let mut outputs = vec![(PathBuf::from("the console"), console)];
    outputs.extend(report_files(&reports));
    let names: BTreeSet<String> = outputs
        .iter()
        .filter_map(|(p, _)| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    for name in [
        "summary.md",
        "junit.xml",
        "cucumber.json",
        "results.json",
        "index.html",
    ] {
        assert!(names.contains(name), "the run wrote {name}: {names:?}");
    }
    let token_shape = Regex::new(r"r:[A-Za-z0-9]{8,}").expect("a pattern");
    let mut leaks = Vec::new();
    for (path, text) in &outputs {
        for (kind, secret) in &secrets {
            if text.contains(secret.as_str()) {
                // The secret itself is not printed: the test's own output is
                // a CI log too.
                leaks.push(format!(
                    "{}: {kind} ({} chars)",
                    path.display(),
                    secret.len()
                ));
            }
        }
        if let Some(m) = token_shape.find(text) {
            leaks.push(format!(
                "{}: a session token's shape at byte {}",
                path.display(),
                m.start()
            ));
        }
    }
    leaks.sort();
    leaks.dedup();
    assert!(
        leaks.is_empty(),
        "secrets in the outputs:\n{}",
        leaks.join("\n")
    );
    server.stop().await;
}
