//! The benchmark's report, as Markdown.

use std::fmt::Write;

use crate::{Args, SMALL, target::Target, wrk::Figures};

/// One wrk run.
pub struct Measure {
    /// The target's name.
    pub target: String,
    /// What was asked.
    pub case: String,
    /// How many objects the class held.
    pub objects: usize,
    /// What wrk measured.
    pub figures: Figures,
}

/// A target's memory before and after its classes were filled.
pub struct Memory {
    /// The target's name.
    pub target: String,
    /// Resident bytes before.
    pub before: Option<u64>,
    /// Resident bytes after the classes were filled.
    pub after: Option<u64>,
    /// Resident bytes after the finds (which may have built indexes).
    pub after_finds: Option<u64>,
    /// Objects stored in between.
    pub objects: usize,
}

/// The whole report.
pub fn markdown(
    args: &Args,
    targets: &[Target],
    measures: &[Measure],
    memory: &[Memory],
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Benchmarks\n");
    let _ = writeln!(
        out,
        "Written by `bench/run.sh` ({}). Load: wrk, 2 threads, 16 connections, {} s per \
         measure, loopback, client requests with the REST API key. Ratios measured in one \
         run are the figures to trust; absolute numbers move from run to run.\n",
        machine(),
        args.seconds
    );
    let _ = writeln!(out, "## Finds, by class size\n");
    let _ = writeln!(
        out,
        "| target | query | req/s, {SMALL} objects | p50 / p99 ms | req/s, {} objects | p50 / p99 ms | large / small | errors |",
        args.objects
    );
    let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---:|---:|");
    for target in targets {
        for (case, small, large) in pairs(measures, &target.name, args.objects) {
            let _ = writeln!(
                out,
                "| {} | {case} | {:.0} | {:.2} / {:.2} | {:.0} | {:.2} / {:.2} | {:.2} | {} |",
                target.name,
                small.requests_per_second,
                small.p50_ms,
                small.p99_ms,
                large.requests_per_second,
                large.p50_ms,
                large.p99_ms,
                large.requests_per_second / small.requests_per_second,
                small.errors + large.errors,
            );
        }
    }
    if let [reference, other, ..] = targets {
        let _ = writeln!(out, "\n## The reference server against {}\n", other.name);
        let _ = writeln!(
            out,
            "| query | objects | reference req/s | {} req/s | ratio |",
            other.name
        );
        let _ = writeln!(out, "|---|---:|---:|---:|---:|");
        for m in measures.iter().filter(|m| m.target == reference.name) {
            let theirs = measures
                .iter()
                .find(|o| o.target == other.name && o.case == m.case && o.objects == m.objects);
            if let Some(theirs) = theirs {
                let _ = writeln!(
                    out,
                    "| {} | {} | {:.0} | {:.0} | {:.1}x |",
                    m.case,
                    m.objects,
                    m.figures.requests_per_second,
                    theirs.figures.requests_per_second,
                    m.figures.requests_per_second / theirs.figures.requests_per_second
                );
            }
        }
    }
    let _ = writeln!(out, "\n## Memory\n");
    let _ = writeln!(
        out,
        "| target | resident before | after storing | objects stored | bytes per object | after the finds |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|");
    for m in memory {
        let per_object = match (m.before, m.after) {
            (Some(before), Some(after)) => {
                format!(
                    "{:.0}",
                    after.saturating_sub(before) as f64 / m.objects as f64
                )
            }
            _ => "unknown".into(),
        };
        let mib = |b: Option<u64>| {
            b.map_or("unknown".into(), |b| {
                format!("{:.1} MiB", b as f64 / 1048576.0)
            })
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {per_object} | {} |",
            m.target,
            mib(m.before),
            mib(m.after),
            m.objects,
            mib(m.after_finds)
        );
    }
    let _ = writeln!(
        out,
        "\nObjects are `{{\"name\": \"n<i>\", \"group\": i % 50, \"flag\": i even}}`, stored \
         through /batch with the master key, without ACL. For Parse Server the memory is its \
         Node.js process only (PostgreSQL holds the rows)."
    );
    out
}

/// For one target, each case's figures at the small and the large size.
fn pairs<'a>(
    measures: &'a [Measure],
    target: &str,
    large: usize,
) -> Vec<(&'a str, &'a Figures, &'a Figures)> {
    let of = |case: &str, objects: usize| {
        measures
            .iter()
            .find(|m| m.target == target && m.case == case && m.objects == objects)
            .map(|m| &m.figures)
    };
    let mut out = Vec::new();
    for m in measures
        .iter()
        .filter(|m| m.target == target && m.objects == SMALL)
    {
        if let Some(big) = of(&m.case, large) {
            out.push((m.case.as_str(), &m.figures, big));
        }
    }
    out
}

/// The machine, in one phrase: CPU model and cores.
fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    format!("{cpu}, {cores} cores")
}
