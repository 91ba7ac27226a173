//! OpenAI wire shapes the gateway reads and writes. Only the fields the gateway acts on are
//! typed; everything else rides along in `extra` so requests reach providers unchanged and
//! new OpenAI parameters need no code here.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatRequest {
    /// A model id, `provider/model`, or a routing alias (`auto`, `cheapest`, `fastest`,
    /// `best_quality`, or an A/B test's name). Absent: the configured default strategy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    pub messages: Vec<ChatMessage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream_options: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_tokens: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_completion_tokens: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tools: Option<Vec<Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_choice: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatMessage {
    pub role: String,
    /// A string, or an array of content parts; `null` for assistant tool calls.
    #[serde(default)]
    pub content: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_calls: Option<Vec<Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_call_id: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ChatMessage {
    /// The text of the message: the string content or the `text` of its parts.
    pub fn text(&self) -> String {
        match &self.content {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Array(parts)) => parts
                .iter()
                .filter_map(|p| p["text"].as_str())
                .collect::<Vec<_>>()
                .join("\n"),
            _ => String::new(),
        }
    }
}

impl ChatRequest {
    /// The effective output cap (`max_completion_tokens` is the newer spelling).
    pub fn max_output_tokens(&self) -> Option<u32> {
        self.max_completion_tokens.or(self.max_tokens)
    }

    pub fn set_max_output_tokens(&mut self, n: u32) {
        if self.max_completion_tokens.is_some() {
            self.max_completion_tokens = Some(n);
        } else {
            self.max_tokens = Some(n);
        }
    }

    pub fn is_stream(&self) -> bool {
        self.stream == Some(true)
    }

    /// Characters of every message and tool definition: the input of token estimates.
    pub fn input_chars(&self) -> usize {
        let messages: usize = self
            .messages
            .iter()
            .map(|m| {
                m.text().chars().count()
                    + m.tool_calls
                        .as_ref()
                        .map_or(0, |c| Value::Array(c.clone()).to_string().len())
            })
            .sum();
        let tools = self
            .tools
            .as_ref()
            .map_or(0, |t| Value::Array(t.clone()).to_string().len());
        messages + tools
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    #[serde(default)]
    pub prompt_tokens: u64,
    #[serde(default)]
    pub completion_tokens: u64,
    #[serde(default)]
    pub total_tokens: u64,
}

/// A provider's non-streamed answer, checked for the fields clients rely on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatCompletion {
    pub id: String,
    #[serde(default = "chat_completion_object")]
    pub object: String,
    #[serde(default)]
    pub created: u64,
    pub model: String,
    pub choices: Vec<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<Usage>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn chat_completion_object() -> String {
    "chat.completion".into()
}

impl ChatCompletion {
    /// Parses and validates a provider body; a malformed one is an error, never a panic.
    pub fn parse(body: &[u8]) -> Result<Self, String> {
        let completion: ChatCompletion = serde_json::from_slice(body)
            .map_err(|e| format!("provider answered malformed JSON: {e}"))?;
        if completion.choices.is_empty() {
            return Err("provider answered no choices".into());
        }
        for choice in &completion.choices {
            if !choice["message"].is_object() {
                return Err("provider answered a choice without a message".into());
            }
        }
        Ok(completion)
    }

