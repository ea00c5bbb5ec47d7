//! `/classes/:className`: creating, reading, updating, deleting and
//! finding objects, each under the object's ACL (Parse REST guide, Users,
//! "User Security"): a read or write the ACL does not allow answers as if
//! the object did not exist, and a find leaves such objects out.

use std::collections::HashMap;

use axum::{
    extract::{Path, Query, State},
    response::IntoResponse,
};
use serde_json::{Value, json};

use super::{
    can_read, can_write, check_new_fields, check_request_data, created, include::Projection,
    permissions::ClassPermissions, roles, schemas::valid_class_name, sessions, source::StoreSource,
};
use crate::{
    AppState,
    class_permissions::{Access, Operation},
    clock,
    context::RequestContext,
    error::{ApiResult, ParseError},
    extract::JsonObject,
    json::Json,
    query,
    store::{SESSION_CLASS, roles::ROLE_CLASS},
    token,
};

/// `POST /classes/:className`: 201, `Location`, `{objectId, createdAt}`
/// (plus the results of operators in the body, as Parse Server answers).
/// A class that does not exist is created only with the master key or when
/// `allowClientClassCreation` is on (119 otherwise, as Parse Server 9).
pub async fn create(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(class): Path<String>,
    JsonObject(mut body): JsonObject,
) -> ApiResult<impl IntoResponse> {
    // GHSA-5f92-jrq3-28rc: the join tables behind relations (`_Join:users:_Role`)
    // are no class a client may write.
    if class.starts_with("_Join:") {
        return Err(ParseError::permission_denied().into());
    }
    if class == SESSION_CLASS {
        return sessions::create_session(&state, &ctx, body);
    }
    sessions::guard_restricted(&class, &ctx)?;
    if !valid_class_name(&class) && class != ROLE_CLASS {
        return Err(ParseError::invalid_class_name(&class).into());
    }
    check_new_fields(&body)?;
    check_request_data(&body)?;
    if class == ROLE_CLASS {
        roles::check_new_role(&mut body)?;
    }
    if let Some(permissions) = ClassPermissions::of(&state, &ctx, &class) {
        permissions.check_new_fields(&body, true)?;
        permissions.check(Operation::Create)?;
    }
    let object_id = token::object_id();
    let now = clock::now();
    body.insert("objectId".into(), Value::String(object_id.clone()));
    body.insert("createdAt".into(), Value::String(now.clone()));
    body.insert("updatedAt".into(), Value::String(now.clone()));
    let may_create_class = ctx.is_master || state.config.allow_client_class_creation;
    let mut answer = state.store.insert_object(&class, body, may_create_class)?;
    answer.insert("objectId".into(), Value::String(object_id.clone()));
    answer.insert("createdAt".into(), Value::String(now));
    let location = format!("{}/classes/{class}/{object_id}", ctx.mount_url());
    Ok(created(location, Value::Object(answer)))
}

