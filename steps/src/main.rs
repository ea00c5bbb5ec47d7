//! The `parse-conformance` binary: runs the suite against a target, or against
//! the embedded reference server when no target is given.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    parse_conformance::runner::run(std::env::args_os()).await
}
