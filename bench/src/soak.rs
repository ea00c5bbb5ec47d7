//! The soak (`parse-bench --soak`, run by `bench/soak.sh`): the reference
//! server under the benchmark's mixed read/write workload ([`cases::MIX`])
//! with many connections for a long while, then left idle; its resident
//! memory and its answer to one probe request are sampled every few seconds
//! during the load and after it. Not a timed test: a report,
//! `reports/soak.md`, says whether the server kept answering (wrk's errors
//! and non-2xx answers, the probes) and whether its memory came back to a
//! steady level once the load stopped.

use std::{
    fmt::Write as _,
    path::Path,
    time::{Duration, Instant},
};

use anyhow::{Context, Result};

use crate::{
    cases::{self, Case, MIX},
    machine,
    target::{Prepared, Target},
    wrk::{self, Figures, Load},
};

/// How the soak runs.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// Seconds of load.
    pub seconds: u32,
    /// Open connections during the load.
    pub connections: u32,
    /// wrk threads.
    pub threads: u32,
    /// Seconds of sampling after the load.
    pub after: u32,
    /// Seconds between two samples.
    pub every: u32,
    /// Objects stored in the large class before the load.
    pub objects: usize,
}

/// One sample: when, in which phase, the memory, and the probe's answer.
struct Sample {
    at: Duration,
    loaded: bool,
    rss: Option<u64>,
    probe: Result<(u16, Duration), String>,
}

/// Prepares the reference server (`target`), loads it, samples it, and
/// returns the report.
pub async fn run(target: &Target, settings: Settings, suffix: &str, dir: &Path) -> Result<String> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()?;
    target.wait_healthy(&client).await?;
    let idle = target.rss();
    let ready = Prepared {
        large: format!("SoakLarge{suffix}"),
        mixed: format!("SoakMixed{suffix}"),
        ..Prepared::default()
    };
    println!("soak: storing {} objects", settings.objects);
    target.fill(&client, &ready.large, settings.objects).await?;
    target.create_class(&client, &ready.mixed).await?;
    let ids = target.object_ids(&client, &ready.large, 100).await?;
    let ready = Prepared { ids, ..ready };
    let plan = cases::plan(Case::Mixed, target, &ready, dir)?.context("the mixed workload")?;
    let filled = target.rss();

    let load = Load {
        threads: settings.threads,
        connections: settings.connections,
        seconds: settings.seconds,
    };
    println!(
        "soak: {} connections for {} s, then {} s idle",
        settings.connections, settings.seconds, settings.after
    );
    let load_before = machine::load();
    let began = Instant::now();
    let (url, headers, script) = (plan.url.clone(), plan.headers.clone(), plan.script.clone());
    let wrk = std::thread::spawn(move || wrk::run(load, &url, &headers, script.as_deref()));
    let mut samples = Vec::new();
    let every = Duration::from_secs(u64::from(settings.every));
    while !wrk.is_finished() {
        samples.push(sample(target, &client, began, true).await);
        tokio::time::sleep(every).await;
    }
    let figures = wrk
        .join()
        .map_err(|_| anyhow::anyhow!("the wrk thread panicked"))??;
    let load_ended = began.elapsed();
    let quiet_until = load_ended + Duration::from_secs(u64::from(settings.after));
    while began.elapsed() < quiet_until {
        tokio::time::sleep(every).await;
        samples.push(sample(target, &client, began, false).await);
    }
    let created = count(target, &client, &ready.mixed).await;
    Ok(report(
        &load_before,
        settings,
        &figures,
        &samples,
        idle,
        filled,
        created,
        load_ended,
    ))
}

/// The memory now and the time of one GET /health.
async fn sample(target: &Target, client: &reqwest::Client, began: Instant, loaded: bool) -> Sample {
    let at = began.elapsed();
    let rss = target.rss();
    let sent = Instant::now();
    let probe = match client
        .get(format!("{}/health", target.url))
        .header("X-Parse-Application-Id", &target.app_id)
        .send()
        .await
    {
        Ok(response) => Ok((response.status().as_u16(), sent.elapsed())),
        Err(e) => Err(e.to_string()),
    };
    Sample {
        at,
        loaded,
        rss,
        probe,
    }
}

/// How many objects the class holds (a count with the master key).
async fn count(target: &Target, client: &reqwest::Client, class: &str) -> Option<u64> {
    let answer: serde_json::Value = client
        .get(format!("{}/classes/{class}?count=1&limit=0", target.url))
        .header("X-Parse-Application-Id", &target.app_id)
        .header("X-Parse-Master-Key", &target.master_key)
        .send()
        .await
        .ok()?
        .json()
        .await
        .ok()?;
    answer.get("count")?.as_u64()
}

fn mib(bytes: Option<u64>) -> String {
    bytes.map_or_else(|| "?".into(), |b| format!("{:.1}", b as f64 / 1_048_576.0))
}

