//! The whole suite against the embedded reference server, as `cargo test`
//! runs it. Reports go to a scratch folder under `target/`, so a test run
//! leaves `reports/` to the main job.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let reports = concat!(env!("CARGO_TARGET_TMPDIR"), "/conformance-reports");
    let args = [
        "parse-conformance",
        "--reports",
        reports,
        "--color",
        "never",
    ];
    parse_conformance::runner::run(args.map(Into::into)).await
}
