//! What a run found, and the reports it writes.
//!
//! cucumber's own writers produce `junit.xml` and `cucumber.json`; this module
//! collects each scenario's [`outcomes::Outcome`] and writes the human report,
//! `summary.md`, and the machine-readable one, `results.json`; both
//! normalized ([`normalize`]). [`html`] makes the living documentation and the
//! compliance matrix from the feature files and any number of `results.json`.

pub mod html;
pub mod normalize;
pub mod outcomes;
pub mod results;
pub mod summary;
pub mod verdict;
