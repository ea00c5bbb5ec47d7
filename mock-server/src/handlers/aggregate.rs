//! `GET /aggregate/:className`: distinct values and aggregate pipelines
//! (Parse REST guide, Queries, "Distinct Queries", "Aggregate Queries").
//! Master key only: any other caller gets HTTP 403
//! `{"error":"Permission denied"}`, as Parse Server answers.

use std::collections::HashMap;

use axum::{
    extract::{Path, Query, State},
    response::IntoResponse,
};
use serde_json::{Map, Value, json};

use super::source::StoreSource;
use crate::{
    AppState,
    context::RequestContext,
    error::{ApiResult, ParseError},
    json::Json,
    query::{aggregate, resolve::Source},
};

/// `distinct=field` answers `{"results": [values…]}`; otherwise the stages
/// (`pipeline`, or `group`, `match`, … as parameters) answer
/// `{"results": [objects…]}`. `where` selects the objects first.
pub async fn aggregate(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(class): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult<impl IntoResponse> {
    ctx.require_master()?;
    let constraints = match params.get("where") {
        None => Map::new(),
        Some(text) => match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(map)) => map,
            _ => return Err(ParseError::new(107, "where parameter is not valid JSON").into()),
        },
    };
    let source = StoreSource {
        state: &state,
        ctx: &ctx,
    };
    // Validated, subqueries resolved and ACLs applied as in any find.
    let objects = source.find(&class, &constraints)?;
    if let Some(field) = params.get("distinct") {
        return Ok(Json(
            json!({"results": aggregate::distinct(&objects, field)}),
        ));
    }
    let stages = aggregate::stages(&params)?;
    let results = aggregate::run(objects, &stages)?;
    Ok(Json(json!({"results": results})))
}
