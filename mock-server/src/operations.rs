//! The operators of an update, as pure functions (Parse REST guide,
//! Objects, "Counters", "Arrays", "Relations", "Deleting Fields"):
//! `Increment`, `Add`, `AddUnique`, `Remove`, `Delete`, `AddRelation` and
//! `RemoveRelation`, applied to an object held as a JSON map.
//!
//! The store calls [`apply`] under its lock, so that concurrent increments
//! of one counter sum exactly. What the update's answer echoes (the new
//! values of counters and arrays, as Parse Server answers
//! `{"score": 15, "updatedAt": …}`) comes back in [`Applied::echo`].

use serde_json::{Map, Number, Value, json};

use crate::{error::ParseError, query::geo};

/// A change to the related objects of one Relation field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelationChange {
    /// The Relation field.
    pub key: String,
    /// `true` for `AddRelation`, `false` for `RemoveRelation`.
    pub add: bool,
    /// The objectIds of the objects added or removed.
    pub ids: Vec<String>,
}

/// What applying a body did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Applied {
    /// The fields the answer echoes: the results of `Increment`, `Add`,
    /// `AddUnique` and `Remove`.
    pub echo: Map<String, Value>,
    /// The relation changes the store must make.
    pub relations: Vec<RelationChange>,
}

/// Applies `changes` to `object`: an `{"__op": …}` value runs its operator,
/// any other value replaces the field. Answers the changed object, or the
/// first error (the object is then dropped: callers pass their own copy).
pub fn apply(
    mut result: Map<String, Value>,
    changes: Map<String, Value>,
) -> Result<(Map<String, Value>, Applied), ParseError> {
    let mut applied = Applied::default();
    for (key, value) in changes {
        let op = value.get("__op").and_then(Value::as_str).map(str::to_owned);
        let Some(op) = op else {
            result.insert(key, geo::stored(value));
            continue;
        };
        let current = result.get(&key);
        let new = match op.as_str() {
            "Delete" => {
                result.remove(&key);
                continue;
            }
            "Increment" => increment(current, value.get("amount"))?,
            "Add" | "AddUnique" | "Remove" => array_op(&op, current, objects(&value)?),
            "AddRelation" | "RemoveRelation" => {
                let (class, ids) = relation_targets(&value)?;
                applied.relations.push(RelationChange {
                    key: key.clone(),
                    add: op == "AddRelation",
                    ids,
                });
                result.insert(key, json!({"__type": "Relation", "className": class}));
                continue;
            }
            _ => {
                return Err(ParseError::new(
                    108,
                    format!("The {op} operator is not supported yet."),
                ));
            }
        };
        applied.echo.insert(key.clone(), new.clone());
        result.insert(key, new);
    }
    Ok((result, applied))
}

/// `Increment`: the field plus `amount` (a missing field counts as 0);
/// integers stay integers.
fn increment(current: Option<&Value>, amount: Option<&Value>) -> Result<Value, ParseError> {
    let amount = amount
        .and_then(Value::as_number)
        .ok_or_else(|| ParseError::new(111, "Increment amount must be a number"))?;
    let current = match current {
        None | Some(Value::Null) => &Number::from(0),
        Some(Value::Number(n)) => n,
        Some(_) => return Err(ParseError::new(111, "Cannot increment a non-number field")),
    };
    let sum = match (current.as_i64(), amount.as_i64()) {
        (Some(a), Some(b)) => a.checked_add(b).map(Value::from),
        _ => None,
    };
    Ok(sum.unwrap_or_else(|| {
        let a = current.as_f64().unwrap_or_default();
        let b = amount.as_f64().unwrap_or_default();
        json!(a + b)
    }))
}

/// The `objects` array of an array or relation operator: 107 when it is not
/// an array, as Parse Server answers.
fn objects(value: &Value) -> Result<&Vec<Value>, ParseError> {
    value
        .get("objects")
        .and_then(Value::as_array)
        .ok_or_else(|| ParseError::new(107, "objects to add must be an array"))
}

