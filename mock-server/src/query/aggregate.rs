//! `distinct` and aggregate pipelines (Parse REST guide, Queries,
//! "Distinct Queries", "Aggregate Queries"), over the objects a `where`
//! selected.
//!
//! Stages are named as in the guide (`group`, `match`, `project`, `sort`,
//! `limit`, `skip`) or with a `$`; a `group` names its key `objectId` (as
//! the guide) or `_id` (as MongoDB). Accumulators: `$sum`, `$avg`, `$min`,
//! `$max`.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use super::{eval, lookup, validate};
use crate::error::ParseError;

/// The query parameters that are options, not stages.
const OPTIONS: &[&str] = &[
    "where",
    "distinct",
    "hint",
    "explain",
    "comment",
    "readPreference",
    "rawValues",
    "rawFieldNames",
];

/// The distinct values of `field` (the elements, for an array field), in
/// the order first met.
pub fn distinct(objects: &[Map<String, Value>], field: &str) -> Vec<Value> {
    let mut values: Vec<Value> = Vec::new();
    for value in objects.iter().filter_map(|o| lookup(o, field)) {
        let items = match value {
            Value::Array(items) => items.clone(),
            Value::Null => continue,
            other => vec![other.clone()],
        };
        for item in items {
            if !values.contains(&item) {
                values.push(item);
            }
        }
    }
    values
}

/// The stages of a request: `pipeline` (an array of one-key objects, or one
/// object), else every parameter that is not an option, in turn. Values are
/// JSON.
pub fn stages(params: &HashMap<String, String>) -> Result<Vec<(String, Value)>, ParseError> {
    let json =
        |text: &String| serde_json::from_str::<Value>(text).unwrap_or(Value::String(text.clone()));
    let stages: Vec<(String, Value)> = match params.get("pipeline").map(json) {
        Some(Value::Array(items)) => items
            .into_iter()
            .map(|stage| match stage {
                Value::Object(one) if one.len() == 1 => Ok(one.into_iter().collect::<Vec<_>>()),
                _ => Err(ParseError::new(
                    102,
                    "Pipeline stages should only have one key.",
                )),
            })
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .flatten()
            .collect(),
        Some(Value::Object(map)) => map.into_iter().collect(),
        Some(_) => return Err(ParseError::new(102, "pipeline must be an array of stages")),
        None => {
            let mut names: Vec<&String> = params
                .keys()
                .filter(|k| !OPTIONS.contains(&k.as_str()))
                .collect();
            names.sort();
            names
                .into_iter()
                .map(|k| (k.clone(), json(&params[k])))
                .collect()
        }
    };
    Ok(stages)
}

/// Runs the stages over the objects.
pub fn run(
    mut objects: Vec<Map<String, Value>>,
    stages: &[(String, Value)],
) -> Result<Vec<Map<String, Value>>, ParseError> {
    for (name, spec) in stages {
        let name = name.strip_prefix('$').unwrap_or(name);
        objects = match name {
            "match" => {
                let constraints = spec.as_object().ok_or_else(|| bad(name))?;
                validate::validate(constraints)?;
                let mut kept = Vec::new();
                for o in objects {
                    if eval::matches(&o, constraints)? {
                        kept.push(o);
                    }
                }
                kept
            }
            "group" => group(&objects, spec.as_object().ok_or_else(|| bad(name))?)?,
            "project" => project(objects, spec.as_object().ok_or_else(|| bad(name))?),
            "sort" => {
                let keys: Vec<(String, bool)> = spec
                    .as_object()
                    .ok_or_else(|| bad(name))?
                    .iter()
                    .map(|(k, v)| (k.clone(), v.as_i64() == Some(-1)))
                    .collect();
                eval::sort(&mut objects, &keys);
                objects
            }
            "limit" | "skip" => {
                let n = spec.as_u64().ok_or_else(|| bad(name))?;
                let n = usize::try_from(n).unwrap_or(usize::MAX);
                if name == "limit" {
                    objects.into_iter().take(n).collect()
                } else {
                    objects.into_iter().skip(n).collect()
                }
            }
            other => {
                return Err(ParseError::new(
                    102,
                    format!("Invalid aggregate stage '{other}'."),
                ));
            }
        };
    }
    Ok(objects)
}

