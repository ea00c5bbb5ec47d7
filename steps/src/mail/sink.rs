//! The runner's SMTP sink: a real SMTP server (mailin-embedded) on a
//! loopback port that accepts every mail and keeps it in memory.
//!
//! It runs on threads of its own for the rest of the process; it speaks
//! plain SMTP without authentication or TLS, as a test relay does.

use std::{
    net::{SocketAddr, TcpListener},
    sync::{Arc, Mutex, MutexGuard},
};

use mailin_embedded::{Handler, Response, Server, response};

use super::Mail;

/// A running SMTP sink.
#[derive(Clone, Debug)]
pub struct SmtpSink {
    address: SocketAddr,
    mails: Arc<Mutex<Vec<Mail>>>,
}

impl SmtpSink {
    /// Starts a sink listening on `address` (port 0 picks a free port).
    pub fn start(address: &str) -> Result<SmtpSink, String> {
        let listener = TcpListener::bind(address)
            .map_err(|e| format!("the SMTP sink cannot listen on {address}: {e}"))?;
        let address = listener
            .local_addr()
            .map_err(|e| format!("the SMTP sink has no address: {e}"))?;
        let mails = Arc::new(Mutex::new(Vec::new()));
        let handler = Collector {
            mails: Arc::clone(&mails),
            recipients: Vec::new(),
            data: Vec::new(),
        };
        let mut server = Server::new(handler);
        server
            .with_name("parse-conformance")
            .with_num_threads(4)
            .with_tcp_listener(listener);
        std::thread::Builder::new()
            .name("smtp-sink".into())
            .spawn(move || {
                if let Err(e) = server.serve() {
                    eprintln!("parse-conformance: the SMTP sink stopped: {e}");
                }
            })
            .map_err(|e| format!("cannot start the SMTP sink: {e}"))?;
        Ok(SmtpSink { address, mails })
    }

    /// Where it listens.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Every mail received so far for `address`, oldest first.
    pub fn mails_to(&self, address: &str) -> Vec<Mail> {
        lock(&self.mails)
            .iter()
            .filter(|m| m.is_to(address))
            .cloned()
            .collect()
    }
}

fn lock(mails: &Mutex<Vec<Mail>>) -> MutexGuard<'_, Vec<Mail>> {
    mails.lock().unwrap_or_else(|e| e.into_inner())
}

/// The SMTP session handler: gathers one message and stores it decoded.
#[derive(Clone, Debug)]
struct Collector {
    mails: Arc<Mutex<Vec<Mail>>>,
    recipients: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Collector {
    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.recipients = to.to_vec();
        self.data.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        match Mail::parse(&self.data, &self.recipients) {
            Ok(mail) => {
                lock(&self.mails).push(mail);
                response::OK
            }
            Err(e) => {
                eprintln!("parse-conformance: the SMTP sink refused a mail: {e}");
                response::INTERNAL_ERROR
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::{
        io::{BufRead, BufReader, Write},
        net::TcpStream,
    };

    use super::*;

    /// Speaks SMTP to the sink as a mail server would, and reads the mail back.
    #[test]
    fn receives_a_mail_over_smtp() {
        let sink = SmtpSink::start("127.0.0.1:0").unwrap();
        let stream = TcpStream::connect(sink.address()).unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut writer = stream;
        let mut line = String::new();
        let mut expect = |reader: &mut BufReader<TcpStream>, code: &str| loop {
            line.clear();
            reader.read_line(&mut line).unwrap();
            assert!(line.starts_with(code), "expected {code}, got {line:?}");
            if line.as_bytes().get(3) == Some(&b' ') {
                break;
            }
        };
        expect(&mut reader, "220");
        for (command, code) in [
            ("HELO test\r\n", "250"),
            ("MAIL FROM:<app@example.com>\r\n", "250"),
            ("RCPT TO:<ann@example.com>\r\n", "250"),
            ("DATA\r\n", "354"),
            (
                "Subject: Hello\r\nTo: ann@example.com\r\n\r\nSee https://example.com/x?token=1\r\n.\r\n",
                "250",
            ),
            ("QUIT\r\n", "221"),
        ] {
            writer.write_all(command.as_bytes()).unwrap();
            expect(&mut reader, code);
        }
        let mails = sink.mails_to("ann@example.com");
        assert_eq!(mails.len(), 1);
        assert_eq!(mails[0].subject, "Hello");
        assert_eq!(mails[0].links(), vec!["https://example.com/x?token=1"]);
        assert!(sink.mails_to("bob@example.com").is_empty());
    }
}
