//! The mail routes and the pages behind mailed links, through `app()`: what
//! the conformance suite cannot reach without a mail (configuration, refusals,
//! the JSON answers of the reset page to `XMLHttpRequest`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is the failure report

mod common;

use axum::http::StatusCode;
use common::{APP_ID, KEYS, MASTER_KEY, REST_KEY, call, server};
use parse_mock_server::{App, Config, app, mail::SmtpOptions};
use serde_json::json;

/// A server that verifies emails and sends its mail to a port where nothing
/// listens (mail is sent in the background; a failure is only logged).
fn mailing_server() -> App {
    app(mailing_config())
}

fn mailing_config() -> Config {
    let mut config = Config::new(APP_ID, MASTER_KEY);
    config.rest_api_key = Some(REST_KEY.into());
    config.bcrypt_cost = 4;
    config.app_name = Some("test".into());
    config.public_server_url = Some("http://127.0.0.1:1/parse".into());
    config.verify_user_emails = true;
    config.email_adapter = Some(SmtpOptions {
        host: "127.0.0.1".into(),
        port: 1,
        from_address: "app@example.com".into(),
    });
    config
}

#[test]
fn verifying_emails_needs_an_adapter_an_app_name_and_a_public_url() {
    let load = |extra: &[&str]| {
        let mut args = vec![
            "--appId",
            "a",
            "--masterKey",
            "m",
            "--verifyUserEmails",
            "true",
        ];
        args.extend_from_slice(extra);
        Config::load(args.into_iter().map(String::from), |_| None)
    };
    let adapter = r#"{"module":"smtp","options":{"host":"127.0.0.1","port":2525}}"#;
    assert!(load(&[]).err().unwrap().0.contains("emailAdapter"));
    assert!(
        load(&["--emailAdapter", adapter])
            .err()
            .unwrap()
            .0
            .contains("app name")
    );
    assert!(
        load(&["--emailAdapter", adapter, "--appName", "x"])
            .err()
            .unwrap()
            .0
            .contains("publicServerURL")
    );
    let (config, unimplemented) = load(&[
        "--emailAdapter",
        adapter,
        "--appName",
        "x",
        "--publicServerURL",
        "http://127.0.0.1:1337/parse",
    ])
    .unwrap();
    assert!(config.verify_user_emails && unimplemented.is_empty());
    assert_eq!(config.email_adapter.unwrap().port, 2525);
}

#[tokio::test]
async fn mail_routes_without_mail_settings_are_500_code_1() {
    let app = server();
    for path in [
        "/parse/verificationEmailRequest",
        "/parse/requestPasswordReset",
    ] {
        let answer = call(
            &app,
            "POST",
            path,
            KEYS,
            Some(r#"{"email":"a@example.com"}"#),
        )
        .await;
        assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR, "{path}");
        assert_eq!(answer.json["code"], json!(1), "{path}");
    }
}

#[tokio::test]
async fn mail_routes_need_the_keys_and_a_string_email() {
    let app = mailing_server();
    for path in [
        "/parse/verificationEmailRequest",
        "/parse/requestPasswordReset",
    ] {
        let answer = call(
            &app,
            "POST",
            path,
            &[],
            Some(r#"{"email":"a@example.com"}"#),
        )
        .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{path}");
        let answer = call(&app, "POST", path, KEYS, Some(r#"{"email":7}"#)).await;
        assert_eq!(
            answer.json,
            json!({"code": 125, "error": "you must provide a valid email string"}),
            "{path}"
        );
    }
}

#[tokio::test]
async fn pages_of_another_app_are_403_and_unknown_tokens_are_invalid_links() {
    let app = mailing_server();
    // A user with a pending reset link, whose token is not the one tried.
    let body = json!({"username": "ann", "password": "p_n7!-e8", "email": "ann@example.com"});
    call(&app, "POST", "/parse/users", KEYS, Some(&body.to_string())).await;
    let reset = Some(r#"{"email":"ann@example.com"}"#);
    let answer = call(&app, "POST", "/parse/requestPasswordReset", KEYS, reset).await;
    assert_eq!(answer.status, StatusCode::OK);
    let answer = call(
        &app,
        "GET",
        "/parse/apps/other/verify_email?token=x",
        &[],
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let path = format!("/parse/apps/{APP_ID}/verify_email?token=x");
    let answer = call(&app, "GET", &path, &[], None).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.text.contains("Invalid verification link!"));
    let path = format!("/parse/apps/{APP_ID}/request_password_reset?token=x");
    let answer = call(&app, "GET", &path, &[], None).await;
    assert!(answer.text.contains("Invalid password reset link!"));
    assert!(!answer.text.contains("<form"));
}

#[tokio::test]
async fn the_reset_page_answers_json_to_xml_http_requests() {
    let app = mailing_server();
    let path = format!("/parse/apps/{APP_ID}/request_password_reset");
    let xhr = [
        ("X-Requested-With", "XMLHttpRequest"),
        ("Content-Type", "application/x-www-form-urlencoded"),
    ];
    for (form, expected) in [
        (
            "new_password=x",
            json!({"code": -1, "error": "Missing token"}),
        ),
        (
            "token=abc",
            json!({"code": 201, "error": "Missing password"}),
        ),
        (
            "token=abc&new_password=x",
            json!({"code": -1, "error": "Failed to reset password: username / email / token is invalid"}),
        ),
    ] {
        let answer = call(&app, "POST", &path, &xhr, Some(form)).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{form}");
        assert_eq!(answer.json, expected, "{form}");
    }
}

#[tokio::test]
async fn mail_routes_need_all_three_mail_settings() {
    let mut no_app_name = mailing_config();
    no_app_name.app_name = None;
    let mut no_public_url = mailing_config();
    no_public_url.public_server_url = None;
    for config in [no_app_name, no_public_url] {
        let answer = call(
            &app(config),
            "POST",
            "/parse/requestPasswordReset",
            KEYS,
            Some(r#"{"email":"a@example.com"}"#),
        )
        .await;
        assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR);
    }
}

#[tokio::test]
async fn without_quiet_answers_the_mail_routes_say_what_is_wrong() {
    let mut config = mailing_config();
    config.email_verify_success_on_invalid_email = false;
    config.reset_password_success_on_invalid_email = false;
    let app = app(config);
    let unknown = Some(r#"{"email":"nobody@example.com"}"#);
    let answer = call(
        &app,
        "POST",
        "/parse/verificationEmailRequest",
        KEYS,
        unknown,
    )
    .await;
    assert_eq!(
        answer.json,
        json!({"code": 205, "error": "No user found with email nobody@example.com"})
    );
    let answer = call(&app, "POST", "/parse/requestPasswordReset", KEYS, unknown).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(answer.json["code"], json!(101));

    let body = json!({"username": "ann", "password": "p_n7!-e8", "email": "ann@example.com"});
    let answer = call(&app, "POST", "/parse/users", KEYS, Some(&body.to_string())).await;
    let id = answer.json["objectId"].as_str().unwrap().to_owned();
    let master = [
        ("X-Parse-Application-Id", APP_ID),
        ("X-Parse-Master-Key", MASTER_KEY),
    ];
    let path = format!("/parse/users/{id}");
    let answer = call(
        &app,
        "PUT",
        &path,
        &master,
        Some(r#"{"emailVerified":true}"#),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    let known = Some(r#"{"email":"ann@example.com"}"#);
    let answer = call(&app, "POST", "/parse/verificationEmailRequest", KEYS, known).await;
    assert_eq!(
        answer.json,
        json!({"code": -1, "error": "Email ann@example.com is already verified."})
    );
}
