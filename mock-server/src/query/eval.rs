//! Matching, sorting and key selection.

use std::cmp::Ordering;

use serde_json::{Map, Value};

use super::Document;
use crate::error::ParseError;

/// Fields a query may never name: the password and internal fields.
fn forbidden(field: &str) -> bool {
    field == "password" || (field.starts_with('_') && !field.starts_with("__"))
}

/// Whether `object` satisfies every constraint.
pub fn matches<D: Document + ?Sized>(
    object: &D,
    constraints: &Map<String, Value>,
) -> Result<bool, ParseError> {
    for (field, constraint) in constraints {
        if let Some(ok) = logical(object, field, constraint)? {
            if !ok {
                return Ok(false);
            }
            continue;
        }
        if forbidden(field) || !valid_key(field) {
            return Err(ParseError::new(105, format!("Invalid key name: {field}")));
        }
        let value = object.field(field);
        let ok = match constraint {
            Value::Object(ops) if ops.keys().any(|k| k.starts_with('$')) => {
                let mut all = true;
                for (op, operand) in ops {
                    all &= operator(op, value, operand, ops)?;
                }
                all
            }
            expected => value.is_some_and(|v| equal(v, expected)),
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `$or`, `$and` and `$nor`: an array of `where` objects; `None` for any
/// other field.
fn logical<D: Document + ?Sized>(
    object: &D,
    field: &str,
    operand: &Value,
) -> Result<Option<bool>, ParseError> {
    if !matches!(field, "$or" | "$and" | "$nor") {
        return Ok(None);
    }
    let bad = || ParseError::new(102, format!("Bad {field} format - use an array value."));
    let clauses = operand.as_array().ok_or_else(bad)?;
    let mut results = Vec::with_capacity(clauses.len());
    for clause in clauses {
        results.push(matches(object, clause.as_object().ok_or_else(bad)?)?);
    }
    Ok(Some(match field {
        "$or" => results.contains(&true),
        "$and" => !results.contains(&false),
        _ => !results.contains(&true),
    }))
}

fn valid_key(field: &str) -> bool {
    let mut chars = field.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn operator(
    op: &str,
    value: Option<&Value>,
    operand: &Value,
    all: &Map<String, Value>,
) -> Result<bool, ParseError> {
    let compare = |want: &[Ordering]| {
        value
            .and_then(|v| order(v, operand))
            .is_some_and(|o| want.contains(&o))
    };
    Ok(match op {
        "$lt" => compare(&[Ordering::Less]),
        "$lte" => compare(&[Ordering::Less, Ordering::Equal]),
        "$gt" => compare(&[Ordering::Greater]),
        "$gte" => compare(&[Ordering::Greater, Ordering::Equal]),
        "$ne" => !value.is_some_and(|v| equal(v, operand)),
        "$in" => list(op, operand)?
            .iter()
            .any(|o| value.is_some_and(|v| equal(v, o))),
        "$nin" => !list(op, operand)?
            .iter()
            .any(|o| value.is_some_and(|v| equal(v, o))),
        "$exists" => match operand {
            Value::Bool(wanted) => value.is_some_and(|v| !v.is_null()) == *wanted,
            _ => return Err(ParseError::new(102, "$exists: argument must be a boolean")),
        },
        "$regex" => {
            let pattern = operand
                .as_str()
                .ok_or_else(|| ParseError::new(102, "$regex: argument must be a string"))?;
            let options = all
                .get("$options")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let regex = regex::RegexBuilder::new(pattern)
                .case_insensitive(options.contains('i'))
                .multi_line(options.contains('m'))
                .build()
                .map_err(|_| ParseError::new(102, "Invalid regular expression"))?;
            value
                .and_then(Value::as_str)
                .is_some_and(|s| regex.is_match(s))
        }
        "$options" => true,
        other => return Err(ParseError::new(102, format!("bad constraint: {other}"))),
    })
}

fn list<'a>(op: &str, operand: &'a Value) -> Result<&'a Vec<Value>, ParseError> {
    operand
        .as_array()
        .ok_or_else(|| ParseError::new(102, format!("{op}: argument must be an array")))
}

/// Equality, with a value matching an array that contains it (Parse's
/// array semantics).
fn equal(value: &Value, expected: &Value) -> bool {
    match value {
        Value::Array(items) if !expected.is_array() => items.contains(expected),
        _ => comparable(value) == comparable(expected),
    }
}

/// Dates compare by their ISO text; everything else as is.
fn comparable(value: &Value) -> &Value {
    match value.get("__type").and_then(Value::as_str) {
        Some("Date") => value.get("iso").unwrap_or(value),
        _ => value,
    }
}

/// The order of two values of the same kind (numbers, strings, dates).
fn order(a: &Value, b: &Value) -> Option<Ordering> {
    match (comparable(a), comparable(b)) {
        (Value::Number(x), Value::Number(y)) => x.as_f64()?.partial_cmp(&y.as_f64()?),
        (Value::String(x), Value::String(y)) => Some(x.cmp(y)),
        (Value::Bool(x), Value::Bool(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

/// Sorts by the keys in order; missing values sort first.
pub fn sort<D: Document>(objects: &mut [D], keys: &[(String, bool)]) {
    objects.sort_by(|a, b| {
        for (key, descending) in keys {
            let ord = match (a.field(key), b.field(key)) {
                (Some(x), Some(y)) => order(x, y).unwrap_or(Ordering::Equal),
                (None, Some(_)) => Ordering::Less,
                (Some(_), None) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            };
            let ord = if *descending { ord.reverse() } else { ord };
            if ord != Ordering::Equal {
                return ord;
            }
        }
        Ordering::Equal
    });
}

/// Keeps only `keys` and the fields every object has.
pub fn pick(object: Map<String, Value>, keys: &[String]) -> Map<String, Value> {
    object
        .into_iter()
        .filter(|(k, _)| {
            matches!(k.as_str(), "objectId" | "createdAt" | "updatedAt")
                || keys.iter().any(|w| w == k)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn operators_match_as_parse_defines_them() {
        let o = obj(json!({"score": 5, "name": "Bob", "tags": ["a", "b"]}));
        let ok = |w: Value| matches(&o, &obj(w)).unwrap();
        assert!(ok(json!({"score": {"$gt": 4, "$lte": 5}})));
        assert!(!ok(json!({"score": {"$lt": 5}})));
        assert!(ok(json!({"name": {"$in": ["Al", "Bob"]}})));
        assert!(ok(
            json!({"name": {"$nin": ["Al"]}, "missing": {"$exists": false}})
        ));
        assert!(ok(json!({"name": {"$regex": "^b", "$options": "i"}})));
        assert!(ok(json!({"tags": "a", "score": {"$ne": 4}})));
    }

    #[test]
    fn password_and_internal_fields_cannot_be_queried() {
        let o = obj(json!({"name": "x"}));
        for field in ["password", "_hashed_password", "_perishable_token"] {
            let err = matches(&o, &obj(json!({ field: {"$exists": true} }))).unwrap_err();
            assert_eq!(err.code, 105);
        }
    }

    #[test]
    fn or_and_nor_combine_where_objects() {
        let o = obj(json!({"score": 5}));
        let ok = |w: Value| matches(&o, &obj(w)).unwrap();
        assert!(ok(json!({"$or": [{"score": 1}, {"score": 5}]})));
        assert!(!ok(json!({"$and": [{"score": 5}, {"score": 1}]})));
        assert!(ok(json!({"$nor": [{"score": 1}]})));
        assert_eq!(
            matches(&o, &obj(json!({"$or": {"score": 5}})))
                .unwrap_err()
                .code,
            102
        );
    }

    #[test]
    fn sorts_by_several_keys() {
        let mut list = vec![
            obj(json!({"a": 1, "b": 2})),
            obj(json!({"a": 2, "b": 1})),
            obj(json!({"a": 1, "b": 3})),
        ];
        sort(&mut list, &[("a".into(), false), ("b".into(), true)]);
        let bs: Vec<_> = list.iter().map(|o| o["b"].clone()).collect();
        assert_eq!(bs, vec![json!(3), json!(2), json!(1)]);
    }
}
