//! The AI gateway's HTTP face, in OpenAI's wire format so the official SDKs work with only
//! `base_url` changed:
//!
//! - `POST /api/v1/llm/chat/completions` (JSON, or server-sent events with `stream: true`)
//! - `POST /api/v1/llm/embeddings`
//! - `GET  /api/v1/llm/models`
//! - `GET  /api/v1/llm/admin/health`: breaker state, latency and A/B counters per deployment
//!
//! Everything but the glue lives in `gateway-core`.

#![allow(clippy::result_large_err)]

use std::rc::Rc;

use api_kit::spin::{read_context, read_headers, SpinVariables};
use api_kit::{ApiError, ApiResponse, RequestContext, RequestId, REQUEST_ID_HEADER};
use gateway_core::engine::{CallOptions, Caller, Gateway};
use gateway_core::lazy::LazySql;
use gateway_core::sse::{data_event, DONE_EVENT};
use gateway_core::wasi_http::WasiHttp;
use gateway_core::{ChatRequest, EmbeddingRequest, GatewayConfig, SystemClock};
use spin_sdk::http::{Fields, IncomingRequest, OutgoingResponse, ResponseOutparam};

const PREFIX: &str = "/api/v1/llm";

#[spin_sdk::http_component]
async fn handle(req: IncomingRequest, out: ResponseOutparam) {
    let headers = read_headers(&req);
    let request_id = RequestId::from_header(headers.get(REQUEST_ID_HEADER));
    let config = match load_config() {
        Ok(c) => c,
        Err(e) => return send(out, api_kit::finish(&request_id, Err(e))),
    };
    let ctx = match read_context(
        req,
        headers,
        request_id.clone(),
        config.limits.max_request_bytes,
    )
    .await
    {
        Ok(ctx) => ctx,
        Err(e) => return send(out, api_kit::finish(&request_id, Err(e))),
    };
    let route = ctx
        .path()
        .strip_prefix(PREFIX)
        .unwrap_or("")
        .trim_end_matches('/')
        .to_owned();
    if route == "/chat/completions" && ctx.method == "POST" {
        // Streaming answers write their own response; everything else goes through finish.
        match chat(ctx, config) {
            Handled::Respond(result, gw) => {
                send(out, api_kit::finish(&request_id, result));
                after_response(gw.as_deref());
            }
            Handled::Stream(stream, served_headers) => {
                // The stream holds the gateway; dropping it after the body is finished
                // writes the deferred bookkeeping.
                stream_out(out, &request_id, stream, served_headers)
            }
        }
        return;
    }
    if route == "/embeddings" && ctx.method == "POST" {
        let (result, gw) = embeddings(&ctx, config);
        send(out, api_kit::finish(&request_id, result));
        after_response(gw.as_ref());
        return;
    }
    let result = match route.as_str() {
        "/chat/completions" => Err(ApiError::method_not_allowed(&ctx.method, &["POST"])),
        "/embeddings" => Err(ApiError::method_not_allowed(&ctx.method, &["POST"])),
        "/models" => ctx
            .allow_methods(&["GET"])
            .and_then(|()| auth_client::authenticate(&ctx.headers))
            .and_then(|_| models(config)),
        "/admin/health" => ctx
            .allow_methods(&["GET"])
            .and_then(|()| auth_client::authenticate(&ctx.headers))
            .and_then(|principal| auth_client::require_role(&principal, &["owner", "admin"]))
            .and_then(|()| admin_health(config)),
        _ => Err(ApiError::not_found(format!(
            "no such route: {}",
            ctx.path()
        ))),
    };
    send(out, api_kit::finish(&request_id, result));
}

fn load_config() -> Result<GatewayConfig, ApiError> {
    let text = spin_sdk::variables::get("llm_config").unwrap_or_default();
    GatewayConfig::parse(&text).map_err(ApiError::internal)
}

