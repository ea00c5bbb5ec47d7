//! `{{…}}` placeholders in feature text.
//!
//! Scenarios must not collide with each other or with an earlier run against
//! the same server, so names in feature files are aliases that the runner turns
//! into unique names. In paths, bodies and expected values:
//!
//! | Placeholder              | Becomes                                                       |
//! |--------------------------|---------------------------------------------------------------|
//! | `{{cooldude6}}`          | a name unique to this scenario, e.g. `cooldude6_k3x9q0ab2m`   |
//! | `{{cooldude6.objectId}}` | a field of the user signed up as `cooldude6` (`objectId`, `sessionToken`, `username`, `password`) |
//! | `{{note.objectId}}`      | the objectId of the object this scenario created as `note`    |
//! | `{{hello.name}}`, `{{hello.url}}` | the stored name and url of the file this scenario uploaded as `hello` |
//! | `{{response.objectId}}`  | a top-level field of the last response body                   |
//! | `{{target}}`             | the mount URL the scenario talks to, e.g. `http://127.0.0.1:1337/parse` |
//! | `{{app_id}}`             | the target's application id                                   |
//! | `{{mount}}`              | the path of the target's URL, e.g. `/parse` (batch paths)     |
//! | `{{master_key}}`         | the target's master key (redacted in every report)            |
//! | `{{javascript_key}}`, `{{client_key}}`, `{{windows_key}}`, `{{rest_api_key}}` | the client keys of the target's instance for the capability `client-keys` |
//! | `{{allowed_origin_1}}`, `{{allowed_origin_2}}` | the first two `origins` of the capability `cors-allow-list` |

use std::sync::LazyLock;

use regex::{Captures, Regex};
use serde_json::Value;

use crate::world::{Failure, ParseWorld};

static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // a constant pattern
    Regex::new(r"\{\{\s*([A-Za-z][A-Za-z0-9_]*)(?:\.([A-Za-z_][A-Za-z0-9_]*))?\s*\}\}").unwrap()
});

/// Replaces every placeholder of `text`; an unknown one is an error that
/// names it, never an empty string.
pub fn render(world: &mut ParseWorld, text: &str) -> Result<String, Failure> {
    let mut error = None;
    let rendered = PLACEHOLDER.replace_all(text, |caps: &Captures<'_>| {
        let name = &caps[1];
        let field = caps.get(2).map(|m| m.as_str());
        match resolve(world, name, field) {
            Ok(value) => value,
            Err(e) => {
                error.get_or_insert(e);
                String::new()
            }
        }
    });
    match error {
        Some(e) => Err(e),
        None => Ok(rendered.into_owned()),
    }
}

fn resolve(world: &mut ParseWorld, name: &str, field: Option<&str>) -> Result<String, Failure> {
    match (name, field) {
        ("target", None) => Ok(world.base_url.clone()),
        ("mount", None) => mount_path(&world.base_url),
        ("app_id", None) => Ok(world.run.target.app_id.clone()),
        ("master_key", None) => world
            .run
            .target
            .master_key
            .clone()
            .ok_or_else(|| Failure::new("{{master_key}} needs the target's master key")),
        (key @ ("javascript_key" | "client_key" | "windows_key" | "rest_api_key"), None) => world
            .run
            .target
            .capability_setting("client-keys", key)
            .and_then(toml::Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| {
                Failure::new(format!(
                    "{{{{{key}}}}} needs the setting {key} of the capability client-keys in the profile"
                ))
            }),
        (key @ ("allowed_origin_1" | "allowed_origin_2"), None) => {
            let index = if key == "allowed_origin_1" { 0 } else { 1 };
            world
                .run
                .target
                .capability_setting("cors-allow-list", "origins")
                .and_then(toml::Value::as_array)
                .and_then(|origins| origins.get(index))
                .and_then(toml::Value::as_str)
                .map(str::to_owned)
                .ok_or_else(|| {
                    Failure::new(format!(
                        "{{{{{key}}}}} needs two origins in the setting origins of the capability cors-allow-list in the profile"
                    ))
                })
        }
        ("response", Some(field)) => {
            let json = world.last()?.response.json.as_ref();
            match json.and_then(|j| j.get(field)) {
                Some(Value::String(s)) => Ok(s.clone()),
                Some(v @ (Value::Number(_) | Value::Bool(_))) => Ok(v.to_string()),
                _ => Err(world.fail(format!(
                    "the last response has no field {field:?} to fill {{{{response.{field}}}}}"
                ))),
            }
        }
        (alias, None) => Ok(world.unique(alias)),
        (alias, Some(field @ ("name" | "url"))) if world.files.contains_key(alias) => world
            .files
            .get(alias)
            .map(|file| {
                if field == "name" {
                    file.name.clone()
                } else {
                    file.url.clone()
                }
            })
            .ok_or_else(|| Failure::new(format!("no file {alias:?} was uploaded"))),
        (alias, Some("objectId")) if !world.users.contains_key(alias) => {
            world.objects.get(alias).cloned().ok_or_else(|| {
                Failure::new(format!(
                    "no user or object {alias:?} was created in this scenario"
                ))
            })
        }
        (alias, Some(field)) => {
            let user = world.users.get(alias).ok_or_else(|| {
                Failure::new(format!("no user {alias:?} was signed up in this scenario"))
            })?;
            let value = match field {
                "objectId" => Some(user.object_id.clone()),
                "username" => Some(user.username.clone()),
                "password" => Some(user.password.clone()),
                "sessionToken" => user.session_token.clone(),
                _ => None,
            };
            value.ok_or_else(|| Failure::new(format!("user {alias:?} has no {field:?}")))
        }
    }
}

/// The path the API is mounted at: the path of the target's URL, without
/// a trailing slash (`/parse` for `http://host:1337/parse`, empty for a
/// server mounted at `/`). Batch commands name their paths with it.
fn mount_path(base_url: &str) -> Result<String, Failure> {
    let url = reqwest::Url::parse(base_url)
        .map_err(|e| Failure::new(format!("the target URL {base_url:?} is invalid: {e}")))?;
    Ok(url.path().trim_end_matches('/').to_owned())
}
