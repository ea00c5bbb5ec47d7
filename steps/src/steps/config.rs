//! Steps about the app's config (Parse REST guide, Config). The config is
//! global to the app, so these steps look only at the parameters a
//! scenario names (unique names, `{{alias}}`), never at the whole set.

use cucumber::{gherkin::Step, given, then, when};
use reqwest::Method;
use serde_json::{Map, Value, json};

use super::{http::docstring_json, objects::master_headers};
use crate::world::{Failure, ParseWorld, StepResult};

/// `PUT /config` with `body`, sent with the master key whatever the
/// scenario's own headers are; it must answer 200 `{"result": true}`.
async fn put_as_master(world: &mut ParseWorld, body: Value, what: &str) -> StepResult {
    let mut request = world.request(Method::PUT, "/config", Some(body.to_string()));
    request.headers = master_headers(world)?;
    request
        .headers
        .push(("Content-Type".to_owned(), "application/json".to_owned()));
    let response = &world.send(request).await?.response;
    if response.status == 200 && response.json == Some(json!({"result": true})) {
        Ok(())
    } else {
        Err(world.fail(format!(
            "{what} with the master key did not answer 200 {{\"result\": true}}"
        )))
    }
}

#[given("the master key set the config to:")]
async fn master_set(world: &mut ParseWorld, step: &Step) -> StepResult {
    let body = docstring_json(world, step)?;
    put_as_master(world, body, "setting the config").await
}

#[when(expr = "the master key deletes the config parameters {string}")]
#[then(expr = "the master key deletes the config parameters {string}")]
async fn master_deletes(world: &mut ParseWorld, names: String) -> StepResult {
    let mut params = Map::new();
    for name in crate::expect::list(&names) {
        let name = world.render(&name)?;
        params.insert(name, json!({"__op": "Delete"}));
    }
    put_as_master(
        world,
        json!({ "params": params }),
        "deleting the parameters",
    )
    .await
}

/// `GET /config`, with the scenario's headers or the master key; the
/// answer must be 200 with a `params` object, which is returned.
async fn read_params(world: &mut ParseWorld, as_master: bool) -> Result<Value, Failure> {
    let mut request = world.request(Method::GET, "/config", None);
    if as_master {
        request.headers = master_headers(world)?;
    }
    let response = &world.send(request).await?.response;
    match (
        response.status,
        response.json.as_ref().and_then(|j| j.get("params")),
    ) {
        (200, Some(params @ Value::Object(_))) => Ok(params.clone()),
        _ => Err(world.fail("GET /config did not answer 200 with a params object")),
    }
}

/// Each parameter of `expected` is in `params` with exactly its value.
fn check_includes(world: &ParseWorld, params: &Value, expected: &Value) -> StepResult {
    let Some(expected) = expected.as_object() else {
        return Err(Failure::new(
            "the expected parameters must be a JSON object",
        ));
    };
    let wrong: Vec<String> = expected
        .iter()
        .filter(|(name, value)| params.get(name.as_str()) != Some(value))
        .map(|(name, value)| {
            format!(
                "parameter {name}: expected {value}, got {}",
                params
                    .get(name.as_str())
                    .map_or("nothing".to_owned(), Value::to_string)
            )
        })
        .collect();
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(world.fail(wrong.join("\n")))
    }
}

#[then("the client reads the config parameters:")]
async fn client_reads(world: &mut ParseWorld, step: &Step) -> StepResult {
    let expected = docstring_json(world, step)?;
    let params = read_params(world, false).await?;
    check_includes(world, &params, &expected)
}

#[then("the master key reads the config parameters:")]
async fn master_reads(world: &mut ParseWorld, step: &Step) -> StepResult {
    let expected = docstring_json(world, step)?;
    let params = read_params(world, true).await?;
    check_includes(world, &params, &expected)
}

/// Reads the config and checks that none of `names` shows in it: not in
/// `params`, and not flagged master-key-only in `masterKeyOnly` (which
/// would tell a client that a hidden parameter exists).
async fn check_absent(world: &mut ParseWorld, names: &str, as_master: bool) -> StepResult {
    let params = read_params(world, as_master).await?;
    let flags = world
        .last_json()?
        .get("masterKeyOnly")
        .cloned()
        .unwrap_or(Value::Null);
    let mut shown = Vec::new();
    for name in crate::expect::list(names) {
        let name = world.render(&name)?;
        if params.get(&name).is_some() || flags.get(&name) == Some(&Value::Bool(true)) {
            shown.push(name);
        }
    }
    if shown.is_empty() {
        Ok(())
    } else {
        Err(world.fail(format!(
            "the config shows the parameters {}, which it must not",
            shown.join(", ")
        )))
    }
}

#[then(expr = "the client reads no config parameter {string}")]
async fn client_reads_none(world: &mut ParseWorld, names: String) -> StepResult {
    check_absent(world, &names, false).await
}

#[then(expr = "the master key reads no config parameter {string}")]
async fn master_reads_none(world: &mut ParseWorld, names: String) -> StepResult {
    check_absent(world, &names, true).await
}
