//! The machine-readable report, `results.json`: the normalized outcome of
//! one run against one target, which the HTML site and the compliance matrix
//! are made from.
//!
//! ```json
//! {"suite": {"name": "parse-conformance", "version": "0.2.0"},
//!  "target": {"name": "parse-server-9.10.0", "server_version": "9.10.0"},
//!  "counts": {"passed": 1, "failed": 0, "expected_failures": 0, "unexpected_passes": 0, "skipped": 0},
//!  "scenarios": [{"id": "signup.created", "feature": "users/signup.feature", "line": 17,
//!                 "name": "…", "tags": ["users", "signup"], "verdict": "passed"}]}
//! ```
//!
//! Scenarios are sorted by (feature file, line); `reason` is there for an
//! expected failure, an unexpected pass and a skip; `failure` for a failed
//! scenario, expected or not. There is no timestamp, and every text that
//! came from the target went through [`normalize`], so two runs of the same
//! behaviour write the same bytes.

use serde::{Deserialize, Serialize};

use super::{
    normalize::normalize,
    outcomes::{Outcome, Outcomes, Status},
    summary::{RunInfo, count, judged},
    verdict::{Counts, Verdict},
};
use crate::target::Target;

/// The suite's name in every report.
pub const SUITE_NAME: &str = "parse-conformance";

/// The whole file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Results {
    /// Which suite, which version.
    pub suite: Suite,
    /// Which server.
    pub target: TargetInfo,
    /// The verdict counts.
    pub counts: VerdictCounts,
    /// One entry per scenario selected by the run, by (feature, line).
    pub scenarios: Vec<ScenarioResult>,
    /// Errors outside any scenario, such as a feature file that does not parse.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
}

/// The suite that ran.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suite {
    /// `parse-conformance`.
    pub name: String,
    /// The runner's version, which pins the feature files it carries.
    pub version: String,
}

/// The server that was run against.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetInfo {
    /// The profile's name, e.g. `parse-server-9.10.0`.
    pub name: String,
    /// The version the server reports of itself, when it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_version: Option<String>,
}

/// The verdict counts, as in `summary.md`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerdictCounts {
    /// Passed.
    pub passed: usize,
    /// Failed unexpectedly.
    pub failed: usize,
    /// Failed as the profile expects.
    pub expected_failures: usize,
    /// Passed although the profile expects a failure.
    pub unexpected_passes: usize,
    /// Not run for a missing capability.
    pub skipped: usize,
}

impl From<Counts> for VerdictCounts {
    fn from(c: Counts) -> VerdictCounts {
        VerdictCounts {
            passed: c.passed,
            failed: c.failed,
            expected_failures: c.expected_failures,
            unexpected_passes: c.unexpected_passes,
            skipped: c.skipped,
        }
    }
}

/// One scenario's verdict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioResult {
    /// Its stable id (`@id.…` without `id.`), or `""` when it has none.
    pub id: String,
    /// Its feature file, relative to the features folder.
    pub feature: String,
    /// Its line in that file.
    pub line: usize,
    /// Its name.
    pub name: String,
    /// Its feature's tags and its own, without `@` and the id tag.
    pub tags: Vec<String>,
    /// `passed`, `failed`, `expected-failure`, `unexpected-pass` or `skipped`.
    pub verdict: String,
    /// Why it is expected to fail, or why it was skipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The failing step and its message (the exchange and the diff).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure: Option<FailureInfo>,
}

/// Where and why a scenario failed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailureInfo {
    /// The step, e.g. `Then the response status is 201`.
    pub step: String,
    /// The normalized message: what differed, the request and the response.
    pub message: String,
}

/// The name of a verdict in `results.json`.
pub fn verdict_name(verdict: &Verdict) -> &'static str {
    match verdict {
        Verdict::Passed => "passed",
        Verdict::Failed => "failed",
        Verdict::ExpectedFailure { .. } => "expected-failure",
        Verdict::UnexpectedPass { .. } => "unexpected-pass",
        Verdict::Skipped { .. } => "skipped",
    }
}

