//! Users: their public fields, their password hash, and the uniqueness of
//! usernames and emails.

use serde_json::{Map, Value};

use super::{State, Store};
use crate::error::ParseError;

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
        let State {
            users,
            usernames,
            emails,
            auth_ids,
            ..
        } = &mut *state;
        for key in linked {
            auth_ids.insert(key, user.object_id.clone());
        }
        usernames.insert(username, user.object_id.clone());
        if let Some(email) = email {
            emails.insert(email, user.object_id.clone());
        }
        users.insert(user.object_id.clone(), user);
        Ok(())
    }

    /// The user with this objectId.
    pub fn user(&self, object_id: &str) -> Option<UserRecord> {
        self.lock().users.get(object_id).cloned()
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
                .and_then(|id| state.users.get(id))
                .filter(|u| u.username() == name)
        });
        let by_email = || {
            let wanted = email.or(username)?;
            state
                .emails
                .get(&wanted.to_lowercase())
                .and_then(|id| state.users.get(id))
        };
        match (username, email) {
            (Some(_), Some(email)) => {
                by_username.filter(|u| u.email().is_some_and(|e| e.eq_ignore_ascii_case(email)))
            }
            _ => by_username.or_else(by_email),
        }
        .cloned()
    }
}

impl Store {
    /// The user with this email, regardless of case.
    pub fn user_by_email(&self, email: &str) -> Option<UserRecord> {
        let state = self.lock();
        let object_id = state.emails.get(&email.to_lowercase())?;
        state.users.get(object_id).cloned()
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
        let State {
            users,
            usernames,
            emails,
            auth_ids,
            ..
        } = &mut *state;
        let user = users
            .get_mut(object_id)
            .ok_or_else(ParseError::object_not_found)?;
        if let Some(Value::Object(linking)) = changes.remove("authData") {
            let merged = merge_auth_data(user, linking, auth_ids)?;
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
        Ok(user.clone())
    }

    /// Deletes a user, its username and email, and all its sessions.
    pub fn delete_user(&self, object_id: &str) -> Result<(), ParseError> {
        let mut state = self.lock();
        let user = state
            .users
            .remove(object_id)
            .ok_or_else(ParseError::object_not_found)?;
        state.usernames.remove(&user.username().to_lowercase());
        for key in user.linked_ids() {
            state.auth_ids.remove(&key);
        }
        if let Some(email) = user.email() {
            state.emails.remove(&email.to_lowercase());
        }
        state.sessions.retain(|_, s| s.user_id != object_id);
        state.failed_logins.remove(object_id);
        Ok(())
    }
}

impl Store {
    /// Every user, as clients see them (fields and objectId).
    pub fn all_users(&self) -> Vec<UserRecord> {
        self.lock().users.values().cloned().collect()
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
        state.users.get(object_id).cloned()
    }
}
