//! The session API (Parse REST guide, Sessions): `/sessions`,
//! `/sessions/:objectId`, `/sessions/me`, `/logout` and
//! `/upgradeToRevocableSession`.
//!
//! Sessions are objects of the class `_Session`, so `/sessions` shares the
//! object handlers (and `/classes/_Session` is the same API); the rules of
//! this module apply on both paths:
//! - a client reads, changes and deletes only the sessions of its own user
//!   (another user's session is "not found"); the master key reaches all;
//! - a restricted session (one made by `POST /sessions`) reads only
//!   restricted sessions and writes no user, session or role;
//! - the fields the server sets (`sessionToken`, `user`, `createdWith`,
//!   `expiresAt`, `installationId`, `restricted`) are refused on a client's
//!   update and ignored on a client's creation; no session takes an ACL;
//! - in a query's results only the caller's current session keeps its
//!   `sessionToken`.

use axum::{
    extract::{Path, State},
    response::{IntoResponse, Response},
};
use serde_json::{Map, Value, json};

use super::{check_new_fields, check_request_data, created};
use crate::{
    AppState, clock,
    context::RequestContext,
    error::{ApiResult, ParseError},
    extract::JsonObject,
    json::Json,
    query::Document,
    store::{NewSession, SESSION_CLASS, TokenState},
};

/// The fields of a session only the server sets.
const SERVER_FIELDS: [&str; 6] = [
    "sessionToken",
    "user",
    "createdWith",
    "expiresAt",
    "installationId",
    "restricted",
];

/// Whether the caller may read this session: the master key reads all; a
/// user reads its own, and a restricted session only the restricted ones.
pub fn may_read(session: &dyn Document, ctx: &RequestContext) -> bool {
    if ctx.is_master {
        return true;
    }
    let restricted_ok =
        !ctx.is_restricted() || session.field("restricted").and_then(Value::as_bool) == Some(true);
    owns(session, ctx) && restricted_ok
}

/// Whether the caller may change or delete this session: its own user, or
/// the master key.
pub fn may_write(session: &dyn Document, ctx: &RequestContext) -> bool {
    ctx.is_master || owns(session, ctx)
}

/// Whether the session belongs to the caller's user.
fn owns(session: &dyn Document, ctx: &RequestContext) -> bool {
    let owner = session
        .field("user")
        .and_then(|u| u.get("objectId"))
        .and_then(Value::as_str);
    owner.is_some() && owner == ctx.user_id()
}

/// A client reaches sessions only with a session of its own: 209
/// `Permission denied` otherwise, as Parse Server answers.
pub fn require_caller(ctx: &RequestContext) -> Result<(), ParseError> {
    if ctx.is_master || ctx.session.is_some() {
        Ok(())
    } else {
        Err(ParseError::new(209, "Permission denied"))
    }
}

/// Hides the `sessionToken` of a session that is not the caller's current
/// one, as session queries answer ("only your current Session object will
/// contain a session token"); the master key sees every token.
pub fn hide_other_token(session: &mut Map<String, Value>, ctx: &RequestContext) {
    let current = ctx.session.as_ref().map(|s| s.token.as_str());
    if !ctx.is_master && session.get("sessionToken").and_then(Value::as_str) != current {
        session.remove("sessionToken");
    }
}

/// The checks of a client's write to a session: no ACL (105), none of the
/// fields the server sets (105 `Invalid key name: …`), nothing from a
/// restricted session (119).
pub fn check_update(ctx: &RequestContext, body: &Map<String, Value>) -> Result<(), ParseError> {
    if body.contains_key("ACL") {
        return Err(cannot_set_acl());
    }
    if ctx.is_master {
        return Ok(());
    }
    match SERVER_FIELDS.iter().find(|f| body.contains_key(**f)) {
        Some(field) => Err(ParseError::new(105, format!("Invalid key name: {field}"))),
        None => Ok(()),
    }
}

/// The classes a restricted session may not write.
const GUARDED_CLASSES: [&str; 3] = ["_User", SESSION_CLASS, "_Role"];

