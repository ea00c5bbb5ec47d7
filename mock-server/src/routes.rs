//! The route table, on one screen.

use axum::{
    Router,
    extract::Request,
    http::StatusCode,
    response::IntoResponse,
    routing::{get, post},
};

use crate::{
    AppState, Config,
    cors::Cors,
    error::{ApiError, HttpError},
    handlers::{
        aggregate, batch, config, email, files, health, login, objects, pages, roles, schemas,
        sessions, signup, users,
    },
    path_params,
    sdk_form::Normalize,
};

/// The whole application as one service: CORS around the rewriting of the
/// JavaScript SDK's body form around the route table.
pub type App = Cors<Normalize<Router>>;

/// Every route of the API, under the configured mount path, behind
/// the CORS layer and the rewriting of the JavaScript SDK's body form (the
/// body limit is applied where a body is read: [`crate::extract`]).
pub fn router(state: AppState) -> App {
    let config = state.config.clone();
    let table = state
        .routes
        .get_or_init(|| table(&config))
        .clone()
        .with_state(state);
    // The SDK's body form is rewritten before routing, since `_method`
    // changes the route; CORS wraps everything, refusals included.
    Cors::new(&config, Normalize::new(config.clone(), table))
}

/// The route table under the configured mount path, before the server's
/// state is given to it: built once per server (a batch routes its
/// commands through it again).
pub fn table(settings: &Config) -> Router<AppState> {
    // Each route carries the mount path itself rather than being nested
    // under it: nesting rewrites every request's URI (a measured cost on
    // the fastest routes).
    let mount = settings.mount_path.trim_end_matches('/').to_owned();
    let at = |path: &str| format!("{mount}{path}");
    let api = Router::new()
        .route(&at("/health"), get(health::health))
        .route(&at("/serverInfo"), get(health::server_info))
        .route(&at("/users"), get(users::find).post(signup::sign_up))
        .route(&at("/users/me"), get(users::me))
        .route(
            &at("/users/{objectId}"),
            get(users::get).put(users::update).delete(users::delete),
        )
        .route(&at("/login"), get(login::get).post(login::post))
        .route(&at("/logout"), post(sessions::log_out))
        .route(&at("/batch"), post(batch::batch))
        .route(
            &at("/sessions/me"),
            get(sessions::me).put(sessions::pair_installation),
        )
        .route(&at("/sessions"), get(sessions::find).post(sessions::create))
        .route(
            &at("/sessions/{objectId}"),
            get(sessions::get)
                .put(sessions::update)
                .delete(sessions::delete),
        )
        .route(&at("/upgradeToRevocableSession"), post(sessions::upgrade))
        .route(
            &at("/loginAs"),
            get(login::log_in_as).post(login::log_in_as),
        )
        .route(
            &at("/verificationEmailRequest"),
            post(email::verification_email_request),
        )
        .route(
            &at("/requestPasswordReset"),
            post(email::request_password_reset),
        )
        .route(&at("/apps/{appId}/verify_email"), get(pages::verify_email))
        .route(
            &at("/apps/{appId}/request_password_reset"),
            get(pages::password_reset_form).post(pages::reset_password),
        )
        // Users are also the class _User, as in Parse Server.
        .route(
            &at("/classes/_User"),
            get(users::find).post(signup::sign_up),
        )
        .route(
            &at("/classes/_User/{objectId}"),
            get(users::get).put(users::update).delete(users::delete),
        )
        .route(
            &at("/classes/{className}"),
            get(objects::find).post(objects::create),
        )
        .route(
            &at("/classes/{className}/{objectId}"),
            get(objects::get)
                .put(objects::update)
                .delete(objects::delete),
        )
        .route(&at("/roles"), get(roles::find).post(roles::create))
        .route(
            &at("/roles/{objectId}"),
            get(roles::get).put(roles::update).delete(roles::delete),
        )
        .route(&at("/aggregate/{className}"), get(aggregate::aggregate))
        .route(
            &at("/schemas"),
            get(schemas::list).post(schemas::create_named),
        )
        .route(
            &at("/schemas/{className}"),
            get(schemas::get)
                .post(schemas::create)
                .put(schemas::update)
                .delete(schemas::delete),
        )
        .route(&at("/config"), get(config::get).put(config::update))
        .route(&at("/files"), post(files::upload_without_name))
        .route(
            &at("/files/{name}"),
            post(files::upload).delete(files::delete),
        )
        .route(&at("/files/{appId}/{name}"), get(files::download))
        .method_not_allowed_fallback(method_not_allowed)
        .route_layer(path_params::CheckLayer);
    api.fallback(not_found)
}

/// Marks the answer to a request no route took (unknown path, or a
/// method the path does not answer), so that a batch can refuse such a
/// command as Parse Server does.
#[derive(Clone, Copy, Debug)]
pub struct Unrouted;

/// An unknown route: 404, as Parse Server's Express answers, but as JSON.
async fn not_found(request: Request) -> impl IntoResponse {
    unrouted(StatusCode::NOT_FOUND, &request)
}

/// A known route with a method it does not answer.
async fn method_not_allowed(request: Request) -> impl IntoResponse {
    unrouted(StatusCode::METHOD_NOT_ALLOWED, &request)
}

/// `Cannot METHOD /path` with `status`, marked [`Unrouted`].
fn unrouted(status: StatusCode, request: &Request) -> impl IntoResponse + use<> {
    let message = format!("Cannot {} {}", request.method(), request.uri().path());
    let mut response = ApiError::Http(HttpError { status, message }).into_response();
    response.extensions_mut().insert(Unrouted);
    response
}
