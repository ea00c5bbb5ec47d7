//! `/schemas/:className`: creating, reading and dropping classes (master key).

use axum::{
    Json,
    extract::{Path, State},
    response::IntoResponse,
};
use serde_json::{Map, Value, json};

use crate::{
    AppState,
    context::RequestContext,
    error::{ApiResult, ParseError},
    extract::JsonObject,
};

/// Whether a class name is valid: a letter, then letters, digits or `_`.
pub fn valid_class_name(name: &str) -> bool {
    super::valid_field_name(name)
}

fn schema_json(class: &str, fields: &Map<String, Value>) -> Value {
    let mut all = Map::new();
    for (name, kind) in [
        ("objectId", "String"),
        ("createdAt", "Date"),
        ("updatedAt", "Date"),
        ("ACL", "ACL"),
    ] {
        all.insert(name.into(), json!({"type": kind}));
    }
    all.extend(fields.clone());
    let public = json!({"*": true});
    json!({
        "className": class,
        "fields": all,
        "classLevelPermissions": {
            "find": public, "count": public, "get": public, "create": public,
            "update": public, "delete": public, "addField": public, "protectedFields": {"*": []},
        },
    })
}

/// `POST /schemas/:className`: creates a class.
pub async fn create(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(class): Path<String>,
    JsonObject(body): JsonObject,
) -> ApiResult<impl IntoResponse> {
    ctx.require_master()?;
    if let Some(named) = body.get("className").and_then(Value::as_str)
        && named != class
    {
        return Err(ParseError::new(
            102,
            format!("Class name mismatch between {named} and {class}."),
        )
        .into());
    }
    if !valid_class_name(&class) {
        return Err(ParseError::invalid_class_name(&class).into());
    }
    let fields = body
        .get("fields")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    if let Some(bad) = fields.keys().find(|k| !super::valid_field_name(k)) {
        return Err(ParseError::invalid_field_name(bad).into());
    }
    state.store.create_class(&class, fields.clone())?;
    Ok(Json(schema_json(&class, &fields)))
}

/// `GET /schemas/:className`.
pub async fn get(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(class): Path<String>,
) -> ApiResult<impl IntoResponse> {
    ctx.require_master()?;
    let fields = state
        .store
        .class_fields(&class)
        .ok_or_else(|| ParseError::new(103, format!("Class {class} does not exist.")))?;
    Ok(Json(schema_json(&class, &fields)))
}

/// `DELETE /schemas/:className`: drops an empty class.
pub async fn delete(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(class): Path<String>,
) -> ApiResult<impl IntoResponse> {
    ctx.require_master()?;
    state.store.delete_class(&class)?;
    Ok(Json(json!({})))
}
