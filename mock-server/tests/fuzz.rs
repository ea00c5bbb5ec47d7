//! Hostile requests against the reference server, in-process (no socket).
//!
//! A property test (proptest) builds requests as an attacker would: deeply
//! nested JSON, numbers out of range, invalid UTF-8, wrong types for user
//! fields, operators where values go, invalid regular expressions, huge
//! headers, unknown methods, random routes. Whatever it sends, the server
//! must not panic, must not answer 5xx, must answer every refusal as a
//! Parse error (`{"code": int, "error": string}`, or `{"error": string}`
//! for the HTTP-level refusals: 403, 404/405 for an unknown route, 413),
//! and must keep answering afterwards.
//!
//! The seed corpus in `tests/fuzz-corpus/` (one request per file: a
//! `METHOD /path` line, header lines, an empty line, the body) is replayed
//! on every run. `PROPTEST_CASES` sets how many random requests a run sends
//! (CI: the default below, a few seconds); a long run:
//! `PROPTEST_CASES=1000000 cargo test -p parse-mock-server --test fuzz`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is the failure report

mod common;

use std::path::Path;

use axum::{
    body::Body,
    http::{Request, StatusCode},
};
use common::{APP_ID, MASTER_KEY, REST_KEY};
use http_body_util::BodyExt;
use parse_mock_server::App;
use proptest::prelude::*;
use serde_json::{Map, Value, json};
use tower::ServiceExt;

/// One request as the fuzzer or the corpus writes it.
#[derive(Clone)]
struct Hostile {
    method: String,
    path: String,
    headers: Vec<(String, Vec<u8>)>,
    body: Vec<u8>,
}

/// Shown shortened, as text: a failing case must stay readable.
impl std::fmt::Debug for Hostile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        fn short(bytes: &[u8]) -> String {
            let text = String::from_utf8_lossy(bytes);
            if text.chars().count() > 300 {
                let head: String = text.chars().take(300).collect();
                format!("{head}… ({} bytes)", bytes.len())
            } else {
                text.into_owned()
            }
        }
        writeln!(f, "{} {}", self.method, short(self.path.as_bytes()))?;
        for (name, value) in &self.headers {
            writeln!(f, "{name}: {}", short(value))?;
        }
        write!(f, "\n{}", short(&self.body))
    }
}

/// The 500s Parse Server documents: code 1 with these messages.
const DOCUMENTED_500: &[&str] = &[
    // Mail asked of a server without an email adapter (Parse Server's
    // UserController / UsersRouter: INTERNAL_SERVER_ERROR).
    "An appName, publicServerURL, and emailAdapter are required for password reset and email verification functionality.",
];

/// Answers that are not JSON by design, as in Parse Server: file
/// downloads (`File not found.` is text) and the HTML pages of `/apps`.
fn not_json_by_design(hostile: &Hostile) -> bool {
    let path = hostile.path.as_str();
    (hostile.method == "GET" && path.starts_with("/parse/files/"))
        || path.starts_with("/parse/apps/")
}

/// What went wrong with an answer, if anything.
async fn check(app: &App, hostile: &Hostile) -> Result<(), String> {
    let Some(request) = build(hostile) else {
        // Not expressible as an HTTP request (the client library refuses it).
        return Ok(());
    };
    let response = app
        .clone()
        .oneshot(request)
        .await
        .map_err(|e| format!("the service failed: {e}"))?;
    let status = response.status();
    let bytes = response
        .into_body()
        .collect()
        .await
        .map_err(|e| format!("the body failed: {e}"))?
        .to_bytes();
    let text = String::from_utf8_lossy(&bytes);
    if status.is_server_error() {
        let documented = serde_json::from_slice::<Value>(&bytes).is_ok_and(|json| {
            json["code"] == 1 && DOCUMENTED_500.iter().any(|m| json["error"] == *m)
        });
        return if documented {
            Ok(())
        } else {
            Err(format!("answered {status}: {text}"))
        };
    }
    if status.is_success()
        || status.is_redirection()
        || hostile.method == "HEAD"
        || not_json_by_design(hostile)
    {
        return Ok(());
    }
    let json: Value = serde_json::from_slice(&bytes)
        .map_err(|_| format!("answered {status} with a body that is not JSON: {text}"))?;
    let error_is_text = json.get("error").is_some_and(Value::is_string);
    let code_is_integer = json.get("code").is_some_and(|c| c.is_i64() || c.is_u64());
    let http_level = matches!(
        status,
        StatusCode::FORBIDDEN
            | StatusCode::NOT_FOUND
            | StatusCode::METHOD_NOT_ALLOWED
            | StatusCode::PAYLOAD_TOO_LARGE
    );
    // Express's answer to a route parameter that does not decode.
    let undecodable = status == StatusCode::BAD_REQUEST
        && json["error"]
            .as_str()
            .is_some_and(|e| e.starts_with("Failed to decode param"));
    if error_is_text && (code_is_integer || http_level || undecodable) {
        Ok(())
    } else {
        Err(format!("answered {status} with no Parse error: {text}"))
    }
}

