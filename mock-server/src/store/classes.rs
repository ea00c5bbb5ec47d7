//! Classes and their objects.

use std::sync::Arc;

use serde_json::{Map, Value};

use super::{Collection, State, Store, roles};
use crate::{error::ParseError, operations, query::Document, schema_types};

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
        self.lock()
            .classes
            .get(name)
            .map(|c| c.fields.as_ref().clone())
    }

    /// Deletes an empty class; 255 if it holds objects. A class that does
    /// not exist is already deleted, as Parse Server answers.
    pub fn delete_class(&self, name: &str) -> Result<(), ParseError> {
        let mut state = self.lock();
        let count = match state.classes.get(name) {
            Some(class) => class.len(),
            None => return Ok(()),
        };
        if count > 0 {
            return Err(ParseError::new(
                255,
                format!("Class {name} is not empty, contains {count} objects, cannot drop schema."),
            ));
        }
        state.classes.remove(name);
        state.relations.retain(|(class, _, _), _| class != name);
        Ok(())
    }

    /// Stores a new object, its operators applied to an empty object and its
    /// fields checked against the class's types (see [`write_changes`]).
    /// The class must exist unless `create_class` is set, in which case it
    /// is made on the way (119 otherwise). A field the schema API declared
    /// with a `defaultValue` gets it when the object has none (the answer
    /// echoes it); one declared `required` without a default must be given
    /// (142 `f is required`). Returns what the answer echoes.
    pub fn insert_object(
        &self,
        class: &str,
        mut object: Map<String, Value>,
        create_class: bool,
    ) -> Result<Map<String, Value>, ParseError> {
        let mut state = self.lock();
        if !state.classes.contains_key(class) && !create_class {
            return Err(ParseError::permission_denied());
        }
        let defaults = match state.classes.get(class) {
            Some(collection) => fill_defaults(&collection.fields, &mut object)?,
            None => Map::new(),
        };
        let id = object
            .get("objectId")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let (stored, mut echo) = write_changes(&mut state, class, &id, Map::new(), object)?;
        echo.extend(defaults);
        state
            .classes
            .entry(class.to_owned())
            .or_default()
            .insert(stored)?;
        Ok(echo)
    }

    /// One object of a class, as clients may see it.
    pub fn object(&self, class: &str, object_id: &str) -> Option<Map<String, Value>> {
        self.lock().classes.get(class)?.get(object_id)
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
        may_write: impl Fn(&dyn Document) -> bool,
    ) -> Result<Map<String, Value>, ParseError> {
        let mut state = self.lock();
        let object = state
            .classes
            .get(class)
            .filter(|c| writable(c, object_id, &may_write))
            .and_then(|c| c.to_map(c.slot(object_id)?, true))
            .ok_or_else(ParseError::object_not_found)?;
        let (object, echo) = write_changes(&mut state, class, object_id, object, changes)?;
        if let Some(collection) = state.classes.get_mut(class) {
            collection.replace(object_id, object);
        }
        Ok(echo)
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
        if class == roles::ROLE_CLASS {
            roles::record_delete(&state, object_id);
        }
        Ok(())
    }
}

/// Gives `object` the `defaultValue` of every declared field it lacks and
/// answers them; 142 `f is required` for a `required` field still missing.
fn fill_defaults(
    fields: &Map<String, Value>,
    object: &mut Map<String, Value>,
) -> Result<Map<String, Value>, ParseError> {
    let mut filled = Map::new();
    for (name, field) in fields {
        if object.get(name).is_some_and(|v| !v.is_null()) {
            continue;
        }
        if let Some(default) = field.get("defaultValue") {
            object.insert(name.clone(), default.clone());
            filled.insert(name.clone(), default.clone());
        } else if field.get("required") == Some(&Value::Bool(true)) {
            return Err(ParseError::new(142, format!("{name} is required")));
        }
    }
    Ok(filled)
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

/// An object as written, and what the write's answer echoes.
type Written = (Map<String, Value>, Map<String, Value>);

/// Checks `changes` against the types of `class` ([`schema_types`]),
/// applies them to `object` ([`operations`]), records their relation
/// changes, then declares the new fields: all or nothing, under the lock
/// the caller holds. Returns the changed object and what the answer echoes.
fn write_changes(
    state: &mut State,
    class: &str,
    object_id: &str,
    object: Map<String, Value>,
    changes: Map<String, Value>,
) -> Result<Written, ParseError> {
    let is_role = class == roles::ROLE_CLASS;
    if is_role {
        roles::check_write(state, object_id, &changes)?;
    }
    let no_fields = Map::new();
    let declared = state.classes.get(class).map_or(&no_fields, |c| &c.fields);
    let added = schema_types::new_fields(class, declared, &changes)?;
    let (object, applied) = operations::apply(object, changes)?;
    if is_role {
        roles::record_write(state, object_id, &object, &applied.relations);
    }
    for change in &applied.relations {
        if change.add {
            state.add_relation(class, &change.key, object_id, &change.ids);
        } else {
            state.remove_relation(class, &change.key, object_id, &change.ids);
        }
    }
    if !added.is_empty() {
        let collection = state.classes.entry(class.to_owned()).or_default();
        Arc::make_mut(&mut collection.fields).extend(added);
    }
    Ok((object, applied.echo))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_refused_update_changes_neither_the_object_nor_the_class() {
        let store = Store::new();
        let object = json!({"objectId": "a", "score": 1});
        store
            .insert_object("C", object.as_object().cloned().unwrap(), true)
            .unwrap();
        let refused = json!({"score": 2, "n": 1, "x": {"__op": "Nope"}});
        let error = store
            .update_object("C", "a", refused.as_object().cloned().unwrap(), |_| true)
            .unwrap_err();
        assert_eq!(error.code, 108);
        assert_eq!(store.object("C", "a").map(Value::Object), Some(object));
        let fields = store.class_fields("C").unwrap();
        assert!(fields.contains_key("score") && !fields.contains_key("n"));
    }
}
