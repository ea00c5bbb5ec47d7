//! The fields a `/schemas` request declares, checked as Parse Server's
//! `SchemaController.validateSchemaData` checks them: a valid name that is
//! not a built-in field, a known type (Pointer and Relation with a valid
//! `targetClass`), a `defaultValue` of that type, `required` and
//! `defaultValue` refused on Relations, at most one GeoPoint per class.

use serde_json::{Map, Value};

use super::valid_field_name;
use crate::{error::ParseError, schema_types};

/// The types a field may be declared with, besides Pointer and Relation.
const PLAIN_TYPES: &[&str] = &[
    "Number", "String", "Boolean", "Date", "Object", "Array", "GeoPoint", "File", "Bytes",
    "Polygon",
];

/// The fields every class has, with their types.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("objectId", "String"),
    ("createdAt", "Date"),
    ("updatedAt", "Date"),
    ("ACL", "ACL"),
];

/// The fields a system class has besides [`BUILT_IN`].
pub fn system_fields(class: &str) -> Map<String, Value> {
    let pairs: &[(&str, &str)] = match class {
        "_User" => &[
            ("username", "String"),
            ("password", "String"),
            ("email", "String"),
            ("emailVerified", "Boolean"),
            ("authData", "Object"),
        ],
        "_Session" => &[
            ("installationId", "String"),
            ("sessionToken", "String"),
            ("expiresAt", "Date"),
            ("createdWith", "Object"),
        ],
        "_Role" => &[("name", "String")],
        _ => &[],
    };
    let mut fields: Map<String, Value> = pairs
        .iter()
        .map(|(name, kind)| ((*name).to_owned(), serde_json::json!({ "type": kind })))
        .collect();
    let pointer =
        |kind: &str, target: &str| serde_json::json!({"type": kind, "targetClass": target});
    match class {
        "_Session" => {
            fields.insert("user".into(), pointer("Pointer", "_User"));
        }
        "_Role" => {
            fields.insert("users".into(), pointer("Relation", "_User"));
            fields.insert("roles".into(), pointer("Relation", "_Role"));
        }
        _ => {}
    }
    fields
}

/// Whether `name` is a field every class (or this system class) has.
pub fn is_built_in(class: &str, name: &str) -> bool {
    BUILT_IN.iter().any(|(n, _)| *n == name) || system_fields(class).contains_key(name)
}

/// Whether a name may name a field: a letter, then letters, digits or
/// `_`; never `className` or `length`.
fn valid_name(name: &str) -> bool {
    valid_field_name(name) && name != "className" && name != "length"
}

/// The system classes a Pointer or Relation may target.
const SYSTEM_CLASSES: &[&str] = &[
    "_User",
    "_Installation",
    "_Role",
    "_Session",
    "_Product",
    "_PushStatus",
    "_JobStatus",
    "_JobSchedule",
    "_Audience",
    "_Idempotency",
];

/// Whether a Pointer or Relation may target `class`: a valid class name or
/// a system class.
fn valid_target(class: &str) -> bool {
    super::schemas::valid_class_name(class) || SYSTEM_CLASSES.contains(&class)
}

