//! Refuses a malformed `where` before any object is read, so that the
//! answer does not depend on what the class holds: Parse Server checks the
//! whole query first (`DatabaseController.validateQuery`), then transforms
//! each constraint (`MongoTransform.transformConstraint`).

use serde_json::{Map, Value};

use super::geo;
use crate::error::ParseError;

/// The comparison and membership operators a field constraint may use.
const OPERATORS: &[&str] = &[
    "$lt",
    "$lte",
    "$gt",
    "$gte",
    "$ne",
    "$eq",
    "$in",
    "$nin",
    "$all",
    "$exists",
    "$regex",
    "$options",
    "$text",
    "$select",
    "$dontSelect",
    "$inQuery",
    "$notInQuery",
];

/// Checks every constraint of a `where`, at any depth of `$or`, `$and` and
/// `$nor`.
pub fn validate(constraints: &Map<String, Value>) -> Result<(), ParseError> {
    for (key, value) in constraints {
        match key.as_str() {
            "ACL" => return Err(ParseError::new(102, "Cannot query on ACL.")),
            "$or" | "$and" | "$nor" => {
                for clause in clauses(key, value)? {
                    validate(clause)?;
                }
            }
            // Resolved by the find handler before the engine sees it.
            "$relatedTo" => {}
            field if !queryable(field) => {
                return Err(ParseError::new(105, format!("Invalid key name: {field}")));
            }
            _ => constraint(value)?,
        }
    }
    Ok(())
}

/// The clauses of `$or`, `$and` or `$nor`: a non-empty array of objects.
pub fn clauses<'a>(key: &str, value: &'a Value) -> Result<Vec<&'a Map<String, Value>>, ParseError> {
    let bad = || {
        let shape = if key == "$nor" {
            "an array of at least 1 value"
        } else {
            "an array value"
        };
        ParseError::new(102, format!("Bad {key} format - use {shape}."))
    };
    let items = value.as_array().filter(|a| !a.is_empty()).ok_or_else(bad)?;
    items
        .iter()
        .map(|c| c.as_object().ok_or_else(bad))
        .collect()
}

