//! A feature's page: its narrative, its source in the guide, its background,
//! and every scenario as documentation with its verdict on each target.

use std::fmt::Write as _;

use cucumber::gherkin;

use super::{
    FeatureDoc, Run,
    markup::{esc, inline, page, paragraphs},
};
use crate::report::{outcomes::id_tag, results::ScenarioResult};

/// Renders the page of one feature.
pub fn render(doc: &FeatureDoc, runs: &[Run<'_>]) -> String {
    let feature = &doc.feature;
    let mut body = String::new();
    let _ = writeln!(
        body,
        "<h1 id=\"feature\">{}</h1>\n<p class=\"tags\"><code>features/{}</code> {}</p>",
        esc(&feature.name),
        esc(&doc.file),
        tags(&feature.tags)
    );
    let (source, narrative): (Vec<String>, Vec<String>) = paragraphs(&narrative(doc))
        .into_iter()
        .partition(|p| p.starts_with("Source:"));
    for p in &narrative {
        let _ = writeln!(body, "<p>{}</p>", inline(p));
    }
    for p in &source {
        let text = p.trim_start_matches("Source:").trim();
        let _ = writeln!(
            body,
            "<p class=\"source\"><strong>Source:</strong> {}</p>",
            inline(text)
        );
    }
    if !runs.is_empty() {
        body.push_str("<p>");
        for run in runs {
            let mut counts = [0usize; 5];
            for s in run.of_feature(&doc.file) {
                counts[verdict_index(&s.verdict)] += 1;
            }
            let _ = write!(body, "<strong>{}</strong>: ", esc(run.name()));
            let parts: Vec<String> = VERDICTS
                .iter()
                .zip(counts)
                .filter(|(_, n)| *n > 0)
                .map(|((class, word), n)| {
                    format!("<span class=\"status {class}\">{n} {word}</span>")
                })
                .collect();
            if parts.is_empty() {
                body.push_str("<span class=\"status not-run\">not run</span>");
            }
            body.push_str(&parts.join(""));
            body.push_str("<br>");
        }
        body.push_str("</p>\n");
    }
    if let Some(background) = &feature.background {
        body.push_str("<h2>Background</h2>\n<p>Before each scenario:</p>\n");
        body.push_str(&steps(&background.steps));
    }
    body.push_str("<h2>Scenarios</h2>\n<p class=\"tags\">A name in double braces, such as <code>{{cooldude6}}</code>, stands for a name the runner makes unique to the scenario; <code>{{cooldude6.objectId}}</code> for a field of what the scenario created under that name. Comments in italics are the feature file&#39;s own notes, such as what a server does where it departs from the guide.</p>\n");
    let all = feature
        .scenarios
        .iter()
        .chain(feature.rules.iter().flat_map(|r| &r.scenarios));
    for scenario in all {
        body.push_str(&scenario_section(doc, scenario, runs));
    }
    page(
        &format!("{} · Parse REST API conformance", feature.name),
        &body,
    )
}

const VERDICTS: [(&str, &str); 5] = [
    ("passed", "passed"),
    ("expected-failure", "expected to fail"),
    ("failed", "failed"),
    ("unexpected-pass", "passed unexpectedly"),
    ("skipped", "skipped"),
];

fn verdict_index(verdict: &str) -> usize {
    VERDICTS
        .iter()
        .position(|(class, _)| *class == verdict)
        .unwrap_or(2)
}

fn tags(tags: &[String]) -> String {
    tags.iter()
        .filter(|t| !t.starts_with("id."))
        .map(|t| format!("<span class=\"tag\">@{}</span>", esc(t)))
        .collect()
}

/// The free text under `Feature:`, from the file itself: the parser's
/// description loses the blank lines between paragraphs.
fn narrative(doc: &FeatureDoc) -> String {
    const ENDS: &[&str] = &["Background:", "Scenario", "Example", "Rule:", "@", "#"];
    doc.lines
        .iter()
        .skip(doc.feature.position.line)
        .take_while(|line| !ENDS.iter().any(|end| line.trim_start().starts_with(end)))
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `#` comment lines just above a line (1-based), above its tags.
fn comments_above(doc: &FeatureDoc, line: usize) -> Vec<String> {
    let mut found = Vec::new();
    let mut at = line.saturating_sub(1);
    while at > 0 {
        at -= 1;
        let text = doc.lines.get(at).map(|l| l.trim()).unwrap_or("");
        if let Some(comment) = text.strip_prefix('#') {
            found.push(comment.trim().to_owned());
        } else if !text.starts_with('@') {
            break;
        }
    }
    found.reverse();
    found
}

/// The comments above a line as paragraphs (an empty `#` line separates
/// two).
fn comments(doc: &FeatureDoc, line: usize) -> String {
    paragraphs(&comments_above(doc, line).join("\n"))
        .iter()
        .map(|c| format!("<p class=\"comment\">{}</p>\n", inline(c)))
        .collect()
}

fn steps(steps: &[gherkin::Step]) -> String {
    let mut out = String::from("<ul class=\"steps\">\n");
    for step in steps {
        let _ = write!(
            out,
            "<li><span class=\"kw\">{}</span> {}",
            esc(step.keyword.trim()),
            esc(&step.value)
        );
        if let Some(doc) = &step.docstring {
            let _ = write!(out, "\n<pre>{}</pre>", esc(doc.trim_matches('\n')));
        }
        if let Some(table) = &step.table {
            out.push('\n');
            out.push_str(&data_table(&table.rows, false));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
    out
}

fn data_table(rows: &[Vec<String>], header: bool) -> String {
    let mut out = String::from("<table class=\"data\">");
    for (i, row) in rows.iter().enumerate() {
        let cell = if header && i == 0 { "th" } else { "td" };
        out.push_str("<tr>");
        for value in row {
            let _ = write!(out, "<{cell}>{}</{cell}>", esc(value));
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>\n");
    out
}

fn scenario_section(doc: &FeatureDoc, scenario: &gherkin::Scenario, runs: &[Run<'_>]) -> String {
    let id = id_tag(&scenario.tags);
    let mut out = String::new();
    match id {
        Some(id) => {
            let _ = writeln!(
                out,
                "<section class=\"scenario\" id=\"{0}\">\n<h3>{1}<a class=\"anchor\" href=\"#{0}\">#{0}</a></h3>",
                esc(id),
                esc(&scenario.name)
            );
        }
        None => {
            let _ = writeln!(
                out,
                "<section class=\"scenario\" id=\"line-{}\">\n<h3>{}</h3>",
                scenario.position.line,
                esc(&scenario.name)
            );
        }
    }
    let _ = writeln!(
        out,
        "<p class=\"tags\">{} <small>line {}</small></p>",
        tags(&scenario.tags),
        scenario.position.line
    );
    out.push_str(&comments(doc, scenario.position.line));
    if let Some(description) = &scenario.description {
        for p in paragraphs(description) {
            let _ = writeln!(out, "<p>{}</p>", inline(&p));
        }
    }
    out.push_str(&steps(&scenario.steps));
    if scenario.examples.is_empty() {
        out.push_str(&verdicts(runs, |run| {
            run.lookup(id, &doc.file, scenario.position.line)
        }));
    }
    for examples in &scenario.examples {
        let block_id = id_tag(&examples.tags);
        let anchor = block_id
            .map(|i| format!(" id=\"{}\"", esc(i)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<div class=\"examples\"{anchor}>\n<h4>{}{}</h4>",
            esc(examples.keyword.trim()),
            examples
                .name
                .as_deref()
                .map(|n| format!(": {}", esc(n)))
                .unwrap_or_default()
        );
        if let Some(i) = block_id {
            let _ = writeln!(
                out,
                "<p class=\"tags\"><a class=\"anchor\" href=\"#{0}\">#{0}</a> {1}</p>",
                esc(i),
                tags(&examples.tags)
            );
        }
        out.push_str(&comments(doc, examples.position.line));
        if let Some(table) = &examples.table {
            out.push_str(&data_table(&table.rows, true));
            let rows: Vec<usize> = table
                .rows
                .iter()
                .enumerate()
                .skip(1)
                .map(|(i, _)| table.position.line + i)
                .collect();
            out.push_str(&verdicts(runs, |run| {
                let by_id = block_id
                    .map(|i| run.lookup(Some(i), "", 0))
                    .unwrap_or_default();
                if !by_id.is_empty() {
                    return by_id;
                }
                rows.iter()
                    .flat_map(|line| run.lookup(None, &doc.file, *line))
                    .collect()
            }));
        }
        out.push_str("</div>\n");
    }
    out.push_str("</section>\n");
    out
}

/// The verdict on each target, with the reason and the failure.
fn verdicts<'a>(runs: &[Run<'a>], find: impl Fn(&Run<'a>) -> Vec<&'a ScenarioResult>) -> String {
    if runs.is_empty() {
        return String::new();
    }
    let mut out = String::from("<ul class=\"results\">\n");
    for run in runs {
        let found = find(run);
        if found.is_empty() {
            let _ = writeln!(
                out,
                "<li data-target=\"{0}\"><span class=\"status not-run\">not run</span> {0}</li>",
                esc(run.name())
            );
            continue;
        }
        for s in found {
            let _ = write!(
                out,
                "<li data-target=\"{0}\"><span class=\"status {1}\">{2}</span> {0}",
                esc(run.name()),
                esc(&s.verdict),
                esc(&s.verdict.replace('-', " "))
            );
            if let Some(reason) = &s.reason {
                let _ = write!(out, ": {}", esc(reason));
            }
            if let Some(failure) = &s.failure {
                let _ = write!(
                    out,
                    "\n<details><summary>Failed at <code>{}</code></summary>\n<pre>{}</pre>\n</details>",
                    esc(&failure.step),
                    esc(&failure.message)
                );
            }
            out.push_str("</li>\n");
        }
    }
    out.push_str("</ul>\n");
    out
}