/// Checks one field a request declares on `class` and answers it as the
/// class keeps it.
pub fn check_field(class: &str, name: &str, definition: &Value) -> Result<Value, ParseError> {
    if !valid_name(name) {
        return Err(ParseError::new(105, format!("invalid field name: {name}")));
    }
    if is_built_in(class, name) {
        return Err(ParseError::new(
            136,
            format!("field {name} cannot be added"),
        ));
    }
    let invalid_json = || ParseError::new(107, "invalid JSON");
    let kind = definition.get("type");
    let target = definition.get("targetClass");
    match kind.and_then(Value::as_str) {
        Some(kind @ ("Pointer" | "Relation")) => match target {
            None | Some(Value::Null) => {
                return Err(ParseError::new(
                    135,
                    format!("type {kind} needs a class name"),
                ));
            }
            Some(Value::String(target)) if !valid_target(target) => {
                return Err(ParseError::invalid_class_name(target));
            }
            Some(Value::String(_)) => {}
            Some(_) => return Err(invalid_json()),
        },
        Some(kind) if !PLAIN_TYPES.contains(&kind) => {
            return Err(ParseError::new(111, format!("invalid field type: {kind}")));
        }
        Some(_) => {}
        None => return Err(invalid_json()),
    }
    let is_relation = kind.and_then(Value::as_str) == Some("Relation");
    let type_name = schema_types::type_name(definition);
    if let Some(default) = definition.get("defaultValue") {
        if is_relation {
            return Err(ParseError::new(
                111,
                format!("The 'default value' option is not applicable for {type_name}"),
            ));
        }
        let found = schema_types::type_of(default)?;
        let same = found
            .as_ref()
            .is_some_and(|found| found.get("type") == kind && found.get("targetClass") == target);
        if !same {
            let got = found
                .as_ref()
                .map(schema_types::type_name)
                .unwrap_or_default();
            return Err(ParseError::new(
                111,
                format!(
                    "schema mismatch for {class}.{name} default value; expected {type_name} but got {got}"
                ),
            ));
        }
    } else if is_relation && definition.get("required") == Some(&Value::Bool(true)) {
        return Err(ParseError::new(
            111,
            format!("The 'required' option is not applicable for {type_name}"),
        ));
    }
    Ok(definition.clone())
}

/// Refuses a class with two GeoPoint fields: 111.
pub fn check_one_geopoint(fields: &Map<String, Value>) -> Result<(), ParseError> {
    let geopoints: Vec<&String> = fields
        .iter()
        .filter(|(_, f)| f.get("type").and_then(Value::as_str) == Some("GeoPoint"))
        .map(|(name, _)| name)
        .collect();
    match geopoints.as_slice() {
        [first, second, ..] => Err(ParseError::new(
            111,
            format!(
                "currently, only one GeoPoint field may exist in an object. Adding {second} when {first} already exists."
            ),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn code(name: &str, definition: Value) -> i32 {
        check_field("C", name, &definition).unwrap_err().code
    }

    #[test]
    fn refuses_bad_names_types_targets_and_defaults() {
        assert_eq!(code("1x", json!({"type": "String"})), 105);
        assert_eq!(code("className", json!({"type": "String"})), 105);
        assert_eq!(code("objectId", json!({"type": "String"})), 136);
        assert_eq!(code("x", json!({"type": "Nope"})), 111);
        assert_eq!(code("x", json!("String")), 107);
        assert_eq!(code("x", json!({"type": "Pointer"})), 135);
        assert_eq!(code("x", json!({"type": "Pointer", "targetClass": 3})), 107);
        assert_eq!(
            code("x", json!({"type": "Relation", "targetClass": "1bad"})),
            103
        );
        assert_eq!(code("x", json!({"type": "String", "defaultValue": 1})), 111);
        assert_eq!(
            code(
                "x",
                json!({"type": "Relation", "targetClass": "_User", "required": true})
            ),
            111
        );
        assert!(check_field("C", "x", &json!({"type": "Number", "defaultValue": 3})).is_ok());
        assert!(
            check_field(
                "C",
                "p",
                &json!({"type": "Pointer", "targetClass": "_User"})
            )
            .is_ok()
        );
        assert_eq!(
            check_field("_User", "email", &json!({"type": "String"}))
                .unwrap_err()
                .code,
            136
        );
    }

    #[test]
    fn one_geopoint_per_class() {
        let two = json!({"a": {"type": "GeoPoint"}, "b": {"type": "GeoPoint"}});
        assert_eq!(
            check_one_geopoint(two.as_object().unwrap())
                .unwrap_err()
                .message,
            "currently, only one GeoPoint field may exist in an object. Adding b when a already exists."
        );
        let one = json!({"a": {"type": "GeoPoint"}, "b": {"type": "String"}});
        assert!(check_one_geopoint(one.as_object().unwrap()).is_ok());
    }
}
