//! Sessions: a token that authenticates requests as one user.

use serde_json::{Value, json};
use time::{Duration, OffsetDateTime};

use super::Store;
use crate::{clock, token};

/// How long a session lives (Parse Server's default `sessionLength`: one year).
const SESSION_LENGTH: Duration = Duration::days(365);

/// A stored session.
#[derive(Clone, Debug)]
pub struct Session {
    /// The session's objectId.
    pub object_id: String,
    /// The token, `r:` + 32 hex digits.
    pub token: String,
    /// The objectId of its user.
    pub user_id: String,
    /// How it was made: `{"action": "signup"|"login", "authProvider": "password"}`.
    pub created_with: Value,
    /// The installation that made it, from `X-Parse-Installation-Id`.
    pub installation_id: Option<String>,
    /// When it was made.
    pub created_at: String,
    /// When it stops working.
    pub expires_at: OffsetDateTime,
}

impl Store {
    /// Makes a new session for a user; `action` and `auth_provider` become its
    /// `createdWith` (`signup`/`login`, `password`/`masterkey`).
    pub fn create_session(
        &self,
        user_id: &str,
        action: &str,
        auth_provider: &str,
        installation_id: Option<String>,
    ) -> Session {
        let now = OffsetDateTime::now_utc();
        let session = Session {
            object_id: token::object_id(),
            token: token::session_token(),
            user_id: user_id.to_owned(),
            created_with: json!({"action": action, "authProvider": auth_provider}),
            installation_id,
            created_at: clock::format(now),
            expires_at: now + SESSION_LENGTH,
        };
        self.lock()
            .sessions
            .insert(session.token.clone(), session.clone());
        session
    }

    /// The live session of a token; an expired one is removed.
    pub fn session(&self, token: &str) -> Option<Session> {
        let mut state = self.lock();
        let session = state.sessions.get(token)?;
        if session.expires_at <= OffsetDateTime::now_utc() {
            state.sessions.remove(token);
            return None;
        }
        Some(session.clone())
    }
}

impl Store {
    /// Revokes every session of a user except the one with token `keep`.
    pub fn revoke_other_sessions(&self, user_id: &str, keep: Option<&str>) {
        self.lock()
            .sessions
            .retain(|token, s| s.user_id != user_id || Some(token.as_str()) == keep);
    }
}

impl Store {
    /// Revokes one session; whether it existed.
    pub fn revoke_session(&self, token: &str) -> bool {
        self.lock().sessions.remove(token).is_some()
    }
}

impl Session {
    /// The session as clients see it.
    pub fn to_json(&self) -> Value {
        let mut out = json!({
            "objectId": self.object_id,
            "sessionToken": self.token,
            "user": {"__type": "Pointer", "className": "_User", "objectId": self.user_id},
            "createdWith": self.created_with,
            "expiresAt": {"__type": "Date", "iso": clock::format(self.expires_at)},
            "createdAt": self.created_at,
            "updatedAt": self.created_at,
        });
        if let Some(installation) = &self.installation_id {
            out["installationId"] = json!(installation);
        }
        out
    }
}
