//! The tokens behind mailed links: email verification and password reset.
//!
//! A token is 25 random characters, kept in an internal field of its user
//! (indexed) and never shown to any client. Each one works once: using it
//! removes it.

use serde_json::Value;

use super::{
    Store, UserRecord,
    users::{EMAIL_VERIFY_TOKEN, RESET_TOKEN},
};
use crate::token;

/// The length of a mailed link's token, as Parse Server makes them.
const TOKEN_LENGTH: usize = 25;

impl Store {
    /// Gives the user a new email verification token (replacing any earlier
    /// one) and marks the email unverified. Returns the user and the token,
    /// or `None` when the user does not exist.
    pub fn start_email_verification(&self, object_id: &str) -> Option<(UserRecord, String)> {
        let mut state = self.lock();
        let mut user = state.user(object_id)?;
        let token = token::random_string(TOKEN_LENGTH);
        user.fields
            .insert("emailVerified".into(), Value::Bool(false));
        user.email_verify_token = Some(token.clone());
        state.put_user(&user);
        Some((user, token))
    }

    /// Uses an email verification token: its user's `emailVerified` becomes
    /// true. Returns whether the token was valid.
    pub fn verify_email(&self, token: &str) -> bool {
        let mut state = self.lock();
        let Some(mut user) = state.user_by_internal(EMAIL_VERIFY_TOKEN, token) else {
            return false;
        };
        user.email_verify_token = None;
        user.fields
            .insert("emailVerified".into(), Value::Bool(true));
        state.put_user(&user);
        true
    }

    /// Gives the user with this email (regardless of case) a new password
    /// reset token. Returns the user and the token.
    pub fn start_password_reset(&self, email: &str) -> Option<(UserRecord, String)> {
        let mut state = self.lock();
        let object_id = state.emails.get(&email.to_lowercase())?.clone();
        let mut user = state.user(&object_id)?;
        let token = token::random_string(TOKEN_LENGTH);
        user.reset_token = Some(token.clone());
        state.put_user(&user);
        Some((user, token))
    }

    /// The user a password reset token belongs to, if it is valid.
    pub fn user_by_reset_token(&self, token: &str) -> Option<UserRecord> {
        self.lock().user_by_internal(RESET_TOKEN, token)
    }

    /// Uses a password reset token: the new password hash replaces the old
    /// one, every session of the user is revoked, and, with `unlock`, its
    /// failed logins are forgotten (`accountLockout.unlockOnPasswordReset`).
    /// Returns whether the token was valid (it is checked and used in one
    /// atomic step, so a link works once even when followed twice at once).
    pub fn reset_password(&self, token: &str, password_hash: String, unlock: bool) -> bool {
        let mut state = self.lock();
        let Some(mut user) = state.user_by_internal(RESET_TOKEN, token) else {
            return false;
        };
        user.reset_token = None;
        user.password_hash = Some(password_hash);
        state.put_user(&user);
        state.remove_sessions_of(&user.object_id, None);
        if unlock {
            state.failed_logins.remove(&user.object_id);
        }
        true
    }
}