/// The gateway for one request. Its bookkeeping (ledger row, statistics) is deferred and
/// written by [`after_response`] once the answer has left, and the database is opened only
/// when that bookkeeping (or a budget event) first needs it.
fn gateway(config: GatewayConfig) -> Result<Gateway<WasiHttp>, ApiError> {
    let kv = storage::open_key_value(&SpinVariables).map_err(ApiError::from)?;
    let sql = LazySql::new(|| storage::open_sql(&SpinVariables));
    let gw = Gateway::new(config, kv, Box::new(sql), WasiHttp, Box::new(SystemClock));
    gw.defer_bookkeeping();
    Ok(gw)
}

/// Runs once the response body is finished: the client already has its answer, and the
/// host keeps this instance alive until the handler returns.
fn after_response(gw: Option<&Gateway<WasiHttp>>) {
    if let Some(gw) = gw {
        gw.run_deferred();
    }
}

/// Who the call is for: the authenticated principal's tenant and user. A calling function
/// may name itself in `X-Llm-Function` for the ledger (default `http`).
fn caller(ctx: &RequestContext) -> Result<Caller, ApiError> {
    let principal = auth_client::authenticate(&ctx.headers)?;
    let function_name = ctx
        .headers
        .get("x-llm-function")
        .map(str::trim)
        .filter(|v| !v.is_empty() && v.len() <= 64)
        .unwrap_or("http")
        .to_owned();
    Ok(Caller {
        tenant_id: principal.tenant_id,
        user_id: principal.user_id,
        function_name,
        request_id: ctx.request_id.to_string(),
    })
}

fn options(ctx: &RequestContext) -> CallOptions {
    let no_cache = ctx.headers.get("x-llm-cache").is_some_and(|v| {
        matches!(
            v.trim().to_ascii_lowercase().as_str(),
            "no-store" | "bypass" | "off"
        )
    }) || ctx.headers.get("cache-control").is_some_and(|v| {
        let v = v.to_ascii_lowercase();
        v.contains("no-store") || v.contains("no-cache")
    });
    let deadline_ms = ctx
        .headers
        .get("x-llm-deadline-ms")
        .and_then(|v| v.trim().parse().ok());
    CallOptions {
        no_cache,
        deadline_ms,
    }
}

enum Handled {
    /// The answer, and the gateway whose deferred bookkeeping is written after it is sent.
    Respond(Result<ApiResponse, ApiError>, Option<Rc<Gateway<WasiHttp>>>),
    Stream(gateway_core::ChatStream<WasiHttp>, Vec<(String, String)>),
}

fn chat(ctx: RequestContext, config: GatewayConfig) -> Handled {
    let caller = match caller(&ctx) {
        Ok(c) => c,
        Err(e) => return Handled::Respond(Err(e), None),
    };
    let request: ChatRequest = match ctx.json() {
        Ok(r) => r,
        Err(e) => return Handled::Respond(Err(e), None),
    };
    let gw = match gateway(config) {
        Ok(g) => Rc::new(g),
        Err(e) => return Handled::Respond(Err(e), None),
    };
    let options = options(&ctx);
    if request.is_stream() {
        return match gw.open_stream(&caller, request, options) {
            Ok(stream) => {
                let headers = stream.served().headers();
                Handled::Stream(stream, headers)
            }
            Err(e) => Handled::Respond(Err(e), Some(gw)),
        };
    }
    let result = gw.chat(&caller, request, options).and_then(|answer| {
        let mut response = ApiResponse::json(200, &answer.body)?;
        for (n, v) in answer.served.headers() {
            response.set_header(&n, v);
        }
        response.set_header(
            "x-llm-cost-micro-usd",
            answer.served.cost_micro_usd.to_string(),
        );
        Ok(response)
    });
    Handled::Respond(result, Some(gw))
}

fn embeddings(
    ctx: &RequestContext,
    config: GatewayConfig,
) -> (Result<ApiResponse, ApiError>, Option<Gateway<WasiHttp>>) {
    let caller = match caller(ctx) {
        Ok(c) => c,
        Err(e) => return (Err(e), None),
    };
    let request: EmbeddingRequest = match ctx.json() {
        Ok(r) => r,
        Err(e) => return (Err(e), None),
    };
    let gw = match gateway(config) {
        Ok(g) => g,
        Err(e) => return (Err(e), None),
    };
    let result = embed(&gw, &caller, request, options(ctx));
    (result, Some(gw))
}

