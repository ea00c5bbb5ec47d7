//! Parse Server's `requestComplexity` option: limits on how complex a
//! request without the master key may be.
//!
//! Parse Server 9.10 reads `includeDepth` (the longest include path,
//! `a.b.c` is 3), `includeCount` (how many include paths, prefixes
//! counted: `a.b` is `a` and `a.b`), `subqueryDepth` (how deep `$inQuery`,
//! `$notInQuery`, `$select` and `$dontSelect` nest), `queryDepth` (how
//! deep `$or`, `$and` and `$nor` nest) and `batchRequestLimit` (how many
//! commands a batch holds). A request over a limit is refused with 102
//! `INVALID_QUERY` (107 `INVALID_JSON` for a batch), with Parse Server's
//! messages; the master key is never limited. Each limit is off at `-1`,
//! Parse Server 9.10's default for all of them (its `Deprecations.js`
//! announces 10, 100, 10, 10 and 100 as the next defaults).
//! Parse Server's `RestQuery.js` (`validateQueryDepth`,
//! `checkSubqueryDepth`, `validateIncludeComplexity`) and `batch.js`.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::{config::ConfigError, error::ParseError};

/// The limits; `-1` turns one off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestComplexity {
    /// `includeDepth`: the most segments an include path may have.
    pub include_depth: i64,
    /// `includeCount`: the most include paths, prefixes counted.
    pub include_count: i64,
    /// `subqueryDepth`: how deep subqueries may nest.
    pub subquery_depth: i64,
    /// `queryDepth`: how deep `$or`, `$and` and `$nor` may nest.
    pub query_depth: i64,
    /// `batchRequestLimit`: the most commands in one batch.
    pub batch_request_limit: i64,
}

impl Default for RequestComplexity {
    /// Every limit off, as Parse Server 9.10 has them by default.
    fn default() -> RequestComplexity {
        RequestComplexity {
            include_depth: -1,
            include_count: -1,
            subquery_depth: -1,
            query_depth: -1,
            batch_request_limit: -1,
        }
    }
}

/// Whether `value` is over `limit` (never, when the limit is off).
fn over(value: usize, limit: i64) -> bool {
    limit >= 0 && i64::try_from(value).unwrap_or(i64::MAX) > limit
}

impl RequestComplexity {
    /// The limits given in a `requestComplexity` object; the names it does
    /// not give keep their default. Like Parse Server, each must be a
    /// positive integer or -1; other names are refused.
    pub fn from_json(value: &Value) -> Result<RequestComplexity, ConfigError> {
        let Value::Object(map) = value else {
            return Err(ConfigError("requestComplexity must be an object.".into()));
        };
        let mut limits = RequestComplexity::default();
        for (key, value) in map {
            let slot = match key.as_str() {
                "includeDepth" => &mut limits.include_depth,
                "includeCount" => &mut limits.include_count,
                "subqueryDepth" => &mut limits.subquery_depth,
                "queryDepth" => &mut limits.query_depth,
                "batchRequestLimit" => &mut limits.batch_request_limit,
                // Read by Parse Server for what this server does not serve
                // (GraphQL) or does not limit.
                "graphQLDepth" | "graphQLFields" | "subqueryLimit" | "allowRegex" => continue,
                _ => {
                    return Err(ConfigError(format!(
                        "requestComplexity contains unknown property '{key}'."
                    )));
                }
            };
            *slot = value
                .as_i64()
                .filter(|n| *n >= 1 || *n == -1)
                .ok_or_else(|| {
                    ConfigError(format!(
                        "requestComplexity.{key} must be a positive integer or -1 to disable."
                    ))
                })?;
        }
        Ok(limits)
    }

