//! A platform-neutral HTTP response: what handlers build and what the Spin glue sends.

use serde::Serialize;

/// Status, headers and body of a response, independent of spin-sdk so it can be tested natively.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiResponse {
    pub status: u16,
    /// Header names as given; lookups through [`ApiResponse::header`] ignore case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl ApiResponse {
    pub fn new(status: u16) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// A JSON response. Serializing our own response types cannot fail in practice (string keys,
    /// no custom serializers); should it, the caller gets a 500 rather than a half-written body.
    pub fn json<T: Serialize + ?Sized>(status: u16, value: &T) -> Result<Self, crate::ApiError> {
        let body = serde_json::to_vec(value)
            .map_err(|e| crate::ApiError::internal(format!("serializing response body: {e}")))?;
        Ok(Self::new(status)
            .with_header("content-type", "application/json")
            .with_body(body))
    }

    /// Sets a header, replacing any existing value of the same name (case-insensitively).
    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.set_header(name, value);
        self
    }

    pub fn set_header(&mut self, name: &str, value: impl Into<String>) {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.headers.push((name.to_ascii_lowercase(), value.into()));
    }

    pub fn with_body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_sets_content_type_and_body() {
        let r = ApiResponse::json(201, &serde_json::json!({"a": 1})).unwrap();
        assert_eq!(r.status, 201);
        assert_eq!(r.header("Content-Type"), Some("application/json"));
        assert_eq!(r.body, br#"{"a":1}"#);
    }

    #[test]
    fn set_header_replaces_case_insensitively() {
        let r = ApiResponse::new(200)
            .with_header("X-Thing", "a")
            .with_header("x-thing", "b");
        assert_eq!(r.headers, vec![("x-thing".to_string(), "b".to_string())]);
    }
}
