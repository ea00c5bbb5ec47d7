//! `/schemas`: the schema API (Parse REST guide, Schemas), master key only
//! (HTTP 403 `{"error":"Permission denied"}` otherwise): listing the
//! classes, reading, creating, changing and dropping one, with its fields
//! ([`super::schema_fields`]) and its class-level permissions
//! ([`crate::class_permissions`]).

use std::sync::Arc;

use axum::{
    extract::{Path, State},
    response::IntoResponse,
};
use serde_json::{Map, Value, json};

use super::schema_fields::{self, BUILT_IN};
use crate::{
    AppState, class_permissions,
    context::RequestContext,
    error::{ApiResult, ParseError},
    extract::JsonObject,
    json::Json,
    store::schemas::{ClassSchema, SchemaChange},
};

/// Whether a class name is valid: a letter, then letters, digits or `_`.
pub fn valid_class_name(name: &str) -> bool {
    super::valid_field_name(name)
}

/// A class as `/schemas` answers it: its name, every field (built-in ones
/// first) and its class-level permissions.
fn schema_json(schema: &ClassSchema) -> Value {
    let mut all = Map::new();
    for (name, kind) in BUILT_IN {
        all.insert((*name).into(), json!({ "type": kind }));
    }
    all.extend(schema_fields::system_fields(&schema.name));
    all.extend(schema.fields.as_ref().clone());
    json!({
        "className": schema.name,
        "fields": all,
        "classLevelPermissions": class_permissions::shown(schema.permissions.as_ref()),
    })
}

/// 103 `Class name mismatch between B and P.` when the body names another
/// class than the path.
fn check_same_class(body: &Map<String, Value>, class: &str) -> Result<(), ParseError> {
    match body.get("className").and_then(Value::as_str) {
        Some(named) if named != class => Err(ParseError::new(
            103,
            format!("Class name mismatch between {named} and {class}."),
        )),
        _ => Ok(()),
    }
}

/// The `classLevelPermissions` of a body, if it has some.
fn permissions_of(body: &Map<String, Value>) -> Result<Option<Map<String, Value>>, ParseError> {
    match body.get("classLevelPermissions") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(clp)) => Ok(Some(clp.clone())),
        Some(other) => Err(ParseError::new(
            107,
            format!("'{other}' is not a valid value for class level permissions"),
        )),
    }
}

