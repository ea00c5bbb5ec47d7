//! Wires a run together: options → target (or the embedded server) → a
//! reachability probe → cucumber with its writers → reports → exit code.

use std::{
    ffi::OsString,
    fs::{self, File},
    io,
    path::Path,
    process::ExitCode,
    sync::Arc,
    time::Duration,
};

use cucumber::{World as _, WriterExt as _, cli, writer};
use reqwest::Method;

use crate::{
    cli::{TargetArgs, suite_dir},
    client::{Client, Request, SendError},
    embedded::Embedded,
    redact::Redactor,
    report::{
        outcomes::{OutcomeWriter, lock},
        summary::{self, Counts, RunInfo},
    },
    schema::Schemas,
    target::Target,
    world::{ParseWorld, RunContext},
};

/// Exit code of a run that could not start (bad options, target down).
const CANNOT_RUN: u8 = 2;

/// Runs the suite with these command-line arguments (the first is the
/// program name) and returns the process exit code: 0 when every scenario
/// passed, 1 when one failed, 2 when the run could not start.
pub async fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    match try_run(args).await {
        Ok(code) => code,
        Err(error) => {
            eprintln!("parse-conformance: {error}");
            ExitCode::from(CANNOT_RUN)
        }
    }
}

async fn try_run(args: impl IntoIterator<Item = OsString>) -> Result<ExitCode, String> {
    let opts = match <cli::Opts<_, _, _, TargetArgs> as cli::Parser>::try_parse_from(args) {
        Ok(opts) => opts,
        Err(e) => e.exit(),
    };
    let args: TargetArgs = opts.custom.clone();
    let features = suite_dir(args.features.as_ref(), "features");
    let schemas = Schemas::load(&suite_dir(args.schemas.as_ref(), "schemas"))?;

    let (target, embedded) = match Target::from_args(&args)? {
        Some(target) => (target, None),
        None => {
            let embedded = Embedded::start().await.map_err(|e| format!("cannot start the embedded server: {e}"))?;
            (embedded.target.clone(), Some(embedded))
        }
    };
    let client = Client::new(Duration::from_secs(args.connect_timeout), Duration::from_secs(args.request_timeout))?;
    probe(&client, &target).await?;

    let info = RunInfo { target: target.name.clone(), url: target.url.clone() };
    println!("parse-conformance: running {} against {}", features.display(), target.url);
    let redactor = Redactor::new(target.secrets());
    RunContext::install(Arc::new(RunContext { target, client, schemas, redactor }));

    fs::create_dir_all(&args.reports).map_err(|e| format!("cannot create {}: {e}", args.reports.display()))?;
    let create = |name: &str| {
        let path = args.reports.join(name);
        File::create(&path).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    let (outcome_writer, outcomes) = OutcomeWriter::new();
    let writer = writer::Basic::raw(io::stdout(), writer::Coloring::Auto, 0)
        .summarized()
        .tee::<ParseWorld, _>(writer::JUnit::for_tee(create("junit.xml")?, 0))
        .tee::<ParseWorld, _>(writer::Json::for_tee(create("cucumber.json")?))
        .tee::<ParseWorld, _>(outcome_writer.discard_stats_writes().discard_arbitrary_writes())
        .normalized();
    let finished = ParseWorld::cucumber()
        .with_writer(writer)
        .fail_on_skipped()
        .with_cli(opts)
        .run(&features)
        .await;
    if let Some(embedded) = embedded {
        embedded.stop().await;
    }

    let outcomes = lock(&outcomes).clone();
    let counts = Counts::of(&outcomes);
    let report = summary::render(&info, &outcomes);
    fs::write(args.reports.join("summary.md"), report).map_err(|e| format!("cannot write summary.md: {e}"))?;
    print_closing(&args.reports, &counts);

    use cucumber::writer::Stats as _;
    let failed = finished.execution_has_failed()
        || counts.failed > 0
        || !outcomes.errors.is_empty()
        || outcomes.scenarios.is_empty();
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// Makes sure the target answers HTTP at all before running anything, so that
/// a target that is down gives one clear error instead of a failure per step.
async fn probe(client: &Client, target: &Target) -> Result<(), String> {
    let request = Request {
        method: Method::GET,
        url: target.url_of("/health"),
        headers: vec![("X-Parse-Application-Id".to_owned(), target.app_id.clone())],
        body: None,
    };
    match client.send(request).await {
        Ok(_) => Ok(()),
        Err(e @ (SendError::Unreachable(_) | SendError::Timeout(_))) => {
            Err(format!("{e}\n  target: {}\n  Is the server running? Check --target or the profile's url.", target.url))
        }
        Err(e) => Err(format!("{e}\n  target: {}", target.url)),
    }
}

fn print_closing(reports: &Path, counts: &Counts) {
    println!();
    println!("Reports: {0}/junit.xml, {0}/cucumber.json, {0}/summary.md", reports.display());
    println!("conformance: {}", counts.line());
}
