//! Steps about users: signing up and logging in, as the guide's Users
//! section describes them.

use cucumber::{gherkin::Step, given, then, when};
use reqwest::Method;
use serde_json::{Map, Value, json};

use super::http::docstring_json;
use crate::world::{Failure, ParseWorld, StepResult, User};

#[given(expr = "a user {word} signed up with password {string}")]
async fn signed_up(world: &mut ParseWorld, alias: String, password: String) -> StepResult {
    sign_up(world, &alias, json!({ "password": password })).await
}

#[given(expr = "a user {word} signed up with:")]
async fn signed_up_with(world: &mut ParseWorld, step: &Step, alias: String) -> StepResult {
    let fields = docstring_json(world, step)?;
    sign_up(world, &alias, fields).await
}

/// Signs up the user `alias` (its unique username is filled in) with the
/// given fields, which must include a password, and remembers it.
pub async fn sign_up(world: &mut ParseWorld, alias: &str, fields: Value) -> StepResult {
    let mut body: Map<String, Value> = fields.as_object().cloned().unwrap_or_default();
    let username = world.unique(alias);
    body.insert("username".into(), Value::String(username.clone()));
    let password = body
        .get("password")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let request = world.request(
        Method::POST,
        "/users",
        Some(Value::Object(body).to_string()),
    );
    let exchange = world.send(request).await?;
    let (status, json) = (
        exchange.response.status,
        exchange.response.json.clone().unwrap_or_default(),
    );
    let object_id = json.get("objectId").and_then(Value::as_str);
    match (status, object_id) {
        (201, Some(object_id)) => {
            let session_token = json
                .get("sessionToken")
                .and_then(Value::as_str)
                .map(str::to_owned);
            let user = User {
                username,
                password,
                object_id: object_id.to_owned(),
                session_token,
            };
            world.users.insert(alias.to_owned(), user);
            Ok(())
        }
        _ => Err(world.fail(format!(
            "signing up {alias} did not answer 201 Created with an objectId"
        ))),
    }
}

/// The header that authenticates a request as a user.
pub const SESSION_TOKEN: &str = "X-Parse-Session-Token";

#[given(expr = "the client uses the session token of {word}")]
fn uses_session_token_of(world: &mut ParseWorld, alias: String) -> StepResult {
    let token = world.session_token_of(&alias)?;
    world.set_header(SESSION_TOKEN, &token);
    Ok(())
}

#[given("the client uses the session token in the response")]
fn uses_token_in_response(world: &mut ParseWorld) -> StepResult {
    let token = world
        .last_json()?
        .get("sessionToken")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| world.fail("the response has no sessionToken"))?;
    world.set_header(SESSION_TOKEN, &token);
    Ok(())
}

#[given("the client sends no session token")]
fn sends_no_session_token(world: &mut ParseWorld) {
    world.remove_header(SESSION_TOKEN);
}

#[given("the client uses a session token that does not exist")]
fn uses_unknown_session_token(world: &mut ParseWorld) {
    // Shaped like a real revocable token, never issued by any server.
    let token = format!("r:{:032x}", rand::random::<u128>());
    world.set_header(SESSION_TOKEN, &token);
}

#[given(expr = "{word} logs in with password {string}")]
#[when(expr = "{word} logs in with password {string}")]
async fn logs_in(world: &mut ParseWorld, alias: String, password: String) -> StepResult {
    let username = world.unique(&alias);
    let body = json!({ "username": username, "password": password }).to_string();
    let request = world.request(Method::POST, "/login", Some(body));
    let token = world
        .send(request)
        .await?
        .response
        .json
        .as_ref()
        .and_then(|j| j.get("sessionToken"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    // A successful login gives the user a new session: later steps use it.
    if let (Some(token), Some(user)) = (token, world.users.get_mut(&alias)) {
        user.session_token = Some(token);
    }
    Ok(())
}

#[when(expr = "{word} logs in with password {string} through GET")]
async fn logs_in_with_get(world: &mut ParseWorld, alias: String, password: String) -> StepResult {
    let username = world.unique(&alias);
    let mut request = world.request(Method::GET, "/login", None);
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("username", &username)
        .append_pair("password", &password)
        .finish();
    request.url = format!("{}?{query}", request.url);
    world.send(request).await?;
    Ok(())
}

#[then(expr = "{word} can log in with password {string}")]
async fn can_log_in(world: &mut ParseWorld, alias: String, password: String) -> StepResult {
    logs_in(world, alias.clone(), password).await?;
    let exchange = world.last()?;
    let token = exchange
        .response
        .json
        .as_ref()
        .and_then(|j| j.get("sessionToken"))
        .and_then(Value::as_str);
    if exchange.response.status == 200 && token.is_some() {
        Ok(())
    } else {
        Err(world.fail(format!(
            "{alias} could not log in: expected 200 with a session token"
        )))
    }
}

#[when(expr = "{int} clients sign up at the same time as {word} with password {string}")]
async fn concurrent_sign_ups(
    world: &mut ParseWorld,
    count: usize,
    alias: String,
    password: String,
) -> StepResult {
    let username = world.unique(&alias);
    let body = json!({ "username": username, "password": password }).to_string();
    let request = world.request(Method::POST, "/users", Some(body));
    super::concurrency::burst(world, vec![request; count]).await
}

#[then("exactly one of those sign-ups answered 201 and every other one the Parse error 202")]
fn exactly_one_sign_up(world: &mut ParseWorld) -> StepResult {
    let created = world
        .concurrent
        .iter()
        .filter(|e| e.response.status == 201)
        .count();
    let refused = world
        .concurrent
        .iter()
        .filter(|e| {
            e.response.status == 400
                && e.response.json.as_ref().and_then(|j| j.get("code")) == Some(&json!(202))
        })
        .count();
    if created == 1 && created + refused == world.concurrent.len() {
        return Ok(());
    }
    let odd = world
        .concurrent
        .iter()
        .find(|e| e.response.status != 201 && e.response.status != 400);
    let mut message = format!(
        "of {} simultaneous sign-ups, {created} answered 201 and {refused} the Parse error 202",
        world.concurrent.len()
    );
    if let Some(exchange) = odd {
        message.push_str("\n\n");
        message.push_str(&exchange.describe(&world.run.redactor));
    }
    Err(Failure::new(message))
}
