//! HTTP glue of the retrieval function; the engine is `retrieval-core`.
//!
//! - `POST,GET /api/v1/kb`, `GET,DELETE /api/v1/kb/{kb_id}`
//! - `POST,GET /api/v1/kb/{kb_id}/documents`, `GET,DELETE /api/v1/kb/{kb_id}/documents/{doc_id}`
//! - `POST /api/v1/kb/{kb_id}/search`
//!
//! Every route authenticates through the composed identity verifier; the tenant comes from
//! the caller's identity, never from the request.

// `ApiError` is deliberately a plain struct with public fields; it only travels on the error
// path of a request, where its size costs nothing measurable.
#![allow(clippy::result_large_err)]

use api_kit::{ApiError, ApiResponse, ConfigSource, RequestContext};
use retrieval_core::service::{self, DocumentBody, Embedder, NewDocument, NoEmbedder};
use retrieval_core::ChunkConfig;
use serde_json::{json, Map};
use spin_sdk::http::{IncomingRequest, Response};

/// A 10 MB document sent as JSON grows by its escapes; the text itself is limited to 10 MB
/// after decoding (413 either way).
const MAX_BODY_BYTES: u64 = 12 * 1024 * 1024;
const DEFAULT_PAGE: usize = 20;
const MAX_PAGE: usize = 100;

#[spin_sdk::http_component]
async fn handle(req: IncomingRequest) -> Response {
    let options = api_kit::spin::Options {
        max_body_bytes: MAX_BODY_BYTES,
    };
    api_kit::spin::respond_with(req, options, route).await
}

/// Spin's `fermyon:spin/llm` with all-minilm-l6-v2 (384 dimensions). Any failure (no model
/// on this host, a host without the interface's implementation) reads as "unavailable".
struct SpinEmbedder;

impl Embedder for SpinEmbedder {
    fn embed(&self, texts: &[String]) -> Result<Vec<Vec<f32>>, String> {
        spin_sdk::llm::generate_embeddings(spin_sdk::llm::EmbeddingModel::AllMiniLmL6V2, texts)
            .map(|r| r.embeddings)
            .map_err(|e| format!("{} embeddings unavailable: {e:?}", service::EMBEDDING_MODEL))
    }
}

/// `retrieval_embeddings`: `local` (default, the host's all-minilm-l6-v2) or `off` (lexical
/// only, e.g. on a host without the model, to skip a failing call per request).
fn embedder() -> Result<Box<dyn Embedder>, ApiError> {
    let vars = api_kit::Variables::new(&api_kit::spin::SpinVariables);
    match vars
        .optional("retrieval_embeddings")
        .as_deref()
        .map(str::trim)
    {
        None | Some("") | Some("local") => Ok(Box::new(SpinEmbedder)),
        Some("off") => Ok(Box::new(NoEmbedder)),
        Some(other) => Err(ApiError::new(
            503,
            "misconfigured",
            format!("retrieval_embeddings is {other:?}; use local or off"),
        )),
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

fn open_db() -> Result<Box<dyn storage::Sql>, ApiError> {
    let source: &dyn ConfigSource = &api_kit::spin::SpinVariables;
    let db = storage::open_sql(source)?;
    service::migrate(db.as_ref())?;
    Ok(db)
}

fn route(ctx: RequestContext) -> Result<ApiResponse, ApiError> {
    let path = ctx.path().trim_end_matches('/').to_string();
    let rest = path
        .strip_prefix("/api/v1/kb")
        .ok_or_else(|| ApiError::not_found(format!("no retrieval route {path}")))?;
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    // Methods first, so a wrong method answers 405 before credentials are checked.
    let methods: &[&str] = match segments.as_slice() {
        [] => &["GET", "POST"],
        [_] => &["GET", "DELETE"],
        [_, "documents"] => &["GET", "POST"],
        [_, "documents", _] => &["GET", "DELETE"],
        [_, "search"] => &["POST"],
        _ => return Err(ApiError::not_found(format!("no retrieval route {path}"))),
    };
    ctx.allow_methods(methods)?;
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
            let outcome = service::ingest(
                db,
                embedder.as_ref(),
                tenant,
                kb,
                document,
                key,
                &ChunkConfig::default(),
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

/// A JSON body `{text, title?, content_type?, metadata?}`, or the document itself with a
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
