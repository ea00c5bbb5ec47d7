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
