//! HTTP glue of the retrieval function; the engine is `retrieval-core`.
//!
//! - `POST,GET /api/v1/kb`, `GET,DELETE /api/v1/kb/{kb_id}`
//! - `POST,GET /api/v1/kb/{kb_id}/documents`, `GET,DELETE /api/v1/kb/{kb_id}/documents/{doc_id}`
//! - `POST /api/v1/kb/{kb_id}/search`
//! - `POST /api/v1/kb/jobs/run`: runs queued indexing steps for a time budget
//!
//! Every route authenticates through the composed identity verifier; the tenant comes from
//! the caller's identity, never from the request. The jobs route also takes the scheduler's
//! key (`X-Retrieval-Jobs-Key`, variable `retrieval_jobs_key`), which runs every tenant's jobs.

// `ApiError` is deliberately a plain struct with public fields; it only travels on the error
// path of a request, where its size costs nothing measurable.
#![allow(clippy::result_large_err)]

use api_kit::{ApiError, ApiResponse, RequestContext};
use std::time::Duration;

use retrieval_core::queue::{self, Scope};
use retrieval_core::service::{self, DocumentBody, Embedder, NewDocument, NoEmbedder};
use retrieval_core::spin::{embedder, now, open_db};
use retrieval_core::{multipart, ChunkConfig};
use serde_json::{json, Map};
use spin_sdk::http::{IncomingRequest, Response};

/// A 10 MB document sent as JSON grows by its escapes; the text itself is limited to 10 MB
/// after decoding (413 either way).
const MAX_BODY_BYTES: u64 = 12 * 1024 * 1024;
const DEFAULT_PAGE: usize = 20;
const MAX_PAGE: usize = 100;
/// The jobs route's default time budget, and the most a caller may ask for.
const DEFAULT_JOBS_BUDGET_MS: u64 = 2_000;
const MAX_JOBS_BUDGET_MS: u64 = 20_000;

#[spin_sdk::http_component]
async fn handle(req: IncomingRequest) -> Response {
    let options = api_kit::spin::Options {
        max_body_bytes: MAX_BODY_BYTES,
    };
    api_kit::spin::respond_with(req, options, route).await
}

