//! `parse-bench`: measures, in one run on this machine, the reference
//! server (started here), a real Parse Server (when given: `bench/run.sh`
//! starts it) and a bare hyper server answering a fixed small JSON (the
//! physical limit, started here), and writes the figures to
//! `reports/benchmarks.md`. The load generator is wrk.
//!
//! Measured on every Parse target: GET /users/me, POST /login, finds with
//! `limit=10` over 100 and over `--objects` objects (without a constraint
//! and with an equality one), creates, and a mixed read/write workload;
//! per measure req/s, p50, p99, errors and the resident memory before and
//! after; the reference server's startup time; memory per stored object.
//! Run it through `bench/run.sh`.

mod cases;
mod machine;
mod process;
mod report;
mod soak;
mod target;
mod wrk;

use std::{path::PathBuf, time::Duration};

use anyhow::Result;
use clap::Parser;

use cases::{Case, SMALL};
use report::{Measure, Memory, Run};
use target::{Kind, Prepared, Target};

/// Command-line options.
#[derive(Parser, Debug)]
#[command(about = "Side-by-side benchmark of parse-mock-server, Parse Server and bare hyper")]
struct Args {
    /// Mount URL of a running Parse Server to measure beside the reference server.
    #[arg(long, value_name = "URL")]
    parse_server: Option<String>,
    /// Its process id, for its memory.
    #[arg(long, value_name = "PID")]
    parse_server_pid: Option<u32>,
    /// Application id of the Parse Server.
    #[arg(long, default_value = "parse-conformance")]
    app_id: String,
    /// REST API key of the Parse Server.
    #[arg(long, default_value = "parse-conformance-rest-key")]
    rest_key: String,
    /// Master key of the Parse Server (used to fill its classes).
    #[arg(long, default_value = "parse-conformance-master-key")]
    master_key: String,
    /// Objects in the large class.
    #[arg(long, default_value_t = 100_000)]
    objects: usize,
    /// Seconds per round of a measure.
    #[arg(long, default_value_t = 5)]
    seconds: u32,
    /// Rounds per measure. The servers take turns round by round, and each
    /// figure is a server's median round: a burst of load from elsewhere
    /// on the machine then moves one round, not the figure.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    rounds: u32,
    /// bcrypt cost of the reference server (its option bcryptCost; Parse
    /// Server's is fixed at 10).
    #[arg(long, default_value_t = 10)]
    bcrypt_cost: u32,
    /// Fresh starts of the reference server timed before the run (its
    /// startup time is the median of these and the measured instance's).
    #[arg(long, default_value_t = 10)]
    startup_runs: usize,
    /// Seconds of wrk load before each measure, not counted (Node's JIT,
    /// caches, lazily built indexes warm up).
    #[arg(long, default_value_t = 2)]
    warm_up: u32,
    /// Leave the bare hyper server out.
    #[arg(long)]
    no_bare_hyper: bool,
    /// The CI smoke: 1-second measures, 1,000 objects, bcrypt cost 4, one
    /// startup, the report in a temporary file unless --out says otherwise.
    #[arg(long)]
    smoke: bool,
    /// The runner (`parse-conformance`) to time over the whole suite
    /// against its embedded reference server, after the measures.
    #[arg(long, value_name = "BIN")]
    suite: Option<PathBuf>,
    /// Where the report goes (default reports/benchmarks.md; with --soak,
    /// reports/soak.md).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Instead of the benchmark, the soak: the reference server alone under
    /// the mixed workload for --seconds with --soak-connections, its memory
    /// and a probe sampled during the load and after it (bench/soak.sh).
    #[arg(long)]
    soak: bool,
    /// Open connections of the soak.
    #[arg(long, default_value_t = 64, requires = "soak")]
    soak_connections: u32,
    /// Seconds the soak keeps sampling after the load.
    #[arg(long, default_value_t = 20, requires = "soak")]
    soak_after: u32,
    /// Seconds between two samples of the soak.
    #[arg(long, default_value_t = 2, requires = "soak")]
    soak_every: u32,
}

/// wrk's load: 2 threads, 16 connections.
const THREADS: u32 = 2;
/// Open connections.
const CONNECTIONS: u32 = 16;

