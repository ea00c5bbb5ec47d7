//! The tokens behind mailed links: email verification and password reset.
//!
//! A token is 25 random characters, kept on its user and never shown to any
//! client. Each one works once: using it removes it.

use serde_json::Value;

use super::{State, Store, UserRecord};
use crate::token;

/// The length of a mailed link's token, as Parse Server makes them.
const TOKEN_LENGTH: usize = 25;

impl Store {
    /// Gives the user a new email verification token (replacing any earlier
    /// one) and marks the email unverified. Returns the user and the token,
    /// or `None` when the user does not exist.
    pub fn start_email_verification(&self, object_id: &str) -> Option<(UserRecord, String)> {
        let mut state = self.lock();
        let user = state.users.get_mut(object_id)?;
        let token = token::random_string(TOKEN_LENGTH);
        user.fields
            .insert("emailVerified".into(), Value::Bool(false));
        user.email_verify_token = Some(token.clone());
        Some((user.clone(), token))
    }

    /// Uses an email verification token: its user's `emailVerified` becomes
    /// true. Returns whether the token was valid.
    pub fn verify_email(&self, token: &str) -> bool {
        let mut state = self.lock();
        match user_with(&mut state, |u| {
            u.email_verify_token.as_deref() == Some(token)
        }) {
            Some(user) => {
                user.email_verify_token = None;
                user.fields
                    .insert("emailVerified".into(), Value::Bool(true));
                true
            }
            None => false,
        }
    }

    /// Gives the user with this email (regardless of case) a new password
    /// reset token. Returns the user and the token.
    pub fn start_password_reset(&self, email: &str) -> Option<(UserRecord, String)> {
        let mut state = self.lock();
        let object_id = state.emails.get(&email.to_lowercase())?.clone();
        let user = state.users.get_mut(&object_id)?;
        let token = token::random_string(TOKEN_LENGTH);
        user.reset_token = Some(token.clone());
        Some((user.clone(), token))
    }

    /// The user a password reset token belongs to, if it is valid.
    pub fn user_by_reset_token(&self, token: &str) -> Option<UserRecord> {
        let state = self.lock();
        state
            .users
            .values()
            .find(|u| u.reset_token.as_deref() == Some(token))
            .cloned()
    }

    /// Uses a password reset token: the new password hash replaces the old
    /// one, every session of the user is revoked, and, with `unlock`, its
    /// failed logins are forgotten (`accountLockout.unlockOnPasswordReset`).
    /// Returns whether the token was valid (it is checked and used in one
    /// atomic step, so a link works once even when followed twice at once).
    pub fn reset_password(&self, token: &str, password_hash: String, unlock: bool) -> bool {
        let mut state = self.lock();
        let Some(user) = user_with(&mut state, |u| u.reset_token.as_deref() == Some(token)) else {
            return false;
        };
        user.reset_token = None;
        user.password_hash = Some(password_hash);
        let object_id = user.object_id.clone();
        state.sessions.retain(|_, s| s.user_id != object_id);
        if unlock {
            state.failed_logins.remove(&object_id);
        }
        true
    }
}

/// The first user that `found` picks.
fn user_with(state: &mut State, found: impl Fn(&UserRecord) -> bool) -> Option<&mut UserRecord> {
    state.users.values_mut().find(|u| found(u))
}