/// Whether the memory of the samples after the load is steady: the last
/// half of them within 2 % (or 1 MiB) of their first.
fn steady(after: &[&Sample]) -> Option<(u64, u64)> {
    let tail: Vec<u64> = after[after.len() / 2..]
        .iter()
        .filter_map(|s| s.rss)
        .collect();
    let (first, last) = (*tail.first()?, *tail.last()?);
    let (low, high) = (
        *tail.iter().min().unwrap_or(&first),
        *tail.iter().max().unwrap_or(&first),
    );
    let spread = high - low;
    (spread <= (first / 50).max(1_048_576)).then_some((first, last))
}

#[allow(clippy::too_many_arguments)] // the figures of one soak
fn report(
    load_before: &str,
    settings: Settings,
    figures: &Figures,
    samples: &[Sample],
    idle: Option<u64>,
    filled: Option<u64>,
    created: Option<u64>,
    load_ended: Duration,
) -> String {
    let mut out = String::new();
    let during: Vec<&Sample> = samples.iter().filter(|s| s.loaded).collect();
    let after: Vec<&Sample> = samples.iter().filter(|s| !s.loaded).collect();
    let failed_probes = samples
        .iter()
        .filter(|s| !matches!(s.probe, Ok((200, _))))
        .count();
    let slowest = samples
        .iter()
        .filter_map(|s| s.probe.as_ref().ok().map(|(_, d)| *d))
        .max()
        .unwrap_or_default();
    let peak = during.iter().filter_map(|s| s.rss).max();
    let steady = steady(&after);
    let answered = figures.errors == 0 && failed_probes == 0;
    let _ = writeln!(out, "# Soak: the reference server under load\n");
    let _ = writeln!(
        out,
        "Written by `bench/soak.sh` (`parse-bench --soak`); a report, not a timed test. The reference server ({} build) gets the benchmark's mixed read/write workload ({}) from wrk with {} threads and {} connections for {} s, then stays idle for {} s; every {} s the soak reads its resident memory (VmRSS) and times one `GET /parse/health`. Before the load it stores {} objects.\n",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        },
        MIX.replace('\n', " "),
        settings.threads,
        settings.connections,
        settings.seconds,
        settings.after,
        settings.every,
        settings.objects
    );
    let m = machine::describe();
    let _ = writeln!(
        out,
        "- Machine: {}, {} CPUs, {:.1} GiB, Linux {}; load averages {} at the start, {} at the end; {}; {}",
        m.cpu,
        m.cores,
        m.memory as f64 / 1_073_741_824.0,
        m.kernel,
        load_before,
        machine::load(),
        m.wrk,
        m.date
    );
    let _ = writeln!(
        out,
        "- Kept answering: **{}**; wrk: {:.0} req/s, p50 {:.2} ms, p99 {:.2} ms, {} errors (socket errors and non-2xx answers); probes: {} of {} answered 200, the slowest in {:.1} ms",
        if answered { "yes" } else { "no" },
        figures.requests_per_second,
        figures.p50_ms,
        figures.p99_ms,
        figures.errors,
        samples.len() - failed_probes,
        samples.len(),
        slowest.as_secs_f64() * 1000.0
    );
    let created_text = created.map_or_else(|| "?".into(), |n| n.to_string());
    let _ = writeln!(
        out,
        "- Memory (MiB): {} idle, {} with the stored objects, peak {} during the load, {} at the end; the load created {} objects (a fifth of its requests are creates), which stay stored",
        mib(idle),
        mib(filled),
        mib(peak),
        mib(after.last().and_then(|s| s.rss)),
        created_text
    );
    let per_object = match (filled, after.last().and_then(|s| s.rss), created) {
        (Some(before), Some(end), Some(n)) if n > 0 && end >= before => {
            format!(", {} bytes per created object", (end - before) / n)
        }
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "- Back to a steady level after the load: **{}**{}{per_object}\n",
        if steady.is_some() { "yes" } else { "no" },
        match steady {
            Some((first, last)) => format!(
                " (the last {} samples stay within 2 % or 1 MiB: {} -> {} MiB)",
                after.len() - after.len() / 2,
                mib(Some(first)),
                mib(Some(last))
            ),
            None => " (the memory still moved in the last samples)".into(),
        }
    );
    let _ = writeln!(out, "| t (s) | phase | RSS (MiB) | GET /health |");
    let _ = writeln!(out, "|---:|---|---:|---|");
    for s in samples {
        let probe = match &s.probe {
            Ok((status, took)) => format!("{status} in {:.1} ms", took.as_secs_f64() * 1000.0),
            Err(e) => format!("no answer: {e}"),
        };
        let _ = writeln!(
            out,
            "| {:.0} | {} | {} | {probe} |",
            s.at.as_secs_f64(),
            if s.loaded { "load" } else { "after" },
            mib(s.rss)
        );
    }
    let _ = writeln!(
        out,
        "\nThe load ended at {:.0} s ({} samples during it, {} after).",
        load_ended.as_secs_f64(),
        during.len(),
        after.len()
    );
    out
}
