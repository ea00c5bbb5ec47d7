//! Subqueries, resolved before evaluation: `$inQuery` and `$notInQuery`
//! become `$in` and `$nin` of pointers to the objects the subquery finds;
//! `$select` and `$dontSelect` become `$in` and `$nin` of the values of a
//! key of those objects (Parse REST guide, Queries, "Relational Queries";
//! Parse Server's `RestQuery.replaceInQuery`, `replaceSelect`, …).

use serde_json::{Map, Value, json};

use crate::error::ParseError;

/// Where subqueries run: finds the objects of `class` that match
/// `constraints` and that the caller may read (the caller's ACL applies to
/// a subquery as to the query itself).
pub trait Source {
    /// The matching objects of `class`, each with every field.
    fn find(
        &self,
        class: &str,
        constraints: &Map<String, Value>,
    ) -> Result<Vec<Map<String, Value>>, ParseError>;
}

/// `constraints` with every subquery, at any depth of `$or`, `$and` and
/// `$nor`, replaced by plain constraints.
pub fn resolve(
    constraints: &Map<String, Value>,
    source: &dyn Source,
) -> Result<Map<String, Value>, ParseError> {
    let mut resolved = Map::new();
    for (key, value) in constraints {
        let value = match (key.as_str(), value) {
            ("$or" | "$and" | "$nor", Value::Array(clauses)) => {
                let mut out = Vec::with_capacity(clauses.len());
                for clause in clauses {
                    out.push(match clause {
                        Value::Object(c) => Value::Object(resolve(c, source)?),
                        other => other.clone(),
                    });
                }
                Value::Array(out)
            }
            (_, Value::Object(ops)) => Value::Object(operators(ops, source)?),
            _ => value.clone(),
        };
        resolved.insert(key.clone(), value);
    }
    Ok(resolved)
}

/// One field's operators, subqueries replaced.
fn operators(
    ops: &Map<String, Value>,
    source: &dyn Source,
) -> Result<Map<String, Value>, ParseError> {
    let mut out = Map::new();
    for (op, operand) in ops {
        let (target, values) = match op.as_str() {
            "$inQuery" | "$notInQuery" => (op == "$inQuery", in_query(op, operand, source)?),
            "$select" | "$dontSelect" => (op == "$select", select(op, operand, source)?),
            _ => {
                out.insert(op.clone(), operand.clone());
                continue;
            }
        };
        let target = if target { "$in" } else { "$nin" };
        let list = out
            .entry(target)
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(list) = list {
            list.extend(values);
        }
    }
    Ok(out)
}

/// `{"where": {…}, "className": "…"}` → pointers to the objects found.
fn in_query(op: &str, operand: &Value, source: &dyn Source) -> Result<Vec<Value>, ParseError> {
    let improper = || ParseError::new(102, format!("improper usage of {op}"));
    let class = operand
        .get("className")
        .and_then(Value::as_str)
        .ok_or_else(improper)?;
    let constraints = operand
        .get("where")
        .and_then(Value::as_object)
        .ok_or_else(improper)?;
    Ok(source
        .find(class, constraints)?
        .iter()
        .filter_map(|o| o.get("objectId"))
        .map(|id| json!({"__type": "Pointer", "className": class, "objectId": id}))
        .collect())
}

/// `{"query": {"className": "…", "where": {…}}, "key": "…"}` (exactly these
/// two keys; `where` may be left out) → the values of `key` in the objects
/// found.
fn select(op: &str, operand: &Value, source: &dyn Source) -> Result<Vec<Value>, ParseError> {
    let improper = || ParseError::new(102, format!("improper usage of {op}"));
    let fields = operand
        .as_object()
        .filter(|o| o.len() == 2)
        .ok_or_else(improper)?;
    let key = fields
        .get("key")
        .and_then(Value::as_str)
        .ok_or_else(improper)?;
    let query = fields
        .get("query")
        .and_then(Value::as_object)
        .ok_or_else(improper)?;
    let class = query
        .get("className")
        .and_then(Value::as_str)
        .ok_or_else(improper)?;
    let constraints = match query.get("where") {
        None => Map::new(),
        Some(Value::Object(w)) => w.clone(),
        Some(_) => return Err(improper()),
    };
    Ok(source
        .find(class, &constraints)?
        .iter()
        .filter_map(|o| super::lookup(o, key).cloned())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two teams; a subquery sees only those matching `{"win": true}`.
    struct Teams;

    impl Source for Teams {
        fn find(
            &self,
            class: &str,
            constraints: &Map<String, Value>,
        ) -> Result<Vec<Map<String, Value>>, ParseError> {
            assert_eq!(class, "Team");
            let all = [
                json!({"objectId": "t1", "city": "Paris", "win": true}),
                json!({"objectId": "t2", "city": "Rome", "win": false}),
            ];
            Ok(all
                .iter()
                .filter_map(Value::as_object)
                .filter(|t| crate::query::eval::matches(*t, constraints).unwrap_or(false))
                .cloned()
                .collect())
        }
    }

    fn resolved(w: Value) -> Result<Value, ParseError> {
        resolve(w.as_object().unwrap(), &Teams).map(Value::Object)
    }

    #[test]
    fn in_query_becomes_pointers_and_select_becomes_values() {
        let w = json!({"team": {"$inQuery": {"className": "Team", "where": {"win": true}}}});
        assert_eq!(
            resolved(w).unwrap(),
            json!({"team": {"$in": [{"__type": "Pointer", "className": "Team", "objectId": "t1"}]}})
        );
        let w = json!({"$or": [{"city": {"$dontSelect": {"query": {"className": "Team", "where": {"win": true}}, "key": "city"}}}]});
        assert_eq!(
            resolved(w).unwrap(),
            json!({"$or": [{"city": {"$nin": ["Paris"]}}]})
        );
        let w = json!({"city": {"$select": {"query": {"className": "Team"}, "key": "city"}}});
        assert_eq!(
            resolved(w).unwrap(),
            json!({"city": {"$in": ["Paris", "Rome"]}})
        );
    }

    #[test]
    fn malformed_subqueries_are_code_102() {
        for w in [
            json!({"a": {"$inQuery": {"className": "Team"}}}),
            json!({"a": {"$notInQuery": {"where": {}}}}),
            json!({"a": {"$select": {"query": {"className": "Team"}}}}),
            json!({"a": {"$select": {"query": {"where": {}}, "key": "city"}}}),
            json!({"a": {"$dontSelect": {"query": {"className": "Team"}, "key": "city", "x": 1}}}),
        ] {
            assert_eq!(resolved(w).unwrap_err().code, 102);
        }
    }
}
