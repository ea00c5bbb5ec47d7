//! Optional behaviour a target may or may not offer.
//!
//! A scenario that needs such behaviour carries the capability's tag (on the
//! scenario, its rule or its feature). A target offers a capability when its
//! profile's `[capabilities]` table names it; a scenario needing one the target
//! lacks is not run and is reported as skipped with the reason, never as passed.

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
        "auth-providers",
        "the server accepts the suite's test auth providers for facebook and twitter",
    ),
];

/// The capabilities a scenario needs that `has` says the target lacks, from
/// the tags of its feature, rule and scenario.
pub fn missing<'a>(
    tags: impl IntoIterator<Item = &'a String>,
    has: impl Fn(&str) -> bool,
) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = tags
        .into_iter()
        .filter_map(|tag| {
            CAPABILITIES
                .iter()
                .find(|(name, _)| name == tag)
                .map(|(name, _)| *name)
        })
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
}
