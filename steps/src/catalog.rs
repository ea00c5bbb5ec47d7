//! The suite as a catalog: `--list` (every scenario's id, name, tags and
//! capabilities) and `--explain ID` (one scenario as documentation). Neither
//! contacts a target.
//!
//! A scenario outline whose `Examples` blocks carry their own ids is one
//! entry per block, as the runner reports it.

use std::fmt::Write as _;

use cucumber::{
    gherkin::{self, tagexpr::TagOperation},
    tag::Ext as _,
};
use serde::Serialize;

use crate::{
    capabilities::capability,
    report::outcomes::id_tag,
    suite::{SuiteFile, SuiteFiles},
};

/// One scenario of the catalog.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Entry {
    /// Its stable id (its `@id.…` tag without `id.`), or `FILE:LINE` for a
    /// scenario without one.
    pub id: String,
    /// Its feature file, inside the features folder: `users/signup.feature`.
    pub feature: String,
    /// The line of its `Scenario:` (or of its `Examples:` block).
    pub line: usize,
    /// Its name.
    pub name: String,
    /// Every tag it carries, its feature's and rule's included, without `@`
    /// and without its id tag.
    pub tags: Vec<String>,
    /// The capabilities among its tags.
    pub capabilities: Vec<String>,
    #[serde(skip)]
    place: Place,
}

/// Where an entry is in its file's parse.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Place {
    file: usize,
    rule: Option<usize>,
    scenario: usize,
    examples: Option<usize>,
}

/// The parsed features and their entries, in file and line order.
#[derive(Debug)]
pub struct Catalog {
    files: Vec<SuiteFile>,
    features: Vec<gherkin::Feature>,
    /// Every scenario.
    pub entries: Vec<Entry>,
}

impl Catalog {
    /// Parses every feature of `files`; a file that does not parse is an
    /// error naming it.
    pub fn new(files: &SuiteFiles) -> Result<Catalog, String> {
        let mut features = Vec::new();
        for parsed in files.parse_features() {
            features.push(parsed?);
        }
        let mut entries = Vec::new();
        for (index, (file, feature)) in files.files.iter().zip(&features).enumerate() {
            let rules = feature
                .rules
                .iter()
                .enumerate()
                .map(|(i, r)| (Some(i), r.tags.as_slice(), &r.scenarios));
            let top = std::iter::once((None, &[][..], &feature.scenarios));
            for (rule, rule_tags, scenarios) in top.chain(rules) {
                for (s, scenario) in scenarios.iter().enumerate() {
                    let blocks: Vec<Option<usize>> = if scenario.examples.is_empty() {
                        vec![None]
                    } else {
                        (0..scenario.examples.len()).map(Some).collect()
                    };
                    for examples in blocks {
                        let block = examples.map(|e| &scenario.examples[e]);
                        let own: Vec<String> = scenario
                            .tags
                            .iter()
                            .chain(block.iter().flat_map(|b| &b.tags))
                            .cloned()
                            .collect();
                        let line = block.map_or(scenario.position.line, |b| b.position.line);
                        let all: Vec<String> = feature
                            .tags
                            .iter()
                            .chain(rule_tags)
                            .chain(&own)
                            .filter(|t| !t.starts_with("id."))
                            .cloned()
                            .collect();
                        let capabilities = all
                            .iter()
                            .filter(|t| capability(t).is_some())
                            .cloned()
                            .collect();
                        entries.push(Entry {
                            id: id_tag(&own)
                                .map_or_else(|| format!("{}:{line}", file.name), str::to_owned),
                            feature: file.name.clone(),
                            line,
                            name: expanded_name(&scenario.name, block),
                            tags: all,
                            capabilities,
                            place: Place {
                                file: index,
                                rule,
                                scenario: s,
                                examples,
                            },
                        });
                    }
                }
            }
        }
        entries.sort_by(|a, b| (&a.feature, a.line).cmp(&(&b.feature, b.line)));
        Ok(Catalog {
            files: files.files.clone(),
            features,
            entries,
        })
    }

    /// The entries a tag expression selects (all of them without one); the
    /// id tag counts, as in a run.
    pub fn select(&self, tags: Option<&TagOperation>) -> Vec<&Entry> {
        self.entries
            .iter()
            .filter(|entry| {
                tags.is_none_or(|expr| {
                    let id = format!("id.{}", entry.id);
                    expr.eval(entry.tags.iter().chain(std::iter::once(&id)))
                })
            })
            .collect()
    }