/// `GET /classes/:className/:objectId`: the object, if the class's `get`
/// permission and its ACL let the caller read it (101 otherwise, as for a
/// missing object), without the fields the class protects from the
/// caller, with its `include`, `keys` and `excludeKeys` applied (the
/// include paths within `requestComplexity`).
pub async fn get(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((class, object_id)): Path<(String, String)>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult<impl IntoResponse> {
    let projection = Projection::from_params(&params);
    let limits = &state.config.request_complexity;
    limits.check_include(ctx.is_master, &projection.include)?;
    if class == SESSION_CLASS {
        sessions::require_caller(&ctx)?;
    }
    let permissions = ClassPermissions::of(&state, &ctx, &class);
    let access = match &permissions {
        Some(p) => p.check(Operation::Get)?,
        None => Access::All,
    };
    let mut object = state
        .store
        .object(&class, &object_id)
        .ok_or_else(ParseError::object_not_found)?;
    let granted = permissions
        .as_ref()
        .is_none_or(|p| p.grants(&access, &object));
    let session_hidden = class == SESSION_CLASS && !sessions::may_read(&object, &ctx);
    if !granted || !can_read(object.get("ACL"), &ctx) || session_hidden {
        return Err(ParseError::object_not_found().into());
    }
    if let Some(p) = &permissions {
        p.hide_protected(&mut object);
    }
    let object = projection.apply(&state, &ctx, object)?;
    Ok(Json(object))
}

/// `PUT /classes/:className/:objectId`: changes the given fields, if the
/// class's `update` permission (and `addField`, for a new field) and the
/// object's ACL let the caller write it (119 for a refused permission, 101
/// for an object they leave out, as for a missing one). Answers
/// `{updatedAt}` and the results of operators (`{"score": 15,
/// "updatedAt": …}` after an `Increment`).
pub async fn update(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((class, object_id)): Path<(String, String)>,
    JsonObject(mut body): JsonObject,
) -> ApiResult<impl IntoResponse> {
    sessions::guard_restricted(&class, &ctx)?;
    if class == SESSION_CLASS {
        if ctx.session.is_none() && !ctx.is_master {
            return Err(ParseError::new(209, "Session token required.").into());
        }
        sessions::check_update(&ctx, &body)?;
    }
    check_new_fields(&body)?;
    check_request_data(&body)?;
    let permissions = ClassPermissions::of(&state, &ctx, &class);
    let accesses = match &permissions {
        Some(p) => vec![
            p.check_new_fields(&body, false)?,
            p.check(Operation::Update)?,
        ],
        None => Vec::new(),
    };
    if class == ROLE_CLASS {
        roles::check_role_update(&body)?;
    }
    let now = clock::now();
    body.insert("updatedAt".into(), Value::String(now.clone()));
    let mut answer = state.store.update_object(&class, &object_id, body, |o| {
        granted(permissions.as_ref(), &accesses, o)
            && can_write(o.field("ACL"), &ctx)
            && (class != SESSION_CLASS || sessions::may_write(o, &ctx))
    })?;
    answer.insert("updatedAt".into(), Value::String(now));
    Ok(Json(Value::Object(answer)))
}

/// `DELETE /classes/:className/:objectId`: deletes the object, if the
/// class's `delete` permission and the object's ACL let the caller write
/// it (119 for a refused permission, 101 for an object they leave out, and
/// for an object already deleted). Answers `{}`.
pub async fn delete(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((class, object_id)): Path<(String, String)>,
) -> ApiResult<impl IntoResponse> {
    sessions::guard_restricted(&class, &ctx)?;
    if class == SESSION_CLASS {
        sessions::require_caller(&ctx)?;
        state
            .store
            .delete_object(&class, &object_id, |o| sessions::may_write(o, &ctx))
            .map_err(|_| ParseError::object_not_found_with("Object not found for delete."))?;
        return Ok(Json(json!({})));
    }
    let permissions = ClassPermissions::of(&state, &ctx, &class);
    let accesses = match &permissions {
        Some(p) => vec![p.check(Operation::Delete)?],
        None => Vec::new(),
    };
    state.store.delete_object(&class, &object_id, |o| {
        granted(permissions.as_ref(), &accesses, o) && can_write(o.field("ACL"), &ctx)
    })?;
    Ok(Json(json!({})))
}

/// Whether every one of `accesses` lets the caller reach `object`.
fn granted(
    permissions: Option<&ClassPermissions>,
    accesses: &[Access],
    object: &dyn query::Document,
) -> bool {
    permissions.is_none_or(|p| accesses.iter().all(|a| p.grants(a, object)))
}

/// `GET /classes/:className`: the objects the caller may read that match
/// the query, as `{"results": [...]}` (plus `"count"` when asked). Objects
/// the ACL hides are left out without a word, in subqueries too. A class
/// that does not exist is 119 for a client, as Parse Server 9 answers by
/// default, and empty for the master key.
pub async fn find(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(class): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult<impl IntoResponse> {
    let query =
        query::parse::parse_within(&params, &state.config.request_complexity, ctx.is_master)?;
    let class = redirected_class(&state, class, &params);
    let source = StoreSource {
        state: &state,
        ctx: &ctx,
    };
    Ok(Json(source.answer(&class, query)?))
}

/// `redirectClassNameForKey=KEY`: when `KEY` is a Relation field of
/// `class`, the find runs over the class the relation holds (as Parse
/// Server's `RestQuery` does for the SDKs' relation queries), under that
/// class's own rules: a relation to `_Session` reaches only the caller's
/// sessions (GHSA-6r2j-cxgf-495f). Any other key leaves the class as is.
fn redirected_class(state: &AppState, class: String, params: &HashMap<String, String>) -> String {
    params
        .get("redirectClassNameForKey")
        .and_then(|key| state.store.class_fields(&class)?.get(key).cloned())
        .filter(|field| field.get("type").and_then(Value::as_str) == Some("Relation"))
        .and_then(|field| field.get("targetClass")?.as_str().map(str::to_owned))
        .unwrap_or(class)
}
