//! `/classes/:className`: creating and reading objects.

use axum::{
    Json,
    extract::{Path, State},
    response::IntoResponse,
};
use serde_json::{Value, json};

use super::{can_read, check_new_fields, created, schemas::valid_class_name};
use crate::{
    AppState, clock,
    context::RequestContext,
    error::{ApiResult, ParseError},
    extract::JsonObject,
    token,
};

/// `POST /classes/:className`: 201, `Location`, `{objectId, createdAt}`.
/// A class that does not exist is created only with the master key or when
/// `allowClientClassCreation` is on (119 otherwise, as Parse Server 9).
pub async fn create(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(class): Path<String>,
    JsonObject(mut body): JsonObject,
) -> ApiResult<impl IntoResponse> {
    if !valid_class_name(&class) {
        return Err(ParseError::invalid_class_name(&class).into());
    }
    check_new_fields(&body)?;
    let object_id = token::object_id();
    let now = clock::now();
    body.insert("objectId".into(), Value::String(object_id.clone()));
    body.insert("createdAt".into(), Value::String(now.clone()));
    body.insert("updatedAt".into(), Value::String(now.clone()));
    let may_create_class = ctx.is_master || state.config.allow_client_class_creation;
    state.store.insert_object(&class, body, may_create_class)?;
    let location = format!("{}/classes/{class}/{object_id}", ctx.mount_url);
    Ok(created(
        location,
        json!({"objectId": object_id, "createdAt": now}),
    ))
}

/// `GET /classes/:className/:objectId`: the object, if its ACL lets the
/// caller read it (101 otherwise, as for a missing object).
pub async fn get(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((class, object_id)): Path<(String, String)>,
) -> ApiResult<impl IntoResponse> {
    let object = state
        .store
        .object(&class, &object_id)
        .ok_or_else(ParseError::object_not_found)?;
    if !can_read(object.get("ACL"), &ctx) {
        return Err(ParseError::object_not_found().into());
    }
    Ok(Json(object))
}
