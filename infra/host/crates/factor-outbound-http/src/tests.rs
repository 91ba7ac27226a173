use std::convert::Infallible;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Empty, Full};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::*;

/// Accepts connections on a loopback port, counting them, and serves each with
/// `per_connection` on its own task. Returns the port and the count.
async fn counting_server<F, Fut>(per_connection: F) -> (u16, Arc<AtomicUsize>)
where
    F: Fn(tokio::net::TcpStream) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind test server");
    let port = listener.local_addr().expect("local addr").port();
    let connections = Arc::new(AtomicUsize::new(0));
    let counter = connections.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(per_connection(stream));
        }
    });
    (port, connections)
}

/// Reads from `stream` until a request head (ending in a blank line) is in `received`;
/// false when the peer closed or failed first.
async fn read_head(stream: &mut tokio::net::TcpStream, received: &mut Vec<u8>) -> bool {
    let mut buffer = [0u8; 1024];
    while !received.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => return false,
            Ok(read) => received.extend_from_slice(&buffer[..read]),
        }
    }
    true
}

/// A local HTTP/1 server that echoes `<method> <path?query> host=<Host header>` and counts
/// the connections it accepted.
struct EchoServer {
    origin: url::Url,
    connections: Arc<AtomicUsize>,
}

async fn echo_server() -> EchoServer {
    let (port, connections) = counting_server(|stream| async move {
        let service = service_fn(|req: hyper::Request<hyper::body::Incoming>| async move {
            let host = req
                .headers()
                .get(http::header::HOST)
                .and_then(|h| h.to_str().ok())
                .unwrap_or("-")
                .to_string();
            let target = req
                .uri()
                .path_and_query()
                .map(|pq| pq.to_string())
                .unwrap_or_default();
            let text = format!("{} {target} host={host}", req.method());
            Ok::<_, Infallible>(hyper::Response::new(Full::new(Bytes::from(text))))
        });
        let _ = hyper::server::conn::http1::Builder::new()
            .serve_connection(TokioIo::new(stream), service)
            .await;
    })
    .await;
    EchoServer {
        origin: url::Url::parse(&format!("http://127.0.0.1:{port}")).expect("origin URL"),
        connections,
    }
}

fn request(uri: &str) -> http::Request<WasiBody> {
    // Like wasmtime-wasi-http's p2 `handle`, which sets Host from the guest's authority.
    let authority = uri
        .parse::<http::Uri>()
        .ok()
        .and_then(|u| u.authority().map(|a| a.to_string()))
        .unwrap_or_default();
    http::Request::builder()
        .method("GET")
        .uri(uri)
        .header(http::header::HOST, authority)
        .body(
            Empty::<Bytes>::new()
                .map_err(|never| match never {})
                .boxed_unsync(),
        )
        .expect("test request")
}

fn new_client() -> OutboundHttpClient {
    OutboundHttpClient::new().expect("outbound HTTP client")
}

/// The hooks of one instance, with a pool of their own.
fn hooks(allowed: &[&str], self_origin: Option<url::Url>) -> OutboundHttpHooks {
    hooks_sharing(&new_client(), allowed, self_origin)
}

/// The hooks of one instance, using `client`'s pool as the host's instances do.
fn hooks_sharing(
    client: &OutboundHttpClient,
    allowed: &[&str],
    self_origin: Option<url::Url>,
) -> OutboundHttpHooks {
    OutboundHttpHooks::new(
        "test-component",
        Arc::new(AllowedHosts::parse(allowed).expect("allowed hosts")),
        self_origin,
        client.clone(),
    )
}

