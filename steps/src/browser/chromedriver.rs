//! The chromedriver process: started on a free loopback port, stopped at the
//! end of the run, and never left behind.
//!
//! The browsers chromedriver starts outlive it when it is killed, and a run
//! can die without stopping anything (a broken pipe, a signal). So
//! chromedriver runs in a process group of its own, under a small shell that
//! waits for its standard input to close, which happens when the runner stops
//! it or dies, and then ends the whole group, browsers included.

use std::{path::Path, process::Stdio, time::Duration};

use tokio::{
    io::{AsyncBufReadExt as _, BufReader},
    process::{Child, Command},
};

/// The shell that starts chromedriver (`$0`) and ends its process group
/// (`kill 0`: `setsid` made the shell the leader of a group of its own) once
/// its standard input closes, then reaps chromedriver. An asynchronous
/// command of a non-interactive shell reads `/dev/null`, so only `cat` reads
/// the pipe; only chromedriver writes to standard output, so a chromedriver
/// that fails to start closes it at once.
const WATCHDOG: &str =
    r#""$0" --port=0 & exec >/dev/null; cat >/dev/null; trap '' TERM; kill -TERM 0; wait"#;

/// How long chromedriver may take to say it listens.
const START_TIMEOUT: Duration = Duration::from_secs(20);

/// How long the process group may take to end.
const STOP_TIMEOUT: Duration = Duration::from_secs(5);

/// A running chromedriver.
pub struct Chromedriver {
    child: Child,
    port: u16,
}

impl Chromedriver {
    /// Starts `binary` on a port of its own choosing and waits until it says
    /// which ("ChromeDriver was started successfully on port N.").
    pub async fn start(binary: &Path) -> Result<Chromedriver, String> {
        let mut child = Command::new("setsid")
            .args(["sh", "-c", WATCHDOG])
            .arg(binary)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| format!("cannot start {} under setsid and sh: {e}", binary.display()))?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| "chromedriver has no stdout".to_owned())?;
        let mut lines = BufReader::new(stdout).lines();
        let port = tokio::time::timeout(START_TIMEOUT, async {
            while let Ok(Some(line)) = lines.next_line().await {
                if let Some(port) = started_port(&line) {
                    return Ok(port);
                }
            }
            Err(format!("{} stopped before it listened", binary.display()))
        })
        .await
        .map_err(|_| {
            format!(
                "{} did not start within {START_TIMEOUT:?}",
                binary.display()
            )
        })??;
        // Keep reading what it prints, so that it never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Ok(Chromedriver { child, port })
    }

    /// Its WebDriver URL.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Stops it and whatever it started: its watchdog ends the process group
    /// when its standard input closes.
    pub async fn stop(&mut self) {
        drop(self.child.stdin.take());
        let ended = tokio::time::timeout(STOP_TIMEOUT, self.child.wait()).await;
        if ended.is_err() {
            let _ = self.child.kill().await;
        }
    }
}

/// The port of chromedriver's "started successfully on port N." line.
fn started_port(line: &str) -> Option<u16> {
    let rest = line.split("started successfully on port ").nth(1)?;
    rest.trim().trim_end_matches('.').parse().ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_the_port_chromedriver_chose() {
        assert_eq!(
            super::started_port("ChromeDriver was started successfully on port 41685."),
            Some(41685)
        );
        assert_eq!(
            super::started_port("Only local connections are allowed."),
            None
        );
    }
}
