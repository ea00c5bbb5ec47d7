//! Classes and their objects.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::{State, Store};
use crate::{error::ParseError, operations, schema_types};

/// A class: its declared fields and its objects by objectId.
#[derive(Clone, Debug, Default)]
pub struct Class {
    /// Declared fields, name → `{"type": …}`.
    pub fields: Map<String, Value>,
    /// Objects by objectId; each holds every field, objectId included.
    pub objects: HashMap<String, Map<String, Value>>,
}

impl Store {
    /// Creates a class; 103 if it exists.
    pub fn create_class(&self, name: &str, fields: Map<String, Value>) -> Result<(), ParseError> {
        let mut state = self.lock();
        if state.classes.contains_key(name) {
            return Err(ParseError::new(
                103,
                format!("Class {name} already exists."),
            ));
        }
        state.classes.insert(
            name.to_owned(),
            Class {
                fields,
                objects: HashMap::new(),
            },
        );
        Ok(())
    }

    /// The declared fields of a class, if it exists.
    pub fn class_fields(&self, name: &str) -> Option<Map<String, Value>> {
        self.lock().classes.get(name).map(|c| c.fields.clone())
    }

    /// Deletes an empty class; 255 if it holds objects, 103 if it does not exist.
    pub fn delete_class(&self, name: &str) -> Result<(), ParseError> {
        let mut state = self.lock();
        let count = match state.classes.get(name) {
            Some(class) => class.objects.len(),
            None => {
                return Err(ParseError::new(
                    103,
                    format!("Class {name} does not exist."),
                ));
            }
        };
        if count > 0 {
            return Err(ParseError::new(
                255,
                format!("Class {name} is not empty, contains {count} objects, cannot drop schema."),
            ));
        }
        state.classes.remove(name);
        Ok(())
    }

    /// Stores a new object, its operators applied to an empty object and its
    /// fields checked against the class's types (see [`write_changes`]).
    /// The class must exist unless `create_class` is set, in which case it
    /// is made on the way (119 otherwise). Returns what the answer echoes.
    pub fn insert_object(
        &self,
        class: &str,
        object: Map<String, Value>,
        create_class: bool,
    ) -> Result<Map<String, Value>, ParseError> {
        let mut state = self.lock();
        if !state.classes.contains_key(class) && !create_class {
            return Err(ParseError::permission_denied());
        }
        let id = object
            .get("objectId")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let mut stored = Map::new();
        let echo = write_changes(&mut state, class, &id, &mut stored, object)?;
        state
            .classes
            .entry(class.to_owned())
            .or_default()
            .objects
            .insert(id, stored);
        Ok(echo)
    }

    /// One object of a class.
    pub fn object(&self, class: &str, object_id: &str) -> Option<Map<String, Value>> {
        self.lock()
            .classes
            .get(class)?
            .objects
            .get(object_id)
            .cloned()
    }
}

impl Store {
    /// Every object of a class, or `None` when the class does not exist.
    pub fn objects(&self, class: &str) -> Option<Vec<Map<String, Value>>> {
        let state = self.lock();
        let class = state.classes.get(class)?;
        Some(class.objects.values().cloned().collect())
    }

    /// Applies `changes` to one object if `may_write` allows it, in one
    /// atomic step (see [`write_changes`]). A missing object and one
    /// `may_write` refuses are the same 101, as Parse Server answers both.
    /// Returns what the answer echoes (the results of operators).
    pub fn update_object(
        &self,
        class: &str,
        object_id: &str,
        changes: Map<String, Value>,
        may_write: impl Fn(&Map<String, Value>) -> bool,
    ) -> Result<Map<String, Value>, ParseError> {
        let mut state = self.lock();
        let mut object = state
            .classes
            .get(class)
            .and_then(|c| c.objects.get(object_id))
            .filter(|o| may_write(o))
            .cloned()
            .ok_or_else(ParseError::object_not_found)?;
        let echo = write_changes(&mut state, class, object_id, &mut object, changes)?;
        if let Some(stored) = state
            .classes
            .get_mut(class)
            .and_then(|c| c.objects.get_mut(object_id))
        {
            *stored = object;
        }
        Ok(echo)
    }

    /// Deletes one object if `may_write` allows it; 101 otherwise, and for
    /// an object that is not (or no longer) there.
    pub fn delete_object(
        &self,
        class: &str,
        object_id: &str,
        may_write: impl Fn(&Map<String, Value>) -> bool,
    ) -> Result<(), ParseError> {
        let mut state = self.lock();
        let objects = &mut state
            .classes
            .get_mut(class)
            .ok_or_else(ParseError::object_not_found)?
            .objects;
        if !objects.get(object_id).is_some_and(may_write) {
            return Err(ParseError::object_not_found());
        }
        objects.remove(object_id);
        Ok(())
    }
}

/// Checks `changes` against the types of `class` ([`schema_types`]),
/// applies them to `object` ([`operations`]), records their relation
/// changes, then declares the new fields: all or nothing, under the lock
/// the caller holds. Returns what the answer echoes.
fn write_changes(
    state: &mut State,
    class: &str,
    object_id: &str,
    object: &mut Map<String, Value>,
    changes: Map<String, Value>,
) -> Result<Map<String, Value>, ParseError> {
    let mut fields = state
        .classes
        .get(class)
        .map(|c| c.fields.clone())
        .unwrap_or_default();
    schema_types::check_and_extend(class, &mut fields, &changes)?;
    let applied = operations::apply(object, changes)?;
    for change in &applied.relations {
        if change.add {
            state.add_relation(class, &change.key, object_id, &change.ids);
        } else {
            state.remove_relation(class, &change.key, object_id, &change.ids);
        }
    }
    state.classes.entry(class.to_owned()).or_default().fields = fields;
    Ok(applied.echo)
}
