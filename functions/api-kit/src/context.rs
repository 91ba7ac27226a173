//! The request as a handler sees it, independent of spin-sdk so handlers are testable natively.

use serde::de::DeserializeOwned;

use crate::{parse_json, ApiError, Headers, RequestId};

/// Where the host puts the peer's address. Clients cannot forge it: the host drops `spin-*`
/// headers a client sends.
pub const CLIENT_ADDR_HEADER: &str = "spin-client-addr";

/// A fully read request (body already capped by the route's limit).
#[derive(Debug, Clone)]
pub struct RequestContext {
    pub request_id: RequestId,
    /// Upper-case method name, e.g. `GET`.
    pub method: String,
    /// Path and query as received, e.g. `/api/v1/kb/7?x=1`.
    pub path_and_query: String,
    pub headers: Headers,
    pub body: Vec<u8>,
}

impl RequestContext {
    /// A request with a generated id and an empty body; mainly for tests.
    pub fn new(method: &str, path_and_query: &str) -> Self {
        Self {
            request_id: RequestId::generate(),
            method: method.to_string(),
            path_and_query: path_and_query.to_string(),
            headers: Headers::new(),
            body: Vec::new(),
        }
    }

    /// The path without the query string.
    pub fn path(&self) -> &str {
        self.path_and_query
            .split_once('?')
            .map_or(self.path_and_query.as_str(), |(p, _)| p)
    }

    /// 405 with `Allow` unless the method is one of `allowed`.
    pub fn allow_methods(&self, allowed: &[&str]) -> Result<(), ApiError> {
        crate::allow_methods(&self.method, allowed)
    }

    /// The body parsed as JSON; see [`parse_json`] for the error mapping.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        parse_json(&self.headers, &self.body)
    }

    /// The caller's IP address, for per-client limits; `None` when the host did not say.
    pub fn client_ip(&self) -> Option<String> {
        self.headers.get(CLIENT_ADDR_HEADER).map(client_ip)
    }
}

/// The address part of `spin-client-addr` (`1.2.3.4:5678` or `[::1]:5678`).
pub fn client_ip(addr: &str) -> String {
    let addr = addr.trim();
    if let Some(rest) = addr.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest).to_string();
    }
    match addr.rsplit_once(':') {
        Some((ip, port)) if !ip.contains(':') && port.bytes().all(|b| b.is_ascii_digit()) => {
            ip.to_string()
        }
        _ => addr.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_strips_query() {
        assert_eq!(RequestContext::new("GET", "/a/b?x=1").path(), "/a/b");
        assert_eq!(RequestContext::new("GET", "/a").path(), "/a");
    }

    #[test]
    fn client_ip_strips_the_port() {
        assert_eq!(client_ip("10.0.0.1:4455"), "10.0.0.1");
        assert_eq!(client_ip("[::1]:4455"), "::1");
        assert_eq!(client_ip("::1"), "::1");
        assert_eq!(client_ip("10.0.0.1"), "10.0.0.1");
        let mut ctx = RequestContext::new("GET", "/");
        assert_eq!(ctx.client_ip(), None);
        ctx.headers.insert(CLIENT_ADDR_HEADER, "[2001:db8::1]:80");
        assert_eq!(ctx.client_ip().as_deref(), Some("2001:db8::1"));
    }

    #[test]
    fn json_uses_headers_and_body() {
        let mut ctx = RequestContext::new("POST", "/x");
        ctx.headers.insert("content-type", "text/plain");
        ctx.body = b"{}".to_vec();
        assert_eq!(ctx.json::<serde_json::Value>().unwrap_err().status, 415);
    }
}
