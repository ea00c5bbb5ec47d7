//! The in-memory store: users, sessions, classes and their objects.
//!
//! [`Store`] is a cheap handle to one [`State`] behind one `std::sync::Mutex`
//! (as in tokio's mini-redis: no `.await` happens while it is held, and every
//! critical section is short). Checks and writes that must be atomic, such as
//! "this username is free" and "insert this user", happen under one guard.
//! Slow work (bcrypt) happens before the lock is taken.
//!
//! One file per entity: [`users`], [`sessions`], [`classes`], [`relations`], [`lockout`];
//! the tokens of mailed links in [`tokens`].

pub mod classes;
pub mod lockout;
pub mod relations;
pub mod sessions;
pub mod tokens;
pub mod users;

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, MutexGuard},
};

pub use classes::Class;
pub use sessions::Session;
pub use users::UserRecord;

/// Everything the server knows.
#[derive(Debug, Default)]
pub struct State {
    /// Users by objectId.
    pub users: HashMap<String, UserRecord>,
    /// Lower-cased username → objectId (usernames are unique regardless of case).
    pub usernames: HashMap<String, String>,
    /// Lower-cased email → objectId (emails are unique regardless of case).
    pub emails: HashMap<String, String>,
    /// Linked accounts: (provider, id) → objectId.
    pub auth_ids: HashMap<(String, String), String>,
    /// Sessions by token.
    pub sessions: HashMap<String, Session>,
    /// Classes by name.
    pub classes: HashMap<String, Class>,
    /// Related objectIds by (owner class, Relation field, owner objectId).
    pub relations: HashMap<relations::RelationKey, relations::RelatedIds>,
    /// Failed logins by user objectId (account lockout).
    pub failed_logins: HashMap<String, lockout::FailedLogins>,
}

/// A cheap-clone handle to the server's state.
#[derive(Clone, Debug, Default)]
pub struct Store {
    state: Arc<Mutex<State>>,
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
