//! The verdict on each scenario, once the target's expected failures are
//! taken into account.
//!
//! | Outcome | Listed as expected failure? | Verdict                                   |
//! |---------|-----------------------------|-------------------------------------------|
//! | passed  | no                          | passed                                    |
//! | passed  | yes                         | unexpected pass: fails the run under `--strict`, so lists get ratcheted down |
//! | failed  | no                          | failed: fails the run                     |
//! | failed  | yes                         | expected failure, reported with its reason; failed if the entry names the failure's message (`failure`) and the message is another |
//! | skipped | -                           | skipped, reported with the missing capability |

use crate::{
    report::outcomes::{Outcome, Status},
    target::{ExpectedFailure, Target},
};

/// What a scenario's outcome means for the run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Passed, as it should.
    Passed,
    /// Failed, and nobody said it would.
    Failed,
    /// Failed, as the target's profile says it does.
    ExpectedFailure {
        /// The profile's reason.
        reason: String,
    },
    /// Passed although the profile lists it as an expected failure.
    UnexpectedPass {
        /// The profile's reason, now out of date.
        reason: String,
    },
    /// Not run.
    Skipped {
        /// Why.
        reason: String,
    },
}

/// Judges one outcome against the target's expected failures.
pub fn judge(outcome: &Outcome, target: &Target) -> Verdict {
    let expected = outcome
        .id
        .as_ref()
        .and_then(|id| target.expected_failures.get(id));
    match (&outcome.status, expected) {
        (Status::Skipped { reason }, _) => Verdict::Skipped {
            reason: reason.clone(),
        },
        (Status::Passed, None) => Verdict::Passed,
        (Status::Passed, Some(e)) => Verdict::UnexpectedPass {
            reason: e.reason.clone(),
        },
        (Status::Failed { .. }, None) => Verdict::Failed,
        (Status::Failed { message, .. }, Some(e)) if !fails_as_listed(message, e) => {
            Verdict::Failed
        }
        (Status::Failed { .. }, Some(e)) => Verdict::ExpectedFailure {
            reason: e.reason.clone(),
        },
    }
}

/// Whether a failure's message is the one the entry names, if it names one.
fn fails_as_listed(message: &str, expected: &ExpectedFailure) -> bool {
    expected
        .failure
        .as_ref()
        .is_none_or(|part| message.to_lowercase().contains(&part.to_lowercase()))
}

/// Verdict counts of a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Passed.
    pub passed: usize,
    /// Failed unexpectedly.
    pub failed: usize,
    /// Failed as expected.
    pub expected_failures: usize,
    /// Passed although expected to fail.
    pub unexpected_passes: usize,
    /// Not run.
    pub skipped: usize,
}

impl Counts {
    /// Adds one verdict.
    pub fn add(&mut self, verdict: &Verdict) {
        match verdict {
            Verdict::Passed => self.passed += 1,
            Verdict::Failed => self.failed += 1,
            Verdict::ExpectedFailure { .. } => self.expected_failures += 1,
            Verdict::UnexpectedPass { .. } => self.unexpected_passes += 1,
            Verdict::Skipped { .. } => self.skipped += 1,
        }
    }

    /// Whether the run fails: an unexpected failure, or under `strict` an
    /// unexpected pass.
    pub fn run_fails(&self, strict: bool) -> bool {
        self.failed > 0 || (strict && self.unexpected_passes > 0)
    }

    /// The closing line, `N passed, N failed, N skipped`; expected failures
    /// and unexpected passes are said on their own line by [`Counts::details`].
    pub fn line(&self) -> String {
        format!(
            "{} passed, {} failed, {} skipped",
            self.passed, self.failed, self.skipped
        )
    }

    /// `N expected failures, N unexpected passes`.
    pub fn details(&self) -> String {
        format!(
            "{} expected failures, {} unexpected passes",
            self.expected_failures, self.unexpected_passes
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target_expecting(id: &str) -> Target {
        let mut target = Target::for_tests();
        target.expected_failures.insert(
            id.into(),
            ExpectedFailure {
                reason: "diverges".into(),
                evidence: None,
                failure: None,
            },
        );
        target
    }

    fn outcome(id: &str, status: Status) -> Outcome {
        Outcome {
            feature: "f".into(),
            file: "f.feature".into(),
            scenario: "s".into(),
            line: 1,
            id: Some(id.into()),
            tags: Vec::new(),
            status,
        }
    }

    fn failed() -> Status {
        Status::Failed {
            step: "Then x".into(),
            message: "m".into(),
        }
    }

    #[test]
    fn listed_failures_are_expected_and_listed_passes_unexpected() {
        let target = target_expecting("a.listed");
        assert_eq!(
            judge(&outcome("a.listed", failed()), &target),
            Verdict::ExpectedFailure {
                reason: "diverges".into()
            }
        );
        assert_eq!(
            judge(&outcome("a.listed", Status::Passed), &target),
            Verdict::UnexpectedPass {
                reason: "diverges".into()
            }
        );
        assert_eq!(
            judge(&outcome("a.other", failed()), &target),
            Verdict::Failed
        );
        assert_eq!(
            judge(&outcome("a.other", Status::Passed), &target),
            Verdict::Passed
        );
    }

    #[test]
    fn a_listed_failure_with_another_message_is_unexpected() {
        let mut target = target_expecting("a.listed");
        if let Some(entry) = target.expected_failures.get_mut("a.listed") {
            entry.failure = Some("Content-Type is \"\"".into());
        }
        let failing_with = |message: &str| Status::Failed {
            step: "Then x".into(),
            message: message.into(),
        };
        assert_eq!(
            judge(
                &outcome(
                    "a.listed",
                    failing_with("its content-type is \"\", not json")
                ),
                &target
            ),
            Verdict::ExpectedFailure {
                reason: "diverges".into()
            }
        );
        assert_eq!(
            judge(
                &outcome(
                    "a.listed",
                    failing_with("expected HTTP status 403, got 200")
                ),
                &target
            ),
            Verdict::Failed
        );
    }

    #[test]
    fn only_unexpected_failures_fail_the_run_unless_strict() {
        let mut counts = Counts::default();
        counts.add(&Verdict::ExpectedFailure { reason: "r".into() });
        counts.add(&Verdict::Skipped { reason: "r".into() });
        assert!(!counts.run_fails(true));
        counts.add(&Verdict::UnexpectedPass { reason: "r".into() });
        assert!(!counts.run_fails(false));
        assert!(counts.run_fails(true));
        counts.add(&Verdict::Failed);
        assert!(counts.run_fails(false));
        assert_eq!(counts.line(), "0 passed, 1 failed, 1 skipped");
    }
}
