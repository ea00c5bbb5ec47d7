//! Class-level permissions (CLPs), as pure functions: checking a CLP set
//! through the schema API, deciding whether a caller may run an operation
//! on a class, and which fields the class hides from that caller.
//!
//! A class's CLPs are a JSON object, as `/schemas` shows them:
//! `{"find": {"*": true}, "get": {"role:Admin": true}, "update":
//! {"pointerFields": ["owner"]}, "readUserFields": ["owner"],
//! "protectedFields": {"*": ["secret"]}, …}`. The rules follow Parse
//! Server 9.10 (`SchemaController.validateCLP`, `validatePermission`,
//! `DatabaseController.addPointerPermissions`, `addProtectedFields`,
//! `filterSensitiveData`), on PostgreSQL:
//!
//! - a class made without CLPs gets [`default_permissions`] (everything
//!   public); once CLPs are set, an operation they leave out is closed to
//!   everyone but the master key ([`shown`] fills it in as `{}`);
//! - an operation is allowed to the public (`*`), to listed user ids, to
//!   listed `role:Name`s, or, with `requiresAuthentication`, to any
//!   logged-in user;
//! - otherwise the pointer permissions (`readUserFields` for reads,
//!   `writeUserFields` for writes, `pointerFields` per operation) narrow
//!   it to the objects whose pointer field names the caller; a create is
//!   never allowed that way;
//! - `protectedFields` hides fields from finds and gets: the sets that
//!   apply to the caller (`*`, `authenticated`, its roles, its id) are
//!   intersected, and `userField:f` entries apply, per object, to the user
//!   `f` points to.

use std::{borrow::Cow, sync::LazyLock};

use serde_json::{Map, Value, json};

use crate::error::ParseError;

/// An operation a CLP governs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    /// A query.
    Find,
    /// Counting a query's matches.
    Count,
    /// Reading one object by id.
    Get,
    /// Creating an object.
    Create,
    /// Updating an object.
    Update,
    /// Deleting an object.
    Delete,
    /// Writing a field the class does not have yet.
    AddField,
}

impl Operation {
    /// The operation's key in a CLP.
    pub fn key(self) -> &'static str {
        match self {
            Operation::Find => "find",
            Operation::Count => "count",
            Operation::Get => "get",
            Operation::Create => "create",
            Operation::Update => "update",
            Operation::Delete => "delete",
            Operation::AddField => "addField",
        }
    }

    /// Whether it reads (pointer permissions from `readUserFields`).
    fn reads(self) -> bool {
        matches!(self, Operation::Find | Operation::Count | Operation::Get)
    }
}

/// Who is asking, as CLPs see it: a user id and role names (`Admin`, not
/// `role:Admin`), or nobody.
#[derive(Clone, Debug, Default)]
pub struct Caller {
    /// The objectId of the logged-in user.
    pub user_id: Option<String>,
    /// The names of the roles the user belongs to, directly or not.
    pub roles: Vec<String>,
}

impl Caller {
    /// Whether a CLP entry key (`*`, a user id, `role:Name`) names this caller.
    fn is_named_by(&self, key: &str) -> bool {
        key == "*"
            || self.user_id.as_deref() == Some(key)
            || key
                .strip_prefix("role:")
                .is_some_and(|role| self.roles.iter().any(|r| r == role))
    }
}

/// What a CLP lets a caller do with an operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Access {
    /// Every object (its ACL still applies).
    All,
    /// Only the objects whose pointer (or array of pointers) fields listed
    /// here name the caller; nothing for a caller without a user.
    PointedBy(Vec<String>),
}

/// The operations a CLP may hold, besides the pointer-field lists.
const OPERATIONS: &[&str] = &[
    "find", "count", "get", "create", "update", "delete", "addField",
];

/// The fields every class has; they cannot be protected.
const DEFAULT_FIELDS: &[&str] = &["objectId", "createdAt", "updatedAt", "ACL"];

/// The CLPs of a class made without any: everything public.
pub fn default_permissions() -> Map<String, Value> {
    let public = json!({"*": true});
    let mut clp = Map::new();
    clp.insert("ACL".into(), json!({"*": {"read": true, "write": true}}));
    for op in OPERATIONS {
        clp.insert((*op).into(), public.clone());
    }
    clp.insert("protectedFields".into(), json!({"*": []}));
    clp
}

