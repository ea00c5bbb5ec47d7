//! Reading mail from the HTTP API of a Mailpit-compatible mail catcher
//! (`--mailbox-url http://HOST:8025`): `GET /api/v1/search?query=to:ADDRESS`
//! lists the messages to an address, `GET /api/v1/message/ID` gives one with
//! its decoded plain-text body.

use std::time::Duration;

use serde::Deserialize;

use super::Mail;

/// A Mailpit-compatible mailbox API.
#[derive(Clone, Debug)]
pub struct MailpitApi {
    url: String,
    http: reqwest::Client,
}

/// A search result: the messages, newest first.
#[derive(Deserialize)]
struct Search {
    #[serde(default)]
    messages: Vec<Summary>,
}

#[derive(Deserialize)]
struct Summary {
    #[serde(rename = "ID")]
    id: String,
}

#[derive(Deserialize)]
struct Message {
    #[serde(rename = "To", default)]
    to: Vec<Address>,
    #[serde(rename = "Subject", default)]
    subject: String,
    #[serde(rename = "Text", default)]
    text: String,
}

#[derive(Deserialize)]
struct Address {
    #[serde(rename = "Address")]
    address: String,
}

impl MailpitApi {
    /// The API at `url` (its root, e.g. `http://127.0.0.1:8025`).
    pub fn new(url: &str) -> Result<MailpitApi, String> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| format!("cannot make the mailbox client: {e}"))?;
        Ok(MailpitApi {
            url: url.trim_end_matches('/').to_owned(),
            http,
        })
    }

    /// The API's root URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Every mail for `address`, oldest first.
    pub async fn mails_to(&self, address: &str) -> Result<Vec<Mail>, String> {
        let search: Search = self
            .get(
                &format!("{}/api/v1/search", self.url),
                &[("query", &format!("to:\"{address}\""))],
            )
            .await?;
        let mut mails = Vec::with_capacity(search.messages.len());
        for summary in search.messages.iter().rev() {
            let message: Message = self
                .get(&format!("{}/api/v1/message/{}", self.url, summary.id), &[])
                .await?;
            let mail = Mail {
                to: message.to.into_iter().map(|a| a.address).collect(),
                subject: message.subject,
                text: message.text,
            };
            if mail.is_to(address) {
                mails.push(mail);
            }
        }
        Ok(mails)
    }

    async fn get<T: serde::de::DeserializeOwned>(
        &self,
        url: &str,
        query: &[(&str, &str)],
    ) -> Result<T, String> {
        let response = self
            .http
            .get(url)
            .query(query)
            .send()
            .await
            .map_err(|e| format!("the mailbox API at {} does not answer: {e}", self.url))?;
        let status = response.status();
        if !status.is_success() {
            return Err(format!("the mailbox API answered HTTP {status} for {url}"));
        }
        response.json().await.map_err(|e| {
            format!("the mailbox API's answer to {url} is not what Mailpit answers: {e}")
        })
    }
}

#[cfg(test)]
mod tests {
    use axum::{Json, Router, extract::Query, routing::get};
    use serde_json::{Value, json};

    use super::*;

    /// A stand-in with Mailpit's API shape: two messages, newest first.
    async fn fake_mailpit() -> String {
        let search = |Query(q): Query<std::collections::HashMap<String, String>>| async move {
            assert_eq!(
                q.get("query").map(String::as_str),
                Some("to:\"ann@example.com\"")
            );
            Json(json!({"total": 2, "messages": [{"ID": "new"}, {"ID": "old"}]}))
        };
        let message = |axum::extract::Path(id): axum::extract::Path<String>| async move {
            Json::<Value>(json!({
                "ID": id,
                "To": [{"Name": "Ann", "Address": "ann@example.com"}],
                "Subject": format!("mail {id}"),
                "Text": format!("https://example.com/{id}"),
            }))
        };
        let app = Router::new()
            .route("/api/v1/search", get(search))
            .route("/api/v1/message/{id}", get(message));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        url
    }

    #[tokio::test]
    async fn reads_mails_oldest_first() {
        let api = MailpitApi::new(&fake_mailpit().await).unwrap();
        let mails = api.mails_to("ann@example.com").await.unwrap();
        let subjects: Vec<_> = mails.iter().map(|m| m.subject.as_str()).collect();
        assert_eq!(subjects, vec!["mail old", "mail new"]);
        assert_eq!(mails[1].links(), vec!["https://example.com/new"]);
    }
}