/// The request, or `None` when `http` cannot express it.
fn build(hostile: &Hostile) -> Option<Request<Body>> {
    let mut request = Request::builder()
        .method(hostile.method.as_bytes())
        .uri(&hostile.path);
    for (name, value) in &hostile.headers {
        request = request.header(name.as_str(), value.as_slice());
    }
    request.body(Body::from(hostile.body.clone())).ok()
}

/// The server still answers: its health, and a find with the master key.
async fn still_answers(app: &App) -> Result<(), String> {
    let health = Hostile {
        method: "GET".into(),
        path: "/parse/health".into(),
        headers: vec![],
        body: vec![],
    };
    check(app, &health).await?;
    let find = Request::builder()
        .uri("/parse/classes/FuzzAlive")
        .header("X-Parse-Application-Id", APP_ID)
        .header("X-Parse-Master-Key", MASTER_KEY)
        .body(Body::empty())
        .unwrap();
    let answer = app.clone().oneshot(find).await.map_err(|e| e.to_string())?;
    if answer.status() == StatusCode::OK {
        Ok(())
    } else {
        Err(format!("a plain find answered {}", answer.status()))
    }
}

fn server() -> App {
    let mut config = parse_mock_server::Config::new(APP_ID, MASTER_KEY);
    config.rest_api_key = Some(REST_KEY.into());
    config.bcrypt_cost = 4;
    config.max_upload_size = 64 * 1024;
    config.request_complexity = parse_mock_server::RequestComplexity {
        include_depth: 10,
        include_count: 100,
        subquery_depth: 10,
        query_depth: 10,
        batch_request_limit: 100,
    };
    parse_mock_server::app(config)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

// ---------------------------------------------------------------- corpus

/// Reads a corpus file: `METHOD /path`, `Name: value` lines, an empty
/// line, then the body as raw bytes (invalid UTF-8 allowed). `{{BIG:n:c}}`
/// in the body stands for `n` copies of `c` (for the large-body cases).
fn read_corpus_file(path: &Path) -> Hostile {
    let bytes = std::fs::read(path).unwrap();
    let split = bytes
        .windows(2)
        .position(|w| w == b"\n\n")
        .unwrap_or(bytes.len());
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let body = bytes.get(split + 2..).unwrap_or_default().to_vec();
    let mut lines = head.lines();
    let first = lines.next().unwrap_or_default();
    let (method, path) = first.split_once(' ').unwrap_or(("GET", first));
    let headers = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(n, v)| (n.to_owned(), expand(v.as_bytes())))
        .collect();
    Hostile {
        method: method.into(),
        path: String::from_utf8_lossy(&expand(path.trim().as_bytes())).into_owned(),
        headers,
        body: expand(&body),
    }
}

/// Expands `{{BIG:n:c}}` into `n` copies of the text `c`.
fn expand(text: &[u8]) -> Vec<u8> {
    let s = String::from_utf8_lossy(text);
    let Some(start) = s.find("{{BIG:") else {
        return text.to_vec();
    };
    let Some(end) = s[start..].find("}}").map(|e| start + e) else {
        return text.to_vec();
    };
    let spec = &s[start + 6..end];
    let (n, c) = spec.split_once(':').unwrap_or(("0", ""));
    let n: usize = n.parse().unwrap_or(0);
    let mut out = text[..start].to_vec();
    out.extend(c.repeat(n).into_bytes());
    out.extend(expand(&text[end + 2..]));
    out
}

