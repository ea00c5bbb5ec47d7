//! The `parse-mock-server` binary: reads parse-server style options, binds,
//! and serves until Ctrl-C.

use std::process::ExitCode;

use parse_mock_server::Config;
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

/// mimalloc: a request allocates and frees many small buffers (headers,
/// JSON values), which glibc's allocator serves slower.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let (config, unimplemented) = match Config::load(std::env::args().skip(1), |name| {
        std::env::var(name).ok()
    }) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("parse-mock-server: {e}");
            eprintln!(
                "usage: parse-mock-server [config.json] [--appId ID --masterKey KEY --port N ...]"
            );
            return ExitCode::from(2);
        }
    };
    if !unimplemented.is_empty() {
        tracing::warn!(
            "options not implemented by parse-mock-server, ignored: {}",
            unimplemented.join(", ")
        );
    }
    let address = format!("{}:{}", config.host, config.port);
    let listener = match TcpListener::bind(&address).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("parse-mock-server: cannot listen on {address}: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("parse-mock-server running on {}", config.server_url());
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    match parse_mock_server::serve(listener, config, shutdown).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("parse-mock-server: {e}");
            ExitCode::FAILURE
        }
    }
}
