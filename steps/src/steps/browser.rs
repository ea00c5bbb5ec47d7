//! Steps that send requests from a page in a real browser (capability
//! `browser`): the page is on another origin than the target, so the browser
//! checks the target's CORS answers before it lets the page read anything.
//!
//! The page sends the scenario's headers (the keys, a session token) and its
//! answer becomes "the response", so the generic steps of [`super::http`]
//! check what the page could read: its status, body and the headers a page
//! may see. When the browser refuses, the step fails with what the browser's
//! console said.

use std::fmt::Write as _;

use cucumber::{gherkin::Step, when};

use crate::{
    browser::PageAnswer,
    client::{Exchange, Response, describe_request},
    steps::http::{docstring, rendered_request},
    world::{Failure, ParseWorld, StepResult},
};

#[when(regex = r"^a page on another site sends (GET|POST|PUT|DELETE) (\S+)$")]
async fn page_sends(world: &mut ParseWorld, method: String, path: String) -> StepResult {
    page_send(world, &method, &path, None).await
}

#[when(regex = r"^a page on another site sends (GET|POST|PUT|DELETE) (\S+) with body:$")]
async fn page_sends_with_body(
    world: &mut ParseWorld,
    step: &Step,
    method: String,
    path: String,
) -> StepResult {
    let body = docstring(step)?;
    page_send(world, &method, &path, Some(body)).await
}

/// The JavaScript SDK's form from a page: a `text/plain` body, which the
/// browser sends without a preflight when no `X-Parse-*` header comes with it.
#[when(regex = r"^a page on another site sends (POST) (\S+) as text/plain with body:$")]
async fn page_sends_text_plain(
    world: &mut ParseWorld,
    step: &Step,
    method: String,
    path: String,
) -> StepResult {
    let body = docstring(step)?;
    world.set_header("Content-Type", "text/plain");
    let sent = page_send(world, &method, &path, Some(body)).await;
    world.remove_header("Content-Type");
    sent
}

/// Has the browser's page send `method path` with the scenario's headers;
/// what the page could read becomes the last exchange.
async fn page_send(
    world: &mut ParseWorld,
    method: &str,
    path: &str,
    body: Option<&str>,
) -> StepResult {
    let mut request = rendered_request(world, method, path, body)?;
    let run = world.run.clone();
    let (origin, answer) = {
        let browser = run
            .browser
            .lock()
            .await
            .map_err(|e| Failure::new(format!("the browser cannot run the page: {e}")))?;
        let answer = browser
            .send(&request)
            .await
            .map_err(|e| Failure::new(format!("the browser cannot run the page: {e}")))?;
        (browser.origin(), answer)
    };
    // The browser adds the page's origin; say so in failure messages.
    request.headers.push(("Origin".to_owned(), origin.clone()));
    match answer {
        PageAnswer::Read {
            status,
            headers,
            body,
        } => {
            let json = serde_json::from_str(&body).ok();
            let response = Response {
                status,
                headers,
                body,
                json,
            };
            world.record(Exchange { request, response })?;
            Ok(())
        }
        PageAnswer::Refused { console } => {
            let mut message = format!(
                "the browser did not let the page on {origin} read the answer to {} {}",
                request.method, request.url
            );
            let about: Vec<&String> = console.iter().filter(|m| m.contains("CORS")).collect();
            let lines: Vec<&String> = if about.is_empty() {
                console.iter().collect()
            } else {
                about
            };
            if lines.is_empty() {
                message.push_str("; the browser's console said nothing about it");
            } else {
                message.push_str("; the browser's console said:");
                for line in lines {
                    let _ = write!(message, "\n  {line}");
                }
            }
            let described = describe_request(&request, &world.run.redactor);
            Err(Failure::new(format!(
                "{}\n\n{described}",
                world.run.redactor.text(&message)
            )))
        }
    }
}