    pub fn first_text(&self) -> String {
        self.choices[0]["message"]["content"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmbeddingRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// A string or an array of strings (token arrays are passed through unchanged).
    pub input: Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl EmbeddingRequest {
    pub fn input_chars(&self) -> usize {
        match &self.input {
            Value::String(s) => s.chars().count(),
            Value::Array(items) => items
                .iter()
                .map(|i| {
                    i.as_str()
                        .map_or(i.to_string().len(), |s| s.chars().count())
                })
                .sum(),
            other => other.to_string().len(),
        }
    }

    pub fn validate(&self) -> Result<(), String> {
        match &self.input {
            Value::String(s) if !s.is_empty() => Ok(()),
            Value::Array(items) if !items.is_empty() => Ok(()),
            Value::String(_) | Value::Array(_) => Err("input must not be empty".into()),
            _ => Err("input must be a string or an array".into()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmbeddingResponse {
    #[serde(default = "list_object")]
    pub object: String,
    pub data: Vec<Value>,
    pub model: String,
    #[serde(default)]
    pub usage: Option<Usage>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn list_object() -> String {
    "list".into()
}

impl EmbeddingResponse {
    pub fn parse(body: &[u8]) -> Result<Self, String> {
        let response: EmbeddingResponse = serde_json::from_slice(body)
            .map_err(|e| format!("provider answered malformed JSON: {e}"))?;
        for item in &response.data {
            if !item["embedding"].is_array() && !item["embedding"].is_string() {
                return Err("provider answered an item without an embedding".into());
            }
        }
        Ok(response)
    }
}

/// Rough token count for estimates before a call: four characters per token, rounded up,
/// as OpenAI's own rule of thumb for English text.
pub fn estimate_tokens(chars: usize) -> u64 {
    (chars as u64).div_ceil(4)
}

/// Accumulates a streamed answer into the non-streamed shape, for the cache and the ledger.
#[derive(Debug, Default, Clone)]
pub struct StreamAccumulator {
    pub id: Option<String>,
    pub model: Option<String>,
    pub created: u64,
    pub content: String,
    pub finish_reason: Option<String>,
    pub usage: Option<Usage>,
    /// Tool calls cannot be rebuilt faithfully in every dialect; such answers are not cached.
    pub saw_tool_calls: bool,
    pub chunks: usize,
}

impl StreamAccumulator {
    pub fn push(&mut self, chunk: &Value) {
        self.chunks += 1;
        if self.id.is_none() {
            self.id = chunk["id"].as_str().map(str::to_owned);
        }
        if self.model.is_none() {
            self.model = chunk["model"].as_str().map(str::to_owned);
        }
        if let Some(created) = chunk["created"].as_u64() {
            self.created = created;
        }
        if let Some(usage) = chunk.get("usage").filter(|u| u.is_object()) {
            if let Ok(usage) = serde_json::from_value::<Usage>(usage.clone()) {
                self.usage = Some(usage);
            }
        }
        if let Some(choice) = chunk["choices"].as_array().and_then(|c| c.first()) {
            if let Some(text) = choice["delta"]["content"].as_str() {
                self.content.push_str(text);
            }
            if choice["delta"]["tool_calls"].is_array() {
                self.saw_tool_calls = true;
            }
            if let Some(reason) = choice["finish_reason"].as_str() {
                self.finish_reason = Some(reason.to_owned());
            }
        }
    }

    pub fn into_completion(self, fallback_model: &str) -> ChatCompletion {
        ChatCompletion {
            id: self.id.unwrap_or_else(|| "chatcmpl-gateway".into()),
            object: "chat.completion".into(),
            created: self.created,
            model: self.model.unwrap_or_else(|| fallback_model.to_owned()),
            choices: vec![serde_json::json!({
                "index": 0,
                "message": {"role": "assistant", "content": self.content},
                "logprobs": null,
                "finish_reason": self.finish_reason.unwrap_or_else(|| "stop".into()),
            })],
            usage: self.usage,
            extra: Map::new(),
        }
    }
}

/// The chunks that replay a cached completion as a stream: role, content, finish, usage.
pub fn completion_as_chunks(completion: &ChatCompletion) -> Vec<Value> {
    let base = |choices: Value| {
        serde_json::json!({
            "id": completion.id,
            "object": "chat.completion.chunk",
            "created": completion.created,
            "model": completion.model,
            "choices": choices,
        })
    };
    let message = &completion.choices[0]["message"];
    let finish = completion.choices[0]["finish_reason"].clone();
    let mut chunks = vec![base(serde_json::json!([{
        "index": 0, "delta": {"role": "assistant", "content": ""}, "logprobs": null, "finish_reason": null
    }]))];
    if let Some(text) = message["content"].as_str() {
        if !text.is_empty() {
            chunks.push(base(serde_json::json!([{
                "index": 0, "delta": {"content": text}, "logprobs": null, "finish_reason": null
            }])));
        }
    }
    chunks.push(base(serde_json::json!([{
        "index": 0, "delta": {}, "logprobs": null, "finish_reason": finish
    }])));
    let mut usage_chunk = base(serde_json::json!([]));
    usage_chunk["usage"] =
        serde_json::to_value(completion.usage.unwrap_or_default()).unwrap_or(Value::Null);
    chunks.push(usage_chunk);
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn unknown_request_fields_survive_a_round_trip() {
        let raw = json!({
            "model": "m", "messages": [{"role": "user", "content": "hi", "x": 1}],
            "top_p": 0.5, "response_format": {"type": "json_object"}
        });
        let req: ChatRequest = serde_json::from_value(raw.clone()).unwrap();
        assert_eq!(req.extra["top_p"], 0.5);
        assert_eq!(serde_json::to_value(&req).unwrap(), raw);
    }

    #[test]
    fn malformed_completions_are_errors() {
        assert!(ChatCompletion::parse(b"{\"id\":\"x\",").is_err());
        assert!(ChatCompletion::parse(b"<html>").is_err());
        assert!(ChatCompletion::parse(br#"{"id":"x","model":"m","choices":[]}"#).is_err());
        assert!(
            ChatCompletion::parse(br#"{"id":"x","model":"m","choices":[{"index":0}]}"#).is_err()
        );
        let ok = ChatCompletion::parse(
            br#"{"id":"x","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"hi"}}],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}"#,
        )
        .unwrap();
        assert_eq!(ok.first_text(), "hi");
        assert_eq!(ok.usage.unwrap().completion_tokens, 2);
    }

    #[test]
    fn accumulated_stream_replays_as_the_same_answer() {
        let mut acc = StreamAccumulator::default();
        for chunk in [
            json!({"id":"c1","model":"m","created":5,"choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}),
            json!({"id":"c1","model":"m","choices":[{"index":0,"delta":{"content":"Hello"}}]}),
            json!({"id":"c1","model":"m","choices":[{"index":0,"delta":{"content":" world"}}]}),
            json!({"id":"c1","model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}),
            json!({"id":"c1","model":"m","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}),
        ] {
            acc.push(&chunk);
        }
        let completion = acc.into_completion("m");
        assert_eq!(completion.first_text(), "Hello world");
        assert_eq!(completion.usage.unwrap().prompt_tokens, 3);
        let mut replay = StreamAccumulator::default();
        for chunk in completion_as_chunks(&completion) {
            replay.push(&chunk);
        }
        assert_eq!(replay.into_completion("m"), completion);
    }

    #[test]
    fn estimates_round_up() {
        assert_eq!(estimate_tokens(0), 0);
        assert_eq!(estimate_tokens(1), 1);
        assert_eq!(estimate_tokens(8), 2);
        assert_eq!(estimate_tokens(9), 3);
    }
}
