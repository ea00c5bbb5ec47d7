//! The embedded target: the reference server, started in-process on a free
//! loopback port, so that a bare `cargo run` has something to test.
//!
//! Several instances of the same app run side by side, as with the real Parse
//! Server target: the main one, which verifies emails; one that also has
//! `preventLoginWithUnverifiedEmail` (capability `prevent-login-unverified`:
//! the option changes every sign-up, so it cannot be on in the main one);
//! one that does not verify emails (capability `no-email-verification`);
//! one whose sessions expire after [`EMBEDDED_SESSION_LENGTH`] seconds
//! (capability `session-length`); one with every client key set
//! (`client-keys`), one with none (`no-client-keys`); and one that allows
//! CORS from [`EMBEDDED_ALLOWED_ORIGINS`] only (`cors-allow-list`).

use parse_mock_server::{AccountLockout, Config, RequestComplexity, mail::SmtpOptions};
use tokio::{net::TcpListener, sync::oneshot, task::JoinHandle};

use crate::target::Target;

/// bcrypt cost used by the embedded server: the minimum, for a fast run.
/// Passwords are still real bcrypt hashes; a standalone `parse-mock-server`
/// uses Parse Server's cost of 10.
const EMBEDDED_BCRYPT_COST: u32 = 4;

/// `accountLockout` of the embedded server: 3 failed logins lock an account
/// for 0.05 minutes (3 s), so that the
/// lockout scenarios stay fast while a password reset fits in a lockout.
/// The capability `lockout` declares the same settings to the steps.
const EMBEDDED_LOCKOUT: (u32, f64) = (3, 0.05);

/// `sessionLength` of the embedded instance for the capability
/// `session-length`, in seconds: short, so that expiry scenarios stay fast.
const EMBEDDED_SESSION_LENGTH: u64 = 2;
/// `maxUploadSize` of the embedded server: the Parse REST guide's 10
/// megabytes, as for the Parse Server target; the capability
/// `max-upload-size` declares it to the steps.
const EMBEDDED_MAX_UPLOAD_SIZE: usize = 10 * 1024 * 1024;

/// `requestComplexity` of the embedded server: the limits Parse Server
/// announces as its next defaults, as targets/parse-server/config.js sets
/// them; the capability `request-complexity` declares them to the steps.
const EMBEDDED_REQUEST_COMPLEXITY: RequestComplexity = RequestComplexity {
    include_depth: 10,
    include_count: 100,
    subquery_depth: 10,
    query_depth: 10,
    batch_request_limit: 100,
};

/// `allowOrigin` of the embedded instance for the capability
/// `cors-allow-list`: CORS from these origins only.
const EMBEDDED_ALLOWED_ORIGINS: [&str; 2] =
    ["https://app.example.com", "https://admin.example.com"];

/// The application id of the embedded server.
const APP_ID: &str = "parse-conformance";

/// One running instance: how to stop it, and its task.
struct Instance {
    shutdown: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
}

/// The running embedded reference server. Dropping it stops it.
pub struct Embedded {
    /// How the suite reaches it.
    pub target: Target,
    instances: Vec<Instance>,
}

/// Binds a free loopback port and serves `configure`d reference server on
/// it; returns its mount URL.
async fn spawn(
    keys: &(String, String),
    smtp_port: u16,
    configure: impl FnOnce(&mut Config),
) -> std::io::Result<(String, Instance)> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let url = format!("http://{addr}/parse");
    let (master_key, rest_api_key) = keys;
    let mut config = Config::new(APP_ID, master_key.clone());
    config.rest_api_key = Some(rest_api_key.clone());
    config.host = addr.ip().to_string();
    config.port = addr.port();
    config.server_url = Some(url.clone());
    config.bcrypt_cost = EMBEDDED_BCRYPT_COST;
    config.app_name = Some(APP_ID.to_owned());
    config.public_server_url = Some(url.clone());
    config.verify_user_emails = true;
    config.max_upload_size = EMBEDDED_MAX_UPLOAD_SIZE;
    config.request_complexity = EMBEDDED_REQUEST_COMPLEXITY;
    config.account_lockout = Some(AccountLockout {
        threshold: EMBEDDED_LOCKOUT.0,
        duration: EMBEDDED_LOCKOUT.1,
        unlock_on_password_reset: true,
    });
    config.email_adapter = Some(SmtpOptions {
        host: "127.0.0.1".to_owned(),
        port: smtp_port,
        from_address: "parse-mock-server@localhost".to_owned(),
    });
    configure(&mut config);
    let (shutdown, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(parse_mock_server::serve(listener, config, async {
        let _ = rx.await;
    }));
    Ok((url, Instance { shutdown, task }))
}

