//! The suite's own files: the feature files and the JSON Schemas, read from
//! a folder or from the copy built into the runner.
//!
//! The `parse-conformance` binary carries every file of `features/` and
//! `schemas/` (bundled by `steps/build.rs`), so an installed runner needs no
//! checkout. Which copy a run uses:
//! - `--features DIR` / `--schemas DIR`: that folder;
//! - else, when the runner was started by cargo from the checkout it was
//!   built in (`cargo run`, `cargo test`): the checkout's folders, so that
//!   an edited feature file counts at once;
//! - else (an installed binary, or `target/…/parse-conformance` run
//!   directly): the built-in copy.
//!
//! Features are parsed from memory ([`SuiteParser`]): nothing is extracted
//! to disk, and a built-in feature is named `features/users/signup.feature`
//! in messages and reports.

use std::{
    fmt, fs,
    path::{Path, PathBuf},
    sync::Arc,
};

use cucumber::{
    cli, feature::Ext as _, gherkin, gherkin::GherkinEnv, parser, parser::Parser as CucumberParser,
};
use futures::stream;

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/suite_files.rs"));
}

/// The version of the suite, as every report names it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// `parse-conformance 0.2.0`: the suite and its version, as reports name it.
pub fn name_and_version() -> String {
    format!("parse-conformance {VERSION}")
}

/// The JUnit XML of a run with the suite's name and version on its root:
/// `<testsuites name="parse-conformance 0.2.0">` (cucumber writes a bare
/// `<testsuites>`).
pub fn stamp_junit(xml: &str) -> String {
    let name = format!("<testsuites name=\"{}\"", name_and_version());
    match xml.find("<testsuites") {
        Some(at) if !xml[at..].starts_with("<testsuites name=") => {
            format!("{}{name}{}", &xml[..at], &xml[at + "<testsuites".len()..])
        }
        _ => xml.to_owned(),
    }
}

/// One of the suite's folders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `features/`: the `.feature` files.
    Features,
    /// `schemas/`: the JSON Schemas of response bodies.
    Schemas,
}

impl Kind {
    /// The folder's name in a checkout.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Features => "features",
            Kind::Schemas => "schemas",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Kind::Features => "feature",
            Kind::Schemas => "json",
        }
    }

    fn bundled(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Kind::Features => bundled::FEATURES,
            Kind::Schemas => bundled::SCHEMAS,
        }
    }
}

/// One file of the suite.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SuiteFile {
    /// Its path inside its folder, with `/`: `users/signup.feature`.
    pub name: String,
    /// The path messages and reports show: the file on disk, or
    /// `features/users/signup.feature` for a built-in one.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

/// Where a set of files comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A folder on disk.
    Dir(PathBuf),
    /// The copy built into the runner.
    Embedded,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Dir(dir) => write!(f, "{}", dir.display()),
            Origin::Embedded => write!(f, "the runner's built-in copy"),
        }
    }
}

/// The files of one of the suite's folders, sorted by name.
#[derive(Clone, Debug)]
pub struct SuiteFiles {
    /// Which folder.
    pub kind: Kind,
    /// Where they come from.
    pub origin: Origin,
    /// The files.
    pub files: Vec<SuiteFile>,
}

impl SuiteFiles {
    /// The files of `kind` a run uses: from `given`, else the checkout's
    /// when cargo started the runner from its checkout, else the built-in
    /// copy (see the module's documentation).
    pub fn resolve(given: Option<&Path>, kind: Kind) -> Result<SuiteFiles, String> {
        match given {
            Some(dir) => SuiteFiles::from_dir(dir, kind),
            None => match checkout_dir(kind) {
                Some(dir) => SuiteFiles::from_dir(&dir, kind),
                None => Ok(SuiteFiles::embedded(kind)),
            },
        }
    }

    /// The copy built into the runner.
    pub fn embedded(kind: Kind) -> SuiteFiles {
        let files = kind
            .bundled()
            .iter()
            .map(|(name, text)| SuiteFile {
                name: (*name).to_owned(),
                path: Path::new(kind.folder()).join(name),
                text: (*text).to_owned(),
            })
            .collect();
        SuiteFiles {
            kind,
            origin: Origin::Embedded,
            files,
        }
    }

    /// Every file of `kind` in `dir` and its subfolders. A feature file is
    /// named by its canonical path, as cucumber names files it reads.
    pub fn from_dir(dir: &Path, kind: Kind) -> Result<SuiteFiles, String> {
        let root = dir.canonicalize().map_err(|e| {
            format!(
                "cannot read the {} in {}: {e}",
                kind.folder(),
                dir.display()
            )
        })?;
        let mut paths = Vec::new();
        collect(&root, kind.extension(), &mut paths).map_err(|e| {
            format!(
                "cannot read the {} in {}: {e}",
                kind.folder(),
                dir.display()
            )
        })?;
        let mut files = Vec::new();
        for path in paths {
            let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let name = path
                .strip_prefix(&root)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            files.push(SuiteFile { name, path, text });
        }
        files.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(SuiteFiles {
            kind,
            origin: Origin::Dir(dir.to_path_buf()),
            files,
        })
    }

    /// Every feature parsed, examples not expanded, in file order; a file
    /// that does not parse is an error naming it and the place.
    pub fn parse_features(&self) -> Vec<Result<gherkin::Feature, String>> {
        self.files
            .iter()
            .map(|file| parse(file).map_err(|e| describe(&e)))
            .collect()
    }
}

