//! Steps about objects and their classes.

use cucumber::{gherkin::Step, given, then};
use reqwest::Method;
use serde_json::json;

use super::http::{APPLICATION_ID, MASTER_KEY, docstring};
use crate::{
    expect,
    world::{Failure, ParseWorld, StepResult},
};

/// Creates the class `alias` (under its unique name) with the master key.
///
/// Parse Server refuses to create classes from client requests by default
/// (`allowClientClassCreation: false`), so scenarios that store objects first
/// create their class the way an app's developer would: through the schema
/// API, with the master key.
#[given(expr = "the class {word} exists")]
async fn class_exists(world: &mut ParseWorld, alias: String) -> StepResult {
    let class_name = world.unique(&alias);
    let target = world.run.target.clone();
    let master_key = target.master_key.as_deref().ok_or_else(|| {
        Failure::new("creating a class needs the target's master key (--master-key)")
    })?;
    let body = json!({ "className": class_name }).to_string();
    let mut request = world.request(Method::POST, &format!("/schemas/{class_name}"), Some(body));
    request.headers = vec![
        (APPLICATION_ID.to_owned(), target.app_id.clone()),
        (MASTER_KEY.to_owned(), master_key.to_owned()),
        ("Content-Type".to_owned(), "application/json".to_owned()),
    ];
    let status = world.send(request).await?.response.status;
    if status == 200 || status == 201 {
        Ok(())
    } else {
        Err(world.fail(format!(
            "creating the class {alias} with the master key failed"
        )))
    }
}

#[then("the object at the response's Location contains:")]
async fn object_at_location(world: &mut ParseWorld, step: &Step) -> StepResult {
    let location = world
        .last()?
        .response
        .header("Location")
        .map(str::to_owned)
        .ok_or_else(|| world.fail("the response has no Location header"))?;
    let expected = world.render(docstring(step)?)?;
    let expected: serde_json::Value = serde_json::from_str(&expected)
        .map_err(|e| Failure::new(format!("invalid JSON in the step: {e}")))?;
    let request = world.request(Method::GET, &location, None);
    let actual = world
        .send(request)
        .await?
        .response
        .json
        .clone()
        .unwrap_or_default();
    if expect::contains(&actual, &expected) {
        Ok(())
    } else {
        let diff = expect::diff(&expected, &expect::project(&actual, &expected));
        Err(world.fail(format!(
            "the object at {location} does not contain the expected fields\n{diff}"
        )))
    }
}
