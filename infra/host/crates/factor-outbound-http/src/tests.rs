use std::convert::Infallible;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};

use bytes::Bytes;
use http_body_util::{Empty, Full};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;

use super::*;

/// A local HTTP/1 server that echoes `<method> <path?query> host=<Host header>` and counts
/// the connections it accepted.
struct EchoServer {
    origin: url::Url,
    connections: Arc<AtomicUsize>,
}

async fn echo_server() -> EchoServer {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind test server");
    let addr = listener.local_addr().expect("local addr");
    let connections = Arc::new(AtomicUsize::new(0));
    let counter = connections.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
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
            });
        }
    });
    EchoServer {
        origin: url::Url::parse(&format!("http://{addr}")).expect("origin URL"),
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

fn hooks(allowed: &[&str], self_origin: Option<url::Url>) -> OutboundHttpHooks {
    OutboundHttpHooks::new(
        "test-component",
        Arc::new(AllowedHosts::parse(allowed).expect("allowed hosts")),
        self_origin,
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
async fn self_requests_go_to_the_app_origin() {
    let server = echo_server().await;
    let port = server.origin.port().expect("port");
    for uri in [
        "http://self/api/v1/health?deep=1",
        "http://self.alt/api/v1/health?deep=1",
    ] {
        let mut hooks = hooks(&["http://self"], Some(server.origin.clone()));
        let body = send(&mut hooks, request(uri))
            .await
            .expect("self request succeeds");
        assert_eq!(
            body,
            format!("GET /api/v1/health?deep=1 host=127.0.0.1:{port}"),
            "{uri}"
        );
    }
    assert_eq!(server.connections.load(Ordering::SeqCst), 2);
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
    let defaults = with_default_timeouts(None);
    assert_eq!(defaults.connect_timeout, Some(DEFAULT_CONNECT_TIMEOUT));
    assert_eq!(
        defaults.first_byte_timeout,
        Some(DEFAULT_FIRST_BYTE_TIMEOUT)
    );
    assert_eq!(
        defaults.between_bytes_timeout,
        Some(DEFAULT_BETWEEN_BYTES_TIMEOUT)
    );

    let guest = RequestOptions {
        connect_timeout: Some(Duration::from_millis(5)),
        first_byte_timeout: None,
        between_bytes_timeout: Some(Duration::from_secs(1)),
    };
    let merged = with_default_timeouts(Some(guest));
    assert_eq!(merged.connect_timeout, Some(Duration::from_millis(5)));
    assert_eq!(merged.first_byte_timeout, Some(DEFAULT_FIRST_BYTE_TIMEOUT));
    assert_eq!(merged.between_bytes_timeout, Some(Duration::from_secs(1)));
}

#[tokio::test]
async fn guest_first_byte_timeout_is_applied() {
    // A server that accepts but never answers.
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
