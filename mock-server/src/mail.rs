//! Outgoing mail: the verification and password-reset emails, sent over real
//! SMTP (lettre) to the host and port of the `emailAdapter` option.
//!
//! The option has the shape of parse-server's own `emailAdapter`:
//!
//! ```json
//! "emailAdapter": {"module": "smtp", "options": {"host": "127.0.0.1", "port": 2525, "fromAddress": "app@example.com"}}
//! ```
//!
//! As with Parse Server, a mail is sent in the background: the request that
//! caused it does not wait for it, and a mail server that is down makes no
//! request fail (the failure is logged).

use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor, message::header::ContentType,
};
use serde_json::Value;

use crate::config::ConfigError;

/// Where mail goes: an SMTP server without authentication or TLS, such as a
/// local relay or a test sink.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SmtpOptions {
    /// SMTP host.
    pub host: String,
    /// SMTP port.
    pub port: u16,
    /// The `From` address.
    pub from_address: String,
}

impl SmtpOptions {
    /// Reads an `emailAdapter` option. Only the `smtp` module is implemented.
    pub fn from_adapter(adapter: &Value) -> Result<SmtpOptions, ConfigError> {
        let module = adapter.get("module").and_then(Value::as_str);
        if module != Some("smtp") {
            return Err(ConfigError(format!(
                "emailAdapter: only {{\"module\": \"smtp\", \"options\": {{host, port, fromAddress}}}} is implemented, got {adapter}"
            )));
        }
        let options = adapter.get("options").cloned().unwrap_or(Value::Null);
        let host = options
            .get("host")
            .and_then(Value::as_str)
            .unwrap_or("127.0.0.1")
            .to_owned();
        let port = match options.get("port") {
            None => 25,
            Some(port) => port
                .as_u64()
                .or_else(|| port.as_str().and_then(|p| p.parse().ok()))
                .and_then(|p| u16::try_from(p).ok())
                .ok_or_else(|| ConfigError(format!("emailAdapter: bad port {port}")))?,
        };
        let from_address = options
            .get("fromAddress")
            .and_then(Value::as_str)
            .unwrap_or("parse-mock-server@localhost")
            .to_owned();
        Ok(SmtpOptions {
            host,
            port,
            from_address,
        })
    }
}

/// One plain-text mail.
#[derive(Clone, Debug)]
pub struct Mail {
    /// The recipient's address.
    pub to: String,
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub text: String,
}

/// Sends mail over SMTP.
#[derive(Clone, Debug)]
pub struct Mailer {
    options: SmtpOptions,
    transport: AsyncSmtpTransport<Tokio1Executor>,
}

impl Mailer {
    /// A mailer for these options. No connection is made until a mail is sent.
    pub fn new(options: SmtpOptions) -> Mailer {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&options.host)
            .port(options.port)
            .build();
        Mailer { options, transport }
    }

    /// Sends `mail` in the background; a failure is logged, never returned.
    pub fn send_in_background(&self, mail: Mail) {
        let mailer = self.clone();
        tokio::spawn(async move {
            if let Err(e) = mailer.send(&mail).await {
                tracing::warn!(
                    "could not send {:?} to {} through {}:{}: {e}",
                    mail.subject,
                    mail.to,
                    mailer.options.host,
                    mailer.options.port
                );
            }
        });
    }

    /// Sends `mail` and waits for the SMTP server to accept it.
    pub async fn send(&self, mail: &Mail) -> Result<(), String> {
        let message = Message::builder()
            .from(
                self.options
                    .from_address
                    .parse()
                    .map_err(|e| format!("{e}"))?,
            )
            .to(mail.to.parse().map_err(|e| format!("{e}"))?)
            .subject(mail.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(mail.text.clone())
            .map_err(|e| e.to_string())?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reads_parse_servers_adapter_shape() {
        let options = SmtpOptions::from_adapter(&json!({
            "module": "smtp",
            "options": {"host": "mail.local", "port": 2525, "fromAddress": "app@example.com"}
        }))
        .unwrap();
        assert_eq!(
            options,
            SmtpOptions {
                host: "mail.local".into(),
                port: 2525,
                from_address: "app@example.com".into()
            }
        );
    }

    #[test]
    fn refuses_other_modules() {
        let err = SmtpOptions::from_adapter(&json!({"module": "parse-server-mailgun"}));
        assert!(err.is_err());
    }
}
