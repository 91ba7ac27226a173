//! Deep mode through the AI gateway, composed in as `english:assistant/llm@0.1.0`
//! (spin.toml `[component.grammar.dependencies]`): one chat call per check, attributed to the
//! calling tenant and user in the gateway's budgets and usage ledger.

use api_kit::{ApiError, RequestContext};
use auth_client::Principal;
use serde_json::{json, Value};

wit_bindgen::generate!({
    world: "llm-client",
    path: "../../../wit",
});

use english::assistant::llm::{self, Caller, ChatRequest, Message, Role, Strategy};

/// Gives up (with the gateway's failover) after this long, well inside the host's limit.
const DEADLINE_MS: u32 = 20_000;

fn message(role: Role, content: &str) -> Message {
    Message {
        role,
        content: Some(content.to_string()),
        tool_call_id: None,
        tool_calls: Vec::new(),
        name: None,
    }
}

/// The rewrite of `text` as the `deep` member of a check response.
pub fn rewrite(ctx: &RequestContext, principal: &Principal, text: &str) -> Result<Value, ApiError> {
    let caller = Caller {
        tenant_id: principal.tenant_id.clone(),
        user_id: principal.user_id.clone(),
        function_name: "grammar".into(),
        request_id: ctx.request_id.as_str().to_string(),
    };
    let request = ChatRequest {
        model: None,
        strategy: Strategy::Default,
        messages: vec![
            message(Role::System, grammar_core::deep::SYSTEM_PROMPT),
            message(Role::User, text),
        ],
        tools: Vec::new(),
        tool_choice: None,
        max_tokens: Some(grammar_core::deep::max_tokens(text)),
        temperature: Some(0.2),
        no_cache: false,
        deadline_ms: Some(DEADLINE_MS),
        extra_json: None,
    };
    let response = llm::chat(&caller, &request).map_err(|e| {
        let mut error = ApiError::new(e.status, e.code, e.message);
        let details: Option<Value> = e.details.and_then(|d| serde_json::from_str(&d).ok());
        if matches!(e.status, 429 | 503) {
            let hinted = details
                .as_ref()
                .and_then(|d| d["retry_after_secs"].as_u64());
            error.retry_after = Some(hinted.unwrap_or(if e.status == 429 { 60 } else { 1 }));
        }
        if let Some(details) = details {
            error = error.with_details(details);
        }
        error
    })?;
    let answer = grammar_core::deep::parse_reply(response.message.content.as_deref().unwrap_or(""));
    let served = &response.served_by;
    Ok(json!({
        "rewrite": answer.rewrite,
        "explanations": answer.explanations,
        "structured": answer.structured,
        "provider": served.provider,
        "model": served.model,
        "prompt_tokens": response.usage.prompt_tokens,
        "completion_tokens": response.usage.completion_tokens,
        "cost_micro_usd": served.cost_micro_usd,
        "cache_hit": served.cache_hit,
    }))
}
