//! A blocking [`Transport`] over hyper's HTTP/1 client on a private tokio runtime, with the
//! same per-phase timeouts the guest gets from `wasi:http`. For native tests and tools; plain
//! `http://` only (the providers it talks to are local).

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tokio::runtime::Runtime;

use crate::transport::{BodyReader, HttpRequest, HttpResponse, Transport, TransportError};

pub struct NativeTransport {
    runtime: Arc<Runtime>,
}

impl Default for NativeTransport {
    fn default() -> Self {
        Self::new()
    }
}

impl NativeTransport {
    pub fn new() -> Self {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("building a tokio runtime");
        Self {
            runtime: Arc::new(runtime),
        }
    }
}

pub struct NativeBody {
    runtime: Arc<Runtime>,
    body: Incoming,
    between_bytes: Duration,
}

impl BodyReader for NativeBody {
    fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, TransportError> {
        let between = self.between_bytes;
        let body = &mut self.body;
        self.runtime.block_on(async {
            loop {
                let frame = tokio::time::timeout(between, body.frame())
                    .await
                    .map_err(|_| TransportError::Timeout("no body bytes in time".into()))?;
                match frame {
                    None => return Ok(None),
                    Some(Err(e)) => return Err(TransportError::Protocol(e.to_string())),
                    Some(Ok(frame)) => {
                        if let Ok(data) = frame.into_data() {
                            if !data.is_empty() {
                                return Ok(Some(data.to_vec()));
                            }
                        }
                    }
                }
            }
        })
    }
}

impl Transport for NativeTransport {
    type Body = NativeBody;

    fn send(&self, request: HttpRequest) -> Result<HttpResponse<NativeBody>, TransportError> {
        let uri: hyper::Uri = request
            .url
            .parse()
            .map_err(|e| TransportError::Connect(format!("bad URL {}: {e}", request.url)))?;
        if uri.scheme_str() != Some("http") {
            return Err(TransportError::Connect(
                "the native transport speaks plain http only".into(),
            ));
        }
        let host = uri.host().unwrap_or("127.0.0.1").to_owned();
        let port = uri.port_u16().unwrap_or(80);
        let path = uri
            .path_and_query()
            .map_or("/".to_owned(), |p| p.as_str().to_owned());
        let connect = Duration::from_millis(request.connect_timeout_ms);
        let first_byte = Duration::from_millis(request.first_byte_timeout_ms);
        let between_bytes = Duration::from_millis(request.between_bytes_timeout_ms);

        let (status, headers, body) = self.runtime.block_on(async move {
            let stream = tokio::time::timeout(connect, TcpStream::connect((host.as_str(), port)))
                .await
                .map_err(|_| TransportError::Timeout("connect".into()))?
                .map_err(|e| TransportError::Connect(e.to_string()))?;
            let _ = stream.set_nodelay(true);
            let (mut sender, connection) =
                hyper::client::conn::http1::handshake(TokioIo::new(stream))
                    .await
                    .map_err(|e| TransportError::Connect(e.to_string()))?;
            tokio::spawn(async move {
                let _ = connection.await;
            });
            let mut builder = hyper::Request::builder()
                .method(request.method)
                .uri(path)
                .header(
                    "host",
                    format!("{}:{port}", uri.host().unwrap_or("127.0.0.1")),
                );
            for (name, value) in &request.headers {
                builder = builder.header(name, value);
            }
            let req = builder
                .body(Full::new(Bytes::from(request.body)))
                .map_err(|e| TransportError::Connect(e.to_string()))?;
            let response = tokio::time::timeout(first_byte, sender.send_request(req))
                .await
                .map_err(|_| TransportError::Timeout("waiting for the response head".into()))?
                .map_err(|e| {
                    if e.is_incomplete_message() || e.is_closed() {
                        TransportError::Connect(e.to_string())
                    } else {
                        TransportError::Protocol(e.to_string())
                    }
                })?;
            let status = response.status().as_u16();
            let headers = response
                .headers()
                .iter()
                .map(|(n, v)| {
                    (
                        n.as_str().to_owned(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect::<Vec<_>>();
            Ok::<_, TransportError>((status, headers, response.into_body()))
        })?;
        Ok(HttpResponse {
            status,
            headers,
            body: NativeBody {
                runtime: self.runtime.clone(),
                body,
                between_bytes,
            },
        })
    }
}
