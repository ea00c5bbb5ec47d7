//! The target under test: its mount URL, its keys, and its profile file.
//!
//! A target differs from another only by what is here. Steps read the target
//! through [`crate::world::ParseWorld`] and never branch on which server it is.

use std::{collections::BTreeMap, fmt, fs, path::Path};

use serde::Deserialize;

use crate::cli::TargetArgs;

/// A Parse server the suite runs against.
#[derive(Clone)]
pub struct Target {
    /// Short name used in reports, e.g. `parse-server-9.10.0`.
    pub name: String,
    /// Mount URL without a trailing slash, e.g. `http://127.0.0.1:1337/parse`.
    pub url: String,
    /// Application id (`X-Parse-Application-Id`).
    pub app_id: String,
    /// REST API key (`X-Parse-REST-API-Key`), when the target requires one.
    pub rest_api_key: Option<String>,
    /// Master key (`X-Parse-Master-Key`), needed by set-up steps such as
    /// creating a class schema.
    pub master_key: Option<String>,
    /// Optional behaviour the target offers, by capability tag name.
    pub capabilities: toml::Table,
    /// Scenarios known to fail on this target: stable id → why.
    pub expected_failures: BTreeMap<String, ExpectedFailure>,
    /// Where the runner's SMTP sink listens for the target's mail, e.g.
    /// `127.0.0.1:2525`.
    pub smtp_sink: Option<String>,
    /// The Mailpit-compatible API to read the target's mail from instead.
    pub mailbox_url: Option<String>,
    /// Seconds to wait for a TCP connection, when the profile sets it.
    pub connect_timeout: Option<u64>,
    /// Seconds to wait for one whole exchange, when the profile sets it.
    pub request_timeout: Option<u64>,
}

// Written by hand so that no key ever reaches a log through `{:?}`.
impl fmt::Debug for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Target")
            .field("name", &self.name)
            .field("url", &self.url)
            .field("app_id", &self.app_id)
            .field(
                "rest_api_key",
                &self.rest_api_key.as_ref().map(|_| "<redacted>"),
            )
            .field(
                "master_key",
                &self.master_key.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// A target profile file, `targets/NAME/target.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Short name used in reports.
    pub name: Option<String>,
    /// Mount URL.
    pub url: Option<String>,
    /// Application id.
    pub app_id: Option<String>,
    /// REST API key.
    pub rest_api_key: Option<String>,
    /// Master key.
    pub master_key: Option<String>,
    /// What optional behaviour the target offers (mail capture, lockout…).
    #[serde(default)]
    pub capabilities: toml::Table,
    /// Scenarios known to fail on this target: stable id → why.
    #[serde(default)]
    pub expected_failures: BTreeMap<String, ExpectedFailure>,
    /// Where the runner's SMTP sink listens for the target's mail.
    pub smtp_sink: Option<String>,
    /// A Mailpit-compatible API to read the target's mail from.
    pub mailbox_url: Option<String>,
    /// Seconds to wait for a TCP connection to the target (default 3).
    pub connect_timeout: Option<u64>,
    /// Seconds to wait for one whole HTTP exchange with the target
    /// (default 15): past it, the step fails with a timeout and the run
    /// counts the target as down.
    pub request_timeout: Option<u64>,
}

/// Why a scenario is expected to fail on a target.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedFailure {
    /// The divergence, in one sentence.
    pub reason: String,
    /// Where it is shown: a source file, a guide section, an observed run.
    pub evidence: Option<String>,
    /// A part of the message the scenario fails with there (compared
    /// case-insensitively). When given, a failure with any other message
    /// is an unexpected failure: the listed divergence must not hide
    /// another one.
    pub failure: Option<String>,
}

impl Profile {
    /// Reads and parses a profile file.
    pub fn load(path: &Path) -> Result<Profile, String> {
        let text = fs::read_to_string(path)
            .map_err(|e| format!("cannot read profile {}: {e}", path.display()))?;
        toml::from_str(&text).map_err(|e| format!("invalid profile {}: {e}", path.display()))
    }
}

impl Target {
    /// The target named by the command line and profile, or `None` when the
    /// run should use the embedded reference server.
    pub fn from_args(args: &TargetArgs) -> Result<Option<Target>, String> {
        let profile = match &args.profile {
            Some(path) => Profile::load(path)?,
            None => Profile::default(),
        };
        let Some(url) = args.target.clone().or(profile.url) else {
            return Ok(None);
        };
        let url = url.trim_end_matches('/').to_owned();
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(format!(
                "target URL must start with http:// or https://, got {url}"
            ));
        }
        let app_id = args.app_id.clone().or(profile.app_id).ok_or_else(|| {
            "the target needs an application id: --app-id or PARSE_SERVER_APPLICATION_ID".to_owned()
        })?;
        Ok(Some(Target {
            name: profile.name.unwrap_or_else(|| url.clone()),
            url,
            app_id,
            rest_api_key: args.rest_key.clone().or(profile.rest_api_key),
            master_key: args.master_key.clone().or(profile.master_key),
            capabilities: profile.capabilities,
            expected_failures: profile.expected_failures,
            smtp_sink: args.smtp_sink.clone().or(profile.smtp_sink),
            mailbox_url: args.mailbox_url.clone().or(profile.mailbox_url),
            connect_timeout: profile.connect_timeout,
            request_timeout: profile.request_timeout,
        }))
    }

    /// The full URL of a path under the mount, e.g. `/users` → `…/parse/users`.
    pub fn url_of(&self, path: &str) -> String {
        format!("{}{}", self.url, path)
    }

    /// Whether the target offers a capability: the profile's
    /// `[capabilities]` table names it with any value but `false`.
    pub fn has_capability(&self, name: &str) -> bool {
        self.capabilities
            .get(name)
            .is_some_and(|v| v.as_bool() != Some(false))
    }

    /// One setting of a capability the profile gives as a table, such as
    /// `seconds` of `session-length = { url = "…", seconds = 3 }`.
    pub fn capability_setting(&self, capability: &str, setting: &str) -> Option<&toml::Value> {
        self.capabilities.get(capability)?.get(setting)
    }

    /// The secrets of this target that must never appear in any output.
    pub fn secrets(&self) -> Vec<String> {
        self.master_key.iter().cloned().collect()
    }
}

#[cfg(test)]
impl Target {
    /// A target for unit tests: named `t`, with no keys, capabilities or
    /// expected failures.
    pub(crate) fn for_tests() -> Target {
        Target {
            name: "t".into(),
            url: "http://127.0.0.1:1/parse".into(),
            app_id: "a".into(),
            rest_api_key: None,
            master_key: None,
            capabilities: toml::Table::new(),
            expected_failures: Default::default(),
            smtp_sink: None,
            mailbox_url: None,
            connect_timeout: None,
            request_timeout: None,
        }
    }
}
