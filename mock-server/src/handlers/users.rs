//! `/users`: signing up, the current user, retrieving a user
//! (Parse REST guide, Users: "Signing Up", "Retrieving Users",
//! "Validating Session Tokens / Retrieving Current User").

use std::collections::HashMap;

use axum::{
    Json,
    extract::{Path, Query, State},
    http::{StatusCode, header},
    response::IntoResponse,
};
use serde_json::{Map, Value, json};

use super::{can_read, check_new_fields, check_prohibited_keywords, created, login::open_session};
use crate::{
    AppState, auth, clock,
    context::RequestContext,
    error::{ApiResult, ParseError},
    extract::JsonObject,
    password, query,
    store::UserRecord,
    token,
};

/// The linked accounts of a sign-up or update body, each provider's data
/// checked (252 unknown provider, 162 bad id, 101 refused token). As with
/// Parse Server, `authData` in which no provider has any data counts as no
/// `authData` at all, so that it cannot stand in for a username and
/// password (GHSA-wjqw-r9x4-j59v).
fn linked_accounts(body: &Map<String, Value>) -> Result<Vec<(String, String)>, ParseError> {
    let Some(Value::Object(auth_data)) = body.get("authData") else {
        return Ok(Vec::new());
    };
    let has_data = auth_data
        .values()
        .any(|d| d.as_object().is_some_and(|d| !d.is_empty()));
    if !has_data {
        return Ok(Vec::new());
    }
    for (provider, data) in auth_data {
        match data {
            Value::Null => {}
            Value::Object(data) => auth::validate(provider, data)?,
            _ => {
                return Err(ParseError::new(
                    162,
                    format!("Invalid authData id for provider '{provider}'."),
                ));
            }
        }
    }
    Ok(auth::ids(auth_data))
}