#[tokio::main]
async fn main() -> Result<()> {
    let mut args = Args::parse();
    if args.smoke {
        args.seconds = 1;
        args.rounds = 1;
        args.objects = 1_000;
        args.bcrypt_cost = 4;
        args.startup_runs = 0;
        args.warm_up = 0;
    }
    let out = args.out.clone().unwrap_or_else(|| {
        if args.soak {
            PathBuf::from("reports/soak.md")
        } else if args.smoke {
            std::env::temp_dir().join("parse-bench-smoke.md")
        } else {
            PathBuf::from("reports/benchmarks.md")
        }
    });
    let machine = machine::describe();
    let suffix = format!("{:08x}", rand::random::<u32>());

    // The reference server's startup: fresh processes, then the measured one.
    let reference_args: Vec<String> = [
        "--appId",
        "bench",
        "--restAPIKey",
        "bench-rest-key",
        "--masterKey",
        "bench-master-key",
        "--bcryptCost",
        &args.bcrypt_cost.to_string(),
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    if args.soak {
        return soak(&args, &reference_args, &suffix, &out).await;
    }
    println!(
        "reference server: timing {} fresh starts",
        args.startup_runs
    );
    let mut startups = process::startup_samples(
        "parse-mock-server",
        &reference_args,
        "/parse/health",
        args.startup_runs,
    )?;
    let reference_server = process::start("parse-mock-server", &reference_args, "/parse/health")?;
    startups.push(reference_server.startup);
    let bare_server = if args.no_bare_hyper {
        None
    } else {
        Some(process::start("bare-hyper", &[], "/")?)
    };

    let mut targets = vec![Target {
        name: "reference server".into(),
        kind: Kind::Parse,
        url: format!("http://127.0.0.1:{}/parse", reference_server.port),
        app_id: "bench".into(),
        rest_key: "bench-rest-key".into(),
        master_key: "bench-master-key".into(),
        pid: Some(reference_server.child.id()),
        bcrypt: format!("{} (its option bcryptCost, default 10)", args.bcrypt_cost),
    }];
    if let Some(url) = &args.parse_server {
        targets.push(Target {
            name: "Parse Server".into(),
            kind: Kind::Parse,
            url: url.trim_end_matches('/').to_owned(),
            app_id: args.app_id.clone(),
            rest_key: args.rest_key.clone(),
            master_key: args.master_key.clone(),
            pid: args.parse_server_pid,
            bcrypt: "10 (fixed in lib/password.js)".into(),
        });
    }
    if let Some(bare) = &bare_server {
        targets.push(Target {
            name: "bare hyper".into(),
            kind: Kind::Bare,
            url: format!("http://127.0.0.1:{}/parse", bare.port),
            app_id: "bench".into(),
            rest_key: "bench-rest-key".into(),
            master_key: String::new(),
            pid: Some(bare.child.id()),
            bcrypt: "none (no passwords)".into(),
        });
    }

    let scripts = std::env::temp_dir().join(format!("parse-bench-{suffix}"));
    std::fs::create_dir_all(&scripts)?;
    let result = measure_all(&args, &targets, &suffix, &scripts).await;
    let _ = std::fs::remove_dir_all(&scripts);
    let (measures, memory, versions, settled) = result?;
    drop(reference_server);
    drop(bare_server);
    let suite = match &args.suite {
        Some(runner) => Some(process::time_suite(runner)?),
        None => None,
    };

    let run = Run {
        seconds: args.seconds,
        rounds: args.rounds,
        settled,
        objects: args.objects,
        threads: THREADS,
        connections: CONNECTIONS,
        smoke: args.smoke,
        warm_up: args.warm_up,
        machine,
        load_after: machine::load(),
        targets,
        versions,
        measures,
        memory,
        startups,
        suite,
    };
    let text = report::markdown(&run);
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&out, &text)?;
    println!("{text}\nwrote {}", out.display());
    Ok(())
}

/// The soak (see [`soak`]): the reference server alone, its report to `out`.
async fn soak(
    args: &Args,
    reference_args: &[String],
    suffix: &str,
    out: &std::path::Path,
) -> Result<()> {
    let server = process::start("parse-mock-server", reference_args, "/parse/health")?;
    let target = Target {
        name: "reference server".into(),
        kind: Kind::Parse,
        url: format!("http://127.0.0.1:{}/parse", server.port),
        app_id: "bench".into(),
        rest_key: "bench-rest-key".into(),
        master_key: "bench-master-key".into(),
        pid: Some(server.child.id()),
        bcrypt: String::new(),
    };
    let settings = soak::Settings {
        seconds: args.seconds,
        connections: args.soak_connections,
        threads: THREADS,
        after: args.soak_after,
        every: args.soak_every,
        objects: args.objects,
    };
    let scripts = std::env::temp_dir().join(format!("parse-soak-{suffix}"));
    std::fs::create_dir_all(&scripts)?;
    let result = soak::run(&target, settings, suffix, &scripts).await;
    let _ = std::fs::remove_dir_all(&scripts);
    drop(server);
    let text = result?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(out, &text)?;
    println!("{text}\nwrote {}", out.display());
    Ok(())
}