fn embed(
    gw: &Gateway<WasiHttp>,
    caller: &Caller,
    request: EmbeddingRequest,
    options: CallOptions,
) -> Result<ApiResponse, ApiError> {
    let answer = gw.embed(caller, request, options)?;
    let mut response = ApiResponse::json(200, &answer.body)?;
    for (n, v) in answer.served.headers() {
        response.set_header(&n, v);
    }
    response.set_header(
        "x-llm-cost-micro-usd",
        answer.served.cost_micro_usd.to_string(),
    );
    Ok(response)
}

fn models(config: GatewayConfig) -> Result<ApiResponse, ApiError> {
    // Listing touches no store, so it works even while the databases are down.
    Ok(
        ApiResponse::json(200, &gateway_core::engine::models(&config))?
            .with_header("cache-control", "no-store"),
    )
}

fn admin_health(config: GatewayConfig) -> Result<ApiResponse, ApiError> {
    let gw = gateway(config)?;
    Ok(ApiResponse::json(200, &gw.health())?.with_header("cache-control", "no-store"))
}

fn response_head(status: u16, headers: &[(String, String)]) -> OutgoingResponse {
    let entries: Vec<(String, Vec<u8>)> = headers
        .iter()
        .map(|(n, v)| (n.clone(), v.clone().into_bytes()))
        .collect();
    let fields = Fields::from_list(&entries).unwrap_or_else(|_| Fields::new());
    let response = OutgoingResponse::new(fields);
    let _ = response.set_status_code(status);
    response
}

fn write_all(stream: &wasi::io::streams::OutputStream, bytes: &[u8]) -> bool {
    bytes
        .chunks(4096)
        .all(|piece| stream.blocking_write_and_flush(piece).is_ok())
}

fn send(out: ResponseOutparam, response: ApiResponse) {
    let head = response_head(response.status, &response.headers);
    let body = head.body().expect("fresh response has a body");
    out.set(head);
    if let Ok(stream) = body.write() {
        write_all(&stream, &response.body);
        drop(stream);
    }
    let _ = spin_sdk::http::OutgoingBody::finish(body, None);
}

/// Writes a streamed answer as server-sent events. Bytes leave as each chunk arrives; an
/// error after the first byte ends the stream with an `error` event (and no `[DONE]`), as
/// OpenAI does, since the status line is already sent.
fn stream_out(
    out: ResponseOutparam,
    request_id: &RequestId,
    mut stream: gateway_core::ChatStream<WasiHttp>,
    served_headers: Vec<(String, String)>,
) {
    let mut headers = vec![
        ("content-type".to_owned(), "text/event-stream".to_owned()),
        ("cache-control".to_owned(), "no-cache".to_owned()),
        (REQUEST_ID_HEADER.to_owned(), request_id.to_string()),
    ];
    headers.extend(served_headers);
    let head = response_head(200, &headers);
    let body = head.body().expect("fresh response has a body");
    out.set(head);
    let Ok(sink) = body.write() else {
        return;
    };
    loop {
        match stream.next_chunk() {
            Ok(Some(chunk)) => {
                if !write_all(&sink, &data_event(&chunk)) {
                    // The client left; the stream is dropped and the upstream with it.
                    break;
                }
            }
            Ok(None) => {
                write_all(&sink, DONE_EVENT);
                break;
            }
            Err(e) => {
                let body = e.body();
                write_all(&sink, &data_event(&body));
                eprintln!(
                    "{}",
                    serde_json::json!({"level": "error", "request_id": request_id.as_str(),
                        "status": e.status, "code": e.code, "cause": e.message})
                );
                break;
            }
        }
    }
    drop(sink);
    let _ = spin_sdk::http::OutgoingBody::finish(body, None);
}
