//! Starting the servers this benchmark owns (the reference server and the
//! bare hyper one, both built beside it) and timing their startup.

use std::{
    io::{Read, Write},
    net::{TcpListener, TcpStream},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use anyhow::{Context, Result, bail};

/// A server process this benchmark started; killed when dropped.
pub struct Server {
    /// The process.
    pub child: Child,
    /// Its port on 127.0.0.1.
    pub port: u16,
    /// From the spawn to its first 200 answer to `health_path`.
    pub startup: Duration,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A free port on 127.0.0.1.
fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// A binary built beside this one (same cargo profile).
fn sibling(name: &str) -> Result<PathBuf> {
    let exe = std::env::current_exe()?;
    Ok(exe.parent().context("the benchmark's folder")?.join(name))
}

/// Starts the binary `name` (beside this one) with `args` plus `--port
/// <free port>`, and waits for a 200 answer to GET `health_path`, polling
/// every 0.2 ms, at most 30 s.
pub fn start(name: &str, args: &[String], health_path: &str) -> Result<Server> {
    let exe = sibling(name)?;
    let port = free_port()?;
    let began = Instant::now();
    let child = Command::new(&exe)
        .args(args)
        .args(["--port", &port.to_string()])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .with_context(|| format!("starting {} (bench/run.sh builds it)", exe.display()))?;
    let mut server = Server {
        child,
        port,
        startup: Duration::ZERO,
    };
    while began.elapsed() < Duration::from_secs(30) {
        if healthy(port, health_path) {
            server.startup = began.elapsed();
            return Ok(server);
        }
        if let Some(status) = server.child.try_wait()? {
            bail!("{} exited at start: {status}", exe.display());
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    bail!("{} did not answer {health_path} within 30 s", exe.display())
}

/// One raw HTTP/1.1 GET: true on a 200 answer.
fn healthy(port: u16, path: &str) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).is_ok() && head.starts_with(b"HTTP/1.1 200")
}

/// Startup times of `runs` fresh processes, each stopped after its answer.
pub fn startup_samples(
    name: &str,
    args: &[String],
    health_path: &str,
    runs: usize,
) -> Result<Vec<Duration>> {
    (0..runs)
        .map(|_| start(name, args, health_path).map(|server| server.startup))
        .collect()
}

/// Runs the whole suite with `runner` against its embedded reference
/// server (reports in a temporary folder) and times it, start to exit.
pub fn time_suite(runner: &Path) -> Result<crate::report::SuiteRun> {
    println!("timing the whole suite: {}", runner.display());
    let reports = std::env::temp_dir().join(format!("parse-bench-suite-{}", std::process::id()));
    let began = Instant::now();
    let output = Command::new(runner)
        .arg("--reports")
        .arg(&reports)
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("running {}", runner.display()))?;
    let elapsed = began.elapsed();
    let _ = std::fs::remove_dir_all(&reports);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let summary = stdout
        .lines()
        .rev()
        .find(|line| line.starts_with("conformance:"))
        .unwrap_or("no summary line")
        .to_owned();
    Ok(crate::report::SuiteRun {
        elapsed,
        summary,
        passed: output.status.success(),
    })
}
