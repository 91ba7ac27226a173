//! Test-only: a function that calls models through the composed gateway
//! (`english:assistant/llm@0.1.0`), as translate or the agent will. `GET /<mode>?q=<text>`
//! with mode `chat`, `stream`, `embed` or `models` answers what the import returned, as JSON.

use serde_json::{json, Value};
use spin_sdk::http::{IncomingRequest, Response};

wit_bindgen::generate!({
    world: "llm-client",
    path: "../../../wit",
});

use english::assistant::llm::{self, Caller, ChatRequest, EmbedRequest, Message, Role, Strategy};
use english::assistant::types::ApiError;

fn caller(request_id: &str) -> Caller {
    Caller {
        tenant_id: "caller-tenant".into(),
        user_id: "caller-user".into(),
        function_name: "llm-caller".into(),
        request_id: request_id.into(),
    }
}

fn error(e: ApiError) -> Value {
    json!({"error": {"status": e.status, "code": e.code, "message": e.message}})
}

fn request(model: Option<String>, text: &str) -> ChatRequest {
    ChatRequest {
        model,
        strategy: Strategy::Cheapest,
        messages: vec![Message {
            role: Role::User,
            content: Some(text.into()),
            tool_call_id: None,
            tool_calls: Vec::new(),
            name: None,
        }],
        tools: Vec::new(),
        tool_choice: None,
        max_tokens: None,
        temperature: None,
        no_cache: true,
        deadline_ms: Some(5000),
        extra_json: None,
    }
}

fn served(s: &llm::ServedBy) -> Value {
    json!({"provider": s.provider, "model": s.model, "fell_back": s.fell_back,
           "cache_hit": s.cache_hit, "cost_micro_usd": s.cost_micro_usd})
}

#[spin_sdk::http_component]
fn handle(req: IncomingRequest) -> Response {
    let path = req.path_with_query().unwrap_or_default();
    let (path, query) = path.split_once('?').unwrap_or((&path, ""));
    let text = query
        .strip_prefix("q=")
        .unwrap_or("hello")
        .replace('+', " ");
    let mode = path.rsplit('/').next().unwrap_or_default().to_owned();
    let id = "caller-request";
    let body = match mode.as_str() {
        "chat" => match llm::chat(&caller(id), &request(None, &text)) {
            Ok(r) => json!({"content": r.message.content, "finish_reason": r.finish_reason,
                "prompt_tokens": r.usage.prompt_tokens, "completion_tokens": r.usage.completion_tokens,
                "served": served(&r.served_by)}),
            Err(e) => error(e),
        },
        "stream" => match llm::stream_chat(&caller(id), &request(Some("fake-small".into()), &text))
        {
            Ok(stream) => {
                let mut pieces = Vec::new();
                let mut failure = None;
                loop {
                    match stream.next() {
                        Ok(Some(chunk)) => pieces.extend(chunk.content),
                        Ok(None) => break,
                        Err(e) => {
                            failure = Some(error(e));
                            break;
                        }
                    }
                }
                let usage = stream.final_usage();
                json!({"pieces": pieces, "error": failure, "served": served(&stream.served_by()),
                    "completion_tokens": usage.map(|u| u.completion_tokens)})
            }
            Err(e) => error(e),
        },
        "embed" => match llm::embed(
            &caller(id),
            &EmbedRequest {
                model: None,
                inputs: vec![text.clone(), "other".into()],
                no_cache: true,
            },
        ) {
            Ok(r) => json!({"model": r.model, "count": r.embeddings.len(),
                "dimensions": r.embeddings.first().map(Vec::len), "served": served(&r.served_by)}),
            Err(e) => error(e),
        },
        "models" => {
            json!({"models": llm::models().iter().map(|m| json!({"id": m.id, "provider": m.provider, "kind": m.kind})).collect::<Vec<_>>()})
        }
        _ => json!({"error": {"code": "unknown_mode"}}),
    };
    Response::builder()
        .status(200)
        .header("content-type", "application/json")
        .body(body.to_string())
        .build()
}
