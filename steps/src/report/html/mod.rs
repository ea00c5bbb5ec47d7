//! The living documentation: a static HTML site made from the feature files
//! and the `results.json` of any number of runs (one column per target).
//!
//! - `index.html`: the targets and their counts, then every area's features.
//! - `matrix.html`: the compliance matrix, areas and features against
//!   targets, with counts and pass rates.
//! - one page per feature (`users-signup.html` for `users/signup.feature`):
//!   its narrative, its source in the guide, and each scenario as
//!   documentation, anchored by its stable id (`#signup.created`), with its
//!   verdict on every target, the expected-failure reason, and for a failure
//!   the step, the diff and the (redacted, normalized) exchange.
//! - `style.css`: the one style sheet.
//!
//! Plain files: no script, no web font, no server, so the site opens from
//! disk. Nothing in it depends on the time or the order of a run, so the same
//! inputs give the same bytes.

mod feature_page;
mod markup;
mod matrix;

use std::{
    collections::HashMap,
    fs,
    path::{Path, PathBuf},
};

use cucumber::gherkin::{self, GherkinEnv};

use super::results::{self, Results, ScenarioResult};
use crate::redact::{Redactor, feature_passwords};
use crate::suite::SuiteFiles;

/// A feature file, parsed, with its raw text (for the `#` comments the
/// parser drops).
pub struct FeatureDoc {
    /// Path relative to the features folder, with `/`, e.g. `users/signup.feature`.
    pub file: String,
    /// The parsed feature.
    pub feature: gherkin::Feature,
    /// The file's lines.
    pub lines: Vec<String>,
}

impl FeatureDoc {
    /// Its area: the folder under `features/`.
    pub fn area(&self) -> &str {
        self.file.split('/').next().unwrap_or("")
    }

    /// The name of its page.
    pub fn page(&self) -> String {
        page_of(&self.file)
    }
}

/// The page of a feature file: `users/signup.feature` → `users-signup.html`.
pub fn page_of(file: &str) -> String {
    format!(
        "{}.html",
        file.trim_end_matches(".feature").replace(['/', '\\'], "-")
    )
}

/// One target's results, indexed for the pages.
pub struct Run<'a> {
    /// The whole file.
    pub results: &'a Results,
    by_id: HashMap<&'a str, Vec<&'a ScenarioResult>>,
    by_line: HashMap<(&'a str, usize), &'a ScenarioResult>,
}

impl<'a> Run<'a> {
    fn new(results: &'a Results) -> Run<'a> {
        let mut by_id: HashMap<&str, Vec<&ScenarioResult>> = HashMap::new();
        let mut by_line = HashMap::new();
        for s in &results.scenarios {
            if !s.id.is_empty() {
                by_id.entry(s.id.as_str()).or_default().push(s);
            }
            by_line.insert((s.feature.as_str(), s.line), s);
        }
        Run {
            results,
            by_id,
            by_line,
        }
    }

    /// The results of the scenario with this id, else of the scenario at
    /// this line of this file.
    pub fn lookup(&self, id: Option<&str>, file: &str, line: usize) -> Vec<&'a ScenarioResult> {
        if let Some(found) = id.and_then(|id| self.by_id.get(id)) {
            return found.clone();
        }
        self.by_line
            .get(&(file, line))
            .copied()
            .into_iter()
            .collect()
    }

    /// The results of every scenario of a feature file.
    pub fn of_feature(&self, file: &str) -> impl Iterator<Item = &'a ScenarioResult> {
        let file = file.to_owned();
        self.results
            .scenarios
            .iter()
            .filter(move |s| s.feature == file)
    }

    /// The column title: the target's name.
    pub fn name(&self) -> &str {
        &self.results.target.name
    }
}

