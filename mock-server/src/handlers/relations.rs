//! `$relatedTo` (Parse REST guide, Objects, "Relations"; Queries,
//! "Relational Queries"): the objects a Relation field of one object
//! relates to. It is resolved before the query runs, into an `objectId`
//! `$in` constraint over the related objectIds, so that the query engine
//! never needs to know about relations.

use serde_json::{Map, Value, json};

use super::{can_read, permissions::ClassPermissions};
use crate::{AppState, class_permissions::Operation, context::RequestContext, error::ParseError};

/// Replaces a top-level `$relatedTo` in `constraints` with
/// `{"objectId": {"$in": [related ids]}}` (joined with any other `objectId`
/// constraint by `$and`). The owning object must be one the caller may
/// read (its class's `get` permission, pointer permissions and ACL);
/// otherwise nothing is related, as Parse Server answers. A relation field
/// the owning class protects from the caller is 119 (GHSA-wmwx-jr2p-4j4r).
/// A `$relatedTo` without an `object` pointer and a `key` is 102.
pub fn resolve_related_to(
    state: &AppState,
    ctx: &RequestContext,
    constraints: &mut Map<String, Value>,
) -> Result<(), ParseError> {
    let store = &state.store;
    let Some(related_to) = constraints.remove("$relatedTo") else {
        return Ok(());
    };
    let bad = || ParseError::new(102, "improper usage of $relatedTo");
    let owner = related_to.get("object").ok_or_else(bad)?;
    let key = related_to
        .get("key")
        .and_then(Value::as_str)
        .ok_or_else(bad)?;
    let class = owner
        .get("className")
        .and_then(Value::as_str)
        .ok_or_else(bad)?;
    let owner_id = owner
        .get("objectId")
        .and_then(Value::as_str)
        .ok_or_else(bad)?;
    let permissions = ClassPermissions::of(state, ctx, class);
    if let Some(p) = &permissions {
        p.check_field_query(key)?;
    }
    let granted = |owner: &Map<String, Value>| match &permissions {
        Some(p) => p
            .check(Operation::Get)
            .is_ok_and(|access| p.grants(&access, owner)),
        None => true,
    };
    let readable = store
        .object(class, owner_id)
        .is_some_and(|o| granted(&o) && can_read(o.get("ACL"), ctx));
    let ids = if readable {
        store.related_ids(class, key, owner_id)
    } else {
        Vec::new()
    };
    let related = json!({ "$in": ids });
    match constraints.remove("objectId") {
        None => {
            constraints.insert("objectId".into(), related);
        }
        Some(other) => {
            let clauses = json!([{ "objectId": other }, { "objectId": related }]);
            constraints.insert("$and".into(), clauses);
        }
    }
    Ok(())
}