    /// Checks a find's `where` and include paths, unless `is_master`.
    pub fn check_query(
        &self,
        is_master: bool,
        constraints: &Map<String, Value>,
        include: &[String],
    ) -> Result<(), ParseError> {
        if is_master {
            return Ok(());
        }
        if self.query_depth >= 0 {
            let mut deepest = 0;
            for (key, value) in constraints {
                logical_depth(value, usize::from(is_logical(key)), &mut deepest);
            }
            if over(deepest, self.query_depth) {
                return Err(ParseError::new(
                    102,
                    format!(
                        "Query condition nesting depth exceeds maximum allowed depth of {}",
                        self.query_depth
                    ),
                ));
            }
        }
        if self.subquery_depth >= 0 && over(subquery_depth(constraints), self.subquery_depth) {
            return Err(ParseError::new(
                102,
                format!(
                    "Subquery nesting depth exceeds maximum allowed depth of {}",
                    self.subquery_depth
                ),
            ));
        }
        self.check_include(is_master, include)
    }

    /// Checks include paths (`["a.b", "c"]`), unless `is_master`.
    pub fn check_include(&self, is_master: bool, include: &[String]) -> Result<(), ParseError> {
        if is_master {
            return Ok(());
        }
        // Every path with its prefixes, as Parse Server counts them.
        let mut paths = BTreeSet::new();
        for path in include {
            let parts: Vec<&str> = path.split('.').collect();
            for end in 1..=parts.len() {
                paths.insert(parts[..end].join("."));
            }
        }
        let depth = include
            .iter()
            .map(|p| p.split('.').count())
            .max()
            .unwrap_or(0);
        if over(depth, self.include_depth) {
            return Err(ParseError::new(
                102,
                format!(
                    "Include depth of {depth} exceeds maximum allowed depth of {}",
                    self.include_depth
                ),
            ));
        }
        if over(paths.len(), self.include_count) {
            return Err(ParseError::new(
                102,
                format!(
                    "Number of include fields ({}) exceeds maximum allowed ({})",
                    paths.len(),
                    self.include_count
                ),
            ));
        }
        Ok(())
    }

    /// Checks the number of commands of a batch, unless `is_master`.
    pub fn check_batch(&self, is_master: bool, commands: usize) -> Result<(), ParseError> {
        if !is_master && over(commands, self.batch_request_limit) {
            return Err(ParseError::new(
                107,
                format!(
                    "Batch request contains {commands} sub-requests, which exceeds the limit of {}.",
                    self.batch_request_limit
                ),
            ));
        }
        Ok(())
    }
}

/// The deepest `$or`/`$and`/`$nor` nesting under `node`, which is at
/// `depth`: every value is visited (a compound operator under a field's
/// operators counts too), only the compound operators add a level.
fn logical_depth(node: &Value, depth: usize, deepest: &mut usize) {
    *deepest = (*deepest).max(depth);
    match node {
        Value::Array(items) => items
            .iter()
            .for_each(|item| logical_depth(item, depth, deepest)),
        Value::Object(map) => {
            for (key, value) in map {
                logical_depth(value, depth + usize::from(is_logical(key)), deepest);
            }
        }
        _ => {}
    }
}

/// `$or`, `$and` and `$nor`: the operators that add a level.
fn is_logical(key: &str) -> bool {
    matches!(key, "$or" | "$and" | "$nor")
}

