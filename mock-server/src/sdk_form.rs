//! The JavaScript SDK's request form, turned into the header form before
//! routing, so that no handler knows which form a request came in.
//!
//! A page cannot send custom headers to another site without a CORS
//! preflight, so the Parse JavaScript SDK sends every request as a `POST`
//! whose `text/plain` body is JSON carrying the keys and the method beside
//! the request's own fields. Parse Server reads it in two middlewares
//! (`allowMethodOverride`, then `handleParseHeaders`); this layer does the
//! same, once:
//!
//! - **`_method`** on a `POST` becomes the request's method (any case);
//!   one that is not a string is dropped and the request stays a `POST`.
//!   The fields of a `GET` or `DELETE` made so move to the query string
//!   (values that are not strings as JSON), where the query's own win, as
//!   Parse Server merges body and query.
//! - When neither `X-Parse-Application-Id` nor HTTP Basic credentials name
//!   this app, the body must: `_ApplicationId` equal to the app id, and no
//!   `X-Parse-Master-Key` header or the right one. Else 403 unauthorized.
//!   Beside that right header, `_MasterKey` is dropped: the header's
//!   master rights stand.
//!   Then `_JavaScriptKey` (absent: none), `_MasterKey`, `_SessionToken`
//!   and `_InstallationId` become their headers, `_ContentType` the
//!   `Content-Type`, and `_ClientVersion` and `_RevocableSession` are
//!   dropped. `_MasterKey`, `_SessionToken`, `_InstallationId` or
//!   `_ContentType` that is not a string: 403; one that is `null`, `false`,
//!   `0` or `""` is left in the body, where it is an invalid field name. `_context` must be a JSON
//!   object, or a string holding one: else 107 `Invalid object for
//!   context.`
//! - A file upload in this form (`POST /files/<name>` without the header)
//!   is JSON whose `base64` holds the file's bytes.
//! - `_noBody` (sent by the Unity SDK) is always dropped.
//!
//! A request already in the header form passes untouched; a `POST` body is
//! read once here (up to `maxUploadSize`) and handed on as it came.

use std::{
    convert::Infallible,
    pin::Pin,
    sync::Arc,
    task::{Context, Poll},
};

use axum::{
    body::{Body, Bytes},
    extract::Request,
    http::{HeaderMap, HeaderName, HeaderValue, Method, Uri, header, request::Parts},
    response::{IntoResponse, Response},
};
use base64::Engine as _;
use futures_util::future::Either;
use serde_json::{Map, Value};
use tower::Service;

use crate::{
    config::Config,
    context::{key_matches, names, names_app},
    error::{ApiError, ParseError},
    extract::read_body,
};

/// The body fields that carry a header, and the header each becomes.
const KEY_FIELDS: [(&str, HeaderName); 3] = [
    ("_MasterKey", names::MASTER_KEY),
    ("_SessionToken", names::SESSION_TOKEN),
    ("_InstallationId", names::INSTALLATION_ID),
];

/// The service that rewrites a request in the SDK's form into the header
/// form before `inner` sees it, or refuses it. A request that cannot be in
/// that form goes straight on, without a future of its own.
#[derive(Clone, Debug)]
pub struct Normalize<S> {
    inner: S,
    config: Arc<Config>,
}

impl<S> Normalize<S> {
    /// `inner`, reached through the rewriting.
    pub fn new(config: Arc<Config>, inner: S) -> Normalize<S> {
        Normalize { inner, config }
    }
}

/// An answer to a request that needed its body read first.
type Rewritten = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

impl<S> Service<Request> for Normalize<S>
where
    S: Service<Request, Response = Response, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Either<S::Future, Rewritten>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let form = Form::of(&request, &self.config);
        if form.is_header_form() {
            return Either::Left(self.inner.call(request));
        }
        // The ready service answers; a clone takes its place.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let config = self.config.clone();
        Either::Right(Box::pin(async move {
            match rewrite(&config, form, request).await {
                Ok(request) => inner.call(request).await,
                Err(error) => Ok(error.into_response()),
            }
        }))
    }
}

