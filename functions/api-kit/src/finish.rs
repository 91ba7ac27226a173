//! The last step of every request: errors become JSON responses, every response gets the request
//! id, and server-side failures are logged.

use std::io::Write;

use serde_json::json;

use crate::{ApiError, ApiResponse, RequestId, REQUEST_ID_HEADER};

/// Turns a handler result into the response to send, logging 5xx errors to stderr.
pub fn finish(request_id: &RequestId, result: Result<ApiResponse, ApiError>) -> ApiResponse {
    finish_with_log(request_id, result, &mut std::io::stderr().lock())
}

/// [`finish`] with an explicit log sink. Errors with status >= 500 are logged as one JSON line
/// (`level`, `request_id`, `status`, `code`, `cause`); client errors are not: they are expected
/// and the host's request log already records their status.
pub fn finish_with_log(
    request_id: &RequestId,
    result: Result<ApiResponse, ApiError>,
    log: &mut dyn Write,
) -> ApiResponse {
    let mut response = match result {
        Ok(response) => response,
        Err(err) => {
            if err.status >= 500 {
                let line = json!({
                    "level": "error",
                    "request_id": request_id.as_str(),
                    "status": err.status,
                    "code": err.code,
                    "cause": err.internal_cause().unwrap_or(&err.message),
                });
                // Logging is best effort: a closed stderr must not turn into a failed response.
                let _ = writeln!(log, "{line}");
            }
            err.to_response()
        }
    };
    response.set_header(REQUEST_ID_HEADER, request_id.as_str());
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn success_gets_request_id_and_no_log() {
        let id = RequestId::parse("req-7").unwrap();
        let mut log = Vec::new();
        let r = finish_with_log(&id, Ok(ApiResponse::new(204)), &mut log);
        assert_eq!(r.status, 204);
        assert_eq!(r.header("X-Request-Id"), Some("req-7"));
        assert!(log.is_empty());
    }

    #[test]
    fn client_error_gets_json_and_request_id_without_log() {
        let id = RequestId::parse("req-8").unwrap();
        let mut log = Vec::new();
        let r = finish_with_log(&id, Err(ApiError::not_found("no such kb")), &mut log);
        assert_eq!(r.status, 404);
        assert_eq!(r.header("x-request-id"), Some("req-8"));
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert!(log.is_empty());
    }

    #[test]
    fn internal_error_is_logged_as_one_json_line_with_cause() {
        let id = RequestId::parse("req-9").unwrap();
        let mut log = Vec::new();
        let r = finish_with_log(&id, Err(ApiError::internal("db exploded")), &mut log);
        assert_eq!(r.status, 500);
        assert!(!String::from_utf8_lossy(&r.body).contains("exploded"));
        let text = String::from_utf8(log).unwrap();
        assert_eq!(text.lines().count(), 1);
        let line: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
        assert_eq!(line["request_id"], "req-9");
        assert_eq!(line["cause"], "db exploded");
        assert_eq!(line["status"], 500);
    }
}
