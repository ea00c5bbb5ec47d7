//! Steps about account lockout. The threshold and the duration are the
//! target's settings, read from its profile: `[capabilities]`
//! `lockout = { threshold = 3, duration_minutes = 0.05 }`.

use std::time::Duration;

use cucumber::{given, then, when};
use reqwest::Method;
use serde_json::{Value, json};

use crate::world::{Failure, ParseWorld, StepResult};

/// The longest lock a scenario waits out; a profile with a longer one
/// fails that scenario with a clear message instead of stalling the run.
const LONGEST_WAIT: Duration = Duration::from_secs(30);

/// The target's lockout settings.
struct Policy {
    /// Failed logins allowed before the account locks.
    threshold: u32,
    /// Minutes the account stays locked, as configured.
    duration_minutes: f64,
}

/// Reads `lockout = { threshold, duration_minutes }` from the profile.
fn policy(world: &ParseWorld) -> Result<Policy, Failure> {
    let table = world
        .run
        .target
        .capabilities
        .get("lockout")
        .and_then(toml::Value::as_table)
        .ok_or_else(|| {
            Failure::new(
                "the profile's capability lockout must be a table: lockout = { threshold = 3, duration_minutes = 0.05 }",
            )
        })?;
    let threshold = table
        .get("threshold")
        .and_then(toml::Value::as_integer)
        .and_then(|t| u32::try_from(t).ok())
        .filter(|t| *t > 0)
        .ok_or_else(|| Failure::new("lockout.threshold must be a positive integer"))?;
    let duration_minutes = match table.get("duration_minutes") {
        Some(toml::Value::Float(d)) => *d,
        Some(toml::Value::Integer(d)) => *d as f64,
        _ => return Err(Failure::new("lockout.duration_minutes must be a number")),
    };
    Ok(Policy {
        threshold,
        duration_minutes,
    })
}

/// The lockout message, with the duration written as Parse Server writes
/// it (JavaScript's number text: `0.05`, `1`, `1.5`).
fn locked_message(policy: &Policy) -> String {
    format!(
        "Your account is locked due to multiple failed login attempts. Please try again after {} minute(s)",
        policy.duration_minutes
    )
}

/// Sends `times` logins of `alias` with a wrong password; each must be
/// refused as a wrong password (404, 101 "Invalid username/password.").
async fn fail_logins(world: &mut ParseWorld, alias: &str, times: u32) -> StepResult {
    let username = world.unique(alias);
    for attempt in 1..=times {
        let body = json!({"username": username, "password": "not-the-password"}).to_string();
        let request = world.request(Method::POST, "/login", Some(body));
        let response = &world.send(request).await?.response;
        let error = response
            .json
            .as_ref()
            .and_then(|j| j.get("error"))
            .and_then(Value::as_str)
            .unwrap_or_default();
        if response.status != 404 || !error.eq_ignore_ascii_case("Invalid username/password.") {
            return Err(world.fail(format!(
                "failed login {attempt} of {times} for {alias} was not refused as a wrong password (404, 101 \"Invalid username/password.\")"
            )));
        }
    }
    Ok(())
}

#[given(expr = "{word} has failed to log in as many times as the lockout threshold")]
async fn failed_threshold_times(world: &mut ParseWorld, alias: String) -> StepResult {
    let threshold = policy(world)?.threshold;
    fail_logins(world, &alias, threshold).await
}

#[given(expr = "{word} has failed to log in one time fewer than the lockout threshold")]
async fn failed_one_fewer(world: &mut ParseWorld, alias: String) -> StepResult {
    let threshold = policy(world)?.threshold;
    fail_logins(world, &alias, threshold - 1).await
}

#[when("the lockout duration has passed")]
async fn duration_passes(world: &mut ParseWorld) -> StepResult {
    let minutes = policy(world)?.duration_minutes;
    // A little more than the duration: the server's clock and ours both tick.
    let wait = Duration::from_secs_f64(minutes * 60.0) + Duration::from_millis(500);
    if wait > LONGEST_WAIT {
        return Err(Failure::new(format!(
            "the profile's lockout.duration_minutes ({minutes}) is longer than this scenario waits ({} s)",
            LONGEST_WAIT.as_secs()
        )));
    }
    tokio::time::sleep(wait).await;
    Ok(())
}

#[given("the response is the account lockout error")]
#[then("the response is the account lockout error")]
fn lockout_error(world: &mut ParseWorld) -> StepResult {
    let expected = locked_message(&policy(world)?);
    let response = &world.last()?.response;
    let json = response.json.as_ref();
    let code = json.and_then(|j| j.get("code")).and_then(Value::as_i64);
    let error = json
        .and_then(|j| j.get("error"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    if response.status == 404 && code == Some(101) && error.eq_ignore_ascii_case(&expected) {
        Ok(())
    } else {
        Err(world.fail(format!(
            "expected HTTP 404 with the Parse error 101 {expected:?}"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_duration_reads_as_javascript_prints_it() {
        let message = |duration_minutes| {
            locked_message(&Policy {
                threshold: 3,
                duration_minutes,
            })
        };
        assert!(message(0.05).ends_with("after 0.05 minute(s)"));
        assert!(message(1.0).ends_with("after 1 minute(s)"));
        assert!(message(1.5).ends_with("after 1.5 minute(s)"));
    }
}