    /// The entry with this id (`signup.created`, `id.signup.created` or
    /// `@id.signup.created`), else an error naming the closest ids.
    pub fn find(&self, id: &str) -> Result<&Entry, String> {
        let wanted = id.trim_start_matches('@');
        let wanted = wanted.strip_prefix("id.").unwrap_or(wanted);
        if let Some(entry) = self.entries.iter().find(|e| e.id == wanted) {
            return Ok(entry);
        }
        let close = self.closest(wanted);
        let mut message = format!("no scenario has the id {wanted:?}");
        if close.is_empty() {
            message.push_str(" (--list prints every id)");
        } else {
            let _ = write!(message, "; close ids: {}", close.join(", "));
        }
        Err(message)
    }

    /// Up to five ids like `wanted`: those that contain it, then the most
    /// similar ones.
    fn closest(&self, wanted: &str) -> Vec<String> {
        let mut scored: Vec<(f64, &str)> = self
            .entries
            .iter()
            .map(|e| {
                let similarity = if e.id.contains(wanted) || wanted.contains(e.id.as_str()) {
                    1.0
                } else {
                    strsim::jaro_winkler(wanted, &e.id)
                };
                (similarity, e.id.as_str())
            })
            .filter(|(similarity, _)| *similarity >= 0.8)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        scored
            .into_iter()
            .take(5)
            .map(|(_, id)| id.to_owned())
            .collect()
    }

    /// The entry as documentation: where it is, its feature's name and
    /// narrative (with its `Source:`), its tags and capabilities, the
    /// background, the `#` comments about it, and its steps with their
    /// docstrings and tables.
    pub fn explain(&self, entry: &Entry) -> String {
        let place = entry.place;
        let feature = &self.features[place.file];
        let text = &self.files[place.file].text;
        let rule = place.rule.map(|r| &feature.rules[r]);
        let scenarios = rule.map_or(&feature.scenarios, |r| &r.scenarios);
        let scenario = &scenarios[place.scenario];
        let block = place.examples.map(|e| &scenario.examples[e]);

        let mut out = String::new();
        let _ = writeln!(out, "{} ({}:{})", entry.id, entry.feature, entry.line);
        let _ = writeln!(out, "Tags: {}", tag_list(&entry.tags));
        let _ = writeln!(out, "Capabilities: {}", or_none(&entry.capabilities));
        out.push('\n');
        let _ = writeln!(out, "{}: {}", feature.keyword, feature.name);
        push_narrative(&mut out, text, feature.position.line, "  ");
        if let Some(background) = &feature.background {
            out.push('\n');
            let _ = writeln!(out, "  {}:", background.keyword);
            push_steps(&mut out, &background.steps, "    ");
        }
        let indent = if let Some(rule) = rule {
            out.push('\n');
            let _ = writeln!(out, "  {}: {}", rule.keyword, rule.name);
            push_narrative(&mut out, text, rule.position.line, "    ");
            if let Some(background) = &rule.background {
                out.push('\n');
                let _ = writeln!(out, "    {}:", background.keyword);
                push_steps(&mut out, &background.steps, "      ");
            }
            "    "
        } else {
            "  "
        };
        out.push('\n');
        let scenario_end = scenario
            .examples
            .first()
            .map_or(scenario.span.end, |e| e.span.start);
        let mut comments = comments_before(text, scenario.position.line);
        comments.extend(comments_within(text, scenario.span.start, scenario_end));
        if let Some(block) = block {
            comments.extend(comments_before(text, block.position.line));
        }
        for comment in &comments {
            let _ = writeln!(out, "{indent}{comment}");
        }
        if !scenario.tags.is_empty() {
            let _ = writeln!(out, "{indent}{}", tag_list(&scenario.tags));
        }
        let _ = writeln!(out, "{indent}{}: {}", scenario.keyword, scenario.name);
        push_description(
            &mut out,
            scenario.description.as_deref(),
            &format!("{indent}  "),
        );
        push_steps(&mut out, &scenario.steps, &format!("{indent}  "));
        if let Some(block) = block {
            out.push('\n');
            let inner = format!("{indent}  ");
            if !block.tags.is_empty() {
                let _ = writeln!(out, "{inner}{}", tag_list(&block.tags));
            }
            match &block.name {
                Some(name) if !name.is_empty() => {
                    let _ = writeln!(out, "{inner}{}: {name}", block.keyword);
                }
                _ => {
                    let _ = writeln!(out, "{inner}{}:", block.keyword);
                }
            }
            if let Some(table) = &block.table {
                push_table(&mut out, &table.rows, &format!("{inner}  "));
            }
        }
        out
    }
}

/// Prints entries one a line: id, name, tags, capabilities, separated by
/// tabs (`-` for none).
pub fn list_lines(entries: &[&Entry]) -> String {
    let mut out = String::new();
    for entry in entries {
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}",
            entry.id,
            entry.name,
            tag_list(&entry.tags),
            if entry.capabilities.is_empty() {
                "-".to_owned()
            } else {
                entry.capabilities.join(",")
            }
        );
    }
    out
}

