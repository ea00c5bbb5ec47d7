//! Query-string parameters → [`Query`].

use std::collections::HashMap;

use serde_json::Value;

use super::Query;
use crate::error::ParseError;

/// Parse Server's default page size.
pub const DEFAULT_LIMIT: usize = 100;

/// Reads `where`, `order`, `skip`, `limit`, `keys` and `count`.
pub fn parse(params: &HashMap<String, String>) -> Result<Query, ParseError> {
    let constraints = match params.get("where") {
        None => Default::default(),
        Some(text) => match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(map)) => map,
            Ok(_) => return Err(ParseError::invalid_json("where must be a JSON object")),
            Err(e) => return Err(ParseError::invalid_json(e)),
        },
    };
    let number = |name: &str, default: usize| -> Result<usize, ParseError> {
        match params.get(name) {
            None => Ok(default),
            Some(text) => text
                .trim()
                .parse::<i64>()
                .map(|n| usize::try_from(n.max(0)).unwrap_or(0))
                .map_err(|_| ParseError::new(102, format!("Invalid {name}: {text}"))),
        }
    };
    let order = params
        .get("order")
        .map(|text| {
            text.split(',')
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .map(|k| match k.strip_prefix('-') {
                    Some(field) => (field.to_owned(), true),
                    None => (k.to_owned(), false),
                })
                .collect()
        })
        .unwrap_or_default();
    let keys = params.get("keys").map(|text| {
        text.split(',')
            .map(|k| k.trim().to_owned())
            .filter(|k| !k.is_empty())
            .collect()
    });
    let count = params.get("count").is_some_and(|c| c == "1" || c == "true");
    Ok(Query {
        constraints,
        order,
        skip: number("skip", 0)?,
        limit: number("limit", DEFAULT_LIMIT)?,
        keys,
        count,
    })
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
}
