//! A cucumber writer that collects the outcome of every scenario.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use cucumber::{
    Event, World, Writer, cli,
    event::{self, Cucumber, Feature, Rule, Scenario, Step, StepError},
    gherkin, parser,
};

/// How a scenario ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// Every step passed.
    Passed,
    /// A step or hook failed.
    Failed {
        /// The step that failed, e.g. `Then the response status is 201`.
        step: String,
        /// Why, secrets already redacted.
        message: String,
    },
    /// Not run: the target lacks a capability the scenario needs.
    Skipped {
        /// Which capabilities are missing.
        reason: String,
    },
}

/// The outcome of one scenario.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// Name of its feature.
    pub feature: String,
    /// File of its feature, relative to the features folder when possible.
    pub file: String,
    /// Its name.
    pub scenario: String,
    /// Line of the scenario in its file.
    pub line: usize,
    /// Its stable id: the value of its `@id.…` tag.
    pub id: Option<String>,
    /// Its feature's tags, then its own, without `@`, the id tag and
    /// repeats.
    pub tags: Vec<String>,
    /// How it ended.
    pub status: Status,
}

/// Everything a run found.
#[derive(Clone, Debug, Default)]
pub struct Outcomes {
    /// One outcome per scenario, in the order they finished.
    pub scenarios: Vec<Outcome>,
    /// Errors outside any scenario, such as a feature file that does not parse.
    pub errors: Vec<String>,
}

/// The cucumber writer that fills [`Outcomes`].
#[derive(Debug, Default)]
pub struct OutcomeWriter {
    shared: Arc<Mutex<Outcomes>>,
    failures: HashMap<(String, usize), Status>,
}

impl OutcomeWriter {
    /// A writer and the handle to read its outcomes when the run is over.
    pub fn new() -> (OutcomeWriter, Arc<Mutex<Outcomes>>) {
        let writer = OutcomeWriter::default();
        let shared = Arc::clone(&writer.shared);
        (writer, shared)
    }

    /// Records a scenario that was not run, and why.
    pub fn skip(
        shared: &Mutex<Outcomes>,
        feature: &gherkin::Feature,
        scenario: &gherkin::Scenario,
        reason: String,
    ) {
        lock(shared).scenarios.push(Outcome {
            feature: feature.name.clone(),
            file: feature_file(feature),
            scenario: scenario.name.clone(),
            line: scenario.position.line,
            id: scenario_id(scenario),
            tags: scenario_tags(feature, scenario),
            status: Status::Skipped { reason },
        });
    }

    fn on_scenario<W>(
        &mut self,
        feature: &gherkin::Feature,
        scenario: &gherkin::Scenario,
        ev: Scenario<W>,
    ) {
        let key = (feature_file(feature), scenario.position.line);
        let failed = |step: &gherkin::Step, error: &StepError| Status::Failed {
            step: format!("{}{}", step.keyword, step.value),
            message: step_error_message(error),
        };
        match ev {
            Scenario::Step(step, Step::Failed(_, _, _, error))
            | Scenario::Background(step, Step::Failed(_, _, _, error)) => {
                self.failures
                    .entry(key)
                    .or_insert_with(|| failed(&step, &error));
            }
            Scenario::Step(step, Step::Skipped) | Scenario::Background(step, Step::Skipped) => {
                let status = Status::Failed {
                    step: format!("{}{}", step.keyword, step.value),
                    message: "no step definition matches this step".to_owned(),
                };
                self.failures.entry(key).or_insert(status);
            }
            Scenario::Hook(kind, event::Hook::Failed(_, info)) => {
                let status = Status::Failed {
                    step: format!("{kind:?} hook"),
                    message: panic_message(&info),
                };
                self.failures.entry(key).or_insert(status);
            }
            Scenario::Finished => {
                let status = self.failures.remove(&key).unwrap_or(Status::Passed);
                let outcome = Outcome {
                    feature: feature.name.clone(),
                    file: key.0,
                    scenario: scenario.name.clone(),
                    line: key.1,
                    id: scenario_id(scenario),
                    tags: scenario_tags(feature, scenario),
                    status,
                };
                lock(&self.shared).scenarios.push(outcome);
            }
            _ => {}
        }
    }
}

impl<W: World> Writer<W> for OutcomeWriter {
    type Cli = cli::Empty;

    async fn handle_event(&mut self, event: parser::Result<Event<Cucumber<W>>>, _: &Self::Cli) {
        match event.map(Event::into_inner) {
            Err(error) => lock(&self.shared).errors.push(error.to_string()),
            Ok(Cucumber::Feature(feature, Feature::Scenario(scenario, ev)))
            | Ok(Cucumber::Feature(feature, Feature::Rule(_, Rule::Scenario(scenario, ev)))) => {
                self.on_scenario(&feature, &scenario, ev.event);
            }
            Ok(_) => {}
        }
    }
}

/// The stable id of a scenario: its tag `@id.X` gives `X`.
pub fn scenario_id(scenario: &gherkin::Scenario) -> Option<String> {
    id_tag(&scenario.tags).map(str::to_owned)
}

/// The stable id among a scenario's (or an Examples block's) tags: `X` of
/// its tag `@id.X`.
pub fn id_tag(tags: &[String]) -> Option<&str> {
    tags.iter().find_map(|t| t.strip_prefix("id."))
}

/// The tags of a scenario and its feature, in that order of appearance,
/// without the id tag and without repeats.
pub fn scenario_tags(feature: &gherkin::Feature, scenario: &gherkin::Scenario) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in feature.tags.iter().chain(&scenario.tags) {
        if !tag.starts_with("id.") && !tags.contains(tag) {
            tags.push(tag.clone());
        }
    }
    tags
}

/// The file of a feature, relative to the features folder.
pub fn feature_file(feature: &gherkin::Feature) -> String {
    let Some(path) = &feature.path else {
        return feature.name.clone();
    };
    let text = path.to_string_lossy();
    match text.rfind("features/") {
        Some(at) => text[at + "features/".len()..].to_owned(),
        None => text.into_owned(),
    }
}

fn step_error_message(error: &StepError) -> String {
    match error {
        StepError::Panic(info) => panic_message(info),
        other => other.to_string(),
    }
}

fn panic_message(info: &event::Info) -> String {
    if let Some(s) = info.downcast_ref::<String>() {
        s.clone()
    } else if let Some(s) = info.downcast_ref::<&str>() {
        (*s).to_owned()
    } else {
        "the step panicked with a non-text payload".to_owned()
    }
}

/// Locks the shared outcomes; a poisoned lock still holds valid data.
pub fn lock(shared: &Mutex<Outcomes>) -> std::sync::MutexGuard<'_, Outcomes> {
    shared.lock().unwrap_or_else(|e| e.into_inner())
}
