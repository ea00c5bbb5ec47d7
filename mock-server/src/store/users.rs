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
        let State {
            users,
            usernames,
            emails,
            ..
        } = &mut *state;
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
        changes: Map<String, Value>,
        password_hash: Option<String>,
    ) -> Result<UserRecord, ParseError> {
        let mut state = self.lock();
        let State {
            users,
            usernames,
            emails,
            ..
        } = &mut *state;
        let user = users
            .get_mut(object_id)
            .ok_or_else(ParseError::object_not_found)?;
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
        if changes.contains_key("email") {
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
        if let Some(email) = user.email() {
            state.emails.remove(&email.to_lowercase());
        }
        state.sessions.retain(|_, s| s.user_id != object_id);
        Ok(())
    }
}

impl Store {
    /// Every user, as clients see them (fields and objectId).
    pub fn all_users(&self) -> Vec<UserRecord> {
        self.lock().users.values().cloned().collect()
    }
}
