//! Route parameters that do not decode.
//!
//! Express decodes each route parameter (`/classes/:className/:objectId`)
//! with `decodeURIComponent`; one that is not valid percent-encoded UTF-8
//! (`/classes/C/%ff`) makes Parse Server answer HTTP 400
//! `{"error":"Failed to decode param '%ff'"}` before any handler runs. This
//! layer, on the matched routes only, answers the same; without it axum's
//! own `Path` rejection would answer a plain-text 400.

use std::{
    convert::Infallible,
    future::{Ready, ready},
    task::{Context, Poll},
};

use axum::{
    extract::Request,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use futures_util::future::Either;
use percent_encoding::percent_decode_str;
use tower::{Layer, Service};

use crate::error::HttpError;

/// The layer, for `Router::route_layer`: the check on every matched route.
#[derive(Clone, Copy, Debug)]
pub struct CheckLayer;

impl<S> Layer<S> for CheckLayer {
    type Service = Check<S>;

    fn layer(&self, inner: S) -> Check<S> {
        Check { inner }
    }
}

/// Passes a request on to `inner` unless a segment of its path does not
/// decode.
#[derive(Clone, Debug)]
pub struct Check<S> {
    inner: S,
}

impl<S> Service<Request> for Check<S>
where
    S: Service<Request, Response = Response, Error = Infallible>,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Either<Ready<Result<Response, Infallible>>, S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        match undecodable_segment(request.uri().path()) {
            Some(segment) => Either::Left(ready(Ok(HttpError {
                status: StatusCode::BAD_REQUEST,
                message: format!("Failed to decode param '{segment}'"),
            }
            .into_response()))),
            None => Either::Right(self.inner.call(request)),
        }
    }
}

/// The first segment of `path` whose percent-decoding is not UTF-8. Only
/// parameters can hold a `%` on a matched route: the fixed segments are
/// plain names.
fn undecodable_segment(path: &str) -> Option<&str> {
    if !path.contains('%') {
        return None;
    }
    path.split('/')
        .find(|segment| percent_decode_str(segment).decode_utf8().is_err())
}

#[cfg(test)]
mod tests {
    use super::undecodable_segment;

    #[test]
    fn only_segments_that_do_not_decode_to_utf8_are_found() {
        assert_eq!(undecodable_segment("/parse/classes/C/abc"), None);
        assert_eq!(undecodable_segment("/parse/classes/C/%C3%A9"), None);
        assert_eq!(
            undecodable_segment("/parse/classes/C/%ff%fe"),
            Some("%ff%fe")
        );
    }
}