#[test]
fn the_seed_corpus_gets_parse_errors_and_the_server_keeps_answering() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "req"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "the corpus is in {}", dir.display());
    let rt = runtime();
    let app = server();
    let mut failures = vec![];
    for file in &files {
        let hostile = read_corpus_file(file);
        if let Err(e) = rt.block_on(check(&app, &hostile)) {
            failures.push(format!("{}: {e}", file.display()));
        }
    }
    rt.block_on(still_answers(&app)).unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ------------------------------------------------------------ strategies

const FIELDS: &[&str] = &[
    "username",
    "password",
    "email",
    "emailVerified",
    "authData",
    "sessionToken",
    "objectId",
    "createdAt",
    "updatedAt",
    "ACL",
    "name",
    "users",
    "roles",
    "score",
    "tags",
    "owner",
    "_rperm",
    "_wperm",
    "_hashed_password",
    "__proto__",
    "constructor",
    "a.b",
    "$where",
    "$or",
    "$and",
    "$nor",
    "$relatedTo",
    "__op",
    "__type",
    "iso",
    "className",
    "base64",
    "latitude",
    "longitude",
    "objects",
    "amount",
    "key",
    "query",
    "where",
    "",
    "x",
];

const OPERATORS: &[&str] = &[
    "$lt",
    "$lte",
    "$gt",
    "$gte",
    "$ne",
    "$eq",
    "$in",
    "$nin",
    "$exists",
    "$select",
    "$dontSelect",
    "$all",
    "$regex",
    "$options",
    "$inQuery",
    "$notInQuery",
    "$containedBy",
    "$text",
    "$search",
    "$term",
    "$language",
    "$caseSensitive",
    "$diacriticSensitive",
    "$nearSphere",
    "$maxDistance",
    "$maxDistanceInRadians",
    "$maxDistanceInKilometers",
    "$maxDistanceInMiles",
    "$within",
    "$box",
    "$geoWithin",
    "$polygon",
    "$centerSphere",
    "$geoIntersects",
    "$point",
    "$or",
    "$and",
    "$nor",
    "$relatedTo",
    "$foo",
    "$",
];

const TYPES: &[&str] = &[
    "Date", "Bytes", "Pointer", "Relation", "GeoPoint", "Polygon", "File", "Object", "Nope", "",
];

const OPS: &[&str] = &[
    "Increment",
    "Add",
    "AddUnique",
    "Remove",
    "Delete",
    "AddRelation",
    "RemoveRelation",
    "Batch",
    "SetOnInsert",
    "Nope",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(FIELDS).prop_map(str::to_owned),
        3 => prop::sample::select(OPERATORS).prop_map(str::to_owned),
        1 => "[a-zA-Z_$.]{0,12}",
        1 => any::<String>(),
        1 => Just("k".repeat(2000)),
    ]
}

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        Just(json!(1e308)),
        Just(json!(-1e308)),
        Just(json!(9_007_199_254_740_993_u64)),
        Just(json!(0)),
        Just(json!(-1)),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        any::<String>().prop_map(Value::String),
        prop::sample::select(&[
            "(", "[a-", "*", "a{99999999}", "\\", "(?<", "\\k<x>", "2026-02-30T00:00:00.000Z",
            "not a date", "r:token", "_User", "$regex", "",
        ][..])
        .prop_map(|s| Value::String(s.into())),
        prop::sample::select(TYPES).prop_map(|t| json!({"__type": t})),
        (prop::sample::select(TYPES), any::<String>())
            .prop_map(|(t, s)| json!({"__type": t, "iso": s, "className": s, "objectId": s, "name": s, "base64": s})),
        (prop::sample::select(OPS), number()).prop_map(|(op, n)| json!({"__op": op, "amount": n, "objects": n})),
        (-200.0f64..200.0, -200.0f64..200.0)
            .prop_map(|(a, b)| json!({"__type": "GeoPoint", "latitude": a, "longitude": b})),
    ]
}

