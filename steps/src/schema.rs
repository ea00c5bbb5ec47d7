//! The JSON Schemas of response bodies (`schemas/*.json`, draft 2020-12).
//!
//! Every schema file carries an `$id` under [`BASE_URI`]; all of them are put
//! in one registry so that a schema can `$ref` another (`common.json#/$defs/…`).
//! They are compiled once per run and looked up by file stem: `signup-response`
//! is `schemas/signup-response.json`.

use std::{collections::HashMap, path::Path};

use jsonschema::{Registry, Validator};
use serde_json::Value;

use crate::suite::{Kind, SuiteFiles};

/// The base URI of every schema's `$id`.
pub const BASE_URI: &str = "https://parse-conformance.dev/schemas/";

/// The compiled schemas of a run.
#[derive(Default)]
pub struct Schemas {
    validators: HashMap<String, Validator>,
}

impl std::fmt::Debug for Schemas {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut names: Vec<_> = self.validators.keys().collect();
        names.sort();
        f.debug_struct("Schemas").field("names", &names).finish()
    }
}

impl Schemas {
    /// Loads and compiles every `*.json` file of `dir`.
    pub fn load(dir: &Path) -> Result<Schemas, String> {
        Schemas::compile(&SuiteFiles::from_dir(dir, Kind::Schemas)?)
    }

    /// Compiles the schemas of `files` (a folder, or the runner's built-in
    /// copy); a schema is named by its file stem.
    pub fn compile(files: &SuiteFiles) -> Result<Schemas, String> {
        let mut documents = Vec::new();
        for file in &files.files {
            let path = &file.path;
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_owned();
            let schema: Value =
                serde_json::from_str(&file.text).map_err(|e| format!("{}: {e}", path.display()))?;
            let expected_id = format!("{BASE_URI}{name}.json");
            if schema.get("$id").and_then(Value::as_str) != Some(expected_id.as_str()) {
                return Err(format!("{}: $id must be {expected_id}", path.display()));
            }
            documents.push((name, schema));
        }
        let registry = Registry::new()
            .extend(documents.iter().map(|(name, schema)| {
                (
                    format!("{BASE_URI}{name}.json"),
                    jsonschema::Resource::from_contents(schema.clone()),
                )
            }))
            .and_then(|builder| builder.prepare())
            .map_err(|e| format!("schema registry: {e}"))?;
        let mut validators = HashMap::new();
        for (name, schema) in &documents {
            let validator = jsonschema::options()
                .with_registry(&registry)
                .should_validate_formats(true)
                .build(schema)
                .map_err(|e| format!("schema {name} does not compile: {e}"))?;
            validators.insert(name.clone(), validator);
        }
        Ok(Schemas { validators })
    }

    /// Checks `value` against the schema `name`; the error lists every
    /// violation with its place in the document.
    pub fn check(&self, name: &str, value: &Value) -> Result<(), String> {
        let validator = self
            .validators
            .get(name)
            .ok_or_else(|| format!("no schema named {name:?} in schemas/"))?;
        let errors: Vec<String> = validator
            .iter_errors(value)
            .map(|e| format!("  at {:?}: {}", e.instance_path().to_string(), e))
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "the response body does not match the schema {name}:\n{}",
                errors.join("\n")
            ))
        }
    }
}
