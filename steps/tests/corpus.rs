//! Lints the feature corpus itself, with the parser the runner uses.
//!
//! Expected-failure lists and reports name scenarios by their stable id, so
//! every scenario must have exactly one `@id.…` tag, unique in the corpus.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a test: a panic is the failure report

use std::{collections::HashMap, fs, path::PathBuf};

use cucumber::gherkin::{Feature, GherkinEnv, Scenario};

/// Area tags: every feature carries one.
const AREAS: &[&str] = &[
    "users", "sessions", "objects", "queries", "acl", "rest", "security", "schemas", "roles",
    "config", "files", "geo",
];

fn features_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../features")
}

fn feature_files(dir: &PathBuf, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("features/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            feature_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "feature") {
            out.push(path);
        }
    }
}

fn corpus() -> Vec<Feature> {
    let mut files = Vec::new();
    feature_files(&features_dir(), &mut files);
    files.sort();
    assert!(!files.is_empty(), "no feature files found");
    files
        .iter()
        .map(|f| {
            Feature::parse_path(f, GherkinEnv::default())
                .unwrap_or_else(|e| panic!("{}: {e}", f.display()))
        })
        .collect()
}

fn scenarios(feature: &Feature) -> impl Iterator<Item = &Scenario> {
    feature
        .scenarios
        .iter()
        .chain(feature.rules.iter().flat_map(|r| r.scenarios.iter()))
}

/// Every scenario as the runner expands it: a plain scenario once, an
/// outline once per `Examples` block, with the block's tags added, and the
/// number of rows that block expands to.
fn expanded(scenario: &Scenario) -> Vec<(Vec<String>, usize)> {
    if scenario.examples.is_empty() {
        return vec![(scenario.tags.clone(), 1)];
    }
    scenario
        .examples
        .iter()
        .map(|examples| {
            let tags = scenario
                .tags
                .iter()
                .chain(&examples.tags)
                .cloned()
                .collect();
            let rows = examples
                .table
                .as_ref()
                .map_or(0, |t| t.rows.len().saturating_sub(1));
            (tags, rows)
        })
        .collect()
}

#[test]
fn every_scenario_has_exactly_one_unique_id() {
    let mut seen: HashMap<String, String> = HashMap::new();
    for feature in corpus() {
        for scenario in scenarios(&feature) {
            for (tags, rows) in expanded(scenario) {
                let place = format!(
                    "{:?} line {}",
                    feature.path.as_ref().map(|p| p.display().to_string()),
                    scenario.position.line
                );
                let ids: Vec<&String> = tags.iter().filter(|t| t.starts_with("id.")).collect();
                assert_eq!(
                    ids.len(),
                    1,
                    "{place}: scenario {:?} needs exactly one @id.… tag (an outline: one per Examples block)",
                    scenario.name
                );
                assert_eq!(
                    rows, 1,
                    "{place}: an Examples block with an id must have exactly one row"
                );
                let id = ids[0].clone();
                assert!(
                    id.chars().all(|c| c.is_ascii_lowercase()
                        || c.is_ascii_digit()
                        || c == '.'
                        || c == '-'),
                    "{place}: id {id} may only use a-z, 0-9, '.' and '-'"
                );
                if let Some(other) = seen.insert(id.clone(), place.clone()) {
                    panic!("{place}: id {id} is already used at {other}");
                }
            }
        }
    }
}

#[test]
fn every_feature_has_one_area_tag_and_a_description() {
    for feature in corpus() {
        let areas: Vec<&String> = feature
            .tags
            .iter()
            .filter(|t| AREAS.contains(&t.as_str()))
            .collect();
        assert_eq!(
            areas.len(),
            1,
            "feature {:?} needs exactly one area tag of {AREAS:?}",
            feature.name
        );
        assert!(
            feature
                .description
                .as_deref()
                .is_some_and(|d| d.contains("Source:")),
            "feature {:?} needs a description that names its source",
            feature.name
        );
    }
}

#[test]
fn scenario_names_state_the_rule() {
    for feature in corpus() {
        let mut names = HashMap::new();
        for scenario in scenarios(&feature) {
            let name = scenario.name.to_lowercase();
            assert!(
                !name.contains("should") && !name.starts_with("test"),
                "{:?}: say what happens, not what should",
                scenario.name
            );
            assert!(
                scenario.name.len() <= 100,
                "{:?}: keep scenario names under 100 characters",
                scenario.name
            );
            assert!(
                names.insert(name, ()).is_none(),
                "{:?} appears twice in {:?}",
                scenario.name,
                feature.name
            );
        }
    }
}
