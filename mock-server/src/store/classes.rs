//! Classes and their objects.

use serde_json::{Map, Value};

use super::{Collection, Store};
use crate::{error::ParseError, query::Document};

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
        state
            .classes
            .insert(name.to_owned(), Collection::new(fields));
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
            Some(class) => class.len(),
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
        state
            .classes
            .entry(class.to_owned())
            .or_default()
            .insert(object)?;
        Ok(())
    }

    /// One object of a class, as clients may see it.
    pub fn object(&self, class: &str, object_id: &str) -> Option<Map<String, Value>> {
        self.lock().classes.get(class)?.get(object_id)
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
        may_write: impl Fn(&dyn Document) -> bool,
    ) -> Result<(), ParseError> {
        let mut state = self.lock();
        let collection = state
            .classes
            .get_mut(class)
            .filter(|c| writable(c, object_id, &may_write))
            .ok_or_else(ParseError::object_not_found)?;
        collection.update(object_id, |object| {
            for (key, value) in changes {
                let delete = value.get("__op").and_then(Value::as_str) == Some("Delete");
                if delete {
                    object.remove(&key);
                } else {
                    object.insert(key, value);
                }
            }
            Ok(())
        })?;
        Ok(())
    }

    /// Deletes one object if `may_write` allows it; 101 otherwise, and for
    /// an object that is not (or no longer) there.
    pub fn delete_object(
        &self,
        class: &str,
        object_id: &str,
        may_write: impl Fn(&dyn Document) -> bool,
    ) -> Result<(), ParseError> {
        let mut state = self.lock();
        let collection = state
            .classes
            .get_mut(class)
            .filter(|c| writable(c, object_id, &may_write))
            .ok_or_else(ParseError::object_not_found)?;
        collection.remove(object_id);
        Ok(())
    }
}

/// Whether the object exists and `may_write` lets the caller change it.
fn writable(
    collection: &Collection,
    object_id: &str,
    may_write: &impl Fn(&dyn Document) -> bool,
) -> bool {
    collection
        .slot(object_id)
        .and_then(|slot| collection.doc(slot))
        .is_some_and(|doc| may_write(&doc))
}
