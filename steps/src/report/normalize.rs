//! Replaces the values that change from run to run (dates, object ids,
//! unique names, etags, ports, random keys) in report text, so that two runs
//! of the same behaviour write the same bytes.
//!
//! `summary.md` and `results.json` always go through [`normalize`]: a
//! difference between two committed reports is then a difference in
//! behaviour, never a new date or objectId. The raw values stay where a
//! developer debugging one run looks for them: the terminal output,
//! `junit.xml` and `cucumber.json`.
//!
//! | Volatile value | Becomes |
//! |---|---|
//! | ISO 8601 date-time, `2026-11-30T18:26:51.482Z` | `<date>` |
//! | HTTP date, `Mon, 30 Nov 2026 18:26:54 GMT` (`date:`, `last-modified:` …) | `<date>` |
//! | `etag:` header value | `<etag>` |
//! | loopback port, `127.0.0.1:40235`, `localhost:4337` | `127.0.0.1:<port>` |
//! | unique name suffix, `cooldude6_k3x9q0ab2m` | `cooldude6_<unique>` |
//! | objectId (of a JSON `objectId` field, or in a `/classes/C/ID`, `/users/ID`, `/roles/ID`, `/sessions/ID`, `/installations/ID` path), wherever it then appears | `<objectId-1>`, `<objectId-2>`, … in order of first appearance |
//! | 32 lowercase hex digits (random keys, file name prefixes) | `<hex>` |
//! | UUID | `<uuid>` |
//! | `content-length:` header line of an exchange | `content-length: <n>` |
//! | the same values URL-encoded in a query (`where=%7B%22objectId%22…`) | the same placeholders |
//!
//! A server may answer a query without `order` in any order (PostgreSQL
//! does), so the objects of a response's `results` array are shown sorted
//! (by their normalized text) when the request named no `order`.
//!
//! Numbering the object ids keeps what a reader needs: whether two places
//! name the same object.

use std::sync::LazyLock;

use regex::{Captures, Regex};

fn regex(pattern: &str) -> Regex {
    #[allow(clippy::unwrap_used)] // constant patterns, checked by the tests
    Regex::new(pattern).unwrap()
}

static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?")
});

static HTTP_DATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT",
    )
});

static ETAG: LazyLock<Regex> = LazyLock::new(|| regex(r"(?mi)^(\s*etag:[ \t]*)\S.*$"));

static CONTENT_LENGTH: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?mi)^(\s+content-length:[ \t]*)\d+[ \t]*$"));

static LOOPBACK_PORT: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\b(127\.0\.0\.1|localhost|\[::1\]):\d{1,5}\b"));

static UNIQUE_SUFFIX: LazyLock<Regex> = LazyLock::new(|| regex(r"([A-Za-z0-9])_[a-z0-9]{10}\b"));

static UUID: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")
});

static HEX32: LazyLock<Regex> = LazyLock::new(|| regex(r"\b[0-9a-f]{32}(_|\b)"));

static ENCODED_ISO_DATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(%22|\b)\d{4}-\d{2}-\d{2}T\d{2}(?:%3A|:)\d{2}(?:%3A|:)\d{2}(?:\.\d+)?(?:Z|%2B\d{2}(?:%3A|:)\d{2})?",
    )
});

/// An objectId as a JSON field, compact or pretty-printed, or URL-encoded.
static OBJECT_ID_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r#"(?:"|%22)objectId(?:"|%22)(?:\s|\+|%20)*(?::|%3A)(?:\s|\+|%20)*(?:"|%22)([A-Za-z0-9]{10})(?:"|%22)"#,
    )
});

/// An objectId as the value of a query parameter such as `userId=`.
static OBJECT_ID_PARAM: LazyLock<Regex> =
    LazyLock::new(|| regex(r"[?&][A-Za-z]*(?:Id|_id|id)=([A-Za-z0-9]{10})\b"));

/// An objectId in a REST path.
static OBJECT_ID_PATH: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"/(?:classes/[A-Za-z0-9_<>]+|users|roles|sessions|installations)/([A-Za-z0-9]{10})\b")
});

