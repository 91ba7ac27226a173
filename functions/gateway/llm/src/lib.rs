//! The AI gateway as a library component: exports `english:assistant/llm@0.1.0` (wit/llm.wit)
//! over the same `gateway-core` as the HTTP face, so translate, grammar, retrieval and the
//! agent call models in-process with their caller's attribution, budget and ledger.
//!
//! Composed as a Spin dependency with `dependencies_inherit_configuration = true`: it reads
//! the consuming component's `llm_config`, `postgres_url` and `redis_url` variables and uses
//! its outbound-host grants.

#![allow(clippy::result_large_err)]

use std::cell::RefCell;
use std::rc::Rc;

use api_kit::spin::SpinVariables;
use api_kit::ApiError;
use gateway_core::engine::{CallOptions, Caller as CoreCaller, Gateway, Served};
use gateway_core::wasi_http::WasiHttp;
use gateway_core::{ChatRequest, EmbeddingRequest, GatewayConfig, SystemClock, Usage};
use serde_json::{json, Map, Value};

wit_bindgen::generate!({
    world: "llm-provider",
    path: "../../../wit",
});

use english::assistant::types::ApiError as WitApiError;
use exports::english::assistant::llm::{
    self as wit, ChatChunk, ChatRequest as WitChatRequest, ChatResponse, EmbedRequest,
    EmbedResponse, Message, ModelInfo, Role, ServedBy, Strategy, ToolCall, ToolCallDelta,
};

struct Component;

api_kit::impl_from_api_error!(WitApiError);

fn gateway() -> Result<Gateway<WasiHttp>, ApiError> {
    let text = spin_sdk::variables::get("llm_config").unwrap_or_default();
    let config = GatewayConfig::parse(&text).map_err(ApiError::internal)?;
    let kv = storage::open_key_value(&SpinVariables)?;
    let sql = storage::open_sql(&SpinVariables)?;
    Ok(Gateway::new(
        config,
        kv,
        sql,
        WasiHttp,
        Box::new(SystemClock),
    ))
}

fn caller(c: wit::Caller) -> CoreCaller {
    CoreCaller {
        tenant_id: c.tenant_id,
        user_id: c.user_id,
        function_name: c.function_name,
        request_id: c.request_id,
    }
}

fn role(r: Role) -> &'static str {
    match r {
        Role::System => "system",
        Role::User => "user",
        Role::Assistant => "assistant",
        Role::Tool => "tool",
    }
}

fn wit_role(r: &str) -> Role {
    match r {
        "system" | "developer" => Role::System,
        "user" => Role::User,
        "tool" => Role::Tool,
        _ => Role::Assistant,
    }
}

fn message_json(m: &Message) -> Value {
    let mut v = json!({"role": role(m.role), "content": m.content});
    if let Some(id) = &m.tool_call_id {
        v["tool_call_id"] = json!(id);
    }
    if let Some(name) = &m.name {
        v["name"] = json!(name);
    }
    if !m.tool_calls.is_empty() {
        v["tool_calls"] = Value::Array(
            m.tool_calls
                .iter()
                .map(|c| {
                    json!({"id": c.id, "type": "function",
                    "function": {"name": c.name, "arguments": c.arguments}})
                })
                .collect(),
        );
    }
    v
}

fn bad(message: String) -> WitApiError {
    WitApiError::from(ApiError::unprocessable("invalid_request", message))
}

