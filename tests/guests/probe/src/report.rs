//! JSON responses.

use serde_json::{json, Value};
use spin_sdk::http::Response;

pub fn json_response(status: u16, body: &Value) -> Response {
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(body.to_string())
        .build()
}

pub fn ok(body: &Value) -> Response {
    json_response(200, body)
}

/// A host call failed: the probe worked, so 200, with the error for the test to inspect.
pub fn host_error(step: &str, error: impl std::fmt::Debug) -> Response {
    ok(&json!({ "error": { "step": step, "detail": format!("{error:?}") } }))
}

/// The test asked for something the probe cannot do (a missing query parameter).
pub fn bad_request(message: &str) -> Response {
    json_response(
        400,
        &json!({ "error": { "code": "bad_request", "message": message } }),
    )
}
