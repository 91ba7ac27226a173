//! The one HTTP error type every function returns, and its JSON shape.
//!
//! Body: `{"error":{"code":"...","message":"...","details":...}}` where `details` is `null` when
//! there are none, so clients always see the same three keys.

use serde_json::{json, Value};

use crate::ApiResponse;

/// An error that becomes an HTTP response. `code` is a stable machine-readable token, `message`
/// is for humans, `details` carries structured context (limits, field paths).
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: u16,
    pub code: String,
    pub message: String,
    pub details: Option<Value>,
    /// Seconds for the `Retry-After` header (429 and 503).
    pub retry_after: Option<u64>,
    /// Extra response headers some statuses require (`Allow`, `WWW-Authenticate`).
    headers: Vec<(String, String)>,
    /// What really went wrong for a 500: logged, never sent to the client.
    internal_cause: Option<String>,
}

impl ApiError {
    pub fn new(status: u16, code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            status,
            code: code.into(),
            message: message.into(),
            details: None,
            retry_after: None,
            headers: Vec::new(),
            internal_cause: None,
        }
    }

    pub fn with_details(mut self, details: Value) -> Self {
        self.details = Some(details);
        self
    }

    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_ascii_lowercase(), value.into()));
        self
    }

    /// 400 with code `bad_request`.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(400, "bad_request", message)
    }

    /// 401 with `WWW-Authenticate: Bearer` so clients know which scheme to use.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(401, "unauthorized", message).with_header("www-authenticate", "Bearer")
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(403, "forbidden", message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(404, "not_found", message)
    }

    /// 405 with `Allow` listing the methods the route accepts.
    pub fn method_not_allowed(method: &str, allowed: &[&str]) -> Self {
        let allow = allowed.join(", ");
        Self::new(
            405,
            "method_not_allowed",
            format!("method {method} is not allowed here"),
        )
        .with_details(json!({ "allowed": allowed }))
        .with_header("allow", allow)
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(409, "conflict", message)
    }

    /// 413; `details.limit_bytes` tells the client how much it may send.
    pub fn payload_too_large(limit_bytes: u64) -> Self {
        Self::new(
            413,
            "payload_too_large",
            format!("request body exceeds the limit of {limit_bytes} bytes"),
        )
        .with_details(json!({ "limit_bytes": limit_bytes }))
    }

    pub fn unsupported_media_type(message: impl Into<String>) -> Self {
        Self::new(415, "unsupported_media_type", message)
    }

    /// 422 with a caller-chosen code (e.g. `invalid_request`).
    pub fn unprocessable(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(422, code, message)
    }

    /// 429 with `Retry-After`.
    pub fn too_many_requests(retry_after_secs: u64) -> Self {
        let mut e = Self::new(429, "too_many_requests", "too many requests; retry later");
        e.retry_after = Some(retry_after_secs);
        e
    }

    /// 500. The client sees a generic message; `cause` is only logged.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        let mut e = Self::new(500, "internal", "internal server error");
        e.internal_cause = Some(cause.to_string());
        e
    }

    /// 503, optionally with `Retry-After`.
    pub fn unavailable(retry_after: Option<u64>) -> Self {
        let mut e = Self::new(
            503,
            "unavailable",
            "service temporarily unavailable; retry later",
        );
        e.retry_after = retry_after;
        e
    }

    /// The private cause of a 500, for logs.
    pub fn internal_cause(&self) -> Option<&str> {
        self.internal_cause.as_deref()
    }

    /// The JSON body value (without headers).
    pub fn body(&self) -> Value {
        json!({
            "error": {
                "code": self.code,
                "message": self.message,
                "details": self.details.clone().unwrap_or(Value::Null),
            }
        })
    }

    pub fn to_response(&self) -> ApiResponse {
        // Serializing a `Value` to bytes cannot fail.
        let body = serde_json::to_vec(&self.body()).unwrap_or_default();
        let mut response = ApiResponse::new(self.status)
            .with_header("content-type", "application/json")
            .with_body(body);
        for (name, value) in &self.headers {
            response.set_header(name, value.clone());
        }
        if let Some(secs) = self.retry_after {
            response.set_header("retry-after", secs.to_string());
        }
        response
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.status, self.code, self.message)
    }
}

impl std::error::Error for ApiError {}

impl From<ApiError> for ApiResponse {
    fn from(e: ApiError) -> Self {
        e.to_response()
    }
}