/// `Add` appends every object; `AddUnique` those not there yet; `Remove`
/// takes out every occurrence. A missing field counts as `[]`.
fn array_op(op: &str, current: Option<&Value>, objects: &[Value]) -> Value {
    let mut items = current
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    match op {
        "Add" => items.extend(objects.iter().cloned()),
        "AddUnique" => {
            for object in objects {
                if !items.contains(object) {
                    items.push(object.clone());
                }
            }
        }
        _ => items.retain(|item| !objects.contains(item)),
    }
    Value::Array(items)
}

/// The class and objectIds of the pointers of a relation operator; they
/// must all point to one class (111 otherwise).
fn relation_targets(value: &Value) -> Result<(String, Vec<String>), ParseError> {
    let mut class: Option<&str> = None;
    let mut ids = Vec::new();
    for pointer in objects(value)? {
        let target = pointer.get("className").and_then(Value::as_str);
        let id = pointer.get("objectId").and_then(Value::as_str);
        let (Some(target), Some(id)) = (target, id) else {
            return Err(ParseError::new(111, "This is not a valid Pointer"));
        };
        if class.is_some_and(|c| c != target) {
            return Err(ParseError::new(
                111,
                "All objects in a relation must have the same class.",
            ));
        }
        class = Some(target);
        ids.push(id.to_owned());
    }
    let class =
        class.ok_or_else(|| ParseError::new(111, "A relation needs at least one object"))?;
    Ok((class.to_owned(), ids))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn increments_add_and_echo() {
        let object = map(json!({"score": 10, "tags": ["x", "y"], "gone": 1}));
        let changes = map(json!({
            "score": {"__op": "Increment", "amount": 5},
            "missing": {"__op": "Increment", "amount": -3},
            "tags": {"__op": "AddUnique", "objects": ["x", "z"]},
            "list": {"__op": "Add", "objects": [1, 1]},
            "none": {"__op": "Remove", "objects": [1]},
            "gone": {"__op": "Delete"},
            "plain": "set"
        }));
        let (object, applied) = apply(object, changes).unwrap();
        assert_eq!(
            Value::Object(object),
            json!({"score": 15, "missing": -3, "tags": ["x", "y", "z"], "list": [1, 1], "none": [], "plain": "set"})
        );
        assert_eq!(
            Value::Object(applied.echo),
            json!({"score": 15, "missing": -3, "tags": ["x", "y", "z"], "list": [1, 1], "none": []})
        );
    }

    #[test]
    fn remove_takes_out_every_occurrence_and_floats_add() {
        let object = map(json!({"a": [1, 2, 1, 3], "f": 1.5}));
        let changes = map(json!({
            "a": {"__op": "Remove", "objects": [1, 3]},
            "f": {"__op": "Increment", "amount": 1}
        }));
        let (object, _) = apply(object, changes).unwrap();
        assert_eq!(Value::Object(object), json!({"a": [2], "f": 2.5}));
    }

    #[test]
    fn relations_become_a_relation_field_and_changes() {
        let pointer = |id: &str| json!({"__type": "Pointer", "className": "User", "objectId": id});
        let changes =
            map(json!({"likes": {"__op": "AddRelation", "objects": [pointer("a"), pointer("b")]}}));
        let (object, applied) = apply(Map::new(), changes).unwrap();
        assert_eq!(
            object.get("likes"),
            Some(&json!({"__type": "Relation", "className": "User"}))
        );
        assert_eq!(
            applied.relations,
            vec![RelationChange {
                key: "likes".into(),
                add: true,
                ids: vec!["a".into(), "b".into()]
            }]
        );
        assert!(applied.echo.is_empty());
    }

    #[test]
    fn an_unknown_operator_is_108() {
        let changes = map(json!({"score": 2, "x": {"__op": "Nope"}}));
        let error = apply(map(json!({"score": 1})), changes).unwrap_err();
        assert_eq!(error.code, 108);
    }
}
