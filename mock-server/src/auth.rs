//! Linked accounts (`authData`): which providers are accepted and how their
//! data is checked.
//!
//! `anonymous` accepts any id. `facebook` and `twitter` are checked by a
//! test provider that never calls the internet: it refuses the one agreed
//! invalid token, [`INVALID_TOKEN`], as the real providers refuse a bad
//! token (code 101). Any other provider is unsupported (252).

use serde_json::{Map, Value};

use crate::error::ParseError;

/// The token the test providers refuse.
pub const INVALID_TOKEN: &str = "invalid-token";

/// The providers this server knows, with the field that holds their token.
const PROVIDERS: &[(&str, &str, Option<&str>)] = &[
    ("anonymous", "Anonymous", None),
    ("facebook", "Facebook", Some("access_token")),
    ("twitter", "Twitter", Some("auth_token")),
];

/// Checks one provider's data: known provider (252), string id (162), a
/// token the provider accepts (101).
pub fn validate(provider: &str, data: &Map<String, Value>) -> Result<(), ParseError> {
    let Some((_, name, token_field)) = PROVIDERS.iter().find(|(p, _, _)| *p == provider) else {
        return Err(ParseError::new(
            252,
            "This authentication method is unsupported.",
        ));
    };
    if !data.get("id").is_some_and(Value::is_string) {
        return Err(ParseError::new(
            162,
            format!("Invalid authData id for provider '{provider}'."),
        ));
    }
    if let Some(field) = token_field
        && data.get(*field).and_then(Value::as_str) == Some(INVALID_TOKEN)
    {
        return Err(ParseError::object_not_found_with(format!(
            "{name} auth is invalid for this user."
        )));
    }
    Ok(())
}

/// The `(provider, id)` pairs of an `authData` object, skipping providers
/// set to `null` (unlinking).
pub fn ids(auth_data: &Map<String, Value>) -> Vec<(String, String)> {
    auth_data
        .iter()
        .filter_map(|(provider, data)| {
            Some((provider.clone(), data.get("id")?.as_str()?.to_owned()))
        })
        .collect()
}