/// `impl From<ApiError> for $wit_api_error`, where `$wit_api_error` is a library component's
/// wit-bindgen type for the WIT record `api-error` (wit/types.wit: status, code, message, and
/// details as JSON text). wit-bindgen generates that record anew in every component, so the
/// conversion is written once here and stamped out in each:
/// `api_kit::impl_from_api_error!(WitApiError);`.
#[macro_export]
macro_rules! impl_from_api_error {
    ($wit_api_error:ty) => {
        impl ::core::convert::From<$crate::ApiError> for $wit_api_error {
            fn from(error: $crate::ApiError) -> Self {
                Self {
                    status: error.status,
                    code: error.code,
                    message: error.message,
                    details: error.details.map(|details| details.to_string()),
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body_of(r: &ApiResponse) -> Value {
        serde_json::from_slice(&r.body).unwrap()
    }

    #[test]
    fn every_constructor_has_its_status_and_a_json_body() {
        let cases = [
            (ApiError::bad_request("x"), 400, "bad_request"),
            (ApiError::unauthorized("x"), 401, "unauthorized"),
            (ApiError::forbidden("x"), 403, "forbidden"),
            (ApiError::not_found("x"), 404, "not_found"),
            (
                ApiError::method_not_allowed("PUT", &["GET"]),
                405,
                "method_not_allowed",
            ),
            (ApiError::conflict("x"), 409, "conflict"),
            (ApiError::payload_too_large(10), 413, "payload_too_large"),
            (
                ApiError::unsupported_media_type("x"),
                415,
                "unsupported_media_type",
            ),
            (
                ApiError::unprocessable("invalid_request", "x"),
                422,
                "invalid_request",
            ),
            (ApiError::too_many_requests(5), 429, "too_many_requests"),
            (ApiError::internal("boom"), 500, "internal"),
            (ApiError::unavailable(None), 503, "unavailable"),
        ];
        for (err, status, code) in cases {
            let r = err.to_response();
            assert_eq!(r.status, status, "{err}");
            assert_eq!(r.header("content-type"), Some("application/json"));
            let body = body_of(&r);
            assert_eq!(body["error"]["code"], code);
            assert!(body["error"]["message"].is_string());
            assert!(
                body["error"].get("details").is_some(),
                "details key present"
            );
        }
    }

    /// The shape wit-bindgen generates for `api-error`.
    #[derive(Debug, PartialEq)]
    struct WitApiError {
        status: u16,
        code: String,
        message: String,
        details: Option<String>,
    }

    crate::impl_from_api_error!(WitApiError);

    #[test]
    fn wit_api_error_carries_details_as_json_text_and_never_the_internal_cause() {
        let error = ApiError::payload_too_large(10);
        assert_eq!(
            WitApiError::from(error),
            WitApiError {
                status: 413,
                code: "payload_too_large".into(),
                message: "request body exceeds the limit of 10 bytes".into(),
                details: Some(r#"{"limit_bytes":10}"#.into()),
            }
        );
        let internal = WitApiError::from(ApiError::internal("secret cause"));
        assert_eq!((internal.status, internal.details), (500, None));
        assert_eq!(
            (internal.code.as_str(), internal.message.as_str()),
            ("internal", "internal server error")
        );
    }

    #[test]
    fn details_are_null_when_absent() {
        let body = body_of(&ApiError::bad_request("nope").to_response());
        assert_eq!(
            body,
            json!({"error": {"code": "bad_request", "message": "nope", "details": null}})
        );
    }

    #[test]
    fn unauthorized_names_the_bearer_scheme() {
        let r = ApiError::unauthorized("missing token").to_response();
        assert_eq!(r.header("WWW-Authenticate"), Some("Bearer"));
    }

    #[test]
    fn method_not_allowed_lists_allowed_methods() {
        let r = ApiError::method_not_allowed("DELETE", &["GET", "POST"]).to_response();
        assert_eq!(r.status, 405);
        assert_eq!(r.header("allow"), Some("GET, POST"));
        assert_eq!(
            body_of(&r)["error"]["details"]["allowed"],
            json!(["GET", "POST"])
        );
    }

    #[test]
    fn payload_too_large_reports_the_limit() {
        let r = ApiError::payload_too_large(1024).to_response();
        assert_eq!(body_of(&r)["error"]["details"]["limit_bytes"], 1024);
    }

    #[test]
    fn retry_after_is_set_for_429_and_optional_503() {
        let r = ApiError::too_many_requests(30).to_response();
        assert_eq!(r.header("retry-after"), Some("30"));
        let r = ApiError::unavailable(Some(7)).to_response();
        assert_eq!(r.header("retry-after"), Some("7"));
        let r = ApiError::unavailable(None).to_response();
        assert_eq!(r.header("retry-after"), None);
    }

    #[test]
    fn internal_never_leaks_its_cause() {
        let err = ApiError::internal("password=hunter2 at db.internal:5432");
        let r = err.to_response();
        let text = String::from_utf8(r.body.clone()).unwrap();
        assert!(!text.contains("hunter2"), "{text}");
        assert!(!text.contains("db.internal"), "{text}");
        assert_eq!(body_of(&r)["error"]["message"], "internal server error");
        assert_eq!(
            err.internal_cause(),
            Some("password=hunter2 at db.internal:5432")
        );
    }
}
