//! JSON expectations and their failure messages.
//!
//! A failed expectation shows a diff of expected against actual JSON
//! (`pretty_assertions`), restricted to what the expectation talks about, so a
//! reader sees at once which field differs.

use pretty_assertions::StrComparison;
use serde_json::{Map, Value};

/// Whether `actual` contains `expected`: every field of an expected object is
/// present with a matching value (extra actual fields are fine); arrays match
/// element by element and have the same length; other values are equal.
pub fn contains(actual: &Value, expected: &Value) -> bool {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => e
            .iter()
            .all(|(k, ev)| a.get(k).is_some_and(|av| contains(av, ev))),
        (Value::Array(a), Value::Array(e)) => {
            a.len() == e.len() && a.iter().zip(e).all(|(av, ev)| contains(av, ev))
        }
        (a, e) => a == e,
    }
}

/// `actual` cut down to the shape of `expected`: the fields `expected` names
/// (absent ones left out), so that a diff shows only what matters.
pub fn project(actual: &Value, expected: &Value) -> Value {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => {
            let mut out = Map::new();
            for (k, ev) in e {
                if let Some(av) = a.get(k) {
                    out.insert(k.clone(), project(av, ev));
                }
            }
            Value::Object(out)
        }
        (Value::Array(a), Value::Array(e)) if a.len() == e.len() => {
            Value::Array(a.iter().zip(e).map(|(av, ev)| project(av, ev)).collect())
        }
        (a, _) => a.clone(),
    }
}

/// A readable diff of two JSON values, without terminal colours.
pub fn diff(expected: &Value, actual: &Value) -> String {
    let expected = pretty(expected);
    let actual = pretty(actual);
    let text = format!("{}", StrComparison::new(&expected, &actual));
    strip_ansi(&format!("left: expected, right: actual\n{text}"))
}

/// Pretty-printed JSON.
pub fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}

/// Removes ANSI colour sequences, which reports cannot show.
pub fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The items of a comma-separated list in feature text, trimmed.
pub fn list(text: &str) -> Vec<String> {
    text.split(',')
        .map(|item| item.trim().to_owned())
        .filter(|item| !item.is_empty())
        .collect()
}

/// Whether two lists of names are equal; the error shows both, under `what`.
pub fn same_names(what: &str, expected: &[String], actual: &[String]) -> Result<(), String> {
    if expected == actual {
        Ok(())
    } else {
        Err(format!(
            "expected {what} [{}]\n     got {what} [{}]",
            expected.join(", "),
            actual.join(", ")
        ))
    }
}

/// The names of an object's fields, sorted.
pub fn field_names(value: &Value) -> Vec<String> {
    let mut names: Vec<String> = value
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn contains_accepts_extra_fields_only() {
        let actual = json!({"a": 1, "b": {"c": 2, "d": 3}, "e": [1, 2]});
        assert!(contains(&actual, &json!({"b": {"c": 2}})));
        assert!(contains(&actual, &json!({"e": [1, 2]})));
        assert!(!contains(&actual, &json!({"e": [1]})));
        assert!(!contains(&actual, &json!({"b": {"c": 3}})));
        assert!(!contains(&actual, &json!({"z": null})));
    }

    #[test]
    fn projection_keeps_only_expected_fields() {
        let actual = json!({"a": 1, "b": {"c": 2, "d": 3}});
        assert_eq!(
            project(&actual, &json!({"b": {"c": 0}, "x": 1})),
            json!({"b": {"c": 2}})
        );
    }

    #[test]
    fn diff_has_no_colours_and_shows_both_sides() {
        let text = diff(&json!({"code": 202}), &json!({"code": 203}));
        assert!(!text.contains('\u{1b}'));
        assert!(text.contains("202") && text.contains("203"));
    }
}