/// Sends through the hooks the way wasmtime-wasi-http does and returns the body text.
async fn send(
    hooks: &mut OutboundHttpHooks,
    req: http::Request<WasiBody>,
) -> Result<String, HttpError> {
    let future = hooks.send_request(req, None, Box::new(async { Ok(()) }));
    let (response, io) = Pin::from(future).await?;
    tokio::spawn(Pin::from(io));
    let body = response.into_body().collect().await?.to_bytes();
    Ok(String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn allowed_request_reaches_the_server() {
    let server = echo_server().await;
    let port = server.origin.port().expect("port");
    let mut hooks = hooks(&[&format!("http://127.0.0.1:{port}")], None);
    let body = send(
        &mut hooks,
        request(&format!("http://127.0.0.1:{port}/hello?x=1")),
    )
    .await
    .expect("allowed request succeeds");
    assert_eq!(body, format!("GET /hello?x=1 host=127.0.0.1:{port}"));
    assert_eq!(server.connections.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn denied_request_fails_without_connecting() {
    let server = echo_server().await;
    let port = server.origin.port().expect("port");
    for allowed in [
        &[][..],
        &["http://example.com"][..],
        &[&*format!("http://127.0.0.1:{}", port + 1)][..],
        &[&*format!("https://127.0.0.1:{port}")][..],
        &["http://self"][..],
    ] {
        let mut hooks = hooks(allowed, Some(server.origin.clone()));
        let result = send(
            &mut hooks,
            request(&format!("http://127.0.0.1:{port}/secret?token=abc")),
        )
        .await;
        assert!(
            matches!(result, Err(HttpError::HttpRequestDenied)),
            "{allowed:?}: expected HttpRequestDenied, got {result:?}"
        );
    }
    // Give a stray connection attempt time to be accepted before checking none was made.
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(server.connections.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn self_requests_go_to_the_app_origin_over_one_pooled_connection() {
    let server = echo_server().await;
    let port = server.origin.port().expect("port");
    let client = new_client();
    for uri in [
        "http://self/api/v1/health?deep=1",
        "http://self.alt/api/v1/health?deep=1",
    ] {
        let mut hooks = hooks_sharing(&client, &["http://self"], Some(server.origin.clone()));
        let body = send(&mut hooks, request(uri))
            .await
            .expect("self request succeeds");
        assert_eq!(
            body,
            format!("GET /api/v1/health?deep=1 host=127.0.0.1:{port}"),
            "{uri}"
        );
    }
    assert_eq!(server.connections.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn self_requests_need_permission_and_an_origin() {
    let server = echo_server().await;
    let mut not_allowed = hooks(&["https://example.com"], Some(server.origin.clone()));
    assert!(matches!(
        send(&mut not_allowed, request("http://self/x")).await,
        Err(HttpError::HttpRequestDenied)
    ));
    // `https://self` does not allow `http://self`.
    let mut other_scheme = hooks(&["https://self"], Some(server.origin.clone()));
    assert!(matches!(
        send(&mut other_scheme, request("http://self/x")).await,
        Err(HttpError::HttpRequestDenied)
    ));
    let mut no_origin = hooks(&["http://self"], None);
    assert!(matches!(
        send(&mut no_origin, request("http://self/x")).await,
        Err(HttpError::HttpRequestUriInvalid)
    ));
    assert_eq!(server.connections.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn request_without_authority_is_a_self_request() {
    let server = echo_server().await;
    let mut hooks = hooks(&["http://self"], Some(server.origin.clone()));
    let body = send(&mut hooks, request("/relative/path"))
        .await
        .expect("relative request goes to the app");
    assert!(
        body.starts_with("GET /relative/path host=127.0.0.1:"),
        "{body}"
    );
}

#[test]
fn destinations_and_log_labels() {
    for (uri, label) in [
        (
            "https://api.example.com/v1/chat?key=secret",
            "https://api.example.com:443",
        ),
        ("http://127.0.0.1:8080/x?token=t", "http://127.0.0.1:8080"),
        ("http://[::1]:9000/", "http://[::1]:9000"),
        ("http://self/x?y", "http://self:80"),
        ("/only/a/path", "self"),
    ] {
        let uri: http::Uri = uri.parse().expect("test URI");
        let destination = Destination::of(&uri).expect("destination");
        assert_eq!(destination.log_label(), label, "{uri}");
        assert!(!destination.log_label().contains("secret"));
    }
}

#[test]
fn denied_event_shape() {
    let event = denied_event("health", "https://api.example.com:443");
    assert_eq!(event["level"], "warn");
    assert_eq!(event["event"], "outbound_denied");
    assert_eq!(event["component"], "health");
    assert_eq!(event["url"], "https://api.example.com:443");
    let line = event.to_string();
    assert!(!line.contains('\n'));
}

#[test]
fn guest_timeouts_win_and_defaults_fill_the_rest() {
    assert_eq!(
        Timeouts::for_request(None),
        Timeouts {
            connect: DEFAULT_CONNECT_TIMEOUT,
            first_byte: DEFAULT_FIRST_BYTE_TIMEOUT,
            between_bytes: DEFAULT_BETWEEN_BYTES_TIMEOUT,
        }
    );

    let guest = RequestOptions {
        connect_timeout: Some(Duration::from_millis(5)),
        first_byte_timeout: None,
        between_bytes_timeout: Some(Duration::from_secs(1)),
    };
    assert_eq!(
        Timeouts::for_request(Some(guest)),
        Timeouts {
            connect: Duration::from_millis(5),
            first_byte: DEFAULT_FIRST_BYTE_TIMEOUT,
            between_bytes: Duration::from_secs(1),
        }
    );
}

#[tokio::test]
async fn guest_first_byte_timeout_is_applied() {
    let port = silent_server().await;
    let mut hooks = hooks(&[&format!("http://127.0.0.1:{port}")], None);
    let options = RequestOptions {
        first_byte_timeout: Some(Duration::from_millis(200)),
        ..Default::default()
    };
    let future = hooks.send_request(
        request(&format!("http://127.0.0.1:{port}/slow")),
        Some(options),
        Box::new(async { Ok(()) }),
    );
    let result = tokio::time::timeout(Duration::from_secs(10), Pin::from(future))
        .await
        .expect("the request's own timeout fires first");
    assert!(
        matches!(result, Err(HttpError::ConnectionReadTimeout)),
        "{:?}",
        result.err()
    );
}

/// A server that accepts connections and never answers, holding them open.
async fn silent_server() -> u16 {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            held.push(stream);
        }
    });
    port
}

/// A hand-written HTTP/1.1 server: per connection it reads one request head (the tests
/// send no bodies), writes `response` as is, waits `close_after` and closes the
/// connection, all without announcing `Connection: close`, as a server closing idle
/// kept-alive connections does. Returns its port and its count of accepted connections.
async fn raw_server(response: &'static str, close_after: Duration) -> (u16, Arc<AtomicUsize>) {
    counting_server(move |mut stream| async move {
        if !read_head(&mut stream, &mut Vec::new()).await {
            return;
        }
        if stream.write_all(response.as_bytes()).await.is_err() {
            return;
        }
        tokio::time::sleep(close_after).await;
    })
    .await
}

#[tokio::test]
async fn instances_reuse_one_kept_alive_connection() {
    let server = echo_server().await;
    let port = server.origin.port().expect("port");
    let allowed = [&*format!("http://127.0.0.1:{port}")];
    let client = new_client();
    for path in ["/first", "/second", "/third"] {
        // A fresh instance per request, as the host makes them.
        let mut hooks = hooks_sharing(&client, &allowed, None);
        let body = send(
            &mut hooks,
            request(&format!("http://127.0.0.1:{port}{path}")),
        )
        .await
        .expect("request succeeds");
        assert_eq!(body, format!("GET {path} host=127.0.0.1:{port}"));
    }
    assert_eq!(server.connections.load(Ordering::SeqCst), 1);

    // Another pool opens its own connection: the count above is of connections.
    let mut other = hooks(&allowed, None);
    send(
        &mut other,
        request(&format!("http://127.0.0.1:{port}/other")),
    )
    .await
    .expect("request succeeds");
    assert_eq!(server.connections.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn stalled_response_body_hits_the_between_bytes_timeout() {
    let (port, _) = raw_server(
        "HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc",
        Duration::from_secs(60),
    )
    .await;
    let mut hooks = hooks(&[&format!("http://127.0.0.1:{port}")], None);
    let options = RequestOptions {
        between_bytes_timeout: Some(Duration::from_millis(200)),
        ..Default::default()
    };
    let future = hooks.send_request(
        request(&format!("http://127.0.0.1:{port}/stall")),
        Some(options),
        Box::new(async { Ok(()) }),
    );
    let (response, _io) = Pin::from(future).await.expect("the head arrives");
    let result = tokio::time::timeout(Duration::from_secs(10), response.into_body().collect())
        .await
        .expect("the body's own timeout fires first");
    assert!(
        matches!(result, Err(HttpError::ConnectionReadTimeout)),
        "{:?}",
        result.err()
    );
}

#[tokio::test]
async fn connection_closed_by_the_server_is_not_reused() {
    // Closed at once after answering, and closed after a short idle time.
    for (close_after, pause) in [
        (Duration::ZERO, Duration::ZERO),
        (Duration::from_millis(100), Duration::from_millis(300)),
    ] {
        let (port, connections) = raw_server(
            "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok",
            close_after,
        )
        .await;
        let client = new_client();
        let allowed = [&*format!("http://127.0.0.1:{port}")];
        for attempt in 0..3 {
            let mut hooks = hooks_sharing(&client, &allowed, None);
            let body = send(&mut hooks, request(&format!("http://127.0.0.1:{port}/")))
                .await
                .unwrap_or_else(|error| {
                    panic!("close after {close_after:?}, request {attempt}: {error:?}")
                });
            assert_eq!(body, "ok");
            tokio::time::sleep(pause).await;
        }
        assert_eq!(connections.load(Ordering::SeqCst), 3, "{close_after:?}");
    }
}

#[tokio::test]
async fn refused_connection_is_a_connect_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    drop(listener);
    let mut hooks = hooks(&[&format!("http://127.0.0.1:{port}")], None);
    let result = send(&mut hooks, request(&format!("http://127.0.0.1:{port}/"))).await;
    assert!(
        matches!(&result, Err(HttpError::Connect(error)) if error.kind() == std::io::ErrorKind::ConnectionRefused),
        "{result:?}"
    );
}

#[tokio::test]
async fn failed_tls_handshake_is_a_tls_error() {
    // An HTTP server does not speak TLS.
    let server = echo_server().await;
    let port = server.origin.port().expect("port");
    let mut hooks = hooks(&[&format!("https://127.0.0.1:{port}")], None);
    let result = send(&mut hooks, request(&format!("https://127.0.0.1:{port}/"))).await;
    assert!(matches!(result, Err(HttpError::Tls(_))), "{result:?}");
}

/// A request body whose stream fails at once, as a guest's may.
struct FailingBody;

impl hyper::body::Body for FailingBody {
    type Data = Bytes;
    type Error = HttpError;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<hyper::body::Frame<Bytes>, HttpError>>> {
        Poll::Ready(Some(Err(HttpError::HttpRequestBodySize(Some(3)))))
    }
}

#[tokio::test]
async fn request_body_error_is_the_guests_own() {
    let port = silent_server().await;
    let mut hooks = hooks(&[&format!("http://127.0.0.1:{port}")], None);
    let request = http::Request::builder()
        .method("POST")
        .uri(format!("http://127.0.0.1:{port}/upload"))
        .header(http::header::HOST, format!("127.0.0.1:{port}"))
        .body(FailingBody.boxed_unsync())
        .expect("test request");
    let options = RequestOptions {
        first_byte_timeout: Some(Duration::from_secs(5)),
        ..Default::default()
    };
    let future = hooks.send_request(request, Some(options), Box::new(async { Ok(()) }));
    let result = Pin::from(future).await;
    assert!(
        matches!(result, Err(HttpError::HttpRequestBodySize(Some(3)))),
        "{:?}",
        result.err()
    );
}

/// A server that answers the first request on each connection and keeps the connection,
/// then closes it without answering when the next request arrives on it: the moment a
/// server closes an idle connection just as the client reuses it, made certain.
async fn server_closing_reused_connections() -> (u16, Arc<AtomicUsize>) {
    counting_server(|mut stream| async move {
        // Answer the first request; at the second, close without a word.
        if !read_head(&mut stream, &mut Vec::new()).await {
            return;
        }
        let response = "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok";
        if stream.write_all(response.as_bytes()).await.is_err() {
            return;
        }
        read_head(&mut stream, &mut Vec::new()).await;
    })
    .await
}

#[tokio::test]
async fn idempotent_request_on_a_dead_pooled_connection_goes_again_on_a_new_one() {
    let (port, connections) = server_closing_reused_connections().await;
    let client = new_client();
    let allowed = [&*format!("http://127.0.0.1:{port}")];
    for attempt in 0..2 {
        let mut hooks = hooks_sharing(&client, &allowed, None);
        let body = send(&mut hooks, request(&format!("http://127.0.0.1:{port}/")))
            .await
            .unwrap_or_else(|error| panic!("request {attempt}: {error:?}"));
        assert_eq!(body, "ok");
    }
    assert_eq!(connections.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn request_with_a_body_on_a_dead_pooled_connection_is_not_sent_again() {
    let (port, connections) = server_closing_reused_connections().await;
    let client = new_client();
    let allowed = [&*format!("http://127.0.0.1:{port}")];
    let mut first = hooks_sharing(&client, &allowed, None);
    send(&mut first, request(&format!("http://127.0.0.1:{port}/")))
        .await
        .expect("the first request is answered");
    let post = http::Request::builder()
        .method("POST")
        .uri(format!("http://127.0.0.1:{port}/chat"))
        .header(http::header::HOST, format!("127.0.0.1:{port}"))
        .body(
            Full::new(Bytes::from_static(b"{}"))
                .map_err(|never| match never {})
                .boxed_unsync(),
        )
        .expect("test request");
    let mut second = hooks_sharing(&client, &allowed, None);
    let result = send(&mut second, post).await;
    assert!(
        matches!(result, Err(HttpError::HttpProtocolError)),
        "{result:?}"
    );
    assert_eq!(connections.load(Ordering::SeqCst), 1);
}
