//! The host's one HTTP/1 client for outgoing requests, with a pool of kept-alive
//! connections shared by every component instance.
//!
//! Instances live for one incoming request, so a per-instance connection would be opened for
//! every provider call; the pool lets the next instance's request to the same
//! scheme/host/port reuse the connection instead (no TCP or TLS handshake).
//!
//! It keeps the guest's `request-options` and the error codes of
//! `wasmtime_wasi_http::default_send_request`:
//! - connect timeout: TCP connect of a new connection (`connection-timeout`); a request on a
//!   pooled connection does not connect;
//! - first-byte timeout: from handing the request to the pool until the response head
//!   (`connection-read-timeout`), so it also bounds the TLS handshake of a new connection;
//! - between-bytes timeout: the longest wait for the next response body frame
//!   (`connection-read-timeout`).

use std::error::Error as _;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{ready, Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper::body::{Body, Frame, Incoming, SizeHint};
use hyper_rustls::{HttpsConnector, HttpsConnectorBuilder};
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use tokio::net::TcpStream;
use wasmtime_wasi_http::{Error as HttpError, RequestOptions, WasiBody};

/// How long to wait for a TCP connection when the guest sets no limit.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long to wait for response headers when the guest sets no limit. Generous because
/// model APIs may think for a while before answering.
pub const DEFAULT_FIRST_BYTE_TIMEOUT: Duration = Duration::from_secs(120);
/// Longest pause between response body chunks when the guest sets no limit.
pub const DEFAULT_BETWEEN_BYTES_TIMEOUT: Duration = Duration::from_secs(120);

/// How long an unused connection stays in the pool. Servers that close idle connections
/// sooner are handled too: the pool drops a connection once its peer has closed it.
pub const POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(90);
/// Idle connections kept per scheme/host/port; more may be open while busy.
pub const POOL_MAX_IDLE_PER_HOST: usize = 32;

/// The three request timeouts, the guest's where it set them and ours elsewhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeouts {
    pub connect: Duration,
    pub first_byte: Duration,
    pub between_bytes: Duration,
}

impl Timeouts {
    pub fn for_request(options: Option<RequestOptions>) -> Self {
        let options = options.unwrap_or_default();
        Self {
            connect: options.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT),
            first_byte: options
                .first_byte_timeout
                .unwrap_or(DEFAULT_FIRST_BYTE_TIMEOUT),
            between_bytes: options
                .between_bytes_timeout
                .unwrap_or(DEFAULT_BETWEEN_BYTES_TIMEOUT),
        }
    }
}

/// A handle on the pooled client; clones share the pool. Make one per process.
#[derive(Clone)]
pub struct OutboundHttpClient {
    client: Client<HttpsConnector<TcpConnector>, GuestBody>,
}

impl OutboundHttpClient {
    /// TLS is rustls with the ring provider and the Mozilla roots, as in
    /// `default_send_request`.
    pub fn new() -> Result<Self, rustls::Error> {
        let connector = HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())?
            .https_or_http()
            .enable_http1()
            .wrap_connector(TcpConnector);
        let client = Client::builder(TokioExecutor::new())
            .pool_timer(TokioTimer::new())
            .pool_idle_timeout(POOL_IDLE_TIMEOUT)
            .pool_max_idle_per_host(POOL_MAX_IDLE_PER_HOST)
            .build(connector);
        Ok(Self { client })
    }

    /// Sends an absolute-URI request. Errors of the connection after the response head
    /// arrive through the response body.
    ///
    /// A pooled connection can die unnoticed: the server closes it as idle just as a request
    /// is written to it. A request that may be sent twice (an idempotent method, no body)
    /// then goes again once over a new connection, as hyper's and Go's clients do; any
    /// other gets the error, since the server may have acted on it.
    pub async fn send(
        &self,
        request: http::Request<WasiBody>,
        timeouts: Timeouts,
    ) -> Result<http::Response<WasiBody>, HttpError> {
        let uri = request.uri();
        let scheme_supported = uri.scheme() == Some(&http::uri::Scheme::HTTP)
            || uri.scheme() == Some(&http::uri::Scheme::HTTPS);
        if !scheme_supported || uri.host().is_none() {
            return Err(HttpError::HttpRequestUriInvalid);
        }
        let replay = replay_of(&request);
        let response = match self.attempt(request, timeouts).await {
            Ok(response) => response,
            Err(failure) => match replay {
                Some(replay) if failure.reused_connection_died => self
                    .attempt(replay, timeouts)
                    .await
                    .map_err(|failure| failure.error)?,
                _ => return Err(failure.error),
            },
        };
        Ok(response.map(|incoming| {
            BetweenBytesTimeout {
                incoming,
                timeout: timeouts.between_bytes,
                stall: None,
            }
            .boxed_unsync()
        }))
    }

    async fn attempt(
        &self,
        request: http::Request<WasiBody>,
        timeouts: Timeouts,
    ) -> Result<http::Response<Incoming>, AttemptFailure> {
        let guest_body_error = Arc::new(Mutex::new(None));
        let request = request.map(|body| GuestBody {
            body,
            error: guest_body_error.clone(),
        });
        let connected = Arc::new(AtomicBool::new(false));
        let scope = ConnectScope {
            timeout: timeouts.connect,
            connected: connected.clone(),
        };
        let result = CONNECT_SCOPE
            .scope(
                scope,
                tokio::time::timeout(timeouts.first_byte, self.client.request(request)),
            )
            .await;
        match result {
            Ok(Ok(response)) => Ok(response),
            Ok(Err(error)) => {
                let guest_error = guest_body_error
                    .lock()
                    .ok()
                    .and_then(|mut slot| slot.take());
                Err(AttemptFailure {
                    reused_connection_died: !connected.load(Ordering::SeqCst)
                        && closed_before_response(&error),
                    error: guest_error.unwrap_or_else(|| client_error(&error)),
                })
            }
            Err(_elapsed) => Err(AttemptFailure {
                error: HttpError::ConnectionReadTimeout,
                reused_connection_died: false,
            }),
        }
    }
}

