//! `/roles` and `/roles/:objectId` (Parse REST guide, Roles): the class
//! `_Role` under its own URL, as Parse Server's `RolesRouter` serves it
//! (`/classes/_Role` reaches the same objects through [`objects`]).
//!
//! The rules of a role body, checked here for both URLs: a new role needs
//! a `name` (111 `name is required.`) made of letters, digits, spaces, `-`
//! and `_` (the guide; -1 with the message of the Parse SDK's
//! `ParseRole._validateName`, since Parse Server itself does not check),
//! and an `ACL` (111 `ACL is required.`); neither may be deleted later.
//! A duplicate name and a name change are refused by the store, under its
//! lock ([`crate::store::roles`]).

use std::collections::HashMap;

use axum::{
    extract::{Path, Query, State},
    response::IntoResponse,
};
use serde_json::{Map, Value, json};

use super::objects;
use crate::{
    AppState,
    context::RequestContext,
    error::{ApiResult, ParseError},
    extract::JsonObject,
    store::roles::ROLE_CLASS,
};

/// Whether `name` is a valid role name: not empty, and only ASCII letters,
/// digits, spaces, `-` and `_`.
pub fn valid_role_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_'))
}

/// Whether a body value is missing or removes the field.
fn absent(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.is_empty(),
        Some(v) => v.get("__op").and_then(Value::as_str) == Some("Delete"),
    }
}

/// The checks of a new role's body, in Parse Server's order: `name`
/// required, `ACL` required, then the name's characters. Also gives the
/// role its two Relation fields, as Parse Server shows them on every role.
pub fn check_new_role(body: &mut Map<String, Value>) -> Result<(), ParseError> {
    if absent(body.get("name")) {
        return Err(ParseError::new(111, "name is required."));
    }
    if absent(body.get("ACL")) {
        return Err(ParseError::new(111, "ACL is required."));
    }
    if let Some(name) = body.get("name").and_then(Value::as_str)
        && !valid_role_name(name)
    {
        return Err(ParseError::new(
            -1,
            "A role's name can be only contain alphanumeric characters, _, -, and spaces.",
        ));
    }
    for (field, class) in [("users", "_User"), ("roles", ROLE_CLASS)] {
        body.entry(field)
            .or_insert_with(|| json!({"__type": "Relation", "className": class}));
    }
    Ok(())
}

/// The checks of a role update: `name` and `ACL` may not be deleted (111
/// `name is required.`, as Parse Server answers a `Delete`).
pub fn check_role_update(body: &Map<String, Value>) -> Result<(), ParseError> {
    for field in ["name", "ACL"] {
        let deleted = body
            .get(field)
            .and_then(|v| v.get("__op"))
            .and_then(Value::as_str)
            == Some("Delete");
        if deleted {
            return Err(ParseError::new(111, format!("{field} is required.")));
        }
    }
    Ok(())
}

/// `POST /roles`: creates a role (see [`check_new_role`]); 201 with
/// `Location: …/roles/:objectId`, as the guide shows.
pub async fn create(
    state: State<AppState>,
    ctx: RequestContext,
    body: JsonObject,
) -> ApiResult<impl IntoResponse> {
    let mount_url = ctx.mount_url().to_owned();
    let mut response = objects::create(state, ctx, Path(ROLE_CLASS.to_owned()), body)
        .await?
        .into_response();
    let classes_prefix = format!("{mount_url}/classes/{ROLE_CLASS}/");
    let location = response
        .headers()
        .get(axum::http::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|l| l.strip_prefix(&classes_prefix))
        .map(|id| format!("{mount_url}/roles/{id}"));
    if let Some(value) = location.and_then(|l| l.parse().ok()) {
        response
            .headers_mut()
            .insert(axum::http::header::LOCATION, value);
    }
    Ok(response)
}

/// `GET /roles/:objectId`: a role, under its ACL (101 otherwise).
pub async fn get(
    state: State<AppState>,
    ctx: RequestContext,
    Path(object_id): Path<String>,
    params: Query<HashMap<String, String>>,
) -> ApiResult<impl IntoResponse> {
    objects::get(state, ctx, Path((ROLE_CLASS.to_owned(), object_id)), params).await
}

/// `PUT /roles/:objectId`: changes a role (its relations with
/// `AddRelation`/`RemoveRelation`), under its ACL (101 otherwise).
pub async fn update(
    state: State<AppState>,
    ctx: RequestContext,
    Path(object_id): Path<String>,
    body: JsonObject,
) -> ApiResult<impl IntoResponse> {
    objects::update(state, ctx, Path((ROLE_CLASS.to_owned(), object_id)), body).await
}

/// `DELETE /roles/:objectId`: deletes a role, under its ACL (101
/// otherwise); its members lose its rights at once.
pub async fn delete(
    state: State<AppState>,
    ctx: RequestContext,
    Path(object_id): Path<String>,
) -> ApiResult<impl IntoResponse> {
    objects::delete(state, ctx, Path((ROLE_CLASS.to_owned(), object_id))).await
}

/// `GET /roles`: the roles the caller may read that match the query.
pub async fn find(
    state: State<AppState>,
    ctx: RequestContext,
    params: Query<HashMap<String, String>>,
) -> ApiResult<impl IntoResponse> {
    objects::find(state, ctx, Path(ROLE_CLASS.to_owned()), params).await
}
