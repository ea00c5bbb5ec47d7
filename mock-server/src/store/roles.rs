//! Roles (Parse REST guide, Roles): who belongs to which role, directly or
//! through the role hierarchy.
//!
//! A role is an object of `_Role` with a unique `name` and two Relation
//! fields: `users` (its members) and `roles` (its child roles). The guide's
//! rule is that a permission granted to a role is granted to its users and
//! to the users of every role it contains, at any depth: when
//! "Administrators" is in the `roles` relation of "Moderators", the
//! Administrators get what is granted to `role:Moderators`. Parse Server
//! computes the same (`Auth._loadRoles`: the roles whose `users` holds the
//! user, then, repeatedly, the roles whose `roles` holds one of those).
//!
//! The relations themselves live with every other relation in
//! [`State::relations`]; [`RoleGraph`] mirrors the part that decides
//! rights (names, members, containment) behind its own lock, so that an
//! ACL check made while the store's lock is held (a find filters its rows
//! under that lock) can still ask for the caller's roles. Every change to
//! the graph is made while the store's lock is held too, so the checks of
//! a role write (a unique name) and the write itself are one atomic step.

use std::{
    collections::{BTreeSet, HashMap},
    sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard},
};

use serde_json::{Map, Value, json};

use super::{State, Store};
use crate::{error::ParseError, operations::RelationChange};

/// The class of roles.
pub const ROLE_CLASS: &str = "_Role";

/// The prefix of a role's entry in an ACL or a class-level permission:
/// `role:Moderators`.
pub const ROLE_PREFIX: &str = "role:";

/// The fields every role has, as `/schemas` shows them.
pub fn role_fields() -> Map<String, Value> {
    let fields = json!({
        "name": {"type": "String"},
        "users": {"type": "Relation", "targetClass": "_User"},
        "roles": {"type": "Relation", "targetClass": ROLE_CLASS},
    });
    fields.as_object().cloned().unwrap_or_default()
}

/// Role names, members and containment, by role objectId.
#[derive(Debug, Default)]
pub struct RoleGraph {
    /// Role objectId → name.
    names: HashMap<String, String>,
    /// User objectId → the roles whose `users` relation holds the user.
    roles_of_user: HashMap<String, BTreeSet<String>>,
    /// Role objectId → the roles whose `roles` relation holds that role
    /// (its parents, whose rights it inherits).
    parents: HashMap<String, BTreeSet<String>>,
}

/// A shared handle to the [`RoleGraph`], held by the store and by every
/// request context.
#[derive(Clone, Debug, Default)]
pub struct Roles {
    graph: Arc<RwLock<RoleGraph>>,
}

impl Roles {
    fn read(&self) -> RwLockReadGuard<'_, RoleGraph> {
        self.graph
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn write(&self) -> RwLockWriteGuard<'_, RoleGraph> {
        self.graph
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The names of every role the user `user_id` has: the roles whose
    /// `users` relation holds the user, and every role that contains one of
    /// those through `roles`, at any depth. A cycle of roles ends the walk,
    /// it does not loop. Takes only the roles' own lock, never the store's.
    pub fn names_for_user(&self, user_id: &str) -> BTreeSet<String> {
        let graph = self.read();
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut pending: Vec<&str> = graph
            .roles_of_user
            .get(user_id)
            .map(|roles| roles.iter().map(String::as_str).collect())
            .unwrap_or_default();
        while let Some(role) = pending.pop() {
            if !seen.insert(role) {
                continue;
            }
            if let Some(parents) = graph.parents.get(role) {
                pending.extend(parents.iter().map(String::as_str));
            }
        }
        seen.into_iter()
            .filter_map(|id| graph.names.get(id).cloned())
            .collect()
    }
}

impl RoleGraph {
    /// Records the relation changes of one write to the role `role_id`.
    fn relate(&mut self, role_id: &str, change: &RelationChange) {
        let index = match change.key.as_str() {
            "users" => &mut self.roles_of_user,
            "roles" => &mut self.parents,
            _ => return,
        };
        for member in &change.ids {
            let holders = index.entry(member.clone()).or_default();
            if change.add {
                holders.insert(role_id.to_owned());
            } else {
                holders.remove(role_id);
            }
        }
    }

