//! Keeps secrets out of everything the suite prints or writes.
//!
//! The master key, passwords and session tokens must never reach a terminal,
//! a report or a CI log. Every exchange is redacted before it is shown:
//! secret headers and secret JSON fields by name, known secret values (the
//! master key) wherever they appear, and anything shaped like a revocable
//! session token (`r:` followed by letters and digits).
//!
//! The passwords the features themselves write (`with password "…"`,
//! `{"password": "…"}`, `password=…`) are known values too
//! ([`feature_passwords`]): the step texts that cucumber prints and the
//! reports list show them as `<redacted>`, while the feature files keep them
//! readable.

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

/// A password written in a feature: after `password "`, as the value of a
/// password field, or after `password=` in a query or a form.
static FEATURE_PASSWORD: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // a constant pattern
    Regex::new(
        r#"(?i)password "([^"]+)"|"(?:password|new_password|confirm_new_password)"\s*:\s*"([^"]+)"|\b(?:password|new_password|confirm_new_password)=([^&\s"'|<>]+)"#,
    )
    .unwrap()
});

/// Every password the feature texts write literally, to be redacted as a
/// known secret. Placeholders (`{{…}}`) are left out (their values are
/// redacted where they are sent), and so are values with a character that
/// JSON, XML or HTML would escape, which a literal replacement in those
/// reports could not find.
pub fn feature_passwords<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut found: Vec<String> = texts
        .into_iter()
        .flat_map(|text| FEATURE_PASSWORD.captures_iter(text))
        .filter_map(|c| {
            c.iter()
                .skip(1)
                .flatten()
                .next()
                .map(|m| m.as_str().to_owned())
        })
        .filter(|v| !v.contains("{{") && !v.contains(['"', '\\', '<', '>', '&', '\'']))
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// Redacts secrets for display.
#[derive(Clone, Debug, Default)]
pub struct Redactor {
    secrets: Vec<String>,
}

impl Redactor {
    /// A redactor that also hides each of `secrets` wherever it appears.
    pub fn new(secrets: Vec<String>) -> Redactor {
        let mut secrets: Vec<String> = secrets.into_iter().filter(|s| !s.is_empty()).collect();
        // The longest first, so that a secret containing another one
        // (`n3w-p_n7!-e8`, `p_n7!-e8`) is hidden whole.
        secrets.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        secrets.dedup();
        Redactor { secrets }
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

/// An output (the console, a report file) whose text goes through a
/// [`Redactor`] line by line before it is written: cucumber's own writers
/// print step texts, which may carry a feature's password.
pub struct RedactingWriter<W: std::io::Write> {
    inner: W,
    redactor: Redactor,
    pending: Vec<u8>,
}

impl<W: std::io::Write> RedactingWriter<W> {
    /// Redacts what is written to `inner`.
    pub fn new(inner: W, redactor: Redactor) -> RedactingWriter<W> {
        RedactingWriter {
            inner,
            redactor,
            pending: Vec::new(),
        }
    }

    fn write_out(&mut self, upto: usize) -> std::io::Result<()> {
        let chunk: Vec<u8> = self.pending.drain(..upto).collect();
        match std::str::from_utf8(&chunk) {
            Ok(text) => self.inner.write_all(self.redactor.text(text).as_bytes()),
            // Not text: nothing a redactor could find in it.
            Err(_) => self.inner.write_all(&chunk),
        }
    }
}

impl<W: std::io::Write> std::io::Write for RedactingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if let Some(last) = self.pending.iter().rposition(|&b| b == b'\n') {
            self.write_out(last + 1)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let all = self.pending.len();
        self.write_out(all)?;
        self.inner.flush()
    }
}

impl<W: std::io::Write> Drop for RedactingWriter<W> {
    fn drop(&mut self) {
        let _ = std::io::Write::flush(self);
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
    fn finds_the_passwords_features_write() {
        let feature = r#"
    Given a user a signed up with password "p_n7!-e8"
    When a logs in with password "n3w-p_n7!-e8" through GET /login?username=x&password=q_s3cr3t
      """
      {"password": "f1eld-pw", "new_password": "{{a.password}}"}
      """
"#;
        assert_eq!(
            feature_passwords([feature]),
            vec!["f1eld-pw", "n3w-p_n7!-e8", "p_n7!-e8", "q_s3cr3t"]
        );
        let r = Redactor::new(feature_passwords([feature]));
        assert_eq!(
            r.text(r#"password "n3w-p_n7!-e8" or "p_n7!-e8""#),
            r#"password "<redacted>" or "<redacted>""#
        );
    }

    #[test]
    fn a_redacting_writer_hides_secrets_split_across_writes() {
        use std::io::Write as _;
        let mut out = Vec::new();
        {
            let mut w = RedactingWriter::new(&mut out, Redactor::new(vec!["s3cr3t".into()]));
            w.write_all(b"a s3").unwrap();
            w.write_all(b"cr3t b\nc").unwrap();
        }
        assert_eq!(String::from_utf8(out).unwrap(), "a <redacted> b\nc");
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