fn route(ctx: RequestContext) -> Result<ApiResponse, ApiError> {
    let path = ctx.path().trim_end_matches('/').to_string();
    let rest = path
        .strip_prefix("/api/v1/kb")
        .ok_or_else(|| ApiError::not_found(format!("no retrieval route {path}")))?;
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    // Methods first, so a wrong method answers 405 before credentials are checked.
    let methods: &[&str] = match segments.as_slice() {
        ["jobs", "run"] => &["POST"],
        [] => &["GET", "POST"],
        [_] => &["GET", "DELETE"],
        [_, "documents"] => &["GET", "POST"],
        [_, "documents", _] => &["GET", "DELETE"],
        [_, "search"] => &["POST"],
        _ => return Err(ApiError::not_found(format!("no retrieval route {path}"))),
    };
    ctx.allow_methods(methods)?;
    if segments.as_slice() == ["jobs", "run"] {
        return run_jobs(&ctx);
    }
    let principal = auth_client::authenticate(&ctx.headers)?;
    let tenant = principal.tenant_id.as_str();
    let db = open_db()?;
    let db = db.as_ref();
    let method = ctx.method.as_str();
    match (method, segments.as_slice()) {
        ("POST", []) => {
            let body: service::NewKb = ctx.json()?;
            ApiResponse::json(201, &service::create_kb(db, tenant, body, now())?)
        }
        ("GET", []) => ApiResponse::json(200, &service::list_kbs(db, tenant)?),
        ("GET", [kb]) => ApiResponse::json(200, &service::get_kb(db, tenant, kb)?),
        ("DELETE", [kb]) => {
            service::delete_kb(db, tenant, kb)?;
            Ok(ApiResponse::new(204))
        }
        ("POST", [kb, "documents"]) => {
            let document = document_from_request(&ctx)?;
            let key = ctx.headers.get("idempotency-key").map(str::trim);
            let embedder = embedder()?;
            let outcome = service::ingest_with_sync_limit(
                db,
                embedder.as_ref(),
                tenant,
                kb,
                document,
                key,
                &ChunkConfig::default(),
                sync_chunk_limit()?,
                now(),
            )?;
            let mut body = outcome.document;
            body["duplicate"] = json!(outcome.existing);
            ApiResponse::json(if outcome.existing { 200 } else { 202 }, &body)
        }
        ("GET", [kb, "documents"]) => {
            let (limit, offset) = paging(&ctx)?;
            ApiResponse::json(
                200,
                &service::list_documents(db, tenant, kb, limit, offset)?,
            )
        }
        ("GET", [kb, "documents", doc]) => {
            let document = service::get_document(db, tenant, kb, doc)?;
            if !matches!(document["status"].as_str(), Some("pending" | "indexing")) {
                return ApiResponse::json(200, &document);
            }
            // The polling client drives the queue: one step of this document, then its status.
            let scope = Scope::Document {
                tenant,
                kb_id: kb,
                doc_id: doc,
            };
            let embedder = embedder()?;
            if let Err(e) = queue::process_pending(db, embedder.as_ref(), scope, Duration::ZERO, &now) {
                // The status still answers; the step is retried by the next poll or the jobs run.
                eprintln!("retrieval: indexing step on poll failed: {} {}", e.code, e.message);
            }
            ApiResponse::json(200, &service::get_document(db, tenant, kb, doc)?)
        }
        ("DELETE", [kb, "documents", doc]) => {
            service::delete_document(db, tenant, kb, doc)?;
            Ok(ApiResponse::new(204))
        }
        ("POST", [kb, "search"]) => {
            let request: service::SearchRequest = ctx.json()?;
            let embedder: Box<dyn Embedder> = match request.mode {
                service::Mode::Lexical => Box::new(NoEmbedder),
                _ => embedder()?,
            };
            ApiResponse::json(
                200,
                &service::search(db, embedder.as_ref(), tenant, kb, request)?,
            )
        }
        _ => Err(ApiError::not_found(format!("no retrieval route {path}"))),
    }
}

/// `retrieval_sync_chunks`: documents of more chunks are queued (default 64; 0 queues all).
fn sync_chunk_limit() -> Result<usize, ApiError> {
    let vars = api_kit::Variables::new(&api_kit::spin::SpinVariables);
    Ok(vars.parse_or("retrieval_sync_chunks", queue::SYNC_CHUNK_LIMIT)?)
}

/// `POST /api/v1/kb/jobs/run[?budget_ms=2000]`: indexing steps until no job is due or the
/// budget is spent. With the scheduler's key every tenant's jobs; otherwise the caller's
/// tenant's. A scheduler (cron) calls it with the key; a tenant may call it to hurry its own.
fn run_jobs(ctx: &RequestContext) -> Result<ApiResponse, ApiError> {
    let mut budget_ms = DEFAULT_JOBS_BUDGET_MS;
    for (k, v) in query_params(ctx) {
        if k == "budget_ms" {
            budget_ms = v
                .parse::<u64>()
                .ok()
                .filter(|n| (1..=MAX_JOBS_BUDGET_MS).contains(n))
                .ok_or_else(|| {
                    ApiError::bad_request(format!(
                        "budget_ms must be a whole number from 1 to {MAX_JOBS_BUDGET_MS}"
                    ))
                })?;
        }
    }
    let principal;
    let scope = match ctx.headers.get("x-retrieval-jobs-key") {
        Some(sent) => {
            let vars = api_kit::Variables::new(&api_kit::spin::SpinVariables);
            let expected = vars
                .optional("retrieval_jobs_key")
                .filter(|k| !k.trim().is_empty());
            match expected {
                Some(expected) if keys_match(sent.trim(), expected.trim()) => Scope::All,
                _ => return Err(ApiError::unauthorized("the jobs key is not valid")),
            }
        }
        None => {
            principal = auth_client::authenticate(&ctx.headers)?;
            Scope::Tenant(principal.tenant_id.as_str())
        }
    };
    let db = open_db()?;
    let embedder = embedder()?;
    let started = std::time::Instant::now();
    let steps = queue::process_pending(
        db.as_ref(),
        embedder.as_ref(),
        scope,
        Duration::from_millis(budget_ms),
        &now,
    )?;
    ApiResponse::json(
        200,
        &json!({
            "scope": if matches!(scope, Scope::All) { "all" } else { "tenant" },
            "steps": steps.iter().map(|s| s.to_json()).collect::<Vec<_>>(),
            "remaining": queue::remaining(db.as_ref(), scope)?,
            "budget_ms": budget_ms,
            "elapsed_ms": started.elapsed().as_millis() as u64,
        }),
    )
}

