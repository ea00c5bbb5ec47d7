//! Query-string parameters → [`Query`].

use std::collections::HashMap;

use serde_json::Value;

use super::{Query, validate};
use crate::{error::ParseError, request_complexity::RequestComplexity};

/// Parse Server's default page size.
pub const DEFAULT_LIMIT: usize = 100;

/// The parameters a find accepts (Parse Server's `ClassesRouter`); any
/// other is refused with 102.
const PARAMETERS: &[&str] = &[
    "where",
    "order",
    "skip",
    "limit",
    "keys",
    "excludeKeys",
    "count",
    "include",
    "includeAll",
    "redirectClassNameForKey",
    "readPreference",
    "includeReadPreference",
    "subqueryReadPreference",
    "hint",
    "explain",
    "comment",
];

/// Reads `where`, `order`, `skip`, `limit`, `keys`, `excludeKeys`,
/// `include` and `count`, and checks the `where` ([`validate`]), without
/// complexity limits.
pub fn parse(params: &HashMap<String, String>) -> Result<Query, ParseError> {
    parse_within(params, &RequestComplexity::default(), true)
}

/// [`parse`] within `limits` (unless `is_master`): as in Parse Server, a
/// `where` or `include` over a limit is refused before the `where` is
/// checked any further.
pub fn parse_within(
    params: &HashMap<String, String>,
    limits: &RequestComplexity,
    is_master: bool,
) -> Result<Query, ParseError> {
    if let Some(unknown) = params.keys().find(|k| !PARAMETERS.contains(&k.as_str())) {
        return Err(ParseError::new(
            102,
            format!("Invalid parameter for query: {unknown}"),
        ));
    }
    let constraints = match params.get("where") {
        None => Default::default(),
        Some(text) => match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(map)) => map,
            _ => return Err(ParseError::new(107, "where parameter is not valid JSON")),
        },
    };
    let include = params.get("include").map(|k| list(k)).unwrap_or_default();
    limits.check_query(is_master, &constraints, &include)?;
    validate::validate(&constraints)?;
    Ok(Query {
        constraints,
        order: order(params.get("order"))?,
        skip: number(params, "skip", 0)?,
        limit: number(params, "limit", DEFAULT_LIMIT)?,
        keys: params.get("keys").map(|k| list(k)),
        exclude_keys: params
            .get("excludeKeys")
            .map(|k| list(k))
            .unwrap_or_default(),
        include,
        count: params.get("count").is_some_and(|c| truthy(c)),
    })
}

/// `skip` or `limit`: a whole number, 0 or more (102 otherwise).
fn number(
    params: &HashMap<String, String>,
    name: &str,
    default: usize,
) -> Result<usize, ParseError> {
    match params.get(name) {
        None => Ok(default),
        Some(text) => text
            .trim()
            .parse::<usize>()
            .map_err(|_| ParseError::new(102, format!("Invalid {name}: {text}"))),
    }
}

/// `order`: comma-separated field names, each descending with a `-`; an
/// invalid field name is 105.
fn order(text: Option<&String>) -> Result<Vec<(String, bool)>, ParseError> {
    let Some(text) = text else {
        return Ok(Vec::new());
    };
    list(text)
        .into_iter()
        .map(|key| {
            let (field, descending) = match key.strip_prefix('-') {
                Some(field) => (field.to_owned(), true),
                None => (key, false),
            };
            if validate::queryable(&field) || field == "$score" {
                Ok((field, descending))
            } else {
                Err(ParseError::invalid_field_name(&field))
            }
        })
        .collect()
}

/// A list of names: comma-separated, or a JSON array of strings.
pub fn list(text: &str) -> Vec<String> {
    let names: Vec<String> = match serde_json::from_str::<Vec<String>>(text) {
        Ok(names) => names,
        Err(_) => text.split(',').map(str::to_owned).collect(),
    };
    names
        .into_iter()
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect()
}

/// Whether a parameter such as `count` is on: anything but `0`, `false`,
/// `null` and nothing, as Parse Server reads it.
fn truthy(text: &str) -> bool {
    !matches!(text.trim(), "" | "0" | "false" | "null")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_parameter() {
        let params: HashMap<String, String> = [
            ("where", r#"{"a":1}"#),
            ("order", "-score,name"),
            ("skip", "2"),
            ("limit", "3"),
            ("keys", "a,b"),
            ("count", "1"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let q = parse(&params).unwrap();
        assert_eq!(
            q.order,
            vec![("score".to_owned(), true), ("name".to_owned(), false)]
        );
        assert_eq!((q.skip, q.limit, q.count), (2, 3, true));
        assert_eq!(q.keys, Some(vec!["a".to_owned(), "b".to_owned()]));
    }

    #[test]
    fn a_where_that_is_not_json_is_code_107() {
        let params = HashMap::from([("where".to_owned(), "{nope".to_owned())]);
        assert_eq!(parse(&params).unwrap_err().code, 107);
    }

    #[test]
    fn refuses_unknown_parameters_and_bad_numbers() {
        let one = |k: &str, v: &str| parse(&HashMap::from([(k.to_owned(), v.to_owned())]));
        assert_eq!(
            one("foo", "1").unwrap_err().message,
            "Invalid parameter for query: foo"
        );
        assert_eq!(one("limit", "abc").unwrap_err().code, 102);
        assert_eq!(one("skip", "-1").unwrap_err().code, 102);
        assert_eq!(one("order", "bad-key").unwrap_err().code, 105);
        assert_eq!(one("where", "[1]").unwrap_err().code, 107);
        assert!(!one("count", "0").unwrap().count);
        assert!(one("count", "true").unwrap().count);
        assert_eq!(
            one("keys", r#"["a","b"]"#).unwrap().keys,
            Some(vec!["a".into(), "b".into()])
        );
    }
}
