//! Generic HTTP steps: keys, requests, status, headers, bodies, schemas and
//! Parse errors.

use cucumber::{gherkin::Step, given, then, when};
use reqwest::Method;
use serde_json::Value;

use crate::{
    client::Request,
    expect,
    world::{Failure, ParseWorld, StepResult},
};

/// The header that names the application.
pub const APPLICATION_ID: &str = "X-Parse-Application-Id";
/// The header of the REST API key.
pub const REST_API_KEY: &str = "X-Parse-REST-API-Key";
/// The header of the master key.
pub const MASTER_KEY: &str = "X-Parse-Master-Key";

#[given("the client uses the application id and the REST API key")]
fn uses_app_keys(world: &mut ParseWorld) {
    let target = world.run.target.clone();
    world.set_header(APPLICATION_ID, &target.app_id);
    match &target.rest_api_key {
        Some(key) => world.set_header(REST_API_KEY, key),
        None => world.remove_header(REST_API_KEY),
    }
}

#[given("the client uses the master key")]
fn uses_master_key(world: &mut ParseWorld) -> StepResult {
    let key =
        world.run.target.master_key.clone().ok_or_else(|| {
            Failure::new("this step needs the target's master key (--master-key)")
        })?;
    world.set_header(MASTER_KEY, &key);
    Ok(())
}

#[given("the client uses a wrong master key")]
fn uses_wrong_master_key(world: &mut ParseWorld) {
    let wrong = world.unique("not-the-master-key");
    world.set_header(MASTER_KEY, &wrong);
}

/// The guide's backward-compatible master authentication: HTTP Basic auth
/// with the application id as user name and the master key as password.
#[given("the client authenticates with HTTP Basic auth as the application id and the master key")]
fn uses_basic_master(world: &mut ParseWorld) -> StepResult {
    use base64::Engine as _;
    let target = world.run.target.clone();
    let key = target
        .master_key
        .as_deref()
        .ok_or_else(|| Failure::new("this step needs the target's master key (--master-key)"))?;
    let credentials =
        base64::engine::general_purpose::STANDARD.encode(format!("{}:{key}", target.app_id));
    world.set_header("Authorization", &format!("Basic {credentials}"));
    Ok(())
}

/// HTTP Basic credentials: the application id as user name and any
/// password (`javascript-key=<key>` for the JavaScript key; otherwise the
/// password is taken for the master key).
#[given(
    expr = "the client authenticates with HTTP Basic auth as the application id and the password {string}"
)]
fn uses_basic_password(world: &mut ParseWorld, password: String) -> StepResult {
    use base64::Engine as _;
    let password = world.render(&password)?;
    let credentials = base64::engine::general_purpose::STANDARD
        .encode(format!("{}:{password}", world.run.target.app_id));
    world.set_header("Authorization", &format!("Basic {credentials}"));
    Ok(())
}

/// The JavaScript SDK's form sends no header of its own: every key is in
/// the body.
#[given("the client sends no Parse headers")]
fn sends_no_parse_headers(world: &mut ParseWorld) {
    world.headers.retain(|(name, _)| {
        let name = name.to_ascii_lowercase();
        !name.starts_with("x-parse-") && name != "authorization"
    });
}

/// Only `X-Parse-Application-Id`: no client key, no master key, no
/// session token, no Basic credentials.
#[given("the client sends only the application id")]
fn sends_only_app_id(world: &mut ParseWorld) {
    sends_no_parse_headers(world);
    let app_id = world.run.target.app_id.clone();
    world.set_header(APPLICATION_ID, &app_id);
}

#[given("the client sends no master key")]
fn sends_no_master_key(world: &mut ParseWorld) {
    world.remove_header(MASTER_KEY);
}

#[given("the client uses a wrong application id")]
fn uses_wrong_app_id(world: &mut ParseWorld) {
    let wrong = world.unique("not-the-app-id");
    world.set_header(APPLICATION_ID, &wrong);
}

#[given("the client sends no application id")]
fn sends_no_app_id(world: &mut ParseWorld) {
    world.remove_header(APPLICATION_ID);
}

#[given(expr = "the client talks to the target's instance for {string}")]
fn talks_to_instance(world: &mut ParseWorld, capability: String) -> StepResult {
    world.use_instance_for(&capability)
}

#[given(expr = "the client sends the header {string} with {string}")]
fn sends_header(world: &mut ParseWorld, name: String, value: String) -> StepResult {
    let value = world.render(&value)?;
    world.set_header(&name, &value);
    Ok(())
}

