//! The machine the benchmark ran on, read from /proc, and the tools' versions.

use std::process::Command;

/// The machine, for the report.
#[derive(Clone, Debug, Default)]
pub struct Machine {
    /// CPU model name.
    pub cpu: String,
    /// CPUs this process may use.
    pub cores: usize,
    /// Total memory, in bytes.
    pub memory: u64,
    /// Kernel release.
    pub kernel: String,
    /// The load averages when the run began (1, 5, 15 minutes).
    pub load: String,
    /// The date, UTC.
    pub date: String,
    /// wrk's version line.
    pub wrk: String,
}

/// Reads what describes this machine now.
pub fn describe() -> Machine {
    let read = |path: &str| std::fs::read_to_string(path).unwrap_or_default();
    let cpu = read("/proc/cpuinfo")
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map_or_else(|| "unknown CPU".into(), |m| m.trim().to_owned());
    let memory = read("/proc/meminfo")
        .lines()
        .find(|l| l.starts_with("MemTotal:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kib| kib.parse::<u64>().ok())
        .map_or(0, |kib| kib * 1024);
    Machine {
        cpu,
        cores: std::thread::available_parallelism().map_or(0, usize::from),
        memory,
        kernel: read("/proc/sys/kernel/osrelease").trim().to_owned(),
        load: load(),
        date: output("date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
        wrk: output("wrk", &["-v"])
            .lines()
            .next()
            .unwrap_or_default()
            .split(" Copyright")
            .next()
            .unwrap_or_default()
            .to_owned(),
    }
}

/// The load averages now (1, 5, 15 minutes).
pub fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first output (stdout, else stderr) of a command, trimmed.
fn output(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .map(|o| {
            let text = if o.stdout.is_empty() {
                o.stderr
            } else {
                o.stdout
            };
            String::from_utf8_lossy(&text).trim().to_owned()
        })
        .unwrap_or_default()
}

/// Busy and total CPU time of the whole machine so far, in ticks, from
/// /proc/stat: busy is user, nice, system, irq and softirq time; the total
/// adds idle and iowait (steal, time another guest of the host took, is
/// neither).
fn cpu_ticks() -> Option<(u64, u64)> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let fields: Vec<u64> = stat
        .lines()
        .next()?
        .split_whitespace()
        .skip(1)
        .map(|n| n.parse().unwrap_or(0))
        .collect();
    let field = |i: usize| fields.get(i).copied().unwrap_or(0);
    let busy = field(0) + field(1) + field(2) + field(5) + field(6);
    Some((busy, busy + field(3) + field(4)))
}

/// The share of CPU time the machine was busy under which it counts as idle.
const IDLE_BELOW: f64 = 0.15;

/// Waits, up to `max`, until the machine was idle (busy under 15%) for half
/// a second: after the classes are filled PostgreSQL vacuums and Node
/// collects garbage for a while, and a measure taken then would share the
/// CPUs with them. How long it waited.
pub async fn settle(max: std::time::Duration) -> std::time::Duration {
    let start = std::time::Instant::now();
    let window = std::time::Duration::from_millis(500);
    while start.elapsed() < max {
        let Some((busy0, total0)) = cpu_ticks() else {
            break;
        };
        tokio::time::sleep(window).await;
        let Some((busy1, total1)) = cpu_ticks() else {
            break;
        };
        let total = total1.saturating_sub(total0);
        if total == 0 || (busy1.saturating_sub(busy0) as f64) < IDLE_BELOW * total as f64 {
            break;
        }
    }
    start.elapsed()
}
