//! Command-line options of the runner that cucumber does not already have.
//!
//! cucumber's own options (`--tags`, `--name`, `--concurrency`, `--fail-fast`,
//! `--color`, `-v`…) keep working: these are flattened next to them.

use std::path::PathBuf;

/// Where the target is, which keys it takes, and where the suite's files are.
///
/// With neither `--target` nor `--profile`, the runner starts the embedded
/// reference server and runs against it.
#[derive(clap::Args, Clone, Debug, Default)]
#[group(skip)]
pub struct TargetArgs {
    /// Mount URL of the target, e.g. http://127.0.0.1:1337/parse.
    #[arg(long = "target", value_name = "URL", env = "PARSE_SERVER_URL")]
    pub target: Option<String>,

    /// Application id of the target.
    #[arg(long, value_name = "ID", env = "PARSE_SERVER_APPLICATION_ID")]
    pub app_id: Option<String>,

    /// REST API key of the target, if it requires one.
    #[arg(long, value_name = "KEY", env = "PARSE_SERVER_REST_API_KEY")]
    pub rest_key: Option<String>,

    /// Master key of the target (never written to reports).
    #[arg(
        long,
        value_name = "KEY",
        env = "PARSE_SERVER_MASTER_KEY",
        hide_env_values = true
    )]
    pub master_key: Option<String>,

    /// Target profile file, e.g. targets/parse-server/target.toml. Flags given
    /// on the command line override the profile's values.
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,

    /// Address the runner's SMTP sink listens on for the target's mail,
    /// e.g. 127.0.0.1:2525 (the target must send its mail there).
    #[arg(long, value_name = "ADDR")]
    pub smtp_sink: Option<String>,

    /// Root URL of a Mailpit-compatible HTTP API to read the target's mail
    /// from, instead of the SMTP sink, e.g. http://127.0.0.1:8025.
    #[arg(long, value_name = "URL")]
    pub mailbox_url: Option<String>,

    /// Chromium (or Chrome) binary for the browser scenarios; default: the
    /// first of chromium, chromium-browser, google-chrome on PATH.
    #[arg(long, value_name = "FILE", env = "PARSE_CONFORMANCE_CHROMIUM")]
    pub chromium: Option<PathBuf>,

    /// chromedriver binary for the browser scenarios; default: chromedriver
    /// on PATH.
    #[arg(long, value_name = "FILE", env = "PARSE_CONFORMANCE_CHROMEDRIVER")]
    pub chromedriver: Option<PathBuf>,

    /// Folder of the `.feature` files, instead of the runner's built-in copy
    /// (`cargo run` and `cargo test` use the checkout's features/ by default).
    #[arg(long, value_name = "DIR")]
    pub features: Option<PathBuf>,

    /// Folder of the JSON Schemas of response bodies, instead of the
    /// runner's built-in copy (`cargo run` and `cargo test` use the
    /// checkout's schemas/ by default).
    #[arg(long, value_name = "DIR")]
    pub schemas: Option<PathBuf>,

    /// Print every scenario (id, name, tags, capabilities; one a line,
    /// tab-separated) instead of running; --tags and --name select. No target is
    /// contacted.
    #[arg(long)]
    pub list: bool,

    /// With --list: print a JSON array instead.
    #[arg(long, requires = "list")]
    pub json: bool,

    /// Print the scenario with this id as documentation (its feature's
    /// narrative and source, its tags, comments and steps) instead of
    /// running. No target is contacted.
    #[arg(long, value_name = "ID", conflicts_with = "list")]
    pub explain: Option<String>,

    /// Folder the reports are written to.
    #[arg(long, value_name = "DIR", default_value = "reports")]
    pub reports: PathBuf,

    /// Fail the run when a scenario listed as an expected failure passes, so
    /// that expected-failure lists only ever shrink.
    #[arg(long)]
    pub strict: bool,

    // --- Living documentation (issue 13): build the HTML site from results,
    // without a run.
    /// Build the living documentation and the compliance matrix (static HTML)
    /// into DIR from the feature files and the `--results` files, then exit
    /// without running anything.
    #[arg(long, value_name = "DIR", requires = "results")]
    pub html_out: Option<PathBuf>,

    /// A `results.json` for `--html-out`; repeat it for more targets (one
    /// matrix column each, in the order given).
    #[arg(long = "results", value_name = "FILE")]
    pub results: Vec<PathBuf>,
    // --- end of the living documentation's options.
    /// Seconds to wait for a TCP connection to the target (default: the
    /// profile's connect_timeout, else 3).
    #[arg(long, value_name = "SECONDS")]
    pub connect_timeout: Option<u64>,

    /// Seconds to wait for one whole HTTP exchange with the target (default:
    /// the profile's request_timeout, else 15).
    #[arg(long, value_name = "SECONDS")]
    pub request_timeout: Option<u64>,
}
