//! `spin_sdk::variables::get`.

use serde_json::json;
use spin_sdk::http::Response;

use crate::query::Query;
use crate::report;

pub fn handle(query: &Query) -> Response {
    let Some(name) = query.get("name") else {
        return report::bad_request("missing ?name=");
    };
    match spin_sdk::variables::get(name) {
        Ok(value) => report::ok(&json!({ "name": name, "value": value })),
        Err(error) => report::host_error("get", error),
    }
}