/// The CLPs as `/schemas` shows and the server applies them: the stored
/// ones with every operation they leave out as `{}` (nobody), or the
/// defaults when none were ever set.
///
/// The defaults are built once and lent: most classes have no CLPs, and
/// every find and write of a client asks for them.
pub fn shown(stored: Option<&Map<String, Value>>) -> Cow<'static, Map<String, Value>> {
    static DEFAULTS: LazyLock<Map<String, Value>> = LazyLock::new(default_permissions);
    let Some(stored) = stored else {
        return Cow::Borrowed(&DEFAULTS);
    };
    let mut clp = Map::new();
    for key in OPERATIONS.iter().chain(&["protectedFields"]) {
        clp.insert((*key).into(), json!({}));
    }
    clp.extend(stored.clone());
    Cow::Owned(clp)
}

fn invalid(message: String) -> ParseError {
    ParseError::new(107, message)
}

/// 107 for a CLP entry that names nobody.
fn invalid_key(who: &str) -> ParseError {
    invalid(format!(
        "'{who}' is not a valid key for class level permissions"
    ))
}

/// Checks CLPs sent to `/schemas` against the class's `fields` (after the
/// request's field changes): 107 with Parse Server's messages.
pub fn validate(clp: &Map<String, Value>, fields: &Map<String, Value>) -> Result<(), ParseError> {
    for (key, value) in clp {
        match key.as_str() {
            "readUserFields" | "writeUserFields" => {
                let Some(names) = value.as_array() else {
                    return Err(invalid(format!(
                        "'{}' is not a valid value for class level permissions {key} - must be an array",
                        shown_value(value)
                    )));
                };
                for name in names {
                    check_pointer_field(name, fields, key)?;
                }
            }
            "protectedFields" => validate_protected(object_of(key, value)?, fields)?,
            "ACL" => validate_acl(object_of(key, value)?)?,
            op if OPERATIONS.contains(&op) => {
                validate_operation(op, object_of(key, value)?, fields)?
            }
            _ => {
                return Err(invalid(format!(
                    "{key} is not a valid operation for class level permissions"
                )));
            }
        }
    }
    Ok(())
}

/// A CLP entry that must be an object.
fn object_of<'a>(key: &str, value: &'a Value) -> Result<&'a Map<String, Value>, ParseError> {
    value.as_object().ok_or_else(|| {
        invalid(format!(
            "'{}' is not a valid value for class level permissions {key} - must be an object",
            shown_value(value)
        ))
    })
}

/// A value as JavaScript's string conversion shows it in a message.
fn shown_value(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(shown_value).collect::<Vec<_>>().join(","),
        Value::Object(_) => "[object Object]".into(),
        other => other.to_string(),
    }
}

