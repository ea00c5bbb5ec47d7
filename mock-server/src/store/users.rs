//! Users: objects of the class `_User`, with their own rules on top: a
//! password hash and link tokens kept in internal fields no client ever
//! sees, and usernames, emails and linked accounts unique across users.

use serde_json::{Map, Value, value::RawValue};

use super::{State, Store, USER_CLASS};
use crate::{error::ParseError, query::Document};

/// The internal field of the password's bcrypt hash.
const PASSWORD_HASH: &str = "_hashed_password";
/// The internal field of the pending email verification token.
pub(super) const EMAIL_VERIFY_TOKEN: &str = "_email_verify_token";
/// The internal field of the pending password reset token.
pub(super) const RESET_TOKEN: &str = "_perishable_token";
/// The internal fields users are looked up by (indexed).
pub const TOKEN_FIELDS: [&str; 2] = [EMAIL_VERIFY_TOKEN, RESET_TOKEN];

/// A stored user.
#[derive(Clone, Debug)]
pub struct UserRecord {
    /// The user's objectId.
    pub object_id: String,
    /// Every field a client may see: username, email, ACL, createdAt,
    /// updatedAt, and the fields given at sign-up. Never the password.
    pub fields: Map<String, Value>,
    /// The bcrypt hash of the password; it never leaves the server.
    pub password_hash: Option<String>,
    /// The token of the pending email verification link, if any (internal).
    pub email_verify_token: Option<String>,
    /// The token of the pending password reset link, if any (internal).
    pub reset_token: Option<String>,
}

impl UserRecord {
    /// The username.
    pub fn username(&self) -> &str {
        self.fields
            .get("username")
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    /// The email, if any.
    pub fn email(&self) -> Option<&str> {
        self.fields.get("email").and_then(Value::as_str)
    }

    /// Whether the user has followed the link that verifies its email
    /// (`emailVerified` is `true`; `false` and missing are not verified).
    pub fn email_verified(&self) -> bool {
        self.fields.get("emailVerified") == Some(&Value::Bool(true))
    }

    /// The linked accounts of the user, `(provider, id)`.
    pub fn linked_ids(&self) -> Vec<(String, String)> {
        self.fields
            .get("authData")
            .and_then(Value::as_object)
            .map(crate::auth::ids)
            .unwrap_or_default()
    }

    /// The user as a client sees it: its fields and objectId.
    pub fn to_json(&self) -> Map<String, Value> {
        let mut out = self.fields.clone();
        out.insert("objectId".into(), Value::String(self.object_id.clone()));
        out
    }

    /// [`Self::to_json`], without copying the fields.
    pub fn into_json(self) -> Map<String, Value> {
        let mut out = self.fields;
        out.insert("objectId".into(), Value::String(self.object_id));
        out
    }

    /// The user as stored in `_User`: its fields, objectId and internal fields.
    fn to_object(&self) -> Map<String, Value> {
        let mut out = self.to_json();
        for (field, value) in [
            (PASSWORD_HASH, &self.password_hash),
            (EMAIL_VERIFY_TOKEN, &self.email_verify_token),
            (RESET_TOKEN, &self.reset_token),
        ] {
            if let Some(value) = value {
                out.insert(field.into(), Value::String(value.clone()));
            }
        }
        out
    }

    /// A user read back from `_User` (internal fields included).
    fn from_object(mut object: Map<String, Value>) -> UserRecord {
        let mut take = |field: &str| match object.remove(field) {
            Some(Value::String(s)) => Some(s),
            _ => None,
        };
        UserRecord {
            object_id: take("objectId").unwrap_or_default(),
            password_hash: take(PASSWORD_HASH),
            email_verify_token: take(EMAIL_VERIFY_TOKEN),
            reset_token: take(RESET_TOKEN),
            fields: object,
        }
    }
}

impl State {
    /// The user with this objectId.
    pub fn user(&self, object_id: &str) -> Option<UserRecord> {
        let users = self.classes.get(USER_CLASS)?;
        users
            .to_map(users.slot(object_id)?, true)
            .map(UserRecord::from_object)
    }

    /// The first user, in creation order, whose internal `field` is `value`.
    pub(super) fn user_by_internal(&self, field: &str, value: &str) -> Option<UserRecord> {
        let users = self.classes.get(USER_CLASS)?;
        let slot = users.first_by(field, &Value::String(value.to_owned()))?;
        users.to_map(slot, true).map(UserRecord::from_object)
    }