/// JSON with hostile keys and values, a few levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// JSON nested `depth` times, in arrays or objects (or the compound
/// query operators).
fn deep() -> impl Strategy<Value = Vec<u8>> {
    (1usize..3000, 0..4u8).prop_map(|(depth, shape)| {
        let (open, close) = match shape {
            0 => ("[", "]"),
            1 => ("{\"a\":", "}"),
            2 => ("{\"$or\":[", "]}"),
            _ => (
                "{\"x\":{\"$inQuery\":{\"className\":\"C\",\"where\":",
                "}}}",
            ),
        };
        let mut s = open.repeat(depth);
        s.push('1');
        s.push_str(&close.repeat(depth));
        s.into_bytes()
    })
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        6 => json_value().prop_map(|v| v.to_string().into_bytes()),
        2 => prop::collection::vec(any::<u8>(), 0..64),
        1 => deep(),
        1 => Just(b"{\"a\":1e999999}".to_vec()),
        1 => Just(b"{\"a\":\"\xff\xfe\"}".to_vec()),
        1 => Just(b"{\"a\":\"\\ud800\"}".to_vec()),
        1 => Just(vec![b'{'; 70_000]),
        1 => json_value().prop_map(|v| json!({"requests": [{"method": "POST", "path": "/parse/classes/F", "body": v}]}).to_string().into_bytes()),
    ]
}

fn method() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(&["GET", "POST", "PUT", "DELETE"][..]).prop_map(str::to_owned),
        1 => prop::sample::select(&["PATCH", "OPTIONS", "HEAD", "TRACE", "PROPFIND", "FOO"][..])
            .prop_map(str::to_owned),
    ]
}

const ROUTES: &[&str] = &[
    "/parse/classes/Fuzz",
    "/parse/classes/Fuzz/{id}",
    "/parse/classes/_User",
    "/parse/classes/_Session",
    "/parse/classes/_Role",
    "/parse/classes/_Installation",
    "/parse/classes/{id}",
    "/parse/users",
    "/parse/users/{id}",
    "/parse/users/me",
    "/parse/login",
    "/parse/logout",
    "/parse/loginAs",
    "/parse/verificationEmailRequest",
    "/parse/requestPasswordReset",
    "/parse/batch",
    "/parse/sessions",
    "/parse/sessions/me",
    "/parse/sessions/{id}",
    "/parse/roles",
    "/parse/roles/{id}",
    "/parse/schemas",
    "/parse/schemas/Fuzz",
    "/parse/schemas/{id}",
    "/parse/config",
    "/parse/aggregate/Fuzz",
    "/parse/files/{id}",
    "/parse/files/test-app/{id}",
    "/parse/upgradeToRevocableSession",
    "/parse/apps/test-app/verify_email",
    "/parse/functions/{id}",
    "/parse/{id}",
    "/{id}",
    "/parse/classes",
    "/parse/classes/",
    "/parse//classes//Fuzz",
];

fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9_]{1,12}",
        "[a-zA-Z0-9_%.~-]{0,40}".prop_map(|s| percent_fix(&s)),
        Just("..".to_owned()),
        Just("%00".to_owned()),
        Just("%ff%fe".to_owned()),
        Just("a".repeat(5000)),
    ]
}

/// A `%` not followed by two hex digits is escaped, so the URI parses.
fn percent_fix(s: &str) -> String {
    s.replace('%', "%25")
}

