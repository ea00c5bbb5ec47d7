//! The pages behind the links of mails, which a person opens in a browser:
//! `/apps/:appId/verify_email` and `/apps/:appId/request_password_reset`.
//!
//! They answer HTML, as Parse Server's pages do: `GET` shows a page (200,
//! also for a link that is not valid, which says so); the reset page's form
//! posts `token` and `new_password` back, url-encoded. A request with
//! `X-Requested-With: XMLHttpRequest` gets JSON instead, as from Parse Server.
//! No application key is needed; the application id is in the path.

use std::collections::HashMap;

use axum::{
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::{Html, IntoResponse, Response},
};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::{
    AppState, Config, context::key_matches, error::ApiError, extract::RawBody, json::Json, password,
};

/// What a URL path segment keeps unencoded: letters, digits and `-._~`.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The public URL of one of the app's pages, e.g.
/// `http://host/parse/apps/<appId>/verify_email`.
pub fn url(config: &Config, page: &str) -> String {
    format!(
        "{}/apps/{}/{page}",
        config.public_url(),
        utf8_percent_encode(&config.app_id, SEGMENT)
    )
}

/// The token of a link's query; only a plain `token=` parameter counts, so
/// `token[$ne]=x` is no token at all.
fn token_of(query: &HashMap<String, String>) -> Option<&str> {
    query
        .get("token")
        .map(String::as_str)
        .filter(|t| !t.is_empty())
}

/// Refuses a page of another application: 403 unauthorized.
fn check_app(state: &AppState, app_id: &str) -> Result<(), ApiError> {
    if key_matches(app_id, &state.config.app_id) {
        Ok(())
    } else {
        Err(ApiError::Unauthorized)
    }
}

/// `GET /apps/:appId/verify_email?token=…`: verifies the email of the
/// token's user ("Email verified!"), or says the link is invalid.
pub async fn verify_email(
    State(state): State<AppState>,
    Path(app_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Html<String>, ApiError> {
    check_app(&state, &app_id)?;
    let verified = token_of(&query).is_some_and(|token| state.store.verify_email(token));
    let heading = match verified {
        true => "Email verified!",
        false => "Invalid verification link!",
    };
    Ok(page(&state, "Email Verification", heading, ""))
}

/// `GET /apps/:appId/request_password_reset?token=…`: the form where the
/// user chooses a new password, or a page that says the link is invalid.
pub async fn password_reset_form(
    State(state): State<AppState>,
    Path(app_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Html<String>, ApiError> {
    check_app(&state, &app_id)?;
    match token_of(&query).filter(|t| state.store.user_by_reset_token(t).is_some()) {
        Some(token) => Ok(reset_form(&state, token)),
        None => Ok(invalid_reset_link(&state)),
    }
}

/// `POST /apps/:appId/request_password_reset` (url-encoded `token`,
/// `new_password`): sets the new password and revokes the user's sessions.
/// The link works once.
pub async fn reset_password(
    State(state): State<AppState>,
    Path(app_id): Path<String>,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Result<Response, ApiError> {
    check_app(&state, &app_id)?;
    let form: HashMap<String, String> = form_urlencoded::parse(&body).into_owned().collect();
    let xhr = headers
        .get("x-requested-with")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"XMLHttpRequest"));
    let token = token_of(&form);
    let new_password = form.get("new_password").filter(|p| !p.is_empty());
    let outcome = match (token, new_password) {
        (None, _) => Err((-1, "Missing token")),
        (Some(_), None) => Err((201, "Missing password")),
        (Some(token), Some(new_password)) => {
            let hash = password::hash(new_password.clone(), state.config.bcrypt_cost).await?;
            let unlock = state
                .config
                .account_lockout
                .as_ref()
                .is_some_and(|l| l.unlock_on_password_reset);
            match state.store.reset_password(token, hash, unlock) {
                true => Ok(()),
                false => Err((
                    -1,
                    "Failed to reset password: username / email / token is invalid",
                )),
            }
        }
    };
    Ok(match (outcome, xhr) {
        (Ok(()), true) => Json("Password successfully reset").into_response(),
        (Ok(()), false) => page(&state, "Password Reset", "Success!", "").into_response(),
        (Err((code, message)), true) => (
            StatusCode::BAD_REQUEST,
            Json(serde_json::json!({"code": code, "error": message})),
        )
            .into_response(),
        // A browser is sent to the invalid-link page, as by Parse Server
        // for a form without token or password.
        (Err(_), false) => invalid_reset_link(&state).into_response(),
    })
}

fn invalid_reset_link(state: &AppState) -> Html<String> {
    page(state, "Password Reset", "Invalid password reset link!", "")
}

/// The reset form; it posts back to this same page.
fn reset_form(state: &AppState, token: &str) -> Html<String> {
    let action = url(&state.config, "request_password_reset");
    let form = format!(
        "<form id=\"form\" action=\"{action}\" method=\"POST\">\n\
         <input name=\"token\" type=\"hidden\" value=\"{token}\" />\n\
         <p>New Password</p>\n<input name=\"new_password\" type=\"password\" />\n\
         <p>Confirm New Password</p>\n<input name=\"confirm_new_password\" type=\"password\" />\n\
         <button id=\"change_password\">Change Password</button>\n</form>",
        action = escape(&action),
        token = escape(token),
    );
    page(state, "Password Reset", "Reset Your Password", &form)
}

/// A page with the app's name, a heading and some (already escaped) HTML.
fn page(state: &AppState, title: &str, heading: &str, html: &str) -> Html<String> {
    let app = escape(
        state
            .config
            .app_name
            .as_deref()
            .unwrap_or("parse-mock-server"),
    );
    Html(format!(
        "<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"><title>{title}</title></head>\n\
         <body>\n<h1>{app}</h1>\n<h1>{heading}</h1>\n{html}\n</body>\n</html>\n",
        title = escape(title),
        heading = escape(heading),
    ))
}

/// Escapes text for HTML, so that nothing from a link (a token, an app
/// name) can add markup to a page.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup() {
        assert_eq!(super::escape("\"><script>"), "&quot;&gt;&lt;script&gt;");
    }
}
