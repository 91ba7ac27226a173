//! [`Transport`] over `wasi:http/outgoing-handler` for guests, blocking on the request's
//! pollables (a gateway call is one sequential conversation with one provider at a time, so
//! nothing is gained by an executor). Timeouts go in the request options, where the host
//! enforces them: connect, first byte, and between bytes (which catches stalled streams).

use spin_sdk::wit::wasi::http0_2_0::outgoing_handler;
use spin_sdk::wit::wasi::http0_2_0::types::{
    ErrorCode, Fields, IncomingBody, IncomingResponse, Method, OutgoingBody, OutgoingRequest,
    RequestOptions, Scheme,
};
use wasi::io::streams::{InputStream, StreamError};

use crate::transport::{BodyReader, HttpRequest, HttpResponse, Transport, TransportError};

#[derive(Debug, Default, Clone, Copy)]
pub struct WasiHttp;

/// A response body being read. Field order is drop order: the stream before its body, the
/// body before its response (dropping the response early would cancel the request).
pub struct WasiBody {
    stream: Option<InputStream>,
    body: Option<IncomingBody>,
    _response: IncomingResponse,
}

impl Drop for WasiBody {
    fn drop(&mut self) {
        drop(self.stream.take());
        drop(self.body.take());
    }
}

const READ_SIZE: u64 = 64 * 1024;

fn classify(code: &ErrorCode) -> TransportError {
    let text = format!("{code:?}");
    match code {
        ErrorCode::ConnectionTimeout
        | ErrorCode::ConnectionReadTimeout
        | ErrorCode::ConnectionWriteTimeout
        | ErrorCode::HttpResponseTimeout => TransportError::Timeout(text),
        ErrorCode::DnsTimeout
        | ErrorCode::DnsError(_)
        | ErrorCode::DestinationNotFound
        | ErrorCode::DestinationUnavailable
        | ErrorCode::DestinationIpProhibited
        | ErrorCode::DestinationIpUnroutable
        | ErrorCode::ConnectionRefused
        | ErrorCode::ConnectionTerminated
        | ErrorCode::ConnectionLimitReached
        | ErrorCode::TlsProtocolError
        | ErrorCode::TlsCertificateError
        | ErrorCode::TlsAlertReceived(_) => TransportError::Connect(text),
        ErrorCode::HttpRequestDenied => TransportError::Connect(
            "the host denied the request: add the provider's origin to allowed_outbound_hosts \
             (variable llm_provider_origin)"
                .into(),
        ),
        _ => TransportError::Protocol(text),
    }
}

impl BodyReader for WasiBody {
    fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, TransportError> {
        let Some(stream) = &self.stream else {
            return Ok(None);
        };
        loop {
            match stream.blocking_read(READ_SIZE) {
                Ok(bytes) if bytes.is_empty() => continue,
                Ok(bytes) => return Ok(Some(bytes)),
                Err(StreamError::Closed) => {
                    self.stream = None;
                    return Ok(None);
                }
                Err(StreamError::LastOperationFailed(e)) => {
                    self.stream = None;
                    let code = spin_sdk::wit::wasi::http0_2_0::types::http_error_code(&e);
                    return Err(match code {
                        Some(code) => classify(&code),
                        None => TransportError::Protocol(e.to_debug_string()),
                    });
                }
            }
        }
    }
}

fn split_url(url: &str) -> Result<(Scheme, String, String), TransportError> {
    let (scheme, rest) = if let Some(rest) = url.strip_prefix("https://") {
        (Scheme::Https, rest)
    } else if let Some(rest) = url.strip_prefix("http://") {
        (Scheme::Http, rest)
    } else {
        return Err(TransportError::Connect(format!("unsupported URL {url}")));
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    Ok((scheme, authority.to_owned(), path.to_owned()))
}

fn ms_to_ns(ms: u64) -> u64 {
    ms.saturating_mul(1_000_000)
}

impl Transport for WasiHttp {
    type Body = WasiBody;

    fn send(&self, request: HttpRequest) -> Result<HttpResponse<WasiBody>, TransportError> {
        let (scheme, authority, path) = split_url(&request.url)?;
        let entries: Vec<(String, Vec<u8>)> = request
            .headers
            .iter()
            .map(|(n, v)| (n.clone(), v.clone().into_bytes()))
            .collect();
        let headers = Fields::from_list(&entries)
            .map_err(|e| TransportError::Connect(format!("invalid header: {e:?}")))?;
        let outgoing = OutgoingRequest::new(headers);
        let method = match request.method {
            "GET" => Method::Get,
            _ => Method::Post,
        };
        let bad =
            |what: &str| TransportError::Connect(format!("invalid {what} in {}", request.url));
        outgoing.set_method(&method).map_err(|()| bad("method"))?;
        outgoing
            .set_scheme(Some(&scheme))
            .map_err(|()| bad("scheme"))?;
        outgoing
            .set_authority(Some(&authority))
            .map_err(|()| bad("authority"))?;
        outgoing
            .set_path_with_query(Some(&path))
            .map_err(|()| bad("path"))?;
        let options = RequestOptions::new();
        let _ = options.set_connect_timeout(Some(ms_to_ns(request.connect_timeout_ms)));
        let _ = options.set_first_byte_timeout(Some(ms_to_ns(request.first_byte_timeout_ms)));
        let _ = options.set_between_bytes_timeout(Some(ms_to_ns(request.between_bytes_timeout_ms)));

        let body = outgoing
            .body()
            .map_err(|()| TransportError::Connect("request body unavailable".into()))?;
        let future = outgoing_handler::handle(outgoing, Some(options)).map_err(|e| classify(&e))?;
        {
            let stream = body
                .write()
                .map_err(|()| TransportError::Connect("request body not writable".into()))?;
            // blocking-write-and-flush takes at most 4096 bytes per call.
            for piece in request.body.chunks(4096) {
                stream
                    .blocking_write_and_flush(piece)
                    .map_err(|e| TransportError::Connect(format!("writing the request: {e:?}")))?;
            }
        }
        OutgoingBody::finish(body, None).map_err(|e| classify(&e))?;

        future.subscribe().block();
        let response = match future.get() {
            Some(Ok(Ok(response))) => response,
            Some(Ok(Err(code))) => return Err(classify(&code)),
            Some(Err(())) | None => {
                return Err(TransportError::Protocol(
                    "response future in a bad state".into(),
                ))
            }
        };
        let status = response.status();
        let headers = response
            .headers()
            .entries()
            .into_iter()
            .map(|(n, v)| (n, String::from_utf8_lossy(&v).into_owned()))
            .collect();
        let incoming = response
            .consume()
            .map_err(|()| TransportError::Protocol("response body unavailable".into()))?;
        let stream = incoming
            .stream()
            .map_err(|()| TransportError::Protocol("response body unreadable".into()))?;
        Ok(HttpResponse {
            status,
            headers,
            body: WasiBody {
                stream: Some(stream),
                body: Some(incoming),
                _response: response,
            },
        })
    }
}