struct AttemptFailure {
    error: HttpError,
    /// The request went out on a pooled connection, which the server had closed.
    reused_connection_died: bool,
}

/// A copy of `request` to send again, when sending it twice is harmless.
fn replay_of(request: &http::Request<WasiBody>) -> Option<http::Request<WasiBody>> {
    if !request.method().is_idempotent() || !request.body().is_end_stream() {
        return None;
    }
    let body: WasiBody = Empty::<Bytes>::new()
        .map_err(|never| match never {})
        .boxed_unsync();
    let mut replay = http::Request::new(body);
    *replay.method_mut() = request.method().clone();
    *replay.uri_mut() = request.uri().clone();
    *replay.version_mut() = request.version();
    *replay.headers_mut() = request.headers().clone();
    Some(replay)
}

/// Whether the connection ended before a whole response head arrived.
fn closed_before_response(error: &hyper_util::client::legacy::Error) -> bool {
    let mut cause = error.source();
    while let Some(current) = cause {
        if let Some(hyper_error) = current.downcast_ref::<hyper::Error>() {
            if hyper_error.is_incomplete_message() || hyper_error.is_closed() {
                return true;
            }
        }
        if let Some(io_error) = current.downcast_ref::<io::Error>() {
            if matches!(
                io_error.kind(),
                io::ErrorKind::ConnectionReset
                    | io::ErrorKind::ConnectionAborted
                    | io::ErrorKind::BrokenPipe
            ) {
                return true;
            }
        }
        cause = current.source();
    }
    false
}

/// What the connector needs to know of the request being sent. The pool asks the connector
/// for a connection with the URI alone, so this travels beside it.
struct ConnectScope {
    timeout: Duration,
    /// Set when the request needed a new connection (else it went out on a pooled one).
    connected: Arc<AtomicBool>,
}

tokio::task_local! {
    static CONNECT_SCOPE: ConnectScope;
}

/// Opens the TCP connection of a new pooled connection (TLS is layered on by
/// hyper-rustls for `https`).
#[derive(Clone, Copy)]
struct TcpConnector;

impl tower_service::Service<http::Uri> for TcpConnector {
    type Response = TokioIo<TcpStream>;
    type Error = TcpConnectError;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, uri: http::Uri) -> Self::Future {
        // Here, not in the future: the pool first polls the future inside the request's
        // task, but may finish it on another.
        let timeout = CONNECT_SCOPE
            .try_with(|scope| {
                scope.connected.store(true, Ordering::SeqCst);
                scope.timeout
            })
            .unwrap_or(DEFAULT_CONNECT_TIMEOUT);
        Box::pin(async move {
            let host = uri.host().unwrap_or_default();
            let default_port = if uri.scheme() == Some(&http::uri::Scheme::HTTPS) {
                443
            } else {
                80
            };
            let port = uri.port_u16().unwrap_or(default_port);
            // `host` keeps the brackets of an IPv6 literal, so this parses as host:port.
            let address = format!("{host}:{port}");
            let stream = tokio::time::timeout(timeout, TcpStream::connect(address))
                .await
                .map_err(|_| TcpConnectError::TimedOut)?
                .map_err(TcpConnectError::Failed)?;
            // Requests are written whole; waiting to coalesce small writes only adds latency.
            stream.set_nodelay(true).map_err(TcpConnectError::Failed)?;
            Ok(TokioIo::new(stream))
        })
    }
}

