//! Matching, sorting and key selection, over any [`Document`].
//!
//! The `where` is expected to have passed [`super::validate::validate`] and
//! [`super::resolve::resolve`]; what they would refuse is still refused
//! here, never matched by accident.

use std::cmp::Ordering;

use serde_json::{Map, Value};

use super::{Document, geo, lookup, text, validate};
use crate::error::ParseError;

/// Whether `doc` satisfies every constraint.
pub fn matches<D: Document + ?Sized>(
    doc: &D,
    constraints: &Map<String, Value>,
) -> Result<bool, ParseError> {
    for (field, constraint) in constraints {
        let ok = match field.as_str() {
            "$or" | "$and" | "$nor" => logical(doc, field, constraint)?,
            _ if !validate::queryable(field) => {
                return Err(ParseError::new(105, format!("Invalid key name: {field}")));
            }
            _ => field_matches(lookup(doc, field), constraint)?,
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

/// One field's value against its constraint: a value to equal, or an
/// object of operators that must all hold.
fn field_matches(value: Option<&Value>, constraint: &Value) -> Result<bool, ParseError> {
    match constraint.as_object().filter(|o| validate::is_operators(o)) {
        Some(ops) => {
            for (op, operand) in ops {
                if !operator(op, value, operand, ops)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        None => Ok(value.is_some_and(|v| equal(v, constraint))),
    }
}

/// `$or`, `$and` and `$nor`: an array of `where` objects.
fn logical<D: Document + ?Sized>(
    doc: &D,
    field: &str,
    operand: &Value,
) -> Result<bool, ParseError> {
    let mut results = Vec::new();
    for clause in validate::clauses(field, operand)? {
        results.push(matches(doc, clause)?);
    }
    Ok(match field {
        "$or" => results.contains(&true),
        "$and" => !results.contains(&false),
        _ => !results.contains(&true),
    })
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
    let contains = |o: &Value| value.is_some_and(|v| equal(v, o));
    Ok(match op {
        "$lt" => compare(&[Ordering::Less]),
        "$lte" => compare(&[Ordering::Less, Ordering::Equal]),
        "$gt" => compare(&[Ordering::Greater]),
        "$gte" => compare(&[Ordering::Greater, Ordering::Equal]),
        "$eq" => contains(operand),
        "$ne" => !contains(operand),
        "$in" => list(op, operand)?.iter().any(contains),
        "$nin" => !list(op, operand)?.iter().any(contains),
        "$all" => {
            let items = value.and_then(Value::as_array);
            list(op, operand)?
                .iter()
                .all(|o| items.is_some_and(|items| items.iter().any(|i| same(i, o))))
        }
        "$exists" => match operand {
            Value::Bool(wanted) => value.is_some_and(|v| !v.is_null()) == *wanted,
            _ => return Err(ParseError::new(107, "bad $exists value")),
        },
        "$regex" => {
            let pattern = operand
                .as_str()
                .ok_or_else(|| ParseError::new(102, "$regex value must be a string"))?;
            let options = all
                .get("$options")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let regex = validate::compile(pattern, options)?;
            value
                .and_then(Value::as_str)
                .is_some_and(|s| regex.is_match(s))
        }
        "$options" => true,
        "$text" => text::matches(value, operand),
        _ if geo::OPERATORS.contains(&op) => match geo::shape(op, operand, all)? {
            Some(shape) => geo::matches(value, &shape),
            None => true,
        },
        "$select" | "$dontSelect" | "$inQuery" | "$notInQuery" => {
            return Err(ParseError::new(102, format!("improper usage of {op}")));
        }
        other => return Err(ParseError::new(107, format!("bad constraint: {other}"))),
    })
}

fn list<'a>(op: &str, operand: &'a Value) -> Result<&'a Vec<Value>, ParseError> {
    operand
        .as_array()
        .ok_or_else(|| ParseError::new(107, format!("bad {op} value")))
}

/// Equality, with a value matching an array that contains it (Parse's
/// array semantics).
fn equal(value: &Value, expected: &Value) -> bool {
    match value {
        Value::Array(items) if !expected.is_array() => items.iter().any(|i| same(i, expected)),
        _ => same(value, expected),
    }
}

/// Whether two values are the same: pointers by class and objectId, dates
/// by their moment, everything else as is.
fn same(a: &Value, b: &Value) -> bool {
    match (pointer(a), pointer(b)) {
        (Some(x), Some(y)) => x == y,
        (None, None) => comparable(a) == comparable(b),
        _ => false,
    }
}

/// A pointer's class and objectId (a pointer or an included object).
fn pointer(value: &Value) -> Option<(&str, &str)> {
    let kind = value.get("__type").and_then(Value::as_str)?;
    if kind != "Pointer" && kind != "Object" {
        return None;
    }
    Some((
        value.get("className").and_then(Value::as_str)?,
        value.get("objectId").and_then(Value::as_str)?,
    ))
}

/// Dates compare by their ISO text (createdAt and updatedAt are stored as
/// ISO text already); everything else as is.
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

/// Sorts by the keys in order (`true`: descending); missing values sort
/// first.
pub fn sort<D: Document>(docs: &mut [D], keys: &[(String, bool)]) {
    docs.sort_by(|a, b| compare(a, b, keys));
}

/// The order of two documents by the sort keys.
pub fn compare<D: Document + ?Sized>(a: &D, b: &D, keys: &[(String, bool)]) -> Ordering {
    for (key, descending) in keys {
        let ord = match (lookup(a, key), lookup(b, key)) {
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
}

/// The fields every result keeps, whatever `keys` and `excludeKeys` say
/// (`__type` and `className` are those of an included object).
const ALWAYS_KEPT: &[&str] = &[
    "objectId",
    "createdAt",
    "updatedAt",
    "ACL",
    "__type",
    "className",
];

/// Keeps only `keys` (when given: first segments at this level, the rest
/// inside included objects, `keys=author.name`) and the fields every object
/// keeps, then drops `exclude` (never the fields every object keeps, as
/// Parse Server).
pub fn pick(
    mut object: Map<String, Value>,
    keys: Option<&[String]>,
    exclude: &[String],
) -> Map<String, Value> {
    for key in exclude
        .iter()
        .filter(|k| !ALWAYS_KEPT.contains(&k.as_str()))
    {
        object.remove(key);
    }
    let Some(keys) = keys else {
        return object;
    };
    let mut kept = Map::new();
    for (name, value) in object {
        let nested: Vec<String> = keys
            .iter()
            .filter_map(|k| k.strip_prefix(name.as_str())?.strip_prefix('.'))
            .map(str::to_owned)
            .collect();
        let named = keys.contains(&name);
        if ALWAYS_KEPT.contains(&name.as_str()) || (named && nested.is_empty()) {
            kept.insert(name, value);
        } else if !nested.is_empty() {
            let value = match value {
                Value::Object(inner) => Value::Object(pick(inner, Some(&nested), &[])),
                other => other,
            };
            kept.insert(name, value);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn a_pointer_matches_by_class_and_id_whatever_else_it_carries() {
        let o = obj(json!({"p": {"__type": "Pointer", "className": "A", "objectId": "x"}}));
        let included =
            json!({"p": {"__type": "Object", "className": "A", "objectId": "x", "n": 1}});
        assert!(matches(&o, &obj(included)).unwrap());
        let other = json!({"p": {"__type": "Pointer", "className": "B", "objectId": "x"}});
        assert!(!matches(&o, &obj(other)).unwrap());
    }

    #[test]
    fn an_array_constraint_matches_an_equal_array_and_a_value_an_array_holding_it() {
        let o = obj(json!({"tags": ["a", "b"]}));
        assert!(matches(&o, &obj(json!({"tags": ["a", "b"]}))).unwrap());
        assert!(matches(&o, &obj(json!({"tags": "b"}))).unwrap());
        assert!(!matches(&o, &obj(json!({"tags": ["b"]}))).unwrap());
    }

    #[test]
    fn booleans_sort_false_first() {
        let mut list = vec![obj(json!({"b": true})), obj(json!({"b": false}))];
        sort(&mut list, &[("b".into(), false)]);
        assert_eq!(list[0]["b"], json!(false));
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