/// The WIT request in OpenAI's JSON shape, then typed by the same code as HTTP bodies.
fn chat_request(r: WitChatRequest) -> Result<(ChatRequest, CallOptions), WitApiError> {
    let mut body = match &r.extra_json {
        Some(text) => match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(map)) => map,
            _ => return Err(bad("extra-json must be a JSON object".into())),
        },
        None => Map::new(),
    };
    let model = match (&r.model, r.strategy) {
        (Some(m), _) => Some(m.clone()),
        (None, Strategy::Default) => None,
        (None, Strategy::Cheapest) => Some("cheapest".into()),
        (None, Strategy::Fastest) => Some("fastest".into()),
        (None, Strategy::BestQuality) => Some("best_quality".into()),
        (None, Strategy::Auto) => Some("auto".into()),
    };
    if let Some(model) = model {
        body.insert("model".into(), json!(model));
    }
    body.insert(
        "messages".into(),
        Value::Array(r.messages.iter().map(message_json).collect()),
    );
    if !r.tools.is_empty() {
        let mut tools = Vec::new();
        for t in &r.tools {
            let parameters: Value = serde_json::from_str(&t.parameters_json)
                .map_err(|e| bad(format!("tool {}: parameters-json is not JSON: {e}", t.name)))?;
            tools.push(json!({"type": "function", "function": {
                "name": t.name, "description": t.description, "parameters": parameters}}));
        }
        body.insert("tools".into(), Value::Array(tools));
    }
    if let Some(choice) = &r.tool_choice {
        let value = match choice.as_str() {
            "auto" | "none" | "required" => json!(choice),
            name => json!({"type": "function", "function": {"name": name}}),
        };
        body.insert("tool_choice".into(), value);
    }
    if let Some(n) = r.max_tokens {
        body.insert("max_tokens".into(), json!(n));
    }
    if let Some(t) = r.temperature {
        body.insert("temperature".into(), json!(t));
    }
    let request: ChatRequest = serde_json::from_value(Value::Object(body))
        .map_err(|e| bad(format!("invalid chat request: {e}")))?;
    Ok((
        request,
        CallOptions {
            no_cache: r.no_cache,
            deadline_ms: r.deadline_ms.map(u64::from),
        },
    ))
}

fn served_by(s: &Served) -> ServedBy {
    ServedBy {
        provider: s.provider.clone(),
        model: s.model.clone(),
        fell_back: s.fell_back,
        cache_hit: s.cache_hit,
        degraded: s.degraded,
        cost_micro_usd: s.cost_micro_usd,
        ab_variant: s.variant.clone(),
    }
}

fn usage(u: Usage) -> wit::Usage {
    wit::Usage {
        prompt_tokens: u32::try_from(u.prompt_tokens).unwrap_or(u32::MAX),
        completion_tokens: u32::try_from(u.completion_tokens).unwrap_or(u32::MAX),
    }
}