#[when(regex = r"^the client sends (GET|POST|PUT|DELETE|OPTIONS) (\S+)$")]
async fn sends(world: &mut ParseWorld, method: String, path: String) -> StepResult {
    send(world, &method, &path, None).await
}

#[when(regex = r"^the client sends (GET|POST|PUT|DELETE) (\S+) with body:$")]
async fn sends_with_body(
    world: &mut ParseWorld,
    step: &Step,
    method: String,
    path: String,
) -> StepResult {
    let body = docstring(step)?;
    send(world, &method, &path, Some(body)).await
}

/// The JavaScript SDK's form: a body of JSON sent as `text/plain`, which a
/// browser sends to another site without a preflight.
#[when(regex = r"^the client sends (GET|POST|PUT|DELETE) (\S+) as text/plain with body:$")]
async fn sends_text_plain(
    world: &mut ParseWorld,
    step: &Step,
    method: String,
    path: String,
) -> StepResult {
    let body = docstring(step)?;
    world.set_header("Content-Type", "text/plain");
    let sent = send(world, &method, &path, Some(body)).await;
    world.remove_header("Content-Type");
    sent
}

/// Sends `method path` with the scenario's headers; placeholders are filled in
/// the path and the body.
pub async fn send(
    world: &mut ParseWorld,
    method: &str,
    path: &str,
    body: Option<&str>,
) -> StepResult {
    let request = rendered_request(world, method, path, body)?;
    world.send(request).await?;
    Ok(())
}

/// The request `method path` of a step, with the scenario's headers and the
/// placeholders of the path and the body filled in.
pub fn rendered_request(
    world: &mut ParseWorld,
    method: &str,
    path: &str,
    body: Option<&str>,
) -> Result<Request, Failure> {
    let method = Method::from_bytes(method.as_bytes()).map_err(|e| Failure::new(e.to_string()))?;
    let path = world.render(path)?;
    let body = body.map(|b| world.render(b)).transpose()?;
    Ok(world.request(method, &path, body))
}

/// The docstring of a step, or a failure naming the step.
pub fn docstring(step: &Step) -> Result<&str, Failure> {
    step.docstring
        .as_deref()
        .ok_or_else(|| Failure::new(format!("the step {:?} needs a docstring", step.value)))
}

#[then(expr = "the response status is {int}")]
fn status_is(world: &mut ParseWorld, expected: u16) -> StepResult {
    let actual = world.last()?.response.status;
    if actual == expected {
        Ok(())
    } else {
        Err(world.fail(format!("expected HTTP status {expected}, got {actual}")))
    }
}

#[then(expr = "the response header {string} is {string}")]
fn header_is(world: &mut ParseWorld, name: String, expected: String) -> StepResult {
    let expected = world.render(&expected)?;
    let actual = world.last()?.response.header(&name).map(str::to_owned);
    match actual {
        Some(actual) if actual == expected => Ok(()),
        Some(actual) => Err(world.fail(format!(
            "expected header {name}: {expected}\n            got {name}: {actual}"
        ))),
        None => Err(world.fail(format!(
            "expected header {name}: {expected}, but the response has no {name}"
        ))),
    }
}

#[then(expr = "the response header {string} lists {string}")]
fn header_lists(world: &mut ParseWorld, name: String, expected: String) -> StepResult {
    let actual = world
        .last()?
        .response
        .header(&name)
        .unwrap_or_default()
        .to_owned();
    let listed: Vec<String> = actual
        .split(',')
        .map(|s| s.trim().to_ascii_lowercase())
        .collect();
    let missing: Vec<&str> = expected
        .split(',')
        .map(str::trim)
        .filter(|item| !listed.contains(&item.to_ascii_lowercase()))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(world.fail(format!(
            "the header {name} does not list {}; it is {actual:?}",
            missing.join(", ")
        )))
    }
}

#[then(expr = "the response body matches the schema {string}")]
fn matches_schema(world: &mut ParseWorld, name: String) -> StepResult {
    let json = world.last_json()?;
    world
        .run
        .schemas
        .check(&name, json)
        .map_err(|e| world.fail(e))
}

#[then("the response body contains:")]
fn body_contains(world: &mut ParseWorld, step: &Step) -> StepResult {
    let expected = docstring_json(world, step)?;
    let actual = world.last_json()?;
    if expect::contains(actual, &expected) {
        return Ok(());
    }
    let shown = world.run.redactor.json(&expect::project(actual, &expected));
    let expected_shown = world.run.redactor.json(&expected);
    Err(world.fail(format!(
        "the response body does not contain the expected fields\n{}",
        expect::diff(&expected_shown, &shown)
    )))
}

