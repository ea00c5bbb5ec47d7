//! The index page and the compliance matrix: areas and features against
//! targets, with pass / expected failure / fail / skipped counts and the pass
//! rate of each cell.

use std::fmt::Write as _;

use super::{
    FeatureDoc, Run,
    markup::{esc, page, page_of_class},
};
use crate::report::results::{ScenarioResult, VerdictCounts};

/// Counts of some results.
fn tally<'a>(results: impl Iterator<Item = &'a ScenarioResult>) -> VerdictCounts {
    let mut c = VerdictCounts::default();
    for s in results {
        match s.verdict.as_str() {
            "passed" => c.passed += 1,
            "expected-failure" => c.expected_failures += 1,
            "unexpected-pass" => c.unexpected_passes += 1,
            "skipped" => c.skipped += 1,
            _ => c.failed += 1,
        }
    }
    c
}

fn total(c: &VerdictCounts) -> usize {
    c.passed + c.failed + c.expected_failures + c.unexpected_passes + c.skipped
}

/// A width in per mille as a CSS percentage, in integers so the text never
/// depends on float rounding.
fn percent(part: usize, all: usize) -> String {
    let per_mille = part * 1000 / all.max(1);
    format!("{}.{}%", per_mille / 10, per_mille % 10)
}

/// One matrix cell: a bar of the verdicts, the pass rate, and the counts.
fn cell(c: &VerdictCounts) -> String {
    let all = total(c);
    if all == 0 {
        return "<td class=\"cell\"><span class=\"status not-run\">not run</span></td>".to_owned();
    }
    let passed = c.passed + c.unexpected_passes;
    let parts = [
        (passed, "passed", "passed"),
        (c.expected_failures, "expected-failure", "expected to fail"),
        (c.failed, "failed", "failed"),
        (c.skipped, "skipped", "skipped"),
    ];
    let mut out = format!(
        "<td class=\"cell\" data-passed=\"{passed}\" data-total=\"{all}\"><span class=\"bar\">"
    );
    for (n, class, _) in parts {
        if n > 0 {
            let _ = write!(
                out,
                "<span class=\"{class}\" style=\"width:{}\"></span>",
                percent(n, all)
            );
        }
    }
    let _ = write!(
        out,
        "</span><strong>{}</strong> <small>{passed}/{all} passed",
        percent(passed, all)
    );
    for (n, class, word) in &parts[1..] {
        if *n > 0 {
            let _ = write!(out, " · <span class=\"status {class}\">{n} {word}</span>");
        }
    }
    out.push_str("</small></td>");
    out
}

fn target_headers(runs: &[Run<'_>]) -> String {
    let mut out = String::new();
    for run in runs {
        let version = run
            .results
            .target
            .server_version
            .as_deref()
            .map(|v| format!("<br><small>version {}</small>", esc(v)))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<th class=\"target\" scope=\"col\" data-target=\"{0}\">{0}{version}</th>",
            esc(run.name())
        );
    }
    out
}

fn areas(features: &[FeatureDoc]) -> Vec<(&str, Vec<&FeatureDoc>)> {
    let mut out: Vec<(&str, Vec<&FeatureDoc>)> = Vec::new();
    for doc in features {
        match out.last_mut() {
            Some((area, docs)) if *area == doc.area() => docs.push(doc),
            _ => out.push((doc.area(), vec![doc])),
        }
    }
    out
}

fn scenario_count(doc: &FeatureDoc) -> usize {
    doc.feature
        .scenarios
        .iter()
        .chain(doc.feature.rules.iter().flat_map(|r| &r.scenarios))
        .map(|s| s.examples.len().max(1))
        .sum()
}

