//! Email verification and password reset requests (Parse REST guide, Users:
//! "Verifying Emails", "Requesting A Password Reset"), and the mails they
//! send. The pages behind the mailed links are in [`super::pages`].

use axum::extract::State;
use serde_json::{Map, Value, json};

use super::pages;
use crate::{
    AppState, Config,
    context::RequestContext,
    error::{ApiResult, ParseError},
    extract::JsonObject,
    json::Json,
    mail::Mail,
    store::UserRecord,
};

/// Refuses the email routes when mail cannot be sent, as Parse Server does:
/// 500 with code 1.
fn require_email_settings(state: &AppState) -> Result<(), ParseError> {
    let config = &state.config;
    if state.mailer.is_some() && config.app_name.is_some() && config.public_server_url.is_some() {
        Ok(())
    } else {
        Err(ParseError::new(
            1,
            "An appName, publicServerURL, and emailAdapter are required for password reset and email verification functionality.",
        ))
    }
}

/// The `email` of a request body: 204 when missing, 125 when not a string.
fn email_of(body: &Map<String, Value>) -> Result<String, ParseError> {
    match body.get("email") {
        None | Some(Value::Null) => Err(ParseError::new(204, "you must provide an email")),
        Some(Value::String(email)) if email.is_empty() => {
            Err(ParseError::new(204, "you must provide an email"))
        }
        Some(Value::String(email)) => Ok(email.clone()),
        Some(_) => Err(ParseError::new(
            125,
            "you must provide a valid email string",
        )),
    }
}

/// The answer to a request whose address has no account (or needs no
/// mail): `{}` when `quiet`, so that the answer reveals nothing, else `error`.
fn quietly(quiet: bool, error: ParseError) -> ApiResult<Json<Value>> {
    match quiet {
        true => Ok(Json(json!({}))),
        false => Err(error.into()),
    }
}

/// The app's name as mails show it.
fn app_name(config: &Config) -> &str {
    config.app_name.as_deref().unwrap_or("parse-mock-server")
}

/// The link to one of the app's pages with a token, e.g.
/// `…/apps/<appId>/verify_email?token=…`.
fn page_link(config: &Config, page: &str, token: &str) -> String {
    format!("{}?token={token}", pages::url(config, page))
}

/// The mail with the link that verifies the address `to`, worded as Parse
/// Server's default one.
fn verification_mail(config: &Config, to: &str, token: &str) -> Mail {
    let app = app_name(config);
    let link = page_link(config, "verify_email", token);
    Mail {
        to: to.to_owned(),
        subject: format!("Please verify your e-mail for {app}"),
        text: format!(
            "Hi,\n\nYou are being asked to confirm the e-mail address {to} with {app}\n\nClick here to confirm it:\n{link}\n"
        ),
    }
}

/// The mail with the link to the page where the user of `to` chooses a new
/// password, worded as Parse Server's default one.
fn reset_mail(config: &Config, to: &str, token: &str) -> Mail {
    let app = app_name(config);
    let link = page_link(config, "request_password_reset", token);
    Mail {
        to: to.to_owned(),
        subject: format!("Password Reset for {app}"),
        text: format!(
            "Hi,\n\nYou requested to reset your password for {app}.\n\nClick here to reset it:\n{link}\n"
        ),
    }
}

/// Mails `user` the link that verifies its email. Nothing is sent without
/// an email or a mailer.
pub fn send_verification(state: &AppState, user: &UserRecord, token: &str) {
    if let (Some(mailer), Some(to)) = (&state.mailer, user.email()) {
        mailer.send_in_background(verification_mail(&state.config, to, token));
    }
}

/// Starts the verification of the user's (new) email when verification is
/// on: `emailVerified` becomes false, and a mail with a fresh link is sent.
pub fn verify_new_email(state: &AppState, object_id: &str) {
    if !state.config.verify_user_emails {
        return;
    }
    if let Some((user, token)) = state.store.start_email_verification(object_id) {
        send_verification(state, &user, &token);
    }
}

/// `POST /verificationEmailRequest` `{"email": …}`: sends a new verification
/// mail and answers `{}`. An unknown or already verified address also
/// answers `{}` (so that the answer reveals no account), but no mail is sent.
pub async fn verification_email_request(
    State(state): State<AppState>,
    _ctx: RequestContext,
    JsonObject(body): JsonObject,
) -> ApiResult<Json<Value>> {
    require_email_settings(&state)?;
    let email = email_of(&body)?;
    let quiet = state.config.email_verify_success_on_invalid_email;
    let Some(user) = state.store.user_by_email(&email) else {
        return quietly(
            quiet,
            ParseError::new(205, format!("No user found with email {email}")),
        );
    };
    if user.email_verified() {
        return quietly(
            quiet,
            ParseError::new(-1, format!("Email {email} is already verified.")),
        );
    }
    if let Some((user, token)) = state.store.start_email_verification(&user.object_id) {
        send_verification(&state, &user, &token);
    }
    Ok(Json(json!({})))
}

/// `POST /requestPasswordReset` `{"email": …}`: mails the user a link to a
/// page where a new password is chosen, and answers `{}`. An unknown address
/// also answers `{}`, so that the answer reveals no account.
pub async fn request_password_reset(
    State(state): State<AppState>,
    _ctx: RequestContext,
    JsonObject(body): JsonObject,
) -> ApiResult<Json<Value>> {
    require_email_settings(&state)?;
    let email = email_of(&body)?;
    let Some((user, token)) = state.store.start_password_reset(&email) else {
        return quietly(
            state.config.reset_password_success_on_invalid_email,
            ParseError::new(101, "A user with that email does not exist."),
        );
    };
    if let (Some(mailer), Some(to)) = (&state.mailer, user.email()) {
        mailer.send_in_background(reset_mail(&state.config, to, &token));
    }
    Ok(Json(json!({})))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        let mut config = Config::new("my-app", "m");
        config.app_name = Some("My App".into());
        config.public_server_url = Some("https://example.com/parse/".into());
        config
    }

    #[test]
    fn mails_name_the_app_and_link_to_its_pages() {
        let mail = verification_mail(&config(), "ann@example.com", "T0k3n");
        assert_eq!(mail.to, "ann@example.com");
        assert_eq!(mail.subject, "Please verify your e-mail for My App");
        assert!(
            mail.text
                .contains("https://example.com/parse/apps/my-app/verify_email?token=T0k3n")
        );
        let mail = reset_mail(&config(), "ann@example.com", "T0k3n");
        assert_eq!(mail.subject, "Password Reset for My App");
        assert!(
            mail.text.contains(
                "https://example.com/parse/apps/my-app/request_password_reset?token=T0k3n"
            )
        );
    }

    #[test]
    fn an_empty_or_missing_email_is_204_and_a_number_125() {
        for body in [json!({}), json!({"email": ""}), json!({"email": null})] {
            let body = body.as_object().cloned().unwrap_or_default();
            assert_eq!(email_of(&body).unwrap_err().code, 204, "{body:?}");
        }
        let body = json!({"email": 7}).as_object().cloned().unwrap_or_default();
        assert_eq!(email_of(&body).unwrap_err().code, 125);
    }
}
