//! Request ids: reuse the caller's `X-Request-Id` when it is sane, otherwise mint a UUID v4.

use std::fmt;

pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// Longest client-supplied id we accept; longer ones would bloat logs and could be abused.
const MAX_LEN: usize = 128;

/// An id that is safe to echo in headers and logs: 1..=128 visible ASCII characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RequestId(String);

impl RequestId {
    /// The caller's id if it is sane, otherwise a fresh one.
    pub fn from_header(value: Option<&str>) -> Self {
        value.and_then(Self::parse).unwrap_or_else(Self::generate)
    }

    /// `Some` only for 1..=128 visible ASCII characters (0x21..=0x7E: no spaces or controls).
    pub fn parse(value: &str) -> Option<Self> {
        let sane =
            (1..=MAX_LEN).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_graphic());
        sane.then(|| Self(value.to_string()))
    }

    pub fn generate() -> Self {
        Self(uuid::Uuid::new_v4().to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_visible_ascii_up_to_128() {
        assert_eq!(
            RequestId::parse("abc-123_X.y:z").unwrap().as_str(),
            "abc-123_X.y:z"
        );
        let max = "a".repeat(128);
        assert_eq!(RequestId::parse(&max).unwrap().as_str(), max);
    }

    #[test]
    fn rejects_empty_long_spaces_controls_and_non_ascii() {
        for bad in ["", &"a".repeat(129), "a b", "a\tb", "a\nb", "é", "\x7f"] {
            assert!(RequestId::parse(bad).is_none(), "{bad:?} accepted");
        }
    }

    #[test]
    fn from_header_keeps_sane_ids_and_replaces_others() {
        assert_eq!(RequestId::from_header(Some("req-1")).as_str(), "req-1");
        for value in [None, Some(""), Some("has space")] {
            let id = RequestId::from_header(value);
            let parsed = uuid::Uuid::parse_str(id.as_str()).expect("generated id is a uuid");
            assert_eq!(parsed.get_version_num(), 4);
        }
    }

    #[test]
    fn generated_ids_differ() {
        assert_ne!(RequestId::generate(), RequestId::generate());
    }
}
