//! Steps that send many requests at once, for the rules that must hold
//! under races: a unique username is created once, concurrent `Increment`s
//! all count, an `authData` is linked to one user only, and a session token
//! used while it is logged out either works or is refused, never a crash.
//!
//! The requests of a burst are all sent before any answer is read; their
//! exchanges are kept in [`ParseWorld::concurrent`], in the order they were
//! listed, and the `Then` steps judge them together.

use std::collections::BTreeMap;

use cucumber::{gherkin::Step, then, when};
use reqwest::Method;
use serde_json::{Value, json};

use super::http::{docstring, rendered_request};
use crate::{
    client::{Exchange, Request},
    world::{Failure, ParseWorld, StepResult},
};

#[when(regex = r"^(\d+) clients send (GET|POST|PUT|DELETE) (\S+) at the same time with body:$")]
async fn same_request_at_once(
    world: &mut ParseWorld,
    step: &Step,
    count: usize,
    method: String,
    path: String,
) -> StepResult {
    let body = docstring(step)?;
    let request = rendered_request(world, &method, &path, Some(body))?;
    burst(world, vec![request; count]).await
}

/// A table with the columns `as` (the user whose session token is sent;
/// empty for none), `request` (`METHOD /path`), `body` (optional) and
/// `times` (optional, 1 by default).
#[when("these requests are sent at the same time:")]
async fn listed_requests_at_once(world: &mut ParseWorld, step: &Step) -> StepResult {
    let table = step
        .table
        .as_ref()
        .ok_or_else(|| Failure::new("the step needs a table of requests"))?;
    let mut rows = table.rows.iter();
    let header = rows
        .next()
        .ok_or_else(|| Failure::new("the table of requests has no header row"))?;
    let column = |name: &str| header.iter().position(|h| h.trim() == name);
    let request_column = column("request")
        .ok_or_else(|| Failure::new("the table of requests needs a column \"request\""))?;
    let mut requests = Vec::new();
    for row in rows {
        let cell = |at: Option<usize>| at.and_then(|i| row.get(i)).map(|c| c.trim().to_owned());
        let line = cell(Some(request_column)).unwrap_or_default();
        let (method, path) = line
            .split_once(' ')
            .ok_or_else(|| Failure::new(format!("not a request: {line:?} (METHOD /path)")))?;
        let body = cell(column("body")).filter(|b| !b.is_empty());
        let mut request = rendered_request(world, method, path.trim(), body.as_deref())?;
        if let Some(alias) = cell(column("as")).filter(|a| !a.is_empty()) {
            let token = world.session_token_of(&alias)?;
            request
                .headers
                .retain(|(n, _)| !n.eq_ignore_ascii_case("X-Parse-Session-Token"));
            request
                .headers
                .push(("X-Parse-Session-Token".to_owned(), token));
        }
        let times = match cell(column("times")).filter(|t| !t.is_empty()) {
            Some(t) => t
                .parse::<usize>()
                .map_err(|_| Failure::new(format!("times is not a number: {t:?}")))?,
            None => 1,
        };
        requests.extend(std::iter::repeat_n(request, times));
    }
    burst(world, requests).await
}

/// Sends all `requests` at once and keeps their exchanges.
pub async fn burst(world: &mut ParseWorld, requests: Vec<Request>) -> StepResult {
    let client = world.run.client.clone();
    let tasks: Vec<_> = requests
        .into_iter()
        .map(|request| {
            let client = client.clone();
            tokio::spawn(async move { client.send(request).await })
        })
        .collect();
    let mut exchanges = Vec::with_capacity(tasks.len());
    for task in tasks {
        let exchange = task
            .await
            .map_err(|e| Failure::new(format!("a request task failed: {e}")))?
            .map_err(|e| Failure::new(format!("one of the simultaneous requests: {e}")))?;
        exchanges.push(exchange);
    }
    world.concurrent = exchanges;
    Ok(())
}

/// The Parse error code of an answer, if it is one.
fn code_of(exchange: &Exchange) -> Option<i64> {
    exchange.response.json.as_ref()?.get("code")?.as_i64()
}