fn bad(stage: &str) -> ParseError {
    ParseError::new(102, format!("Invalid value for aggregate stage '{stage}'."))
}

/// The value of an expression: `"$field"` reads the field, anything else is
/// itself.
fn expression(object: &Map<String, Value>, expr: &Value) -> Option<Value> {
    match expr.as_str().and_then(|s| s.strip_prefix('$')) {
        Some(field) => lookup(object, field).cloned(),
        None => Some(expr.clone()),
    }
}

/// `group`: one result per value of the key (`objectId` or `_id`), with its
/// accumulators.
fn group(
    objects: &[Map<String, Value>],
    spec: &Map<String, Value>,
) -> Result<Vec<Map<String, Value>>, ParseError> {
    let key = spec
        .get("objectId")
        .or_else(|| spec.get("_id"))
        .ok_or_else(|| {
            ParseError::new(102, "Invalid parameter for query: group. Missing key _id")
        })?;
    let mut groups: Vec<(Value, Vec<&Map<String, Value>>)> = Vec::new();
    for object in objects {
        let value = expression(object, key).unwrap_or(Value::Null);
        match groups.iter_mut().find(|(v, _)| *v == value) {
            Some((_, members)) => members.push(object),
            None => groups.push((value, vec![object])),
        }
    }
    let mut results = Vec::new();
    for (value, members) in groups {
        let mut result = Map::new();
        result.insert("objectId".into(), value);
        for (name, acc) in spec.iter().filter(|(k, _)| *k != "objectId" && *k != "_id") {
            result.insert(name.clone(), accumulate(&members, acc)?);
        }
        results.push(result);
    }
    Ok(results)
}

/// `{"$sum": expr}`, `{"$avg": …}`, `{"$min": …}`, `{"$max": …}` over a
/// group's members; only numbers count.
fn accumulate(members: &[&Map<String, Value>], acc: &Value) -> Result<Value, ParseError> {
    let (op, expr) = acc
        .as_object()
        .and_then(|a| a.iter().next())
        .ok_or_else(|| bad("group"))?;
    let numbers: Vec<f64> = members
        .iter()
        .filter_map(|m| expression(m, expr))
        .filter_map(|v| v.as_f64())
        .collect();
    let number = |n: f64| {
        if n.fract() == 0.0 && n.abs() < 9e15 {
            json!(n as i64)
        } else {
            json!(n)
        }
    };
    Ok(match op.as_str() {
        "$sum" => number(numbers.iter().sum()),
        "$avg" if numbers.is_empty() => Value::Null,
        "$avg" => number(numbers.iter().sum::<f64>() / numbers.len() as f64),
        "$min" => numbers
            .iter()
            .copied()
            .reduce(f64::min)
            .map_or(Value::Null, number),
        "$max" => numbers
            .iter()
            .copied()
            .reduce(f64::max)
            .map_or(Value::Null, number),
        other => {
            return Err(ParseError::new(
                102,
                format!("Invalid accumulator '{other}'."),
            ));
        }
    })
}

