//! Account lockout: failed logins per user, and until when a user is locked
//! (parse-server's `accountLockout`, `src/AccountLockout.js`).

use std::time::{Duration, Instant};

use super::Store;
use crate::{account_lockout::AccountLockout, error::ParseError};

/// The failed logins of one user since its last successful one.
#[derive(Clone, Copy, Debug, Default)]
pub struct FailedLogins {
    /// How many in a row.
    pub count: u32,
    /// Locked until then, once `count` reached the threshold.
    pub locked_until: Option<Instant>,
}

impl Store {
    /// Records a login attempt on `user_id` whose password was `correct`,
    /// under `policy`, in one atomic step, as Parse Server does:
    ///
    /// 1. a locked account (threshold reached, lock not yet expired) is
    ///    refused whatever the password, with the lockout error;
    /// 2. a correct password resets the count;
    /// 3. a wrong one adds one; reaching the threshold locks the account for
    ///    `duration` minutes from now (the caller still answers this attempt
    ///    with the usual invalid-login error); going past it (a wrong
    ///    password once a lock expired) locks it again and answers the
    ///    lockout error. The count is kept until a correct password.
    pub fn record_login_attempt(
        &self,
        user_id: &str,
        correct: bool,
        policy: &AccountLockout,
        now: Instant,
    ) -> Result<(), ParseError> {
        let mut state = self.lock();
        let failed = state.failed_logins.entry(user_id.to_owned()).or_default();
        let locked = failed.count >= policy.threshold
            && failed.locked_until.is_some_and(|until| until > now);
        if locked {
            return Err(locked_error(policy));
        }
        if correct {
            *failed = FailedLogins::default();
        } else {
            failed.count = failed.count.saturating_add(1);
            if failed.count >= policy.threshold {
                let duration = Duration::from_secs_f64(policy.duration * 60.0);
                failed.locked_until = Some(now + duration);
            }
            // Past the threshold (a wrong password after a lock expired):
            // locked again at once, and told so.
            if failed.count > policy.threshold {
                return Err(locked_error(policy));
            }
        }
        Ok(())
    }
}

/// 101 with Parse Server's message, which names the configured duration as
/// JavaScript prints the number (`0.05`, `1`, `1.5`).
pub fn locked_error(policy: &AccountLockout) -> ParseError {
    ParseError::object_not_found_with(format!(
        "Your account is locked due to multiple failed login attempts. Please try again after {} minute(s)",
        policy.duration
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_after_the_threshold_until_the_duration_has_passed() {
        let store = Store::new();
        let policy = AccountLockout {
            threshold: 2,
            duration: 0.05,
            unlock_on_password_reset: false,
        };
        let t0 = Instant::now();
        assert!(store.record_login_attempt("u", false, &policy, t0).is_ok());
        assert!(store.record_login_attempt("u", false, &policy, t0).is_ok());
        let err = store
            .record_login_attempt("u", true, &policy, t0)
            .unwrap_err();
        assert_eq!(
            err.message,
            "Your account is locked due to multiple failed login attempts. Please try again after 0.05 minute(s)"
        );
        let later = t0 + Duration::from_secs(4);
        assert!(
            store
                .record_login_attempt("u", true, &policy, later)
                .is_ok()
        );
    }

    #[test]
    fn a_correct_password_resets_the_count() {
        let store = Store::new();
        let policy = AccountLockout {
            threshold: 2,
            duration: 1.0,
            unlock_on_password_reset: false,
        };
        let now = Instant::now();
        for correct in [false, true, false, false] {
            assert!(
                store
                    .record_login_attempt("u", correct, &policy, now)
                    .is_ok()
            );
        }
        assert!(store.record_login_attempt("u", true, &policy, now).is_err());
        assert!(locked_error(&policy).message.ends_with("after 1 minute(s)"));
    }
}
