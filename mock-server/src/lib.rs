//! `parse-mock-server`: an in-memory reference server for the Parse REST API.
//!
//! It is the server the `parse-conformance` suite is written against: small,
//! fast, and passing every scenario. It keeps everything in memory, hashes
//! passwords with real bcrypt, makes session tokens from a CSPRNG, answers
//! CORS like Parse Server, and is configured like Parse Server.
//!
//! # Layout
//! A request goes down these layers, each in its own module:
//! - [`routes`]: the route table, under the mount path; unknown routes.
//! - [`cors`]: preflights and the CORS headers of every response.
//! - [`sdk_form`]: the JavaScript SDK's body form (keys and `_method` in a
//!   `text/plain` JSON body), rewritten into the header form before routing.
//! - [`context`]: who is asking (application id, client key, master key,
//!   session token), resolved before any handler runs.
//! - [`handlers`]: one module per resource (users, login, objects, roles,
//!   schemas, config, files, health); they never format HTTP by hand.
//! - [`store`]: the in-memory state behind one lock; it applies
//!   [`operations`] (`Increment`, `Add`, …) and [`schema_types`] (a field
//!   keeps its first type) under that lock.
//! - [`class_permissions`]: class-level permissions, as pure rules.
//! - [`query`]: `where`, `order`, `skip`, `limit`, `keys`, `count` over JSON objects.
//! - [`error`]: every error as a [`error::ParseError`] that renders itself,
//!   through [`json::Json`], the writer of every JSON answer.
//! - [`request_complexity`]: Parse Server's `requestComplexity` limits on
//!   clients' queries, includes and batches; [`path_params`]: route
//!   parameters that do not percent-decode, refused as Express does.
//!
//! Helpers: [`auth`] (linked-account providers), [`config`] (parse-server's options), [`account_lockout`] (its `accountLockout`), [`extract`] (JSON bodies), [`mail`] (SMTP),
//! [`password`] (bcrypt), [`token`] (random ids), [`clock`] (timestamps).
//!
//! The binary and the conformance runner start it the same way, through
//! [`serve`]; tests call [`app`] directly.

pub mod account_lockout;
pub mod auth;
pub mod class_permissions;
pub mod clock;
pub mod config;
pub mod context;
pub mod cors;
pub mod error;
pub mod extract;
pub mod handlers;
pub mod json;
pub mod mail;
pub mod operations;
pub mod password;
pub mod path_params;
pub mod query;
pub mod request_complexity;
pub mod routes;
pub mod schema_types;
pub mod sdk_form;
pub mod store;
pub mod token;

use std::{future::Future, sync::Arc};

pub use config::{AccountLockout, Config, ConfigError, RequestComplexity};
pub use routes::App;
use tokio::net::TcpListener;

/// What every handler shares: the configuration, the store and the
/// mailer, behind one `Arc`, since every layer of a request clones it.
#[derive(Clone, Debug)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// The parts of [`AppState`].
#[derive(Debug)]
pub struct Shared {
    /// The configuration.
    pub config: Arc<Config>,
    /// The in-memory state.
    pub store: store::Store,
    /// Sends mail, when an email adapter is configured.
    pub mailer: Option<mail::Mailer>,
    /// The route table ([`routes::table`]), once built.
    pub routes: std::sync::OnceLock<axum::Router<AppState>>,
}

/// The whole application, with a fresh empty store.
pub fn app(config: Config) -> App {
    let mailer = config.email_adapter.clone().map(mail::Mailer::new);
    routes::router(AppState(Arc::new(Shared {
        config: Arc::new(config),
        store: store::Store::new(),
        mailer,
        routes: std::sync::OnceLock::new(),
    })))
}

/// Serves the application on `listener` until `shutdown` completes.
pub async fn serve(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, axum::ServiceExt::into_make_service(app(config)))
        .with_graceful_shutdown(shutdown)
        .await
}
