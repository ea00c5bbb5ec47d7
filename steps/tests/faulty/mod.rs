//! A target that misbehaves on purpose, for the runner's fault tests.
//!
//! It is plain TCP (no HTTP library), so it can do what a real server only
//! does when something is broken: reset the connection, answer bytes that
//! are not HTTP, promise a longer body than it sends, or never answer. It
//! answers the runner's reachability probe (`GET …/health`) and
//! `GET …/serverInfo` properly, so that the run starts and each scenario
//! meets the fault; [`FaultyTarget::start_faulting_the_probe`] faults
//! those too.

use std::{net::SocketAddr, time::Duration};

use tokio::{
    io::{AsyncReadExt as _, AsyncWriteExt as _},
    net::{TcpListener, TcpStream},
    task::JoinHandle,
};

/// How the target misbehaves on every request but the probe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Reads the request, then resets the connection (TCP RST).
    Reset,
    /// Reads the request, then closes the connection without a word.
    Closes,
    /// Answers bytes that are not HTTP at all.
    Garbage,
    /// Answers HTTP 200 with a body that is not JSON.
    NotJson,
    /// Announces a 1,000-byte JSON body, sends 20 bytes of it, and closes.
    StopsMidBody,
    /// Reads the request and never answers (the connection stays open).
    Silent,
    /// Answers properly, but only after `delay`.
    Slow(Duration),
}

/// A running faulty target; it stops when dropped.
pub struct FaultyTarget {
    /// Where it listens.
    pub address: SocketAddr,
    task: JoinHandle<()>,
}

impl Drop for FaultyTarget {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl FaultyTarget {
    /// Starts a target with this fault on a free port of 127.0.0.1.
    pub async fn start(fault: Fault) -> FaultyTarget {
        FaultyTarget::spawn(fault, false).await
    }

    /// Starts a target with this fault on every request, the probe too.
    pub async fn start_faulting_the_probe(fault: Fault) -> FaultyTarget {
        FaultyTarget::spawn(fault, true).await
    }

    async fn spawn(fault: Fault, probe_too: bool) -> FaultyTarget {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a free port on 127.0.0.1");
        let address = listener.local_addr().expect("a bound address");
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, fault, probe_too));
            }
        });
        FaultyTarget { address, task }
    }

    /// The mount URL a profile points at.
    pub fn url(&self) -> String {
        format!("http://{}/parse", self.address)
    }
}

/// A proper JSON answer.
fn json_answer(body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

async fn serve(mut stream: TcpStream, fault: Fault, probe_too: bool) {
    let Some(path) = read_request(&mut stream).await else {
        return;
    };
    if probe_too {
        // Fall through to the fault.
    } else if path.ends_with("/health") {
        let _ = stream.write_all(&json_answer(r#"{"status":"ok"}"#)).await;
        return;
    }
    if path.ends_with("/serverInfo") {
        let _ = stream
            .write_all(&json_answer(r#"{"parseServerVersion":"faulty"}"#))
            .await;
        return;
    }
    match fault {
        Fault::Reset => {
            let _ = stream.set_zero_linger();
            drop(stream);
        }
        Fault::Closes => {
            let _ = stream.shutdown().await;
        }
        Fault::Garbage => {
            let _ = stream
                .write_all(b"\x16\x03\x01 this is not HTTP at all \xff\xfe\r\n\r\n")
                .await;
        }
        Fault::NotJson => {
            let body = "<html><body>Bad gateway, try later</body></html>";
            let answer = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(answer.as_bytes()).await;
        }
        Fault::StopsMidBody => {
            let answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n{\"objectId\": \"abcdef";
            let _ = stream.write_all(answer.as_bytes()).await;
            let _ = stream.flush().await;
        }
        Fault::Silent => {
            // Keep the connection open until the runner gives up.
            let mut sink = [0u8; 1024];
            while matches!(stream.read(&mut sink).await, Ok(n) if n > 0) {}
        }
        Fault::Slow(delay) => {
            tokio::time::sleep(delay).await;
            let _ = stream
                .write_all(&json_answer(
                    r#"{"objectId":"late","createdAt":"2026-11-30T00:00:00.000Z"}"#,
                ))
                .await;
        }
    }
}

/// Reads one request (head and `Content-Length` body); returns its path.
async fn read_request(stream: &mut TcpStream) -> Option<String> {
    let mut data = Vec::new();
    let mut buffer = [0u8; 4096];
    let head_end = loop {
        let n = stream.read(&mut buffer).await.ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&buffer[..n]);
        if let Some(at) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
    let length = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    while data.len() < head_end + length {
        let n = stream.read(&mut buffer).await.ok()?;
        if n == 0 {
            break;
        }
        data.extend_from_slice(&buffer[..n]);
    }
    let path = head.split_whitespace().nth(1)?.to_owned();
    Some(path)
}