/// How deep subqueries nest in `constraints`: 0 without any, 1 for a
/// `$inQuery` whose own `where` has none, …
fn subquery_depth(constraints: &Map<String, Value>) -> usize {
    fn object(map: &Map<String, Value>) -> usize {
        map.iter()
            .map(|(key, value)| {
                let inner = match key.as_str() {
                    "$inQuery" | "$notInQuery" => value.get("where"),
                    "$select" | "$dontSelect" => value.get("query").and_then(|q| q.get("where")),
                    _ => return walk(value),
                };
                1 + inner.map_or(0, walk)
            })
            .max()
            .unwrap_or(0)
    }
    fn walk(node: &Value) -> usize {
        match node {
            Value::Array(items) => items.iter().map(walk).max().unwrap_or(0),
            Value::Object(map) => object(map),
            _ => 0,
        }
    }
    object(constraints)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn limits() -> RequestComplexity {
        RequestComplexity {
            include_depth: 2,
            include_count: 3,
            subquery_depth: 1,
            query_depth: 1,
            batch_request_limit: 2,
        }
    }

    fn code(result: Result<(), ParseError>) -> Option<i32> {
        result.err().map(|e| e.code)
    }

    #[test]
    fn nested_compound_operators_count_levels() {
        let one = json!({"$or": [{"a": 1}]});
        let two = json!({"$or": [{"b": {"$x": {"$and": [{"a": 1}]}}}]});
        let check = |w: Value| limits().check_query(false, w.as_object().unwrap(), &[]);
        assert_eq!(code(check(one)), None);
        assert_eq!(code(check(two.clone())), Some(102));
        let master = limits().check_query(true, two.as_object().unwrap(), &[]);
        assert_eq!(code(master), None);
    }

    #[test]
    fn nested_subqueries_count_levels() {
        let sub = |w: Value| json!({"p": {"$inQuery": {"className": "C", "where": w}}});
        let select = json!({"p": {"$select": {"key": "k", "query": {"className": "C", "where": sub(json!({}))}}}});
        assert_eq!(subquery_depth(sub(json!({})).as_object().unwrap()), 1);
        assert_eq!(subquery_depth(select.as_object().unwrap()), 2);
        let under_or = json!({"$or": [sub(sub(json!({})))]});
        assert_eq!(subquery_depth(under_or.as_object().unwrap()), 2);
        let check = limits().check_query(false, select.as_object().unwrap(), &[]);
        assert_eq!(code(check), Some(102));
    }

    #[test]
    fn include_paths_count_with_their_prefixes() {
        let paths = |p: &[&str]| p.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            code(limits().check_include(false, &paths(&["a.b", "c"]))),
            None
        );
        assert_eq!(
            code(limits().check_include(false, &paths(&["a.b.c"]))),
            Some(102)
        );
        assert_eq!(
            code(limits().check_include(false, &paths(&["a.b", "c.d"]))),
            Some(102)
        );
        assert_eq!(
            code(limits().check_include(true, &paths(&["a.b", "c.d"]))),
            None
        );
    }

    #[test]
    fn batches_over_the_limit_are_107_and_off_means_off() {
        assert_eq!(code(limits().check_batch(false, 2)), None);
        assert_eq!(code(limits().check_batch(false, 3)), Some(107));
        assert_eq!(code(limits().check_batch(true, 3)), None);
        assert_eq!(
            code(RequestComplexity::default().check_batch(false, 10_000)),
            None
        );
    }

    #[test]
    fn every_limit_is_read_by_its_parse_server_name() {
        let all = json!({"includeDepth": 1, "includeCount": 2, "subqueryDepth": 3,
            "queryDepth": 4, "batchRequestLimit": -1, "graphQLDepth": 9});
        let read = RequestComplexity::from_json(&all).unwrap();
        let expected = RequestComplexity {
            include_depth: 1,
            include_count: 2,
            subquery_depth: 3,
            query_depth: 4,
            batch_request_limit: -1,
        };
        assert_eq!(read, expected);
        assert!(RequestComplexity::from_json(&json!({"batchRequestLimit": -2})).is_err());
    }

    #[test]
    fn the_option_reads_like_parse_servers() {
        let read = RequestComplexity::from_json(&json!({"queryDepth": 3, "allowRegex": true}));
        assert_eq!(read.unwrap().query_depth, 3);
        assert!(RequestComplexity::from_json(&json!({"queryDepth": 0})).is_err());
        assert!(RequestComplexity::from_json(&json!({"nope": 1})).is_err());
        assert!(RequestComplexity::from_json(&json!([])).is_err());
    }
}