/// The results of a run.
pub fn build(info: &RunInfo, outcomes: &Outcomes, target: &Target) -> Results {
    let judged = judged(outcomes, target);
    let counts = count(&judged).into();
    let scenarios = judged.iter().map(|(o, v)| scenario(o, v)).collect();
    Results {
        suite: Suite {
            name: SUITE_NAME.to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
        },
        target: TargetInfo {
            name: info.target.clone(),
            server_version: info.server_version.clone(),
        },
        counts,
        scenarios,
        errors: outcomes.errors.iter().map(|e| normalize(e)).collect(),
    }
}

fn scenario(outcome: &Outcome, verdict: &Verdict) -> ScenarioResult {
    let reason = match verdict {
        Verdict::ExpectedFailure { reason }
        | Verdict::UnexpectedPass { reason }
        | Verdict::Skipped { reason } => Some(reason.clone()),
        Verdict::Passed | Verdict::Failed => None,
    };
    let failure = match &outcome.status {
        Status::Failed { step, message } => Some(FailureInfo {
            step: normalize(step),
            message: normalize(message.trim_end()),
        }),
        Status::Passed | Status::Skipped { .. } => None,
    };
    ScenarioResult {
        id: outcome.id.clone().unwrap_or_default(),
        feature: outcome.file.clone(),
        line: outcome.line,
        name: outcome.scenario.clone(),
        tags: outcome.tags.clone(),
        verdict: verdict_name(verdict).to_owned(),
        reason,
        failure,
    }
}

/// The file's text: pretty JSON and a final newline.
pub fn render(results: &Results) -> String {
    let mut text = serde_json::to_string_pretty(results).unwrap_or_else(|e| {
        // Serializing plain structs of strings and numbers cannot fail.
        format!("{{\"error\": \"cannot serialize the results: {e}\"}}")
    });
    text.push('\n');
    text
}

/// Reads a `results.json` written by [`render`].
pub fn parse(text: &str) -> Result<Results, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(file: &str, line: usize, status: Status) -> Outcome {
        Outcome {
            feature: "F".into(),
            file: file.into(),
            scenario: format!("s{line}"),
            line,
            id: Some(format!("x.{line}")),
            tags: vec!["users".into()],
            status,
        }
    }

    #[test]
    fn scenarios_are_sorted_normalized_and_read_back() {
        let outcomes = Outcomes {
            scenarios: vec![
                outcome(
                    "b.feature",
                    3,
                    Status::Failed {
                        step: "Then the response status is 201".into(),
                        message: "got 400 at 2026-11-30T18:26:51.482Z from 127.0.0.1:40235\n"
                            .into(),
                    },
                ),
                outcome("a.feature", 9, Status::Passed),
                outcome(
                    "a.feature",
                    2,
                    Status::Skipped {
                        reason: "needs email".into(),
                    },
                ),
            ],
            errors: vec![],
        };
        let info = RunInfo {
            target: "t".into(),
            url: "http://127.0.0.1:1/parse".into(),
            server_version: None,
        };
        let results = build(&info, &outcomes, &Target::for_tests());
        let order: Vec<_> = results
            .scenarios
            .iter()
            .map(|s| (s.feature.as_str(), s.line))
            .collect();
        assert_eq!(
            order,
            [("a.feature", 2), ("a.feature", 9), ("b.feature", 3)]
        );
        assert_eq!(results.counts.failed, 1);
        assert_eq!(results.counts.skipped, 1);
        assert_eq!(results.scenarios[0].reason.as_deref(), Some("needs email"));
        let failure = results.scenarios[2]
            .failure
            .as_ref()
            .map(|f| f.message.as_str());
        assert_eq!(failure, Some("got 400 at <date> from 127.0.0.1:<port>"));
        let text = render(&results);
        assert!(!text.contains("server_version"));
        assert_eq!(parse(&text), Ok(results));
    }
}