/// Compares in time independent of where the keys differ, so timing reveals no prefix.
fn keys_match(sent: &str, expected: &str) -> bool {
    use subtle::ConstantTimeEq;
    bool::from(sent.as_bytes().ct_eq(expected.as_bytes()))
}

fn query_params(ctx: &RequestContext) -> Vec<(String, String)> {
    let query = ctx
        .path_and_query
        .split_once('?')
        .map(|(_, q)| q)
        .unwrap_or_default();
    form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

fn paging(ctx: &RequestContext) -> Result<(usize, usize), ApiError> {
    let mut limit = DEFAULT_PAGE;
    let mut offset = 0;
    for (k, v) in query_params(ctx) {
        let parsed = v.parse::<usize>();
        match (k.as_str(), parsed) {
            ("limit", Ok(n)) if (1..=MAX_PAGE).contains(&n) => limit = n,
            ("offset", Ok(n)) => offset = n,
            ("limit" | "offset", _) => {
                return Err(ApiError::bad_request(format!(
                    "{k} must be a whole number (limit 1 to {MAX_PAGE})"
                )))
            }
            _ => {}
        }
    }
    Ok((limit, offset))
}

/// A JSON body `{text, title?, content_type?, metadata?}`, a `multipart/form-data` upload
/// (`file`, `title`, `metadata`, `metadata.<key>`), or the document itself with a
/// `text/plain`, `text/markdown` or `text/html` content type (title and `metadata.<key>`
/// from the query string).
fn document_from_request(ctx: &RequestContext) -> Result<NewDocument, ApiError> {
    let content_type = ctx
        .headers
        .get("content-type")
        .unwrap_or("application/json");
    if api_kit::json::is_json_media_type(content_type) {
        let body: DocumentBody = ctx.json()?;
        return body.into_document();
    }
    if multipart::is_multipart(content_type) {
        return multipart::parse_upload(content_type, ctx.body.clone());
    }
    let kind = service::parse_content_type(content_type)?;
    if ctx.body.len() > service::MAX_DOCUMENT_BYTES {
        return Err(ApiError::payload_too_large(
            service::MAX_DOCUMENT_BYTES as u64,
        ));
    }
    let text = String::from_utf8(ctx.body.clone()).map_err(|e| {
        ApiError::new(400, "invalid_utf8", "the document is not valid UTF-8")
            .with_details(json!({ "byte_offset": e.utf8_error().valid_up_to() }))
    })?;
    let mut title = None;
    let mut metadata = Map::new();
    for (k, v) in query_params(ctx) {
        if k == "title" {
            title = Some(v);
        } else if let Some(key) = k.strip_prefix("metadata.") {
            metadata.insert(key.to_string(), json!(v));
        }
    }
    Ok(NewDocument {
        text,
        title,
        content_type: kind,
        metadata: service::parse_metadata(Some(serde_json::Value::Object(metadata)))?,
    })
}
