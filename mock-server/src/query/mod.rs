//! The query engine: `where` constraints, `order`, `skip`, `limit`, `keys`
//! and `count`, as pure functions over JSON objects (no HTTP, no locks).
//!
//! - [`parse`]: query-string parameters → [`Query`].
//! - [`eval`]: does an object match a `where`; sorting; picking keys.
//!
//! The engine reads objects through [`Document`], so it runs over the
//! store's rows as they are; the store's planner (`store::find`) picks the
//! rows to look at.

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

/// A find's answer: `{"results": [...]}`, plus `"count"` (the number of
/// matches before `skip` and `limit`) when asked.
pub fn answer(query: &Query, results: Vec<Map<String, Value>>, total: usize) -> Value {
    let mut answer = serde_json::json!({ "results": results });
    if query.count {
        answer["count"] = serde_json::json!(total);
    }
    answer
}

/// What the query engine reads an object through: a stored row or a JSON
/// object alike.
pub trait Document {
    /// The value of a top-level field; `None` when it is missing.
    fn field(&self, name: &str) -> Option<&Value>;
}

impl Document for Map<String, Value> {
    fn field(&self, name: &str) -> Option<&Value> {
        self.get(name)
    }
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