    /// Writes a changed user back.
    pub(super) fn put_user(&mut self, user: &UserRecord) {
        let object = user.to_object();
        // The user was read under the same lock, so it is there.
        self.builtin(USER_CLASS).replace(&user.object_id, object);
    }

    /// Removes every session of a user but the one with token `keep`.
    pub(super) fn remove_sessions_of(&mut self, user_id: &str, keep: Option<&str>) {
        self.remove_sessions_where(user_id, |session| {
            session.field("sessionToken").and_then(Value::as_str) != keep
        });
    }
}

impl Store {
    /// Inserts a new user unless its username or email is taken (either
    /// regardless of case): the check and the insert are one atomic step.
    pub fn insert_user(&self, user: UserRecord) -> Result<(), ParseError> {
        let mut state = self.lock();
        let username = user.username().to_lowercase();
        if state.usernames.contains_key(&username) {
            return Err(ParseError::username_taken());
        }
        let email = user.email().map(str::to_lowercase);
        if let Some(email) = &email
            && state.emails.contains_key(email)
        {
            return Err(ParseError::email_taken());
        }
        let linked = user.linked_ids();
        if linked.iter().any(|key| state.auth_ids.contains_key(key)) {
            return Err(ParseError::auth_already_used());
        }
        state.builtin(USER_CLASS).insert(user.to_object())?;
        for key in linked {
            state.auth_ids.insert(key, user.object_id.clone());
        }
        state.usernames.insert(username, user.object_id.clone());
        if let Some(email) = email {
            state.emails.insert(email, user.object_id.clone());
        }
        Ok(())
    }

    /// The user with this objectId.
    pub fn user(&self, object_id: &str) -> Option<UserRecord> {
        self.lock().user(object_id)
    }

    /// The user with this objectId as it is answered, with `extra` fields,
    /// as JSON text: its objectId and fields, never its internal ones
    /// (password hash, mailed tokens), all of which start with `_`. Written
    /// from its row in place, without the [`UserRecord`] a change needs.
    pub fn public_user_json(
        &self,
        object_id: &str,
        extra: &[(&str, &Value)],
    ) -> Result<Option<Box<RawValue>>, serde_json::Error> {
        let state = self.lock();
        let Some(users) = state.classes.get(USER_CLASS) else {
            return Ok(None);
        };
        match users.slot(object_id) {
            Some(slot) => users.public_json(slot, extra),
            None => Ok(None),
        }
    }

    /// The user a login names: the exact username (case matters here), else
    /// the user whose email it is.
    pub fn user_for_login(
        &self,
        username: Option<&str>,
        email: Option<&str>,
    ) -> Option<UserRecord> {
        let state = self.lock();
        let by_username = username.and_then(|name| {
            state
                .usernames
                .get(&name.to_lowercase())
                .and_then(|id| state.user(id))
                .filter(|u| u.username() == name)
        });
        let by_email = || {
            let wanted = email.or(username)?;
            state
                .emails
                .get(&wanted.to_lowercase())
                .and_then(|id| state.user(id))
        };
        match (username, email) {
            (Some(_), Some(email)) => {
                by_username.filter(|u| u.email().is_some_and(|e| e.eq_ignore_ascii_case(email)))
            }
            _ => by_username.or_else(by_email),
        }
    }
}

impl Store {
    /// The user with this email, regardless of case.
    pub fn user_by_email(&self, email: &str) -> Option<UserRecord> {
        let state = self.lock();
        let object_id = state.emails.get(&email.to_lowercase())?;
        state.user(object_id)
    }

