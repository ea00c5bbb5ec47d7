//! Relations: the objects a Relation field of an object relates to (Parse
//! REST guide, Objects, "Relations"). The field itself only says which
//! class (`{"__type": "Relation", "className": …}`); the related objectIds
//! live here, keyed by the owning object and field.

use std::collections::BTreeSet;

use super::{State, Store};

/// The owner of a relation: (owner class, Relation field, owner objectId).
pub type RelationKey = (String, String, String);

impl State {
    /// Relates the objects `ids` to the field `key` of the object
    /// `owner_id` of `owner_class`.
    pub fn add_relation(&mut self, owner_class: &str, key: &str, owner_id: &str, ids: &[String]) {
        self.relations
            .entry(relation_key(owner_class, key, owner_id))
            .or_default()
            .extend(ids.iter().cloned());
    }

    /// Removes the objects `ids` from the relation; removing an object not
    /// related is no error.
    pub fn remove_relation(
        &mut self,
        owner_class: &str,
        key: &str,
        owner_id: &str,
        ids: &[String],
    ) {
        if let Some(set) = self
            .relations
            .get_mut(&relation_key(owner_class, key, owner_id))
        {
            for id in ids {
                set.remove(id);
            }
        }
    }
}

impl Store {
    /// The objectIds related to the field `key` of the object `owner_id` of
    /// `owner_class`, in objectId order (none when nothing was related).
    pub fn related_ids(&self, owner_class: &str, key: &str, owner_id: &str) -> Vec<String> {
        self.lock()
            .relations
            .get(&relation_key(owner_class, key, owner_id))
            .map(|set| set.iter().cloned().collect())
            .unwrap_or_default()
    }
}

fn relation_key(owner_class: &str, key: &str, owner_id: &str) -> RelationKey {
    (owner_class.to_owned(), key.to_owned(), owner_id.to_owned())
}

/// The related objectIds of one relation.
pub type RelatedIds = BTreeSet<String>;

#[cfg(test)]
mod tests {
    use crate::store::Store;

    #[test]
    fn adds_and_removes_related_ids() {
        let store = Store::new();
        let ids = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        store
            .lock()
            .add_relation("Post", "likes", "p1", &ids(&["b", "a", "b"]));
        assert_eq!(store.related_ids("Post", "likes", "p1"), ids(&["a", "b"]));
        store
            .lock()
            .remove_relation("Post", "likes", "p1", &ids(&["a", "zz"]));
        assert_eq!(store.related_ids("Post", "likes", "p1"), ids(&["b"]));
        assert!(store.related_ids("Post", "likes", "p2").is_empty());
    }
}
