//! Steps about objects and their classes.

use cucumber::{gherkin::Step, given, then};
use reqwest::Method;
use serde_json::{Value, json};

use super::{
    http::{APPLICATION_ID, MASTER_KEY, REST_API_KEY, docstring, docstring_json},
    users::SESSION_TOKEN,
};
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
    let body = json!({ "className": world.unique(&alias) });
    super::schemas::master_schema_request(world, Method::POST, &alias, body, "creating the class")
        .await
}

#[then("the object at the response's Location contains:")]
async fn object_at_location(world: &mut ParseWorld, step: &Step) -> StepResult {
    let location = world
        .last()?
        .response
        .header("Location")
        .map(str::to_owned)
        .ok_or_else(|| world.fail("the response has no Location header"))?;
    let expected = docstring_json(world, step)?;
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

/// Names the object the last request created (its `objectId`), for the
/// steps that follow.
#[then(expr = "the object in the response is known as {word}")]
fn response_object_known_as(world: &mut ParseWorld, alias: String) -> StepResult {
    let object_id =
        world.last()?.response.object_id_if(201).ok_or_else(|| {
            world.fail("the response is not a 201 with the objectId of a new object")
        })?;
    world.objects.insert(alias, object_id);
    Ok(())
}

/// The headers of a set-up or check request made with the master key,
/// whatever the scenario's client currently sends.
pub fn master_headers(world: &ParseWorld) -> Result<Vec<(String, String)>, Failure> {
    let target = &world.run.target;
    let master_key = target
        .master_key
        .as_deref()
        .ok_or_else(|| Failure::new("this step needs the target's master key (--master-key)"))?;
    Ok(vec![
        (APPLICATION_ID.to_owned(), target.app_id.clone()),
        (MASTER_KEY.to_owned(), master_key.to_owned()),
    ])
}

/// The user `alias` creates an object in the class `class` (its unique name)
/// with its own session token, and the scenario remembers it as `object`
/// (`{{object.objectId}}`). The client's own headers are left as they were.
#[given(expr = "{word} created the object {word} of class {word} with:")]
async fn user_created_object(
    world: &mut ParseWorld,
    step: &Step,
    user: String,
    object: String,
    class: String,
) -> StepResult {
    let token = world.session_token_of(&user)?;
    let target = world.run.target.clone();
    let mut headers = vec![
        (APPLICATION_ID.to_owned(), target.app_id.clone()),
        (SESSION_TOKEN.to_owned(), token),
    ];
    if let Some(key) = &target.rest_api_key {
        headers.push((REST_API_KEY.to_owned(), key.clone()));
    }
    let body = world.render(docstring(step)?)?;
    create_object(world, body, headers, &object, &class, &user).await
}

/// An object the app's developer stored with the master key, remembered as
/// `object` (`{{object.objectId}}`). The client's own headers are left as
/// they were.
#[given(expr = "the object {word} of class {word} exists with:")]
async fn object_exists(
    world: &mut ParseWorld,
    step: &Step,
    object: String,
    class: String,
) -> StepResult {
    let headers = master_headers(world)?;
    let body = world.render(docstring(step)?)?;
    create_object(world, body, headers, &object, &class, "the master key").await
}

/// Creates `object` in `class` (its unique name) from a JSON `body` with
/// `headers`, and remembers its objectId; `who` names the creator in a
/// failure.
pub async fn create_object(
    world: &mut ParseWorld,
    body: String,
    mut headers: Vec<(String, String)>,
    object: &str,
    class: &str,
    who: &str,
) -> StepResult {
    let class_name = world.unique(class);
    let mut request = world.request(Method::POST, &format!("/classes/{class_name}"), Some(body));
    headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
    request.headers = headers;
    let exchange = world.send(request).await?;
    match exchange.response.object_id_if(201) {
        Some(id) => {
            world.objects.insert(object.to_owned(), id);
            Ok(())
        }
        _ => Err(world.fail(format!(
            "{who} could not create the object {object}: expected 201 with an objectId"
        ))),
    }
}

/// The objectId of the object this scenario created as `alias`.
fn object_id(world: &ParseWorld, alias: &str) -> Result<String, Failure> {
    world
        .objects
        .get(alias)
        .cloned()
        .ok_or_else(|| Failure::new(format!("no object {alias:?} was created in this scenario")))
}

/// Reads the object `object` of class `class` with the master key, which
/// sees it whatever its ACL.
async fn read_with_master_key(
    world: &mut ParseWorld,
    object: &str,
    class: &str,
) -> Result<(u16, Value), Failure> {
    let object_id = object_id(world, object)?;
    let class_name = world.unique(class);
    let mut request = world.request(
        Method::GET,
        &format!("/classes/{class_name}/{object_id}"),
        None,
    );
    request.headers = master_headers(world)?;
    let response = &world.send(request).await?.response;
    Ok((response.status, response.json.clone().unwrap_or_default()))
}

#[then(expr = "the object {word} of class {word}, read with the master key, contains:")]
async fn object_contains(
    world: &mut ParseWorld,
    step: &Step,
    object: String,
    class: String,
) -> StepResult {
    let expected = docstring_json(world, step)?;
    let (status, actual) = read_with_master_key(world, &object, &class).await?;
    if status == 200 && expect::contains(&actual, &expected) {
        return Ok(());
    }
    let diff = expect::diff(&expected, &expect::project(&actual, &expected));
    Err(world.fail(format!(
        "the object {object}, read with the master key, does not contain the expected fields\n{diff}"
    )))
}

#[then(expr = "the object {word} of class {word} no longer exists, even for the master key")]
async fn object_gone(world: &mut ParseWorld, object: String, class: String) -> StepResult {
    let (status, actual) = read_with_master_key(world, &object, &class).await?;
    if status == 404 && actual.get("code").and_then(Value::as_i64) == Some(101) {
        return Ok(());
    }
    Err(world.fail(format!(
        "the object {object} still exists: the master key read it (expected 404, code 101)"
    )))
}

#[then(expr = "the results are the objects {string}, in any order")]
fn results_are_objects(world: &mut ParseWorld, aliases: String) -> StepResult {
    let mut expected = Vec::new();
    for alias in expect::list(&aliases) {
        let id = object_id(world, &alias)?;
        expected.push((alias, id));
    }
    let results = world.last_results()?.clone();
    let ids: Vec<&str> = results
        .iter()
        .filter_map(|r| r.get("objectId").and_then(Value::as_str))
        .collect();
    // Name each result by its alias, so that a failure reads in the feature's words.
    let named = |id: &str| {
        expected.iter().find(|(_, e)| e == id).map_or_else(
            || format!("an object not expected ({id})"),
            |(a, _)| a.clone(),
        )
    };
    let mut actual: Vec<String> = ids.iter().map(|id| named(id)).collect();
    let mut wanted: Vec<String> = expected.iter().map(|(a, _)| a.clone()).collect();
    actual.sort();
    wanted.sort();
    expect::same_names("the objects", &wanted, &actual).map_err(|e| world.fail(e))
}
