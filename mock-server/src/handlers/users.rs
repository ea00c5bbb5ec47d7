//! `/users`: the current user, retrieving, updating, deleting and querying
//! users (Parse REST guide, Users: "Retrieving Users", "Validating Session
//! Tokens / Retrieving Current User", "Updating Users", "Deleting Users",
//! "Querying"). Signing up is in [`super::signup`].

use std::collections::HashMap;

use axum::{
    extract::{Path, Query, State},
    response::IntoResponse,
};
use serde_json::{Map, Value, json};

use super::{
    can_read, check_new_fields, check_request_data, email, signup::linked_accounts,
    source::StoreSource,
};
use crate::{
    AppState, clock,
    context::RequestContext,
    error::{ApiResult, ParseError},
    extract::JsonObject,
    json::Json,
    password, query,
    store::{USER_CLASS, UserRecord},
};

/// A user as `ctx` may see it: linked accounts are shown only to the user
/// itself and to the master key.
fn visible(user: &UserRecord, ctx: &RequestContext) -> Map<String, Value> {
    let mut out = user.to_json();
    hide_linked_accounts(&mut out, ctx);
    out
}

/// Removes `authData` from a user unless `ctx` is that user or the master
/// key: wherever a user is answered (retrieved, found, included).
pub(super) fn hide_linked_accounts(user: &mut Map<String, Value>, ctx: &RequestContext) {
    let id = user.get("objectId").and_then(Value::as_str);
    if !ctx.is_master && ctx.user_id() != id {
        user.remove("authData");
    }
}

/// Whether an email has the shape Parse Server accepts: something, `@`, something.
pub(super) fn valid_email(email: &str) -> bool {
    email
        .split_once('@')
        .is_some_and(|(local, domain)| !local.is_empty() && !domain.is_empty())
}

/// The ACL of a new user: the one given (if an object) or none, plus read
/// and write for the user itself, so that a user can never lock itself out.
/// Users are private by default, as with Parse Server's `enforcePrivateUsers`.
pub(super) fn owner_acl(given: Option<&Value>, object_id: &str) -> Value {
    let mut acl: Map<String, Value> = given
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    acl.insert(object_id.to_owned(), json!({"read": true, "write": true}));
    Value::Object(acl)
}

