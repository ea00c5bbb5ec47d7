//! Step definitions, one module per area.
//!
//! [`http`] holds the generic steps every feature uses (send a request, check
//! the status, a header, the body, a schema, a Parse error); the other modules
//! hold the steps that read like the guide for their area. They all go through
//! [`crate::world::ParseWorld`], never through their own HTTP code.

pub mod batch;
pub mod browser;
pub mod concurrency;
pub mod config;
pub mod cors;
pub mod files;
pub mod hostile;
pub mod http;
pub mod keys;
pub mod lockout;
pub mod mail;
pub mod objects;
pub mod queries;
pub mod roles;
pub mod schemas;
pub mod sessions;
pub mod users;
