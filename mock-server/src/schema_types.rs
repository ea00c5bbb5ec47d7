//! Schema typing, as pure functions: the Parse type of a value, and the
//! check of an object's changes against its class's declared fields.
//!
//! A field keeps the type it was first stored with (Parse REST guide,
//! Objects, "Data Types"): storing a value of another type is 111
//! `schema mismatch for C.f; expected Number but got String`, as Parse
//! Server answers. A field's type is kept as Parse Server's `/schemas`
//! shows it: `{"type": "Number"}`, `{"type": "Pointer", "targetClass": "C"}`.

use serde_json::{Map, Value, json};
use time::{OffsetDateTime, format_description::well_known::Rfc3339};

use crate::{error::ParseError, query::geo};

/// The fields every class has, whose types are fixed and never checked
/// against a body (a body may not set them anyway).
const BUILT_IN: &[&str] = &["objectId", "createdAt", "updatedAt", "ACL"];

/// The Parse type of a stored value or of an operation's result, in the
/// form of a `/schemas` field (`{"type": …}`); `None` when the value says
/// nothing about the type (`null`, `{"__op": "Delete"}`).
///
/// An unknown or incomplete `__type` is 111 `This is not a valid T`; an
/// invalid Date `iso` is 111 `This is not a valid Date`; an unknown `__op`
/// is 108 `The X operator is not supported yet.`.
pub fn type_of(value: &Value) -> Result<Option<Value>, ParseError> {
    let simple = |name: &str| Ok(Some(json!({ "type": name })));
    match value {
        Value::Null => Ok(None),
        Value::Bool(_) => simple("Boolean"),
        Value::Number(_) => simple("Number"),
        Value::String(_) => simple("String"),
        Value::Array(_) => simple("Array"),
        Value::Object(map) => {
            if let Some(kind) = map.get("__type") {
                return typed_object(kind, map).map(Some);
            }
            match map.get("__op") {
                Some(op) => op_type(op, map),
                None => simple("Object"),
            }
        }
    }
}

/// The type of an object with a `__type`: Pointer, Relation, File, Date,
/// GeoPoint, Bytes, Polygon, each with the fields it needs.
fn typed_object(kind: &Value, map: &Map<String, Value>) -> Result<Value, ParseError> {
    let kind = kind.as_str().unwrap_or_default();
    let has = |field: &str| map.get(field).is_some_and(|v| !v.is_null());
    let class = map.get("className").and_then(Value::as_str);
    let valid = match kind {
        "Pointer" | "Relation" => class.is_some(),
        "File" => has("name"),
        "Date" => map
            .get("iso")
            .and_then(Value::as_str)
            .is_some_and(|iso| OffsetDateTime::parse(iso, &Rfc3339).is_ok()),
        "GeoPoint" => has("latitude") && has("longitude"),
        "Bytes" => has("base64"),
        "Polygon" => has("coordinates"),
        _ => false,
    };
    if !valid {
        return Err(ParseError::new(111, format!("This is not a valid {kind}")));
    }
    geo::check_stored(kind, map)?;
    Ok(match (kind, class) {
        ("Pointer" | "Relation", Some(class)) => json!({"type": kind, "targetClass": class}),
        _ => json!({ "type": kind }),
    })
}

/// The type an operation leaves in its field.
fn op_type(op: &Value, map: &Map<String, Value>) -> Result<Option<Value>, ParseError> {
    let op = op.as_str().unwrap_or_default();
    let simple = |name: &str| Ok(Some(json!({ "type": name })));
    match op {
        "Increment" => simple("Number"),
        "Delete" => Ok(None),
        "Add" | "AddUnique" | "Remove" => simple("Array"),
        "AddRelation" | "RemoveRelation" => {
            let class = map
                .get("objects")
                .and_then(Value::as_array)
                .and_then(|objects| objects.first())
                .and_then(|first| first.get("className"))
                .and_then(Value::as_str)
                .ok_or_else(|| {
                    ParseError::new(111, format!("{op} needs an array of pointers in objects"))
                })?;
            Ok(Some(json!({"type": "Relation", "targetClass": class})))
        }
        _ => Err(ParseError::new(
            108,
            format!("The {op} operator is not supported yet."),
        )),
    }
}

/// A field type as Parse Server names it in messages: `Number`,
/// `Pointer<Post>`, `Relation<_User>`.
pub fn type_name(field_type: &Value) -> String {
    let name = field_type
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default();
    match field_type.get("targetClass").and_then(Value::as_str) {
        Some(class) => format!("{name}<{class}>"),
        None => name.to_owned(),
    }
}

