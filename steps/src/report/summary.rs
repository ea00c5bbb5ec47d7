//! The human report, `summary.md`: the verdict counts per feature, then every
//! unexpected failure with its step, the request sent and the response got
//! (secrets are redacted before messages get here), every expected failure
//! and unexpected pass with the profile's reason, and every skip with its
//! reason.

use std::{collections::BTreeMap, fmt::Write as _};

use super::{
    normalize::normalize,
    outcomes::{Outcome, Outcomes, Status},
    verdict::{Counts, Verdict, judge},
};
use crate::{target::Target, world::TARGET_DOWN};

/// What the report says about the run besides its outcomes.
#[derive(Clone, Debug)]
pub struct RunInfo {
    /// The target's name.
    pub target: String,
    /// The target's mount URL.
    pub url: String,
    /// The server's own version string, when it tells it (`GET /serverInfo`).
    pub server_version: Option<String>,
}

/// Every outcome with its verdict, in file order.
pub fn judged<'a>(outcomes: &'a Outcomes, target: &Target) -> Vec<(&'a Outcome, Verdict)> {
    let mut all: Vec<_> = outcomes
        .scenarios
        .iter()
        .map(|o| (o, judge(o, target)))
        .collect();
    all.sort_by(|(a, _), (b, _)| (&a.file, a.line).cmp(&(&b.file, b.line)));
    all
}

/// The counts of all verdicts.
pub fn count(judged: &[(&Outcome, Verdict)]) -> Counts {
    let mut counts = Counts::default();
    for (_, v) in judged {
        counts.add(v);
    }
    counts
}

/// Renders the Markdown report. Every text that came from the target or the
/// run is normalized (see [`super::normalize`]), each message on its own so
/// that its numbered placeholders do not depend on the others, and two runs
/// of the same behaviour give the same bytes.
pub fn render(info: &RunInfo, outcomes: &Outcomes, target: &Target) -> String {
    let judged = judged(outcomes, target);
    let counts = count(&judged);
    let mut out = String::new();
    let _ = writeln!(out, "# Parse REST API conformance: {}\n", info.target);
    let _ = writeln!(out, "- Suite: {}", crate::suite::name_and_version());
    let _ = writeln!(out, "- Target: {}", normalize(&info.url));
    if let Some(version) = &info.server_version {
        let _ = writeln!(out, "- Server version: {version}");
    }
    let _ = writeln!(
        out,
        "- Result: **{}**; {}\n",
        counts.line(),
        counts.details()
    );

    let mut per_feature: BTreeMap<(&str, &str), Counts> = BTreeMap::new();
    for (o, v) in &judged {
        per_feature
            .entry((o.file.as_str(), o.feature.as_str()))
            .or_default()
            .add(v);
    }
    let _ = writeln!(out, "## Features\n");
    let _ = writeln!(
        out,
        "| Feature | File | Passed | Failed | Expected failures | Unexpected passes | Skipped |"
    );
    let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---:|");
    for ((file, feature), c) in &per_feature {
        let _ = writeln!(
            out,
            "| {feature} | `{file}` | {} | {} | {} | {} | {} |",
            c.passed, c.failed, c.expected_failures, c.unexpected_passes, c.skipped
        );
    }

    if !outcomes.errors.is_empty() {
        let _ = writeln!(out, "\n## Errors outside scenarios\n");
        for e in &outcomes.errors {
            let _ = writeln!(out, "```text\n{}\n```", normalize(e));
        }
    }
    section(
        &mut out,
        "Failures",
        &judged,
        |v| matches!(v, Verdict::Failed),
        true,
    );
    section(
        &mut out,
        "Expected failures",
        &judged,
        |v| matches!(v, Verdict::ExpectedFailure { .. }),
        true,
    );
    section(
        &mut out,
        "Unexpected passes",
        &judged,
        |v| matches!(v, Verdict::UnexpectedPass { .. }),
        false,
    );
    section(
        &mut out,
        "Skipped",
        &judged,
        |v| matches!(v, Verdict::Skipped { .. }),
        false,
    );
    out
}

fn section(
    out: &mut String,
    title: &str,
    judged: &[(&Outcome, Verdict)],
    which: impl Fn(&Verdict) -> bool,
    with_details: bool,
) {
    let selected: Vec<_> = judged.iter().filter(|(_, v)| which(v)).collect();
    if selected.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## {title}\n");
    // Scenarios that failed only because the target had stopped answering
    // say nothing new: one line for all of them.
    let (not_sent, selected): (Vec<_>, Vec<_>) = selected.into_iter().partition(|(o, _)| {
        matches!(&o.status, Status::Failed { message, .. } if message.starts_with(TARGET_DOWN))
    });
    if !not_sent.is_empty() {
        let _ = writeln!(
            out,
            "{} scenarios were not sent: the target had stopped answering.\n",
            not_sent.len()
        );
    }
    for (o, verdict) in selected {
        let id = o.id.as_deref().unwrap_or("no id");
        let _ = writeln!(out, "### {} › {}\n", o.feature, o.scenario);
        let _ = writeln!(out, "- Scenario: `{id}` (`{}:{}`)", o.file, o.line);
        match verdict {
            Verdict::ExpectedFailure { reason }
            | Verdict::UnexpectedPass { reason }
            | Verdict::Skipped { reason } => {
                let _ = writeln!(out, "- Reason: {reason}");
            }
            _ => {}
        }
        if let (true, Status::Failed { step, message }) = (with_details, &o.status) {
            let _ = writeln!(out, "- Step: `{step}`\n");
            let _ = writeln!(out, "```text\n{}\n```", normalize(message.trim_end()));
        }
        let _ = writeln!(out);
    }
}
