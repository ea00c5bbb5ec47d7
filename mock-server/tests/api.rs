//! HTTP behaviour of the reference server, through `app()` (no socket) and
//! once through a real listener.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is the failure report

mod common;

use axum::http::StatusCode;
use common::{APP_ID, KEYS, MASTER_KEY, REST_KEY, call, server, sign_up};
use parse_mock_server::Config;
use serde_json::json;

#[tokio::test]
async fn a_wrong_or_missing_application_id_is_403_unauthorized_with_cors() {
    let app = server();
    for headers in [
        &[
            ("X-Parse-Application-Id", "nope"),
            ("X-Parse-REST-API-Key", REST_KEY),
        ][..],
        &[][..],
    ] {
        let answer = call(&app, "POST", "/parse/users", headers, Some("{}")).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN);
        assert_eq!(answer.json, json!({"error": "unauthorized"}));
        assert_eq!(answer.headers["access-control-allow-origin"], "*");
    }
}

#[tokio::test]
async fn a_configured_rest_key_is_required_unless_master() {
    let app = server();
    let answer = call(
        &app,
        "GET",
        "/parse/users/me",
        &[("X-Parse-Application-Id", APP_ID)],
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let master = [
        ("X-Parse-Application-Id", APP_ID),
        ("X-Parse-Master-Key", MASTER_KEY),
    ];
    let answer = call(&app, "GET", "/parse/serverInfo", &master, None).await;
    assert_eq!(answer.status, StatusCode::OK);
}

#[tokio::test]
async fn a_preflight_needs_no_keys_and_allows_the_session_token() {
    let answer = call(
        &server(),
        "OPTIONS",
        "/parse/users/me",
        &[("Origin", "https://a.example")],
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    let allowed = answer.headers["access-control-allow-headers"]
        .to_str()
        .unwrap();
    assert!(allowed.contains("X-Parse-Session-Token"));
}

#[tokio::test]
async fn sign_up_then_log_in_never_returns_the_password() {
    let app = server();
    let created = sign_up(&app, "cooldude6").await;
    assert_eq!(created.status, StatusCode::CREATED);
    let id = created.json["objectId"].as_str().unwrap();
    assert!(
        created.headers["location"]
            .to_str()
            .unwrap()
            .ends_with(&format!("/parse/users/{id}"))
    );
    let token = created.json["sessionToken"].as_str().unwrap();
    assert!(token.starts_with("r:") && token.len() == 34);

    let body = json!({"username": "cooldude6", "password": "p_n7!-e8"}).to_string();
    let login = call(&app, "POST", "/parse/login", KEYS, Some(&body)).await;
    assert_eq!(login.status, StatusCode::OK);
    assert_eq!(login.json["objectId"], id);
    assert!(login.json.get("password").is_none());
    assert_ne!(login.json["sessionToken"], token);

    let me = [KEYS[0], KEYS[1], ("X-Parse-Session-Token", token)];
    let answer = call(&app, "GET", "/parse/users/me", &me, None).await;
    assert_eq!(answer.json["username"], "cooldude6");
    assert!(answer.json.get("password").is_none());
}

#[tokio::test]
async fn log_in_by_get_and_wrong_password_is_404_code_101() {
    let app = server();
    sign_up(&app, "bob").await;
    let ok = call(
        &app,
        "GET",
        "/parse/login?username=bob&password=p_n7!-e8",
        KEYS,
        None,
    )
    .await;
    assert_eq!(ok.status, StatusCode::OK);
    for query in ["username=bob&password=wrong", "username=nobody&password=x"] {
        let answer = call(&app, "GET", &format!("/parse/login?{query}"), KEYS, None).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND);
        assert_eq!(
            answer.json,
            json!({"code": 101, "error": "Invalid username/password."})
        );
    }
}

#[tokio::test]
async fn sign_up_errors_carry_parse_codes() {
    let app = server();
    sign_up(&app, "taken").await;
    let cases = [
        (json!({"password": "x"}), 200),
        (json!({"username": "u1"}), 201),
        (json!({"username": "TAKEN", "password": "x"}), 202),
        (
            json!({"username": "u2", "password": "x", "email": "no-at-sign"}),
            125,
        ),
        (
            json!({"username": "u3", "password": "x", "emailVerified": true}),
            119,
        ),
        (
            json!({"username": "u4", "password": "x", "objectId": "abc"}),
            105,
        ),
    ];
    for (body, code) in cases {
        let answer = call(&app, "POST", "/parse/users", KEYS, Some(&body.to_string())).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(answer.json["code"], code, "{body}");
    }
}

#[tokio::test]
async fn malformed_json_is_code_107_and_unknown_routes_are_404() {
    let app = server();
    let answer = call(&app, "POST", "/parse/users", KEYS, Some("{not json")).await;
    assert_eq!(
        (answer.status, answer.json["code"].clone()),
        (StatusCode::BAD_REQUEST, json!(107))
    );
    let answer = call(&app, "GET", "/parse/nowhere", KEYS, None).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert!(answer.json["error"].is_string());
}

#[tokio::test]
async fn classes_are_created_by_the_master_key_only() {
    let app = server();
    let answer = call(
        &app,
        "POST",
        "/parse/classes/Message",
        KEYS,
        Some(r#"{"message":"hi"}"#),
    )
    .await;
    assert_eq!(
        answer.json,
        json!({"code": 119, "error": "Permission denied"})
    );
    let answer = call(&app, "POST", "/parse/schemas/Message", KEYS, Some("{}")).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let master = [
        ("X-Parse-Application-Id", APP_ID),
        ("X-Parse-Master-Key", MASTER_KEY),
    ];
    let answer = call(&app, "POST", "/parse/schemas/Message", &master, Some("{}")).await;
    assert_eq!(answer.status, StatusCode::OK);
    let answer = call(
        &app,
        "POST",
        "/parse/classes/Message",
        KEYS,
        Some(r#"{"message":"hi"}"#),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED);
    let location = answer.headers["location"].to_str().unwrap();
    let path = &location[location.find("/parse/").unwrap()..];
    let answer = call(&app, "GET", path, KEYS, None).await;
    assert_eq!(answer.json["message"], "hi");
}

#[tokio::test]
async fn concurrent_sign_ups_with_one_username_create_exactly_one_user() {
    let app = server();
    let attempts = (0..50).map(|_| {
        let app = app.clone();
        tokio::spawn(async move { sign_up(&app, "race").await.status })
    });
    let mut created = 0;
    for attempt in attempts {
        let status = attempt.await.unwrap();
        if status == StatusCode::CREATED {
            created += 1;
        } else {
            assert_eq!(status, StatusCode::BAD_REQUEST);
        }
    }
    assert_eq!(created, 1);
}

#[tokio::test]
async fn serves_on_a_real_socket_and_stops_on_shutdown() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(parse_mock_server::serve(
        listener,
        Config::new(APP_ID, MASTER_KEY),
        async {
            let _ = rx.await;
        },
    ));
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    stream
        .write_all(b"GET /parse/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).await.unwrap();
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(text.ends_with(r#"{"status":"ok"}"#), "{text}");
    tx.send(()).unwrap();
    server.await.unwrap().unwrap();
}

#[tokio::test]
async fn users_are_also_the_class_user() {
    let app = server();
    let signed_up = sign_up(&app, "classy").await;
    let id = signed_up.json["objectId"].as_str().unwrap().to_owned();
    let token = signed_up.json["sessionToken"].as_str().unwrap().to_owned();
    let mut headers = KEYS.to_vec();
    headers.push(("X-Parse-Session-Token", &token));
    let by_class = call(
        &app,
        "GET",
        &format!("/parse/classes/_User/{id}"),
        &headers,
        None,
    )
    .await;
    let by_users = call(&app, "GET", &format!("/parse/users/{id}"), &headers, None).await;
    assert_eq!(by_class.status, StatusCode::OK);
    assert_eq!(by_class.json, by_users.json);
    let found = call(&app, "GET", "/parse/classes/_User", &headers, None).await;
    assert_eq!(found.json["results"][0]["objectId"], json!(id));
}

const MASTER: &[(&str, &str)] = &[
    ("X-Parse-Application-Id", APP_ID),
    ("X-Parse-Master-Key", MASTER_KEY),
];

#[tokio::test]
async fn the_master_key_creates_a_class_by_storing_an_object_and_finds_in_missing_ones() {
    let app = server();
    let answer = call(
        &app,
        "POST",
        "/parse/classes/Auto",
        MASTER,
        Some(r#"{"a":1}"#),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED);
    let answer = call(&app, "GET", "/parse/classes/Nothing", MASTER, None).await;
    assert_eq!(answer.json, json!({"results": []}));
    let answer = call(&app, "GET", "/parse/classes/Nothing", KEYS, None).await;
    assert_eq!(
        answer.json,
        json!({"code": 119, "error": "Permission denied"})
    );
}

#[tokio::test]
async fn login_as_an_empty_user_id_is_code_162() {
    let answer = call(
        &server(),
        "POST",
        "/parse/loginAs",
        MASTER,
        Some(r#"{"userId":""}"#),
    )
    .await;
    assert_eq!(answer.json["code"], json!(162));
}

#[tokio::test]
async fn auth_data_sign_up_with_an_empty_username_gets_a_generated_one() {
    let body = r#"{"username":"","authData":{"anonymous":{"id":"a-1"}}}"#;
    let answer = call(&server(), "POST", "/parse/users", KEYS, Some(body)).await;
    assert_eq!(answer.status, StatusCode::CREATED);
    assert_eq!(answer.json["username"].as_str().map(str::len), Some(25));
}

#[tokio::test]
async fn one_update_may_unlink_a_service_and_link_another() {
    let app = server();
    let body = r#"{"authData":{"anonymous":{"id":"a-2"}}}"#;
    let answer = call(&app, "POST", "/parse/users", KEYS, Some(body)).await;
    let id = answer.json["objectId"].as_str().unwrap().to_owned();
    let token = answer.json["sessionToken"].as_str().unwrap().to_owned();
    let mut headers = KEYS.to_vec();
    headers.push(("X-Parse-Session-Token", &token));
    let change = r#"{"authData":{"anonymous":null,"facebook":{"id":"f-2","access_token":"t"}}}"#;
    let path = format!("/parse/users/{id}");
    let answer = call(&app, "PUT", &path, &headers, Some(change)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
    let answer = call(&app, "GET", &path, &headers, None).await;
    assert_eq!(
        answer.json["authData"],
        json!({"facebook": {"id": "f-2", "access_token": "t"}})
    );
}

#[tokio::test]
async fn an_empty_password_is_no_password() {
    let body = r#"{"username":"nopass","password":""}"#;
    let answer = call(&server(), "POST", "/parse/users", KEYS, Some(body)).await;
    assert_eq!(
        answer.json,
        json!({"code": 201, "error": "password is required"})
    );
}

#[tokio::test]
async fn schemas_are_read_and_only_empty_classes_dropped() {
    let app = server();
    let fields = r#"{"fields":{"score":{"type":"Number"}}}"#;
    call(&app, "POST", "/parse/schemas/Game", MASTER, Some(fields)).await;
    let answer = call(&app, "GET", "/parse/schemas/Game", MASTER, None).await;
    assert_eq!(answer.json["fields"]["score"], json!({"type": "Number"}));
    let answer = call(&app, "GET", "/parse/schemas/Nothing", MASTER, None).await;
    assert_eq!(answer.json["code"], json!(103));
    call(
        &app,
        "POST",
        "/parse/classes/Game",
        MASTER,
        Some(r#"{"score":1}"#),
    )
    .await;
    let answer = call(&app, "DELETE", "/parse/schemas/Game", MASTER, None).await;
    assert_eq!(answer.json["code"], json!(255));
    call(&app, "POST", "/parse/schemas/Empty", MASTER, Some("{}")).await;
    let answer = call(&app, "DELETE", "/parse/schemas/Empty", MASTER, None).await;
    assert_eq!(answer.json, json!({}));
    let answer = call(&app, "GET", "/parse/schemas/Empty", MASTER, None).await;
    assert_eq!(answer.json["code"], json!(103));
}

#[tokio::test]
async fn login_as_takes_the_query_user_id_when_the_body_has_an_empty_one() {
    let app = server();
    let id = sign_up(&app, "posed").await.json["objectId"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/parse/loginAs?userId={id}");
    let answer = call(&app, "POST", &path, MASTER, Some(r#"{"userId":""}"#)).await;
    assert_eq!(answer.json["objectId"], json!(id));
}