/// The providers of linked accounts as a session's `authProvider`:
/// `facebook`, or `facebook,twitter` for several.
fn provider_names(linked: &[(String, String)]) -> String {
    linked
        .iter()
        .map(|(p, _)| p.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// A user as `ctx` may see it: linked accounts are shown only to the user
/// itself and to the master key.
fn visible(user: &UserRecord, ctx: &RequestContext) -> Map<String, Value> {
    let mut out = user.to_json();
    if !ctx.is_master && ctx.user_id() != Some(user.object_id.as_str()) {
        out.remove("authData");
    }
    out
}

/// Whether an email has the shape Parse Server accepts: something, `@`, something.
fn valid_email(email: &str) -> bool {
    email
        .split_once('@')
        .is_some_and(|(local, domain)| !local.is_empty() && !domain.is_empty())
}

/// `POST /users` (and `POST /classes/_User`): signs a user up.
///
/// 201, `Location: <mount>/users/<id>`, `{objectId, createdAt, sessionToken}`.
/// Errors in Parse Server's order: 105 objectId given, 200 username, 201
/// password, 119 emailVerified set by a client, 202 username taken, 125
/// email malformed, 203 email taken.
pub async fn sign_up(
    State(state): State<AppState>,
    ctx: RequestContext,
    JsonObject(mut body): JsonObject,
) -> ApiResult<axum::response::Response> {
    for key in ["objectId", "id"] {
        if body.contains_key(key) {
            return Err(ParseError::new(105, format!("{key} is an invalid field name.")).into());
        }
    }
    // Signing up with a linked account ("Linking Users"): an account that
    // is already linked logs its user in (200); a new one makes a user with
    // a generated username, and needs no password.
    let linked = linked_accounts(&body)?;
    if let Some((provider, id)) = linked.first()
        && let Some(user) = state.store.user_by_auth(provider, id)
    {
        let out = open_session(&state, &ctx, &user, &provider_names(&linked));
        let location = format!("{}/users/{}", ctx.mount_url, user.object_id);
        return Ok((
            StatusCode::OK,
            [(header::LOCATION, location)],
            Json(Value::Object(out)),
        )
            .into_response());
    }
    let generated_username = match body.get("username") {
        Some(Value::String(u)) if !u.is_empty() => None,
        _ if !linked.is_empty() => Some(token::random_string(25)),
        _ => return Err(ParseError::new(200, "bad or missing username").into()),
    };
    if let Some(name) = &generated_username {
        body.insert("username".into(), Value::String(name.clone()));
    }
    let username = body
        .get("username")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let password = match body.remove("password") {
        Some(Value::String(p)) if !p.is_empty() => Some(p),
        _ if !linked.is_empty() => None,
        _ => return Err(ParseError::new(201, "password is required").into()),
    };
    if body.contains_key("emailVerified") && !ctx.is_master {
        return Err(ParseError::permission_denied().into());
    }
    check_new_fields(&body)?;
    check_prohibited_keywords(&body)?;
    // Parse Server reports a taken username before a malformed email; the
    // decisive uniqueness check is the atomic one when the user is stored.
    if body.contains_key("email") && state.store.username_taken(&username) {
        return Err(ParseError::username_taken().into());
    }
    match body.get("email") {
        None | Some(Value::Null) => {}
        Some(Value::String(email)) if valid_email(email) => {}
        Some(_) => return Err(ParseError::new(125, "Email address format is invalid.").into()),
    }

    let password_hash = match password {
        Some(password) => Some(password::hash(password, state.config.bcrypt_cost).await?),
        None => None,
    };
    let object_id = token::object_id();
    let now = clock::now();
    body.insert("ACL".into(), owner_acl(body.get("ACL"), &object_id));
    body.insert("createdAt".into(), Value::String(now.clone()));
    body.insert("updatedAt".into(), Value::String(now.clone()));
    state.store.insert_user(UserRecord {
        object_id: object_id.clone(),
        fields: body,
        password_hash,
    })?;

    let mut answer = json!({"objectId": object_id, "createdAt": now});
    if let Some(name) = generated_username {
        answer["username"] = Value::String(name);
    }
    // Parse Server gives a master-key sign-up without an installation no session.
    if !ctx.is_master || ctx.installation_id.is_some() {
        let (action, provider) = match linked.is_empty() {
            true => ("signup", "password".to_owned()),
            false => ("login", provider_names(&linked)),
        };
        let session =
            state
                .store
                .create_session(&object_id, action, &provider, ctx.installation_id.clone());
        answer["sessionToken"] = Value::String(session.token);
    }
    let location = format!("{}/users/{object_id}", ctx.mount_url);
    Ok(created(location, answer))
}

/// The ACL of a new user: the one given (if an object) or none, plus read
/// and write for the user itself, so that a user can never lock itself out.
/// Users are private by default, as with Parse Server's `enforcePrivateUsers`.
fn owner_acl(given: Option<&Value>, object_id: &str) -> Value {
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
    let user = state
        .store
        .user(&session.user_id)
        .ok_or_else(ParseError::invalid_session_token)?;
    let mut out = user.to_json();
    out.insert("sessionToken".into(), Value::String(session.token.clone()));
    Ok(Json(out))
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
    state
        .store
        .user(&object_id)
        .ok_or_else(ParseError::object_not_found)?;
    require_owner(&ctx, &object_id, "Permission denied")?;
    if body.contains_key("emailVerified") && !ctx.is_master {
        return Err(ParseError::permission_denied().into());
    }
    linked_accounts(&body)?;
    check_new_fields(&body)?;
    check_prohibited_keywords(&body)?;
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
    state.store.update_user(&object_id, body, password_hash)?;
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
    let query = query::parse::parse(&params)?;
    // `email` is a protected field (Parse Server's default `protectedFields`):
    // a client may not query or sort by it, whatever the users' ACLs.
    if !ctx.is_master && query::names_field(&query, "email") {
        return Err(ParseError::permission_denied().into());
    }
    let readable = state
        .store
        .all_users()
        .into_iter()
        .filter(|u| can_read(u.fields.get("ACL"), &ctx))
        .map(|u| visible(&u, &ctx))
        .collect();
    let (results, total) = query::run(&query, readable)?;
    let mut answer = json!({"results": results});
    if query.count {
        answer["count"] = json!(total);
    }
    Ok(Json(answer))
}
