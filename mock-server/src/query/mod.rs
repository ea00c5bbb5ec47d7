//! The query engine: `where` constraints, `order`, `skip`, `limit`, `keys`
//! and `count`, as pure functions over JSON objects (no HTTP, no locks).
//!
//! - [`parse`]: query-string parameters → [`Query`].
//! - [`eval`]: does an object match a `where`; sorting; picking keys.

pub mod eval;
pub mod parse;

use serde_json::{Map, Value};

/// A parsed query.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    /// The `where` constraints: field → value or `{"$op": operand}`.
    pub constraints: Map<String, Value>,
    /// Sort keys in order; `true` means descending.
    pub order: Vec<(String, bool)>,
    /// How many results to skip.
    pub skip: usize,
    /// At most this many results (default 100).
    pub limit: usize,
    /// Only these fields (plus objectId, createdAt, updatedAt), if given.
    pub keys: Option<Vec<String>>,
    /// Whether to answer the number of matches too.
    pub count: bool,
}

/// Whether the query constrains or sorts by `field` (or a key under it,
/// `field.x`), at any depth of `$or`, `$and` and `$nor`. Protected fields
/// such as a user's `email` may not be named by a client query at all, so
/// that their values cannot be guessed from which objects match
/// (GHSA-72hp-qff8-4pvv, GHSA-r2m8-pxm9-9c4g, GHSA-2m6g-crv8-p3c6).
pub fn names_field(query: &Query, field: &str) -> bool {
    let is_field = |key: &str| {
        key == field
            || key
                .strip_prefix(field)
                .is_some_and(|rest| rest.starts_with('.'))
    };
    query.order.iter().any(|(key, _)| is_field(key)) || constrains(&query.constraints, &is_field)
}

fn constrains(constraints: &Map<String, Value>, is_field: &dyn Fn(&str) -> bool) -> bool {
    constraints.iter().any(|(key, value)| match key.as_str() {
        "$or" | "$and" | "$nor" => value.as_array().is_some_and(|clauses| {
            clauses
                .iter()
                .filter_map(Value::as_object)
                .any(|c| constrains(c, is_field))
        }),
        _ => is_field(key),
    })
}

/// A find's answer: `{"results": [...]}`, plus `"count"` when asked.
pub fn answer(
    query: &Query,
    objects: Vec<Map<String, Value>>,
) -> Result<Value, crate::error::ParseError> {
    let (results, total) = run(query, objects)?;
    let mut answer = serde_json::json!({ "results": results });
    if query.count {
        answer["count"] = serde_json::json!(total);
    }
    Ok(answer)
}

/// Runs a query over objects the caller may read: filter, sort, count,
/// page, pick keys. Returns the page and the total number of matches.
pub fn run(
    query: &Query,
    objects: Vec<Map<String, Value>>,
) -> Result<(Vec<Map<String, Value>>, usize), crate::error::ParseError> {
    let mut matching = Vec::new();
    for object in objects {
        if eval::matches(&object, &query.constraints)? {
            matching.push(object);
        }
    }
    eval::sort(&mut matching, &query.order);
    let total = matching.len();
    let page = matching
        .into_iter()
        .skip(query.skip)
        .take(query.limit)
        .map(|o| match &query.keys {
            Some(keys) => eval::pick(o, keys),
            None => o,
        })
        .collect();
    Ok((page, total))
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn query(params: &[(&str, &str)]) -> Query {
        let params: HashMap<String, String> = params
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        parse::parse(&params).unwrap()
    }

    #[test]
    fn finds_a_field_in_where_order_and_nested_clauses() {
        assert!(names_field(
            &query(&[("where", r#"{"email":"a"}"#)]),
            "email"
        ));
        assert!(names_field(
            &query(&[("where", r#"{"$or":[{"x":1},{"email.y":1}]}"#)]),
            "email"
        ));
        assert!(names_field(&query(&[("order", "-email")]), "email"));
        assert!(!names_field(
            &query(&[("where", r#"{"emails":"a"}"#)]),
            "email"
        ));
        assert!(!names_field(&query(&[("order", "username")]), "email"));
    }
}