/// `project`: keeps objectId and the fields set to 1 (or true).
fn project(objects: Vec<Map<String, Value>>, spec: &Map<String, Value>) -> Vec<Map<String, Value>> {
    let kept = |k: &str| {
        k == "objectId"
            || spec
                .get(k)
                .is_some_and(|v| v.as_i64() == Some(1) || v == &json!(true))
    };
    objects
        .into_iter()
        .map(|o| o.into_iter().filter(|(k, _)| kept(k)).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn objects() -> Vec<Map<String, Value>> {
        [
            json!({"objectId": "a", "name": "x", "score": 1, "tags": ["p", "q"]}),
            json!({"objectId": "b", "name": "y", "score": 2, "tags": ["q"]}),
            json!({"objectId": "c", "name": "x", "score": 4}),
        ]
        .into_iter()
        .filter_map(|v| v.as_object().cloned())
        .collect()
    }

    #[test]
    fn distinct_flattens_arrays_and_skips_missing_fields() {
        assert_eq!(distinct(&objects(), "tags"), vec![json!("p"), json!("q")]);
        assert_eq!(distinct(&objects(), "name"), vec![json!("x"), json!("y")]);
        assert!(distinct(&objects(), "nothing").is_empty());
    }

    #[test]
    fn an_average_that_is_not_whole_keeps_its_fraction() {
        let stages = vec![(
            "group".to_owned(),
            json!({"objectId": null, "mean": {"$avg": "$score"}}),
        )];
        let out = run(objects()[..2].to_vec(), &stages).unwrap();
        assert_eq!(out[0]["mean"], json!(1.5));
        let of_nothing = vec![(
            "group".to_owned(),
            json!({"objectId": null, "mean": {"$avg": "$missing"}}),
        )];
        assert_eq!(run(objects(), &of_nothing).unwrap()[0]["mean"], Value::Null);
    }

    #[test]
    fn a_pipeline_stage_has_exactly_one_key() {
        let params = |p: &str| HashMap::from([("pipeline".to_owned(), p.to_owned())]);
        let two_keys = stages(&params(r#"[{"$limit": 1, "$skip": 1}]"#)).unwrap_err();
        assert_eq!(
            (two_keys.code, two_keys.message.as_str()),
            (102, "Pipeline stages should only have one key.")
        );
        assert_eq!(
            stages(&params(r#"[{"$limit": 1}, {"$skip": 2}]"#))
                .unwrap()
                .len(),
            2
        );
    }

    #[test]
    fn limit_keeps_the_first_and_skip_drops_them() {
        let ids = |stage: &str| {
            let out = run(objects(), &[(stage.to_owned(), json!(1))]).unwrap();
            out.iter()
                .map(|o| o["objectId"].clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("limit"), vec![json!("a")]);
        assert_eq!(ids("skip"), vec![json!("b"), json!("c")]);
    }

    #[test]
    fn sort_minus_one_is_descending_and_project_keeps_the_object_id() {
        let stages = vec![
            ("sort".to_owned(), json!({"score": -1})),
            (
                "project".to_owned(),
                json!({"score": 1, "name": true, "tags": 0}),
            ),
        ];
        let out = run(objects(), &stages).unwrap();
        assert_eq!(
            Value::Array(out.into_iter().map(Value::Object).collect()),
            json!([
                {"objectId": "c", "score": 4, "name": "x"},
                {"objectId": "b", "score": 2, "name": "y"},
                {"objectId": "a", "score": 1, "name": "x"}
            ])
        );
    }

    #[test]
    fn groups_with_accumulators_in_either_form() {
        let stages = vec![(
            "group".to_owned(),
            json!({"objectId": "$name", "total": {"$sum": "$score"}, "top": {"$max": "$score"}}),
        )];
        let out = run(objects(), &stages).unwrap();
        assert_eq!(
            Value::Array(out.into_iter().map(Value::Object).collect()),
            json!([{"objectId": "x", "total": 5, "top": 4}, {"objectId": "y", "total": 2, "top": 2}])
        );
        let stages = vec![
            ("$match".to_owned(), json!({"score": {"$gt": 1}})),
            (
                "$group".to_owned(),
                json!({"_id": null, "n": {"$sum": 1}, "avg": {"$avg": "$score"}}),
            ),
        ];
        let out = run(objects(), &stages).unwrap();
        assert_eq!(
            Value::Object(out[0].clone()),
            json!({"objectId": null, "n": 2, "avg": 3})
        );
    }

    #[test]
    fn an_unknown_stage_is_code_102() {
        let stages = vec![("$foo".to_owned(), json!({}))];
        assert_eq!(run(objects(), &stages).unwrap_err().code, 102);
    }
}
