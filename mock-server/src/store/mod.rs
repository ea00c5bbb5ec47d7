//! The in-memory store: one [`Collection`] per class, `_User` and
//! `_Session` included, plus the users' own unique indexes.
//!
//! [`Store`] is a cheap handle to one [`State`] behind one `std::sync::Mutex`
//! (as in tokio's mini-redis: no `.await` happens while it is held, and every
//! critical section is short). Checks and writes that must be atomic, such as
//! "this username is free" and "insert this user", happen under one guard.
//! Slow work (bcrypt) happens before the lock is taken.
//!
//! - [`collection`]: a class's objects as compact rows, found by objectId
//!   and through equality [`index`]es.
//! - [`find`]: a query over a collection, through an index when one helps.
//! - [`classes`]: objects of any class, and [`relations`]: the objects
//!   their Relation fields relate to; [`schemas`]: classes as the schema
//!   API sees them (fields and class-level permissions).
//! - [`config`]: the app's config parameters; [`files`]: uploaded files.
//! - [`users`], [`sessions`], [`tokens`] and [`lockout`]: the rules of
//!   `_User` and `_Session` on top of them.
//! - [`roles`]: who has which role (`_Role` names, members and
//!   containment), behind a lock of its own so ACL checks can ask for it.

pub mod classes;
pub mod collection;
pub mod config;
pub mod files;
pub mod find;
pub mod index;
pub mod lockout;
pub mod relations;
pub mod roles;
pub mod schemas;
pub mod sessions;
pub mod tokens;
pub mod users;

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, MutexGuard},
};

pub use collection::Collection;
pub use sessions::{NewSession, Session, TokenState};
pub use users::UserRecord;

/// The class of users.
pub const USER_CLASS: &str = "_User";
/// The class of sessions.
pub const SESSION_CLASS: &str = "_Session";

/// Everything the server knows.
#[derive(Debug)]
pub struct State {
    /// Collections by class name; `_User` and `_Session` always exist.
    pub classes: HashMap<String, Collection>,
    /// Lower-cased username → objectId (usernames are unique regardless of case).
    pub usernames: HashMap<String, String>,
    /// Lower-cased email → objectId (emails are unique regardless of case).
    pub emails: HashMap<String, String>,
    /// Linked accounts: (provider, id) → objectId.
    pub auth_ids: HashMap<(String, String), String>,
    /// Related objectIds by (owner class, Relation field, owner objectId).
    pub relations: HashMap<relations::RelationKey, relations::RelatedIds>,
    /// Failed logins by user objectId (account lockout).
    pub failed_logins: HashMap<String, lockout::FailedLogins>,
    /// Role names, members and containment, mirrored from `_Role`.
    pub roles: roles::Roles,
    /// The app's config, once a parameter was set.
    pub config: Option<config::GlobalConfig>,
    /// Uploaded files by stored name.
    pub files: HashMap<String, files::StoredFile>,
}

impl Default for State {
    fn default() -> State {
        let mut users = Collection::default();
        for field in users::TOKEN_FIELDS {
            users.index(field);
        }
        let mut sessions = Collection::default();
        sessions.index("sessionToken");
        sessions.index("user");
        State {
            classes: HashMap::from([
                (USER_CLASS.to_owned(), users),
                (SESSION_CLASS.to_owned(), sessions),
                (
                    roles::ROLE_CLASS.to_owned(),
                    Collection::new(roles::role_fields()),
                ),
            ]),
            usernames: HashMap::new(),
            emails: HashMap::new(),
            auth_ids: HashMap::new(),
            relations: HashMap::new(),
            failed_logins: HashMap::new(),
            roles: roles::Roles::default(),
            config: None,
            files: HashMap::new(),
        }
    }
}

impl State {
    /// The collection of a class that always exists (`_User`, `_Session`).
    pub fn builtin(&mut self, class: &str) -> &mut Collection {
        self.classes.entry(class.to_owned()).or_default()
    }
}

/// A cheap-clone handle to the server's state.
#[derive(Clone, Debug)]
pub struct Store {
    state: Arc<Mutex<State>>,
    /// The same roles as `State::roles`, reachable without the lock.
    roles: roles::Roles,
}

impl Default for Store {
    fn default() -> Store {
        let state = State::default();
        let roles = state.roles.clone();
        Store {
            state: Arc::new(Mutex::new(state)),
            roles,
        }
    }
}

impl Store {
    /// An empty store.
    pub fn new() -> Store {
        Store::default()
    }

    /// Locks the state. A panic while it was held cannot leave it half
    /// written (every write is a single insert or remove), so a poisoned
    /// lock is recovered rather than failing every later request.
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