/// The entries as a JSON array.
pub fn list_json(entries: &[&Entry]) -> String {
    serde_json::to_string_pretty(entries).unwrap_or_else(|e| format!("\"{e}\""))
}

/// The scenario's name as a run reports it: with an `Examples` block of one
/// row, its `<placeholders>` filled in from the row.
fn expanded_name(name: &str, block: Option<&gherkin::Examples>) -> String {
    let rows = block
        .and_then(|b| b.table.as_ref())
        .map(|t| t.rows.as_slice());
    let Some([header, row]) = rows else {
        return name.to_owned();
    };
    header
        .iter()
        .zip(row)
        .fold(name.to_owned(), |name, (key, value)| {
            name.replace(&format!("<{key}>"), value)
        })
}

fn tag_list(tags: &[String]) -> String {
    tags.iter()
        .map(|t| format!("@{t}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    }
}

fn push_description(out: &mut String, description: Option<&str>, indent: &str) {
    let Some(description) = description.map(str::trim).filter(|d| !d.is_empty()) else {
        return;
    };
    for line in description.lines() {
        let line = line.trim();
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{indent}{line}");
        }
    }
}

/// The free text under the `Feature:` or `Rule:` keyword at `line`
/// (1-based), paragraphs kept: what gherkin keeps of it loses the blank
/// lines.
fn push_narrative(out: &mut String, text: &str, line: usize, indent: &str) {
    const NEXT: &[&str] = &["Background:", "Rule:", "Scenario", "Example", "@", "#"];
    let lines: Vec<&str> = text
        .lines()
        .skip(line)
        .map(str::trim)
        .take_while(|l| !NEXT.iter().any(|next| l.starts_with(next)))
        .collect();
    let start = lines.iter().position(|l| !l.is_empty());
    let end = lines.iter().rposition(|l| !l.is_empty());
    let (Some(start), Some(end)) = (start, end) else {
        return;
    };
    for line in &lines[start..=end] {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{indent}{line}");
        }
    }
}

fn push_steps(out: &mut String, steps: &[gherkin::Step], indent: &str) {
    for step in steps {
        let _ = writeln!(out, "{indent}{} {}", step.keyword.trim(), step.value);
        if let Some(docstring) = &step.docstring {
            let _ = writeln!(out, "{indent}  \"\"\"");
            for line in docstring.trim_matches('\n').lines() {
                if line.is_empty() {
                    out.push('\n');
                } else {
                    let _ = writeln!(out, "{indent}  {line}");
                }
            }
            let _ = writeln!(out, "{indent}  \"\"\"");
        }
        if let Some(table) = &step.table {
            push_table(out, &table.rows, &format!("{indent}  "));
        }
    }
}

fn push_table(out: &mut String, rows: &[Vec<String>], indent: &str) {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!(" {cell:<width$} "))
            .collect();
        let _ = writeln!(out, "{indent}|{}|", cells.join("|"));
    }
}

/// The `#` lines of the block of tags and comments right above line `line`
/// (1-based), in file order.
fn comments_before(text: &str, line: usize) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut comments = Vec::new();
    let mut at = line.saturating_sub(1);
    while at > 0 {
        let previous = lines.get(at - 1).map_or("", |l| l.trim());
        if previous.starts_with('#') {
            comments.push(previous.to_owned());
        } else if !previous.starts_with('@') {
            break;
        }
        at -= 1;
    }
    comments.reverse();
    comments
}

