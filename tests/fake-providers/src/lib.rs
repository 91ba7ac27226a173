//! A local OpenAI-compatible provider: a real HTTP/1.1 server speaking the OpenAI wire format
//! (`/v1/chat/completions` as JSON and as server-sent events with `usage`, `/v1/embeddings`,
//! `/v1/models`), with every failure mode a real provider shows, so the gateway is tested
//! against the protocol rather than against a stub.
//!
//! Answers are deterministic: the reply to a chat is `echo: <last user message>` and token
//! counts are whitespace-separated words, so tests can compute exact costs.
//!
//! Failures are chosen per model (programmatically with [`FakeProvider::set_fault`] or with
//! `POST /admin/faults {"model": "...", "fault": {...}, "times": n}`) or per request with an
//! `x-fake-fault` header holding the same fault JSON. A fault with `times` applies to that
//! many requests, then the model answers normally again.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http::{Request, Response, StatusCode};
use http_body_util::{combinators::BoxBody, BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use tokio::net::TcpListener;

/// A way for a request to go wrong.
#[derive(Clone, Debug, PartialEq)]
pub enum Fault {
    /// Answer with this status and an OpenAI-style error body; `retry_after` sets the header.
    Status {
        status: u16,
        retry_after: Option<u64>,
    },
    /// Wait this long before sending the response head.
    SlowFirstByte { ms: u64 },
    /// Stream this many events (the first one carries only the role), then hold the
    /// connection open without sending more.
    StallStream { after_chunks: usize },
    /// Stream this many events, then break the connection mid-answer.
    DropStream { after_chunks: usize },
    /// A 200 whose JSON body is cut off half-way.
    TruncatedJson,
    /// A 200 with a body that is not JSON at all.
    MalformedJson,
    /// A 200 with a JSON answer labelled `text/html`.
    WrongContentType,
    /// A 200 head promising a body that the connection then fails to deliver.
    Hangup,
}

impl Fault {
    pub fn from_json(value: &Value) -> Result<Self, String> {
        let kind = value["kind"].as_str().ok_or("fault.kind is missing")?;
        let num = |name: &str| value[name].as_u64();
        Ok(match kind {
            "status" => Fault::Status {
                status: num("status").ok_or("fault.status is missing")? as u16,
                retry_after: num("retry_after"),
            },
            "slow_first_byte" => Fault::SlowFirstByte {
                ms: num("ms").ok_or("fault.ms is missing")?,
            },
            "stall_stream" => Fault::StallStream {
                after_chunks: num("after_chunks").unwrap_or(1) as usize,
            },
            "drop_stream" => Fault::DropStream {
                after_chunks: num("after_chunks").unwrap_or(1) as usize,
            },
            "truncated_json" => Fault::TruncatedJson,
            "malformed_json" => Fault::MalformedJson,
            "wrong_content_type" => Fault::WrongContentType,
            "hangup" => Fault::Hangup,
            other => return Err(format!("unknown fault kind {other:?}")),
        })
    }

    pub fn to_json(&self) -> Value {
        match self {
            Fault::Status {
                status,
                retry_after,
            } => json!({"kind": "status", "status": status, "retry_after": retry_after}),
            Fault::SlowFirstByte { ms } => json!({"kind": "slow_first_byte", "ms": ms}),
            Fault::StallStream { after_chunks } => {
                json!({"kind": "stall_stream", "after_chunks": after_chunks})
            }
            Fault::DropStream { after_chunks } => {
                json!({"kind": "drop_stream", "after_chunks": after_chunks})
            }
            Fault::TruncatedJson => json!({"kind": "truncated_json"}),
            Fault::MalformedJson => json!({"kind": "malformed_json"}),
            Fault::WrongContentType => json!({"kind": "wrong_content_type"}),
            Fault::Hangup => json!({"kind": "hangup"}),
        }
    }
}

/// A request the provider received.
#[derive(Clone, Debug)]
pub struct Received {
    pub method: String,
    pub path: String,
    pub authorization: Option<String>,
    pub body: Value,
}

impl Received {
    pub fn model(&self) -> Option<&str> {
        self.body["model"].as_str()
    }
}

#[derive(Default)]
struct State {
    /// model -> (fault, remaining uses; None = until cleared)
    faults: HashMap<String, (Fault, Option<u64>)>,
    /// model -> added latency for every request (for "fastest" routing tests)
    latency_ms: HashMap<String, u64>,
    received: Vec<Received>,
    models: Vec<String>,
    api_key: Option<String>,
}

/// A running fake provider. Runs on its own thread and runtime, so sync and async tests alike
/// can use it; stops when dropped.
pub struct FakeProvider {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl FakeProvider {
    /// Listens on a free loopback port.
    pub fn start() -> Self {
        Self::start_on("127.0.0.1:0".parse().expect("valid address"))
    }

    pub fn start_on(listen: SocketAddr) -> Self {
        let state = Arc::new(Mutex::new(State {
            models: vec![
                "fake-small".into(),
                "fake-large".into(),
                "fake-embed".into(),
            ],
            ..State::default()
        }));
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let (shutdown_tx, shutdown_rx) = tokio::sync::oneshot::channel();
        let thread_state = state.clone();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("building the fake provider's runtime");
            runtime.block_on(async move {
                let listener = TcpListener::bind(listen)
                    .await
                    .expect("binding fake provider");
                addr_tx
                    .send(listener.local_addr().expect("bound address"))
                    .expect("reporting the address");
                serve(listener, thread_state, shutdown_rx).await;
            });
            // Stalled streams would keep the runtime's drop waiting otherwise.
            runtime.shutdown_background();
        });
        let addr = addr_rx.recv().expect("fake provider started");
        Self {
            addr,
            state,
            shutdown: Some(shutdown_tx),
            thread: Some(thread),
        }
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT/v1`, what an OpenAI client takes as its base URL.
    pub fn base_url(&self) -> String {
        format!("http://{}/v1", self.addr)
    }

    /// `http://127.0.0.1:PORT`, for `allowed_outbound_hosts`.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Requests must carry `Authorization: Bearer <key>`; others get 401.
    pub fn require_api_key(&self, key: &str) {
        self.state.lock().unwrap().api_key = Some(key.to_owned());
    }

    /// Faults `model` for the next `times` requests (`None`: until cleared).
    pub fn set_fault(&self, model: &str, fault: Fault, times: Option<u64>) {
        self.state
            .lock()
            .unwrap()
            .faults
            .insert(model.to_owned(), (fault, times));
    }

    pub fn clear_fault(&self, model: &str) {
        self.state.lock().unwrap().faults.remove(model);
    }

    /// Adds a fixed delay to every answer from `model`.
    pub fn set_latency(&self, model: &str, ms: u64) {
        self.state
            .lock()
            .unwrap()
            .latency_ms
            .insert(model.to_owned(), ms);
    }

    pub fn received(&self) -> Vec<Received> {
        self.state.lock().unwrap().received.clone()
    }

    /// How many chat/embedding requests named `model`.
    pub fn calls_for(&self, model: &str) -> usize {
        self.received()
            .iter()
            .filter(|r| r.model() == Some(model))
            .count()
    }
}

impl Drop for FakeProvider {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;
type Body = BoxBody<Bytes, BoxError>;

fn boxed_full(bytes: impl Into<Bytes>) -> Body {
    Full::new(bytes.into())
        .map_err(|never| match never {})
        .boxed()
}

async fn serve(
    listener: TcpListener,
    state: Arc<Mutex<State>>,
    mut shutdown: tokio::sync::oneshot::Receiver<()>,
) {
    loop {
        let accepted = tokio::select! {
            _ = &mut shutdown => return,
            accepted = listener.accept() => accepted,
        };
        let Ok((stream, _)) = accepted else { continue };
        let _ = stream.set_nodelay(true);
        let state = state.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req| {
                let state = state.clone();
                async move { Ok::<_, Infallible>(handle(req, state).await) }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

fn full(status: StatusCode, content_type: &str, body: impl Into<Bytes>) -> Response<Body> {
    Response::builder()
        .status(status)
        .header("content-type", content_type)
        .body(boxed_full(body))
        .expect("valid response")
}

fn json_response(status: StatusCode, value: &Value) -> Response<Body> {
    full(status, "application/json", value.to_string())
}

fn openai_error(status: StatusCode, kind: &str, message: &str) -> Response<Body> {
    json_response(
        status,
        &json!({"error": {"message": message, "type": kind, "param": null, "code": null}}),
    )
}

async fn handle(req: Request<Incoming>, state: Arc<Mutex<State>>) -> Response<Body> {
    let method = req.method().to_string();
    let path = req.uri().path().to_owned();
    let authorization = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let header_fault = req
        .headers()
        .get("x-fake-fault")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body_bytes = match req.into_body().collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => return openai_error(StatusCode::BAD_REQUEST, "invalid_request_error", "body"),
    };
    let body: Value = if body_bytes.is_empty() {
        Value::Null
    } else {
        match serde_json::from_slice(&body_bytes) {
            Ok(v) => v,
            Err(e) => {
                return openai_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request_error",
                    &format!("invalid JSON: {e}"),
                )
            }
        }
    };

    if path == "/admin/faults" && method == "POST" {
        return admin_faults(&state, &body);
    }

    let (fault, latency, key_ok) = {
        let mut st = state.lock().unwrap();
        st.received.push(Received {
            method: method.clone(),
            path: path.clone(),
            authorization: authorization.clone(),
            body: body.clone(),
        });
        let key_ok = match &st.api_key {
            None => true,
            Some(key) => authorization.as_deref() == Some(&format!("Bearer {key}")),
        };
        let model = body["model"].as_str().unwrap_or_default().to_owned();
        let latency = st.latency_ms.get(&model).copied().unwrap_or(0);
        let mut fault = None;
        if let Some(raw) = &header_fault {
            fault = serde_json::from_str::<Value>(raw)
                .ok()
                .and_then(|v| Fault::from_json(&v).ok());
        }
        if fault.is_none() {
            if let Some((f, remaining)) = st.faults.get_mut(&model) {
                fault = Some(f.clone());
                if let Some(n) = remaining {
                    *n = n.saturating_sub(1);
                    if *n == 0 {
                        st.faults.remove(&model);
                    }
                }
            }
        }
        (fault, latency, key_ok)
    };

    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    if !key_ok {
        return openai_error(
            StatusCode::UNAUTHORIZED,
            "invalid_request_error",
            "Incorrect API key provided",
        );
    }

    match (method.as_str(), path.as_str()) {
        ("GET", "/v1/models") => {
            let models = state.lock().unwrap().models.clone();
            let data: Vec<Value> = models
                .iter()
                .map(|id| json!({"id": id, "object": "model", "created": 0, "owned_by": "fake"}))
                .collect();
            json_response(StatusCode::OK, &json!({"object": "list", "data": data}))
        }
        ("POST", "/v1/chat/completions") => chat(&body, fault).await,
        ("POST", "/v1/embeddings") => embeddings(&body, fault).await,
        _ => openai_error(
            StatusCode::NOT_FOUND,
            "invalid_request_error",
            "unknown route",
        ),
    }
}

fn admin_faults(state: &Arc<Mutex<State>>, body: &Value) -> Response<Body> {
    let Some(model) = body["model"].as_str() else {
        return openai_error(StatusCode::BAD_REQUEST, "admin", "model is required");
    };
    let mut st = state.lock().unwrap();
    if body["fault"].is_null() {
        st.faults.remove(model);
        if let Some(ms) = body["latency_ms"].as_u64() {
            st.latency_ms.insert(model.to_owned(), ms);
        }
        return json_response(StatusCode::OK, &json!({"cleared": model}));
    }
    match Fault::from_json(&body["fault"]) {
        Ok(fault) => {
            st.faults
                .insert(model.to_owned(), (fault, body["times"].as_u64()));
            json_response(StatusCode::OK, &json!({"set": model}))
        }
        Err(e) => openai_error(StatusCode::BAD_REQUEST, "admin", &e),
    }
}

/// Words, the fake's token unit.
pub fn count_tokens(text: &str) -> u64 {
    text.split_whitespace().count() as u64
}

/// The fake's answer to a chat request: `echo: <last user message>`.
pub fn answer_for(body: &Value) -> String {
    let last_user = body["messages"]
        .as_array()
        .and_then(|messages| {
            messages
                .iter()
                .rev()
                .find(|m| m["role"] == "user")
                .and_then(|m| m["content"].as_str())
        })
        .unwrap_or_default();
    format!("echo: {last_user}")
}

/// Prompt tokens the fake charges for a chat request: words of every message's content.
pub fn prompt_tokens_for(body: &Value) -> u64 {
    body["messages"]
        .as_array()
        .map(|messages| {
            messages
                .iter()
                .map(|m| count_tokens(m["content"].as_str().unwrap_or_default()))
                .sum()
        })
        .unwrap_or(0)
}

async fn before_head(fault: &Option<Fault>) -> Option<Response<Body>> {
    match fault {
        Some(Fault::SlowFirstByte { ms }) => {
            tokio::time::sleep(Duration::from_millis(*ms)).await;
            None
        }
        Some(Fault::Status {
            status,
            retry_after,
        }) => {
            let code = StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let mut response = openai_error(code, "server_error", "injected failure");
            if let Some(secs) = retry_after {
                response
                    .headers_mut()
                    .insert("retry-after", secs.to_string().parse().expect("digits"));
            }
            Some(response)
        }
        Some(Fault::Hangup) => {
            // A declared length the body never reaches: the client sees the connection end
            // mid-message, as when a provider's process dies.
            Some(
                Response::builder()
                    .status(200)
                    .header("content-type", "application/json")
                    .header("content-length", "1000")
                    .body(boxed_full(Bytes::from_static(b"{")))
                    .expect("valid response"),
            )
        }
        _ => None,
    }
}

async fn chat(body: &Value, fault: Option<Fault>) -> Response<Body> {
    let Some(model) = body["model"].as_str().map(str::to_owned) else {
        return openai_error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            "model is required",
        );
    };
    if !body["messages"].is_array() {
        return openai_error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            "messages must be an array",
        );
    }
    if let Some(response) = before_head(&fault).await {
        return response;
    }
    let answer = answer_for(body);
    let prompt_tokens = prompt_tokens_for(body);
    let mut completion_tokens = count_tokens(&answer);
    let mut finish_reason = "stop";
    let mut content = answer.clone();
    if let Some(max) = body["max_tokens"]
        .as_u64()
        .or(body["max_completion_tokens"].as_u64())
    {
        if completion_tokens > max {
            content = answer
                .split_whitespace()
                .take(max as usize)
                .collect::<Vec<_>>()
                .join(" ");
            completion_tokens = max;
            finish_reason = "length";
        }
    }
    let usage = json!({
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
    });
    let id = format!("chatcmpl-fake-{}", prompt_tokens * 1000 + completion_tokens);

    if body["stream"] == true {
        let include_usage = body["stream_options"]["include_usage"] == true;
        return stream_chat(
            id,
            model,
            content,
            finish_reason,
            usage,
            include_usage,
            fault,
        );
    }

    let response = json!({
        "id": id,
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": model,
        "choices": [{
            "index": 0,
            "message": {"role": "assistant", "content": content},
            "logprobs": null,
            "finish_reason": finish_reason,
        }],
        "usage": usage,
    });
    let text = response.to_string();
    match fault {
        Some(Fault::TruncatedJson) => full(
            StatusCode::OK,
            "application/json",
            text[..text.len() / 2].to_owned(),
        ),
        Some(Fault::MalformedJson) => full(StatusCode::OK, "application/json", "<html>oops</html>"),
        Some(Fault::WrongContentType) => full(StatusCode::OK, "text/html", text),
        _ => full(StatusCode::OK, "application/json", text),
    }
}

fn stream_chat(
    id: String,
    model: String,
    content: String,
    finish_reason: &'static str,
    usage: Value,
    include_usage: bool,
    fault: Option<Fault>,
) -> Response<Body> {
    let chunk = |delta: Value, finish: Option<&str>| {
        json!({
            "id": id,
            "object": "chat.completion.chunk",
            "created": 1_700_000_000,
            "model": model,
            "choices": [{"index": 0, "delta": delta, "logprobs": null, "finish_reason": finish}],
        })
    };
    let mut events: Vec<String> =
        vec![chunk(json!({"role": "assistant", "content": ""}), None).to_string()];
    let words: Vec<&str> = content.split(' ').collect();
    for (i, word) in words.iter().enumerate() {
        let piece = if i == 0 {
            word.to_string()
        } else {
            format!(" {word}")
        };
        events.push(chunk(json!({"content": piece}), None).to_string());
    }
    events.push(chunk(json!({}), Some(finish_reason)).to_string());
    if include_usage {
        events.push(
            json!({
                "id": id, "object": "chat.completion.chunk", "created": 1_700_000_000,
                "model": model, "choices": [], "usage": usage,
            })
            .to_string(),
        );
    }
    let content_type = if fault == Some(Fault::WrongContentType) {
        "text/html"
    } else {
        "text/event-stream"
    };

    let (mut sender, body) = http_body_util::channel::Channel::<Bytes, BoxError>::new(4);
    tokio::spawn(async move {
        let cut = match &fault {
            Some(Fault::StallStream { after_chunks })
            | Some(Fault::DropStream { after_chunks }) => Some(*after_chunks),
            _ => None,
        };
        for (i, event) in events.iter().enumerate() {
            if cut == Some(i) {
                if matches!(fault, Some(Fault::StallStream { .. })) {
                    // Hold the connection open, as a stuck upstream does.
                    tokio::time::sleep(Duration::from_secs(3600)).await;
                }
                // Let the events already sent reach the wire before the connection breaks.
                tokio::time::sleep(Duration::from_millis(200)).await;
                // Dropping the sender without finishing ends the body early.
                sender.abort("stream cut by the fake provider".into());
                return;
            }
            let data = if fault == Some(Fault::MalformedJson) && i == 1 {
                "data: {not json\n\n".to_owned()
            } else {
                format!("data: {event}\n\n")
            };
            if sender.send_data(Bytes::from(data)).await.is_err() {
                return;
            }
        }
        let _ = sender
            .send_data(Bytes::from_static(b"data: [DONE]\n\n"))
            .await;
    });
    Response::builder()
        .status(200)
        .header("content-type", content_type)
        .header("cache-control", "no-cache")
        .body(body.boxed())
        .expect("valid response")
}

async fn embeddings(body: &Value, fault: Option<Fault>) -> Response<Body> {
    let Some(model) = body["model"].as_str() else {
        return openai_error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            "model is required",
        );
    };
    let inputs: Vec<String> = match &body["input"] {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) if items.iter().all(Value::is_string) => items
            .iter()
            .map(|v| v.as_str().unwrap_or_default().to_owned())
            .collect(),
        _ => {
            return openai_error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                "input must be a string or an array of strings",
            )
        }
    };
    if let Some(response) = before_head(&fault).await {
        return response;
    }
    let tokens: u64 = inputs.iter().map(|s| count_tokens(s)).sum();
    let data: Vec<Value> = inputs
        .iter()
        .enumerate()
        .map(|(i, text)| json!({"object": "embedding", "index": i, "embedding": embed(text)}))
        .collect();
    let response = json!({
        "object": "list",
        "data": data,
        "model": model,
        "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
    });
    let text = response.to_string();
    match fault {
        Some(Fault::TruncatedJson) => full(
            StatusCode::OK,
            "application/json",
            text[..text.len() / 2].to_owned(),
        ),
        Some(Fault::MalformedJson) => full(StatusCode::OK, "application/json", "nope"),
        Some(Fault::WrongContentType) => full(StatusCode::OK, "text/html", text),
        _ => full(StatusCode::OK, "application/json", text),
    }
}

/// An 8-dimensional vector derived from the text's bytes (FNV-1a per dimension), normalised
/// to unit length, so equal texts embed equally and different texts differently.
pub fn embed(text: &str) -> Vec<f32> {
    let mut v: Vec<f32> = (0u64..8)
        .map(|dim| {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ dim;
            for b in text.bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
            ((h % 2000) as f32 / 1000.0) - 1.0
        })
        .collect();
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-6);
    for x in &mut v {
        *x /= norm;
    }
    v
}