fn tool_calls(value: &Value) -> Vec<ToolCall> {
    value
        .as_array()
        .map(|calls| {
            calls
                .iter()
                .map(|c| ToolCall {
                    id: c["id"].as_str().unwrap_or_default().to_owned(),
                    name: c["function"]["name"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned(),
                    arguments: c["function"]["arguments"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned(),
                })
                .collect()
        })
        .unwrap_or_default()
}

fn chunk(value: &Value) -> ChatChunk {
    let choice = value["choices"].get(0).cloned().unwrap_or(Value::Null);
    let delta = &choice["delta"];
    ChatChunk {
        content: delta["content"].as_str().map(str::to_owned),
        tool_calls: delta["tool_calls"]
            .as_array()
            .map(|calls| {
                calls
                    .iter()
                    .map(|c| ToolCallDelta {
                        index: c["index"].as_u64().unwrap_or(0) as u32,
                        id: c["id"].as_str().map(str::to_owned),
                        name: c["function"]["name"].as_str().map(str::to_owned),
                        arguments: c["function"]["arguments"].as_str().map(str::to_owned),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        finish_reason: choice["finish_reason"].as_str().map(str::to_owned),
    }
}

/// A streamed answer handed to the caller as a WIT resource.
pub struct Stream {
    inner: RefCell<gateway_core::ChatStream<WasiHttp>>,
    served: ServedBy,
}

impl wit::GuestChatStream for Stream {
    fn served_by(&self) -> ServedBy {
        self.served.clone()
    }

    fn next(&self) -> Result<Option<ChatChunk>, WitApiError> {
        let mut inner = self.inner.borrow_mut();
        loop {
            match inner.next_chunk()? {
                None => return Ok(None),
                Some(value) => {
                    // Usage-only chunks have no choice; usage is read through `usage()`.
                    if value["choices"].as_array().is_some_and(|c| c.is_empty()) {
                        continue;
                    }
                    return Ok(Some(chunk(&value)));
                }
            }
        }
    }

    fn final_usage(&self) -> Option<wit::Usage> {
        self.inner.borrow().usage().map(usage)
    }
}

impl wit::Guest for Component {
    type ChatStream = Stream;

    fn chat(c: wit::Caller, request: WitChatRequest) -> Result<ChatResponse, WitApiError> {
        let (request, options) = chat_request(request)?;
        let answer = gateway()?.chat(&caller(c), request, options)?;
        let choice = &answer.body["choices"][0];
        let message = &choice["message"];
        Ok(ChatResponse {
            id: answer.body["id"].as_str().unwrap_or_default().to_owned(),
            message: Message {
                role: wit_role(message["role"].as_str().unwrap_or("assistant")),
                content: message["content"].as_str().map(str::to_owned),
                tool_call_id: None,
                tool_calls: tool_calls(&message["tool_calls"]),
                name: None,
            },
            finish_reason: choice["finish_reason"].as_str().map(str::to_owned),
            usage: usage(answer.usage),
            served_by: served_by(&answer.served),
        })
    }

    fn stream_chat(
        c: wit::Caller,
        request: WitChatRequest,
    ) -> Result<wit::ChatStream, WitApiError> {
        let (mut request, options) = chat_request(request)?;
        request.stream = Some(true);
        let gw = Rc::new(gateway()?);
        let stream = gw.open_stream(&caller(c), request, options)?;
        let served = served_by(stream.served());
        Ok(wit::ChatStream::new(Stream {
            inner: RefCell::new(stream),
            served,
        }))
    }

    fn embed(c: wit::Caller, request: EmbedRequest) -> Result<EmbedResponse, WitApiError> {
        let body = EmbeddingRequest {
            model: request.model,
            input: json!(request.inputs),
            user: None,
            extra: Map::new(),
        };
        let options = CallOptions {
            no_cache: request.no_cache,
            deadline_ms: None,
        };
        let answer = gateway()?.embed(&caller(c), body, options)?;
        let mut embeddings = Vec::new();
        for item in answer.body["data"].as_array().into_iter().flatten() {
            let vector = item["embedding"]
                .as_array()
                .map(|v| v.iter().map(|x| x.as_f64().unwrap_or(0.0) as f32).collect())
                .ok_or_else(|| {
                    ApiError::new(
                        502,
                        "upstream_failed",
                        "the provider answered an embedding that is not a list of numbers",
                    )
                })?;
            embeddings.push(vector);
        }
        Ok(EmbedResponse {
            model: answer.served.model.clone(),
            embeddings,
            usage: usage(answer.usage),
            served_by: served_by(&answer.served),
        })
    }

    fn models() -> Vec<ModelInfo> {
        let text = spin_sdk::variables::get("llm_config").unwrap_or_default();
        let Ok(config) = GatewayConfig::parse(&text) else {
            return Vec::new();
        };
        config
            .deployments(None)
            .into_iter()
            .map(|d| ModelInfo {
                id: d.model.id.clone(),
                provider: d.provider.clone(),
                kind: d.model.kind.as_str().to_owned(),
                tier: d.model.tier.as_str().to_owned(),
                context_window: d.model.context_window,
                input_micro_usd_per_million: d.model.input_micro_usd_per_million,
                output_micro_usd_per_million: d.model.output_micro_usd_per_million,
            })
            .collect()
    }
}

export!(Component);
