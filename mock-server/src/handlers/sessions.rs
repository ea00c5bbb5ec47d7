//! `/sessions/me` and `/logout`: the caller's own session.

use axum::{Json, extract::State, response::IntoResponse};
use serde_json::{Value, json};

use crate::{
    AppState,
    context::RequestContext,
    error::{ApiResult, ParseError},
};

/// `GET /sessions/me`: the session of the caller's token, with its
/// `createdWith` (how it was made) and its user as a pointer.
pub async fn me(State(state): State<AppState>, ctx: RequestContext) -> ApiResult<Json<Value>> {
    let token = ctx
        .session_token
        .as_deref()
        .ok_or_else(|| ParseError::new(209, "Session token required."))?;
    let session = state
        .store
        .session(token)
        .ok_or_else(|| ParseError::new(209, "Session token not found."))?;
    Ok(Json(session.to_json()))
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
