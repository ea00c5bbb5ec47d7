//! One module per resource. A handler takes the [`RequestContext`], the
//! state and the body, applies the rules of its part of the guide, and
//! returns a response or an [`ApiError`]; it never formats HTTP by hand.

pub mod aggregate;
pub mod batch;
pub mod config;
pub mod email;
pub mod files;
pub mod health;
pub mod include;
pub mod login;
pub mod objects;
pub mod pages;
pub mod permissions;
pub mod relations;
pub mod roles;
pub mod schema_fields;
pub mod schemas;
pub mod sessions;
pub mod signup;
pub mod source;
pub mod users;

use axum::{
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use serde_json::{Map, Value};

use crate::{context::RequestContext, error::ParseError, json::Json, store::roles::ROLE_PREFIX};

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

/// Parse Server's default `requestKeywordDenylist`: a key containing one of
/// these (with, for `_bsontype`, a value containing `Code`) anywhere in a
/// request body is refused, against prototype pollution and BSON code
/// injection (GHSA-q342-9w2p-57fp and others).
const PROHIBITED_KEYWORDS: &[(&str, Option<&str>, &str)] = &[
    (
        "_bsontype",
        Some("Code"),
        r#"{"key":"_bsontype","value":"Code"}"#,
    ),
    ("constructor", None, r#"{"key":"constructor"}"#),
    ("__proto__", None, r#"{"key":"__proto__"}"#),
];

/// Refuses a body that holds a prohibited keyword at any depth: 105
/// `Prohibited keyword in request data: {"key":"constructor"}.`, as Parse
/// Server answers. Run after the field-name checks, as Parse Server does.
pub fn check_prohibited_keywords(body: &Map<String, Value>) -> Result<(), ParseError> {
    for (key, value, shown) in PROHIBITED_KEYWORDS {
        if contains_keyword(body, key, *value) {
            return Err(ParseError::new(
                105,
                format!("Prohibited keyword in request data: {shown}."),
            ));
        }
    }
    Ok(())
}

/// The checks every written body goes through, after its field names: no
/// prohibited keyword ([`check_prohibited_keywords`]) and no nested key
/// that reads as an operator or a path ([`check_nested_keys`]).
pub fn check_request_data(body: &Map<String, Value>) -> Result<(), ParseError> {
    check_prohibited_keywords(body)?;
    check_nested_keys(body)
}

/// Refuses a key containing `$` or `.` inside a field's value, at any depth
/// (arrays included): 121, as Parse Server answers, since such a key would
/// read as a query operator or a dotted path.
pub fn check_nested_keys(body: &Map<String, Value>) -> Result<(), ParseError> {
    let mut values: Vec<&Value> = body.values().collect();
    while let Some(value) = values.pop() {
        match value {
            Value::Object(map) => {
                if map.keys().any(|k| k.contains('$') || k.contains('.')) {
                    return Err(ParseError::new(
                        121,
                        "Nested keys should not contain the '$' or '.' characters",
                    ));
                }
                values.extend(map.values());
            }
            Value::Array(items) => values.extend(items),
            _ => {}
        }
    }
    Ok(())
}

/// Whether some object in `map`, at any depth (arrays included), has a key
/// containing `key` (and, when given, a string value containing `value`).
fn contains_keyword(map: &Map<String, Value>, key: &str, value: Option<&str>) -> bool {
    let mut stack: Vec<&Map<String, Value>> = vec![map];
    let mut values: Vec<&Value> = Vec::new();
    loop {
        if let Some(current) = stack.pop() {
            for (k, v) in current {
                let matched = k.contains(key)
                    && value.is_none_or(|wanted| v.as_str().is_some_and(|s| s.contains(wanted)));
                if matched {
                    return true;
                }
                values.push(v);
            }
        } else if let Some(v) = values.pop() {
            match v {
                Value::Object(inner) => stack.push(inner),
                Value::Array(items) => values.extend(items.iter()),
                _ => {}
            }
        } else {
            return false;
        }
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

/// Whether `acl` grants `permission` (`read` or `write`) to the public (`*`),
/// to the user making the request, or to a role the user has
/// (`role:Name`, inherited roles included; see
/// [`RequestContext::role_names`], only computed when such an entry would
/// grant the permission). Only `true` counts.
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
    allows("*")
        || ctx.user_id().is_some_and(allows)
        || ctx.user_id().is_some()
            && acl.keys().any(|who| {
                who.strip_prefix(ROLE_PREFIX)
                    .is_some_and(|name| allows(who) && ctx.has_role(name))
            })
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{check_nested_keys, check_prohibited_keywords};

    #[test]
    fn nested_keys_with_dollar_or_dot_are_refused_at_any_depth() {
        let bad = json!({"a": [{"b": {"c.d": 1}}]});
        assert_eq!(
            check_nested_keys(bad.as_object().unwrap())
                .unwrap_err()
                .code,
            121
        );
        let top_level_is_not_nested = json!({"a.b": 1, "c": {"__op": "Increment", "amount": 1}});
        assert!(check_nested_keys(top_level_is_not_nested.as_object().unwrap()).is_ok());
    }

    #[test]
    fn prohibited_keywords_are_found_inside_arrays_too() {
        let body = json!({"list": [1, {"deep": [{"__proto__": {"x": 1}}]}]});
        let error = check_prohibited_keywords(body.as_object().unwrap()).unwrap_err();
        assert_eq!(error.code, 105);
        assert!(error.message.contains("__proto__"));
        let fine = json!({"list": [1, {"deep": [{"proto": "constructor-free"}]}]});
        assert!(check_prohibited_keywords(fine.as_object().unwrap()).is_ok());
    }
}
