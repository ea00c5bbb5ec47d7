//! A real browser for the scenarios about JavaScript on other sites.
//!
//! The Parse blog (2012-01-19) promises that JavaScript on any site can use
//! the REST API: the browser asks the server (CORS) before it sends a request
//! with the `X-Parse-*` headers, and lets the page read the answer only if the
//! server allows it. An HTTP client cannot judge that; a browser can. So the
//! runner drives headless Chromium through chromedriver (WebDriver), loads a
//! page it serves itself on another loopback port (another origin than the
//! target's), and has the page send the scenario's request with an
//! `XMLHttpRequest`, as the blog's example does.
//!
//! - [`Installation`]: where Chromium and chromedriver are on this machine;
//!   without them the `browser` capability is missing.
//! - [`SharedBrowser`]: one browser for the whole run, started on first use,
//!   used by one step at a time, stopped at the end of the run.
//! - [`chromedriver`], [`webdriver`], [`page`]: the driver process, the few
//!   WebDriver commands used, and the page.

pub mod chromedriver;
pub mod page;
pub mod webdriver;

use std::{
    env,
    path::{Path, PathBuf},
    time::Duration,
};

use tokio::sync::{Mutex, MutexGuard, OnceCell};

use crate::client::Request;

/// The environment variable that points at the Chromium binary.
pub const CHROMIUM_ENV: &str = "PARSE_CONFORMANCE_CHROMIUM";
/// The environment variable that points at the chromedriver binary.
pub const CHROMEDRIVER_ENV: &str = "PARSE_CONFORMANCE_CHROMEDRIVER";

/// The names Chromium goes by on `PATH`, Debian's first.
const CHROMIUM_NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// How to get a browser where there is none, said when browser scenarios are
/// skipped.
pub const INSTALL_HINT: &str = "install Debian's chromium and chromium-driver \
(apt-get install chromium chromium-driver), or give --chromium and --chromedriver";

/// Where the browser and its driver are.
#[derive(Clone, Debug)]
pub struct Installation {
    /// The Chromium (or Chrome) binary.
    pub chromium: PathBuf,
    /// The chromedriver binary, of the same version.
    pub chromedriver: PathBuf,
}

impl Installation {
    /// Finds Chromium and chromedriver: the given paths (flags or their
    /// environment variables), else the usual names on `PATH`. The error
    /// says what is missing and how to install it.
    pub fn find(
        chromium: Option<&Path>,
        chromedriver: Option<&Path>,
    ) -> Result<Installation, String> {
        let chromium = match chromium {
            Some(path) => existing(path)?,
            None => on_path(CHROMIUM_NAMES)
                .ok_or_else(|| format!("no browser: Chromium is not on PATH; {INSTALL_HINT}"))?,
        };
        let chromedriver = match chromedriver {
            Some(path) => existing(path)?,
            None => on_path(&["chromedriver"]).ok_or_else(|| {
                format!("no browser: chromedriver is not on PATH; {INSTALL_HINT}")
            })?,
        };
        Ok(Installation {
            chromium,
            chromedriver,
        })
    }

    /// [`Installation::find`] with the paths of the environment variables
    /// [`CHROMIUM_ENV`] and [`CHROMEDRIVER_ENV`], if set.
    pub fn from_env() -> Result<Installation, String> {
        let chromium = env::var_os(CHROMIUM_ENV).map(PathBuf::from);
        let chromedriver = env::var_os(CHROMEDRIVER_ENV).map(PathBuf::from);
        Installation::find(chromium.as_deref(), chromedriver.as_deref())
    }
}

fn existing(path: &Path) -> Result<PathBuf, String> {
    if path.is_file() {
        Ok(path.to_owned())
    } else {
        Err(format!(
            "no browser: {} does not exist; {INSTALL_HINT}",
            path.display()
        ))
    }
}