/// Replaces every volatile value of `text`; see the module documentation.
pub fn normalize(text: &str) -> String {
    let text = unordered_results(text);
    let text = ISO_DATE.replace_all(&text, "<date>");
    let text = ENCODED_ISO_DATE.replace_all(&text, "${1}<date>");
    let text = HTTP_DATE.replace_all(&text, "<date>");
    let text = ETAG.replace_all(&text, "${1}<etag>");
    let text = CONTENT_LENGTH.replace_all(&text, "${1}<n>");
    let text = LOOPBACK_PORT.replace_all(&text, "${1}:<port>");
    let text = UUID.replace_all(&text, "<uuid>");
    let text = HEX32.replace_all(&text, "<hex>${1}");
    let text = UNIQUE_SUFFIX.replace_all(&text, "${1}_<unique>");
    object_ids(&text)
}

/// Numbers the object ids of `text` in order of first appearance and
/// replaces each wherever it appears as a whole word.
fn object_ids(text: &str) -> String {
    let mut found: Vec<(usize, String)> = OBJECT_ID_FIELD
        .captures_iter(text)
        .chain(OBJECT_ID_PATH.captures_iter(text))
        .chain(OBJECT_ID_PARAM.captures_iter(text))
        .filter_map(|c| c.get(1))
        .map(|m| (m.start(), m.as_str().to_owned()))
        .collect();
    found.sort();
    let mut ids: Vec<String> = Vec::new();
    for (_, id) in found {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return text.to_owned();
    }
    let any = regex(&format!(
        r"(%22|\b)({})\b",
        ids.iter()
            .map(|id| regex::escape(id))
            .collect::<Vec<_>>()
            .join("|")
    ));
    any.replace_all(text, |c: &Captures<'_>| {
        let n = ids.iter().position(|id| id == &c[2]).map_or(0, |i| i + 1);
        format!("{}<objectId-{n}>", &c[1])
    })
    .into_owned()
}

/// Sorts the `results` of each response body (a pretty-printed JSON object
/// indented by two spaces, as [`crate::client::Exchange::describe`] writes
/// it) whose request named no `order`.
fn unordered_results(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let (mut in_response, mut ordered) = (false, false);
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.starts_with("Request: ") {
            in_response = false;
            ordered = line.contains("order=");
        } else if line.starts_with("Response: ") {
            in_response = true;
        }
        if in_response
            && !ordered
            && line == "  {"
            && let Some(end) = (i + 1..lines.len()).find(|&j| lines[j] == "  }")
            && let Some(sorted) = sorted_results(&lines[i..=end])
        {
            out.extend(sorted);
            i = end + 1;
            continue;
        }
        out.push(line.to_owned());
        i += 1;
    }
    out.join("\n")
}

