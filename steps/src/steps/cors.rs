//! Steps about cross-origin resource sharing (CORS), as a browser does it.

use cucumber::{then, when};
use reqwest::Method;

use crate::world::{Failure, ParseWorld, StepResult};

/// A browser asks, before a cross-origin request with custom headers, whether
/// the server allows it: an `OPTIONS` request carrying only `Origin` and the
/// `Access-Control-Request-*` headers, never the Parse keys themselves.
#[when(
    regex = r#"^a browser on "([^"]+)" asks to send (GET|POST|PUT|DELETE) (\S+) with the headers "([^"]+)"$"#
)]
async fn preflight(
    world: &mut ParseWorld,
    origin: String,
    method: String,
    path: String,
    headers: String,
) -> StepResult {
    let path = world.render(&path)?;
    let origin = world.render(&origin)?;
    let mut request = world.request(Method::OPTIONS, &path, None);
    request.headers = vec![
        ("Origin".to_owned(), origin),
        ("Access-Control-Request-Method".to_owned(), method),
        ("Access-Control-Request-Headers".to_owned(), headers),
    ];
    world.send(request).await?;
    Ok(())
}

/// The origin, rendered, and the last response's
/// `Access-Control-Allow-Origin`.
fn allowed_origin(
    world: &mut ParseWorld,
    origin: &str,
) -> Result<(String, Option<String>), Failure> {
    let origin = world.render(origin)?;
    let value = world
        .last()?
        .response
        .header("Access-Control-Allow-Origin")
        .map(str::to_owned);
    Ok((origin, value))
}

/// `Access-Control-Allow-Origin` allows an origin when it is `*` or that
/// origin itself.
#[then(expr = "the response allows the origin {string}")]
fn allows_origin(world: &mut ParseWorld, origin: String) -> StepResult {
    let (origin, value) = allowed_origin(world, &origin)?;
    match value {
        Some(v) if v == "*" || v == origin => Ok(()),
        Some(v) => Err(world.fail(format!(
            "Access-Control-Allow-Origin is {v:?}, which does not allow {origin}"
        ))),
        None => Err(world.fail("the response has no Access-Control-Allow-Origin header")),
    }
}

/// The opposite: `Access-Control-Allow-Origin` is present and neither `*`
/// nor that origin, so a browser keeps the answer from a page there.
#[then(expr = "the response does not allow the origin {string}")]
fn does_not_allow_origin(world: &mut ParseWorld, origin: String) -> StepResult {
    let (origin, value) = allowed_origin(world, &origin)?;
    match value {
        Some(v) if v == "*" || v == origin => Err(world.fail(format!(
            "Access-Control-Allow-Origin is {v:?}, which allows {origin}"
        ))),
        Some(_) => Ok(()),
        None => Err(world.fail("the response has no Access-Control-Allow-Origin header")),
    }
}
