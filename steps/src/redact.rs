//! Keeps secrets out of everything the suite prints or writes.
//!
//! The master key, passwords and session tokens must never reach a terminal,
//! a report or a CI log. Every exchange is redacted before it is shown:
//! secret headers and secret JSON fields by name, known secret values (the
//! master key) wherever they appear, and anything shaped like a revocable
//! session token (`r:` followed by letters and digits).

use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

/// What a redacted value is replaced with.
pub const REDACTED: &str = "<redacted>";

/// Request and response headers whose values are secret.
const SECRET_HEADERS: &[&str] = &[
    "x-parse-master-key",
    "x-parse-session-token",
    "authorization",
];

/// JSON fields whose values are secret, in requests and responses alike.
const SECRET_FIELDS: &[&str] = &[
    "password",
    "sessionToken",
    "_SessionToken",
    "_MasterKey",
    "new_password",
    "confirm_new_password",
    "_hashed_password",
];

/// A secret in a URL query or a url-encoded form: the token of a mailed
/// link, or a password typed into the reset page.
static FORM_SECRET: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // a constant pattern
    Regex::new(r"\b((?:token|password|new_password|confirm_new_password)=)[^&\s\x22'<>]+").unwrap()
});

static SESSION_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // a constant pattern
    Regex::new(r"r:[A-Za-z0-9]{8,}").unwrap()
});

/// Redacts secrets for display.
#[derive(Clone, Debug, Default)]
pub struct Redactor {
    secrets: Vec<String>,
}

impl Redactor {
    /// A redactor that also hides each of `secrets` wherever it appears.
    pub fn new(secrets: Vec<String>) -> Redactor {
        Redactor {
            secrets: secrets.into_iter().filter(|s| !s.is_empty()).collect(),
        }
    }

    /// Whether a header's value must be hidden.
    pub fn is_secret_header(name: &str) -> bool {
        SECRET_HEADERS.contains(&name.to_ascii_lowercase().as_str())
    }

    /// A header line ready to print.
    pub fn header(&self, name: &str, value: &str) -> String {
        if Self::is_secret_header(name) {
            format!("{name}: {REDACTED}")
        } else {
            format!("{name}: {}", self.text(value))
        }
    }

    /// A JSON value with every secret field replaced, at any depth.
    pub fn json(&self, value: &Value) -> Value {
        match value {
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| {
                        let v = if SECRET_FIELDS.contains(&k.as_str()) && !v.is_null() {
                            Value::String(REDACTED.to_owned())
                        } else {
                            self.json(v)
                        };
                        (k.clone(), v)
                    })
                    .collect(),
            ),
            Value::Array(items) => Value::Array(items.iter().map(|v| self.json(v)).collect()),
            Value::String(s) => Value::String(self.text(s)),
            other => other.clone(),
        }
    }

    /// Free text with known secrets and session-token-shaped words replaced.
    pub fn text(&self, text: &str) -> String {
        let out = SESSION_TOKEN.replace_all(text, "r:<redacted>");
        let mut out = FORM_SECRET
            .replace_all(&out, format!("${{1}}{REDACTED}"))
            .into_owned();
        for secret in &self.secrets {
            out = out.replace(secret.as_str(), REDACTED);
        }
        out
    }

    /// A body (JSON or not) ready to print.
    pub fn body(&self, body: &str) -> String {
        match serde_json::from_str::<Value>(body) {
            Ok(json) => {
                serde_json::to_string_pretty(&self.json(&json)).unwrap_or_else(|_| self.text(body))
            }
            Err(_) => self.text(body),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn hides_secret_fields_at_any_depth() {
        let r = Redactor::default();
        let out =
            r.json(&json!({"user": {"password": "p_n7!-e8", "name": "x"}, "sessionToken": "abc"}));
        assert_eq!(
            out,
            json!({"user": {"password": REDACTED, "name": "x"}, "sessionToken": REDACTED})
        );
    }

    #[test]
    fn hides_link_tokens_and_typed_passwords() {
        let r = Redactor::default();
        assert_eq!(
            r.text("GET http://x/apps/a/verify_email?token=Ab3&locale=en"),
            "GET http://x/apps/a/verify_email?token=<redacted>&locale=en"
        );
        assert_eq!(
            r.text("token=Ab3&new_password=p_n7%21-e8&confirm_new_password=p"),
            "token=<redacted>&new_password=<redacted>&confirm_new_password=<redacted>"
        );
    }

    #[test]
    fn hides_known_secrets_and_token_shapes_in_text() {
        let r = Redactor::new(vec!["masterkey123".into()]);
        let out = r.text("key=masterkey123 token r:0123456789abcdef0123456789abcdef end");
        assert_eq!(out, "key=<redacted> token r:<redacted> end");
    }

    #[test]
    fn hides_secret_headers() {
        let r = Redactor::default();
        assert_eq!(
            r.header("X-Parse-Master-Key", "m"),
            "X-Parse-Master-Key: <redacted>"
        );
        assert_eq!(
            r.header("Origin", "https://a.example"),
            "Origin: https://a.example"
        );
    }
}