/// The block with its `results` sorted, if it is a JSON object printed as
/// serde_json prints it and has a `results` array.
fn sorted_results(block: &[&str]) -> Option<Vec<String>> {
    let json: String = block
        .iter()
        .map(|l| l.strip_prefix("  ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    let mut value: serde_json::Value = serde_json::from_str(&json).ok()?;
    if serde_json::to_string_pretty(&value).ok()? != json {
        return None;
    }
    let results = value.get_mut("results")?.as_array_mut()?;
    let mut keyed: Vec<(String, serde_json::Value)> = results
        .drain(..)
        .map(|v| (normalize(&serde_json::to_string(&v).unwrap_or_default()), v))
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    results.extend(keyed.into_iter().map(|(_, v)| v));
    let pretty = serde_json::to_string_pretty(&value).ok()?;
    Some(pretty.lines().map(|l| format!("  {l}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_of_both_kinds_become_placeholders() {
        assert_eq!(
            normalize("\"createdAt\": \"2026-11-30T18:26:51.482Z\""),
            "\"createdAt\": \"<date>\""
        );
        assert_eq!(
            normalize("  date: Mon, 30 Nov 2026 18:26:54 GMT\n"),
            "  date: <date>\n"
        );
        assert_eq!(normalize("at 2026-11-30T18:26:51+01:00."), "at <date>.");
    }

    #[test]
    fn etags_and_exchange_content_lengths_are_hidden() {
        let text = "Response: HTTP 201\n  content-length: 64\n  etag: W/\"40-sTXIux/xrXL3WURbV1GmMM510Ow\"\n";
        assert_eq!(
            normalize(text),
            "Response: HTTP 201\n  content-length: <n>\n  etag: <etag>\n"
        );
        // Only header lines: a first line naming a length is kept.
        assert_eq!(
            normalize("expected content-length: 13"),
            "expected content-length: 13"
        );
    }

    #[test]
    fn loopback_ports_are_hidden_and_other_hosts_kept() {
        assert_eq!(
            normalize("http://127.0.0.1:40235/parse and localhost:4337"),
            "http://127.0.0.1:<port>/parse and localhost:<port>"
        );
        assert_eq!(
            normalize("https://api.example.com:8443/parse"),
            "https://api.example.com:8443/parse"
        );
    }

    #[test]
    fn unique_name_suffixes_keep_their_alias() {
        assert_eq!(
            normalize("\"username\": \"cooldude6_k3x9q0ab2m\", class PlaceObject_ch8kze47hw"),
            "\"username\": \"cooldude6_<unique>\", class PlaceObject_<unique>"
        );
        // Not a suffix: too short, too long, or upper case.
        for kept in ["a_short", "parse_conformance", "x_ABCDEFGHIJ"] {
            assert_eq!(normalize(kept), kept);
        }
    }

    #[test]
    fn object_ids_are_numbered_by_first_appearance_everywhere() {
        let text = "POST /parse/classes/Note_k3x9q0ab2m/8hmKhNktVO\n{\"objectId\": \"Ab3dE6gH9j\", \"owner\": {\"objectId\":\"8hmKhNktVO\"}, \"ACL\": {\"Ab3dE6gH9j\": {\"read\": true}}}";
        assert_eq!(
            normalize(text),
            "POST /parse/classes/Note_<unique>/<objectId-1>\n{\"objectId\": \"<objectId-2>\", \"owner\": {\"objectId\":\"<objectId-1>\"}, \"ACL\": {\"<objectId-2>\": {\"read\": true}}}"
        );
        assert_eq!(normalize("GET /users/me"), "GET /users/me");
        assert_eq!(
            normalize("DELETE /parse/sessions/Zz0Yy1Xx2W"),
            "DELETE /parse/sessions/<objectId-1>"
        );
    }

    #[test]
    fn random_hex_keys_file_prefixes_and_uuids_are_hidden() {
        assert_eq!(
            normalize("/files/97f77961b862f6fbf3eb8ae471453daf_hello.txt"),
            "/files/<hex>_hello.txt"
        );
        assert_eq!(
            normalize("X-Parse-REST-API-Key: 0123456789abcdef0123456789abcdef"),
            "X-Parse-REST-API-Key: <hex>"
        );
        assert_eq!(
            normalize("installationId: 3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
            "installationId: <uuid>"
        );
    }

    #[test]
    fn url_encoded_ids_and_dates_and_id_parameters_are_hidden() {
        assert_eq!(
            normalize(
                "?where=%7B%22objectId%22%3A+%228hmKhNktVO%22%2C+%22d%22%3A+%222026-11-30T18%3A26%3A51.482Z%22%7D"
            ),
            "?where=%7B%22objectId%22%3A+%22<objectId-1>%22%2C+%22d%22%3A+%22<date>%22%7D"
        );
        assert_eq!(
            normalize("GET /parse/loginAs?userId=4aqpRZwJw2"),
            "GET /parse/loginAs?userId=<objectId-1>"
        );
    }

    #[test]
    fn results_without_an_order_are_sorted_and_with_one_kept() {
        let exchange = |request: &str, first: &str, second: &str| {
            format!(
                "{request}\n\nResponse: HTTP 200\n  x: y\n  {{\n    \"results\": [\n      {{\n        \"n\": \"{first}\"\n      }},\n      {{\n        \"n\": \"{second}\"\n      }}\n    ]\n  }}\n"
            )
        };
        let unordered = "Request: GET http://h/parse/sessions";
        assert_eq!(
            normalize(&exchange(unordered, "signup", "login")),
            exchange(unordered, "login", "signup")
        );
        assert_eq!(
            normalize(&exchange(unordered, "login", "signup")),
            exchange(unordered, "login", "signup")
        );
        let ordered = "Request: GET http://h/parse/classes/A?order=-n";
        assert_eq!(
            normalize(&exchange(ordered, "signup", "login")),
            exchange(ordered, "signup", "login")
        );
    }

    #[test]
    fn normalizing_twice_changes_nothing_more() {
        let text = "GET http://127.0.0.1:1337/parse/classes/A_k3x9q0ab2m/8hmKhNktVO at 2026-11-30T18:26:51.482Z";
        let once = normalize(text);
        assert_eq!(normalize(&once), once);
    }
}
