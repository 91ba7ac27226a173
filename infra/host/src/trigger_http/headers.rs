//! The request a component sees: Spin 4's `spin-*` headers, the request id, and nothing a
//! client could use to impersonate the host.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::{Context, Result};
use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, Request, Uri};
use http_body_util::BodyExt;
use hyper::body::Incoming;

use super::router::RouteMatch;

type Body = http_body_util::combinators::UnsyncBoxBody<Bytes, wasmtime_wasi_http::Error>;

const REQUEST_ID: &str = "x-request-id";

/// The client's `X-Request-Id` when it is sane (1..=128 visible ASCII characters),
/// otherwise a fresh one.
pub fn request_id(headers: &HeaderMap) -> Arc<str> {
    headers
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty() && v.len() <= 128 && v.bytes().all(|b| b.is_ascii_graphic()))
        .map(Arc::from)
        .unwrap_or_else(|| Arc::from(uuid::Uuid::new_v4().to_string()))
}

/// Rewrites a client request into the one the component receives.
pub fn prepare_guest_request(
    req: Request<Incoming>,
    matched: &RouteMatch<'_>,
    base_path: &str,
    client: SocketAddr,
    request_id: &str,
) -> Result<Request<Body>> {
    let (mut parts, body) = req.into_parts();
    let host = parts
        .headers
        .get(http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_string)
        .or_else(|| parts.uri.authority().map(|a| a.to_string()))
        .unwrap_or_else(|| "localhost".to_string());
    let path_and_query = parts
        .uri
        .path_and_query()
        .map(|pq| pq.as_str())
        .unwrap_or("/")
        .to_string();
    let full_url = format!("http://{host}{path_and_query}");

    let headers = &mut parts.headers;
    // Nothing the client sends under the `spin-` prefix reaches the component.
    let spoofed: Vec<HeaderName> = headers
        .keys()
        .filter(|name| name.as_str().starts_with("spin-"))
        .cloned()
        .collect();
    for name in spoofed {
        headers.remove(&name);
    }
    headers.remove(http::header::HOST);
    headers.remove(http::header::CONNECTION);

    let mut set = |name: &str, value: &str| -> Result<()> {
        let value =
            HeaderValue::from_str(value).with_context(|| format!("invalid value for {name}"))?;
        headers.insert(HeaderName::from_bytes(name.as_bytes())?, value);
        Ok(())
    };
    set("spin-full-url", &full_url)?;
    set("spin-path-info", &matched.path_info)?;
    set("spin-matched-route", matched.raw_route)?;
    set("spin-raw-component-route", matched.raw_route)?;
    set("spin-component-route", matched.component_route)?;
    set("spin-base-path", base_path)?;
    set("spin-client-addr", &client.to_string())?;
    for (name, value) in &matched.params {
        set(
            &format!("spin-path-match-{}", name.to_ascii_lowercase()),
            value,
        )?;
    }
    set(REQUEST_ID, request_id)?;

    // wasi:http wants an absolute URI; the authority replaces the removed `host` header.
    parts.uri = Uri::builder()
        .scheme("http")
        .authority(host.as_str())
        .path_and_query(path_and_query.as_str())
        .build()
        .context("invalid request URI")?;
    let body = body.map_err(wasmtime_wasi_http::Error::from).boxed_unsync();
    Ok(Request::from_parts(parts, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_sane_request_ids_and_replaces_others() {
        let mut headers = HeaderMap::new();
        headers.insert(REQUEST_ID, HeaderValue::from_static("abc-123"));
        assert_eq!(&*request_id(&headers), "abc-123");
        headers.insert(REQUEST_ID, HeaderValue::from_static("has space"));
        assert_ne!(&*request_id(&headers), "has space");
        headers.insert(REQUEST_ID, HeaderValue::from_str(&"x".repeat(129)).unwrap());
        assert_eq!(request_id(&headers).len(), 36);
        assert_eq!(request_id(&HeaderMap::new()).len(), 36);
    }
}
