//! Class-level permissions applied to one request: the glue between the
//! pure rules of [`crate::class_permissions`], the caller of the
//! [`RequestContext`] and the class's schema in the store. The master key
//! bypasses them all.

use std::sync::Arc;

use serde_json::{Map, Value};

use crate::{
    AppState,
    class_permissions::{self, Access, Caller, Operation},
    context::RequestContext,
    error::ParseError,
    query::{self, Document, Query},
};

/// The fields every object has; writing them never adds a field.
const BUILT_IN: &[&str] = &["objectId", "createdAt", "updatedAt", "ACL"];

/// A class's CLPs as they apply to one caller.
#[derive(Clone, Debug)]
pub struct ClassPermissions {
    clp: std::borrow::Cow<'static, Map<String, Value>>,
    fields: Arc<Map<String, Value>>,
    caller: Caller,
    protected: Vec<String>,
}

/// The caller as CLPs see it: its user id and, when the CLPs name roles
/// at all, the names of its roles (inherited ones included, see
/// [`RequestContext::role_names`]).
pub fn caller(ctx: &RequestContext, clp: &Map<String, Value>) -> Caller {
    let names_roles = clp
        .values()
        .filter_map(Value::as_object)
        .any(|entries| entries.keys().any(|who| who.starts_with("role:")));
    Caller {
        user_id: ctx.user_id().map(str::to_owned),
        roles: if names_roles {
            ctx.role_names().iter().cloned().collect()
        } else {
            Vec::new()
        },
    }
}

impl ClassPermissions {
    /// The CLPs of `class` for the caller of `ctx`; `None` for the master
    /// key, and for a class that does not exist (nothing to apply).
    pub fn of(state: &AppState, ctx: &RequestContext, class: &str) -> Option<ClassPermissions> {
        if ctx.is_master {
            return None;
        }
        let schema = state.store.class_schema(class)?;
        let clp = class_permissions::shown(schema.permissions.as_ref());
        let caller = caller(ctx, &clp);
        let protected = class_permissions::protected_fields(&clp, &caller);
        Some(ClassPermissions {
            clp,
            fields: schema.fields,
            caller,
            protected,
        })
    }

    /// Whether the caller may run `op`, and on which objects; 119 (or 101
    /// for an anonymous caller where `requiresAuthentication`) otherwise.
    pub fn check(&self, op: Operation) -> Result<Access, ParseError> {
        class_permissions::check(&self.clp, &self.caller, op, false)
    }

    /// The `addField` permission, when `body` writes a field the class
    /// does not have yet (a deletion adds nothing); [`Access::All`] when it
    /// does not. During a create, pointer permissions do not allow it.
    pub fn check_new_fields(
        &self,
        body: &Map<String, Value>,
        creating: bool,
    ) -> Result<Access, ParseError> {
        let adds = body.iter().any(|(name, value)| {
            let root = name.split('.').next().unwrap_or_default();
            let deletes = value.get("__op").and_then(Value::as_str) == Some("Delete");
            !deletes && !BUILT_IN.contains(&root) && !self.fields.contains_key(root)
        });
        if !adds {
            return Ok(Access::All);
        }
        class_permissions::check(&self.clp, &self.caller, Operation::AddField, creating)
    }

    /// Whether `access` lets the caller reach this object.
    pub fn grants(&self, access: &Access, object: &dyn Document) -> bool {
        class_permissions::grants(access, &self.caller, |name| object.field(name).cloned())
    }

    /// Refuses a query that constrains or sorts by a field the class
    /// protects from the caller, at any depth of `$or`, `$and` and `$nor`
    /// and through dot notation: 119 `Permission denied`, as Parse Server's
    /// `denyProtectedFields` answers.
    pub fn check_query(&self, query: &Query) -> Result<(), ParseError> {
        if self
            .protected
            .iter()
            .any(|field| query::names_field(query, field))
        {
            return Err(ParseError::permission_denied());
        }
        Ok(())
    }

    /// Refuses to query by `field` (a `$relatedTo` key) when the class
    /// protects it from the caller: 119 `Permission denied`.
    pub fn check_field_query(&self, field: &str) -> Result<(), ParseError> {
        let root = field.split('.').next().unwrap_or_default();
        if self.protected.iter().any(|p| p == field || p == root) {
            return Err(ParseError::permission_denied());
        }
        Ok(())
    }

    /// Removes from `object` the fields the class hides from the caller.
    pub fn hide_protected(&self, object: &mut Map<String, Value>) {
        let hidden = class_permissions::hidden_in(&self.clp, &self.caller, &self.protected, object);
        for field in hidden {
            object.remove(&field);
        }
    }
}
