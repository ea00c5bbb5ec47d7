//! `parse-conformance`: a conformance suite for the Parse REST API.
//!
//! The suite is a set of Gherkin features (`features/`) run by
//! [cucumber](https://docs.rs/cucumber) against any server that speaks the
//! Parse REST API. Everything a target differs by (its URL, its keys, the
//! capabilities it offers) comes from its [`target::Target`]; no step knows
//! which server it talks to.
//!
//! # Layout
//! - [`suite`]: the feature files and schemas, from a folder or built in.
//! - [`catalog`]: `--list` and `--explain`, the scenarios as documentation.
//! - [`cli`]: the command line (cucumber's options plus the target's).
//! - [`capabilities`]: optional behaviour, by tag; what a target lacks is skipped.
//! - [`target`]: where the target is and which keys it takes; profile files.
//! - [`browser`]: headless Chromium through chromedriver, for the `browser` scenarios.
//! - [`embedded`]: starts the reference server (`parse-mock-server`) in-process.
//! - [`world`]: the per-scenario state, [`world::ParseWorld`].
//! - [`client`]: the HTTP client; records every exchange for failure messages.
//! - [`form`]: fills in an HTML form as a browser would (the reset page).
//! - [`mail`]: reads the mail the target sends (an SMTP sink, or a mailbox API).
//! - [`redact`]: keeps master keys, passwords and session tokens out of output.
//! - [`template`]: `{{name}}` placeholders in feature text.
//! - [`expect`]: JSON expectations with readable diffs.
//! - [`schema`]: the JSON Schemas of `schemas/`, compiled once per run.
//! - [`steps`]: step definitions, one module per area.
//! - [`report`]: scenario outcomes, the Markdown summary, `results.json`, their
//!   normalization, and the HTML site (living documentation, compliance matrix).
//! - [`runner`]: wires it all together and decides the exit code.

pub mod browser;
pub mod capabilities;
pub mod catalog;
pub mod cli;
pub mod client;
pub mod embedded;
pub mod expect;
pub mod form;
pub mod mail;
pub mod redact;
pub mod report;
pub mod runner;
pub mod schema;
pub mod steps;
pub mod suite;
pub mod target;
pub mod template;
pub mod world;
