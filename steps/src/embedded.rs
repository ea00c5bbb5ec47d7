//! The embedded target: the reference server, started in-process on a free
//! loopback port, so that a bare `cargo run` has something to test.

use parse_mock_server::{AccountLockout, Config};
use tokio::{net::TcpListener, sync::oneshot, task::JoinHandle};

use crate::target::Target;

/// bcrypt cost used by the embedded server: the minimum, for a fast run.
/// Passwords are still real bcrypt hashes; a standalone `parse-mock-server`
/// uses Parse Server's cost of 10.
const EMBEDDED_BCRYPT_COST: u32 = 4;

/// `accountLockout` of the embedded server: 3 failed logins lock an account
/// for 0.02 minutes (1.2 s), so that the lockout scenarios stay fast. The
/// capability `lockout` declares the same settings to the steps.
const EMBEDDED_LOCKOUT: (u32, f64) = (3, 0.02);

/// A running embedded reference server. Dropping it stops the server.
pub struct Embedded {
    /// How the suite reaches it.
    pub target: Target,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

impl Embedded {
    /// Starts the reference server on `127.0.0.1` with a random master key.
    pub async fn start() -> std::io::Result<Embedded> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let url = format!("http://{addr}/parse");
        let master_key = format!("{:032x}", rand::random::<u128>());
        let rest_api_key = format!("{:032x}", rand::random::<u128>());

        let mut config = Config::new("parse-conformance", master_key.clone());
        config.rest_api_key = Some(rest_api_key.clone());
        config.host = addr.ip().to_string();
        config.port = addr.port();
        config.server_url = Some(url.clone());
        config.bcrypt_cost = EMBEDDED_BCRYPT_COST;
        config.account_lockout = Some(AccountLockout {
            threshold: EMBEDDED_LOCKOUT.0,
            duration: EMBEDDED_LOCKOUT.1,
            unlock_on_password_reset: false,
        });

        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(parse_mock_server::serve(listener, config, async {
            let _ = rx.await;
        }));
        Ok(Embedded {
            target: Target {
                name: "parse-mock-server (embedded)".to_owned(),
                url,
                app_id: "parse-conformance".to_owned(),
                rest_api_key: Some(rest_api_key),
                master_key: Some(master_key),
                capabilities: reference_capabilities(),
                expected_failures: Default::default(),
            },
            shutdown: Some(tx),
            task: Some(task),
        })
    }

    /// Stops the server and waits for it to finish.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Embedded {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// What the reference server offers, by capability tag.
fn reference_capabilities() -> toml::Table {
    let mut table = toml::Table::new();
    table.insert("auth-providers".into(), toml::Value::Boolean(true));
    let mut lockout = toml::Table::new();
    let (threshold, duration) = EMBEDDED_LOCKOUT;
    lockout.insert("threshold".into(), toml::Value::Integer(threshold.into()));
    lockout.insert("duration_minutes".into(), toml::Value::Float(duration));
    table.insert("lockout".into(), toml::Value::Table(lockout));
    table
}
