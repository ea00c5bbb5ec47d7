//! Running `wrk` (Debian's package) against one URL and reading its figures.

use std::{path::Path, process::Command};

use anyhow::{Context, Result, bail};

/// What one wrk run measured.
#[derive(Clone, Debug, Default)]
pub struct Figures {
    /// Requests per second.
    pub requests_per_second: f64,
    /// Median latency, in milliseconds.
    pub p50_ms: f64,
    /// 99th percentile latency, in milliseconds.
    pub p99_ms: f64,
    /// Non-2xx answers plus socket errors.
    pub errors: u64,
}

/// The load: threads, connections and seconds, as `wrk -t -c -d`.
#[derive(Clone, Copy, Debug)]
pub struct Load {
    /// wrk threads.
    pub threads: u32,
    /// Open connections.
    pub connections: u32,
    /// Seconds per run.
    pub seconds: u32,
}

/// Runs wrk with these headers against `url` (GET), or with `script` (a Lua
/// file that sets method, body and headers) when given.
pub fn run(
    load: Load,
    url: &str,
    headers: &[(String, String)],
    script: Option<&Path>,
) -> Result<Figures> {
    let mut command = Command::new("wrk");
    command
        .arg(format!("-t{}", load.threads))
        .arg(format!("-c{}", load.connections))
        .arg(format!("-d{}s", load.seconds))
        .arg("--latency");
    for (name, value) in headers {
        command.arg("-H").arg(format!("{name}: {value}"));
    }
    if let Some(script) = script {
        command.arg("-s").arg(script);
    }
    command.arg(url);
    let output = command
        .output()
        .context("running wrk (install it: apt-get install wrk)")?;
    if !output.status.success() {
        bail!("wrk failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    // A Lua error (a bad script) goes to stderr while wrk still succeeds.
    let errors = String::from_utf8_lossy(&output.stderr);
    if !errors.trim().is_empty() {
        bail!("wrk: {errors}");
    }
    parse(&String::from_utf8_lossy(&output.stdout))
}

/// Reads wrk's `--latency` report.
pub fn parse(report: &str) -> Result<Figures> {
    let mut figures = Figures::default();
    for line in report.lines().map(str::trim) {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["Requests/sec:", rate] => figures.requests_per_second = rate.parse()?,
            ["50%", latency] => figures.p50_ms = millis(latency)?,
            ["99%", latency] => figures.p99_ms = millis(latency)?,
            ["Non-2xx", "or", "3xx", "responses:", n] => figures.errors += n.parse::<u64>()?,
            ["Socket", "errors:", rest @ ..] => {
                figures.errors += rest
                    .iter()
                    .filter_map(|w| w.trim_end_matches(',').parse::<u64>().ok())
                    .sum::<u64>();
            }
            _ => {}
        }
    }
    if figures.requests_per_second == 0.0 {
        bail!("wrk reported no requests:\n{report}");
    }
    Ok(figures)
}

/// `812.00us`, `1.25ms`, `2.00s` → milliseconds.
fn millis(text: &str) -> Result<f64> {
    let split = text
        .find(|c: char| c.is_ascii_alphabetic())
        .context("a latency without unit")?;
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse()?;
    Ok(match unit {
        "us" => number / 1000.0,
        "ms" => number,
        "s" => number * 1000.0,
        "m" => number * 60_000.0,
        other => bail!("unknown latency unit {other}"),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_rate_latencies_and_errors() {
        let report = "Running 1s test @ http://x\n  Latency Distribution\n     50%  812.00us\n     75%    1.00ms\n     90%    1.50ms\n     99%    2.25ms\n  1000 requests in 1.00s, 1.00MB read\n  Socket errors: connect 0, read 2, write 0, timeout 1\n  Non-2xx or 3xx responses: 3\nRequests/sec:   24000.50\nTransfer/sec:      2.00MB\n";
        let figures = super::parse(report).unwrap();
        assert_eq!(figures.requests_per_second, 24000.5);
        assert_eq!(figures.p50_ms, 0.812);
        assert_eq!(figures.p99_ms, 2.25);
        assert_eq!(figures.errors, 6);
    }
}
