//! Steps about the schema API and class-level permissions.

use cucumber::{gherkin::Step, given, then};
use reqwest::Method;
use serde_json::{Value, json};

use super::{http::docstring_json, objects::master_headers};
use crate::{
    expect,
    world::{ParseWorld, StepResult},
};

/// Sends `method /schemas/<class>` with the master key and `body`; fails
/// the step, naming `what`, unless the target answers 200 or 201.
pub(super) async fn master_schema_request(
    world: &mut ParseWorld,
    method: Method,
    alias: &str,
    body: Value,
    what: &str,
) -> StepResult {
    let class_name = world.unique(alias);
    let mut request = world.request(
        method,
        &format!("/schemas/{class_name}"),
        Some(body.to_string()),
    );
    request.headers = master_headers(world)?;
    request
        .headers
        .push(("Content-Type".to_owned(), "application/json".to_owned()));
    let status = world.send(request).await?.response.status;
    if status == 200 || status == 201 {
        Ok(())
    } else {
        Err(world.fail(format!("{what} {alias} with the master key failed")))
    }
}

/// Creates the class `alias` (its unique name) through the schema API with
/// the master key, from a body holding `fields` and, if given,
/// `classLevelPermissions`. Placeholders are filled first, so CLPs can name
/// users (`{{alice.objectId}}`).
#[given(expr = "the class {word} exists with the schema:")]
async fn class_with_schema(world: &mut ParseWorld, step: &Step, alias: String) -> StepResult {
    let body = docstring_json(world, step)?;
    master_schema_request(world, Method::POST, &alias, body, "creating the class").await
}

/// Replaces the class-level permissions of the class `alias` with the
/// master key.
#[given(expr = "the class-level permissions of {word} are:")]
async fn class_permissions_are(world: &mut ParseWorld, step: &Step, alias: String) -> StepResult {
    let permissions = docstring_json(world, step)?;
    let body = json!({ "classLevelPermissions": permissions });
    master_schema_request(
        world,
        Method::PUT,
        &alias,
        body,
        "setting the class-level permissions of",
    )
    .await
}

/// The answer of `GET /schemas` lists (at least) these classes, by alias;
/// the target's other classes are none of the scenario's business.
#[then(expr = "the schemas listed include the classes {string}")]
fn schemas_include(world: &mut ParseWorld, aliases: String) -> StepResult {
    let results = world.last_results()?.clone();
    let listed: Vec<&str> = results
        .iter()
        .filter_map(|r| r.get("className").and_then(Value::as_str))
        .collect();
    let missing: Vec<String> = expect::list(&aliases)
        .into_iter()
        .filter(|alias| {
            let name = world.unique(alias);
            !listed.contains(&name.as_str())
        })
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(world.fail(format!(
            "GET /schemas does not list the classes {}",
            missing.join(", ")
        )))
    }
}

/// The schema in the response has none of these fields.
#[then(expr = "the schema in the response has no field {string}")]
fn schema_lacks_field(world: &mut ParseWorld, field: String) -> StepResult {
    let has = world
        .last_json()?
        .get("fields")
        .and_then(Value::as_object)
        .is_some_and(|fields| fields.contains_key(&field));
    if has {
        Err(world.fail(format!("the schema still has the field {field}")))
    } else {
        Ok(())
    }
}