/// `GET /schemas`: every class, as `{"results": [...]}`.
pub async fn list(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> ApiResult<impl IntoResponse> {
    ctx.require_master()?;
    let results: Vec<Value> = state
        .store
        .class_schemas()
        .iter()
        .map(schema_json)
        .collect();
    Ok(Json(json!({ "results": results })))
}

/// `POST /schemas` with `className` in the body: creates that class.
pub async fn create_named(
    State(state): State<AppState>,
    ctx: RequestContext,
    JsonObject(body): JsonObject,
) -> ApiResult<impl IntoResponse> {
    ctx.require_master()?;
    let class = body
        .get("className")
        .and_then(Value::as_str)
        .ok_or_else(|| ParseError::new(135, "POST /schemas needs a class name."))?
        .to_owned();
    Ok(Json(create_class(&state, &class, &body)?))
}

/// `POST /schemas/:className`: creates a class with the given fields and
/// class-level permissions (all public when none are given).
pub async fn create(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(class): Path<String>,
    JsonObject(body): JsonObject,
) -> ApiResult<impl IntoResponse> {
    ctx.require_master()?;
    check_same_class(&body, &class)?;
    Ok(Json(create_class(&state, &class, &body)?))
}

/// Checks and creates `class` from a `POST /schemas` body: 103 for a class
/// that exists or an invalid name, then each field, then the CLPs.
fn create_class(
    state: &AppState,
    class: &str,
    body: &Map<String, Value>,
) -> Result<Value, ParseError> {
    if state.store.class_schema(class).is_some() {
        return Err(ParseError::new(
            103,
            format!("Class {class} already exists."),
        ));
    }
    if !valid_class_name(class) {
        return Err(ParseError::invalid_class_name(class));
    }
    let mut fields = Map::new();
    if let Some(given) = body.get("fields").and_then(Value::as_object) {
        for (name, definition) in given {
            fields.insert(
                name.clone(),
                schema_fields::check_field(class, name, definition)?,
            );
        }
    }
    schema_fields::check_one_geopoint(&fields)?;
    let permissions = permissions_of(body)?;
    if let Some(clp) = &permissions {
        class_permissions::validate(clp, &with_built_in(class, &fields))?;
    }
    state
        .store
        .create_class_with(class, fields.clone(), permissions.clone())?;
    Ok(schema_json(&ClassSchema {
        name: class.to_owned(),
        fields: Arc::new(fields),
        permissions,
    }))
}

/// `fields` with the built-in fields of `class`, as CLP checks see them.
fn with_built_in(class: &str, fields: &Map<String, Value>) -> Map<String, Value> {
    let mut all = schema_fields::system_fields(class);
    for (name, kind) in BUILT_IN {
        all.insert((*name).into(), json!({ "type": kind }));
    }
    all.extend(fields.clone());
    all
}

/// `GET /schemas/:className`: one class; 103 if it does not exist.
pub async fn get(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(class): Path<String>,
) -> ApiResult<impl IntoResponse> {
    ctx.require_master()?;
    let schema = state
        .store
        .class_schema(&class)
        .ok_or_else(|| ParseError::new(103, format!("Class {class} does not exist.")))?;
    Ok(Json(schema_json(&schema)))
}

/// `PUT /schemas/:className`: adds fields, deletes fields given as
/// `{"__op": "Delete"}` (their values leave every object), and replaces
/// the class-level permissions when given. 255 for a field that exists
/// with another type or a deleted field that does not exist, 136 for a
/// built-in field, 103 for a class that does not exist.
pub async fn update(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(class): Path<String>,
    JsonObject(body): JsonObject,
) -> ApiResult<impl IntoResponse> {
    ctx.require_master()?;
    check_same_class(&body, &class)?;
    let schema = state
        .store
        .class_schema(&class)
        .ok_or_else(|| ParseError::new(103, format!("Class {class} does not exist.")))?;
    let existing = with_built_in(&class, &schema.fields);
    let submitted = body
        .get("fields")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut change = SchemaChange::default();
    for (name, definition) in &submitted {
        let deletes = definition.get("__op").and_then(Value::as_str) == Some("Delete");
        match existing.get(name) {
            Some(field) if !deletes && field.get("type") != definition.get("type") => {
                return Err(
                    ParseError::new(255, format!("Field {name} exists, cannot update.")).into(),
                );
            }
            None if deletes => {
                return Err(ParseError::new(
                    255,
                    format!("Field {name} does not exist, cannot delete."),
                )
                .into());
            }
            Some(_) if deletes => change.delete.push(name.clone()),
            Some(_) => {}
            None => {
                let field = schema_fields::check_field(&class, name, definition)?;
                change.add.insert(name.clone(), field);
            }
        }
    }
    if let Some(name) = change
        .delete
        .iter()
        .find(|name| schema_fields::is_built_in(&class, name))
    {
        return Err(ParseError::new(136, format!("field {name} cannot be changed")).into());
    }
    let mut fields = schema.fields.as_ref().clone();
    fields.retain(|name, _| !change.delete.contains(name));
    fields.extend(change.add.clone());
    schema_fields::check_one_geopoint(&fields)?;
    change.permissions = permissions_of(&body)?;
    if let Some(clp) = &change.permissions {
        class_permissions::validate(clp, &with_built_in(&class, &fields))?;
    }
    let permissions = change.permissions.clone().or(schema.permissions);
    state.store.change_class(&class, change)?;
    Ok(Json(schema_json(&ClassSchema {
        name: class,
        fields: Arc::new(fields),
        permissions,
    })))
}

/// `DELETE /schemas/:className`: drops an empty class (255 when it holds
/// objects); a class that does not exist answers `{}` too. 103 for an
/// invalid class name.
pub async fn delete(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(class): Path<String>,
) -> ApiResult<impl IntoResponse> {
    ctx.require_master()?;
    if !valid_class_name(&class) && !class.starts_with('_') {
        return Err(ParseError::invalid_class_name(&class).into());
    }
    state.store.delete_class(&class)?;
    Ok(Json(json!({})))
}
