//! What a run found, and the reports it writes.
//!
//! cucumber's own writers produce `junit.xml` and `cucumber.json`; this module
//! collects each scenario's [`outcomes::Outcome`] and writes the human report,
//! `summary.md`.

pub mod outcomes;
pub mod summary;
pub mod verdict;
