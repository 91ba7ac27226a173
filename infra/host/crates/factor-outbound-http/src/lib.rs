//! wasi:http outgoing requests, gated by allowed_outbound_hosts.
//!
//! [`OutboundHttpHooks`] is the `wasmtime_wasi_http::WasiHttpHooks` of one component
//! instance. Both wasi:http 0.2 (`outgoing-handler.handle`) and 0.3 (`handler.handle`) send
//! through `WasiHttpHooks::send_request`, so the check here covers every outgoing request:
//! - a destination outside the component's `allowed_outbound_hosts` fails with
//!   `error-code::HTTP-request-denied` and one `outbound_denied` JSON line on stderr;
//! - a request to the application itself (authority `self` or `self.alt`, or no authority
//!   at all), when `http://self`/`https://self` is allowed, is sent to the app's own listen
//!   address;
//! - allowed requests, remote and self alike, go through the process's one
//!   [`OutboundHttpClient`], which reuses kept-alive connections, with default timeouts
//!   filled in where the guest set none.

mod client;

use std::future::Future;
use std::io::Write;
use std::sync::Arc;

use host_factor_outbound_networking::{default_port, is_self_host, AllowedHosts};
use serde_json::json;
use wasmtime_wasi_http::{Error as HttpError, RequestOptions, WasiBody, WasiHttpHooks};

pub use client::{
    OutboundHttpClient, Timeouts, DEFAULT_BETWEEN_BYTES_TIMEOUT, DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_FIRST_BYTE_TIMEOUT, POOL_IDLE_TIMEOUT, POOL_MAX_IDLE_PER_HOST,
};

/// Future that reports errors of the connection after the response head arrived.
type IoFuture = Box<dyn Future<Output = Result<(), HttpError>> + Send>;

/// Per-instance outbound HTTP policy for one component.
pub struct OutboundHttpHooks {
    component_id: String,
    allowed: Arc<AllowedHosts>,
    self_origin: Option<url::Url>,
    client: OutboundHttpClient,
}

impl OutboundHttpHooks {
    /// `self_origin` is the app's own listen address (e.g. `http://127.0.0.1:3000`), the
    /// target of self requests; `None` makes them fail with `HTTP-request-URI-invalid`.
    /// `client` is the process's shared one, so instances reuse each other's connections.
    pub fn new(
        component_id: impl Into<String>,
        allowed: Arc<AllowedHosts>,
        self_origin: Option<url::Url>,
        client: OutboundHttpClient,
    ) -> Self {
        Self {
            component_id: component_id.into(),
            allowed,
            self_origin,
            client,
        }
    }

    /// Applies the allow list and the self-request rewrite.
    fn authorize(
        &self,
        mut request: http::Request<WasiBody>,
    ) -> Result<http::Request<WasiBody>, HttpError> {
        let destination = Destination::of(request.uri())?;
        let allowed = match &destination {
            Destination::Remote(url) => self.allowed.allows(url),
            Destination::SelfApp { url: Some(url) } => self.allowed.allows(url),
            // A bare path names no scheme of its own, so any self entry will do (as in Spin).
            Destination::SelfApp { url: None } => self.allowed.allows_self(),
        };
        if !allowed {
            log_line(&denied_event(&self.component_id, &destination.log_label()));
            return Err(HttpError::HttpRequestDenied);
        }
        if let Destination::SelfApp { .. } = destination {
            let Some(origin) = &self.self_origin else {
                log_line(&json!({
                    "level": "error",
                    "event": "outbound_self_request_without_origin",
                    "component": self.component_id,
                }));
                return Err(HttpError::HttpRequestUriInvalid);
            };
            rewrite_to_origin(&mut request, origin)?;
        }
        Ok(request)
    }
}

impl WasiHttpHooks for OutboundHttpHooks {
    fn send_request(
        &mut self,
        request: http::Request<WasiBody>,
        options: Option<RequestOptions>,
        fut: Box<dyn Future<Output = Result<(), HttpError>> + Send>,
    ) -> Box<dyn Future<Output = Result<(http::Response<WasiBody>, IoFuture), HttpError>> + Send>
    {
        // Errors from consuming the response body need no extra handling here.
        drop(fut);
        let authorized = self.authorize(request);
        let timeouts = Timeouts::for_request(options);
        let client = self.client.clone();
        Box::new(async move {
            let response = client.send(authorized?, timeouts).await?;
            // The pool drives the connection; its later errors end the response body.
            Ok((response, Box::new(async { Ok(()) }) as IoFuture))
        })
    }
}

/// Where a request is going.
#[derive(Debug)]
enum Destination {
    /// The application itself; `url` is `None` for a request with no authority at all.
    SelfApp {
        url: Option<url::Url>,
    },
    Remote(url::Url),
}

impl Destination {
    fn of(uri: &http::Uri) -> Result<Self, HttpError> {
        let host = uri.authority().map(|authority| authority.host());
        match host {
            None | Some("") => Ok(Self::SelfApp { url: None }),
            Some(host) => {
                let url = url::Url::parse(&uri.to_string())
                    .map_err(|_| HttpError::HttpRequestUriInvalid)?;
                if is_self_host(host) {
                    Ok(Self::SelfApp { url: Some(url) })
                } else {
                    Ok(Self::Remote(url))
                }
            }
        }
    }

    /// `scheme://host:port` only: paths and queries may carry secrets.
    fn log_label(&self) -> String {
        match self {
            Self::SelfApp { url: None } => "self".to_string(),
            Self::SelfApp { url: Some(url) } | Self::Remote(url) => {
                let host = url.host_str().unwrap_or_default();
                match url.port().or_else(|| default_port(url.scheme())) {
                    Some(port) => format!("{}://{host}:{port}", url.scheme()),
                    None => format!("{}://{host}", url.scheme()),
                }
            }
        }
    }
}

/// Points a self request at the app's own address, keeping path and query.
fn rewrite_to_origin(
    request: &mut http::Request<WasiBody>,
    origin: &url::Url,
) -> Result<(), HttpError> {
    let host = origin.host_str().ok_or(HttpError::HttpRequestUriInvalid)?;
    let authority = match origin.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    };
    let path_and_query = request
        .uri()
        .path_and_query()
        .map(|pq| pq.as_str())
        .unwrap_or("/");
    let uri = http::Uri::builder()
        .scheme(origin.scheme())
        .authority(authority.as_str())
        .path_and_query(path_and_query)
        .build()
        .map_err(|_| HttpError::HttpRequestUriInvalid)?;
    *request.uri_mut() = uri;
    let host_header =
        http::HeaderValue::from_str(&authority).map_err(|_| HttpError::HttpRequestUriInvalid)?;
    request
        .headers_mut()
        .insert(http::header::HOST, host_header);
    Ok(())
}

fn denied_event(component_id: &str, url: &str) -> serde_json::Value {
    json!({
        "ts": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        "level": "warn",
        "event": "outbound_denied",
        "component": component_id,
        "url": url,
    })
}

/// One JSON object per line on stderr, like the host's own log lines.
fn log_line(event: &serde_json::Value) {
    let mut text = event.to_string();
    text.push('\n');
    // Logging must never fail a request.
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

#[cfg(test)]
mod tests;
