//! `GET /health` and `GET /serverInfo`.

use axum::response::IntoResponse;
use serde_json::json;

use crate::{context::RequestContext, error::ApiResult, json::Json};

/// `GET /health`: `{"status":"ok"}`, no keys needed.
pub async fn health() -> impl IntoResponse {
    Json(json!({"status": "ok"}))
}

/// `GET /serverInfo` (master key): the server's name and version.
pub async fn server_info(ctx: RequestContext) -> ApiResult<impl IntoResponse> {
    ctx.require_master()?;
    Ok(Json(json!({
        "parseServerVersion": concat!("parse-mock-server ", env!("CARGO_PKG_VERSION")),
        "features": {},
    })))
}
