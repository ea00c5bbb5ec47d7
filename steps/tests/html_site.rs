//! The living documentation renders in a real browser: headless Chromium
//! loads the site built from the feature files and the committed results
//! (`reports/targets/*/results.json`) from disk, and the test checks that the
//! style sheet applies (no server, no CDN), that the compliance matrix has a
//! row per feature file and a column per target, and that every feature page
//! has an anchor per scenario id. It saves a screenshot of the matrix beside
//! the site; with `PARSE_CONFORMANCE_SCREENSHOT=FILE` it also writes it to
//! FILE (the README's `reports/matrix.png`).
//!
//! Skipped, with the reason printed, where no browser is installed.

#![allow(clippy::expect_used)] // a test: a panic is the failure report

use std::{
    collections::BTreeSet,
    path::{Path, PathBuf},
    time::Duration,
};

use parse_conformance::{
    browser::{Installation, chromedriver::Chromedriver, webdriver::Session},
    report::html,
    suite::{Kind, SuiteFiles},
};
use serde_json::Value;

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The committed results, the reference server first as in `reports/site.sh`.
fn committed_results() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repository().join("reports/targets"))
        .expect("reports/targets")
        .flatten()
        .map(|e| e.path().join("results.json"))
        .filter(|p| p.is_file())
        .collect();
    files.sort_by_key(|p| {
        (
            !p.to_string_lossy().contains("parse-mock-server"),
            p.clone(),
        )
    });
    files
}

/// The stable ids of a feature file's scenarios and examples blocks.
fn ids_of(doc: &html::FeatureDoc) -> BTreeSet<String> {
    let id = |tags: &[String]| {
        tags.iter()
            .find_map(|t| t.strip_prefix("id.").map(str::to_owned))
    };
    let mut ids = BTreeSet::new();
    for scenario in &doc.feature.scenarios {
        ids.extend(id(&scenario.tags));
        for examples in &scenario.examples {
            ids.extend(id(&examples.tags));
        }
    }
    ids
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .expect("an array")
        .iter()
        .map(|v| v.as_str().expect("a string").to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_site_renders_with_a_matrix_row_per_feature_and_an_anchor_per_scenario() {
    let installation = match Installation::from_env() {
        Ok(installation) => installation,
        Err(reason) => {
            println!("skipped: {reason}");
            return;
        }
    };
    let features_dir = repository().join("features");
    let suite = SuiteFiles::from_dir(&features_dir, Kind::Features).expect("the feature files");
    let results = committed_results();
    assert!(
        !results.is_empty(),
        "no committed results.json under reports/targets"
    );
    let site = Path::new(env!("CARGO_TARGET_TMPDIR")).join("html-site");
    html::build_from_files(&suite, &site, &results).expect("the site is built");
    let features = html::load_features(&suite).expect("the features");
    let targets: Vec<String> = results
        .iter()
        .map(|file| {
            let text = std::fs::read_to_string(file).expect("results.json");
            parse_conformance::report::results::parse(&text)
                .expect("results.json parses")
                .target
                .name
        })
        .collect();

    let mut driver = Chromedriver::start(&installation.chromedriver)
        .await
        .expect("chromedriver");
    let session = Session::new(
        &driver.url(),
        &installation.chromium,
        Duration::from_secs(30),
    )
    .await
    .expect("headless Chromium");
    let url = |page: &str| {
        let path = site.join(page).canonicalize().expect("a page of the site");
        format!("file://{}", path.display())
    };
    let outcome = async {
        session.set_window_size(1280, 1400).await?;
        session.navigate(&url("matrix.html")).await?;
        let found = session
            .execute(
                "return {
                   rows: [...document.querySelectorAll('#matrix tr.feature')].map(r => r.dataset.feature),
                   columns: [...document.querySelectorAll('#matrix thead th.target')].map(t => t.dataset.target),
                   cells: document.querySelectorAll('#matrix tr.feature td.cell').length,
                   nav: getComputedStyle(document.querySelector('nav')).backgroundColor,
                 };",
                vec![],
            )
            .await?;
        let rows = strings(&found["rows"]);
        let expected_rows: Vec<String> = features.iter().map(|f| f.file.clone()).collect();
        assert_eq!(rows, expected_rows, "the matrix has not one row per feature file");
        assert_eq!(strings(&found["columns"]), targets, "the matrix has not one column per target");
        assert_eq!(
            found["cells"].as_u64(),
            Some((rows.len() * targets.len()) as u64),
            "the matrix has not one cell per feature and target"
        );
        assert_eq!(found["nav"], "rgb(22, 50, 92)", "style.css did not apply");
        let png = session.screenshot().await?;
        assert!(png.starts_with(b"\x89PNG"), "the screenshot is not a PNG");
        std::fs::write(site.join("matrix.png"), &png).map_err(|e| e.to_string())?;
        if let Some(file) = std::env::var_os("PARSE_CONFORMANCE_SCREENSHOT") {
            std::fs::write(&file, &png).map_err(|e| e.to_string())?;
            println!("wrote the matrix's screenshot to {}", PathBuf::from(file).display());
        }

        let mut anchors = 0;
        for doc in &features {
            session.navigate(&url(&doc.page())).await?;
            let found = session
                .execute(
                    "return [...document.querySelectorAll('section.scenario[id], div.examples[id]')].map(e => e.id);",
                    vec![],
                )
                .await?;
            let on_page: BTreeSet<String> = strings(&found).into_iter().collect();
            let expected = ids_of(doc);
            let missing: Vec<_> = expected.difference(&on_page).collect();
            assert!(missing.is_empty(), "{}: no anchor for {missing:?}", doc.page());
            anchors += expected.len();
        }
        println!(
            "the matrix has {} rows and {} columns; {anchors} scenario anchors on {} feature pages",
            rows.len(),
            targets.len(),
            features.len()
        );
        Ok::<(), String>(())
    }
    .await;
    session.delete().await;
    driver.stop().await;
    outcome.expect("the browser check ran");
}