/// The compliance matrix page.
pub fn matrix(features: &[FeatureDoc], runs: &[Run<'_>]) -> String {
    let mut body = String::new();
    body.push_str("<h1>Compliance matrix</h1>\n<p>Each row is a feature file (grouped by area, the folder under <code>features/</code>); each column a target the suite ran against. A cell gives the share of the feature's scenarios that passed on that target, then the expected failures (known divergences, listed with their reason in the target's profile), the unexpected failures and the scenarios skipped for a capability the target does not offer.</p>\n");
    body.push_str("<p class=\"legend\"><span class=\"status passed\">passed</span><span class=\"status expected-failure\">expected to fail</span><span class=\"status failed\">failed</span><span class=\"status unexpected-pass\">unexpected pass</span><span class=\"status skipped\">skipped</span></p>\n");
    let _ = writeln!(
        body,
        "<table class=\"matrix\" id=\"matrix\">\n<thead><tr><th scope=\"col\">Area / feature</th><th scope=\"col\">Scenarios</th>{}</tr></thead>\n<tbody>",
        target_headers(runs)
    );
    for (area, docs) in areas(features) {
        let count: usize = docs.iter().map(|d| scenario_count(d)).sum();
        let _ = write!(
            body,
            "<tr class=\"area\" data-area=\"{0}\"><th scope=\"row\">{0}/</th><td class=\"num\">{count}</td>",
            esc(area)
        );
        for run in runs {
            let prefix = format!("{area}/");
            body.push_str(&cell(&tally(
                run.results
                    .scenarios
                    .iter()
                    .filter(|s| s.feature.starts_with(&prefix)),
            )));
        }
        body.push_str("</tr>\n");
        for doc in docs {
            let _ = write!(
                body,
                "<tr class=\"feature\" data-feature=\"{0}\"><td><a href=\"{1}\">{2}</a><br><small class=\"file\">{0}</small></td><td class=\"num\">{3}</td>",
                esc(&doc.file),
                esc(&doc.page()),
                esc(&doc.feature.name),
                scenario_count(doc)
            );
            for run in runs {
                body.push_str(&cell(&tally(run.of_feature(&doc.file))));
            }
            body.push_str("</tr>\n");
        }
    }
    let count: usize = features.iter().map(scenario_count).sum();
    let _ = write!(
        body,
        "<tr class=\"total\"><th scope=\"row\">All features</th><td class=\"num\">{count}</td>"
    );
    for run in runs {
        body.push_str(&cell(&tally(run.results.scenarios.iter())));
    }
    body.push_str("</tr>\n</tbody>\n</table>\n");
    page_of_class(
        "Compliance matrix · Parse REST API conformance",
        "wide",
        &body,
    )
}

/// The index page.
pub fn index(features: &[FeatureDoc], runs: &[Run<'_>]) -> String {
    let mut body = String::new();
    body.push_str("<h1>The Parse REST API, as a conformance suite</h1>\n<p>This is the living documentation of <code>parse-conformance</code>: every rule of the Parse REST API the suite checks, written as a scenario a person can read, and what each server the suite ran against does with it. Each feature page says the rules of one area in plain words, cites the section of the Parse REST guide they come from, and shows every scenario's steps with its verdict per target; a failure comes with the step that failed, the difference, and the request and response (secrets redacted, dates and ids replaced by placeholders).</p>\n");
    body.push_str("<p>See the <a href=\"matrix.html\">compliance matrix</a> for every feature against every target.</p>\n");
    body.push_str("<h2>Targets</h2>\n<table class=\"targets\" id=\"targets\">\n<thead><tr><th>Target</th><th>Server version</th><th>Suite</th><th>Passed</th><th>Expected failures</th><th>Failed</th><th>Unexpected passes</th><th>Skipped</th></tr></thead>\n<tbody>\n");
    for run in runs {
        let r = run.results;
        let c = &r.counts;
        let _ = writeln!(
            body,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{} {}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            esc(&r.target.name),
            esc(r.target.server_version.as_deref().unwrap_or("")),
            esc(&r.suite.name),
            esc(&r.suite.version),
            c.passed,
            c.expected_failures,
            c.failed,
            c.unexpected_passes,
            c.skipped
        );
    }
    body.push_str("</tbody>\n</table>\n<h2>Features</h2>\n");
    for (area, docs) in areas(features) {
        let _ = writeln!(body, "<h3 id=\"area-{0}\">{0}/</h3>\n<ul>", esc(area));
        for doc in docs {
            let _ = writeln!(
                body,
                "<li><a href=\"{}\">{}</a> <small>({} scenarios, <code>{}</code>)</small></li>",
                esc(&doc.page()),
                esc(&doc.feature.name),
                scenario_count(doc),
                esc(&doc.file)
            );
        }
        body.push_str("</ul>\n");
    }
    page("Parse REST API conformance", &body)
}
