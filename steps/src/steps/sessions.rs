//! Steps about sessions: naming a user's sessions so that a scenario can
//! use their objectIds and tokens, reading the results of session queries,
//! and waiting out the target's session length (capability
//! `session-length = { url = "…", seconds = N }`).

use std::time::Duration;

use cucumber::{given, then, when};
use reqwest::Method;
use serde_json::Value;

use super::users::SESSION_TOKEN;
use parse_mock_server::clock::parse_iso;

use crate::{
    expect,
    world::{Failure, ParseWorld, StepResult},
};

/// The longest session length a scenario waits out.
const LONGEST_WAIT: Duration = Duration::from_secs(30);

#[given(expr = "the current session of {word} is known as {word}")]
async fn current_session_known_as(
    world: &mut ParseWorld,
    user: String,
    alias: String,
) -> StepResult {
    let token = world.session_token_of(&user)?;
    let mut request = world.request(Method::GET, "/sessions/me", None);
    request
        .headers
        .retain(|(name, _)| !name.eq_ignore_ascii_case(SESSION_TOKEN));
    request
        .headers
        .push((SESSION_TOKEN.to_owned(), token.clone()));
    let exchange = world.send(request).await?;
    match exchange.response.object_id_if(200) {
        Some(object_id) => {
            world.objects.insert(alias.clone(), object_id);
            world.session_tokens.insert(alias, token);
            Ok(())
        }
        _ => Err(world.fail(format!(
            "GET /sessions/me with the token of {user} did not answer 200 with an objectId"
        ))),
    }
}

#[given(expr = "the session in the response is known as {word}")]
fn response_session_known_as(world: &mut ParseWorld, alias: String) -> StepResult {
    let json = world.last_json()?;
    let text = |field: &str| json.get(field).and_then(Value::as_str).map(str::to_owned);
    let (Some(object_id), Some(token)) = (text("objectId"), text("sessionToken")) else {
        return Err(world.fail("the response has no objectId and sessionToken of a session"));
    };
    world.objects.insert(alias.clone(), object_id);
    world.session_tokens.insert(alias, token);
    Ok(())
}

#[given(expr = "the client uses the token of the session {word}")]
fn uses_token_of_session(world: &mut ParseWorld, alias: String) -> StepResult {
    let token =
        world.session_tokens.get(&alias).cloned().ok_or_else(|| {
            Failure::new(format!("no session {alias:?} is known in this scenario"))
        })?;
    world.set_header(SESSION_TOKEN, &token);
    Ok(())
}

/// The result of the last query whose objectId is the object `alias`'s.
fn result<'a>(world: &'a ParseWorld, alias: &str) -> Result<&'a Value, Failure> {
    let id = world
        .objects
        .get(alias)
        .ok_or_else(|| Failure::new(format!("no object {alias:?} is known in this scenario")))?;
    world
        .last_json()?
        .get("results")
        .and_then(Value::as_array)
        .and_then(|results| {
            results
                .iter()
                .find(|r| r.get("objectId").and_then(Value::as_str) == Some(id))
        })
        .ok_or_else(|| world.fail(format!("the results do not include {alias}")))
}

#[then(expr = "the results include the objects {string}")]
fn results_include(world: &mut ParseWorld, aliases: String) -> StepResult {
    for alias in expect::list(&aliases) {
        result(world, &alias)?;
    }
    Ok(())
}

#[then(expr = "the result {word} has the field {string}")]
fn result_has_field(world: &mut ParseWorld, alias: String, field: String) -> StepResult {
    if result(world, &alias)?.get(&field).is_some() {
        Ok(())
    } else {
        Err(world.fail(format!("the result {alias} has no field {field}")))
    }
}

#[then(expr = "the result {word} has no field {string}")]
fn result_lacks_field(world: &mut ParseWorld, alias: String, field: String) -> StepResult {
    if result(world, &alias)?.get(&field).is_none() {
        Ok(())
    } else {
        Err(world.fail(format!(
            "the result {alias} has the field {field}, which it must not have"
        )))
    }
}

/// The target's session length in seconds, from its profile:
/// `session-length = { url = "…", seconds = 3 }`.
fn session_length(world: &ParseWorld) -> Result<f64, Failure> {
    match world
        .run
        .target
        .capability_setting("session-length", "seconds")
    {
        Some(toml::Value::Integer(s)) if *s > 0 => Ok(*s as f64),
        Some(toml::Value::Float(s)) if *s > 0.0 => Ok(*s),
        _ => Err(Failure::new(
            "the profile's capability session-length must give seconds: session-length = { url = \"…\", seconds = 3 }",
        )),
    }
}

#[when("the session length has passed")]
async fn session_length_passed(world: &mut ParseWorld) -> StepResult {
    let wait = Duration::from_secs_f64(session_length(world)? + 1.0);
    if wait > LONGEST_WAIT {
        return Err(Failure::new(format!(
            "the target's session length is {wait:?}, longer than this suite waits ({LONGEST_WAIT:?})"
        )));
    }
    tokio::time::sleep(wait).await;
    Ok(())
}

#[then("the session in the response expires the session length after it was created")]
fn expires_after_session_length(world: &mut ParseWorld) -> StepResult {
    let seconds = session_length(world)?;
    let json = world.last_json()?;
    let moment = |value: Option<&Value>| value.and_then(Value::as_str).and_then(parse_iso);
    let created = moment(json.get("createdAt"));
    let expires = moment(json.get("expiresAt").and_then(|e| e.get("iso")));
    let (Some(created), Some(expires)) = (created, expires) else {
        return Err(world.fail("the response has no createdAt and expiresAt.iso dates"));
    };
    let lived = (expires - created).as_seconds_f64();
    // The two moments are taken a few milliseconds apart by the server.
    if (lived - seconds).abs() <= 1.0 {
        Ok(())
    } else {
        Err(world.fail(format!(
            "the session expires {lived:.3} s after its creation, not the session length of {seconds} s"
        )))
    }
}

#[then(expr = "the response carries no session token of {word}")]
fn carries_no_token_of(world: &mut ParseWorld, user: String) -> StepResult {
    let token = world.session_token_of(&user)?;
    if world.last()?.response.body.contains(&token) {
        Err(world.fail(format!("the response carries the session token of {user}")))
    } else {
        Ok(())
    }
}