/// Whether a key names who an operation is open to: `*`,
/// `requiresAuthentication`, `role:…`, or a user id (letters and digits).
fn valid_permission_key(key: &str) -> bool {
    key == "*"
        || key == "requiresAuthentication"
        || key.starts_with("role:")
        || (!key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn validate_operation(
    op: &str,
    entries: &Map<String, Value>,
    fields: &Map<String, Value>,
) -> Result<(), ParseError> {
    for (who, permit) in entries {
        if who == "pointerFields" {
            let Some(names) = permit.as_array() else {
                return Err(invalid(format!(
                    "'{}' is not a valid value for {op}[{who}] - expected an array.",
                    shown_value(permit)
                )));
            };
            for name in names {
                check_pointer_field(name, fields, "[object Object]")?;
            }
            continue;
        }
        if !valid_permission_key(who) {
            return Err(invalid_key(who));
        }
        if permit != &Value::Bool(true) {
            return Err(invalid(format!(
                "'{}' is not a valid value for class level permissions acl {op}:{who}",
                shown_value(permit)
            )));
        }
    }
    Ok(())
}

/// A pointer-permission field must be a pointer to `_User` or an array.
fn check_pointer_field(
    name: &Value,
    fields: &Map<String, Value>,
    list: &str,
) -> Result<(), ParseError> {
    let field = name.as_str().and_then(|n| fields.get(n));
    let kind = field.and_then(|f| f.get("type")).and_then(Value::as_str);
    let target = field
        .and_then(|f| f.get("targetClass"))
        .and_then(Value::as_str);
    let valid = matches!(
        (kind, target),
        (Some("Pointer"), Some("_User")) | (Some("Array"), _)
    );
    if valid {
        Ok(())
    } else {
        Err(invalid(format!(
            "'{}' is not a valid column for class level pointer permissions {list}",
            shown_value(name)
        )))
    }
}

fn validate_protected(
    entries: &Map<String, Value>,
    fields: &Map<String, Value>,
) -> Result<(), ParseError> {
    for (who, names) in entries {
        let valid_key = who.starts_with("userField:")
            || who == "authenticated"
            || (who != "requiresAuthentication" && valid_permission_key(who));
        if !valid_key {
            return Err(invalid_key(who));
        }
        let Some(names) = names.as_array() else {
            return Err(invalid(format!(
                "'{}' is not a valid value for protectedFields[{who}] - expected an array.",
                shown_value(names)
            )));
        };
        for name in names {
            let name = name.as_str().unwrap_or_default();
            if DEFAULT_FIELDS.contains(&name) {
                return Err(invalid(format!(
                    "Default field '{name}' can not be protected"
                )));
            }
            if !fields.contains_key(name) {
                return Err(invalid(format!(
                    "Field '{name}' in protectedFields:{who} does not exist"
                )));
            }
        }
    }
    Ok(())
}

fn validate_acl(entries: &Map<String, Value>) -> Result<(), ParseError> {
    for (who, permit) in entries {
        if !valid_permission_key(who) {
            return Err(invalid_key(who));
        }
        let Some(permit) = permit.as_object() else {
            return Err(invalid(format!(
                "'{}' is not a valid value for class level permissions acl",
                shown_value(permit)
            )));
        };
        if let Some(bad) = permit.keys().find(|k| *k != "read" && *k != "write") {
            return Err(invalid(format!(
                "'{bad}' is not a valid key for class level permissions acl"
            )));
        }
        if let Some(bad) = permit.values().find(|v| !v.is_boolean()) {
            return Err(invalid(format!(
                "'{}' is not a valid value for class level permissions acl",
                shown_value(bad)
            )));
        }
    }
    Ok(())
}

/// Whether `clp` lets `caller` run `op` on a class, and on which objects:
/// [`Access::All`], or [`Access::PointedBy`] the pointer permissions.
/// Refused: 101 `Permission denied` for an anonymous caller of an
/// operation that `requiresAuthentication`, 119 `Permission denied`
/// otherwise (Parse Server's sanitized messages). An `AddField` during a
/// create is never allowed through pointer permissions.
pub fn check(
    clp: &Map<String, Value>,
    caller: &Caller,
    op: Operation,
    creating: bool,
) -> Result<Access, ParseError> {
    let Some(entries) = clp.get(op.key()).and_then(Value::as_object) else {
        return Ok(Access::All);
    };
    if entries
        .iter()
        .any(|(who, permit)| permit == &Value::Bool(true) && caller.is_named_by(who))
    {
        return Ok(Access::All);
    }
    let denied = || ParseError::new(119, "Permission denied");
    if entries.get("requiresAuthentication") == Some(&Value::Bool(true)) {
        return match caller.user_id {
            Some(_) => Ok(Access::All),
            None => Err(ParseError::new(101, "Permission denied")),
        };
    }
    if op == Operation::Create {
        return Err(denied());
    }
    let group = if op.reads() {
        "readUserFields"
    } else {
        "writeUserFields"
    };
    let names = |value: Option<&Value>| -> Vec<String> {
        value
            .and_then(Value::as_array)
            .map(|names| {
                names
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let grouped = names(clp.get(group));
    let own = names(entries.get("pointerFields"));
    if grouped.is_empty() && (own.is_empty() || (op == Operation::AddField && creating)) {
        return Err(denied());
    }
    let mut fields = own;
    for name in grouped {
        if !fields.contains(&name) {
            fields.push(name);
        }
    }
    Ok(Access::PointedBy(fields))
}

/// Whether `object` passes `access` for `caller`: always for
/// [`Access::All`]; for [`Access::PointedBy`], when one of the fields is
/// a pointer to the caller's user, or an array holding one.
pub fn grants(access: &Access, caller: &Caller, field: impl Fn(&str) -> Option<Value>) -> bool {
    let Access::PointedBy(fields) = access else {
        return true;
    };
    let Some(user_id) = caller.user_id.as_deref() else {
        return false;
    };
    fields
        .iter()
        .any(|name| field(name).is_some_and(|value| points_to(&value, user_id)))
}

/// Whether a value is a pointer to the user `user_id`, or an array that
/// holds one.
fn points_to(value: &Value, user_id: &str) -> bool {
    let is_user = |v: &Value| {
        v.get("objectId").and_then(Value::as_str) == Some(user_id)
            && v.get("className").and_then(Value::as_str) == Some("_User")
    };
    match value {
        Value::Array(items) => items.iter().any(is_user),
        other => is_user(other),
    }
}

/// The fields `clp` hides from `caller` whatever the object: the
/// intersection of the `protectedFields` sets that apply to it (`*`, and
/// for a logged-in user `authenticated`, its roles and its id).
/// `userField:` entries are left to [`hidden_in`].
pub fn protected_fields(clp: &Map<String, Value>, caller: &Caller) -> Vec<String> {
    let Some(entries) = clp.get("protectedFields").and_then(Value::as_object) else {
        return Vec::new();
    };
    let applies = |who: &str| {
        who == "*"
            || (caller.user_id.is_some() && (who == "authenticated" || caller.is_named_by(who)))
    };
    let sets: Vec<Vec<String>> = entries
        .iter()
        .filter(|(who, _)| !who.starts_with("userField:") && applies(who))
        .map(|(_, names)| string_list(names))
        .collect();
    intersect(sets)
}

/// The fields hidden in one `object` from `caller`: `base` (from
/// [`protected_fields`]) intersected with the `userField:f` sets of every
/// field `f` that points to the caller.
pub fn hidden_in(
    clp: &Map<String, Value>,
    caller: &Caller,
    base: &[String],
    object: &Map<String, Value>,
) -> Vec<String> {
    let Some(entries) = clp.get("protectedFields").and_then(Value::as_object) else {
        return base.to_vec();
    };
    let Some(user_id) = caller.user_id.as_deref() else {
        return base.to_vec();
    };
    let mut sets: Vec<Vec<String>> = entries
        .iter()
        .filter_map(|(who, names)| Some((who.strip_prefix("userField:")?, names)))
        .filter(|(field, _)| object.get(*field).is_some_and(|v| points_to(v, user_id)))
        .map(|(_, names)| string_list(names))
        .collect();
    if sets.is_empty() {
        return base.to_vec();
    }
    sets.push(base.to_vec());
    intersect(sets)
}

fn string_list(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|names| {
            names
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// The names in every one of `sets` (none when there are no sets).
fn intersect(sets: Vec<Vec<String>>) -> Vec<String> {
    let mut sets = sets.into_iter();
    let Some(first) = sets.next() else {
        return Vec::new();
    };
    sets.fold(first, |kept, set| {
        kept.into_iter().filter(|name| set.contains(name)).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap_or_default()
    }

    fn user(id: &str, roles: &[&str]) -> Caller {
        Caller {
            user_id: Some(id.into()),
            roles: roles.iter().map(|r| (*r).to_owned()).collect(),
        }
    }

    #[test]
    fn operations_open_to_the_public_users_roles_or_any_logged_in_user() {
        let clp = shown(Some(&map(json!({
            "find": {"u1": true, "role:Admin": true},
            "get": {"requiresAuthentication": true},
            "count": {"*": true},
        }))));
        let anonymous = Caller::default();
        assert_eq!(
            check(&clp, &user("u1", &[]), Operation::Find, false),
            Ok(Access::All)
        );
        assert_eq!(
            check(&clp, &user("u2", &["Admin"]), Operation::Find, false),
            Ok(Access::All)
        );
        assert_eq!(
            check(&clp, &user("u2", &["Other"]), Operation::Find, false)
                .unwrap_err()
                .code,
            119
        );
        assert_eq!(
            check(&clp, &anonymous, Operation::Get, false)
                .unwrap_err()
                .code,
            101
        );
        assert_eq!(
            check(&clp, &user("u2", &[]), Operation::Get, false),
            Ok(Access::All)
        );
        assert_eq!(
            check(&clp, &anonymous, Operation::Count, false),
            Ok(Access::All)
        );
        assert_eq!(
            check(&clp, &user("u1", &[]), Operation::Delete, false)
                .unwrap_err()
                .code,
            119
        );
        let defaults = shown(None);
        assert_eq!(
            check(&defaults, &anonymous, Operation::Delete, false),
            Ok(Access::All)
        );
    }

    #[test]
    fn pointer_permissions_narrow_to_the_callers_objects_but_never_create() {
        let clp = shown(Some(&map(json!({
            "readUserFields": ["owner"],
            "update": {"pointerFields": ["editors"]},
        }))));
        let alice = user("a", &[]);
        let access = check(&clp, &alice, Operation::Get, false).unwrap();
        assert_eq!(access, Access::PointedBy(vec!["owner".into()]));
        let owned = json!({"owner": {"__type": "Pointer", "className": "_User", "objectId": "a"}});
        assert!(grants(&access, &alice, |f| owned.get(f).cloned()));
        assert!(!grants(&access, &user("b", &[]), |f| owned.get(f).cloned()));
        assert!(!grants(&access, &Caller::default(), |f| owned
            .get(f)
            .cloned()));
        let update = check(&clp, &alice, Operation::Update, false).unwrap();
        let edited =
            json!({"editors": [{"__type": "Pointer", "className": "_User", "objectId": "a"}]});
        assert!(grants(&update, &alice, |f| edited.get(f).cloned()));
        assert_eq!(
            check(&clp, &alice, Operation::Create, false)
                .unwrap_err()
                .code,
            119
        );
        assert_eq!(
            check(&clp, &alice, Operation::Delete, false)
                .unwrap_err()
                .code,
            119
        );
    }

    #[test]
    fn protected_fields_intersect_and_user_fields_relax_them_per_object() {
        let clp = map(json!({"protectedFields": {
            "*": ["secret", "phone"], "b": ["phone"], "userField:owner": []
        }}));
        assert_eq!(
            protected_fields(&clp, &Caller::default()),
            vec!["secret", "phone"]
        );
        assert_eq!(protected_fields(&clp, &user("b", &[])), vec!["phone"]);
        let base = protected_fields(&clp, &user("a", &[]));
        let object =
            map(json!({"owner": {"__type": "Pointer", "className": "_User", "objectId": "a"}}));
        assert!(hidden_in(&clp, &user("a", &[]), &base, &object).is_empty());
        assert_eq!(hidden_in(&clp, &user("c", &[]), &base, &object), base);
    }

    #[test]
    fn validation_refuses_what_parse_server_refuses() {
        let fields = map(
            json!({"x": {"type": "String"}, "owner": {"type": "Pointer", "targetClass": "_User"}}),
        );
        let message = |clp: Value| validate(&map(clp), &fields).unwrap_err().message;
        assert_eq!(
            message(json!({"fly": {}})),
            "fly is not a valid operation for class level permissions"
        );
        assert_eq!(
            message(json!({"find": {"*": false}})),
            "'false' is not a valid value for class level permissions acl find:*"
        );
        assert_eq!(
            message(json!({"find": true})),
            "'true' is not a valid value for class level permissions find - must be an object"
        );
        assert_eq!(
            message(json!({"readUserFields": ["x"]})),
            "'x' is not a valid column for class level pointer permissions readUserFields"
        );
        assert_eq!(
            message(json!({"protectedFields": {"*": ["objectId"]}})),
            "Default field 'objectId' can not be protected"
        );
        assert_eq!(
            message(json!({"protectedFields": {"*": ["nope"]}})),
            "Field 'nope' in protectedFields:* does not exist"
        );
        assert_eq!(
            message(json!({"find": {"bad key!": true}})),
            "'bad key!' is not a valid key for class level permissions"
        );
        assert!(validate(&map(json!({"readUserFields": ["owner"], "get": {"role:A": true, "requiresAuthentication": true}})), &fields).is_ok());
    }
}