/// Refuses a write to `_User`, `_Session` or `_Role` from a restricted
/// session (119); other classes are written as by any session.
pub fn guard_restricted(class: &str, ctx: &RequestContext) -> Result<(), ParseError> {
    if GUARDED_CLASSES.contains(&class) {
        ctx.refuse_restricted()
    } else {
        Ok(())
    }
}

/// 105 `Cannot set ACL on a Session.`
fn cannot_set_acl() -> ParseError {
    ParseError::new(105, "Cannot set ACL on a Session.")
}

/// `POST /sessions` (and `POST /classes/_Session`): a session made directly
/// for the caller's user, which the guide says is restricted; its
/// `createdWith` is `{"action": "create"}`. The fields only the server
/// sets are ignored when a client sends them (GHSA-5v7g-9h8f-8pgg: a
/// client chose its own token, expiry or user); custom fields are kept, and
/// `installationId`, which can be set once. Answers 201 with the session.
pub async fn create(
    State(state): State<AppState>,
    ctx: RequestContext,
    JsonObject(body): JsonObject,
) -> ApiResult<Response> {
    create_session(&state, &ctx, body)
}

/// The body of [`create`], shared with `POST /classes/_Session`.
pub fn create_session(
    state: &AppState,
    ctx: &RequestContext,
    body: Map<String, Value>,
) -> ApiResult<Response> {
    let user_id = match (&ctx.session, ctx.is_master) {
        (Some(session), _) => session.user_id.clone(),
        (None, true) => body
            .get("user")
            .and_then(|u| u.get("objectId"))
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| ParseError::new(209, "Session token required."))?,
        (None, false) => return Err(ParseError::new(209, "Session token required.").into()),
    };
    ctx.refuse_restricted()?;
    if body.contains_key("ACL") {
        return Err(cannot_set_acl().into());
    }
    check_new_fields(&body)?;
    check_request_data(&body)?;
    let installation_id = match body.get("installationId") {
        Some(Value::String(id)) => Some(id.clone()),
        _ => ctx.installation_id.clone(),
    };
    // The store sets every server field over what the body holds.
    let session = state.store.create_session(NewSession {
        user_id,
        created_with: json!({"action": "create"}),
        installation_id,
        restricted: true,
        lifetime: state.config.session_lifetime(),
        fields: body,
    });
    let object_id = session
        .get("objectId")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let location = format!("{}/classes/{SESSION_CLASS}/{object_id}", ctx.mount_url());
    Ok(created(location, Value::Object(session)))
}

/// `GET /sessions/me`: the session of the caller's token, with its
/// `createdWith` (how it was made) and its user as a pointer. An expired
/// token is refused as on every other path: the guide deletes expired
/// sessions.
pub async fn me(State(state): State<AppState>, ctx: RequestContext) -> ApiResult<Json<Value>> {
    let token = own_token(&state, &ctx)?;
    let session = state
        .store
        .session_object(&token)
        .ok_or_else(session_not_found)?;
    Ok(Json(Value::Object(session)))
}

/// `PUT /sessions/me`: pairs a restricted session with the installation
/// of `X-Parse-Installation-Id` (Parse REST guide, Sessions, "Pairing
/// Session with Installation"). Only restricted sessions may (119); the
/// installation is set once (105 when it already is); the body names no
/// field the server sets. Answers `{updatedAt}`.
pub async fn pair_installation(
    State(state): State<AppState>,
    ctx: RequestContext,
    JsonObject(body): JsonObject,
) -> ApiResult<Json<Value>> {
    let token = own_token(&state, &ctx)?;
    let session = state.store.session(&token).ok_or_else(session_not_found)?;
    if !session.restricted {
        return Err(ParseError::new(
            119,
            "Only a restricted session can be paired with an installation.",
        )
        .into());
    }
    check_update(&ctx, &body)?;
    let installation = ctx
        .installation_id
        .as_deref()
        .ok_or_else(|| ParseError::new(135, "X-Parse-Installation-Id is required."))?;
    if !state.store.pair_installation(&token, installation) {
        return Err(ParseError::new(105, "Invalid key name: installationId").into());
    }
    Ok(Json(json!({"updatedAt": clock::now()})))
}

