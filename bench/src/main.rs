//! `parse-bench`: measures the reference server and, when given, a real
//! Parse Server, in one run on this machine, and writes the figures to
//! `reports/benchmarks.md`. The load generator is wrk.
//!
//! What it measures, per target: a client's find with `limit=10` over a
//! class of 100 objects and over one of 100,000 (`--objects`), without a
//! constraint, with an equality constraint on a common value and on a
//! unique one; and the resident memory each stored object costs.
//! Run it through `bench/run.sh`, which also starts Parse Server.

mod report;
mod target;
mod wrk;

use std::{
    net::TcpListener,
    path::PathBuf,
    process::{Child, Command, Stdio},
};

use anyhow::{Context, Result};
use clap::Parser;

use report::{Measure, Memory};
use target::Target;

/// Command-line options.
#[derive(Parser, Debug)]
#[command(about = "Side-by-side benchmark of parse-mock-server and Parse Server")]
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
    /// Seconds per measurement.
    #[arg(long, default_value_t = 10)]
    seconds: u32,
    /// Where the report goes.
    #[arg(long, default_value = "reports/benchmarks.md")]
    out: PathBuf,
}

/// Objects in the small class.
const SMALL: usize = 100;

/// The finds measured: a name and the query string after `?`.
const FINDS: &[(&str, &str)] = &[
    ("find, limit 10, no constraint", "limit=10"),
    (
        "find, limit 10, equality on a common value",
        "limit=10&where=%7B%22group%22%3A7%7D",
    ),
    (
        "find, limit 10, equality on a unique value",
        "limit=10&where=%7B%22name%22%3A%22n42%22%7D",
    ),
];

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
    let (reference, mut child) = start_reference_server()?;
    let mut targets = vec![reference];
    if let Some(url) = &args.parse_server {
        targets.push(Target {
            name: "Parse Server".into(),
            url: url.trim_end_matches('/').to_owned(),
            app_id: args.app_id.clone(),
            rest_key: args.rest_key.clone(),
            master_key: args.master_key.clone(),
            pid: args.parse_server_pid,
        });
    }
    let result = measure_all(&args, &targets).await;
    let _ = child.kill();
    let _ = child.wait();
    let (measures, memory) = result?;
    let text = report::markdown(&args, &targets, &measures, &memory);
    if let Some(dir) = args.out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&args.out, &text)?;
    println!("{text}\nwrote {}", args.out.display());
    Ok(())
}

/// Fills and measures every target, one after the other.
async fn measure_all(args: &Args, targets: &[Target]) -> Result<(Vec<Measure>, Vec<Memory>)> {
    let client = reqwest::Client::new();
    let load = wrk::Load {
        threads: 2,
        connections: 16,
        seconds: args.seconds,
    };
    let suffix = format!("{:08x}", rand::random::<u32>());
    let mut measures = Vec::new();
    let mut memory = Vec::new();
    for target in targets {
        target.wait_healthy(&client).await?;
        let small = format!("BenchSmall{suffix}");
        let large = format!("BenchLarge{suffix}");
        let before = target.rss();
        println!(
            "{}: storing {SMALL} and {} objects",
            target.name, args.objects
        );
        target.fill(&client, &small, SMALL).await?;
        target.fill(&client, &large, args.objects).await?;
        let after = target.rss();
        for (name, query) in FINDS {
            for (class, size) in [(&small, SMALL), (&large, args.objects)] {
                let url = format!("{}/classes/{class}?{query}", target.url);
                // A first request outside the measure: builds what the
                // server builds lazily (an index), as a warm-up would.
                client
                    .get(&url)
                    .header("X-Parse-Application-Id", &target.app_id)
                    .header("X-Parse-REST-API-Key", &target.rest_key)
                    .send()
                    .await?;
                println!("{}: {name}, {size} objects", target.name);
                let figures = wrk::run(load, &url, &target.client_headers(), None)?;
                measures.push(Measure {
                    target: target.name.clone(),
                    case: (*name).to_owned(),
                    objects: size,
                    figures,
                });
            }
        }
        memory.push(Memory {
            target: target.name.clone(),
            before,
            after,
            after_finds: target.rss(),
            objects: SMALL + args.objects,
        });
    }
    Ok((measures, memory))
}

/// Starts `parse-mock-server` (built beside this binary) on a free port.
fn start_reference_server() -> Result<(Target, Child)> {
    let exe = std::env::current_exe()?;
    let server = exe
        .parent()
        .context("the benchmark's folder")?
        .join("parse-mock-server");
    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let target = Target {
        name: "reference server".into(),
        url: format!("http://127.0.0.1:{port}/parse"),
        app_id: "bench".into(),
        rest_key: "bench-rest-key".into(),
        master_key: "bench-master-key".into(),
        pid: None,
    };
    let child = Command::new(&server)
        .args(["--appId", &target.app_id, "--restAPIKey", &target.rest_key])
        .args([
            "--masterKey",
            &target.master_key,
            "--port",
            &port.to_string(),
        ])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .with_context(|| {
            format!(
                "starting {} (cargo build --release -p parse-mock-server)",
                server.display()
            )
        })?;
    let pid = Some(child.id());
    Ok((Target { pid, ..target }, child))
}
