//! Steps for hostile and oversized requests: bodies and queries built to a
//! size or a depth that a docstring cannot show readably (a field nested
//! thousands of arrays deep, `$or` nested eleven times, a batch of 101
//! commands, a body one byte over the upload limit), and the check of a
//! refusal whose exact code the guide leaves open.

use cucumber::{then, when};
use reqwest::Method;
use serde_json::{Value, json};

use super::queries::send_query;
use crate::{
    steps::http::send,
    world::{Failure, ParseWorld, StepResult},
};

/// `depth` arrays around `1`: `[[[1]]]` for 3.
fn nested_arrays(depth: usize) -> String {
    format!("{}1{}", "[".repeat(depth), "]".repeat(depth))
}

#[when(regex = r"^the client sends POST (\S+) with the field (\w+) nested (\d+) arrays deep$")]
async fn sends_nested(
    world: &mut ParseWorld,
    path: String,
    field: String,
    depth: usize,
) -> StepResult {
    let body = format!("{{\"{field}\": {}}}", nested_arrays(depth));
    send(world, "POST", &path, Some(&body)).await
}

#[then(regex = r"^the field (\w+) of the response holds 1 nested (\d+) arrays deep$")]
fn holds_nested(world: &mut ParseWorld, field: String, depth: usize) -> StepResult {
    let expected: Value = serde_json::from_str(&nested_arrays(depth))
        .map_err(|e| Failure::new(format!("cannot build {depth} nested arrays: {e}")))?;
    if world.last_json()?.get(&field) == Some(&expected) {
        Ok(())
    } else {
        Err(world.fail(format!(
            "the field {field} does not hold 1 nested {depth} arrays deep"
        )))
    }
}

/// `{"objectId": "none"}` inside `$or` nested `depth` times.
fn nested_or_clause(depth: usize) -> Value {
    let mut clause = json!({"objectId": "none"});
    for _ in 0..depth {
        clause = json!({ "$or": [clause] });
    }
    clause
}

#[when(regex = r"^the client queries (\S+) with \$or nested (\d+) deep$")]
async fn nested_or(world: &mut ParseWorld, path: String, depth: usize) -> StepResult {
    let clause = nested_or_clause(depth);
    send_query(world, &path, &[("where", clause.to_string())]).await
}

#[when(
    regex = r"^the client queries (\S+) with \$or nested (\d+) deep under (\$\w+) on the field (\w+)$"
)]
async fn nested_or_under(
    world: &mut ParseWorld,
    path: String,
    depth: usize,
    operator: String,
    field: String,
) -> StepResult {
    let constraint = json!({ field: { operator: nested_or_clause(depth) } });
    send_query(world, &path, &[("where", constraint.to_string())]).await
}

#[when(regex = r"^the client queries (\S+) with \$inQuery subqueries on (\S+) nested (\d+) deep$")]
async fn nested_in_query(
    world: &mut ParseWorld,
    path: String,
    class: String,
    depth: usize,
) -> StepResult {
    let class = world.render(&class)?;
    let mut clause = json!({});
    for _ in 0..depth {
        clause = json!({"owner": {"$inQuery": {"className": class, "where": clause}}});
    }
    send_query(world, &path, &[("where", clause.to_string())]).await
}

#[when(regex = r"^the client queries (\S+) including one path of (\d+) fields$")]
async fn include_deep(world: &mut ParseWorld, path: String, fields: usize) -> StepResult {
    let include: Vec<String> = (1..=fields).map(|i| format!("f{i}")).collect();
    send_query(world, &path, &[("include", include.join("."))]).await
}

#[when(regex = r"^the client queries (\S+) including (\d+) fields$")]
async fn include_many(world: &mut ParseWorld, path: String, fields: usize) -> StepResult {
    let include: Vec<String> = (1..=fields).map(|i| format!("f{i}")).collect();
    send_query(world, &path, &[("include", include.join(","))]).await
}

#[when(regex = r"^the client queries (\S+) including (\d+) paths of two fields$")]
async fn include_pairs(world: &mut ParseWorld, path: String, paths: usize) -> StepResult {
    let include: Vec<String> = (1..=paths).map(|i| format!("f{i}.g")).collect();
    send_query(world, &path, &[("include", include.join(","))]).await
}

#[when(regex = r"^the client sends a batch of (\d+) finds on (\S+)$")]
async fn batch_of_finds(world: &mut ParseWorld, count: usize, path: String) -> StepResult {
    let path = world.render(&format!("{{{{mount}}}}{path}"))?;
    let requests: Vec<Value> = (0..count)
        .map(|_| json!({"method": "GET", "path": path}))
        .collect();
    let body = json!({ "requests": requests }).to_string();
    let request = world.request(Method::POST, "/batch", Some(body));
    world.send(request).await?;
    Ok(())
}

#[when(regex = r"^the client sends POST (\S+) with a JSON body one byte over the upload limit$")]
async fn body_over_limit(world: &mut ParseWorld, path: String) -> StepResult {
    let limit = world
        .run
        .target
        .capability_setting("max-upload-size", "bytes")
        .and_then(toml::Value::as_integer)
        .and_then(|b| usize::try_from(b).ok())
        .ok_or_else(|| {
            Failure::new("the profile's capability max-upload-size must be a table: max-upload-size = { bytes = 10485760 }")
        })?;
    // {"title":"…"}: 12 bytes around the text.
    let body = format!("{{\"title\":\"{}\"}}", "a".repeat(limit + 1 - 12));
    send(world, "POST", &path, Some(&body)).await
}

#[then(expr = "the response is a refusal with HTTP status {int} and an error message")]
fn refusal(world: &mut ParseWorld, status: u16) -> StepResult {
    let exchange = world.last()?;
    let actual = exchange.response.status;
    let has_message = exchange
        .response
        .json
        .as_ref()
        .and_then(|j| j.get("error"))
        .is_some_and(Value::is_string);
    match (actual == status, has_message) {
        (true, true) => Ok(()),
        (false, _) => Err(world.fail(format!("expected HTTP status {status}, got {actual}"))),
        (true, false) => Err(world.fail("the refusal has no JSON body with an \"error\" message")),
    }
}
