//! `/login`: logging in with a username (or email) and password
//! (Parse REST guide, Users, "Logging In"). `POST` reads the JSON body;
//! `GET` reads the query string, as Parse Server allows both.

use std::collections::HashMap;

use axum::{
    extract::{Query, State},
    response::IntoResponse,
};
use serde_json::{Map, Value};

use crate::{
    AppState,
    context::RequestContext,
    error::{ApiResult, ParseError},
    extract::JsonObject,
    json::Json,
    password,
    store::{NewSession, UserRecord},
};

/// `POST /login`.
pub async fn post(
    state: State<AppState>,
    ctx: RequestContext,
    JsonObject(body): JsonObject,
) -> ApiResult<impl IntoResponse> {
    log_in(state, ctx, body).await
}

/// `GET /login?username=…&password=…`.
pub async fn get(
    state: State<AppState>,
    ctx: RequestContext,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult<impl IntoResponse> {
    let body = query
        .into_iter()
        .map(|(k, v)| (k, Value::String(v)))
        .collect();
    log_in(state, ctx, body).await
}

/// Checks the credentials and opens a session: 200 with every user field
/// except the password, plus the new `sessionToken`. A wrong password and an
/// unknown user get the same answer, so a login reveals no account. With
/// `accountLockout`, the attempt is counted after the password check, and a
/// locked account is refused whatever the password.
async fn log_in(
    State(state): State<AppState>,
    ctx: RequestContext,
    body: Map<String, Value>,
) -> ApiResult<Json<Map<String, Value>>> {
    let (username, email, password) = (
        body.get("username"),
        body.get("email"),
        body.get("password"),
    );
    if username.is_none() && email.is_none() {
        return Err(ParseError::new(200, "username/email is required.").into());
    }
    let Some(password) = password else {
        return Err(ParseError::new(201, "password is required.").into());
    };
    let as_text = |v: Option<&Value>| -> Result<Option<String>, ParseError> {
        match v {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(ParseError::invalid_login()),
        }
    };
    let (username, email) = (as_text(username)?, as_text(email)?);
    let password = as_text(Some(password))?.unwrap_or_default();

    let user = state
        .store
        .user_for_login(username.as_deref(), email.as_deref())
        .ok_or_else(ParseError::invalid_login)?;
    let hash = user
        .password_hash
        .clone()
        .ok_or_else(ParseError::invalid_login)?;
    let correct = password::verify(password, hash).await?;
    if let Some(policy) = &state.config.account_lockout {
        let now = std::time::Instant::now();
        state
            .store
            .record_login_attempt(&user.object_id, correct, policy, now)?;
    }
    if !correct {
        return Err(ParseError::invalid_login().into());
    }
    if state.config.login_needs_verified_email() && !user.email_verified() {
        return Err(ParseError::new(205, "User email is not verified.").into());
    }
    Ok(Json(open_session(&state, &ctx, &user, "password")))
}

/// Opens a login session for `user` and answers as `/login` does: the user's
/// fields and the new `sessionToken`.
pub fn open_session(
    state: &AppState,
    ctx: &RequestContext,
    user: &UserRecord,
    auth_provider: &str,
) -> Map<String, Value> {
    let session = state.store.create_session(NewSession::logged_in(
        &user.object_id,
        "login",
        auth_provider,
        ctx.installation_id.clone(),
        state.config.session_lifetime(),
    ));
    let mut out = user.to_json();
    if let Some(token) = session.get("sessionToken") {
        out.insert("sessionToken".into(), token.clone());
    }
    out
}

/// `POST /loginAs` and `GET /loginAs` (master key): a session for the user
/// `userId` (from the body or the query), without its password
/// (Parse REST guide, Users, "User Impersonation"). The session's
/// `createdWith` is `{"action": "login", "authProvider": "masterkey"}`; the
/// answer has the shape of a login's.
pub async fn log_in_as(
    State(state): State<AppState>,
    ctx: RequestContext,
    Query(query): Query<HashMap<String, String>>,
    JsonObject(body): JsonObject,
) -> ApiResult<Json<Map<String, Value>>> {
    if !ctx.is_master {
        // Parse Server's sanitized form of "master key is required".
        return Err(ParseError::permission_denied().into());
    }
    // As Parse Server: the body's userId, else the query's; missing or
    // empty is code 162 (INVALID_VALUE).
    let user_id = match body.get("userId") {
        Some(Value::String(id)) if !id.is_empty() => Some(id.clone()),
        Some(Value::String(_) | Value::Null) | None => query.get("userId").cloned(),
        Some(_) => return Err(ParseError::new(162, "userId must be a string").into()),
    }
    .filter(|id| !id.is_empty())
    .ok_or_else(|| ParseError::new(162, "userId must not be empty, null, or undefined"))?;
    let user = state
        .store
        .user(&user_id)
        .ok_or_else(|| ParseError::new(101, "user not found"))?;
    Ok(Json(open_session(&state, &ctx, &user, "masterkey")))
}
