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
