//! The query engine: `where` constraints, `order`, `skip`, `limit`, `keys`,
//! `excludeKeys` and `count`, as pure functions over [`Document`]s (no
//! HTTP, no locks). The store's planner (`store::find`) picks the rows a
//! query looks at and runs the engine over them as they are stored.
//!
//! - [`parse`]: query-string parameters → [`Query`].
//! - [`validate`]: refuses a malformed `where` before any object is read.
//! - [`resolve`]: replaces subqueries (`$inQuery`, `$select`, …) by plain
//!   constraints, through a [`resolve::Source`].
//! - [`eval`]: does a [`Document`] match a `where`; sorting; picking keys.
//! - [`geo`]: the geo operators (`$nearSphere`, `$within`, `$geoWithin`,
//!   `$geoIntersects`) and the checks of GeoPoints and Polygons.
//! - [`text`]: the `$text` search.
//! - [`regex_quote`]: `\Q…\E` literal text in a `$regex`.

pub mod aggregate;
pub mod eval;
pub mod geo;
pub mod parse;
pub mod regex_quote;
pub mod resolve;
pub mod text;
pub mod validate;

use serde_json::{Map, Value};

/// Something a query can be evaluated over: a stored object, whatever the
/// store keeps around it. Dot notation (`a.b`) descends from
/// [`Document::field`] into nested objects (see [`lookup`]).
pub trait Document {
    /// The top-level field `name`, if the document has it.
    fn field(&self, name: &str) -> Option<&Value>;
}

impl Document for Map<String, Value> {
    fn field(&self, name: &str) -> Option<&Value> {
        self.get(name)
    }
}

/// The value at `path` in `doc`: a field name, or `a.b.c` to descend into
/// nested objects.
pub fn lookup<'a, D: Document + ?Sized>(doc: &'a D, path: &str) -> Option<&'a Value> {
    if !path.contains('.') {
        return doc.field(path);
    }
    let mut parts = path.split('.');
    let mut value = doc.field(parts.next()?)?;
    for part in parts {
        value = value.as_object()?.get(part)?;
    }
    Some(value)
}

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
    /// Only these fields (plus objectId, createdAt, updatedAt and ACL), if
    /// given.
    pub keys: Option<Vec<String>>,
    /// Every field but these (objectId, createdAt and updatedAt stay).
    pub exclude_keys: Vec<String>,
    /// Pointer fields to replace by the objects they point to.
    pub include: Vec<String>,
    /// Whether to answer the number of matches too.
    pub count: bool,
}

impl Query {
    /// Every object that matches `constraints`, in no given order, with all
    /// its fields: a subquery.
    pub fn matching(constraints: Map<String, Value>) -> Query {
        Query {
            constraints,
            order: Vec::new(),
            skip: 0,
            limit: usize::MAX,
            keys: None,
            exclude_keys: Vec::new(),
            include: Vec::new(),
            count: false,
        }
    }
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
/// matches before `skip` and `limit`) when given.
pub fn results(results: Vec<Map<String, Value>>, count: Option<usize>) -> Value {
    // Moved into place: `json!` would serialize every object again.
    let results = results.into_iter().map(Value::Object).collect();
    let mut answer = Map::new();
    answer.insert("results".into(), Value::Array(results));
    if let Some(count) = count {
        answer.insert("count".into(), Value::from(count));
    }
    Value::Object(answer)
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

    /// A document that is not a JSON map: the engine only needs `field`.
    struct Pair(Value);

    impl Document for Pair {
        fn field(&self, name: &str) -> Option<&Value> {
            (name == "only").then_some(&self.0)
        }
    }

    #[test]
    fn dot_notation_descends_from_any_document() {
        let doc = Pair(serde_json::json!({"a": {"b": 3}}));
        assert_eq!(lookup(&doc, "only.a.b"), Some(&serde_json::json!(3)));
        assert_eq!(lookup(&doc, "only.a.c"), None);
        assert_eq!(lookup(&doc, "other"), None);
        let w = serde_json::json!({"only.a.b": {"$gt": 2}});
        assert!(eval::matches(&doc, w.as_object().unwrap()).unwrap());
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
