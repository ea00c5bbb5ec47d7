//! Steps about the ways a request carries its keys: HTTP Basic credentials
//! with any user name, and the answer of a route only the master key may
//! use.

use base64::Engine as _;
use cucumber::{given, then};

use crate::world::{ParseWorld, StepResult};

/// HTTP Basic credentials with any user name (the application id, or not)
/// and any password; both may hold placeholders such as `{{app_id}}` or
/// `{{master_key}}`.
#[given(
    expr = "the client authenticates with HTTP Basic auth as {string} and the password {string}"
)]
fn uses_basic_credentials(world: &mut ParseWorld, user: String, password: String) -> StepResult {
    send_basic(world, "Basic", &user, &password)
}

/// The same, with the scheme's name written as given (`basic`, `BASIC`).
#[given(
    expr = "the client authenticates with HTTP Basic auth written {string} as {string} and the password {string}"
)]
fn uses_basic_scheme(
    world: &mut ParseWorld,
    scheme: String,
    user: String,
    password: String,
) -> StepResult {
    send_basic(world, &scheme, &user, &password)
}

fn send_basic(world: &mut ParseWorld, scheme: &str, user: &str, password: &str) -> StepResult {
    let user = world.render(user)?;
    let password = world.render(password)?;
    let credentials =
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    world.set_header("Authorization", &format!("{scheme} {credentials}"));
    Ok(())
}

/// The refusal of a route only the master key may use, to a request the
/// server let in without master rights: HTTP 403 `{"error": "Permission
/// denied"}` (not the `unauthorized` of a request refused at the door).
#[then("the response is the master key required refusal")]
fn master_key_required(world: &mut ParseWorld) -> StepResult {
    let response = &world.last()?.response;
    let expected = serde_json::json!({"error": "Permission denied"});
    if response.status == 403 && response.json.as_ref() == Some(&expected) {
        return Ok(());
    }
    Err(world.fail(
        "expected HTTP 403 with the body {\"error\":\"Permission denied\"}: \
         the request let in, without master rights",
    ))
}