/// `GET /users/me`: the user of the session token, with that token.
pub async fn me(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> ApiResult<impl IntoResponse> {
    // Without a token Parse Server answers 209 with its sanitized message.
    let session = ctx
        .session
        .as_ref()
        .ok_or_else(|| ParseError::new(209, "Permission denied"))?;
    let token = Value::String(session.token.clone());
    let user = state
        .store
        .public_user_json(&session.user_id, &[("sessionToken", &token)])
        .map_err(ParseError::internal)?
        .ok_or_else(ParseError::invalid_session_token)?;
    Ok(Json(user))
}

/// `GET /users/:objectId`: the user, if its ACL lets the caller read it.
/// The user itself also gets its session token back.
pub async fn get(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(object_id): Path<String>,
) -> ApiResult<impl IntoResponse> {
    let user = state
        .store
        .user(&object_id)
        .ok_or_else(ParseError::object_not_found)?;
    if !can_read(user.fields.get("ACL"), &ctx) {
        return Err(ParseError::object_not_found().into());
    }
    let mut out = visible(&user, &ctx);
    if let Some(session) = ctx.session.as_ref().filter(|s| s.user_id == object_id) {
        out.insert("sessionToken".into(), Value::String(session.token.clone()));
    }
    Ok(Json(out))
}

/// Refuses a change to a user by anyone but that user (its own session
/// token) or the master key: code 206, with Parse Server's messages.
fn require_owner(
    ctx: &RequestContext,
    object_id: &str,
    without_token: &str,
) -> Result<(), ParseError> {
    match ctx.user_id() {
        _ if ctx.is_master => Ok(()),
        Some(id) if id == object_id => Ok(()),
        Some(_) => Err(ParseError::new(206, "Permission denied")),
        None => Err(ParseError::new(206, without_token)),
    }
}

/// `PUT /users/:objectId`: changes the given fields and leaves the others
/// as they are (Parse REST guide, Users, "Updating Users"). Only the user
/// itself (or the master key) may; the answer is just `{updatedAt}`. A new
/// username or email must be free; a new password is hashed, and the user's
/// other sessions are revoked (the one making the change stays valid).
pub async fn update(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(object_id): Path<String>,
    JsonObject(mut body): JsonObject,
) -> ApiResult<impl IntoResponse> {
    ctx.refuse_restricted()?;
    let before = state
        .store
        .user(&object_id)
        .ok_or_else(ParseError::object_not_found)?;
    require_owner(&ctx, &object_id, "Permission denied")?;
    if body.contains_key("emailVerified") && !ctx.is_master {
        return Err(ParseError::permission_denied().into());
    }
    linked_accounts(&body)?;
    check_new_fields(&body)?;
    check_request_data(&body)?;
    if let Some(username) = body.get("username")
        && username.as_str().is_none_or(str::is_empty)
    {
        return Err(ParseError::new(200, "bad or missing username").into());
    }
    if let Some(email) = body.get("email")
        && !email.is_null()
        && !email.as_str().is_some_and(valid_email)
    {
        return Err(ParseError::new(125, "Email address format is invalid.").into());
    }
    let password_hash = match body.remove("password") {
        None => None,
        Some(Value::String(p)) if !p.is_empty() => {
            Some(password::hash(p, state.config.bcrypt_cost).await?)
        }
        Some(_) => return Err(ParseError::new(201, "password is required").into()),
    };
    if let Some(acl) = body.get("ACL") {
        let acl = owner_acl(Some(acl), &object_id);
        body.insert("ACL".into(), acl);
    }
    let now = clock::now();
    body.insert("updatedAt".into(), Value::String(now.clone()));
    let changed_password = password_hash.is_some();
    let new_email = body
        .get("email")
        .and_then(Value::as_str)
        .is_some_and(|e| Some(e) != before.email());
    state.store.update_user(&object_id, body, password_hash)?;
    // "When a User's email is set or modified, emailVerified is set to false"
    // and a new verification mail is sent.
    if new_email {
        email::verify_new_email(&state, &object_id);
    }
    if changed_password {
        let keep = ctx.session.as_ref().map(|s| s.token.as_str());
        state.store.revoke_other_sessions(&object_id, keep);
    }
    Ok(Json(json!({"updatedAt": now})))
}

/// `DELETE /users/:objectId`: deletes the user and its sessions
/// (Parse REST guide, Users, "Deleting Users"). Only the user itself (or the
/// master key) may.
pub async fn delete(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(object_id): Path<String>,
) -> ApiResult<impl IntoResponse> {
    ctx.refuse_restricted()?;
    state
        .store
        .user(&object_id)
        .ok_or_else(ParseError::object_not_found)?;
    require_owner(&ctx, &object_id, "Insufficient auth to delete user")?;
    state.store.delete_user(&object_id)?;
    Ok(Json(json!({})))
}

/// `GET /users`: the users the caller may read that match the query, as
/// `{"results": [...]}` (plus `"count"` when asked) (Parse REST guide,
/// Users, "Querying"; the query options of objects apply).
pub async fn find(
    State(state): State<AppState>,
    ctx: RequestContext,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult<impl IntoResponse> {
    let query =
        query::parse::parse_within(&params, &state.config.request_complexity, ctx.is_master)?;
    // `email` is a protected field (Parse Server's default `protectedFields`):
    // a client may not query or sort by it, whatever the users' ACLs.
    if !ctx.is_master && query::names_field(&query, "email") {
        return Err(ParseError::permission_denied().into());
    }
    let source = StoreSource {
        state: &state,
        ctx: &ctx,
    };
    Ok(Json(source.answer(USER_CLASS, query)?))
}
