//! `$text`: full-text search, as Parse Server runs it on PostgreSQL
//! (`to_tsvector(…) @@ to_tsquery(…)`), simplified: the field's words,
//! without regard to case, must contain every word of the `$term`.

use serde_json::Value;

/// The words of a text, lower-cased: runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Whether `value` (a string) contains every word of the search term of
/// `operand` (`{"$search": {"$term": "…"}}`).
pub fn matches(value: Option<&Value>, operand: &Value) -> bool {
    let term = operand
        .get("$search")
        .and_then(|s| s.get("$term"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    let Some(text) = value.and_then(Value::as_str) else {
        return false;
    };
    let found: Vec<String> = words(text).collect();
    let mut wanted = words(term).peekable();
    wanted.peek().is_some() && wanted.all(|w| found.contains(&w))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn finds_whole_words_whatever_their_case() {
        let op = json!({"$search": {"$term": "daddy"}});
        assert!(matches(Some(&json!("Big Daddy's sauce")), &op));
        assert!(!matches(Some(&json!("Granddaddy")), &op));
        assert!(!matches(Some(&json!(3)), &op));
        assert!(!matches(None, &op));
    }
}
