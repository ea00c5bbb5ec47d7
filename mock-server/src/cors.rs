//! Cross-origin resource sharing, on every response, errors included.
//!
//! Any `OPTIONS` request is a preflight: it is answered `200 OK` at once,
//! without an application id, with the methods and headers the API accepts.
//! `X-Parse-Session-Token` is among them, so that JavaScript on any site can
//! authenticate users (Parse blog, 2012-01-19).
//!
//! [`Cors`] wraps the whole application as a plain tower service: the
//! header values are built once, when the server starts, and each response
//! only clones them (building them per response, and a middleware built
//! from a function, were measured costs on the fastest routes).

use std::{
    convert::Infallible,
    future::{Future, Ready, ready},
    pin::Pin,
    sync::Arc,
    task::{Context, Poll},
};

use axum::{
    body::Body,
    extract::Request,
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    response::{IntoResponse, Response},
};
use futures_util::future::Either;
use pin_project_lite::pin_project;
use tower::Service;

use crate::Config;

/// The request headers Parse Server allows, in its order.
const ALLOWED_HEADERS: &str = "X-Parse-Master-Key, X-Parse-REST-API-Key, X-Parse-Javascript-Key, \
X-Parse-Application-Id, X-Parse-Client-Version, X-Parse-Session-Token, X-Requested-With, \
X-Parse-Revocable-Session, X-Parse-Request-Id, Content-Type, Pragma, Cache-Control";

/// The methods the API answers.
const ALLOWED_METHODS: &str = "GET,PUT,POST,DELETE,OPTIONS";

/// The response headers a browser may read.
const EXPOSED_HEADERS: &str = "X-Parse-Job-Status-Id, X-Parse-Push-Status-Id";

/// The CORS header values of this server, from its `allowOrigin` and
/// `allowHeaders`. The defaults (`*`, Parse's own headers) are static
/// values: cloning one for a response touches no shared counter.
#[derive(Debug)]
struct Headers {
    /// `allowOrigin`'s entries that make header values, in order: an
    /// `Origin` equal to one is echoed.
    origins: Vec<HeaderValue>,
    /// `Access-Control-Allow-Headers`: Parse's headers, then `allowHeaders`.
    allow_headers: Option<HeaderValue>,
}

impl Headers {
    fn new(config: &Config) -> Headers {
        let origin = |origin: &String| match origin.as_str() {
            "*" => Some(HeaderValue::from_static("*")),
            other => HeaderValue::from_str(other).ok(),
        };
        let origins = if config.allow_origin.is_empty() {
            vec![HeaderValue::from_static("*")]
        } else {
            config.allow_origin.iter().filter_map(origin).collect()
        };
        let allow_headers = if config.allow_headers.is_empty() {
            Some(HeaderValue::from_static(ALLOWED_HEADERS))
        } else {
            let mut list = ALLOWED_HEADERS.to_owned();
            for extra in &config.allow_headers {
                list.push_str(", ");
                list.push_str(extra);
            }
            HeaderValue::from_str(&list).ok()
        };
        Headers {
            origins,
            allow_headers,
        }
    }

    /// `Access-Control-Allow-Origin` for a request's `Origin`: the origin
    /// itself when it is in the list, else the list's first entry.
    fn allow_origin(&self, origin: Option<&HeaderValue>) -> Option<HeaderValue> {
        origin
            .and_then(|origin| self.origins.iter().find(|allowed| *allowed == origin))
            .or_else(|| self.origins.first())
            .cloned()
    }
}

/// The CORS headers of one response, taken from [`Headers`] when the
/// request comes in.
#[derive(Debug)]
struct ResponseHeaders {
    allow_origin: Option<HeaderValue>,
    allow_headers: Option<HeaderValue>,
}

impl ResponseHeaders {
    /// Adds them to a response.
    fn add_to(self, headers: &mut HeaderMap) {
        headers.reserve(4);
        if let Some(origin) = self.allow_origin {
            headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        }
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static(ALLOWED_METHODS),
        );
        if let Some(allow_headers) = self.allow_headers {
            headers.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, allow_headers);
        }
        headers.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static(EXPOSED_HEADERS),
        );
    }
}

/// The service that answers preflights and adds the CORS headers to every
/// other answer of `inner`.
#[derive(Clone, Debug)]
pub struct Cors<S> {
    inner: S,
    headers: Arc<Headers>,
}

impl<S> Cors<S> {
    /// `inner` with the CORS of `config`.
    pub fn new(config: &Config, inner: S) -> Cors<S> {
        Cors {
            inner,
            headers: Arc::new(Headers::new(config)),
        }
    }
}

impl<S> Service<Request> for Cors<S>
where
    S: Service<Request, Response = Response, Error = Infallible>,
{
    type Response = Response;
    type Error = Infallible;
    type Future = WithCorsHeaders<Either<Ready<Result<Response, Infallible>>, S::Future>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let headers = ResponseHeaders {
            allow_origin: self
                .headers
                .allow_origin(request.headers().get(header::ORIGIN)),
            allow_headers: self.headers.allow_headers.clone(),
        };
        let answer = if request.method() == Method::OPTIONS {
            Either::Left(ready(Ok(preflight())))
        } else {
            Either::Right(self.inner.call(request))
        };
        WithCorsHeaders {
            answer,
            headers: Some(headers),
        }
    }
}

/// The answer to a preflight, before the CORS headers.
fn preflight() -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        Body::from("OK"),
    )
        .into_response()
}

pin_project! {
    /// An answer to come, which gets the CORS headers when it is ready.
    pub struct WithCorsHeaders<F> {
        #[pin]
        answer: F,
        headers: Option<ResponseHeaders>,
    }
}

impl<F> Future for WithCorsHeaders<F>
where
    F: Future<Output = Result<Response, Infallible>>,
{
    type Output = Result<Response, Infallible>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let Ok(mut response) = std::task::ready!(this.answer.poll(cx));
        if let Some(headers) = this.headers.take() {
            headers.add_to(response.headers_mut());
        }
        Poll::Ready(Ok(response))
    }
}
