//! A server under test: where it is, its keys, its process (for memory),
//! and how to prepare it (fill classes, sign a user up, read object ids).

use std::time::Duration;

use anyhow::{Context, Result, bail};
use futures::{StreamExt, stream};
use serde_json::{Value, json};

/// What kind of server a target is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A Parse server (the reference server or Parse Server): every endpoint.
    Parse,
    /// The bare hyper server: the same answer to anything, the physical limit.
    Bare,
}

/// A server the benchmark measures.
#[derive(Clone, Debug)]
pub struct Target {
    /// Shown in the report.
    pub name: String,
    /// A Parse server or the bare hyper one.
    pub kind: Kind,
    /// Mount URL, e.g. http://127.0.0.1:1337/parse.
    pub url: String,
    /// Application id.
    pub app_id: String,
    /// REST API key, sent by the measured (client) requests.
    pub rest_key: String,
    /// Master key, used to fill classes.
    pub master_key: String,
    /// Its process, for the resident memory; `None` when unknown.
    pub pid: Option<u32>,
    /// Its bcrypt cost, and where that figure comes from (for the report).
    pub bcrypt: String,
}

/// What a Parse target holds once prepared: the classes, a user, ids.
#[derive(Clone, Debug, Default)]
pub struct Prepared {
    /// The class of 100 objects.
    pub small: String,
    /// The class of `--objects` objects.
    pub large: String,
    /// The class POST /classes/C creates into.
    pub created: String,
    /// The class the mixed workload creates into.
    pub mixed: String,
    /// The signed-up user's name and password (POST /login).
    pub username: String,
    /// Its password.
    pub password: String,
    /// A session token of that user (GET /users/me).
    pub session_token: String,
    /// Object ids of the large class (gets and updates of the mixed workload).
    pub ids: Vec<String>,
}

impl Target {
    /// The headers of a client request.
    pub fn client_headers(&self) -> Vec<(String, String)> {
        vec![
            ("X-Parse-Application-Id".into(), self.app_id.clone()),
            ("X-Parse-REST-API-Key".into(), self.rest_key.clone()),
        ]
    }

    /// The path part of the mount URL, e.g. `/parse`.
    pub fn mount(&self) -> Result<String> {
        Ok(reqwest::Url::parse(&self.url)?
            .path()
            .trim_end_matches('/')
            .to_owned())
    }

    /// Resident memory of the process in bytes, from /proc/<pid>/status.
    pub fn rss(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid?)).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
        let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib * 1024)
    }

    /// Waits until /health answers.
    pub async fn wait_healthy(&self, client: &reqwest::Client) -> Result<()> {
        for _ in 0..300 {
            let ok = client
                .get(format!("{}/health", self.url))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if ok {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        bail!("{} at {} does not answer /health", self.name, self.url)
    }

    /// Stores `count` three-field objects in `class` (made on the way with
    /// the master key): `{"name": "n<i>", "group": i % 50, "flag": i even}`,
    /// through /batch, 50 at a time, 8 batches in flight.
    pub async fn fill(&self, client: &reqwest::Client, class: &str, count: usize) -> Result<()> {
        let mount = self.mount()?;
        let batches: Vec<Value> = (0..count)
            .collect::<Vec<_>>()
            .chunks(50)
            .map(|chunk| {
                let requests: Vec<Value> = chunk
                    .iter()
                    .map(|i| {
                        json!({"method": "POST", "path": format!("{mount}/classes/{class}"),
                               "body": {"name": format!("n{i}"), "group": i % 50, "flag": i % 2 == 0}})
                    })
                    .collect();
                json!({ "requests": requests })
            })
            .collect();
        let results: Vec<Result<()>> = stream::iter(batches)
            .map(|batch| self.post_batch(client, batch))
            .buffer_unordered(8)
            .collect()
            .await;
        results.into_iter().collect()
    }

    async fn post_batch(&self, client: &reqwest::Client, batch: Value) -> Result<()> {
        let response = client
            .post(format!("{}/batch", self.url))
            .header("X-Parse-Application-Id", &self.app_id)
            .header("X-Parse-Master-Key", &self.master_key)
            .json(&batch)
            .send()
            .await
            .context("sending a batch")?;
        let status = response.status();
        let answer: Value = response.json().await.context("reading a batch answer")?;
        let failed = answer
            .as_array()
            .map(|entries| entries.iter().any(|e| e.get("error").is_some()))
            .unwrap_or(true);
        if !status.is_success() || failed {
            bail!("{}: a batch failed ({status}): {answer}", self.name);
        }
        Ok(())
    }

    /// Sends one request and returns its JSON answer, failing on a non-2xx.
    async fn call(&self, request: reqwest::RequestBuilder, what: &str) -> Result<Value> {
        let response = request
            .header("X-Parse-Application-Id", &self.app_id)
            .send()
            .await
            .with_context(|| format!("{}: {what}", self.name))?;
        let status = response.status();
        let answer: Value = response
            .json()
            .await
            .with_context(|| format!("{}: reading the answer to {what}", self.name))?;
        if !status.is_success() {
            bail!("{}: {what} failed ({status}): {answer}", self.name);
        }
        Ok(answer)
    }

    /// Makes `class` exist (client requests may not create classes): one
    /// object stored with the master key.
    pub async fn create_class(&self, client: &reqwest::Client, class: &str) -> Result<()> {
        let request = client
            .post(format!("{}/classes/{class}", self.url))
            .header("X-Parse-Master-Key", &self.master_key)
            .json(&json!({"name": "first", "group": 0, "flag": true}));
        self.call(request, &format!("creating class {class}"))
            .await
            .map(drop)
    }

    /// Signs a user up with the REST key (no email: nothing is sent) and
    /// returns its session token.
    pub async fn sign_up(
        &self,
        client: &reqwest::Client,
        username: &str,
        password: &str,
    ) -> Result<String> {
        let request = client
            .post(format!("{}/users", self.url))
            .header("X-Parse-REST-API-Key", &self.rest_key)
            .json(&json!({"username": username, "password": password}));
        let answer = self.call(request, "signing a user up").await?;
        answer["sessionToken"]
            .as_str()
            .map(str::to_owned)
            .with_context(|| format!("{}: no session token in {answer}", self.name))
    }

    /// The ids of up to `limit` objects of `class` (master key).
    pub async fn object_ids(
        &self,
        client: &reqwest::Client,
        class: &str,
        limit: usize,
    ) -> Result<Vec<String>> {
        let request = client
            .get(format!(
                "{}/classes/{class}?limit={limit}&keys=objectId",
                self.url
            ))
            .header("X-Parse-Master-Key", &self.master_key);
        let answer = self.call(request, "reading object ids").await?;
        let ids: Vec<String> = answer["results"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|o| o["objectId"].as_str().map(str::to_owned))
            .collect();
        if ids.is_empty() {
            bail!("{}: no objects in {class}", self.name);
        }
        Ok(ids)
    }

    /// The server's own version, from /serverInfo (master key), when it says.
    pub async fn version(&self, client: &reqwest::Client) -> Option<String> {
        let request = client
            .get(format!("{}/serverInfo", self.url))
            .header("X-Parse-Master-Key", &self.master_key);
        let answer = self.call(request, "reading /serverInfo").await.ok()?;
        answer["parseServerVersion"].as_str().map(str::to_owned)
    }
}