/// Whether a client may name `field` in a query: a letter, then letters,
/// digits, `_` or `.` (dot notation); never the password or an internal
/// `_` field.
pub fn queryable(field: &str) -> bool {
    let mut chars = field.chars();
    field != "password"
        && chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// One field's constraint: a value to equal, or an object of operators.
fn constraint(value: &Value) -> Result<(), ParseError> {
    let Some(ops) = value.as_object().filter(|o| is_operators(o)) else {
        return date(value);
    };
    for (op, operand) in ops {
        operator(op, operand, ops)?;
    }
    Ok(())
}

/// Whether an object is a set of operators (`{"$gt": 1}`) rather than a
/// value to equal (a pointer, a date, a plain object).
pub fn is_operators(object: &Map<String, Value>) -> bool {
    object.keys().any(|k| k.starts_with('$'))
}

fn operator(op: &str, operand: &Value, all: &Map<String, Value>) -> Result<(), ParseError> {
    let bad_value = || ParseError::new(107, format!("bad {op} value"));
    match op {
        "$in" | "$nin" | "$all" => {
            for item in operand.as_array().ok_or_else(bad_value)? {
                date(item)?;
            }
        }
        "$exists" if !operand.is_boolean() => return Err(bad_value()),
        "$regex" => regex(operand, all.get("$options"))?,
        "$text" => text(operand)?,
        _ if geo::OPERATORS.contains(&op) => {
            geo::shape(op, operand, all)?;
        }
        _ if !OPERATORS.contains(&op) => {
            return Err(ParseError::new(107, format!("bad constraint: {op}")));
        }
        _ => date(operand)?,
    }
    Ok(())
}

/// `$regex` must be a string that compiles, `$options` a string of `imxsu`.
fn regex(pattern: &Value, options: Option<&Value>) -> Result<(), ParseError> {
    let pattern = pattern
        .as_str()
        .ok_or_else(|| ParseError::new(102, "$regex value must be a string"))?;
    let options = match options {
        None => "",
        Some(Value::String(o)) => o,
        Some(_) => return Err(ParseError::new(102, "$options value must be a string")),
    };
    if !options.chars().all(|c| "imxsu".contains(c)) {
        return Err(ParseError::new(
            102,
            format!("Bad $options value for query: {options}"),
        ));
    }
    compile(pattern, options).map(|_| ())
}

/// How many compiled regexes each thread keeps, so that a query compiles
/// its `$regex` once, not once per object it looks at.
const REGEX_CACHE_SIZE: usize = 64;

thread_local! {
    static REGEXES: std::cell::RefCell<Vec<((String, String), regex::Regex)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// A `$regex` with its `$options` (`i`, `m`, `x`, `s`; `u` is always on).
/// A `Regex` is cheap to clone (it shares its compiled program).
pub fn compile(pattern: &str, options: &str) -> Result<regex::Regex, ParseError> {
    let cached = REGEXES.with_borrow(|cache| {
        cache
            .iter()
            .find(|((p, o), _)| p == pattern && o == options)
            .map(|(_, regex)| regex.clone())
    });
    if let Some(regex) = cached {
        return Ok(regex);
    }
    let regex = regex::RegexBuilder::new(&super::regex_quote::unquote(pattern))
        .case_insensitive(options.contains('i'))
        .multi_line(options.contains('m'))
        .ignore_whitespace(options.contains('x'))
        .dot_matches_new_line(options.contains('s'))
        .build()
        .map_err(|e| ParseError::new(102, format!("Invalid regular expression: {e}")))?;
    REGEXES.with_borrow_mut(|cache| {
        if cache.len() == REGEX_CACHE_SIZE {
            cache.remove(0);
        }
        cache.push(((pattern.to_owned(), options.to_owned()), regex.clone()));
    });
    Ok(regex)
}

/// `$text` takes `{"$search": {"$term": "…"}}`.
fn text(operand: &Value) -> Result<(), ParseError> {
    let search = operand
        .get("$search")
        .and_then(Value::as_object)
        .ok_or_else(|| ParseError::new(107, "bad $text: $search, should be object"))?;
    match search.get("$term") {
        Some(Value::String(term)) if !term.is_empty() => Ok(()),
        _ => Err(ParseError::new(107, "bad $text: $term, should be string")),
    }
}

/// A `{"__type": "Date"}` operand must carry an ISO 8601 `iso`.
fn date(value: &Value) -> Result<(), ParseError> {
    if value.get("__type").and_then(Value::as_str) != Some("Date") {
        return Ok(());
    }
    let iso = value.get("iso").and_then(Value::as_str).unwrap_or_default();
    if crate::clock::parse_iso(iso).is_some() {
        Ok(())
    } else {
        Err(ParseError::new(107, format!("bad Date value: {iso:?}")))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_text_search_needs_a_term() {
        assert_eq!(
            code(json!({"t": {"$text": {"$search": {"$term": ""}}}})),
            Some(107)
        );
        assert_eq!(
            code(json!({"t": {"$text": {"$search": {"$term": "a"}}}})),
            None
        );
    }

    #[test]
    fn a_cached_regex_keeps_its_own_options() {
        for _ in 0..2 {
            assert!(compile("^a", "i").unwrap().is_match("Abc"));
            assert!(!compile("^a", "").unwrap().is_match("Abc"));
        }
        for n in 0..REGEX_CACHE_SIZE + 1 {
            assert!(
                compile(&format!("x{n}"), "")
                    .unwrap()
                    .is_match(&format!("x{n}"))
            );
        }
        assert!(compile("^a", "i").unwrap().is_match("Abc"));
    }

    fn code(w: Value) -> Option<i32> {
        validate(w.as_object().unwrap()).err().map(|e| e.code)
    }

    #[test]
    fn refuses_malformed_constraints_with_parse_codes() {
        assert_eq!(code(json!({"a": {"$foo": 1}})), Some(107));
        assert_eq!(code(json!({"a": {"$in": 1}})), Some(107));
        assert_eq!(code(json!({"a": {"$all": "x"}})), Some(107));
        assert_eq!(code(json!({"a": {"$exists": "yes"}})), Some(107));
        assert_eq!(code(json!({"a": {"$regex": 1}})), Some(102));
        assert_eq!(code(json!({"a": {"$regex": "(a"}})), Some(102));
        assert_eq!(
            code(json!({"a": {"$regex": "a", "$options": "q"}})),
            Some(102)
        );
        assert_eq!(
            code(json!({"a": {"$regex": "a", "$options": 1}})),
            Some(102)
        );
        assert_eq!(code(json!({"ACL": {"$exists": true}})), Some(102));
        assert_eq!(code(json!({"bad-key": 1})), Some(105));
        assert_eq!(code(json!({"$or": {"a": 1}})), Some(102));
        assert_eq!(code(json!({"$nor": []})), Some(102));
        assert_eq!(code(json!({"$and": [{"x-y": 1}]})), Some(105));
        assert_eq!(
            code(json!({"a": {"$lt": {"__type": "Date", "iso": "nope"}}})),
            Some(107)
        );
        assert_eq!(code(json!({"a": {"$text": {"$search": "x"}}})), Some(107));
    }

    #[test]
    fn accepts_well_formed_constraints() {
        assert_eq!(code(json!({"a.b": 1, "tags": {"$all": [1, 2]}})), None);
        assert_eq!(
            code(
                json!({"a": {"$regex": "^x", "$options": "imxs"}, "d": {"$gte": {"__type": "Date", "iso": "2020-01-01T00:00:00.000Z"}}})
            ),
            None
        );
        assert_eq!(
            code(
                json!({"$or": [{"a": {"$exists": false}}, {"b": {"$text": {"$search": {"$term": "x"}}}}]})
            ),
            None
        );
    }
}