/// What the headers, method and path say of a request's form.
#[derive(Clone, Copy, Debug)]
struct Form {
    /// The headers name this app ([`names_app`]).
    names_app: bool,
    /// It is a file upload.
    is_file: bool,
    /// It is a `POST` whose body may carry `_method`.
    overridable: bool,
}

impl Form {
    fn of(request: &Request, config: &Config) -> Form {
        let is_file = is_file_route(request.uri(), config);
        Form {
            names_app: names_app(request.headers(), config),
            is_file,
            overridable: request.method() == Method::POST && !is_file,
        }
    }

    /// The request is in the header form whatever its body holds.
    fn is_header_form(self) -> bool {
        self.names_app && !self.overridable
    }
}

async fn rewrite(config: &Config, form: Form, request: Request) -> Result<Request, ApiError> {
    let Form {
        names_app,
        is_file,
        overridable,
    } = form;
    let (parts, body) = request.into_parts();
    let bytes = read_body(body, config.max_upload_size).await?;
    // Most requests are in the header form: leave them alone. Those that
    // name no app and are not in the SDK's form are refused later, by the
    // request context, or served by routes that need no app id.
    let marker: &[u8] = if names_app {
        b"\"_method\""
    } else {
        b"\"_ApplicationId\""
    };
    let fields = match contains(&bytes, marker).then(|| serde_json::from_slice::<Value>(&bytes)) {
        Some(Ok(Value::Object(fields))) => fields,
        _ => return Ok(Request::from_parts(parts, Body::from(bytes))),
    };
    let mut form = SdkForm { parts, fields };
    form.fields.remove("_noBody");
    if overridable {
        form.override_method();
    }
    if !names_app {
        form.take_keys(config)?;
    }
    form.into_request(is_file)
}

/// A request whose body is a JSON object, being rewritten.
struct SdkForm {
    parts: Parts,
    fields: Map<String, Value>,
}

impl SdkForm {
    /// `_method`: Parse Server's `allowMethodOverride`.
    fn override_method(&mut self) {
        if let Some(Value::String(method)) = self.fields.remove("_method")
            && let Ok(method) = Method::from_bytes(method.to_uppercase().as_bytes())
        {
            self.parts.method = method;
        }
    }

    /// The keys in the body, when no header names the app.
    fn take_keys(&mut self, config: &Config) -> Result<(), ApiError> {
        let app_id = self.fields.remove("_ApplicationId");
        let app_named =
            matches!(&app_id, Some(Value::String(id)) if key_matches(id, &config.app_id));
        let master_header_ok = self
            .parts
            .headers
            .get(&names::MASTER_KEY)
            .and_then(|v| v.to_str().ok())
            .is_none_or(|key| key_matches(key, &config.master_key));
        if !app_named || !master_header_ok {
            return Err(ApiError::Unauthorized);
        }
        let headers = &mut self.parts.headers;
        set_header(headers, names::APPLICATION_ID, &config.app_id)?;
        match self.fields.remove("_JavaScriptKey") {
            Some(Value::String(key)) => set_header(headers, names::JAVASCRIPT_KEY, &key)?,
            _ => {
                headers.remove(&names::JAVASCRIPT_KEY);
            }
        }
        for (field, name) in KEY_FIELDS {
            if let Some(value) = self.take_truthy(field) {
                let value = string(&value)?;
                // A master key header here is the right one (checked
                // above), which gives master rights before the body is read
                // (Parse Server's `handleParseAuth`): `_MasterKey` cannot
                // take them away.
                if name != names::MASTER_KEY || !self.parts.headers.contains_key(&name) {
                    set_header(&mut self.parts.headers, name, value)?;
                }
            }
        }
        if let Some(value) = self.take_truthy("_ContentType") {
            set_header(
                &mut self.parts.headers,
                header::CONTENT_TYPE,
                string(&value)?,
            )?;
        }
        if let Some(context) = self.take_truthy("_context") {
            check_context(&context)?;
        }
        self.fields.remove("_ClientVersion");
        self.fields.remove("_RevocableSession");
        Ok(())
    }

