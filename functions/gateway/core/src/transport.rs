//! The gateway's only I/O besides storage: blocking HTTP to providers, a clock and
//! randomness. Guests implement [`Transport`] over `wasi:http` with request options for the
//! timeouts; native tests over hyper (feature `native`), against a real local server.

/// An outbound request. Timeouts are per phase, as `wasi:http` request options define them.
#[derive(Debug, Clone)]
pub struct HttpRequest {
    pub method: &'static str,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub connect_timeout_ms: u64,
    pub first_byte_timeout_ms: u64,
    pub between_bytes_timeout_ms: u64,
}

#[derive(Debug)]
pub struct HttpResponse<B> {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: B,
}

impl<B> HttpResponse<B> {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// DNS, refused, reset before a response head, TLS: the request may not have arrived.
    Connect(String),
    /// A phase took longer than its timeout.
    Timeout(String),
    /// The connection broke or the peer spoke broken HTTP.
    Protocol(String),
}

impl std::fmt::Display for TransportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TransportError::Connect(m) => write!(f, "connection failed: {m}"),
            TransportError::Timeout(m) => write!(f, "timed out: {m}"),
            TransportError::Protocol(m) => write!(f, "broken response: {m}"),
        }
    }
}

/// A response body read piece by piece (each read bounded by the between-bytes timeout).
pub trait BodyReader {
    /// The next piece, or `None` at the end.
    fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, TransportError>;

    /// The whole body, failing once it passes `limit` bytes.
    fn read_to_end(&mut self, limit: usize) -> Result<Vec<u8>, TransportError> {
        let mut out = Vec::new();
        while let Some(chunk) = self.next_chunk()? {
            out.extend_from_slice(&chunk);
            if out.len() > limit {
                return Err(TransportError::Protocol(format!(
                    "response body larger than {limit} bytes"
                )));
            }
        }
        Ok(out)
    }
}

pub trait Transport {
    type Body: BodyReader;
    fn send(&self, request: HttpRequest) -> Result<HttpResponse<Self::Body>, TransportError>;
}

/// Time and chance, behind a trait so backoff and budgets are testable.
pub trait Clock {
    fn now_ms(&self) -> u64;
    fn sleep_ms(&self, ms: u64);
    fn random_u64(&self) -> u64;
    fn now_secs(&self) -> u64 {
        self.now_ms() / 1000
    }
}

/// Wall clock, real sleep (`wasi:clocks` in a guest), randomness from std's hasher seed.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> u64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64)
    }

    fn sleep_ms(&self, ms: u64) {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }

    fn random_u64(&self) -> u64 {
        use std::hash::{BuildHasher, Hasher};
        // RandomState is seeded from the platform's randomness (wasi:random in a guest).
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(self.now_ms());
        h.finish()
    }
}

/// A random identifier for ledger rows (128 bits, hex).
pub fn random_id(clock: &dyn Clock) -> String {
    format!("{:016x}{:016x}", clock.random_u64(), clock.random_u64())
}

/// Seconds from a `Retry-After` header (delta-seconds form; an HTTP-date means "soon", one
/// second, since providers send seconds in practice).
pub fn parse_retry_after(value: Option<&str>) -> Option<u64> {
    let value = value?.trim();
    if value.is_empty() {
        return None;
    }
    Some(value.parse::<u64>().unwrap_or(1).min(3600))
}

/// Exponential backoff with jitter before attempt `attempt` (1-based retries): half of
/// `100 ms * 2^(attempt-1)` fixed plus up to the other half at random, capped at 2 s.
pub fn backoff_ms(attempt: u32, random: u64) -> u64 {
    let cap = (100u64 << attempt.saturating_sub(1).min(5)).min(2000);
    cap / 2 + random % (cap / 2 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_forms() {
        assert_eq!(parse_retry_after(Some("7")), Some(7));
        assert_eq!(parse_retry_after(Some(" 0 ")), Some(0));
        assert_eq!(
            parse_retry_after(Some("Wed, 21 Oct 2015 07:28:00 GMT")),
            Some(1)
        );
        assert_eq!(parse_retry_after(Some("999999")), Some(3600));
        assert_eq!(parse_retry_after(None), None);
    }

    #[test]
    fn backoff_grows_with_jitter_and_a_cap() {
        for r in [0u64, 1, 50, 99, u64::MAX] {
            let b1 = backoff_ms(1, r);
            assert!((50..=100).contains(&b1), "{b1}");
            let b2 = backoff_ms(2, r);
            assert!((100..=200).contains(&b2), "{b2}");
            assert!(backoff_ms(30, r) <= 2000);
        }
        assert_ne!(backoff_ms(2, 3), backoff_ms(2, 77));
    }
}
