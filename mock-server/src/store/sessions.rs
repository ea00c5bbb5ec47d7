//! Sessions: objects of the class `_Session`, each a token that
//! authenticates requests as one user. They are found by token and by user
//! through the indexes the store keeps on `sessionToken` and `user`.
//!
//! A session is stored as an ordinary object (so that its custom fields,
//! queries and updates go through the same paths as any object's);
//! [`Session`] is the view of it that authentication needs.

use serde_json::{Map, Value, json};
use time::{Duration, OffsetDateTime};

use super::{SESSION_CLASS, State, Store, collection::RowRef};
use crate::{clock, query::Document, token};

/// A stored session, as authentication sees it.
#[derive(Clone, Debug)]
pub struct Session {
    /// The session's objectId.
    pub object_id: String,
    /// The token, `r:` + 32 hex digits.
    pub token: String,
    /// The objectId of its user.
    pub user_id: String,
    /// Whether it is a restricted session (made by `POST /sessions`), which
    /// may not write users, sessions or roles.
    pub restricted: bool,
    /// When it stops working.
    pub expires_at: OffsetDateTime,
}

/// What a new session is made of.
#[derive(Clone, Debug)]
pub struct NewSession {
    /// The objectId of its user.
    pub user_id: String,
    /// How it was made: `{"action": …, "authProvider": …}`.
    pub created_with: Value,
    /// The installation that made it, from `X-Parse-Installation-Id`.
    pub installation_id: Option<String>,
    /// Whether it is restricted.
    pub restricted: bool,
    /// How long it lives (the server's `sessionLength`).
    pub lifetime: Duration,
    /// Custom fields given when it is created directly.
    pub fields: Map<String, Value>,
}

impl NewSession {
    /// The session of a sign-up or a login: unrestricted, made with
    /// `action` (`signup`/`login`) and `auth_provider` (`password`, …).
    pub fn logged_in(
        user_id: &str,
        action: &str,
        auth_provider: &str,
        installation_id: Option<String>,
        lifetime: Duration,
    ) -> NewSession {
        NewSession {
            user_id: user_id.to_owned(),
            created_with: json!({"action": action, "authProvider": auth_provider}),
            installation_id,
            restricted: false,
            lifetime,
            fields: Map::new(),
        }
    }
}

/// How a token stands.
#[derive(Clone, Debug)]
pub enum TokenState {
    /// A live session.
    Live(Session),
    /// A session past its `expiresAt` (now removed).
    Expired,
    /// No session has this token.
    Unknown,
}

/// A pointer to a user, as a session's `user` field holds it.
pub fn user_pointer(user_id: &str) -> Value {
    json!({"__type": "Pointer", "className": "_User", "objectId": user_id})
}

impl Store {
    /// Makes a new session and returns it as stored (the whole object).
    /// A session opened from an installation replaces the sessions the
    /// same user had opened from that installation, as the guide says of
    /// logins ("one distinct Session object for each user-installation pair").
    pub fn create_session(&self, new: NewSession) -> Map<String, Value> {
        let now = OffsetDateTime::now_utc();
        let mut object = new.fields;
        let created_at = clock::format(now);
        object.insert("objectId".into(), json!(token::object_id()));
        object.insert("sessionToken".into(), json!(token::session_token()));
        object.insert("user".into(), user_pointer(&new.user_id));
        object.insert("createdWith".into(), new.created_with);
        object.insert("restricted".into(), json!(new.restricted));
        object.insert(
            "expiresAt".into(),
            json!({"__type": "Date", "iso": clock::format(now + new.lifetime)}),
        );
        object.insert("createdAt".into(), json!(created_at));
        object.insert("updatedAt".into(), json!(created_at));
        match new.installation_id {
            Some(installation) => {
                object.insert("installationId".into(), json!(installation));
            }
            None => {
                object.remove("installationId");
            }
        }
        let mut state = self.lock();
        if let Some(installation) = object.get("installationId").and_then(Value::as_str) {
            state.remove_installation_sessions(&new.user_id, installation);
        }
        // A fresh random objectId cannot be taken.
        let _ = state.builtin(SESSION_CLASS).insert(object.clone());
        object
    }

    /// The live session of a token; an expired one is removed.
    pub fn session(&self, token: &str) -> Option<Session> {
        match self.token_state(token) {
            TokenState::Live(session) => Some(session),
            TokenState::Expired | TokenState::Unknown => None,
        }
    }

    /// How a token stands: live, expired (the session is then removed, as
    /// the guide says expired sessions are deleted), or unknown.
    pub fn token_state(&self, token: &str) -> TokenState {
        let mut state = self.lock();
        let Some(session) = state.session_by_token(token) else {
            return TokenState::Unknown;
        };
        if session.expires_at <= OffsetDateTime::now_utc() {
            state.builtin(SESSION_CLASS).remove(&session.object_id);
            return TokenState::Expired;
        }
        TokenState::Live(session)
    }

