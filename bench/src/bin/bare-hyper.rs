//! `bare-hyper`: the physical limit of a request on this machine. A hyper 1
//! server on tokio, without a framework, answering every request (any
//! method, any path) with the same small JSON, after reading its body. The
//! benchmark measures it beside the reference server: the reference server
//! can come close to it, never beat it.
//!
//! `bare-hyper --port 8080` (127.0.0.1).

use std::{convert::Infallible, net::SocketAddr};

use bytes::Bytes;
use clap::Parser;
use http_body_util::{BodyExt, Full};
use hyper::{
    Request, Response,
    body::Incoming,
    header::{CONTENT_TYPE, HeaderValue},
    server::conn::http1,
    service::service_fn,
};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

/// The fixed answer: 50 bytes of JSON, about a small Parse object's size.
const BODY: &[u8] = br#"{"objectId":"AbCdEf1234","createdAt":"2026-11-30"}"#;

/// Command-line options.
#[derive(Parser, Debug)]
#[command(about = "A bare hyper server answering a fixed small JSON")]
struct Args {
    /// Port on 127.0.0.1.
    #[arg(long, default_value_t = 8080)]
    port: u16,
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], args.port))).await?;
    loop {
        let (stream, _) = listener.accept().await?;
        tokio::spawn(async move {
            // A connection's error (the client went away) ends that
            // connection only.
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service_fn(answer))
                .await;
        });
    }
}

/// Reads the request's body, then answers the fixed JSON.
async fn answer(request: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    // Reading the body is part of a request's cost (and keeps the
    // connection reusable); an unreadable body changes nothing here.
    let _ = request.into_body().collect().await;
    let mut response = Response::new(Full::new(Bytes::from_static(BODY)));
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Ok(response)
}
