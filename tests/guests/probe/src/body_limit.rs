//! The functions' body limit, via `api-kit` exactly as a real function uses it, capped at
//! 64 KiB: 413 with the `payload_too_large` JSON error past it, the body length otherwise.

use api_kit::spin::Options;
use api_kit::ApiResponse;
use serde_json::json;
use spin_sdk::http::{IncomingRequest, Response};

const MAX_BODY_BYTES: u64 = 64 * 1024;

pub async fn handle(req: IncomingRequest) -> Response {
    let options = Options {
        max_body_bytes: MAX_BODY_BYTES,
    };
    api_kit::spin::respond_with(req, options, |ctx| {
        ApiResponse::json(200, &json!({ "body_len": ctx.body.len() }))
    })
    .await
}
