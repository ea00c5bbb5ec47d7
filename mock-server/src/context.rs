//! The request context: who is asking, resolved once per request from the
//! headers before any handler runs.
//!
//! - HTTP Basic credentials whose user is the app id name this app, even
//!   beside a wrong `X-Parse-Application-Id`; else that header must name
//!   it (else 403 unauthorized). The Basic password is the master key, or
//!   `javascript-key=<key>` for the JavaScript key (which then replaces
//!   `X-Parse-Javascript-Key`). (A request in the JavaScript SDK's body form
//!   reaches this point already rewritten into headers: [`crate::sdk_form`].)
//! - When client keys are configured, a non-master request must carry one
//!   (`X-Parse-REST-API-Key`, `X-Parse-Client-Key`, `X-Parse-Javascript-Key`,
//!   `X-Parse-Windows-Key`), else 403 unauthorized.
//! - `X-Parse-Master-Key` or the Basic password equal to the master key
//!   gives master access; a wrong one is ignored, as Parse Server does.
//! - `X-Parse-Cloud-Context`, when sent, must hold a JSON object (else 107
//!   `Invalid object for context.`), checked before anything else.
//! - `X-Parse-Session-Token` is resolved to its session (209 when unknown);
//!   it is ignored on `/login`. A token past its `expiresAt` is 209
//!   `Session token is expired.` With master access an unknown or expired
//!   token is ignored.
//!
//! Every key comparison takes constant time.

use std::{collections::BTreeSet, sync::OnceLock};

use axum::{
    extract::FromRequestParts,
    http::{self, HeaderMap, HeaderName, HeaderValue, request::Parts},
};
use base64::Engine as _;
use subtle::ConstantTimeEq;

use crate::{
    AppState, Config,
    error::{ApiError, ParseError},
    store::{Session, TokenState},
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
    /// The caller's role names, once [`RequestContext::role_names`] has
    /// computed them.
    pub role_cache: OnceLock<BTreeSet<String>>,
    /// The server: its roles, asked by [`RequestContext::role_names`], and
    /// its configuration, for the URLs below. (One handle: every shared
    /// counter a request touches is a cache line both cores fight over.)
    server: AppState,
    /// `Host`, as sent.
    host: Option<HeaderValue>,
    /// [`RequestContext::mount_url`], once asked.
    mount_url: OnceLock<String>,
    /// [`RequestContext::files_url`], once asked.
    files_url: OnceLock<String>,
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

    /// Whether the caller's session is a restricted one (made by
    /// `POST /sessions`).
    pub fn is_restricted(&self) -> bool {
        self.session.as_ref().is_some_and(|s| s.restricted)
    }

    /// Refuses a write to users, sessions or roles from a restricted
    /// session (Parse REST guide, Sessions, "Session Security"): 119. The
    /// master key is never restricted.
    pub fn refuse_restricted(&self) -> Result<(), ParseError> {
        if self.is_restricted() && !self.is_master {
            Err(ParseError::new(
                119,
                "A restricted session cannot change users, sessions or roles.",
            ))
        } else {
            Ok(())
        }
    }

    /// The objectId of the user making the request, if any.
    pub fn user_id(&self) -> Option<&str> {
        self.session.as_ref().map(|s| s.user_id.as_str())
    }

    /// The names (without `role:`) of every role the caller has: the
    /// roles whose `users` relation holds the caller's user, and every role
    /// that contains one of those in its `roles` relation, at any depth
    /// (Parse REST guide, Roles, "Role Hierarchy"). Empty for an anonymous
    /// request and for the master key, as Parse Server's `getUserRoles`.
    ///
    /// Computed on the first call only, so a request that never meets a
    /// `role:` entry never pays for it; it takes the roles' own lock, never
    /// the store's, so it may be called while the store's lock is held
    /// (inside a find's filter).
    pub fn role_names(&self) -> &BTreeSet<String> {
        self.role_cache.get_or_init(|| match self.user_id() {
            Some(user_id) if !self.is_master => self.server.store.roles().names_for_user(user_id),
            _ => BTreeSet::new(),
        })
    }

    /// The URL the API is mounted at, as the client reached it (its
    /// `Host`, unless `publicServerURL` is set); used for `Location`
    /// headers. Built on the first call only.
    pub fn mount_url(&self) -> &str {
        self.mount_url.get_or_init(|| {
            let host = self.host.as_ref().and_then(|h| h.to_str().ok());
            let config = &self.server.config;
            match (&config.public_server_url, host) {
                (Some(url), _) => url.trim_end_matches('/').to_owned(),
                (None, Some(host)) if !host.is_empty() => {
                    format!("http://{host}{}", config.mount_path)
                }
                (None, _) => config.server_url(),
            }
        })
    }

    /// The URL uploaded files are served under: `<mount URL>/files/<appId>`.
    pub fn files_url(&self) -> &str {
        self.files_url
            .get_or_init(|| format!("{}/files/{}", self.mount_url(), self.server.config.app_id))
    }

    /// Whether the caller has the role `name` (see [`Self::role_names`]).
    pub fn has_role(&self, name: &str) -> bool {
        self.role_names().contains(name)
    }
}

/// Constant-time equality of a presented key and the configured one.
pub fn key_matches(presented: &str, configured: &str) -> bool {
    presented.as_bytes().ct_eq(configured.as_bytes()).into()
}

/// The Parse headers, as names parsed once: a lookup by a `&str` parses
/// the name again each time, a measured cost on the fastest routes.
pub mod names {
    use axum::http::HeaderName;

