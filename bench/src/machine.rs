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
