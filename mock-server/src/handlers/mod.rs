//! One module per resource. A handler takes the [`RequestContext`], the
//! state and the body, applies the rules of its part of the guide, and
//! returns a response or an [`ApiError`]; it never formats HTTP by hand.

pub mod health;
pub mod login;
pub mod objects;
pub mod schemas;
pub mod sessions;
pub mod users;

use axum::{
    Json,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use serde_json::{Map, Value};

use crate::{context::RequestContext, error::ParseError};

/// Whether a field name is one a client may write: a letter, then letters,
/// digits or `_`.
pub fn valid_field_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Refuses the fields a client may not set on a new object: `objectId`,
/// `createdAt`, `updatedAt` (105), and names that are not field names (105).
pub fn check_new_fields(body: &Map<String, Value>) -> Result<(), ParseError> {
    for key in ["objectId", "id", "createdAt", "updatedAt"] {
        if body.contains_key(key) {
            return Err(ParseError::new(
                105,
                format!("{key} is an invalid field name."),
            ));
        }
    }
    match body
        .keys()
        .find(|k| !valid_field_name(k) && k.as_str() != "ACL")
    {
        Some(bad) => Err(ParseError::invalid_field_name(bad)),
        None => Ok(()),
    }
}

/// Whether an object's ACL lets this request read it. No ACL means public;
/// the master key reads everything.
pub fn can_read(acl: Option<&Value>, ctx: &RequestContext) -> bool {
    acl_allows(acl, ctx, "read")
}

/// Whether an object's ACL lets this request change or delete it. No ACL
/// means public; the master key writes everything.
pub fn can_write(acl: Option<&Value>, ctx: &RequestContext) -> bool {
    acl_allows(acl, ctx, "write")
}

/// Whether `acl` grants `permission` (`read` or `write`) to the public (`*`)
/// or to the user making the request. Only `true` counts.
fn acl_allows(acl: Option<&Value>, ctx: &RequestContext, permission: &str) -> bool {
    if ctx.is_master {
        return true;
    }
    let Some(acl) = acl.and_then(Value::as_object) else {
        return true;
    };
    let allows = |who: &str| {
        acl.get(who)
            .and_then(|p| p.get(permission))
            .and_then(Value::as_bool)
            == Some(true)
    };
    allows("*") || ctx.user_id().is_some_and(allows)
}

/// `201 Created` with the new resource's URL in `Location`, as every
/// creation answers.
pub fn created(location: String, body: Value) -> Response {
    (
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(body),
    )
        .into_response()
}