impl Embedded {
    /// Starts the reference server on `127.0.0.1` with random keys,
    /// verifying emails, and sending its mail to the SMTP sink on
    /// `127.0.0.1:smtp_port`.
    pub async fn start(smtp_port: u16) -> std::io::Result<Embedded> {
        let keys = (
            format!("{:032x}", rand::random::<u128>()),
            format!("{:032x}", rand::random::<u128>()),
        );
        let (url, main) = spawn(&keys, smtp_port, |_| {}).await?;
        let (verify_first_url, verify_first) = spawn(&keys, smtp_port, |config| {
            config.prevent_login_with_unverified_email = true;
        })
        .await?;
        let (unverified_url, unverified) = spawn(&keys, smtp_port, |config| {
            config.verify_user_emails = false;
        })
        .await?;
        let (short_sessions_url, short_sessions) = spawn(&keys, smtp_port, |config| {
            config.session_length = EMBEDDED_SESSION_LENGTH;
        })
        .await?;
        let client_keys = ClientKeys::random(&keys.1);
        let (client_keys_url, client_keys_instance) = spawn(&keys, smtp_port, |config| {
            config.javascript_key = Some(client_keys.javascript_key.clone());
            config.client_key = Some(client_keys.client_key.clone());
            config.dot_net_key = Some(client_keys.windows_key.clone());
        })
        .await?;
        let (no_client_keys_url, no_client_keys) = spawn(&keys, smtp_port, |config| {
            config.rest_api_key = None;
        })
        .await?;
        let (cors_url, cors) = spawn(&keys, smtp_port, |config| {
            config.allow_origin = EMBEDDED_ALLOWED_ORIGINS.map(str::to_owned).to_vec();
        })
        .await?;
        let mut capabilities = reference_capabilities(
            &[
                ("prevent-login-unverified", &verify_first_url),
                ("no-email-verification", &unverified_url),
                ("no-client-keys", &no_client_keys_url),
            ],
            &short_sessions_url,
        );
        capabilities.insert(
            "client-keys".into(),
            toml::Value::Table(client_keys.capability(&client_keys_url)),
        );
        let mut cors_allow_list = toml::Table::new();
        cors_allow_list.insert("url".into(), cors_url.into());
        cors_allow_list.insert(
            "origins".into(),
            toml::Value::Array(EMBEDDED_ALLOWED_ORIGINS.map(toml::Value::from).to_vec()),
        );
        capabilities.insert(
            "cors-allow-list".into(),
            toml::Value::Table(cors_allow_list),
        );
        let (master_key, rest_api_key) = keys;
        Ok(Embedded {
            target: Target {
                name: "parse-mock-server (embedded)".to_owned(),
                url,
                app_id: APP_ID.to_owned(),
                rest_api_key: Some(rest_api_key),
                master_key: Some(master_key),
                capabilities,
                expected_failures: Default::default(),
                smtp_sink: Some(format!("127.0.0.1:{smtp_port}")),
                mailbox_url: None,
                connect_timeout: None,
                request_timeout: None,
            },
            instances: vec![
                main,
                verify_first,
                unverified,
                short_sessions,
                client_keys_instance,
                no_client_keys,
                cors,
            ],
        })
    }

    /// Stops the server and waits for it to finish.
    pub async fn stop(mut self) {
        for instance in std::mem::take(&mut self.instances) {
            let _ = instance.shutdown.send(());
            let _ = instance.task.await;
        }
    }
}

impl Drop for Embedded {
    fn drop(&mut self) {
        for instance in self.instances.drain(..) {
            let _ = instance.shutdown.send(());
        }
    }
}

/// The client keys of the `client-keys` instance, each its own random value
/// (the REST API key is the main instance's).
struct ClientKeys {
    rest_api_key: String,
    javascript_key: String,
    client_key: String,
    windows_key: String,
}

impl ClientKeys {
    fn random(rest_api_key: &str) -> ClientKeys {
        let key = || format!("{:032x}", rand::random::<u128>());
        ClientKeys {
            rest_api_key: rest_api_key.to_owned(),
            javascript_key: key(),
            client_key: key(),
            windows_key: key(),
        }
    }

    /// The capability's settings, as a profile writes them.
    fn capability(&self, url: &str) -> toml::Table {
        let mut table = toml::Table::new();
        table.insert("url".into(), url.into());
        table.insert("rest_api_key".into(), self.rest_api_key.as_str().into());
        table.insert("javascript_key".into(), self.javascript_key.as_str().into());
        table.insert("client_key".into(), self.client_key.as_str().into());
        table.insert("windows_key".into(), self.windows_key.as_str().into());
        table
    }
}

/// What the reference server offers, by capability tag; `instances` are
/// the capabilities served by an instance of their own, with its URL, and
/// `short_sessions_url` the instance for `session-length`.
fn reference_capabilities(instances: &[(&str, &str)], short_sessions_url: &str) -> toml::Table {
    let mut table = toml::Table::new();
    for capability in [
        "auth-providers",
        "email",
        "email-verification",
        "request-complexity",
        "unlock-on-password-reset",
    ] {
        table.insert(capability.into(), toml::Value::Boolean(true));
    }
    let mut lockout = toml::Table::new();
    let (threshold, duration) = EMBEDDED_LOCKOUT;
    lockout.insert("threshold".into(), toml::Value::Integer(threshold.into()));
    lockout.insert("duration_minutes".into(), toml::Value::Float(duration));
    table.insert("lockout".into(), toml::Value::Table(lockout));
    let mut session_length = toml::Table::new();
    session_length.insert("url".into(), short_sessions_url.into());
    let seconds = i64::try_from(EMBEDDED_SESSION_LENGTH).unwrap_or(i64::MAX);
    session_length.insert("seconds".into(), toml::Value::Integer(seconds));
    table.insert("session-length".into(), toml::Value::Table(session_length));
    let mut upload = toml::Table::new();
    let bytes = i64::try_from(EMBEDDED_MAX_UPLOAD_SIZE).unwrap_or(i64::MAX);
    upload.insert("bytes".into(), toml::Value::Integer(bytes));
    table.insert("max-upload-size".into(), toml::Value::Table(upload));
    for (capability, url) in instances {
        let mut instance = toml::Table::new();
        instance.insert("url".into(), (*url).into());
        table.insert((*capability).into(), toml::Value::Table(instance));
    }
    table
}