/// What the measures return: the measures, the memory per target, the
/// Parse targets' versions, and how long the machine took to settle
/// before the endpoints in all.
type Outcome = (Vec<Measure>, Vec<Memory>, Vec<(String, String)>, Duration);

/// How long the command waits, at most, for the machine to be idle before
/// each endpoint's measures.
const SETTLE_AT_MOST: Duration = Duration::from_secs(20);

/// Prepares every target, then measures case after case, each case on
/// every target one after the other (so that the ratios compare runs made
/// minutes apart at most).
async fn measure_all(
    args: &Args,
    targets: &[Target],
    suffix: &str,
    scripts: &std::path::Path,
) -> Result<Outcome> {
    let client = reqwest::Client::new();
    let load = wrk::Load {
        threads: THREADS,
        connections: CONNECTIONS,
        seconds: args.seconds,
    };
    let mut memory = Vec::new();
    let mut versions = Vec::new();
    let mut prepared = Vec::new();
    for target in targets {
        target.wait_healthy(&client).await?;
        if target.kind == Kind::Bare {
            prepared.push(Prepared {
                small: "C".into(),
                large: "C".into(),
                created: "C".into(),
                mixed: "M".into(),
                ..Prepared::default()
            });
            continue;
        }
        if let Some(version) = target.version(&client).await {
            versions.push((target.name.clone(), version));
        }
        let ready = Prepared {
            small: format!("BenchSmall{suffix}"),
            large: format!("BenchLarge{suffix}"),
            created: format!("BenchCreated{suffix}"),
            mixed: format!("BenchMixed{suffix}"),
            username: format!("bench{suffix}"),
            password: format!("secret-{suffix}"),
            ..Prepared::default()
        };
        let before = target.rss();
        println!(
            "{}: storing {SMALL} and {} objects",
            target.name, args.objects
        );
        target.fill(&client, &ready.small, SMALL).await?;
        target.fill(&client, &ready.large, args.objects).await?;
        let after = target.rss();
        memory.push(Memory {
            target: target.name.clone(),
            before,
            after,
            objects: SMALL + args.objects,
        });
        target.create_class(&client, &ready.created).await?;
        target.create_class(&client, &ready.mixed).await?;
        let session_token = target
            .sign_up(&client, &ready.username, &ready.password)
            .await?;
        let ids = target.object_ids(&client, &ready.large, 100).await?;
        prepared.push(Prepared {
            session_token,
            ids,
            ..ready
        });
    }

    let mut measures = Vec::new();
    let mut settled = Duration::ZERO;
    for case in Case::all() {
        settled += machine::settle(SETTLE_AT_MOST).await;
        // Each target's plan, warm-up and memory before, then the rounds,
        // the targets taking turns in each.
        let mut runs = Vec::new();
        for (target, ready) in targets.iter().zip(&prepared) {
            let Some(plan) = cases::plan(case, target, ready, scripts)? else {
                continue;
            };
            if plan.warm_up {
                let mut request = client.get(&plan.url);
                for (name, value) in &plan.headers {
                    request = request.header(name, value);
                }
                request.send().await?;
            }
            let rss_before = target.rss();
            if args.warm_up > 0 {
                let warm = wrk::Load {
                    seconds: args.warm_up,
                    ..load
                };
                wrk::run(warm, &plan.url, &plan.headers, plan.script.as_deref())?;
            }
            runs.push((target, plan, rss_before, Vec::new()));
        }
        let objects = case
            .objects(args.objects)
            .map_or(String::new(), |n| format!(", {n} objects"));
        for round in 1..=args.rounds {
            for (target, plan, _, rounds) in &mut runs {
                println!(
                    "{}: {}{objects} (round {round} of {})",
                    target.name,
                    case.name(),
                    args.rounds
                );
                let figures = wrk::run(load, &plan.url, &plan.headers, plan.script.as_deref())?;
                rounds.push(figures);
                // Let the server settle (Node's garbage collector, PostgreSQL).
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
        }
        for (target, _, rss_before, rounds) in runs {
            measures.push(Measure::of_rounds(
                target.name.clone(),
                case,
                rounds,
                rss_before,
                target.rss(),
            ));
        }
    }
    Ok((measures, memory, versions, settled))
}
