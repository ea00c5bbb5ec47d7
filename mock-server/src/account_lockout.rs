//! The `accountLockout` option: lock an account after repeated failed
//! logins, with parse-server's field names, limits and startup messages
//! (`lib/Config.js` `validateAccountLockoutPolicy`). The counting itself is
//! in [`crate::store::lockout`].

use serde_json::Value;

use crate::config::ConfigError;

/// `accountLockout`, with parse-server's field names and limits.
#[derive(Clone, Debug, PartialEq)]
pub struct AccountLockout {
    /// `threshold`: failed logins allowed before the account locks, 1 to 999.
    pub threshold: u32,
    /// `duration`: how long the account stays locked, in minutes, more than
    /// 0 and at most 99999 (as parse-server's `Config.js` checks); fractions
    /// allowed (0.05 is 3 seconds).
    pub duration: f64,
    /// `unlockOnPasswordReset`: a password reset unlocks the account
    /// ([`crate::store::Store::reset_password`]).
    pub unlock_on_password_reset: bool,
}

impl AccountLockout {
    /// Reads and checks `accountLockout` as parse-server does, with its messages.
    pub fn from_json(value: &Value) -> Result<AccountLockout, ConfigError> {
        let duration = value
            .get("duration")
            .and_then(Value::as_f64)
            .filter(|d| *d > 0.0 && *d <= 99999.0)
            .ok_or_else(|| {
                ConfigError(
                    "Account lockout duration should be greater than 0 and less than 100000".into(),
                )
            })?;
        let threshold = value
            .get("threshold")
            .and_then(Value::as_f64)
            .filter(|t| t.fract() == 0.0 && (1.0..=999.0).contains(t))
            .map(|t| t as u32)
            .ok_or_else(|| {
                ConfigError(
                    "Account lockout threshold should be an integer greater than 0 and less than 1000"
                        .into(),
                )
            })?;
        let unlock_on_password_reset = match value.get("unlockOnPasswordReset") {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                return Err(ConfigError(
                    "Parse Server option accountLockout.unlockOnPasswordReset must be a boolean."
                        .into(),
                ));
            }
        };
        Ok(AccountLockout {
            threshold,
            duration,
            unlock_on_password_reset,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::Config;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn account_lockout_is_read_and_checked_as_parse_server_does() {
        let load = |lockout: &str| {
            Config::load(
                args(&[
                    "--appId",
                    "a",
                    "--masterKey",
                    "m",
                    "--accountLockout",
                    lockout,
                ]),
                |_| None,
            )
        };
        let (config, unimplemented) = load(r#"{"threshold":3,"duration":0.05}"#).unwrap();
        assert!(unimplemented.is_empty());
        let lockout = config.account_lockout.unwrap();
        assert_eq!((lockout.threshold, lockout.duration), (3, 0.05));
        assert!(!lockout.unlock_on_password_reset);
        for (bad, message) in [
            (r#"{"threshold":3,"duration":0}"#, "duration"),
            (r#"{"threshold":3,"duration":99999.5}"#, "duration"),
            (r#"{"threshold":0,"duration":1}"#, "threshold"),
            (r#"{"threshold":1000,"duration":1}"#, "threshold"),
            (r#"{"threshold":2.5,"duration":1}"#, "threshold"),
            (
                r#"{"threshold":3,"duration":1,"unlockOnPasswordReset":"yes"}"#,
                "unlockOnPasswordReset",
            ),
        ] {
            let err = load(bad).err().unwrap();
            assert!(err.0.contains(message), "{bad}: {}", err.0);
        }
    }
}