    /// Whether a username is taken, regardless of case.
    pub fn username_taken(&self, username: &str) -> bool {
        self.lock().usernames.contains_key(&username.to_lowercase())
    }
}

impl Store {
    /// Applies changes to a user in one atomic step: a new username or email
    /// must be free (202, 203), the indexes follow, a new password hash
    /// replaces the old one. Returns the updated user.
    pub fn update_user(
        &self,
        object_id: &str,
        mut changes: Map<String, Value>,
        password_hash: Option<String>,
    ) -> Result<UserRecord, ParseError> {
        let mut state = self.lock();
        let mut user = state
            .user(object_id)
            .ok_or_else(ParseError::object_not_found)?;
        let State {
            usernames,
            emails,
            auth_ids,
            ..
        } = &mut *state;
        if let Some(Value::Object(linking)) = changes.remove("authData") {
            let merged = merge_auth_data(&user, linking, auth_ids)?;
            changes.insert("authData".into(), merged);
        }
        let new_username = changes
            .get("username")
            .and_then(Value::as_str)
            .map(str::to_lowercase);
        let old_username = user.username().to_lowercase();
        if let Some(name) = &new_username
            && *name != old_username
            && usernames.contains_key(name)
        {
            return Err(ParseError::username_taken());
        }
        let new_email = changes
            .get("email")
            .and_then(Value::as_str)
            .map(str::to_lowercase);
        let old_email = user.email().map(str::to_lowercase);
        if let Some(email) = &new_email
            && Some(email) != old_email.as_ref()
            && emails.contains_key(email)
        {
            return Err(ParseError::email_taken());
        }
        if let Some(name) = new_username {
            usernames.remove(&old_username);
            usernames.insert(name, object_id.to_owned());
        }
        let email_changed = changes.contains_key("email");
        if email_changed {
            if let Some(old) = old_email {
                emails.remove(&old);
            }
            if let Some(email) = new_email {
                emails.insert(email, object_id.to_owned());
            }
        }
        for (key, value) in changes {
            if value.is_null() {
                user.fields.remove(&key);
            } else {
                user.fields.insert(key, value);
            }
        }
        // A new password or email makes a pending reset link useless.
        if password_hash.is_some() || email_changed {
            user.reset_token = None;
        }
        if password_hash.is_some() {
            user.password_hash = password_hash;
        }
        state.put_user(&user);
        Ok(user)
    }

    /// Deletes a user, its username and email, and all its sessions.
    pub fn delete_user(&self, object_id: &str) -> Result<(), ParseError> {
        let mut state = self.lock();
        let user = state
            .builtin(USER_CLASS)
            .remove(object_id)
            .map(UserRecord::from_object)
            .ok_or_else(ParseError::object_not_found)?;
        state.usernames.remove(&user.username().to_lowercase());
        for key in user.linked_ids() {
            state.auth_ids.remove(&key);
        }
        if let Some(email) = user.email() {
            state.emails.remove(&email.to_lowercase());
        }
        state.remove_sessions_of(object_id, None);
        state.failed_logins.remove(object_id);
        Ok(())
    }
}

/// Links and unlinks accounts on `user`: a provider set to `null` is
/// unlinked, any other is linked unless another user has it (208). Returns
/// the new `authData` (`null` when nothing is linked any more) and keeps the
/// index of linked accounts in step.
fn merge_auth_data(
    user: &UserRecord,
    linking: Map<String, Value>,
    auth_ids: &mut std::collections::HashMap<(String, String), String>,
) -> Result<Value, ParseError> {
    let mut merged = user
        .fields
        .get("authData")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for (provider, data) in &linking {
        if let Some(id) = data.get("id").and_then(Value::as_str)
            && auth_ids
                .get(&(provider.clone(), id.to_owned()))
                .is_some_and(|owner| *owner != user.object_id)
        {
            return Err(ParseError::auth_already_used());
        }
    }
    for (provider, data) in linking {
        if let Some(old_id) = merged
            .get(&provider)
            .and_then(|d| d.get("id"))
            .and_then(Value::as_str)
        {
            auth_ids.remove(&(provider.clone(), old_id.to_owned()));
        }
        if data.is_null() {
            merged.remove(&provider);
        } else {
            if let Some(id) = data.get("id").and_then(Value::as_str) {
                auth_ids.insert((provider.clone(), id.to_owned()), user.object_id.clone());
            }
            merged.insert(provider, data);
        }
    }
    Ok(if merged.is_empty() {
        Value::Null
    } else {
        Value::Object(merged)
    })
}

impl Store {
    /// The user linked to this account of a provider, if any.
    pub fn user_by_auth(&self, provider: &str, id: &str) -> Option<UserRecord> {
        let state = self.lock();
        let object_id = state.auth_ids.get(&(provider.to_owned(), id.to_owned()))?;
        state.user(object_id)
    }
}
