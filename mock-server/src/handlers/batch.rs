//! `POST /batch` (Parse REST guide, Objects, "Batch Operations"): several
//! creates, updates and deletes in one request.
//!
//! Each command (`method`, `path` with the mount path, `body`) runs, in
//! the order given, through the same route table and handlers as a request
//! of its own, with the batch's headers (so the caller's keys and session
//! decide what each may do): no business rule is written twice. The
//! answer holds, per command in order, `{"success": <its answer>}` or
//! `{"error": {"code", "error"}}`.
//!
//! The batch as a whole is refused, before any command runs, with 107
//! when `requests` is not an array, a path is not a string, a path is not
//! under the mount path (`cannot route batch path …`), a method is not
//! `GET`, `POST`, `PUT` or `DELETE` (`cannot route PATCH /classes/…`) or
//! a command is itself a batch, and when it holds more commands than
//! `requestComplexity.batchRequestLimit` allows a client; a command on a route that does not exist is
//! refused the same way (`cannot route POST /nothere`), as Parse Server does.

use axum::{
    body::{Body, to_bytes},
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, header},
};
use serde_json::{Map, Value, json};
use tower::ServiceExt as _;

use crate::{
    AppState,
    context::RequestContext,
    error::{ApiResult, ParseError},
    extract::JsonObject,
    json::Json,
    routes::{self, Unrouted},
};

/// One command of a batch, checked.
struct Command {
    method: Method,
    /// The path as sent, mount path included.
    path: String,
    /// The path under the mount path, as error messages show it.
    routable: String,
    body: Option<Value>,
}

/// `POST /batch`: runs every command and answers their results in order.
pub async fn batch(
    State(state): State<AppState>,
    ctx: RequestContext,
    headers: HeaderMap,
    JsonObject(body): JsonObject,
) -> ApiResult<Json<Value>> {
    if let Some(requests) = body.get("requests").and_then(Value::as_array) {
        let limits = &state.config.request_complexity;
        limits.check_batch(ctx.is_master, requests.len())?;
    }
    let commands = commands(&body, &state.config.mount_path)?;
    let router = routes::router(state.clone());
    let mut results = Vec::with_capacity(commands.len());
    for command in commands {
        let request = sub_request(&command, &headers)?;
        let response = router
            .clone()
            .oneshot(request)
            .await
            .map_err(ParseError::internal)?;
        if response.extensions().get::<Unrouted>().is_some() {
            return Err(cannot_route(&command.method, &command.routable).into());
        }
        let success = response.status().is_success();
        let bytes = to_bytes(response.into_body(), usize::MAX)
            .await
            .map_err(ParseError::internal)?;
        let answer: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        results.push(if success {
            json!({ "success": answer })
        } else {
            json!({ "error": answer })
        });
    }
    Ok(Json(Value::Array(results)))
}

/// The commands of a batch body, each checked before any runs.
fn commands(body: &Map<String, Value>, mount_path: &str) -> Result<Vec<Command>, ParseError> {
    let requests = body
        .get("requests")
        .and_then(Value::as_array)
        .ok_or_else(|| ParseError::new(107, "requests must be an array"))?;
    let prefix = mount_path.trim_end_matches('/');
    let mut commands = Vec::with_capacity(requests.len());
    for request in requests {
        let path = request
            .get("path")
            .and_then(Value::as_str)
            .ok_or_else(|| ParseError::new(107, "batch request path must be a string"))?;
        let routable = path
            .strip_prefix(prefix)
            .filter(|rest| rest.is_empty() || rest.starts_with('/'))
            .ok_or_else(|| ParseError::new(107, format!("cannot route batch path {path}")))?;
        let routable = format!("/{}", routable.trim_start_matches('/'));
        let method_name = request
            .get("method")
            .and_then(Value::as_str)
            .unwrap_or("GET")
            .to_ascii_uppercase();
        let method = match method_name.as_str() {
            "GET" => Method::GET,
            "POST" => Method::POST,
            "PUT" => Method::PUT,
            "DELETE" => Method::DELETE,
            _ => {
                return Err(ParseError::new(
                    107,
                    format!("cannot route {method_name} {routable}"),
                ));
            }
        };
        if routable.trim_end_matches('/') == "/batch" {
            return Err(ParseError::new(
                107,
                "nested batch requests are not allowed",
            ));
        }
        commands.push(Command {
            method,
            path: path.to_owned(),
            routable,
            body: request.get("body").cloned(),
        });
    }
    Ok(commands)
}

/// 107 `cannot route METHOD /path`, the path under the mount path.
fn cannot_route(method: &Method, routable: &str) -> ParseError {
    ParseError::new(107, format!("cannot route {method} {routable}"))
}

/// The request a command makes: its method, path and JSON body, with the
/// batch's own headers (keys, session token, host).
fn sub_request(command: &Command, headers: &HeaderMap) -> Result<Request, ParseError> {
    let body = match &command.body {
        Some(body) => Body::from(body.to_string()),
        None => Body::empty(),
    };
    let mut request = Request::builder()
        .method(command.method.clone())
        .uri(command.path.as_str())
        .body(body)
        .map_err(|_| cannot_route(&command.method, &command.routable))?;
    let sub_headers = request.headers_mut();
    for (name, value) in headers {
        if name != header::CONTENT_LENGTH && name != header::TRANSFER_ENCODING {
            sub_headers.append(name, value.clone());
        }
    }
    sub_headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Ok(request)
}
