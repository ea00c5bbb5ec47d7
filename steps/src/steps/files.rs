//! Steps about files (Parse REST guide, Files): uploading a file with its
//! content type, downloading it from the url the server gave, and the
//! upload limit.

use cucumber::{gherkin::Step, given, then, when};
use reqwest::Method;
use serde_json::Value;

use super::http::docstring;
use crate::world::{Failure, ParseWorld, StepResult, UploadedFile};

/// Sends `POST /files/<name>` with the scenario's headers, `content_type`
/// as the `Content-Type` and `content` as the body; a 201 answer with a
/// name and a url is remembered as the file `alias` (`{{alias.name}}`,
/// `{{alias.url}}`).
async fn upload(
    world: &mut ParseWorld,
    alias: &str,
    name: &str,
    content_type: Option<&str>,
    content: String,
) -> StepResult {
    let name = world.render(name)?;
    let mut request = world.request(Method::POST, &format!("/files/{name}"), None);
    request
        .headers
        .retain(|(n, _)| !n.eq_ignore_ascii_case("content-type"));
    if let Some(content_type) = content_type {
        request
            .headers
            .push(("Content-Type".to_owned(), content_type.to_owned()));
    }
    if content.is_empty() {
        // An empty body, said explicitly: some clients send none at all.
        request
            .headers
            .push(("Content-Length".to_owned(), "0".to_owned()));
    } else {
        request.body = Some(content);
    }
    let response = &world.send(request).await?.response;
    let field = |f: &str| {
        response
            .json
            .as_ref()
            .and_then(|j| j.get(f))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    if let (201, Some(name), Some(url)) = (response.status, field("name"), field("url")) {
        world
            .files
            .insert(alias.to_owned(), UploadedFile { name, url });
    }
    Ok(())
}

#[given(
    expr = "the client uploads the file {word} as {string} with content type {string} and content:"
)]
#[when(
    expr = "the client uploads the file {word} as {string} with content type {string} and content:"
)]
async fn uploads_with_content(
    world: &mut ParseWorld,
    step: &Step,
    alias: String,
    name: String,
    content_type: String,
) -> StepResult {
    let content = world.render(docstring(step)?)?;
    upload(world, &alias, &name, Some(&content_type), content).await
}

#[when(
    expr = "the client uploads the file {word} as {string} with content type {string} and no content"
)]
async fn uploads_empty(
    world: &mut ParseWorld,
    alias: String,
    name: String,
    content_type: String,
) -> StepResult {
    upload(world, &alias, &name, Some(&content_type), String::new()).await
}

#[when(
    expr = "the client uploads the file {word} as {string} without a content type, with content:"
)]
async fn uploads_without_type(
    world: &mut ParseWorld,
    step: &Step,
    alias: String,
    name: String,
) -> StepResult {
    let content = world.render(docstring(step)?)?;
    upload(world, &alias, &name, None, content).await
}

/// The target's upload limit in bytes, from its capability
/// `max-upload-size = { bytes = N }`.
fn upload_limit(world: &ParseWorld) -> Result<usize, Failure> {
    world
        .run
        .target
        .capability_setting("max-upload-size", "bytes")
        .and_then(toml::Value::as_integer)
        .and_then(|b| usize::try_from(b).ok())
        .filter(|b| *b > 0)
        .ok_or_else(|| {
            Failure::new(
                "the profile's capability max-upload-size must be a table: max-upload-size = { bytes = 10485760 }",
            )
        })
}

#[when(
    expr = "the client uploads the file {word} as {string} with content type {string} and one byte more than the upload limit"
)]
async fn uploads_oversized(
    world: &mut ParseWorld,
    alias: String,
    name: String,
    content_type: String,
) -> StepResult {
    let size = upload_limit(world)? + 1;
    upload(world, &alias, &name, Some(&content_type), "a".repeat(size)).await
}

#[then(
    expr = "the response names the file a unique name ending in {string}, and gives its url in the body and the Location header"
)]
fn names_new_file(world: &mut ParseWorld, given: String) -> StepResult {
    let response = &world.last()?.response;
    let json = world.last_json()?;
    let field = |f: &str| json.get(f).and_then(Value::as_str);
    let (Some(name), Some(url)) = (field("name"), field("url")) else {
        return Err(world.fail("the response body does not have the string fields name and url"));
    };
    let mut problems = Vec::new();
    if name == given || !name.ends_with(&given) {
        problems.push(format!(
            "the name {name:?} is not the given name {given:?} with a unique prefix"
        ));
    }
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        problems.push(format!("the url {url:?} is not an http(s) URL"));
    }
    match response.header("Location") {
        Some(location) if location == url => {}
        Some(location) => problems.push(format!(
            "the Location header {location:?} is not the url {url:?}"
        )),
        None => problems.push("the response has no Location header".to_owned()),
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(world.fail(problems.join("\n")))
    }
}

#[when(expr = "the client downloads the file {word}")]
async fn downloads(world: &mut ParseWorld, alias: String) -> StepResult {
    let url = world
        .files
        .get(&alias)
        .map(|f| f.url.clone())
        .ok_or_else(|| Failure::new(format!("no file {alias:?} was uploaded in this scenario")))?;
    // As a browser follows a file's url: without the application's keys.
    let mut request = world.request(Method::GET, &url, None);
    request.headers.clear();
    world.send(request).await?;
    Ok(())
}

#[then("the response content is:")]
fn content_is(world: &mut ParseWorld, step: &Step) -> StepResult {
    let expected = world.render(docstring(step)?)?;
    content_equals(world, &expected)
}

#[then(expr = "the response content is {string}")]
fn content_is_line(world: &mut ParseWorld, expected: String) -> StepResult {
    let expected = world.render(&expected)?;
    content_equals(world, &expected)
}

fn content_equals(world: &ParseWorld, expected: &str) -> StepResult {
    let actual = &world.last()?.response.body;
    if actual == expected {
        Ok(())
    } else {
        Err(world.fail(format!(
            "expected the content {expected:?}\n         got the content {actual:?}"
        )))
    }
}

#[then(expr = "the response content type is {string}")]
fn content_type_is(world: &mut ParseWorld, expected: String) -> StepResult {
    let actual = world
        .last()?
        .response
        .header("Content-Type")
        .unwrap_or_default()
        .to_owned();
    let media_type = actual.split(';').next().unwrap_or_default().trim();
    if media_type.eq_ignore_ascii_case(&expected) {
        Ok(())
    } else {
        Err(world.fail(format!(
            "expected the content type {expected}, got {actual:?}"
        )))
    }
}

#[then(expr = "the files {word} and {word} have different names")]
fn different_names(world: &mut ParseWorld, first: String, second: String) -> StepResult {
    let name = |alias: &str| {
        world
            .files
            .get(alias)
            .map(|f| f.name.clone())
            .ok_or_else(|| Failure::new(format!("no file {alias:?} was uploaded in this scenario")))
    };
    let (a, b) = (name(&first)?, name(&second)?);
    if a == b {
        Err(Failure::new(format!(
            "both uploads were stored under the same name {a:?}"
        )))
    } else {
        Ok(())
    }
}