    /// The stored object of a session, by token.
    pub fn session_object(&self, token: &str) -> Option<Map<String, Value>> {
        let state = self.lock();
        let sessions = state.classes.get(SESSION_CLASS)?;
        let slot = sessions.first_by("sessionToken", &Value::String(token.to_owned()))?;
        sessions.to_map(slot, true)
    }

    /// Sets the installation of a session that has none yet ("can be set
    /// only once"); whether it was set.
    pub fn pair_installation(&self, token: &str, installation_id: &str) -> bool {
        let mut state = self.lock();
        let Some(mut object) = state
            .classes
            .get(SESSION_CLASS)
            .and_then(|sessions| {
                let slot = sessions.first_by("sessionToken", &Value::String(token.to_owned()))?;
                sessions.to_map(slot, true)
            })
            .filter(|object| !object.contains_key("installationId"))
        else {
            return false;
        };
        let Some(object_id) = object.get("objectId").and_then(Value::as_str) else {
            return false;
        };
        let object_id = object_id.to_owned();
        object.insert("installationId".into(), json!(installation_id));
        object.insert("updatedAt".into(), json!(clock::now()));
        state.builtin(SESSION_CLASS).replace(&object_id, object)
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
        let slot = sessions.first_by("sessionToken", &Value::String(token.to_owned()))?;
        Session::from_object(&sessions.doc(slot)?)
    }

    /// Removes the sessions of a user opened from an installation.
    fn remove_installation_sessions(&mut self, user_id: &str, installation_id: &str) {
        self.remove_sessions_where(user_id, |session| {
            session.field("installationId").and_then(Value::as_str) == Some(installation_id)
        });
    }

    /// Removes the sessions of a user that `doomed` picks.
    pub(super) fn remove_sessions_where(
        &mut self,
        user_id: &str,
        doomed: impl Fn(&RowRef<'_>) -> bool,
    ) {
        let sessions = self.builtin(SESSION_CLASS);
        let ids: Vec<String> = sessions
            .find_by("user", &user_pointer(user_id))
            .into_iter()
            .filter_map(|slot| sessions.doc(slot))
            .filter(doomed)
            .filter_map(|doc| {
                doc.field("objectId")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            })
            .collect();
        for object_id in ids {
            sessions.remove(&object_id);
        }
    }
}

impl Session {
    /// A session read back from its stored object in `_Session` (a row in
    /// place: no copy of the row on every request that sends a token).
    fn from_object(object: &impl Document) -> Option<Session> {
        let text = |field: &str| {
            object
                .field(field)
                .and_then(Value::as_str)
                .map(str::to_owned)
        };
        Some(Session {
            object_id: text("objectId")?,
            token: text("sessionToken")?,
            user_id: object.field("user")?.get("objectId")?.as_str()?.to_owned(),
            restricted: object.field("restricted") == Some(&Value::Bool(true)),
            expires_at: clock::parse_iso(object.field("expiresAt")?.get("iso")?.as_str()?)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn login(user: &str, installation: Option<&str>) -> NewSession {
        NewSession::logged_in(
            user,
            "login",
            "password",
            installation.map(str::to_owned),
            Duration::days(1),
        )
    }

    #[test]
    fn a_login_from_an_installation_replaces_that_installations_session_only() {
        let store = Store::new();
        let first = store.create_session(login("u", Some("phone")));
        let other = store.create_session(login("u", None));
        let someone_else = store.create_session(login("v", Some("phone")));
        let second = store.create_session(login("u", Some("phone")));
        let token = |o: &Map<String, Value>| o["sessionToken"].as_str().unwrap().to_owned();
        assert!(store.session(&token(&first)).is_none());
        assert!(store.session(&token(&other)).is_some());
        assert!(store.session(&token(&someone_else)).is_some());
        assert!(store.session(&token(&second)).is_some());
    }

    #[test]
    fn an_expired_token_is_told_apart_from_an_unknown_one_and_removed() {
        let store = Store::new();
        let mut new = login("u", None);
        new.lifetime = Duration::seconds(-1);
        let session = store.create_session(new);
        let token = session["sessionToken"].as_str().unwrap();
        assert!(matches!(store.token_state(token), TokenState::Expired));
        assert!(matches!(store.token_state(token), TokenState::Unknown));
    }

    #[test]
    fn an_installation_is_paired_only_once() {
        let store = Store::new();
        let session = store.create_session(login("u", None));
        let token = session["sessionToken"].as_str().unwrap();
        assert!(store.pair_installation(token, "iot-1"));
        assert!(!store.pair_installation(token, "iot-2"));
        let stored = store.session_object(token).unwrap();
        assert_eq!(stored["installationId"], json!("iot-1"));
    }
}
