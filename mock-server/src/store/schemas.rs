//! Classes as the schema API sees them: their declared fields and their
//! class-level permissions, listed, changed and read in one step each.

use std::sync::Arc;

use serde_json::{Map, Value};

use super::{Collection, Store};
use crate::error::ParseError;

/// One class's schema: its declared fields and the CLPs set on it, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassSchema {
    /// The class name.
    pub name: String,
    /// Declared fields, name → `{"type": …}` (built-in ones left out),
    /// shared with the store.
    pub fields: Arc<Map<String, Value>>,
    /// The CLPs set through `/schemas`; `None` when never set.
    pub permissions: Option<Map<String, Value>>,
}

/// What a `PUT /schemas/:className` changes, already checked.
#[derive(Clone, Debug, Default)]
pub struct SchemaChange {
    /// Fields to declare.
    pub add: Map<String, Value>,
    /// Fields to delete, with their values in every object.
    pub delete: Vec<String>,
    /// New CLPs, replacing the old ones.
    pub permissions: Option<Map<String, Value>>,
}

impl Store {
    /// Creates a class with these fields and CLPs; 103 if it exists.
    pub fn create_class_with(
        &self,
        name: &str,
        fields: Map<String, Value>,
        permissions: Option<Map<String, Value>>,
    ) -> Result<(), ParseError> {
        let mut state = self.lock();
        if state.classes.contains_key(name) {
            return Err(ParseError::new(
                103,
                format!("Class {name} already exists."),
            ));
        }
        let mut collection = Collection::new(fields);
        collection.permissions = permissions;
        state.classes.insert(name.to_owned(), collection);
        Ok(())
    }

    /// The schema of a class, if it exists.
    pub fn class_schema(&self, name: &str) -> Option<ClassSchema> {
        self.lock().classes.get(name).map(|c| ClassSchema {
            name: name.to_owned(),
            fields: c.fields.clone(),
            permissions: c.permissions.clone(),
        })
    }

    /// The schemas of every class, by name.
    pub fn class_schemas(&self) -> Vec<ClassSchema> {
        let state = self.lock();
        let mut all: Vec<ClassSchema> = state
            .classes
            .iter()
            .map(|(name, c)| ClassSchema {
                name: name.clone(),
                fields: c.fields.clone(),
                permissions: c.permissions.clone(),
            })
            .collect();
        all.sort_by(|a, b| a.name.cmp(&b.name));
        all
    }

    /// Applies `change` to the class `name`: deleted fields leave every
    /// object (and their relations), then the new ones are declared and
    /// the CLPs replaced. 103 if the class does not exist.
    pub fn change_class(&self, name: &str, change: SchemaChange) -> Result<(), ParseError> {
        let mut state = self.lock();
        let collection = state
            .classes
            .get_mut(name)
            .ok_or_else(|| ParseError::new(103, format!("Class {name} does not exist.")))?;
        for field in &change.delete {
            Arc::make_mut(&mut collection.fields).remove(field);
            collection.clear_field(field);
        }
        Arc::make_mut(&mut collection.fields).extend(change.add);
        if change.permissions.is_some() {
            collection.permissions = change.permissions;
        }
        state
            .relations
            .retain(|(class, field, _), _| class != name || !change.delete.contains(field));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn deleting_a_field_removes_its_values_and_a_new_one_of_another_type_can_follow() {
        let store = Store::new();
        store.create_class_with("C", Map::new(), None).unwrap();
        let object = json!({"objectId": "a", "n": 1, "s": "x"});
        store
            .insert_object("C", object.as_object().cloned().unwrap(), false)
            .unwrap();
        let change = SchemaChange {
            delete: vec!["n".into()],
            ..SchemaChange::default()
        };
        store.change_class("C", change).unwrap();
        assert_eq!(
            store.object("C", "a").map(Value::Object),
            Some(json!({"objectId": "a", "s": "x"}))
        );
        let schema = store.class_schema("C").unwrap();
        assert_eq!(
            Value::Object(schema.fields.as_ref().clone()),
            json!({"s": {"type": "String"}})
        );
        assert_eq!(
            store
                .change_class("Nope", SchemaChange::default())
                .unwrap_err()
                .code,
            103
        );
    }
}
