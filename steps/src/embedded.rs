//! The embedded target: the reference server, started in-process on a free
//! loopback port, so that a bare `cargo run` has something to test.

use parse_mock_server::{Config, mail::SmtpOptions};
use tokio::{net::TcpListener, sync::oneshot, task::JoinHandle};

use crate::target::Target;

/// bcrypt cost used by the embedded server: the minimum, for a fast run.
/// Passwords are still real bcrypt hashes; a standalone `parse-mock-server`
/// uses Parse Server's cost of 10.
const EMBEDDED_BCRYPT_COST: u32 = 4;

/// A running embedded reference server. Dropping it stops the server.
pub struct Embedded {
    /// How the suite reaches it.
    pub target: Target,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

impl Embedded {
    /// Starts the reference server on `127.0.0.1` with a random master key,
    /// verifying emails, and sending its mail to the SMTP sink on
    /// `127.0.0.1:smtp_port`.
    pub async fn start(smtp_port: u16) -> std::io::Result<Embedded> {
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
        config.app_name = Some("parse-conformance".to_owned());
        config.public_server_url = Some(url.clone());
        config.verify_user_emails = true;
        config.email_adapter = Some(SmtpOptions {
            host: "127.0.0.1".to_owned(),
            port: smtp_port,
            from_address: "parse-mock-server@localhost".to_owned(),
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
                smtp_sink: Some(format!("127.0.0.1:{smtp_port}")),
                mailbox_url: None,
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
    for capability in ["auth-providers", "email", "email-verification"] {
        table.insert(capability.into(), toml::Value::Boolean(true));
    }
    table
}
