//! The human report, `summary.md`: counts per feature and every failure with
//! the request sent and the response got (secrets redacted upstream).

use std::{collections::BTreeMap, fmt::Write as _};

use super::outcomes::{Outcomes, Status};

/// What the report says about the target.
#[derive(Clone, Debug)]
pub struct RunInfo {
    /// The target's name.
    pub target: String,
    /// The target's mount URL.
    pub url: String,
}

/// Scenario counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Scenarios that passed.
    pub passed: usize,
    /// Scenarios that failed.
    pub failed: usize,
    /// Scenarios that did not run.
    pub skipped: usize,
}

impl Counts {
    /// Counts of all scenarios of a run.
    pub fn of(outcomes: &Outcomes) -> Counts {
        let mut counts = Counts::default();
        for o in &outcomes.scenarios {
            counts.add(&o.status);
        }
        counts
    }

    fn add(&mut self, status: &Status) {
        match status {
            Status::Passed => self.passed += 1,
            Status::Failed { .. } => self.failed += 1,
        }
    }

    /// The closing line of a run, `N passed, N failed, N skipped`.
    pub fn line(&self) -> String {
        format!("{} passed, {} failed, {} skipped", self.passed, self.failed, self.skipped)
    }
}

/// Renders the Markdown report.
pub fn render(info: &RunInfo, outcomes: &Outcomes) -> String {
    let counts = Counts::of(outcomes);
    let mut out = String::new();
    let _ = writeln!(out, "# Parse REST API conformance: {}\n", info.target);
    let _ = writeln!(out, "- Target: {}", info.url);
    let _ = writeln!(out, "- Result: **{}**\n", counts.line());

    let mut per_feature: BTreeMap<(&str, &str), Counts> = BTreeMap::new();
    for o in &outcomes.scenarios {
        per_feature.entry((o.file.as_str(), o.feature.as_str())).or_default().add(&o.status);
    }
    let _ = writeln!(out, "## Features\n");
    let _ = writeln!(out, "| Feature | File | Passed | Failed | Skipped |");
    let _ = writeln!(out, "|---|---|---:|---:|---:|");
    for ((file, feature), c) in &per_feature {
        let _ = writeln!(out, "| {feature} | `{file}` | {} | {} | {} |", c.passed, c.failed, c.skipped);
    }

    if !outcomes.errors.is_empty() {
        let _ = writeln!(out, "\n## Errors outside scenarios\n");
        for e in &outcomes.errors {
            let _ = writeln!(out, "```text\n{e}\n```");
        }
    }

    let mut failures: Vec<_> = outcomes.scenarios.iter().filter(|o| o.status != Status::Passed).collect();
    failures.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    if !failures.is_empty() {
        let _ = writeln!(out, "\n## Failures\n");
    }
    for o in failures {
        if let Status::Failed { step, message } = &o.status {
            let id = o.id.as_deref().unwrap_or("no id");
            let _ = writeln!(out, "### {} › {}\n", o.feature, o.scenario);
            let _ = writeln!(out, "- Scenario: `{id}` (`{}:{}`)", o.file, o.line);
            let _ = writeln!(out, "- Step: `{step}`\n");
            let _ = writeln!(out, "```text\n{}\n```\n", message.trim_end());
        }
    }
    out
}
