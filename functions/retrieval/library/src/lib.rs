//! Retrieval as a library component: exports `english:assistant/retrieval@0.1.0`
//! (wit/retrieval.wit) over the same `retrieval-core` service as the HTTP face, so the agent
//! searches and fills a tenant's knowledge bases in-process.
//!
//! Composed as a Spin dependency with `dependencies_inherit_configuration = true`: it uses
//! the consuming component's store (`postgres_url` or the default SQLite database),
//! `retrieval_embeddings` and `ai_models` grant. Requests are converted to the HTTP API's
//! shapes and answers read back from them, so both faces validate and rank identically.

#![allow(clippy::result_large_err)]

use api_kit::ApiError;
use retrieval_core::service::{self, Embedder, Mode, NewDocument, NoEmbedder, SearchRequest};
use retrieval_core::{spin as glue, ChunkConfig, ContentType as CoreContentType};
use serde_json::{json, Map, Value};

wit_bindgen::generate!({
    world: "retrieval-provider",
    path: "../../../wit",
});

use english::assistant::types::ApiError as WitApiError;
use exports::english::assistant::retrieval::{
    ContentType, Guest, Hit, IngestRequest, IngestResponse, KnowledgeBase, Scores, SearchMode,
    SearchRequest as WitSearchRequest, SearchResponse,
};

struct Component;

api_kit::impl_from_api_error!(WitApiError);

fn mode_name(mode: SearchMode) -> &'static str {
    match mode {
        SearchMode::Hybrid => "hybrid",
        SearchMode::Lexical => "lexical",
        SearchMode::Dense => "dense",
    }
}

fn mode_from_name(name: Option<&str>) -> SearchMode {
    match name {
        Some("lexical") => SearchMode::Lexical,
        Some("dense") => SearchMode::Dense,
        _ => SearchMode::Hybrid,
    }
}

fn invalid(path: &str, message: String) -> ApiError {
    ApiError::unprocessable("invalid_request", message).with_details(json!({ "path": path }))
}

/// The HTTP API's search body, so the service validates the WIT request exactly as it
/// validates a JSON one.
fn search_body(request: &WitSearchRequest) -> Result<Value, ApiError> {
    let mut filter = Map::new();
    for condition in &request.filter {
        let values = condition
            .any_of_json
            .iter()
            .map(|v| serde_json::from_str::<Value>(v))
            .collect::<Result<Vec<Value>, _>>()
            .map_err(|e| {
                invalid(
                    &format!("filter.{}", condition.key),
                    format!("not a JSON value: {e}"),
                )
            })?;
        let condition_json = match values.as_slice() {
            [one] => one.clone(),
            _ => json!({ "in": values }),
        };
        filter.insert(condition.key.clone(), condition_json);
    }
    let mut body = json!({ "query": request.query, "mode": mode_name(request.mode) });
    if let Some(top_k) = request.top_k {
        body["top_k"] = json!(top_k);
    }
    if !filter.is_empty() {
        body["filter"] = json!({ "metadata": filter });
    }
    Ok(body)
}

fn text(value: &Value, key: &str) -> String {
    value[key].as_str().unwrap_or_default().to_string()
}

fn hit(result: &Value) -> Hit {
    Hit {
        chunk_id: text(result, "chunk_id"),
        doc_id: text(result, "doc_id"),
        title: result["title"].as_str().map(str::to_string),
        text: text(result, "text"),
        headings: result["headings"]
            .as_array()
            .map(|h| {
                h.iter()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default(),
        metadata_json: result["metadata"].to_string(),
        start: result["offsets"]["start"].as_u64().unwrap_or_default(),
        end: result["offsets"]["end"].as_u64().unwrap_or_default(),
        scores: Scores {
            lexical: result["scores"]["lexical"].as_f64(),
            dense: result["scores"]["dense"].as_f64(),
            fused: result["scores"]["fused"].as_f64().unwrap_or_default(),
        },
    }
}

fn search(request: WitSearchRequest) -> Result<SearchResponse, ApiError> {
    let body = search_body(&request)?;
    let parsed: SearchRequest = serde_json::from_value(body)
        .map_err(|e| ApiError::unprocessable("invalid_request", e.to_string()))?;
    let embedder: Box<dyn Embedder> = match parsed.mode {
        Mode::Lexical => Box::new(NoEmbedder),
        _ => glue::embedder()?,
    };
    let db = glue::open_db()?;
    let answer = service::search(
        db.as_ref(),
        embedder.as_ref(),
        &request.tenant_id,
        &request.kb_id,
        parsed,
    )?;
    Ok(SearchResponse {
        hits: answer["results"]
            .as_array()
            .map(|r| r.iter().map(hit).collect())
            .unwrap_or_default(),
        served_mode: mode_from_name(answer["served_mode"].as_str()),
        degraded: answer["degraded"].as_str().map(str::to_string),
    })
}

fn ingest(request: IngestRequest) -> Result<IngestResponse, ApiError> {
    let metadata = match &request.metadata_json {
        None => None,
        Some(text) => Some(
            serde_json::from_str::<Value>(text)
                .map_err(|e| invalid("metadata_json", format!("metadata is not JSON: {e}")))?,
        ),
    };
    let document = NewDocument {
        text: request.text,
        title: request.title,
        content_type: match request.content_type {
            ContentType::Plain => CoreContentType::Plain,
            ContentType::Markdown => CoreContentType::Markdown,
            ContentType::Html => CoreContentType::Html,
        },
        metadata: service::parse_metadata(metadata)?,
    };
    let embedder = glue::embedder()?;
    let db = glue::open_db()?;
    let outcome = service::ingest(
        db.as_ref(),
        embedder.as_ref(),
        &request.tenant_id,
        &request.kb_id,
        document,
        request.idempotency_key.as_deref(),
        &ChunkConfig::default(),
        glue::now(),
    )?;
    let doc = &outcome.document;
    Ok(IngestResponse {
        doc_id: text(doc, "doc_id"),
        status: text(doc, "status"),
        chunk_count: doc["chunk_count"].as_u64().unwrap_or_default(),
        duplicate: outcome.existing,
    })
}

fn list_knowledge_bases(tenant_id: String) -> Result<Vec<KnowledgeBase>, ApiError> {
    let db = glue::open_db()?;
    let listed = service::list_kbs(db.as_ref(), &tenant_id)?;
    Ok(listed["knowledge_bases"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|kb| KnowledgeBase {
            id: text(kb, "id"),
            name: text(kb, "name"),
            description: kb["description"].as_str().map(str::to_string),
        })
        .collect())
}

impl Guest for Component {
    fn search(request: WitSearchRequest) -> Result<SearchResponse, WitApiError> {
        search(request).map_err(WitApiError::from)
    }

    fn ingest(request: IngestRequest) -> Result<IngestResponse, WitApiError> {
        ingest(request).map_err(WitApiError::from)
    }

    fn list_knowledge_bases(tenant_id: String) -> Result<Vec<KnowledgeBase>, WitApiError> {
        list_knowledge_bases(tenant_id).map_err(WitApiError::from)
    }
}

export!(Component);