/// The checkout's folder of `kind`, when cargo started this runner from the
/// checkout it was built in (cargo sets `CARGO_MANIFEST_DIR` for `cargo run`
/// and `cargo test`) and the folder is there.
fn checkout_dir(kind: Kind) -> Option<PathBuf> {
    let built_in = env!("CARGO_MANIFEST_DIR");
    let started_by_cargo = std::env::var_os("CARGO_MANIFEST_DIR")?;
    if Path::new(&started_by_cargo) != Path::new(built_in) {
        return None;
    }
    Path::new(built_in)
        .join("..")
        .join(kind.folder())
        .canonicalize()
        .ok()
        .filter(|dir| dir.is_dir())
}

/// Every file of `dir` and its subfolders whose name ends in `.extension`.
fn collect(dir: &Path, extension: &str, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, extension, out)?;
        } else if path.extension().is_some_and(|e| e == extension) {
            out.push(path);
        }
    }
    Ok(())
}

/// Parses one feature file from its text, naming it by its path.
fn parse(file: &SuiteFile) -> Result<gherkin::Feature, gherkin::ParseFileError> {
    match gherkin::Feature::parse(&file.text, GherkinEnv::default()) {
        Ok(mut feature) => {
            feature.path = Some(file.path.clone());
            Ok(feature)
        }
        Err(source) => Err(gherkin::ParseFileError::Parsing {
            path: file.path.clone(),
            error: None,
            source,
        }),
    }
}

/// `features/users/signup.feature: the feature does not parse: Error at 4:3: …`.
fn describe(error: &gherkin::ParseFileError) -> String {
    match error {
        gherkin::ParseFileError::Reading { path, source } => {
            format!("{}: {source}", path.display())
        }
        gherkin::ParseFileError::Parsing { path, source, .. } => {
            format!("{}: the feature does not parse: {source}", path.display())
        }
    }
}

/// cucumber's parser for a run: the features of a [`SuiteFiles`], parsed
/// from memory, examples expanded, in file order.
#[derive(Clone, Copy, Debug, Default)]
pub struct SuiteParser;

impl CucumberParser<SuiteFiles> for SuiteParser {
    type Cli = cli::Empty;
    type Output = stream::Iter<std::vec::IntoIter<parser::Result<gherkin::Feature>>>;

    fn parse(self, input: SuiteFiles, _: cli::Empty) -> Self::Output {
        let features: Vec<_> = input
            .files
            .iter()
            .map(|file| match parse(file) {
                Ok(feature) => feature.expand_examples().map_err(parser::Error::from),
                Err(error) => Err(parser::Error::Parsing(Arc::new(error))),
            })
            .collect();
        stream::iter(features)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_copy_holds_every_feature_and_schema_of_the_checkout() {
        let checkout = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        for kind in [Kind::Features, Kind::Schemas] {
            let on_disk = SuiteFiles::from_dir(&checkout.join(kind.folder()), kind).unwrap();
            let embedded = SuiteFiles::embedded(kind);
            let names = |files: &SuiteFiles| -> Vec<(String, String)> {
                files
                    .files
                    .iter()
                    .map(|f| (f.name.clone(), f.text.clone()))
                    .collect()
            };
            assert!(!embedded.files.is_empty(), "no built-in {}", kind.folder());
            assert_eq!(names(&embedded), names(&on_disk));
        }
    }

    #[test]
    fn a_built_in_feature_is_named_by_its_place_in_the_features_folder() {
        let features = SuiteFiles::embedded(Kind::Features);
        let signup = features
            .files
            .iter()
            .find(|f| f.name == "users/signup.feature")
            .unwrap();
        assert_eq!(signup.path, Path::new("features/users/signup.feature"));
        let parsed = parse(signup).unwrap();
        assert_eq!(
            parsed.path.as_deref(),
            Some(Path::new("features/users/signup.feature"))
        );
        assert_eq!(parsed.name, "Signing up");
        assert_eq!(features.origin.to_string(), "the runner's built-in copy");
    }

    #[test]
    fn a_feature_that_does_not_parse_names_its_file_and_line() {
        let file = SuiteFile {
            name: "broken.feature".into(),
            path: PathBuf::from("features/broken.feature"),
            text: "Feature: x\n  Scenario: y\n    Given z\n  Nonsense here\n".into(),
        };
        let features = SuiteFiles {
            kind: Kind::Features,
            origin: Origin::Embedded,
            files: vec![file],
        };
        let errors = features.parse_features();
        let message = errors[0].as_ref().unwrap_err();
        assert!(message.starts_with("features/broken.feature:"), "{message}");
    }

    #[test]
    fn the_junit_report_names_the_suite_and_its_version() {
        let stamped = stamp_junit("<?xml version=\"1.0\"?><testsuites><testsuite/></testsuites>");
        assert_eq!(
            stamped,
            format!(
                "<?xml version=\"1.0\"?><testsuites name=\"parse-conformance {VERSION}\"><testsuite/></testsuites>"
            )
        );
        assert_eq!(stamp_junit(&stamped), stamped);
        assert_eq!(
            stamp_junit("<testsuites/>"),
            format!("<testsuites name=\"parse-conformance {VERSION}\"/>")
        );
    }

    #[test]
    fn the_suite_is_version_0_2_0() {
        assert_eq!(name_and_version(), "parse-conformance 0.2.0");
    }

    #[test]
    fn a_folder_given_on_the_command_line_wins() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../features/users");
        let files = SuiteFiles::resolve(Some(&dir), Kind::Features).unwrap();
        assert_eq!(files.origin, Origin::Dir(dir));
        assert!(files.files.iter().any(|f| f.name == "signup.feature"));
        assert!(files.files.iter().all(|f| !f.name.contains("sessions")));
    }
}