/// The `#` lines between byte offsets `start` and `end` of `text`, but for
/// those that end it: gherkin's span of a scenario runs on to the next one,
/// so the comments above the next scenario are in it.
fn comments_within(text: &str, start: usize, end: usize) -> Vec<String> {
    let lines: Vec<&str> = text
        .get(start..end.min(text.len()))
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .collect();
    let body = lines
        .iter()
        .rposition(|l| !(l.is_empty() || l.starts_with('#') || l.starts_with('@')))
        .map_or(&lines[..0], |last| &lines[..=last]);
    body.iter()
        .filter(|l| l.starts_with('#'))
        .map(|l| (*l).to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::suite::{Kind, Origin};

    const FEATURE: &str = r#"@users @signup
Feature: Signing up
  Sign-ups need a username and a password.

  Source: Parse REST API guide, Users, "Signing Up".

  Background:
    Given the client uses the application id and the REST API key

  # GHSA-xxxx-yyyy-zzzz: a note about Parse Server.
  @id.signup.created @email
  Scenario: Signing up answers 201 Created
    When the client sends POST /users with body:
      """
      {"username": "{{cooldude6}}"}
      """
    Then the response status is 201

  # About the outline only.
  Scenario Outline: Querying with <op>
    # Inside the outline.
    Given the users:
      | name  | age |
      | alice | 10  |
    Then the results are "<users>"

    @id.query.lt
    Examples: less than
      | op  | users |
      | $lt | alice |

    # Only the second block.
    @id.query.gt
    Examples: greater than
      | op  | users |
      | $gt | bob   |
"#;

    fn catalog() -> Catalog {
        let files = SuiteFiles {
            kind: Kind::Features,
            origin: Origin::Embedded,
            files: vec![SuiteFile {
                name: "users/signup.feature".into(),
                path: PathBuf::from("features/users/signup.feature"),
                text: FEATURE.into(),
            }],
        };
        Catalog::new(&files).unwrap()
    }

    #[test]
    fn list_prints_one_line_per_scenario_and_examples_block() {
        let catalog = catalog();
        let listed = list_lines(&catalog.select(None));
        assert_eq!(
            listed,
            "signup.created\tSigning up answers 201 Created\t@users @signup @email\temail\n\
             query.lt\tQuerying with $lt\t@users @signup\t-\n\
             query.gt\tQuerying with $gt\t@users @signup\t-\n"
        );
    }

    #[test]
    fn list_follows_a_tag_expression_and_knows_ids() {
        let catalog = catalog();
        let expr: TagOperation = "@id.query.gt or @email".parse().unwrap();
        let ids: Vec<&str> = catalog
            .select(Some(&expr))
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(ids, ["signup.created", "query.gt"]);
    }

    #[test]
    fn list_json_names_feature_line_tags_and_capabilities() {
        let catalog = catalog();
        let json: serde_json::Value =
            serde_json::from_str(&list_json(&catalog.select(None))).unwrap();
        assert_eq!(
            json[0],
            serde_json::json!({"id": "signup.created", "feature": "users/signup.feature", "line": 12,
                "name": "Signing up answers 201 Created", "tags": ["users", "signup", "email"],
                "capabilities": ["email"]})
        );
    }

    #[test]
    fn explain_prints_the_scenario_as_documentation() {
        let catalog = catalog();
        let entry = catalog.find("@id.signup.created").unwrap();
        assert_eq!(
            catalog.explain(entry),
            r#"signup.created (users/signup.feature:12)
Tags: @users @signup @email
Capabilities: email

Feature: Signing up
  Sign-ups need a username and a password.

  Source: Parse REST API guide, Users, "Signing Up".

  Background:
    Given the client uses the application id and the REST API key

  # GHSA-xxxx-yyyy-zzzz: a note about Parse Server.
  @id.signup.created @email
  Scenario: Signing up answers 201 Created
    When the client sends POST /users with body:
      """
      {"username": "{{cooldude6}}"}
      """
    Then the response status is 201
"#
        );
    }

    #[test]
    fn explain_prints_an_outline_with_only_the_examples_block_of_the_id() {
        let catalog = catalog();
        let entry = catalog.find("query.gt").unwrap();
        let text = catalog.explain(entry);
        assert!(
            text.starts_with("query.gt (users/signup.feature:34)\n"),
            "{text}"
        );
        assert!(
            text.ends_with(
                r#"  # About the outline only.
  # Inside the outline.
  # Only the second block.
  Scenario Outline: Querying with <op>
    Given the users:
      | name  | age |
      | alice | 10  |
    Then the results are "<users>"

    @id.query.gt
    Examples: greater than
      | op  | users |
      | $gt | bob   |
"#
            ),
            "{text}"
        );
        assert!(!text.contains("$lt"), "{text}");
    }

    #[test]
    fn an_unknown_id_names_the_close_ones() {
        let catalog = catalog();
        let error = catalog.find("signup.create").unwrap_err();
        assert_eq!(
            error,
            "no scenario has the id \"signup.create\"; close ids: signup.created"
        );
        let error = catalog.find("nothing-like-it").unwrap_err();
        assert!(error.contains("--list"), "{error}");
    }

    #[test]
    fn every_scenario_of_the_suite_is_listed_once() {
        let catalog = Catalog::new(&SuiteFiles::embedded(Kind::Features)).unwrap();
        let mut ids: Vec<&str> = catalog.entries.iter().map(|e| e.id.as_str()).collect();
        let count = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), count, "duplicate ids");
        assert!(count > 600, "{count}");
        let entry = catalog.find("signup.created").unwrap();
        let text = catalog.explain(entry);
        assert!(text.contains("Source: Parse REST API guide"), "{text}");
    }
}