fn on_path(names: &[&str]) -> Option<PathBuf> {
    let dirs: Vec<PathBuf> = env::var_os("PATH")
        .map(|p| env::split_paths(&p).collect())
        .unwrap_or_default();
    names
        .iter()
        .flat_map(|name| dirs.iter().map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// What the page could read of the answer to its request, or why not.
#[derive(Debug)]
pub enum PageAnswer {
    /// The browser let the page read the answer.
    Read {
        /// The status the page read.
        status: u16,
        /// The response headers the page may read (`getAllResponseHeaders`),
        /// names in lower case.
        headers: Vec<(String, String)>,
        /// The body the page read.
        body: String,
    },
    /// The browser did not let the page read the answer; what the browser's
    /// console said about it.
    Refused {
        /// The browser's console messages about the request, e.g. its CORS
        /// error.
        console: Vec<String>,
    },
}

/// A running browser with the page loaded.
pub struct Browser {
    driver: chromedriver::Chromedriver,
    session: webdriver::Session,
    page: page::PageServer,
}

/// How long one request of the page may take.
const PAGE_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

impl Browser {
    /// Starts chromedriver and headless Chromium, and loads the page.
    pub async fn start(installation: &Installation) -> Result<Browser, String> {
        let page = page::PageServer::start()
            .await
            .map_err(|e| format!("cannot serve the browser's page: {e}"))?;
        let driver = chromedriver::Chromedriver::start(&installation.chromedriver).await?;
        let session =
            webdriver::Session::new(&driver.url(), &installation.chromium, PAGE_REQUEST_TIMEOUT)
                .await?;
        session.navigate(&page.url()).await?;
        Ok(Browser {
            driver,
            session,
            page,
        })
    }

    /// The origin of the page, e.g. `http://127.0.0.1:41234`: the `Origin`
    /// the browser sends with the page's requests.
    pub fn origin(&self) -> String {
        self.page.origin()
    }

    /// Has the page send `request` with an `XMLHttpRequest` and returns what
    /// the browser let it read.
    pub async fn send(&self, request: &Request) -> Result<PageAnswer, String> {
        // Forget what the console said before this request.
        self.session.browser_log().await?;
        let answer = self
            .session
            .execute_async(page::SEND_SCRIPT, page::send_arguments(request))
            .await?;
        let status = answer
            .get("status")
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(0);
        if status == 0 {
            return Ok(PageAnswer::Refused {
                console: self.console_about(&request.url).await?,
            });
        }
        let text = |name: &str| {
            answer
                .get(name)
                .and_then(serde_json::Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        Ok(PageAnswer::Read {
            status: u16::try_from(status).unwrap_or(0),
            headers: page::parse_headers(&text("headers")),
            body: text("body"),
        })
    }

    /// The console's errors about `url`; the browser may log them a moment
    /// after the page saw the request fail, so this waits a little for them.
    async fn console_about(&self, url: &str) -> Result<Vec<String>, String> {
        let mut seen = Vec::new();
        for _ in 0..10 {
            seen.extend(self.session.browser_log().await?);
            if seen.iter().any(|m| m.contains(url)) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(seen)
    }

    /// Closes the browser and stops chromedriver and the page.
    pub async fn stop(&mut self) {
        self.session.delete().await;
        self.driver.stop().await;
        self.page.stop();
    }
}

/// The run's browser: started by the first step that needs it, used by one
/// step at a time (each step reads the console messages of its own request).
pub struct SharedBrowser {
    installation: Result<Installation, String>,
    running: OnceCell<Result<Mutex<Browser>, String>>,
}

impl std::fmt::Debug for SharedBrowser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedBrowser")
            .field("installation", &self.installation)
            .field("started", &self.running.initialized())
            .finish()
    }
}

impl SharedBrowser {
    /// The browser of a run on a machine with this installation (or none).
    pub fn new(installation: Result<Installation, String>) -> SharedBrowser {
        SharedBrowser {
            installation,
            running: OnceCell::new(),
        }
    }

    /// The browser, started on first use, for this caller alone until the
    /// guard is dropped.
    pub async fn lock(&self) -> Result<MutexGuard<'_, Browser>, String> {
        let running = self
            .running
            .get_or_init(|| async {
                let installation = self.installation.as_ref().map_err(Clone::clone)?;
                Browser::start(installation).await.map(Mutex::new)
            })
            .await;
        match running {
            Ok(browser) => Ok(browser.lock().await),
            Err(e) => Err(e.clone()),
        }
    }

    /// Stops the browser if it was started.
    pub async fn stop(&self) {
        if let Some(Ok(browser)) = self.running.get() {
            browser.lock().await.stop().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{INSTALL_HINT, Installation};

    #[test]
    fn a_missing_binary_says_how_to_install_one() {
        let error = Installation::find(Some(Path::new("/nonexistent/chromium")), None)
            .expect_err("no such binary");
        assert!(error.starts_with("no browser: /nonexistent/chromium does not exist"));
        assert!(error.ends_with(INSTALL_HINT));
    }
}
