//! `/config` (Parse REST guide, Config): every client reads the app's
//! parameters; only the master key changes them.
//!
//! - `GET /config` answers `{"params": {…}, "masterKeyOnly": {…}}`
//!   (`{"params": {}}` before any parameter was set). A parameter flagged
//!   master-key-only is left out, name and flag, unless the master key asks.
//! - `PUT /config` with `{"params": {…}, "masterKeyOnly": {…}}` sets the
//!   given parameters and leaves the others: `{"__op": "Delete"}` removes
//!   one; each parameter named takes the flag given for it (`false` when
//!   none is, so an update that does not restate the flag makes the
//!   parameter public again, as in Parse Server). Answers `{"result": true}`.
//!   Without the master key: HTTP 403 `{"error": "Permission denied"}`.

use axum::{extract::State, response::IntoResponse};
use serde_json::{Map, Value, json};

use super::check_prohibited_keywords;
use crate::{AppState, context::RequestContext, error::ApiResult, extract::JsonObject, json::Json};

/// `GET /config`: the parameters the caller may read.
pub async fn get(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> ApiResult<impl IntoResponse> {
    let Some(mut config) = state.store.global_config() else {
        return Ok(Json(json!({"params": {}})));
    };
    if !ctx.is_master {
        let hidden: Vec<String> = config
            .master_key_only
            .iter()
            .filter(|(_, flag)| truthy(flag))
            .map(|(name, _)| name.clone())
            .collect();
        for name in hidden {
            config.params.remove(&name);
            config.master_key_only.remove(&name);
        }
    }
    Ok(Json(json!({
        "params": config.params,
        "masterKeyOnly": config.master_key_only,
    })))
}

/// `PUT /config` (master key): sets the given parameters.
pub async fn update(
    State(state): State<AppState>,
    ctx: RequestContext,
    JsonObject(body): JsonObject,
) -> ApiResult<impl IntoResponse> {
    ctx.require_master()?;
    check_prohibited_keywords(&body)?;
    let object = |name: &str| {
        body.get(name)
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default()
    };
    let params: Map<String, Value> = object("params");
    let flags = object("masterKeyOnly");
    state.store.update_global_config(&params, &flags);
    Ok(Json(json!({"result": true})))
}

/// A flag's truth as JavaScript reads it: `false`, `null`, `0`, `""` are
/// false; every other value is true.
fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0 && !f.is_nan()),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::truthy;

    #[test]
    fn flags_are_read_as_javascript_reads_them() {
        for value in [json!(true), json!(1), json!("yes"), json!({}), json!([])] {
            assert!(truthy(&value), "{value}");
        }
        for value in [json!(false), json!(0), json!(""), json!(null)] {
            assert!(!truthy(&value), "{value}");
        }
    }
}