fn query_string() -> impl Strategy<Value = String> {
    let param = prop_oneof![
        json_value().prop_map(|v| ("where".to_owned(), v.to_string())),
        deep().prop_map(|d| ("where".to_owned(), String::from_utf8_lossy(&d).into_owned())),
        (
            prop::sample::select(
                &[
                    "limit",
                    "skip",
                    "order",
                    "keys",
                    "excludeKeys",
                    "include",
                    "count",
                    "where",
                    "redirectClassNameForKey",
                    "readPreference",
                    "distinct",
                    "pipeline",
                    "group",
                    "match",
                    "session_token",
                    "foo",
                    "_method",
                ][..]
            ),
            prop_oneof![
                any::<i64>().prop_map(|n| n.to_string()),
                Just("1e400".to_owned()),
                Just("-1".to_owned()),
                Just("NaN".to_owned()),
                Just("a.b.c.d.e.f.g.h.i.j.k.l".to_owned()),
                Just(vec!["p"; 500].join(",")),
                any::<String>(),
                json_value().prop_map(|v| v.to_string()),
            ]
        )
            .prop_map(|(k, v)| (k.to_owned(), v)),
    ];
    prop::collection::vec(param, 0..4).prop_map(|params| {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (k, v) in params {
            out.append_pair(&k, &v);
        }
        out.finish()
    })
}

fn path() -> impl Strategy<Value = String> {
    (prop::sample::select(ROUTES), segment(), query_string()).prop_map(|(route, id, query)| {
        let path = route.replace("{id}", &id);
        if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        }
    })
}

fn headers() -> impl Strategy<Value = Vec<(String, Vec<u8>)>> {
    let app_id = prop_oneof![
        8 => Just(APP_ID.as_bytes().to_vec()),
        1 => prop::collection::vec(any::<u8>(), 0..20),
    ];
    let credential = prop_oneof![
        3 => Just(vec![("X-Parse-REST-API-Key".to_owned(), REST_KEY.as_bytes().to_vec())]),
        2 => Just(vec![("X-Parse-Master-Key".to_owned(), MASTER_KEY.as_bytes().to_vec())]),
        1 => Just(vec![]),
        1 => prop::collection::vec(any::<u8>(), 0..40)
            .prop_map(|v| vec![("X-Parse-Master-Key".to_owned(), v)]),
    ];
    let extra = prop::collection::vec(
        (
            prop::sample::select(
                &[
                    "X-Parse-Session-Token",
                    "X-Parse-Installation-Id",
                    "X-Parse-Revocable-Session",
                    "X-Parse-Client-Version",
                    "Content-Type",
                    "Authorization",
                    "Origin",
                    "X-Parse-Maintenance-Key",
                    "X-Huge",
                    "X-Parse-Application-Id",
                    "Content-Length",
                ][..],
            ),
            prop_oneof![
                prop::collection::vec(any::<u8>(), 0..40),
                Just(b"text/plain".to_vec()),
                Just(b"multipart/form-data; boundary=x".to_vec()),
                Just(b"application/json; charset=latin1".to_vec()),
                Just(b"Basic dGVzdC1hcHA6dGVzdC1tYXN0ZXI=".to_vec()),
                Just(b"Basic !!!".to_vec()),
                Just(vec![b'a'; 100_000]),
                Just(b"r:0000".to_vec()),
            ],
        ),
        0..3,
    );
    (app_id, credential, extra).prop_map(|(app_id, credential, extra)| {
        let mut all = vec![("X-Parse-Application-Id".to_owned(), app_id)];
        all.extend(credential);
        all.extend(extra.into_iter().map(|(n, v)| (n.to_owned(), v)));
        all
    })
}

fn hostile() -> impl Strategy<Value = Hostile> {
    (method(), path(), headers(), body()).prop_map(|(method, path, headers, body)| Hostile {
        method,
        path,
        headers,
        body,
    })
}

/// The cases a run sends when `PROPTEST_CASES` is unset: a few seconds,
/// for CI.
const CI_CASES: u32 = 2000;

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(CI_CASES),
        failure_persistence: Some(Box::new(
            prop::test_runner::FileFailurePersistence::WithSource("regressions"),
        )),
        ..ProptestConfig::default()
    })]

    #[test]
    fn hostile_requests_get_parse_errors_and_the_server_keeps_answering(requests in prop::collection::vec(hostile(), 1..4)) {
        thread_local! {
            static RT: tokio::runtime::Runtime = runtime();
            static APP: App = server();
        }
        let outcome = RT.with(|rt| APP.with(|app| rt.block_on(async {
            for request in &requests {
                check(app, request).await?;
            }
            still_answers(app).await
        })));
        prop_assert!(outcome.is_ok(), "{}", outcome.unwrap_err());
    }
}
