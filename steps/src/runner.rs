//! Wires a run together: options → target (or the embedded server) → a
//! reachability probe → cucumber (with a browser for the `browser`
//! scenarios, started on first use) with its writers → verdicts → reports →
//! exit code.

use std::{
    ffi::OsString,
    fs::{self, File},
    io,
    path::Path,
    process::ExitCode,
    sync::{Arc, Mutex},
    time::Duration,
};

use cucumber::{World as _, WriterExt as _, cli, gherkin, tag::Ext as _, writer};
use reqwest::Method;
use serde_json::Value;

use crate::{
    browser::SharedBrowser,
    capabilities::{self, Machine},
    catalog::{self, Catalog},
    cli::TargetArgs,
    client::{Client, Request, SendError},
    embedded::Embedded,
    mail::{Mailbox, mailpit::MailpitApi, sink::SmtpSink},
    redact::{self, RedactingWriter, Redactor},
    report::{
        html,
        outcomes::{OutcomeWriter, Outcomes, lock},
        results,
        summary::{self, RunInfo},
        verdict::Counts,
    },
    schema::Schemas,
    suite::{self, Kind, SuiteFiles, SuiteParser},
    target::Target,
    world::{ParseWorld, RunContext},
};

/// How long the first request may take before the target counts as hung.
const PROBE_TIMEOUT: Duration = Duration::from_secs(5);

/// Seconds to wait for a TCP connection when neither the command line nor
/// the profile says.
const DEFAULT_CONNECT_TIMEOUT: u64 = 3;

/// Seconds to wait for one whole exchange when neither the command line nor
/// the profile says.
const DEFAULT_REQUEST_TIMEOUT: u64 = 15;

/// Exit code of a run that could not start (bad options, target down).
const CANNOT_RUN: u8 = 2;

/// Runs the suite with these command-line arguments (the first is the
/// program name) and returns the process exit code: 0 when the run passed,
/// 1 when a scenario failed unexpectedly (or, under `--strict`, passed
/// unexpectedly), 2 when the run could not start.
pub async fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    match try_run(args).await {
        Ok(code) => code,
        Err(error) => {
            eprintln!("parse-conformance: {error}");
            ExitCode::from(CANNOT_RUN)
        }
    }
}

/// Where the mail of an external target is read: its mailbox API, else an
/// SMTP sink on its address. A target that offers the `email` capability
/// needs one of them.
fn mailbox_for(target: &Target) -> Result<Option<Mailbox>, String> {
    let mailbox = match (&target.mailbox_url, &target.smtp_sink) {
        (Some(url), _) => Some(Mailbox::Mailpit(MailpitApi::new(url)?)),
        (None, Some(address)) => Some(Mailbox::Sink(SmtpSink::start(address)?)),
        (None, None) => None,
    };
    if mailbox.is_none() && target.has_capability("email") {
        return Err(
            "the target offers the email capability but the runner has no way to read its mail: give --smtp-sink ADDR (or smtp_sink in the profile) or --mailbox-url URL".into(),
        );
    }
    Ok(mailbox)
}

