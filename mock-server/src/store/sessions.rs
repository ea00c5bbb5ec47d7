//! Sessions: objects of the class `_Session`, each a token that
//! authenticates requests as one user. They are found by token and by user
//! through the indexes the store keeps on `sessionToken` and `user`.

use serde_json::{Map, Value, json};
use time::{Duration, OffsetDateTime};

use super::{SESSION_CLASS, State, Store};
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

/// A pointer to a user, as a session's `user` field holds it.
pub fn user_pointer(user_id: &str) -> Value {
    json!({"__type": "Pointer", "className": "_User", "objectId": user_id})
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
        let object = session.to_json().as_object().cloned().unwrap_or_default();
        // A fresh random objectId cannot be taken.
        let _ = self.lock().builtin(SESSION_CLASS).insert(object);
        session
    }

    /// The live session of a token; an expired one is removed.
    pub fn session(&self, token: &str) -> Option<Session> {
        let mut state = self.lock();
        let session = state.session_by_token(token)?;
        if session.expires_at <= OffsetDateTime::now_utc() {
            state.builtin(SESSION_CLASS).remove(&session.object_id);
            return None;
        }
        Some(session)
    }

    /// Revokes every session of a user except the one with token `keep`.
    pub fn revoke_other_sessions(&self, user_id: &str, keep: Option<&str>) {
        self.lock().remove_sessions_of(user_id, keep);
    }

    /// Revokes one session; whether it existed.
    pub fn revoke_session(&self, token: &str) -> bool {
        let mut state = self.lock();
        match state.session_by_token(token) {
            Some(session) => state
                .builtin(SESSION_CLASS)
                .remove(&session.object_id)
                .is_some(),
            None => false,
        }
    }
}

impl State {
    /// The session of a token, expired or not.
    fn session_by_token(&self, token: &str) -> Option<Session> {
        let sessions = self.classes.get(SESSION_CLASS)?;
        let slot = *sessions
            .find_by("sessionToken", &Value::String(token.to_owned()))
            .first()?;
        Session::from_object(&sessions.to_map(slot, true)?)
    }
}

impl Session {
    /// The session as clients see it, and as `_Session` stores it.
    pub fn to_json(&self) -> Value {
        let mut out = json!({
            "objectId": self.object_id,
            "sessionToken": self.token,
            "user": user_pointer(&self.user_id),
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

    /// A session read back from `_Session`.
    fn from_object(object: &Map<String, Value>) -> Option<Session> {
        let text = |field: &str| object.get(field).and_then(Value::as_str).map(str::to_owned);
        Some(Session {
            object_id: text("objectId")?,
            token: text("sessionToken")?,
            user_id: object.get("user")?.get("objectId")?.as_str()?.to_owned(),
            created_with: object.get("createdWith").cloned().unwrap_or(Value::Null),
            installation_id: text("installationId"),
            created_at: text("createdAt")?,
            expires_at: clock::parse_iso(object.get("expiresAt")?.get("iso")?.as_str()?)?,
        })
    }
}