/// Checks `changes` (a create's or an update's body) against the declared
/// `fields` of `class` and answers the fields they add, for the caller to
/// declare once the whole write has succeeded: 111 `schema mismatch for
/// C.f; expected X but got Y`.
pub fn new_fields(
    class: &str,
    fields: &Map<String, Value>,
    changes: &Map<String, Value>,
) -> Result<Map<String, Value>, ParseError> {
    one_geo_point(fields, changes)?;
    let mut added = Map::new();
    for (name, value) in changes {
        if BUILT_IN.contains(&name.as_str()) {
            continue;
        }
        let Some(found) = type_of(value)? else {
            continue;
        };
        match fields.get(name).or_else(|| added.get(name)) {
            Some(declared) if same_type(declared, &found) => {}
            Some(declared) => {
                return Err(ParseError::new(
                    111,
                    format!(
                        "schema mismatch for {class}.{name}; expected {} but got {}",
                        type_name(declared),
                        type_name(&found)
                    ),
                ));
            }
            None => {
                added.insert(name.clone(), found);
            }
        }
    }
    Ok(added)
}

/// A class has one GeoPoint field at most (Parse REST guide, GeoPoints,
/// "Caveats"): two in one write are 111 `there can only be one geopoint
/// field in a class`, one added beside a declared one is 111 `currently,
/// only one GeoPoint field may exist in an object. Adding b when a already
/// exists.`, Parse Server's two messages.
fn one_geo_point(
    declared: &Map<String, Value>,
    changes: &Map<String, Value>,
) -> Result<(), ParseError> {
    let is_geo_point = |v: &Value| v.get("__type").and_then(Value::as_str) == Some("GeoPoint");
    let mut written = changes.iter().filter(|(_, v)| is_geo_point(v));
    let Some((name, _)) = written.next() else {
        return Ok(());
    };
    if written.next().is_some() {
        return Err(ParseError::new(
            111,
            "there can only be one geopoint field in a class",
        ));
    }
    let existing = declared
        .iter()
        .find(|(n, t)| *n != name && t.get("type").and_then(Value::as_str) == Some("GeoPoint"));
    match existing {
        Some((existing, _)) => Err(ParseError::new(
            111,
            format!(
                "currently, only one GeoPoint field may exist in an object. Adding {name} when {existing} already exists."
            ),
        )),
        None => Ok(()),
    }
}

/// Whether two field types are the same: same `type`, same `targetClass`.
fn same_type(a: &Value, b: &Value) -> bool {
    a.get("type") == b.get("type") && a.get("targetClass") == b.get("targetClass")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn names_the_types_of_values() {
        let t = |v: Value| type_of(&v).unwrap().map(|t| type_name(&t));
        assert_eq!(t(json!(1)), Some("Number".into()));
        assert_eq!(t(json!("a")), Some("String".into()));
        assert_eq!(t(json!(true)), Some("Boolean".into()));
        assert_eq!(t(json!([1])), Some("Array".into()));
        assert_eq!(t(json!({"a": 1})), Some("Object".into()));
        assert_eq!(t(json!(null)), None);
        assert_eq!(
            t(json!({"__type": "Pointer", "className": "Post", "objectId": "x"})),
            Some("Pointer<Post>".into())
        );
        assert_eq!(
            t(json!({"__type": "Date", "iso": "2011-08-21T18:02:52.249Z"})),
            Some("Date".into())
        );
        assert_eq!(
            t(json!({"__op": "Increment", "amount": 1})),
            Some("Number".into())
        );
        assert_eq!(t(json!({"__op": "Delete"})), None);
    }

    #[test]
    fn refuses_unknown_types_operators_and_bad_dates() {
        let code = |v: Value| type_of(&v).unwrap_err().code;
        assert_eq!(code(json!({"__type": "Nope"})), 111);
        assert_eq!(code(json!({"__type": "Date", "iso": "not a date"})), 111);
        assert_eq!(code(json!({"__op": "Nope"})), 108);
    }

    #[test]
    fn a_field_keeps_its_first_type() {
        let fields = new_fields("Game", &Map::new(), &map(json!({"score": 1}))).unwrap();
        let error = new_fields("Game", &fields, &map(json!({"score": "x", "n": 1}))).unwrap_err();
        assert_eq!(
            error.message,
            "schema mismatch for Game.score; expected Number but got String"
        );
        let added = new_fields("Game", &fields, &map(json!({"score": 2, "n": 1}))).unwrap();
        assert_eq!(Value::Object(added), json!({"n": {"type": "Number"}}));
    }
}