/// Parses every feature file of the suite, sorted by path. The passwords
/// the features write are redacted (see [`crate::redact::feature_passwords`]),
/// as in every other output of a run.
pub fn load_features(suite: &SuiteFiles) -> Result<Vec<FeatureDoc>, String> {
    let redactor = Redactor::new(feature_passwords(
        suite.files.iter().map(|f| f.text.as_str()),
    ));
    let mut docs = Vec::new();
    for file in &suite.files {
        let mut feature = gherkin::Feature::parse(&file.text, GherkinEnv::default())
            .map_err(|e| format!("cannot parse {}: {e}", file.path.display()))?;
        redact_feature(&mut feature, &redactor);
        docs.push(FeatureDoc {
            file: file.name.clone(),
            feature,
            lines: file.text.lines().map(|l| redactor.text(l)).collect(),
        });
    }
    docs.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(docs)
}

/// Redacts the texts of every step of a feature (its value, docstring and
/// table) and the Examples tables of its outlines.
fn redact_feature(feature: &mut gherkin::Feature, redactor: &Redactor) {
    let table = |table: &mut gherkin::Table| {
        for cell in table.rows.iter_mut().flatten() {
            *cell = redactor.text(cell);
        }
    };
    let steps = |steps: &mut Vec<gherkin::Step>| {
        for step in steps {
            step.value = redactor.text(&step.value);
            if let Some(doc) = &mut step.docstring {
                *doc = redactor.text(doc);
            }
            if let Some(t) = &mut step.table {
                table(t);
            }
        }
    };
    let scenario = |scenario: &mut gherkin::Scenario| {
        steps(&mut scenario.steps);
        for examples in &mut scenario.examples {
            if let Some(t) = &mut examples.table {
                table(t);
            }
        }
    };
    if let Some(background) = &mut feature.background {
        steps(&mut background.steps);
    }
    feature.scenarios.iter_mut().for_each(scenario);
    for rule in &mut feature.rules {
        if let Some(background) = &mut rule.background {
            steps(&mut background.steps);
        }
        rule.scenarios.iter_mut().for_each(scenario);
    }
}

/// Every page of the site, by file name, from parsed features and runs.
pub fn render_site(features: &[FeatureDoc], runs: &[Results]) -> Vec<(String, String)> {
    let runs: Vec<Run<'_>> = runs.iter().map(Run::new).collect();
    let mut pages = vec![
        ("style.css".to_owned(), markup::STYLE.to_owned()),
        ("index.html".to_owned(), matrix::index(features, &runs)),
        ("matrix.html".to_owned(), matrix::matrix(features, &runs)),
    ];
    for doc in features {
        pages.push((doc.page(), feature_page::render(doc, &runs)));
    }
    pages
}

