//! Test-only component: calls `fermyon:spin/llm@2.0.0` as any spin-sdk guest would and
//! reports what the host answered, without judging it (the assertions live in
//! tests/tests/llm.rs). A WIT error comes back in the body with status 200, so a test can tell
//! "the host returned an error value" from "the guest trapped" (a 500 from the host).
//!
//! `POST /llm/embed` `{"model": "...", "texts": ["..."]}` →
//!   `{"embeddings": [[...]], "prompt_token_count": n}` or `{"error": {"kind", "message"}}`.
//! `POST /llm/infer` `{"model": "...", "prompt": "..."}` → `{"text": "..."}` or the same error.

use serde_json::{json, Value};
use spin_sdk::http::{IntoResponse, Method, Request, Response};
use spin_sdk::http_component;
use spin_sdk::llm;

#[http_component]
fn handle(req: Request) -> Response {
    if *req.method() != Method::Post {
        return respond(405, json!({"message": "POST only"}));
    }
    let body: Value = match serde_json::from_slice(req.body()) {
        Ok(body) => body,
        Err(e) => return respond(400, json!({"message": format!("bad JSON: {e}")})),
    };
    let model = body["model"].as_str().unwrap_or_default();
    match req.path().trim_end_matches('/') {
        "/llm/embed" => {
            let texts: Vec<String> = body["texts"]
                .as_array()
                .map(|items| {
                    items
                        .iter()
                        .map(|t| t.as_str().unwrap_or_default().to_owned())
                        .collect()
                })
                .unwrap_or_default();
            let started = std::time::Instant::now();
            match llm::generate_embeddings(llm::EmbeddingModel::Other(model), &texts) {
                Ok(result) => respond(
                    200,
                    json!({
                        "embeddings": result.embeddings,
                        "prompt_token_count": result.usage.prompt_token_count,
                        "host_call_ms": started.elapsed().as_secs_f64() * 1e3,
                    }),
                ),
                Err(err) => respond(200, error_body(err)),
            }
        }
        "/llm/infer" => {
            let prompt = body["prompt"].as_str().unwrap_or_default();
            match llm::infer(llm::InferencingModel::Other(model), prompt) {
                Ok(result) => respond(200, json!({"text": result.text})),
                Err(err) => respond(200, error_body(err)),
            }
        }
        other => respond(404, json!({"message": format!("no route {other}")})),
    }
}

fn error_body(err: llm::Error) -> Value {
    let (kind, message) = match err {
        llm::Error::ModelNotSupported => ("model-not-supported", String::new()),
        llm::Error::RuntimeError(m) => ("runtime-error", m),
        llm::Error::InvalidInput(m) => ("invalid-input", m),
    };
    json!({"error": {"kind": kind, "message": message}})
}

fn respond(status: u16, body: Value) -> Response {
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(body.to_string())
        .build()
        .into_response()
}
