//! Reports the request exactly as the component received it (routing and header tests).

use serde_json::json;
use spin_sdk::http::{IncomingRequest, Response};

use crate::report;

pub async fn handle(req: IncomingRequest, path: &str, raw_query: &str) -> Response {
    let method = req.method().to_string();
    // Kept as a list, not a map: duplicate headers must stay visible.
    let headers: Vec<serde_json::Value> = req
        .headers()
        .entries()
        .into_iter()
        .map(|(name, value)| json!([name, String::from_utf8_lossy(&value)]))
        .collect();
    let body = match req.into_body().await {
        Ok(body) => body,
        Err(error) => return report::host_error("read-body", error),
    };
    // Lets a test tell which component answered when several share this wasm.
    let label = spin_sdk::variables::get("label").ok();
    report::ok(&json!({
        "label": label,
        "method": method,
        "path": path,
        "query": raw_query,
        "headers": headers,
        "body_len": body.len(),
    }))
}