async fn try_run(args: impl IntoIterator<Item = OsString>) -> Result<ExitCode, String> {
    let mut opts: cli::Opts<_, _, _, TargetArgs> = parse_options(args);
    let args: TargetArgs = opts.custom.clone();
    let features = SuiteFiles::resolve(args.features.as_deref(), Kind::Features)?;
    if args.list || args.explain.is_some() {
        return document(
            &args,
            &features,
            opts.re_filter.as_ref(),
            opts.tags_filter.as_ref(),
        );
    }
    if let Some(out) = &args.html_out {
        html::build_from_files(&features, out, &args.results)?;
        println!("parse-conformance: wrote {}/index.html", out.display());
        return Ok(ExitCode::SUCCESS);
    }
    let schemas = Schemas::compile(&SuiteFiles::resolve(
        args.schemas.as_deref(),
        Kind::Schemas,
    )?)?;

    let (target, embedded, mailbox) = match Target::from_args(&args)? {
        Some(target) => {
            let mailbox = mailbox_for(&target)?;
            (target, None, mailbox)
        }
        None => {
            let sink = SmtpSink::start("127.0.0.1:0")?;
            let embedded = Embedded::start(sink.address().port())
                .await
                .map_err(|e| format!("cannot start the embedded server: {e}"))?;
            (
                embedded.target.clone(),
                Some(embedded),
                Some(Mailbox::Sink(sink)),
            )
        }
    };
    let seconds = |arg: Option<u64>, profile: Option<u64>, default: u64| {
        Duration::from_secs(arg.or(profile).unwrap_or(default))
    };
    let request_timeout = seconds(
        args.request_timeout,
        target.request_timeout,
        DEFAULT_REQUEST_TIMEOUT,
    );
    let client = Client::new(
        seconds(
            args.connect_timeout,
            target.connect_timeout,
            DEFAULT_CONNECT_TIMEOUT,
        ),
        request_timeout,
    )?;
    probe(&client, &target).await?;
    let info = RunInfo {
        target: target.name.clone(),
        url: target.url.clone(),
        server_version: server_version(&client, &target).await,
    };
    println!(
        "{}: running the features of {} against {} ({})",
        suite::name_and_version(),
        features.origin,
        info.target,
        info.url
    );

    fs::create_dir_all(&args.reports)
        .map_err(|e| format!("cannot create {}: {e}", args.reports.display()))?;
    let create = |name: &str| {
        let path = args.reports.join(name);
        File::create(&path).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    // The target's keys and the passwords the features write never reach
    // the console or a report: cucumber's writers print step texts, so their
    // outputs go through the redactor too.
    let mut secrets = target.secrets();
    secrets.extend(redact::feature_passwords(
        features.files.iter().map(|f| f.text.as_str()),
    ));
    let redactor = Redactor::new(secrets);
    let redacted = |out| RedactingWriter::new(out, redactor.clone());
    let (outcome_writer, outcomes) = OutcomeWriter::new();
    let writer = writer::Basic::raw(redacted_stdout(&redactor), writer::Coloring::Auto, 0)
        .summarized()
        .tee::<ParseWorld, _>(writer::JUnit::for_tee(redacted(create("junit.xml")?), 0))
        .tee::<ParseWorld, _>(writer::Json::for_tee(redacted(create("cucumber.json")?)))
        .tee::<ParseWorld, _>(
            outcome_writer
                .discard_stats_writes()
                .discard_arbitrary_writes(),
        )
        .normalized();

    // cucumber drops a custom filter when --name or --tags is given, so both
    // are applied here, together with the capability check.
    let machine = Machine::detect(&args);
    let selection = Selection {
        name: opts.re_filter.take(),
        tags: opts.tags_filter.take(),
        target: target.clone(),
        machine: machine.clone(),
        outcomes: Arc::clone(&outcomes),
    };
    let context = Arc::new(RunContext {
        target: target.clone(),
        client,
        schemas,
        redactor,
        mailbox,
        browser: SharedBrowser::new(machine.browser),
        down: Default::default(),
    });
    RunContext::install(Arc::clone(&context));
    let finished = ParseWorld::cucumber::<&Path>()
        .with_parser(SuiteParser)
        .with_writer(writer)
        .fail_on_skipped()
        .with_cli(opts)
        .filter_run(features.clone(), move |f, r, s| selection.runs(f, r, s))
        .await;
    // The writers flush their redacted outputs when dropped.
    let execution_failed = {
        use cucumber::writer::Stats as _;
        finished.execution_has_failed()
    };
    drop(finished);
    context.browser.stop().await;
    if let Some(embedded) = embedded {
        embedded.stop().await;
    }

    let outcomes = lock(&outcomes).clone();
    let mut counts = summary::count(&summary::judged(&outcomes, &target));
    // A feature file that cannot be read is a failure of the run: its
    // scenarios did not run, so they must not look passed.
    counts.failed += outcomes.errors.len();
    for error in &outcomes.errors {
        eprintln!("parse-conformance: {error}");
    }
    let junit = args.reports.join("junit.xml");
    if let Ok(xml) = fs::read_to_string(&junit) {
        fs::write(&junit, suite::stamp_junit(&xml))
            .map_err(|e| format!("cannot write {}: {e}", junit.display()))?;
    }
    let report = summary::render(&info, &outcomes, &target);
    fs::write(
        args.reports.join("summary.md"),
        context.redactor.text(&report),
    )
    .map_err(|e| format!("cannot write summary.md: {e}"))?;
    let results = results::build(&info, &outcomes, &target);
    fs::write(
        args.reports.join("results.json"),
        context.redactor.text(&results::render(&results)),
    )
    .map_err(|e| format!("cannot write results.json: {e}"))?;
    html::write_run_site(&features, &args.reports.join("html"), &results)?;
    print_closing(&args.reports, &counts);
    if let Some(first) = context.down.get() {
        eprintln!("parse-conformance: the target stopped answering during the run: {first}");
    }

    let ran_nothing = outcomes.scenarios.is_empty();
    let failed = counts.run_fails(args.strict)
        || (execution_failed && counts.failed + counts.expected_failures == 0)
        || !outcomes.errors.is_empty()
        || ran_nothing;
    if ran_nothing {
        eprintln!("parse-conformance: no scenario ran");
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The console, through the redactor.
fn redacted_stdout(redactor: &Redactor) -> RedactingWriter<io::Stdout> {
    RedactingWriter::new(io::stdout(), redactor.clone())
}

/// Parses the command line as `parse-conformance` (cucumber's options under
/// the runner's name, with `--version`); exits on `--help`, `--version` and
/// bad options, as clap does.
fn parse_options<O: cli::Parser>(args: impl IntoIterator<Item = OsString>) -> O {
    let command = O::command()
        .name("parse-conformance")
        .bin_name("parse-conformance")
        .version(suite::VERSION)
        .about("The Parse REST API conformance suite: runs it against a target (by default the built-in reference server), or lists and explains its scenarios")
        .long_about(None);
    let parsed = command
        .try_get_matches_from(args)
        .and_then(|matches| O::from_arg_matches(&matches));
    match parsed {
        Ok(opts) => opts,
        Err(e) => e.exit(),
    }
}

/// `--list` and `--explain`: the features as a catalog, printed; no target
/// is contacted. `--list` follows `--name` and `--tags` as a run does. An unknown id is an error (exit code 2).
fn document(
    args: &TargetArgs,
    features: &SuiteFiles,
    name: Option<&regex::Regex>,
    tags: Option<&cucumber::gherkin::tagexpr::TagOperation>,
) -> Result<ExitCode, String> {
    let catalog = Catalog::new(features)?;
    let selected = || -> Vec<&catalog::Entry> {
        catalog
            .select(tags)
            .into_iter()
            .filter(|entry| name.is_none_or(|name| name.is_match(&entry.name)))
            .collect()
    };
    let text = match &args.explain {
        Some(id) => catalog.explain(catalog.find(id)?),
        None if args.json => catalog::list_json(&selected()) + "\n",
        None => catalog::list_lines(&selected()),
    };
    // A closed pipe (`--list | head`) is not an error.
    let _ = io::Write::write_all(&mut io::stdout().lock(), text.as_bytes());
    Ok(ExitCode::SUCCESS)
}

/// Which scenarios run: cucumber's `--name` and `--tags` selection, then the
/// target's capabilities. A scenario left out for a missing capability is
/// recorded as skipped with the reason.
struct Selection {
    name: Option<regex::Regex>,
    tags: Option<cucumber::gherkin::tagexpr::TagOperation>,
    target: Target,
    machine: Machine,
    outcomes: Arc<Mutex<Outcomes>>,
}

impl Selection {
    fn runs(
        &self,
        feature: &gherkin::Feature,
        rule: Option<&gherkin::Rule>,
        scenario: &gherkin::Scenario,
    ) -> bool {
        let all_tags = || {
            feature
                .tags
                .iter()
                .chain(rule.iter().flat_map(|r| &r.tags))
                .chain(&scenario.tags)
        };
        let selected = match (&self.name, &self.tags) {
            (Some(name), _) => name.is_match(&scenario.name),
            (None, Some(expr)) => expr.eval(all_tags()),
            (None, None) => true,
        };
        if !selected {
            return false;
        }
        let missing = capabilities::missing(all_tags(), |c| {
            capabilities::unavailable(c, &self.target, &self.machine).is_none()
        });
        if missing.is_empty() {
            return true;
        }
        let reason = capabilities::skip_reason(&missing, &self.target, &self.machine);
        OutcomeWriter::skip(&self.outcomes, feature, scenario, reason);
        false
    }
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
    match client.send_within(request, PROBE_TIMEOUT).await {
        Ok(_) => Ok(()),
        Err(e @ (SendError::Unreachable(_) | SendError::Timeout(_))) => Err(format!(
            "{e}\n  target: {}\n  Is the server running? Check --target or the profile's url.",
            target.url
        )),
        Err(e) => Err(format!("{e}\n  target: {}", target.url)),
    }
}

/// The server's version from `GET /serverInfo` (master key), when it offers it.
async fn server_version(client: &Client, target: &Target) -> Option<String> {
    let master_key = target.master_key.clone()?;
    let request = Request {
        method: Method::GET,
        url: target.url_of("/serverInfo"),
        headers: vec![
            ("X-Parse-Application-Id".to_owned(), target.app_id.clone()),
            ("X-Parse-Master-Key".to_owned(), master_key),
        ],
        body: None,
    };
    let exchange = client.send_within(request, PROBE_TIMEOUT).await.ok()?;
    let json = exchange.response.json?;
    json.get("parseServerVersion")
        .and_then(Value::as_str)
        .map(str::to_owned)
}

fn print_closing(reports: &Path, counts: &Counts) {
    println!();
    println!(
        "Reports: {0}/summary.md, {0}/results.json, {0}/html/index.html, {0}/junit.xml, {0}/cucumber.json",
        reports.display()
    );
    println!("{}", counts.details());
    println!("conformance: {}", counts.line());
}