#[derive(Debug)]
enum TcpConnectError {
    TimedOut,
    Failed(io::Error),
}

impl std::fmt::Display for TcpConnectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TimedOut => write!(f, "TCP connect timed out"),
            Self::Failed(error) => write!(f, "TCP connect failed: {error}"),
        }
    }
}

impl std::error::Error for TcpConnectError {}

/// The error `default_send_request` would have returned for the same failure, so the
/// guest sees the same error code. The client's error only lends its causes, so I/O
/// errors are rebuilt with the same kind and text (all wasmtime-wasi-http looks at).
fn client_error(error: &hyper_util::client::legacy::Error) -> HttpError {
    let mut cause = error.source();
    while let Some(current) = cause {
        if let Some(tcp) = current.downcast_ref::<TcpConnectError>() {
            return match tcp {
                TcpConnectError::TimedOut => HttpError::ConnectionTimeout,
                TcpConnectError::Failed(io) => {
                    HttpError::Connect(io::Error::new(io.kind(), io.to_string()))
                }
            };
        }
        if current
            .downcast_ref::<rustls::pki_types::InvalidDnsNameError>()
            .is_some()
        {
            return HttpError::InvalidDnsNameError(rustls::pki_types::InvalidDnsNameError);
        }
        if let Some(hyper_error) = current.downcast_ref::<hyper::Error>() {
            return if hyper_error.is_timeout() {
                HttpError::HttpResponseTimeout
            } else {
                // What `Error::Hyper` becomes for the guest.
                HttpError::HttpProtocolError
            };
        }
        cause = current.source();
    }
    if error.is_connect() {
        // TCP failures were matched above, so this is the TLS handshake.
        let detail = error.source().map(ToString::to_string).unwrap_or_default();
        return HttpError::Tls(io::Error::other(detail));
    }
    HttpError::InternalError(Some(error.to_string()))
}

/// The guest's request body. Its error is kept here so the guest gets back its own error
/// rather than hyper's wrapping of it.
struct GuestBody {
    body: WasiBody,
    error: Arc<Mutex<Option<HttpError>>>,
}

#[derive(Debug)]
struct GuestBodyFailed;

impl std::fmt::Display for GuestBodyFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the request body failed")
    }
}

impl std::error::Error for GuestBodyFailed {}

impl Body for GuestBody {
    type Data = Bytes;
    type Error = GuestBodyFailed;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, GuestBodyFailed>>> {
        let this = self.get_mut();
        match ready!(Pin::new(&mut this.body).poll_frame(cx)) {
            Some(Ok(frame)) => Poll::Ready(Some(Ok(frame))),
            Some(Err(error)) => {
                if let Ok(mut slot) = this.error.lock() {
                    *slot = Some(error);
                }
                Poll::Ready(Some(Err(GuestBodyFailed)))
            }
            None => Poll::Ready(None),
        }
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// The response body, failing with `connection-read-timeout` when no frame arrives
/// within `timeout` of asking for one.
struct BetweenBytesTimeout {
    incoming: Incoming,
    timeout: Duration,
    stall: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl Body for BetweenBytesTimeout {
    type Data = Bytes;
    type Error = HttpError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, HttpError>>> {
        let this = self.get_mut();
        match Pin::new(&mut this.incoming).poll_frame(cx) {
            Poll::Ready(frame) => {
                this.stall = None;
                Poll::Ready(frame.map(|frame| frame.map_err(response_body_error)))
            }
            Poll::Pending => {
                let timeout = this.timeout;
                let stall = this
                    .stall
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep(timeout)));
                ready!(stall.as_mut().poll(cx));
                Poll::Ready(Some(Err(HttpError::ConnectionReadTimeout)))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.incoming.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.incoming.size_hint()
    }
}

/// As `default_send_request` maps errors of its response body.
fn response_body_error(error: hyper::Error) -> HttpError {
    if error.is_timeout() {
        HttpError::HttpResponseTimeout
    } else {
        HttpError::from(error)
    }
}