/// Writes the site into `out`, replacing the `.html` and `.css` files a
/// previous build left there (other files, such as a screenshot, stay).
pub fn write_site(suite: &SuiteFiles, out: &Path, runs: &[Results]) -> Result<(), String> {
    let features = load_features(suite)?;
    // A results.json from another runner (or an older one) may carry the
    // features' passwords in its failures' steps: they are redacted here too.
    let redactor = Redactor::new(feature_passwords(
        suite.files.iter().map(|f| f.text.as_str()),
    ));
    let mut runs = runs.to_vec();
    for failure in runs
        .iter_mut()
        .flat_map(|r| &mut r.scenarios)
        .filter_map(|s| s.failure.as_mut())
    {
        failure.step = redactor.text(&failure.step);
        failure.message = redactor.text(&failure.message);
    }
    let runs = runs.as_slice();
    fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    if let Ok(entries) = fs::read_dir(out) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_file() && path.extension().is_some_and(|e| e == "html" || e == "css") {
                let _ = fs::remove_file(&path);
            }
        }
    }
    for (name, text) in render_site(&features, runs) {
        let path = out.join(&name);
        fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// Writes the site of one run, beside its other reports.
pub fn write_run_site(suite: &SuiteFiles, out: &Path, results: &Results) -> Result<(), String> {
    write_site(suite, out, std::slice::from_ref(results))
}

/// Builds the site from `results.json` files (one column each, in the order
/// given) without running anything: `--html-out DIR --results FILE…`.
pub fn build_from_files(suite: &SuiteFiles, out: &Path, files: &[PathBuf]) -> Result<(), String> {
    let mut runs = Vec::new();
    for file in files {
        let text =
            fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        runs.push(results::parse(&text).map_err(|e| format!("{}: {e}", file.display()))?);
    }
    write_site(suite, out, &runs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::results::{FailureInfo, Suite, TargetInfo, VerdictCounts};

    const FEATURE: &str = r#"@users @signup
Feature: Signing <up>
  The rules, with `code`.

  Source: Parse REST API guide, Users, "Signing Up".

  Background:
    Given the client uses the application id and the REST API key

  # What Parse Server does <instead>.
  @id.signup.created
  Scenario: Signing up answers 201
    When the client sends POST /users with body:
      """
      {"username": "{{cooldude6}}"}
      """
    Then the response status is 201

  Scenario Outline: A comparison: <op>
    Then the response status is <status>

    @id.signup.less-than
    Examples: less than
      | op  | status |
      | $lt | 200    |
"#;

    fn doc() -> FeatureDoc {
        FeatureDoc {
            file: "users/signup.feature".into(),
            feature: gherkin::Feature::parse(FEATURE, GherkinEnv::default()).expect("parses"),
            lines: FEATURE.lines().map(str::to_owned).collect(),
        }
    }

    fn results() -> Results {
        let scenario = |id: &str, line: usize, verdict: &str| ScenarioResult {
            id: id.into(),
            feature: "users/signup.feature".into(),
            line,
            name: "n".into(),
            tags: vec![],
            verdict: verdict.into(),
            reason: (verdict != "passed").then(|| "a <reason>".to_owned()),
            failure: (verdict != "passed").then(|| FailureInfo {
                step: "Then the response status is 201".into(),
                message: "expected 201, got 400 <script>".into(),
            }),
        };
        Results {
            suite: Suite {
                name: "parse-conformance".into(),
                version: "0.0.0".into(),
            },
            target: TargetInfo {
                name: "t<1>".into(),
                server_version: None,
            },
            counts: VerdictCounts::default(),
            scenarios: vec![
                scenario("signup.created", 13, "expected-failure"),
                scenario("signup.less-than", 26, "passed"),
            ],
            errors: vec![],
        }
    }

    #[test]
    fn a_feature_page_anchors_each_id_and_escapes_everything() {
        let pages = render_site(&[doc()], &[results()]);
        let names: Vec<_> = pages.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "style.css",
                "index.html",
                "matrix.html",
                "users-signup.html"
            ]
        );
        let page = &pages[3].1;
        for expected in [
            "<h1 id=\"feature\">Signing &lt;up&gt;</h1>",
            "<p>The rules, with <code>code</code>.</p>",
            "<p class=\"source\"><strong>Source:</strong> Parse REST API guide, Users, &quot;Signing Up&quot;.</p>",
            "<section class=\"scenario\" id=\"signup.created\">",
            "<p class=\"comment\">What Parse Server does &lt;instead&gt;.</p>",
            "<pre>{&quot;username&quot;: &quot;{{cooldude6}}&quot;}</pre>",
            "<div class=\"examples\" id=\"signup.less-than\">",
            "<span class=\"status expected-failure\">expected failure</span> t&lt;1&gt;: a &lt;reason&gt;",
            "<pre>expected 201, got 400 &lt;script&gt;</pre>",
            "<span class=\"status passed\">passed</span> t&lt;1&gt;</li>",
        ] {
            assert!(page.contains(expected), "no {expected} in\n{page}");
        }
        assert!(!page.contains("<script>"));
    }

    #[test]
    fn the_matrix_has_a_row_per_feature_and_a_column_per_target() {
        let runs = [results(), results()];
        let pages = render_site(&[doc()], &runs);
        let matrix = &pages[2].1;
        assert_eq!(matrix.matches("<tr class=\"feature\"").count(), 1);
        assert_eq!(matrix.matches("<th class=\"target\"").count(), 2);
        assert!(matrix.contains("data-passed=\"1\" data-total=\"2\""));
        assert!(matrix.contains("<strong>50.0%</strong>"));
        // The same inputs give the same bytes.
        assert_eq!(render_site(&[doc()], &runs), pages);
    }
}
