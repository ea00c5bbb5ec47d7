//! Equality indexes: for one column of a collection, which rows hold a
//! value. They only narrow the rows a query looks at; the query engine still
//! checks every candidate, so an index may hold more rows than match (a
//! number stored as `1` and as `1.0` share a key, a Date and a string with
//! the same text share one) but never fewer.

use std::collections::HashMap;

use serde_json::Value;

/// What an index keys a value by.
#[derive(Clone, Debug, Eq, Hash, PartialEq)]
pub enum Key {
    /// A string, or the `iso` text of a Date.
    Text(Box<str>),
    /// A number, by the bits of its `f64` (`-0.0` as `0.0`).
    Number(u64),
    /// A boolean.
    Bool(bool),
    /// A pointer, by `className` and `objectId`.
    Pointer(Box<str>, Box<str>),
}

impl Key {
    /// The key of a single value a query may compare for equality; `None`
    /// for values no index answers (null, arrays, plain objects).
    pub fn of(value: &Value) -> Option<Key> {
        match value {
            Value::String(s) => Some(Key::Text(s.as_str().into())),
            Value::Number(n) => {
                let x = n.as_f64()?;
                Some(Key::Number(if x == 0.0 { 0 } else { x.to_bits() }))
            }
            Value::Bool(b) => Some(Key::Bool(*b)),
            Value::Object(map) => match map.get("__type").and_then(Value::as_str)? {
                "Date" => map.get("iso")?.as_str().map(|s| Key::Text(s.into())),
                "Pointer" => Some(Key::Pointer(
                    map.get("className")?.as_str()?.into(),
                    map.get("objectId")?.as_str()?.into(),
                )),
                _ => None,
            },
            _ => None,
        }
    }

    /// Every key a stored value is found under: the value's own, or, for an
    /// array, each element's (an equality constraint matches an array that
    /// contains the value).
    pub fn all_of(value: &Value) -> Vec<Key> {
        match value {
            Value::Array(items) => {
                let mut keys: Vec<Key> = items.iter().filter_map(Key::of).collect();
                keys.dedup();
                keys
            }
            other => Key::of(other).into_iter().collect(),
        }
    }
}

/// One column's index: key → the rows holding it, in ascending row order.
#[derive(Clone, Debug, Default)]
pub struct EqIndex {
    rows: HashMap<Key, Vec<u32>>,
}

impl EqIndex {
    /// Records that `row` holds `value`.
    pub fn add(&mut self, row: u32, value: &Value) {
        for key in Key::all_of(value) {
            let rows = self.rows.entry(key).or_default();
            if let Err(at) = rows.binary_search(&row) {
                rows.insert(at, row);
            }
        }
    }

    /// Forgets that `row` held `value`.
    pub fn remove(&mut self, row: u32, value: &Value) {
        for key in Key::all_of(value) {
            if let Some(rows) = self.rows.get_mut(&key) {
                if let Ok(at) = rows.binary_search(&row) {
                    rows.remove(at);
                }
                if rows.is_empty() {
                    self.rows.remove(&key);
                }
            }
        }
    }

    /// The rows that may hold `key`, in ascending order.
    pub fn rows(&self, key: &Key) -> &[u32] {
        self.rows.get(key).map(Vec::as_slice).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn arrays_are_found_under_each_element_and_rows_stay_ordered() {
        let mut index = EqIndex::default();
        index.add(7, &json!(["a", "b", "a"]));
        index.add(3, &json!("a"));
        index.add(5, &json!({"__type": "Date", "iso": "a"}));
        assert_eq!(index.rows(&Key::Text("a".into())), &[3, 5, 7]);
        assert_eq!(index.rows(&Key::Text("b".into())), &[7]);
        index.remove(7, &json!(["a", "b"]));
        assert_eq!(index.rows(&Key::Text("a".into())), &[3, 5]);
        assert!(index.rows(&Key::Text("b".into())).is_empty());
    }

    #[test]
    fn numbers_share_a_key_whatever_their_notation() {
        assert_eq!(Key::of(&json!(1)), Key::of(&json!(1.0)));
        assert_eq!(Key::of(&json!(0)), Key::of(&json!(-0.0)));
        assert_ne!(Key::of(&json!(1)), Key::of(&json!("1")));
        assert_eq!(Key::of(&json!(null)), None);
        assert_eq!(Key::of(&json!(true)), Some(Key::Bool(true)));
        assert_eq!(
            Key::of(&json!({"__type": "Pointer", "className": "A", "objectId": "x"})),
            Some(Key::Pointer("A".into(), "x".into()))
        );
    }
}
