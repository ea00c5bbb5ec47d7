//! Reading the mail a target sends: the verification and password-reset
//! emails of the guide's Users section.
//!
//! Two ways, one interface ([`Mailbox`]):
//! - [`sink`]: an SMTP server of the runner's own on a loopback port, which
//!   keeps every mail it receives in memory. The target's mail settings point
//!   at it (the embedded reference server is configured so automatically).
//! - [`mailpit`]: the HTTP API of a Mailpit-compatible mail catcher, for
//!   targets whose mail goes elsewhere (`--mailbox-url`).
//!
//! Mails are found by recipient address: every scenario uses addresses of
//! its own, so scenarios running at the same time never see each other's mail.

pub mod mailpit;
pub mod sink;

use std::sync::LazyLock;

use regex::Regex;

/// One received mail, decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mail {
    /// Its recipients (envelope and `To:`), as given.
    pub to: Vec<String>,
    /// Its subject.
    pub subject: String,
    /// Its plain-text body, transfer encoding (e.g. quoted-printable) undone.
    pub text: String,
}

static LINK: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // a constant pattern
    Regex::new(r#"https?://[^\s"'<>]+"#).unwrap()
});

impl Mail {
    /// Whether `address` is one of its recipients (case-insensitive).
    pub fn is_to(&self, address: &str) -> bool {
        self.to.iter().any(|to| {
            let bare = to
                .rsplit_once('<')
                .map_or(to.as_str(), |(_, rest)| rest.trim_end_matches('>'));
            bare.trim().eq_ignore_ascii_case(address)
        })
    }

    /// The links in its text, in order.
    pub fn links(&self) -> Vec<String> {
        LINK.find_iter(&self.text)
            .map(|m| m.as_str().to_owned())
            .collect()
    }

    /// Reads a raw RFC 5322 message; `envelope_to` are the SMTP recipients.
    pub fn parse(raw: &[u8], envelope_to: &[String]) -> Result<Mail, String> {
        let parsed = mailparse::parse_mail(raw).map_err(|e| format!("unreadable mail: {e}"))?;
        let header = |name: &str| {
            parsed
                .headers
                .iter()
                .find(|h| h.get_key_ref().eq_ignore_ascii_case(name))
                .map(|h| h.get_value())
        };
        let mut to: Vec<String> = envelope_to.to_vec();
        if let Some(header_to) = header("To") {
            to.extend(header_to.split(',').map(|s| s.trim().to_owned()));
        }
        let text_part = parsed
            .parts()
            .find(|p| p.ctype.mimetype.eq_ignore_ascii_case("text/plain"))
            .unwrap_or(&parsed);
        let text = text_part
            .get_body()
            .map_err(|e| format!("undecodable mail body: {e}"))?;
        Ok(Mail {
            to,
            subject: header("Subject").unwrap_or_default(),
            text,
        })
    }
}

/// Where the runner reads the target's mail.
#[derive(Debug)]
pub enum Mailbox {
    /// The runner's own SMTP sink.
    Sink(sink::SmtpSink),
    /// A Mailpit-compatible HTTP API.
    Mailpit(mailpit::MailpitApi),
}

impl Mailbox {
    /// Every mail received so far for `address`, oldest first.
    pub async fn mails_to(&self, address: &str) -> Result<Vec<Mail>, String> {
        match self {
            Mailbox::Sink(sink) => Ok(sink.mails_to(address)),
            Mailbox::Mailpit(api) => api.mails_to(address).await,
        }
    }

    /// Where the mail is read, for messages.
    pub fn describe(&self) -> String {
        match self {
            Mailbox::Sink(sink) => format!("the SMTP sink on {}", sink.address()),
            Mailbox::Mailpit(api) => format!("the mailbox API at {}", api.url()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_quoted_printable_and_finds_wrapped_links() {
        let raw = b"From: app@example.com\r\nTo: Ann <ann@example.com>\r\nSubject: Please verify\r\n\
Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
Verify by following this link:\r\nhttp://127.0.0.1:1337/parse/apps/app/verify_email?token=3Dab=\r\ncd\r\n";
        let mail = Mail::parse(raw, &[]).unwrap();
        assert_eq!(mail.subject, "Please verify");
        assert!(mail.is_to("ANN@example.com"));
        assert!(!mail.is_to("bob@example.com"));
        assert_eq!(
            mail.links(),
            vec!["http://127.0.0.1:1337/parse/apps/app/verify_email?token=abcd".to_owned()]
        );
    }
}