    /// `X-Parse-Application-Id`.
    pub const APPLICATION_ID: HeaderName = HeaderName::from_static("x-parse-application-id");
    /// `X-Parse-Master-Key`.
    pub const MASTER_KEY: HeaderName = HeaderName::from_static("x-parse-master-key");
    /// `X-Parse-REST-API-Key`.
    pub const REST_API_KEY: HeaderName = HeaderName::from_static("x-parse-rest-api-key");
    /// `X-Parse-Client-Key`.
    pub const CLIENT_KEY: HeaderName = HeaderName::from_static("x-parse-client-key");
    /// `X-Parse-Javascript-Key`.
    pub const JAVASCRIPT_KEY: HeaderName = HeaderName::from_static("x-parse-javascript-key");
    /// `X-Parse-Windows-Key`.
    pub const WINDOWS_KEY: HeaderName = HeaderName::from_static("x-parse-windows-key");
    /// `X-Parse-Session-Token`.
    pub const SESSION_TOKEN: HeaderName = HeaderName::from_static("x-parse-session-token");
    /// `X-Parse-Installation-Id`.
    pub const INSTALLATION_ID: HeaderName = HeaderName::from_static("x-parse-installation-id");
    /// `X-Parse-Cloud-Context`.
    pub const CLOUD_CONTEXT: HeaderName = HeaderName::from_static("x-parse-cloud-context");
}

fn header<'a>(headers: &'a HeaderMap, name: &HeaderName) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
}

/// Whether the headers name this app: HTTP Basic credentials whose user is
/// the app id (whatever `X-Parse-Application-Id` says), or that header.
/// [`crate::sdk_form`] reads the SDK's body form only when they do not.
pub fn names_app(headers: &HeaderMap, config: &Config) -> bool {
    app_basic_auth(headers, config).is_some() || app_id_header_names_app(headers, config)
}

/// Whether `X-Parse-Application-Id` is this app's id.
fn app_id_header_names_app(headers: &HeaderMap, config: &Config) -> bool {
    header(headers, &names::APPLICATION_ID).is_some_and(|id| key_matches(id, &config.app_id))
}

/// HTTP Basic credentials whose user is this app's id: credentials for
/// another user count for nothing.
fn app_basic_auth(headers: &HeaderMap, config: &Config) -> Option<(String, String)> {
    basic_auth(headers).filter(|(id, _)| key_matches(id, &config.app_id))
}

/// `Authorization: Basic base64(user:password)`, the scheme's name in any
/// case (RFC 7235; Parse Server's `httpAuth` compares it lowercased).
fn basic_auth(headers: &HeaderMap) -> Option<(String, String)> {
    let value = header(headers, &http::header::AUTHORIZATION)?;
    let encoded = value
        .get(..6)
        .filter(|scheme| scheme.eq_ignore_ascii_case("basic "))
        .and_then(|_| value.get(6..))?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    // Exactly one colon, as Parse Server's `httpAuth` reads them: with
    // more, the credentials are not read at all.
    let (user, password) = text.split_once(':').filter(|(_, p)| !p.contains(':'))?;
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
        // Checked first, as Parse Server does: values for Cloud Code
        // triggers, a JSON object.
        if let Some(context) = header(headers, &names::CLOUD_CONTEXT) {
            let context = serde_json::Value::String(context.to_owned());
            crate::sdk_form::check_context(&context)?;
        }
        // As `names_app`, reading the Basic credentials once.
        let basic = app_basic_auth(headers, config);
        let app_id_ok = basic.is_some() || app_id_header_names_app(headers, config);
        if !app_id_ok {
            return Err(ApiError::Unauthorized);
        }
        // A right master key in its header gives master rights whatever
        // else is sent, as Parse Server's `handleParseAuth` resolves it
        // first; so does one in Basic credentials.
        let master_by_header =
            header(headers, &names::MASTER_KEY).is_some_and(|k| key_matches(k, &config.master_key));
        // Basic credentials for this app: `javascript-key=<key>`, or the
        // master key.
        let (basic_javascript_key, basic_master_key) = match &basic {
            Some((_, password)) => match password.strip_prefix("javascript-key=") {
                Some(key) => (Some(key), None),
                None => (None, Some(password.as_str())),
            },
            None => (None, None),
        };
        let master_by_basic =
            basic_master_key.is_some_and(|pw| key_matches(pw, &config.master_key));
        let is_master = master_by_header || master_by_basic;

        if !is_master {
            let javascript_key = basic_javascript_key.or(header(headers, &names::JAVASCRIPT_KEY));
            let client_keys = [
                (header(headers, &names::REST_API_KEY), &config.rest_api_key),
                (header(headers, &names::CLIENT_KEY), &config.client_key),
                (javascript_key, &config.javascript_key),
                (header(headers, &names::WINDOWS_KEY), &config.dot_net_key),
            ];
            let any_configured = client_keys.iter().any(|(_, key)| key.is_some());
            let one_matches = client_keys
                .iter()
                .any(|(presented, key)| match (presented, key) {
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
        let session_token = header(headers, &names::SESSION_TOKEN).map(str::to_owned);
        // With master rights Parse Server never resolves the token: an
        // unknown or expired one is ignored.
        let session = match session_token.as_deref() {
            Some(token) if resolve_token => match state.store.token_state(token) {
                TokenState::Live(session) => Some(session),
                _ if is_master => None,
                TokenState::Expired => return Err(ParseError::session_expired().into()),
                TokenState::Unknown => return Err(ParseError::invalid_session_token().into()),
            },
            _ => None,
        };
        Ok(RequestContext {
            is_master,
            session,
            session_token,
            installation_id: header(headers, &names::INSTALLATION_ID).map(str::to_owned),
            role_cache: OnceLock::new(),
            server: state.clone(),
            host: headers.get(http::header::HOST).cloned(),
            mount_url: OnceLock::new(),
            files_url: OnceLock::new(),
        })
    }
}
