//! Classes and their objects.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::Store;
use crate::error::ParseError;

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

    /// Stores a new object. The class must exist unless `create_class` is
    /// set, in which case it is made on the way (119 otherwise).
    pub fn insert_object(
        &self,
        class: &str,
        object: Map<String, Value>,
        create_class: bool,
    ) -> Result<(), ParseError> {
        let mut state = self.lock();
        if !state.classes.contains_key(class) && !create_class {
            return Err(ParseError::permission_denied());
        }
        let id = object
            .get("objectId")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        state
            .classes
            .entry(class.to_owned())
            .or_default()
            .objects
            .insert(id, object);
        Ok(())
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
    /// atomic step: `{"__op": "Delete"}` removes the field, any other value
    /// replaces it. A missing object and one `may_write`
    /// refuses are the same 101, as Parse Server answers both.
    pub fn update_object(
        &self,
        class: &str,
        object_id: &str,
        changes: Map<String, Value>,
        may_write: impl Fn(&Map<String, Value>) -> bool,
    ) -> Result<(), ParseError> {
        let mut state = self.lock();
        let object = state
            .classes
            .get_mut(class)
            .and_then(|c| c.objects.get_mut(object_id))
            .filter(|o| may_write(o))
            .ok_or_else(ParseError::object_not_found)?;
        for (key, value) in changes {
            let delete = value.get("__op").and_then(Value::as_str) == Some("Delete");
            if delete {
                object.remove(&key);
            } else {
                object.insert(key, value);
            }
        }
        Ok(())
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