/// The caller's token, for the `/sessions/me` routes, which resolve it
/// themselves: 209 `Session token required.` without one, 209
/// `Session token is expired.` past its `expiresAt`, 209
/// `Session token not found.` when no session has it.
fn own_token(state: &AppState, ctx: &RequestContext) -> Result<String, ParseError> {
    let token = ctx
        .session_token
        .clone()
        .ok_or_else(|| ParseError::new(209, "Session token required."))?;
    match state.store.token_state(&token) {
        TokenState::Live(_) => Ok(token),
        TokenState::Expired => Err(ParseError::session_expired()),
        TokenState::Unknown => Err(session_not_found()),
    }
}

/// 209 `Session token not found.`
fn session_not_found() -> ParseError {
    ParseError::new(209, "Session token not found.")
}

/// `POST /logout`: revokes the caller's session; the token no longer works
/// afterwards. Without a token there is nothing to revoke: `{}`.
pub async fn log_out(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> ApiResult<impl IntoResponse> {
    if let Some(session) = &ctx.session {
        state.store.revoke_session(&session.token);
    }
    Ok(Json(json!({})))
}

/// `POST /upgradeToRevocableSession`: a new session for the caller's user,
/// made with `{"action": "upgrade"}`, answered whole (its token included).
/// Every token this server issues is already revocable; Parse Server
/// answers the same way, and `101 invalid session` without a user.
pub async fn upgrade(State(state): State<AppState>, ctx: RequestContext) -> ApiResult<Json<Value>> {
    let session = ctx
        .session
        .as_ref()
        .ok_or_else(|| ParseError::new(101, "invalid session"))?;
    let session = state.store.create_session(NewSession {
        user_id: session.user_id.clone(),
        created_with: json!({"action": "upgrade"}),
        installation_id: ctx.installation_id.clone(),
        restricted: false,
        lifetime: state.config.session_lifetime(),
        fields: Map::new(),
    });
    Ok(Json(Value::Object(session)))
}

/// `GET /sessions`: the caller's sessions matching the query (see
/// [`super::source::StoreSource::page`] for the session rules).
pub async fn find(
    state: State<AppState>,
    ctx: RequestContext,
    params: axum::extract::Query<std::collections::HashMap<String, String>>,
) -> ApiResult<impl IntoResponse> {
    super::objects::find(state, ctx, Path(SESSION_CLASS.to_owned()), params).await
}

/// `GET /sessions/:objectId`: one of the caller's sessions.
pub async fn get(
    state: State<AppState>,
    ctx: RequestContext,
    Path(object_id): Path<String>,
    params: axum::extract::Query<std::collections::HashMap<String, String>>,
) -> ApiResult<impl IntoResponse> {
    super::objects::get(
        state,
        ctx,
        Path((SESSION_CLASS.to_owned(), object_id)),
        params,
    )
    .await
}

/// `PUT /sessions/:objectId`: custom fields of one of the caller's sessions.
pub async fn update(
    state: State<AppState>,
    ctx: RequestContext,
    Path(object_id): Path<String>,
    body: JsonObject,
) -> ApiResult<impl IntoResponse> {
    super::objects::update(
        state,
        ctx,
        Path((SESSION_CLASS.to_owned(), object_id)),
        body,
    )
    .await
}

/// `DELETE /sessions/:objectId`: logs out the device of one of the
/// caller's sessions (101 `Object not found for delete.` for another
/// user's, as Parse Server answers).
pub async fn delete(
    state: State<AppState>,
    ctx: RequestContext,
    Path(object_id): Path<String>,
) -> ApiResult<impl IntoResponse> {
    super::objects::delete(state, ctx, Path((SESSION_CLASS.to_owned(), object_id))).await
}
