//! Optional behaviour a target may or may not offer.
//!
//! A scenario that needs such behaviour carries the capability's tag (on the
//! scenario, its rule or its feature). A target offers a capability when its
//! profile's `[capabilities]` table names it; a scenario needing one the target
//! lacks is not run and is reported as skipped with the reason, never as passed.
//!
//! A few capabilities belong to the machine that runs the suite rather than to
//! the target ([`Machine`]): `browser` needs Chromium and chromedriver here.
//! They are on wherever the machine has what they need, unless the profile
//! turns them off (`browser = false`).

use crate::{browser::Installation, cli::TargetArgs, target::Target};

/// The capability tags and what each one means.
pub const CAPABILITIES: &[(&str, &str)] = &[
    (
        "email",
        "the suite can read the mail the server sends (an SMTP sink or a mailbox API)",
    ),
    (
        "email-verification",
        "the server verifies users' emails (Parse Server's verifyUserEmails)",
    ),
    (
        "prevent-login-unverified",
        "the target refuses logins with an unverified email (Parse Server's preventLoginWithUnverifiedEmail); \
         its profile gives the url of an instance of the app configured so, or `true` for the target itself",
    ),
    (
        "no-email-verification",
        "the target has an instance of the app that does not verify emails; its profile gives its url",
    ),
    (
        "lockout",
        "the server locks accounts after repeated failed logins (accountLockout)",
    ),
    (
        "unlock-on-password-reset",
        "a password reset unlocks a locked-out account (accountLockout.unlockOnPasswordReset)",
    ),
    (
        "session-length",
        "the target has an instance of the app whose sessions expire after a few seconds (sessionLength); \
         its profile gives its url and the length: session-length = { url = \"…\", seconds = 3 }",
    ),
    (
        "max-upload-size",
        "the server refuses uploads over a known size (maxUploadSize); its profile gives it: \
         max-upload-size = { bytes = 10485760 }",
    ),
    (
        "browser",
        "the machine running the suite has headless Chromium and chromedriver (Debian's chromium and \
         chromium-driver on PATH, or --chromium and --chromedriver); a profile may turn it off with browser = false",
    ),
    (
        "client-keys",
        "the target has an instance of the app that sets every client key, each its own value; its profile \
         gives its url and keys: client-keys = { url = \"…\", rest_api_key = \"…\", javascript_key = \"…\", \
         client_key = \"…\", windows_key = \"…\" }",
    ),
    (
        "no-client-keys",
        "the target has an instance of the app that sets no client key; its profile gives its url",
    ),
    (
        "request-complexity",
        "the server enforces Parse Server's requestComplexity limits on clients (not on the master key) at the \
         values Parse Server announces as its next defaults: includeDepth 10, includeCount 100, subqueryDepth 10, \
         queryDepth 10, batchRequestLimit 100 (Parse Server 9.10 has them off unless configured)",
    ),
    (
        "cors-allow-list",
        "the target has an instance of the app that allows CORS from a list of origins only (Parse Server's \
         allowOrigin); its profile gives its url and the list, of two origins or more: \
         cors-allow-list = { url = \"…\", origins = [\"https://…\", \"https://…\"] }",
    ),
    (
        "auth-providers",
        "the server accepts the suite's test auth providers for facebook and twitter",
    ),
];

/// What the machine running the suite offers, whatever the target.
#[derive(Clone, Debug)]
pub struct Machine {
    /// Chromium and chromedriver, or why there are none.
    pub browser: Result<Installation, String>,
}

impl Machine {
    /// Looks at this machine: the browser the options name, else the one on
    /// `PATH`.
    pub fn detect(args: &TargetArgs) -> Machine {
        Machine {
            browser: Installation::find(args.chromium.as_deref(), args.chromedriver.as_deref()),
        }
    }
}

/// Why a scenario that needs the capability `name` cannot run on `target`
/// from `machine`, or `None` when it can.
pub fn unavailable(name: &str, target: &Target, machine: &Machine) -> Option<String> {
    match name {
        "browser" => {
            let off = target.capabilities.get(name).and_then(toml::Value::as_bool) == Some(false);
            if off {
                Some("the target's profile turns the capability browser off".to_owned())
            } else {
                machine.browser.as_ref().err().cloned()
            }
        }
        _ if target.has_capability(name) => None,
        _ => Some(format!("the target does not offer the capability {name}")),
    }
}

/// The reason a scenario is skipped for the capabilities it `missing`: those
/// of the target in one sentence, as before, then the machine's own reasons.
pub fn skip_reason(missing: &[&str], target: &Target, machine: &Machine) -> String {
    let of_target: Vec<&str> = missing
        .iter()
        .copied()
        .filter(|name| !target.has_capability(name) && *name != "browser")
        .collect();
    let mut reasons = Vec::new();
    if !of_target.is_empty() {
        reasons.push(format!(
            "the target does not offer the capability {}",
            of_target.join(", ")
        ));
    }
    reasons.extend(
        missing
            .iter()
            .filter(|name| !of_target.contains(name))
            .filter_map(|name| unavailable(name, target, machine)),
    );
    reasons.join("; ")
}

/// The capability a tag names, if it names one.
pub fn capability(tag: &str) -> Option<&'static str> {
    CAPABILITIES
        .iter()
        .find(|(name, _)| *name == tag)
        .map(|(name, _)| *name)
}

/// The capabilities a scenario needs that `has` says the target lacks, from
/// the tags of its feature, rule and scenario.
pub fn missing<'a>(
    tags: impl IntoIterator<Item = &'a String>,
    has: impl Fn(&str) -> bool,
) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = tags
        .into_iter()
        .filter_map(|tag| capability(tag))
        .filter(|name| !has(name))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_only_known_capabilities_the_target_lacks() {
        let tags: Vec<String> = ["users", "email", "lockout", "email"]
            .map(String::from)
            .to_vec();
        assert_eq!(missing(&tags, |c| c == "lockout"), vec!["email"]);
        assert!(missing(&tags, |_| true).is_empty());
    }

    fn target(capabilities: &str) -> Target {
        Target {
            capabilities: toml::from_str(capabilities).unwrap(),
            ..Target::for_tests()
        }
    }

    fn machine(browser: bool) -> Machine {
        let installation = Installation {
            chromium: "/usr/bin/chromium".into(),
            chromedriver: "/usr/bin/chromedriver".into(),
        };
        Machine {
            browser: if browser {
                Ok(installation)
            } else {
                Err("no browser: install it".into())
            },
        }
    }

    #[test]
    fn the_browser_is_the_machines_unless_the_profile_turns_it_off() {
        assert_eq!(unavailable("browser", &target(""), &machine(true)), None);
        assert_eq!(
            unavailable("browser", &target(""), &machine(false)).as_deref(),
            Some("no browser: install it")
        );
        assert_eq!(
            unavailable("browser", &target("browser = false"), &machine(true)).as_deref(),
            Some("the target's profile turns the capability browser off")
        );
        assert_eq!(
            unavailable("email", &target("email = true"), &machine(false)),
            None
        );
    }

    #[test]
    fn a_skip_says_what_the_target_and_the_machine_lack() {
        let reason = skip_reason(
            &["browser", "email", "lockout"],
            &target(""),
            &machine(false),
        );
        assert_eq!(
            reason,
            "the target does not offer the capability email, lockout; no browser: install it"
        );
    }
}