    /// Takes a key field out of the body when JavaScript would take it as
    /// true; one that is `null`, `false`, `0` or `""` stays in the body as
    /// a field of the request, as Parse Server leaves it (and refuses it
    /// there as an invalid field name).
    fn take_truthy(&mut self, field: &str) -> Option<Value> {
        if self.fields.get(field).is_some_and(is_truthy) {
            self.fields.remove(field)
        } else {
            None
        }
    }

    /// The rewritten request: the fields as its body, or in its query
    /// string for a `GET` or `DELETE`, or decoded from `base64` for a file.
    fn into_request(mut self, is_file: bool) -> Result<Request, ApiError> {
        if is_file {
            let bytes = match self.fields.get("base64") {
                Some(Value::String(data)) => base64::engine::general_purpose::STANDARD
                    .decode(data)
                    .map_err(|_| ApiError::Unauthorized)?,
                _ => return Err(ApiError::Unauthorized),
            };
            return Ok(Request::from_parts(self.parts, Body::from(bytes)));
        }
        if matches!(self.parts.method, Method::GET | Method::DELETE) {
            self.parts.uri = with_query(&self.parts.uri, &self.fields)?;
            self.parts.headers.remove(header::CONTENT_LENGTH);
            return Ok(Request::from_parts(self.parts, Body::empty()));
        }
        let body = serde_json::to_vec(&Value::Object(self.fields)).map_err(ParseError::internal)?;
        self.parts.headers.remove(header::CONTENT_LENGTH);
        Ok(Request::from_parts(
            self.parts,
            Body::from(Bytes::from(body)),
        ))
    }
}

/// `POST <mount>/files/…`: uploads, whose bodies are the file's bytes.
fn is_file_route(uri: &Uri, config: &Config) -> bool {
    let mount = config.mount_path.trim_end_matches('/');
    uri.path()
        .strip_prefix(mount)
        .is_some_and(|rest| rest.starts_with("/files"))
}

/// Whether JavaScript would take the value as true.
fn is_truthy(value: &Value) -> bool {
    match value {
        Value::Null | Value::Bool(false) => false,
        Value::String(s) => !s.is_empty(),
        Value::Number(n) => n.as_f64() != Some(0.0),
        _ => true,
    }
}

/// The text of a key field; any other type is refused as Parse Server
/// refuses it.
fn string(value: &Value) -> Result<&str, ApiError> {
    value.as_str().ok_or(ApiError::Unauthorized)
}

fn set_header(headers: &mut HeaderMap, name: HeaderName, value: &str) -> Result<(), ApiError> {
    let value = HeaderValue::from_str(value).map_err(|_| ApiError::Unauthorized)?;
    headers.insert(name, value);
    Ok(())
}

/// `_context` (and the header `X-Parse-Cloud-Context`): a JSON object, or
/// a string that holds one.
pub fn check_context(context: &Value) -> Result<(), ParseError> {
    let is_object = match context {
        Value::Object(_) => true,
        Value::String(text) => matches!(serde_json::from_str(text), Ok(Value::Object(_))),
        _ => false,
    };
    if is_object {
        Ok(())
    } else {
        Err(ParseError::new(107, "Invalid object for context."))
    }
}

/// `uri` with `fields` added to its query string, except those the query
/// already has.
fn with_query(uri: &Uri, fields: &Map<String, Value>) -> Result<Uri, ApiError> {
    let query = uri.query().unwrap_or("");
    let present: Vec<String> = form_urlencoded::parse(query.as_bytes())
        .map(|(name, _)| name.into_owned())
        .collect();
    let mut encoded = form_urlencoded::Serializer::for_suffix(query.to_owned(), 0);
    for (name, value) in fields {
        if present.iter().any(|p| p == name) {
            continue;
        }
        match value {
            Value::String(text) => encoded.append_pair(name, text),
            other => encoded.append_pair(name, &other.to_string()),
        };
    }
    let query = encoded.finish();
    let path_and_query = if query.is_empty() {
        uri.path().to_owned()
    } else {
        format!("{}?{query}", uri.path())
    };
    let mut parts = uri.clone().into_parts();
    parts.path_and_query = Some(path_and_query.parse().map_err(ParseError::internal)?);
    Uri::from_parts(parts).map_err(|e| ParseError::internal(e).into())
}

/// Whether `needle` occurs in `haystack`.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
