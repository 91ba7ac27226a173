//! Outbound `wasi:http` GET to `?url=`: the status and body, or the error text.

use serde_json::json;
use spin_sdk::http::{Request, Response};

use crate::query::Query;
use crate::report;

pub async fn handle(query: &Query) -> Response {
    let Some(url) = query.get("url") else {
        return report::bad_request("missing ?url=");
    };
    let outcome: Result<Response, _> = spin_sdk::http::send(Request::get(url)).await;
    match outcome {
        Ok(response) => report::ok(&json!({
            "status": response.status(),
            "body": String::from_utf8_lossy(response.body()),
        })),
        Err(error) => report::host_error("send", error.to_string()),
    }
}
