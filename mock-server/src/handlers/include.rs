//! `include`, `keys` and `excludeKeys` (Parse REST guide, Objects,
//! "Retrieving Objects"; Queries, "Relational Queries"), for a single
//! `GET /classes/C/id` and, object by object, for a find.
//!
//! - `include=author` replaces the pointer in `author` with the object it
//!   points to, as `{"__type": "Object", "className": …, …fields}`;
//!   `include=author.up` does so for `author`, then for `up` inside it. The
//!   pointed-to object is read with the caller's rights: one the caller may
//!   not read (or that is gone) is left out, field and all, as Parse Server
//!   does.
//! - `keys=a,b` keeps only those fields (plus `objectId`, `createdAt`,
//!   `updatedAt` and `ACL`); `keys=author.name` keeps `name` in the
//!   included `author`.
//! - `excludeKeys=a,b` leaves those fields out.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::{can_read, permissions::ClassPermissions};
use crate::{
    AppState,
    class_permissions::Operation,
    context::RequestContext,
    error::ParseError,
    query::{Query, parse::list},
    store::{SESSION_CLASS, USER_CLASS},
};

/// What a request asks of the shape of each object it reads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Projection {
    /// Pointer paths to follow (`author`, `author.up`).
    pub include: Vec<String>,
    /// Only these fields, when given (`title`, `author.name`).
    pub keys: Option<Vec<String>>,
    /// These fields left out.
    pub exclude_keys: Vec<String>,
}

impl Projection {
    /// Reads `include`, `keys` and `excludeKeys` from query parameters
    /// (lists as a find reads them: comma-separated or a JSON array).
    pub fn from_params(params: &HashMap<String, String>) -> Projection {
        let list = |name: &str| params.get(name).map(|text| list(text));
        Projection {
            include: list("include").unwrap_or_default(),
            keys: list("keys"),
            exclude_keys: list("excludeKeys").unwrap_or_default(),
        }
    }

    /// Takes a parsed find's `include`, `keys` and `excludeKeys` out of it,
    /// so that they shape each result of the page, as they shape a single
    /// object, and the query itself finds whole objects.
    pub fn take_from(query: &mut Query) -> Projection {
        Projection {
            include: std::mem::take(&mut query.include),
            keys: query.keys.take(),
            exclude_keys: std::mem::take(&mut query.exclude_keys),
        }
    }

    /// Follows the included pointers of `object`, then keeps the asked
    /// keys; its `File` fields get their `url`. An included class closed to
    /// the caller is 119 for the whole request, as Parse Server answers.
    pub fn apply(
        &self,
        state: &AppState,
        ctx: &RequestContext,
        mut object: Map<String, Value>,
    ) -> Result<Map<String, Value>, ParseError> {
        for path in &self.include {
            let segments: Vec<&str> = path.split('.').collect();
            include_path(state, ctx, &mut object, &segments)?;
        }
        let mut object = select_keys(object, self.keys.as_deref(), &self.exclude_keys);
        super::files::add_file_urls(&mut object, ctx);
        Ok(object)
    }
}

/// Follows one include path (`["author", "up"]`) in `object`: each pointer
/// on the way is replaced with the object it points to, if the caller may
/// read it, and left out otherwise. Arrays of pointers are followed element
/// by element.
pub fn include_path(
    state: &AppState,
    ctx: &RequestContext,
    object: &mut Map<String, Value>,
    segments: &[&str],
) -> Result<(), ParseError> {
    let Some((first, rest)) = segments.split_first() else {
        return Ok(());
    };
    let Some(value) = object.get_mut(*first) else {
        return Ok(());
    };
    let resolved = match &mut *value {
        Value::Array(items) => {
            let mut resolved = Vec::new();
            for item in items.drain(..) {
                resolved.extend(resolve(state, ctx, item, rest)?);
            }
            Some(Value::Array(resolved))
        }
        other => resolve(state, ctx, other.take(), rest)?,
    };
    match resolved {
        Some(resolved) => *value = resolved,
        None => {
            object.remove(*first);
        }
    }
    Ok(())
}

/// A pointer replaced with its object (then `rest` followed inside it), an
/// already included object followed further, any other value as it is;
/// `None` for a pointer the caller may not follow. The pointed class's
/// permissions apply as to a read of that object by the caller
/// (GHSA-fcv6-fg5r-jm9q): 119 when it is closed to the caller's gets (as
/// Parse Server checks for a page pointing to one object), its pointer
/// permissions, and its protected fields hidden.
fn resolve(
    state: &AppState,
    ctx: &RequestContext,
    value: Value,
    rest: &[&str],
) -> Result<Option<Value>, ParseError> {
    let Value::Object(mut map) = value else {
        return Ok(Some(value));
    };
    match map.get("__type").and_then(Value::as_str) {
        Some("Pointer") => {
            let (Some(class), Some(id)) = (
                map.get("className").and_then(Value::as_str),
                map.get("objectId").and_then(Value::as_str),
            ) else {
                return Ok(None);
            };
            let permissions = ClassPermissions::of(state, ctx, class);
            let access = match &permissions {
                Some(p) => Some(p.check(Operation::Get)?),
                None => None,
            };
            let Some(mut target) = state.store.object(class, id) else {
                return Ok(None);
            };
            let session_hidden = class == SESSION_CLASS && !super::sessions::may_read(&target, ctx);
            if !can_read(target.get("ACL"), ctx) || session_hidden {
                return Ok(None);
            }
            if let (Some(p), Some(access)) = (&permissions, &access) {
                if !p.grants(access, &target) {
                    return Ok(None);
                }
                p.hide_protected(&mut target);
            }
            if class == USER_CLASS {
                super::users::hide_linked_accounts(&mut target, ctx);
            }
            target.insert("__type".into(), Value::from("Object"));
            target.insert("className".into(), Value::from(class));
            include_path(state, ctx, &mut target, rest)?;
            Ok(Some(Value::Object(target)))
        }
        Some("Object") => {
            include_path(state, ctx, &mut map, rest)?;
            Ok(Some(Value::Object(map)))
        }
        _ => Ok(Some(Value::Object(map))),
    }
}

/// `keys` and `excludeKeys` on one object: the query engine's
/// [`crate::query::eval::pick`].
pub use crate::query::eval::pick as select_keys;

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn map(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn keys_keep_the_named_fields_and_the_built_in_ones() {
        let object =
            map(json!({"objectId": "a", "createdAt": "t", "score": 1, "name": "n", "x": 2}));
        let keys = vec!["score".to_owned(), "name".to_owned()];
        assert_eq!(
            Value::Object(select_keys(object.clone(), Some(&keys), &[])),
            json!({"objectId": "a", "createdAt": "t", "score": 1, "name": "n"})
        );
        assert_eq!(
            Value::Object(select_keys(
                object,
                None,
                &["x".to_owned(), "name".to_owned()]
            )),
            json!({"objectId": "a", "createdAt": "t", "score": 1})
        );
    }

    #[test]
    fn dotted_keys_select_inside_included_objects() {
        let object = map(json!({"objectId": "p", "title": "t", "author": {
            "__type": "Object", "className": "A", "objectId": "a", "name": "n", "age": 3
        }}));
        let keys = vec!["author.name".to_owned()];
        assert_eq!(
            Value::Object(select_keys(object, Some(&keys), &[])),
            json!({"objectId": "p", "author": {"__type": "Object", "className": "A", "objectId": "a", "name": "n"}})
        );
    }
}
