//! The request context: who is asking, resolved once per request from the
//! headers before any handler runs.
//!
//! - `X-Parse-Application-Id` must name this app (else 403 unauthorized);
//!   HTTP Basic auth `appId:masterKey` is accepted in its place.
//! - When client keys are configured, a non-master request must carry one
//!   (`X-Parse-REST-API-Key`, `X-Parse-Client-Key`, `X-Parse-Javascript-Key`,
//!   `X-Parse-Windows-Key`), else 403 unauthorized.
//! - `X-Parse-Master-Key` equal to the master key gives master access; a
//!   wrong one is ignored, as Parse Server does.
//! - `X-Parse-Session-Token` is resolved to its session (209 when unknown);
//!   it is ignored on `/login`.
//!
//! Every key comparison takes constant time.

use axum::{
    extract::FromRequestParts,
    http::{HeaderMap, request::Parts},
};
use base64::Engine as _;
use subtle::ConstantTimeEq;

use crate::{
    AppState,
    error::{ApiError, ParseError},
    store::Session,
};

/// Who is asking, and with what rights.
#[derive(Clone, Debug)]
pub struct RequestContext {
    /// The request carries the master key: ACLs do not apply.
    pub is_master: bool,
    /// The session of `X-Parse-Session-Token`, when one was sent.
    pub session: Option<Session>,
    /// `X-Parse-Session-Token` as sent (empty counts as not sent).
    pub session_token: Option<String>,
    /// `X-Parse-Installation-Id`.
    pub installation_id: Option<String>,
    /// The URL the API is mounted at, as the client reached it; used for
    /// `Location` headers.
    pub mount_url: String,
    /// The URL uploaded files are served under: `<mount URL>/files/<appId>`.
    pub files_url: String,
}

impl RequestContext {
    /// Refuses a request without the master key, as master-only routes do:
    /// HTTP 403 `{"error":"Permission denied"}`.
    pub fn require_master(&self) -> Result<(), ApiError> {
        if self.is_master {
            Ok(())
        } else {
            Err(ApiError::master_key_required())
        }
    }

    /// The objectId of the user making the request, if any.
    pub fn user_id(&self) -> Option<&str> {
        self.session.as_ref().map(|s| s.user_id.as_str())
    }
}

/// Constant-time equality of a presented key and the configured one.
pub fn key_matches(presented: &str, configured: &str) -> bool {
    presented.as_bytes().ct_eq(configured.as_bytes()).into()
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
}

/// `Authorization: Basic base64(user:password)`.
fn basic_auth(headers: &HeaderMap) -> Option<(String, String)> {
    let encoded = header(headers, "authorization")?.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (user, password) = text.split_once(':')?;
    Some((user.to_owned(), password.to_owned()))
}

impl FromRequestParts<AppState> for RequestContext {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let config = &state.config;
        let headers = &parts.headers;
        let basic = basic_auth(headers);
        let app_id_ok = match header(headers, "x-parse-application-id") {
            Some(id) => key_matches(id, &config.app_id),
            None => basic
                .as_ref()
                .is_some_and(|(id, _)| key_matches(id, &config.app_id)),
        };
        if !app_id_ok {
            return Err(ApiError::Unauthorized);
        }
        let master_by_header = header(headers, "x-parse-master-key")
            .is_some_and(|k| key_matches(k, &config.master_key));
        let master_by_basic = basic.as_ref().is_some_and(|(id, pw)| {
            key_matches(id, &config.app_id) && key_matches(pw, &config.master_key)
        });
        let is_master = master_by_header || master_by_basic;

        if !is_master {
            let client_keys = [
                ("x-parse-rest-api-key", &config.rest_api_key),
                ("x-parse-client-key", &config.client_key),
                ("x-parse-javascript-key", &config.javascript_key),
                ("x-parse-windows-key", &config.dot_net_key),
            ];
            let any_configured = client_keys.iter().any(|(_, key)| key.is_some());
            let one_matches =
                client_keys
                    .iter()
                    .any(|(name, key)| match (header(headers, name), key) {
                        (Some(presented), Some(key)) => key_matches(presented, key),
                        _ => false,
                    });
            if any_configured && !one_matches {
                return Err(ApiError::Unauthorized);
            }
        }

        // /login ignores the token; /sessions/me looks it up itself.
        let path = parts.uri.path().trim_end_matches('/');
        let resolve_token = !(path.ends_with("/login") || path.ends_with("/sessions/me"));
        let session_token = header(headers, "x-parse-session-token").map(str::to_owned);
        let session = match session_token.as_deref() {
            Some(token) if resolve_token => Some(
                state
                    .store
                    .session(token)
                    .ok_or_else(ParseError::invalid_session_token)?,
            ),
            _ => None,
        };
        let mount_url = match (&config.public_server_url, header(headers, "host")) {
            (Some(url), _) => url.trim_end_matches('/').to_owned(),
            (None, Some(host)) => format!("http://{host}{}", config.mount_path),
            (None, None) => config.server_url(),
        };
        let files_url = format!("{mount_url}/files/{}", config.app_id);
        Ok(RequestContext {
            files_url,
            is_master,
            session,
            session_token,
            installation_id: header(headers, "x-parse-installation-id").map(str::to_owned),
            mount_url,
        })
    }
}