#[then("the response body is:")]
fn body_is(world: &mut ParseWorld, step: &Step) -> StepResult {
    let expected = docstring_json(world, step)?;
    let actual = world.last_json()?;
    if *actual == expected {
        return Ok(());
    }
    let redactor = &world.run.redactor;
    Err(world.fail(format!(
        "the response body is not the expected one\n{}",
        expect::diff(&redactor.json(&expected), &redactor.json(actual))
    )))
}

/// The docstring of a step as JSON, placeholders filled.
pub fn docstring_json(world: &mut ParseWorld, step: &Step) -> Result<Value, Failure> {
    let text = world.render(docstring(step)?)?;
    serde_json::from_str(&text)
        .map_err(|e| Failure::new(format!("the expected JSON of this step is invalid: {e}")))
}

#[then(expr = "the response body has exactly the fields {string}")]
fn body_has_fields(world: &mut ParseWorld, fields: String) -> StepResult {
    let mut expected = expect::list(&fields);
    expected.sort();
    let actual = expect::field_names(world.last_json()?);
    expect::same_names("the fields", &expected, &actual).map_err(|e| world.fail(e))
}

#[then(expr = "the response field {string} starts with {string}")]
fn field_starts_with(world: &mut ParseWorld, field: String, prefix: String) -> StepResult {
    let value = world
        .last_json()?
        .get(&field)
        .and_then(Value::as_str)
        .map(str::to_owned);
    match value {
        Some(v) if v.starts_with(&prefix) => Ok(()),
        Some(_) => Err(world.fail(format!("the field {field} does not start with {prefix:?}"))),
        None => Err(world.fail(format!("the response has no string field {field}"))),
    }
}

#[then(expr = "the response is the Parse error {int} {string}")]
fn parse_error(world: &mut ParseWorld, code: i64, message: String) -> StepResult {
    let message = world.render(&message)?;
    let json = world.last_json()?;
    let actual_code = json.get("code").and_then(Value::as_i64);
    let actual_message = json
        .get("error")
        .and_then(Value::as_str)
        .unwrap_or_default();
    // Codes are compared exactly; messages without regard to case, since the
    // guide and Parse Server differ in capitalisation only.
    if actual_code == Some(code) && actual_message.eq_ignore_ascii_case(&message) {
        return Ok(());
    }
    let expected = serde_json::json!({"code": code, "error": message});
    let actual = expect::project(json, &expected);
    Err(world.fail(format!(
        "expected the Parse error {code} {message:?}\n{}",
        expect::diff(&expected, &actual)
    )))
}

#[then(expr = "the response is a Parse error with code {int}")]
fn parse_error_code(world: &mut ParseWorld, code: i64) -> StepResult {
    let json = world.last_json()?;
    if json.get("code").and_then(Value::as_i64) == Some(code)
        && json.get("error").is_some_and(Value::is_string)
    {
        return Ok(());
    }
    let expected = serde_json::json!({"code": code});
    let actual = expect::project(json, &serde_json::json!({"code": 0, "error": ""}));
    Err(world.fail(format!(
        "expected a Parse error with code {code}\n{}",
        expect::diff(&expected, &actual)
    )))
}

#[then("the response is the unauthorized error")]
fn unauthorized(world: &mut ParseWorld) -> StepResult {
    let response = &world.last()?.response;
    let expected = serde_json::json!({"error": "unauthorized"});
    if response.status == 403 && response.json.as_ref() == Some(&expected) {
        return Ok(());
    }
    Err(world.fail("expected HTTP 403 with the body {\"error\":\"unauthorized\"}"))
}

#[then(expr = "the response body does not contain {string}")]
fn body_lacks_text(world: &mut ParseWorld, text: String) -> StepResult {
    if world.last()?.response.body.contains(&text) {
        Err(world.fail(format!(
            "the response body contains {text:?}, which it must not"
        )))
    } else {
        Ok(())
    }
}

#[then(expr = "the response body has no field {string}")]
fn body_lacks_field(world: &mut ParseWorld, field: String) -> StepResult {
    if world.last_json()?.get(&field).is_none() {
        Ok(())
    } else {
        Err(world.fail(format!(
            "the response body has the field {field}, which it must not have"
        )))
    }
}