/// Whether an answer is the Parse error `code` with `message` (compared
/// case-insensitively), with the status Parse gives errors (400).
fn is_parse_error(exchange: &Exchange, code: i64, message: &str) -> bool {
    let error = exchange
        .response
        .json
        .as_ref()
        .and_then(|j| j.get("error"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    exchange.response.status == 400
        && code_of(exchange) == Some(code)
        && error.eq_ignore_ascii_case(message)
}

/// A failure that tallies the answers (`HTTP 200: 3, HTTP 400 code 209: 2`)
/// and shows the first answer that fits no expectation.
fn burst_failure(world: &ParseWorld, message: String, odd: Option<&Exchange>) -> Failure {
    let mut tally: BTreeMap<String, usize> = BTreeMap::new();
    for exchange in &world.concurrent {
        let key = match code_of(exchange) {
            Some(code) => format!("HTTP {} code {code}", exchange.response.status),
            None => format!("HTTP {}", exchange.response.status),
        };
        *tally.entry(key).or_default() += 1;
    }
    let tally: Vec<String> = tally.iter().map(|(k, n)| format!("{k}: {n}")).collect();
    let mut text = format!(
        "{message}\nthe {} answers: {}",
        world.concurrent.len(),
        tally.join(", ")
    );
    if let Some(exchange) = odd {
        text.push_str("\n\n");
        text.push_str(&exchange.describe(&world.run.redactor));
    }
    Failure::new(text)
}

#[then(expr = "every one of those answers has status {int}")]
fn every_answer_has_status(world: &mut ParseWorld, status: u16) -> StepResult {
    let odd = world
        .concurrent
        .iter()
        .find(|e| e.response.status != status);
    match odd {
        None if !world.concurrent.is_empty() => Ok(()),
        _ => Err(burst_failure(
            world,
            format!("expected every answer to have HTTP status {status}"),
            odd,
        )),
    }
}

#[then(
    expr = "exactly one of those answers has status {int} and every other one is the Parse error {int} {string}"
)]
fn exactly_one_succeeds(
    world: &mut ParseWorld,
    status: u16,
    code: i64,
    message: String,
) -> StepResult {
    let succeeded = world
        .concurrent
        .iter()
        .filter(|e| e.response.status == status)
        .count();
    let odd = world
        .concurrent
        .iter()
        .find(|e| e.response.status != status && !is_parse_error(e, code, &message));
    if succeeded == 1 && odd.is_none() {
        return Ok(());
    }
    Err(burst_failure(
        world,
        format!(
            "expected exactly one answer with HTTP status {status} and the Parse error {code} {message:?} for every other one; {succeeded} had status {status}"
        ),
        odd,
    ))
}

#[then(expr = "every one of those answers has status {int} or is a Parse error with code {int}")]
fn every_answer_succeeds_or_has_code(world: &mut ParseWorld, status: u16, code: i64) -> StepResult {
    let odd = world.concurrent.iter().find(|e| {
        e.response.status != status && !(e.response.status == 400 && code_of(e) == Some(code))
    });
    match odd {
        None if !world.concurrent.is_empty() => Ok(()),
        _ => Err(burst_failure(
            world,
            format!(
                "expected every answer to have HTTP status {status} or be a Parse error with code {code} (HTTP 400)"
            ),
            odd,
        )),
    }
}

#[then(expr = "the values of {string} in those answers are the numbers {int} to {int}, each once")]
fn values_are_each_number_once(
    world: &mut ParseWorld,
    field: String,
    first: i64,
    last: i64,
) -> StepResult {
    let mut values: Vec<Option<i64>> = world
        .concurrent
        .iter()
        .map(|e| e.response.json.as_ref()?.get(&field)?.as_i64())
        .collect();
    values.sort_unstable();
    let expected: Vec<Option<i64>> = (first..=last).map(Some).collect();
    if values == expected {
        return Ok(());
    }
    let shown: Vec<String> = values
        .iter()
        .map(|v| v.map_or_else(|| "none".to_owned(), |n| n.to_string()))
        .collect();
    Err(burst_failure(
        world,
        format!(
            "expected the answers' {field} to be each number from {first} to {last} once (each update saw all the earlier ones), got {}",
            shown.join(", ")
        ),
        None,
    ))
}

#[then(expr = "{word} can log in with exactly one of the new passwords those clients chose")]
async fn logs_in_with_exactly_one(world: &mut ParseWorld, alias: String) -> StepResult {
    let passwords: Vec<String> = world
        .concurrent
        .iter()
        .filter_map(|e| {
            let body = e.request.body.as_deref()?;
            url::form_urlencoded::parse(body.as_bytes())
                .find(|(name, _)| name == "new_password")
                .map(|(_, value)| value.into_owned())
        })
        .collect();
    if passwords.is_empty() {
        return Err(Failure::new("no new password was chosen in this scenario"));
    }
    let username = world.unique(&alias);
    let mut working = 0;
    for password in &passwords {
        let body = json!({ "username": username, "password": password }).to_string();
        let request = world.request(Method::POST, "/login", Some(body));
        if world.send(request).await?.response.status == 200 {
            working += 1;
        }
    }
    if working == 1 {
        return Ok(());
    }
    Err(burst_failure(
        world,
        format!(
            "{alias} can log in with {working} of the {} new passwords chosen at the same time through one reset link; exactly one should work",
            passwords.len()
        ),
        None,
    ))
}
