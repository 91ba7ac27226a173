//! Test-only: a function that searches and fills knowledge bases through the composed
//! retrieval library (`english:assistant/retrieval@0.1.0`), as the agent will. It takes the
//! tenant from the request body, which only a test may do: a real caller passes the tenant of
//! the principal it authenticated.
//!
//! - `POST /caller/search {tenant_id, kb_id, query, top_k?, mode?, filter?: {key: [json...]}}`
//! - `POST /caller/ingest {tenant_id, kb_id, text, content_type?, title?, metadata?, idempotency_key?}`
//! - `GET /caller/kbs?tenant_id=...`
//!
//! Each answers `{"ok": ...}` or `{"error": {status, code, message, details}}` with status 200.

use serde_json::{json, Value};
use spin_sdk::http::{IncomingRequest, Response};

wit_bindgen::generate!({
    world: "retrieval-client",
    path: "../../../wit",
});

use english::assistant::retrieval::{
    self, ContentType, IngestRequest, MetadataCondition, SearchMode, SearchRequest,
};
use english::assistant::types::ApiError;

fn error(e: ApiError) -> Value {
    json!({"error": {"status": e.status, "code": e.code, "message": e.message, "details": e.details}})
}

fn string(body: &Value, key: &str) -> String {
    body[key].as_str().unwrap_or_default().to_string()
}

fn optional(body: &Value, key: &str) -> Option<String> {
    body[key].as_str().map(str::to_string)
}

fn mode(name: &str) -> SearchMode {
    match name {
        "lexical" => SearchMode::Lexical,
        "dense" => SearchMode::Dense,
        _ => SearchMode::Hybrid,
    }
}

fn mode_name(mode: SearchMode) -> &'static str {
    match mode {
        SearchMode::Hybrid => "hybrid",
        SearchMode::Lexical => "lexical",
        SearchMode::Dense => "dense",
    }
}

fn search(body: &Value) -> Value {
    let filter = body["filter"]
        .as_object()
        .map(|f| {
            f.iter()
                .map(|(key, values)| MetadataCondition {
                    key: key.clone(),
                    any_of_json: values
                        .as_array()
                        .map(|v| v.iter().map(Value::to_string).collect())
                        .unwrap_or_default(),
                })
                .collect()
        })
        .unwrap_or_default();
    let request = SearchRequest {
        tenant_id: string(body, "tenant_id"),
        kb_id: string(body, "kb_id"),
        query: string(body, "query"),
        top_k: body["top_k"].as_u64().map(|k| k as u32),
        mode: mode(body["mode"].as_str().unwrap_or("hybrid")),
        filter,
    };
    match retrieval::search(&request) {
        Ok(answer) => json!({"ok": {
            "served_mode": mode_name(answer.served_mode),
            "degraded": answer.degraded,
            "hits": answer.hits.iter().map(|h| json!({
                "chunk_id": h.chunk_id,
                "doc_id": h.doc_id,
                "title": h.title,
                "text": h.text,
                "headings": h.headings,
                "metadata": serde_json::from_str::<Value>(&h.metadata_json).unwrap_or(Value::Null),
                "start": h.start,
                "end": h.end,
                "scores": {"lexical": h.scores.lexical, "dense": h.scores.dense, "fused": h.scores.fused},
            })).collect::<Vec<_>>(),
        }}),
        Err(e) => error(e),
    }
}

fn ingest(body: &Value) -> Value {
    let request = IngestRequest {
        tenant_id: string(body, "tenant_id"),
        kb_id: string(body, "kb_id"),
        text: string(body, "text"),
        content_type: match body["content_type"].as_str() {
            Some("text/markdown") => ContentType::Markdown,
            Some("text/html") => ContentType::Html,
            _ => ContentType::Plain,
        },
        title: optional(body, "title"),
        metadata_json: body.get("metadata").map(Value::to_string),
        idempotency_key: optional(body, "idempotency_key"),
    };
    match retrieval::ingest(&request) {
        Ok(r) => json!({"ok": {
            "doc_id": r.doc_id, "status": r.status, "chunk_count": r.chunk_count,
            "duplicate": r.duplicate,
        }}),
        Err(e) => error(e),
    }
}

fn kbs(tenant_id: &str) -> Value {
    match retrieval::list_knowledge_bases(tenant_id) {
        Ok(list) => json!({"ok": list.iter().map(|kb| json!({
            "id": kb.id, "name": kb.name, "description": kb.description,
        })).collect::<Vec<_>>()}),
        Err(e) => error(e),
    }
}

#[spin_sdk::http_component]
async fn handle(req: IncomingRequest) -> Response {
    let path_and_query = req.path_with_query().unwrap_or_default();
    let (path, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query.as_str(), ""));
    let path = path.to_string();
    let query = query.to_string();
    let bytes = req.into_body().await.unwrap_or_default();
    let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    let answer = match path.as_str() {
        "/caller/search" => search(&body),
        "/caller/ingest" => ingest(&body),
        "/caller/kbs" => {
            let tenant = query
                .split('&')
                .find_map(|p| p.strip_prefix("tenant_id="))
                .unwrap_or_default();
            kbs(tenant)
        }
        _ => json!({"error": {"status": 404, "code": "not_found", "message": path}}),
    };
    Response::builder()
        .status(200)
        .header("content-type", "application/json")
        .body(answer.to_string())
        .build()
}
