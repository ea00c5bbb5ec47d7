//! A server under test: where it is, its keys, its process (for memory),
//! and how to fill a class with objects.

use std::time::Duration;

use anyhow::{Context, Result, bail};
use futures::{StreamExt, stream};
use serde_json::{Value, json};

/// A server the benchmark measures.
#[derive(Clone, Debug)]
pub struct Target {
    /// Shown in the report.
    pub name: String,
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
}

impl Target {
    /// The headers of a client request.
    pub fn client_headers(&self) -> Vec<(String, String)> {
        vec![
            ("X-Parse-Application-Id".into(), self.app_id.clone()),
            ("X-Parse-REST-API-Key".into(), self.rest_key.clone()),
        ]
    }

    /// Resident memory of the process in bytes, from /proc.
    pub fn rss(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid?)).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
        let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib * 1024)
    }

    /// Waits until /health answers.
    pub async fn wait_healthy(&self, client: &reqwest::Client) -> Result<()> {
        for _ in 0..100 {
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
        let mount = reqwest::Url::parse(&self.url)?
            .path()
            .trim_end_matches('/')
            .to_owned();
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
}
