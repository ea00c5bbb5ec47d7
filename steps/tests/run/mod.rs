//! Runs the `parse-conformance` binary as a user would, for the tests that
//! judge a whole run: its exit code and its console.

use std::{path::Path, process::Stdio, time::Duration};

/// A finished run of the binary.
pub struct Finished {
    /// Its exit code.
    pub code: Option<i32>,
    /// What it printed: standard output, then standard error.
    pub console: String,
}

/// Runs the features in `features` against the target of `profile`,
/// writing its reports to `reports`, without colours; panics, naming
/// `what`, when it has not ended within `bound` (the process is killed).
pub async fn run_suite(
    profile: &Path,
    features: &Path,
    reports: &Path,
    bound: Duration,
    what: &str,
) -> Finished {
    let child = tokio::process::Command::new(env!("CARGO_BIN_EXE_parse-conformance"))
        .arg("--profile")
        .arg(profile)
        .arg("--features")
        .arg(features)
        .arg("--reports")
        .arg(reports)
        .args(["--color", "never"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("the runner starts");
    let output = tokio::time::timeout(bound, child.wait_with_output())
        .await
        .unwrap_or_else(|_| panic!("{what} did not end within {bound:?}"))
        .expect("the runner's output");
    Finished {
        code: output.status.code(),
        console: format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    }
}
