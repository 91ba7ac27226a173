//! Reading a request body without ever holding more than the route's limit.

use crate::ApiError;

/// Default per-route limit: 1 MiB.
pub const DEFAULT_MAX_BODY_BYTES: u64 = 1024 * 1024;

/// Accumulates body chunks and fails with 413 as soon as the limit would be exceeded, so a large
/// upload is rejected before it is buffered.
#[derive(Debug)]
pub struct BodyCollector {
    limit: u64,
    buf: Vec<u8>,
}

impl BodyCollector {
    /// Checks `Content-Length` up front: a declared size over the limit is rejected before any
    /// byte is read. A malformed `Content-Length` is a 400. The declared size is not trusted
    /// beyond that; the running total is still enforced by [`BodyCollector::push`].
    pub fn new(limit: u64, content_length: Option<&str>) -> Result<Self, ApiError> {
        if let Some(raw) = content_length {
            let declared: u64 = raw.trim().parse().map_err(|_| {
                ApiError::bad_request("Content-Length is not a non-negative integer")
            })?;
            if declared > limit {
                return Err(ApiError::payload_too_large(limit));
            }
        }
        Ok(Self {
            limit,
            buf: Vec::new(),
        })
    }

    pub fn push(&mut self, chunk: &[u8]) -> Result<(), ApiError> {
        let total = self.buf.len() as u64 + chunk.len() as u64;
        if total > self.limit {
            return Err(ApiError::payload_too_large(self.limit));
        }
        self.buf.extend_from_slice(chunk);
        Ok(())
    }

    pub fn finish(self) -> Vec<u8> {
        self.buf
    }
}

/// Collects a whole body from an in-memory chunk sequence (handy for tests and buffered callers).
pub fn collect_limited<'a>(
    limit: u64,
    content_length: Option<&str>,
    chunks: impl IntoIterator<Item = &'a [u8]>,
) -> Result<Vec<u8>, ApiError> {
    let mut collector = BodyCollector::new(limit, content_length)?;
    for chunk in chunks {
        collector.push(chunk)?;
    }
    Ok(collector.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_at_the_limit_is_accepted() {
        let body = collect_limited(4, Some("4"), [b"ab".as_slice(), b"cd"]).unwrap();
        assert_eq!(body, b"abcd");
    }

    #[test]
    fn streamed_body_over_the_limit_is_413_with_limit() {
        let err = collect_limited(4, None, [b"abc".as_slice(), b"de"]).unwrap_err();
        assert_eq!(err.status, 413);
        assert_eq!(err.details.unwrap()["limit_bytes"], 4);
    }

    #[test]
    fn declared_length_over_the_limit_fails_before_reading() {
        let err = BodyCollector::new(10, Some("11")).unwrap_err();
        assert_eq!(err.status, 413);
    }

    #[test]
    fn lying_content_length_is_still_capped() {
        let err = collect_limited(4, Some("1"), [b"abcdef".as_slice()]).unwrap_err();
        assert_eq!(err.status, 413);
    }

    #[test]
    fn malformed_content_length_is_400() {
        for bad in ["abc", "-1", ""] {
            let err = BodyCollector::new(10, Some(bad)).unwrap_err();
            assert_eq!(err.status, 400, "{bad:?}");
        }
    }

    #[test]
    fn empty_body_is_fine() {
        assert!(collect_limited(0, Some("0"), []).unwrap().is_empty());
    }
}