    /// Forgets a deleted role: its name, and its place as a holder.
    fn remove(&mut self, role_id: &str) {
        self.names.remove(role_id);
        for holders in self
            .roles_of_user
            .values_mut()
            .chain(self.parents.values_mut())
        {
            holders.remove(role_id);
        }
        self.parents.remove(role_id);
    }
}

/// Refuses a role write whose `name` another role has (137, as Parse
/// Server's unique index answers) or that changes the name of a saved role
/// (the guide: the name can only be set as the role is created). Call it
/// under the store's lock, before anything is written.
pub(super) fn check_write(
    state: &State,
    role_id: &str,
    changes: &Map<String, Value>,
) -> Result<(), ParseError> {
    let Some(name) = changes.get("name") else {
        return Ok(());
    };
    let graph = state.roles.read();
    if let Some(current) = graph.names.get(role_id) {
        if name.as_str() != Some(current.as_str()) {
            return Err(ParseError::new(
                -1,
                "A role's name can only be set before it has been saved.",
            ));
        }
        return Ok(());
    }
    if graph
        .names
        .values()
        .any(|taken| name.as_str() == Some(taken))
    {
        return Err(ParseError::new(
            137,
            "A duplicate value for a field with unique values was provided",
        ));
    }
    Ok(())
}

/// Mirrors a role write into the graph: the role's name and the changes to
/// its `users` and `roles` relations. Call it under the store's lock.
pub(super) fn record_write(
    state: &State,
    role_id: &str,
    object: &Map<String, Value>,
    relations: &[RelationChange],
) {
    let mut graph = state.roles.write();
    if let Some(name) = object.get("name").and_then(Value::as_str) {
        graph.names.insert(role_id.to_owned(), name.to_owned());
    }
    for change in relations {
        graph.relate(role_id, change);
    }
}

/// Forgets a deleted role, so that it grants nothing any more. Call it
/// under the store's lock.
pub(super) fn record_delete(state: &State, role_id: &str) {
    state.roles.write().remove(role_id);
}

impl Store {
    /// The handle to the roles, for a request context to ask for its
    /// user's roles without taking the store's lock.
    pub fn roles(&self) -> Roles {
        self.roles.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(key: &str, add: bool, ids: &[&str]) -> RelationChange {
        RelationChange {
            key: key.to_owned(),
            add,
            ids: ids.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    fn named(roles: &Roles, id: &str, name: &str) {
        roles.write().names.insert(id.to_owned(), name.to_owned());
    }

    fn names(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn a_child_role_inherits_its_parents_not_the_reverse() {
        let roles = Roles::default();
        named(&roles, "m", "Moderators");
        named(&roles, "a", "Administrators");
        named(&roles, "x", "Other");
        // Administrators is in the `roles` relation of Moderators.
        roles.write().relate("m", &change("roles", true, &["a"]));
        roles
            .write()
            .relate("a", &change("users", true, &["admin"]));
        roles.write().relate("m", &change("users", true, &["mod"]));
        assert_eq!(
            roles.names_for_user("admin"),
            names(&["Administrators", "Moderators"])
        );
        assert_eq!(roles.names_for_user("mod"), names(&["Moderators"]));
        assert!(roles.names_for_user("nobody").is_empty());
    }

    #[test]
    fn cycles_end_and_removals_take_rights_away() {
        let roles = Roles::default();
        named(&roles, "a", "A");
        named(&roles, "b", "B");
        named(&roles, "c", "C");
        roles.write().relate("a", &change("roles", true, &["b"]));
        roles.write().relate("b", &change("roles", true, &["c"]));
        roles.write().relate("c", &change("roles", true, &["a"]));
        roles.write().relate("c", &change("users", true, &["u"]));
        assert_eq!(roles.names_for_user("u"), names(&["A", "B", "C"]));
        roles.write().remove("b");
        assert_eq!(roles.names_for_user("u"), names(&["C"]));
        roles.write().relate("c", &change("users", false, &["u"]));
        assert!(roles.names_for_user("u").is_empty());
    }
}
