//! The runner against a target that misbehaves: each fault gives one clear
//! outcome per scenario (failed, with a message that names the fault), no
//! hang beyond the request timeout, and the documented exit code (1 when
//! scenarios failed, 2 when the run could not start).
//!
//! Each test runs the real `parse-conformance` binary against a
//! [`faulty::FaultyTarget`] with a profile whose request timeout is one
//! second, and bounds its own time.

#![allow(clippy::expect_used)] // a test: a panic is the failure report

mod faulty;
mod run;

use std::{
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

use faulty::{Fault, FaultyTarget};
use serde_json::Value;

/// Two scenarios that each read a JSON answer first.
const FEATURE: &str = r#"@faults
Feature: A target that misbehaves

  Background:
    Given the client uses the application id and the REST API key

  @id.faults.create
  Scenario: Creating an object answers its id
    When the client sends POST /classes/Fault with body:
      """
      {"n": 1}
      """
    Then the response body contains:
      """
      {"objectId": "late"}
      """

  @id.faults.read
  Scenario: Reading a class answers results
    When the client sends GET /classes/Fault
    Then the response body contains:
      """
      {"objectId": "late"}
      """
"#;

/// How long a whole run may take: the probe (5 s at most), two requests
/// of one second each, the reports, and slack for a loaded machine.
const RUN_BOUND: Duration = Duration::from_secs(60);

/// What a run left behind.
struct Run {
    code: Option<i32>,
    console: String,
    elapsed: Duration,
    reports: PathBuf,
}

impl Run {
    /// Each scenario's status and failure message, from results.json.
    fn scenarios(&self) -> Vec<(String, String, String)> {
        let text = std::fs::read_to_string(self.reports.join("results.json"))
            .expect("the run wrote results.json");
        let json: Value = serde_json::from_str(&text).expect("results.json is JSON");
        json["scenarios"]
            .as_array()
            .expect("results.json lists scenarios")
            .iter()
            .map(|s| {
                (
                    s["id"].as_str().unwrap_or_default().to_owned(),
                    s["verdict"].as_str().unwrap_or_default().to_owned(),
                    s["failure"]["message"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned(),
                )
            })
            .collect()
    }
}

/// Runs the suite's binary with a profile pointing at `url`.
async fn run_against(url: &str, name: &str) -> Run {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("faulty-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    let features = dir.join("features");
    std::fs::create_dir_all(&features).expect("a scratch folder");
    std::fs::write(features.join("faults.feature"), FEATURE).expect("the feature file");
    let profile = dir.join("target.toml");
    std::fs::write(
        &profile,
        format!(
            r#"name = "faulty-{name}"
url = "{url}"
app_id = "app"
rest_api_key = "rest"
master_key = "faulty-master-key"
connect_timeout = 1
request_timeout = 1
"#
        ),
    )
    .expect("the profile");
    let reports = dir.join("reports");
    let started = Instant::now();
    let run::Finished { code, console } = run::run_suite(
        &profile,
        &features,
        &reports,
        RUN_BOUND,
        &format!("the run against the {name} target"),
    )
    .await;
    Run {
        code,
        console,
        elapsed: started.elapsed(),
        reports,
    }
}

/// Runs against a target with `fault` and checks that both scenarios
/// failed, each with a message containing one of `words`, that the run took
/// no longer than `bound`, and that it exited with 1.
async fn fails_each_scenario_naming(fault: Fault, name: &str, words: &[&str], bound: Duration) {
    let target = FaultyTarget::start(fault).await;
    let run = run_against(&target.url(), name).await;
    let scenarios = run.scenarios();
    assert_eq!(scenarios.len(), 2, "two outcomes:\n{}", run.console);
    for (id, status, message) in &scenarios {
        assert_eq!(
            status, "failed",
            "{id} against the {name} target:\n{}",
            run.console
        );
        let lower = message.to_lowercase();
        assert!(
            words.iter().any(|w| lower.contains(w)),
            "{id}: the message does not name the fault ({words:?}):\n{message}"
        );
    }
    assert_eq!(run.code, Some(1), "exit code:\n{}", run.console);
    assert!(
        run.elapsed < bound,
        "the run against the {name} target took {:?}",
        run.elapsed
    );
    assert!(
        !run.console.contains("faulty-master-key"),
        "the console shows the master key:\n{}",
        run.console
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reset_connection_fails_each_scenario_saying_so() {
    fails_each_scenario_naming(
        Fault::Reset,
        "reset",
        &["the target reset the connection"],
        Duration::from_secs(30),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_connection_closed_without_an_answer_fails_each_scenario_saying_so() {
    fails_each_scenario_naming(
        Fault::Closes,
        "closes",
        &["the target closed the connection without answering"],
        Duration::from_secs(30),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_answer_that_is_not_http_fails_each_scenario_saying_so() {
    fails_each_scenario_naming(
        Fault::Garbage,
        "garbage",
        &["the target's answer is not http"],
        Duration::from_secs(30),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_body_that_is_not_json_fails_each_scenario_saying_so() {
    fails_each_scenario_naming(
        Fault::NotJson,
        "not-json",
        &["not json"],
        Duration::from_secs(30),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_answer_that_stops_mid_body_fails_each_scenario_saying_so() {
    fails_each_scenario_naming(
        Fault::StopsMidBody,
        "mid-body",
        &["the target closed the connection before the whole body came"],
        Duration::from_secs(30),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_target_that_never_answers_fails_each_scenario_with_the_timeout() {
    fails_each_scenario_naming(
        Fault::Silent,
        "silent",
        &["did not answer within 1 s"],
        Duration::from_secs(30),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_target_slower_than_the_timeout_fails_each_scenario_with_the_timeout() {
    fails_each_scenario_naming(
        Fault::Slow(Duration::from_secs(5)),
        "slow",
        &["did not answer within 1 s"],
        Duration::from_secs(30),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_target_slower_than_usual_but_within_the_timeout_passes() {
    let target = FaultyTarget::start(Fault::Slow(Duration::from_millis(200))).await;
    let run = run_against(&target.url(), "slow-but-in-time").await;
    assert_eq!(run.code, Some(0), "exit code:\n{}", run.console);
    assert!(
        run.scenarios()
            .iter()
            .all(|(_, status, _)| status == "passed"),
        "{}",
        run.console
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_target_refusing_connections_stops_the_run_with_exit_code_2() {
    // A port that was free a moment ago: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let run = run_against(&format!("http://127.0.0.1:{port}/parse"), "refused").await;
    assert_eq!(run.code, Some(2), "exit code:\n{}", run.console);
    assert!(
        run.console.contains("the target is unreachable")
            && run.console.contains("Is the server running?"),
        "{}",
        run.console
    );
    assert!(
        run.elapsed < Duration::from_secs(30),
        "took {:?}",
        run.elapsed
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_target_answering_garbage_to_the_probe_stops_the_run_with_exit_code_2() {
    let target = FaultyTarget::start_faulting_the_probe(Fault::Garbage).await;
    let run = run_against(&target.url(), "garbage-probe").await;
    assert_eq!(run.code, Some(2), "exit code:\n{}", run.console);
    assert!(
        run.console.contains("the target's answer is not HTTP"),
        "{}",
        run.console
    );
    assert!(
        run.elapsed < Duration::from_secs(30),
        "took {:?}",
        run.elapsed
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_target_silent_to_the_probe_stops_the_run_with_exit_code_2() {
    let target = FaultyTarget::start_faulting_the_probe(Fault::Silent).await;
    let run = run_against(&target.url(), "silent-probe").await;
    assert_eq!(run.code, Some(2), "exit code:\n{}", run.console);
    assert!(
        run.console.contains("did not answer within")
            && run.console.contains("Is the server running?"),
        "{}",
        run.console
    );
    assert!(
        run.elapsed < Duration::from_secs(30),
        "took {:?}",
        run.elapsed
    );
}
