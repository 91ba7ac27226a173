//! Reads the body with a 64 KiB cap and answers 413 past it.
//!
//! `api-kit`'s body limit was not available when this probe was written, so the same rule
//! (64 KiB, JSON error `payload_too_large`) is implemented here; reading stops at the first
//! chunk past the cap instead of buffering the whole upload.

use futures::TryStreamExt;
use serde_json::json;
use spin_sdk::http::{IncomingRequest, Response};

use crate::report;

const MAX_BODY_BYTES: usize = 64 * 1024;

pub async fn handle(req: IncomingRequest) -> Response {
    let mut stream = req.into_body_stream();
    let mut received = 0usize;
    loop {
        match stream.try_next().await {
            Ok(Some(chunk)) => {
                received += chunk.len();
                if received > MAX_BODY_BYTES {
                    return report::json_response(
                        413,
                        &json!({ "error": {
                            "code": "payload_too_large",
                            "message": format!("request body exceeds {MAX_BODY_BYTES} bytes"),
                            "details": { "limit_bytes": MAX_BODY_BYTES },
                        }}),
                    );
                }
            }
            Ok(None) => break,
            Err(error) => return report::host_error("read-body", error),
        }
    }
    report::ok(&json!({ "body_len": received }))
}
