//! Knowledge bases, documents and search over [`storage::Sql`], for both engines.
//!
//! Every statement names the tenant and, below the knowledge-base level, the knowledge base:
//! a caller holding another tenant's ids gets 404, never rows.
//!
//! Lexical: SQLite FTS5 (`bm25()`, k1 = 1.2, b = 0.75) on the embedded default; PostgreSQL a
//! `tsvector` with `ts_rank_cd`. Both index [`Analyzer::normalized`] text (our terms: English
//! stopwords removed, stemmed since analyzer 2), so the engines' own tokenisers only split on
//! spaces. Queries are expanded by pseudo-relevance feedback ([`QueryExpansion`]) unless the
//! request turns it off.
//! Dense: vectors as f32 blobs beside the chunks (the exact source), searched through
//! [`vector_index`] (an IVF of int8 vectors, or pgvector).

// `ApiError` is deliberately a plain struct with public fields (api-kit); it only travels on
// the error path of a request, where its size costs nothing measurable.
#![allow(clippy::result_large_err)]

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use api_kit::ApiError;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value as Json};
use sha2::{Digest, Sha256};
use storage::{transaction, DbError, Dialect, Migration, Row, Sql, Value};

use crate::chunk::{chunk, Chunk, ChunkConfig};
use crate::extract::{extract, ContentType};
use crate::fusion::{self, FusionMethod};
use crate::lexical::{Analyzer, QueryExpansion};
use crate::vector::encode_f32;
use crate::vector_index;

/// Largest document text, in UTF-8 bytes.
pub const MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;
pub const MAX_CHUNKS_PER_DOCUMENT: usize = 10_000;
pub const MAX_QUERY_CHARS: usize = 2_000;
pub const MAX_TOP_K: usize = 50;
pub const EMBEDDING_BATCH: usize = 32;
/// Candidates each ranker contributes before fusion.
const CANDIDATES: usize = 100;
/// With a metadata filter, more candidates, since the filter drops some after ranking.
const FILTERED_CANDIDATES: usize = 1_000;
pub const EMBEDDING_MODEL: &str = "all-minilm-l6-v2";

/// The tables both engines share; only chunks' vector and lexical columns differ.
macro_rules! shared_tables {
    () => {
        "CREATE TABLE retrieval_kbs (
            id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, name TEXT NOT NULL,
            description TEXT, created_at BIGINT NOT NULL);
        CREATE INDEX retrieval_kbs_tenant ON retrieval_kbs (tenant_id, created_at);
        CREATE TABLE retrieval_documents (
            id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, kb_id TEXT NOT NULL, title TEXT,
            content_type TEXT NOT NULL, content_hash TEXT NOT NULL, bytes BIGINT NOT NULL,
            metadata TEXT NOT NULL, status TEXT NOT NULL, error TEXT,
            chunk_count BIGINT NOT NULL, vectors TEXT NOT NULL, vectors_error TEXT,
            idempotency_key TEXT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);
        CREATE UNIQUE INDEX retrieval_documents_hash ON retrieval_documents (tenant_id, kb_id, content_hash);
        CREATE UNIQUE INDEX retrieval_documents_idem ON retrieval_documents (tenant_id, kb_id, idempotency_key);
        CREATE INDEX retrieval_documents_kb ON retrieval_documents (tenant_id, kb_id, created_at);
        CREATE TABLE retrieval_chunks (
            id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, kb_id TEXT NOT NULL, doc_id TEXT NOT NULL,
            ordinal BIGINT NOT NULL, text TEXT NOT NULL, start_offset BIGINT NOT NULL,
            end_offset BIGINT NOT NULL, headings TEXT NOT NULL, "
    };
}

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "knowledge bases, documents, chunks, lexical index",
        sqlite: concat!(
            shared_tables!(),
            "embedding BLOB);
        CREATE INDEX retrieval_chunks_kb ON retrieval_chunks (tenant_id, kb_id, doc_id);
        CREATE VIRTUAL TABLE retrieval_fts USING fts5(
            terms, tenant_id UNINDEXED, kb_id UNINDEXED, doc_id UNINDEXED, chunk_id UNINDEXED,
            tokenize = 'unicode61 remove_diacritics 0');"
        ),
        postgres: concat!(
            shared_tables!(),
            "embedding BYTEA, terms TSVECTOR NOT NULL);
        CREATE INDEX retrieval_chunks_kb ON retrieval_chunks (tenant_id, kb_id, doc_id);
        CREATE INDEX retrieval_chunks_terms ON retrieval_chunks USING GIN (terms);"
        ),
    },
    Migration {
        version: 2,
        name: "SQLite lexical index per knowledge base",
        // The shared FTS5 table gives way to one per knowledge base (see `fts_table`); their
        // entries are rebuilt as documents are added again.
        sqlite: "DROP TABLE IF EXISTS retrieval_fts",
        postgres: "",
    },
    Migration {
        version: 3,
        name: "IVF index of int8 vectors per knowledge base",
        // Knowledge bases from before it are scanned exactly until their next write, which
        // takes in their vectors (see `vector_index::store`).
        sqlite: crate::vector_index::SQLITE_SCHEMA,
        postgres: crate::vector_index::POSTGRES_SCHEMA,
    },
    Migration {
        version: 4,
        name: "ingest queue for large documents",
        sqlite: QUEUE_TABLES,
        postgres: QUEUE_TABLES,
    },
    Migration {
        version: 5,
        name: "lexical analyzer per knowledge base",
        // Knowledge bases from before it hold unstemmed terms, so they keep analyzer 1; new
        // ones are created with `Analyzer::CURRENT`.
        sqlite: ANALYZER_COLUMN,
        postgres: ANALYZER_COLUMN,
    },
];

const ANALYZER_COLUMN: &str =
    "ALTER TABLE retrieval_kbs ADD COLUMN analyzer BIGINT NOT NULL DEFAULT 1";

/// Migration 4: progress of a document, and the jobs of documents indexed across
/// invocations with their chunks staged until written (see [`crate::queue`]).
const QUEUE_TABLES: &str =
    "ALTER TABLE retrieval_documents ADD COLUMN chunks_indexed BIGINT NOT NULL DEFAULT 0;
    UPDATE retrieval_documents SET chunks_indexed = chunk_count WHERE status = 'indexed';
    CREATE TABLE retrieval_jobs (
        doc_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, kb_id TEXT NOT NULL,
        chunk_count BIGINT NOT NULL, next_ordinal BIGINT NOT NULL, embedded BIGINT NOT NULL,
        attempts BIGINT NOT NULL, lease_until BIGINT NOT NULL, lease_token TEXT, last_error TEXT,
        created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);
    CREATE INDEX retrieval_jobs_due ON retrieval_jobs (lease_until, created_at);
    CREATE INDEX retrieval_jobs_tenant ON retrieval_jobs (tenant_id, kb_id);
    CREATE TABLE retrieval_job_chunks (
        doc_id TEXT NOT NULL, ordinal BIGINT NOT NULL, text TEXT NOT NULL,
        start_offset BIGINT NOT NULL, end_offset BIGINT NOT NULL, headings TEXT NOT NULL,
        tokens BIGINT NOT NULL, PRIMARY KEY (doc_id, ordinal));";

/// SQLite: one FTS5 table per knowledge base, so BM25's statistics (document frequencies,
/// average length) are the knowledge base's own, never shaped by another tenant's documents,
/// and a query reads only this knowledge base's postings. The name derives from the id this
/// service generated (`kb_` + 32 hex digits); anything else names no knowledge base.
pub(crate) fn fts_table(kb_id: &str) -> Result<String, ApiError> {
    kb_id
        .strip_prefix("kb_")
        .filter(|s| {
            s.len() == 32
                && s.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        })
        .map(|s| format!("retrieval_fts_{s}"))
        .ok_or_else(|| not_found("knowledge base", kb_id))
}

/// Creates the knowledge base's FTS5 table if missing (SQLite only).
fn ensure_fts(db: &dyn Sql, kb_id: &str) -> Result<(), ApiError> {
    if db.dialect() == Dialect::Sqlite {
        let table = fts_table(kb_id)?;
        db.execute(
            &format!(
                "CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5(\
                    terms, doc_id UNINDEXED, chunk_id UNINDEXED, \
                    tokenize = 'unicode61 remove_diacritics 0')"
            ),
            &[],
        )?;
    }
    Ok(())
}

pub fn migrate(db: &dyn Sql) -> Result<(), ApiError> {
    storage::migrate(db, "retrieval", MIGRATIONS)?;
    // Here, outside any transaction, because `available` may run `CREATE EXTENSION`; its
    // table is then how `vector_index::backend` knows pgvector from inside transactions.
    if crate::pgvector::available(db)? {
        crate::pgvector::migrate(db)?;
    }
    Ok(())
}

/// Turns texts into vectors; `Err` means "not available now" and makes callers degrade.
pub trait Embedder {
    fn embed(&self, texts: &[String]) -> Result<Vec<Vec<f32>>, String>;
}

/// For callers without an embedding model.
pub struct NoEmbedder;

impl Embedder for NoEmbedder {
    fn embed(&self, _texts: &[String]) -> Result<Vec<Vec<f32>>, String> {
        Err("no embedding model".into())
    }
}

pub(crate) fn embed_all(
    embedder: &dyn Embedder,
    texts: &[String],
) -> Result<Vec<Vec<f32>>, String> {
    let mut out = Vec::with_capacity(texts.len());
    for batch in texts.chunks(EMBEDDING_BATCH) {
        let vectors = embedder.embed(batch)?;
        if vectors.len() != batch.len() || vectors.iter().any(|v| v.is_empty()) {
            return Err(format!(
                "the model returned {} vectors for {} texts",
                vectors.len(),
                batch.len()
            ));
        }
        out.extend(vectors);
    }
    Ok(out)
}

fn not_found(what: &str, id: &str) -> ApiError {
    ApiError::not_found(format!("no {what} {id:?}")).with_details(json!({ "id": id }))
}

fn invalid(path: &str, message: impl Into<String>) -> ApiError {
    ApiError::unprocessable("invalid_request", message).with_details(json!({ "path": path }))
}

// ---------------------------------------------------------------- knowledge bases

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewKb {
    pub name: String,
    pub description: Option<String>,
}

fn kb_json(row: &Row) -> Result<Json, DbError> {
    Ok(json!({
        "id": row.text("id")?,
        "name": row.text("name")?,
        "description": row.opt_text("description")?,
        "created_at": row.int("created_at")?,
    }))
}

pub fn create_kb(db: &dyn Sql, tenant: &str, new: NewKb, now: i64) -> Result<Json, ApiError> {
    let name = new.name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(invalid("name", "name must be 1 to 200 characters"));
    }
    if new
        .description
        .as_ref()
        .is_some_and(|d| d.chars().count() > 2_000)
    {
        return Err(invalid(
            "description",
            "description must be at most 2000 characters",
        ));
    }
    let id = format!("kb_{}", uuid::Uuid::new_v4().simple());
    db.execute(
        "INSERT INTO retrieval_kbs (id, tenant_id, name, description, created_at, analyzer) \
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            id.as_str().into(),
            tenant.into(),
            name.into(),
            new.description.clone().into(),
            now.into(),
            Analyzer::CURRENT.version().into(),
        ],
    )?;
    ensure_fts(db, &id)?;
    Ok(json!({ "id": id, "name": name, "description": new.description, "created_at": now }))
}

pub fn list_kbs(db: &dyn Sql, tenant: &str) -> Result<Json, ApiError> {
    let rows = db.query(
        "SELECT id, name, description, created_at FROM retrieval_kbs WHERE tenant_id = $1 ORDER BY created_at, id",
        &[tenant.into()],
    )?;
    let kbs = rows.iter().map(kb_json).collect::<Result<Vec<_>, _>>()?;
    Ok(json!({ "knowledge_bases": kbs }))
}

pub fn get_kb(db: &dyn Sql, tenant: &str, kb_id: &str) -> Result<Json, ApiError> {
    let rows = db.query(
        "SELECT id, name, description, created_at, \
            (SELECT COUNT(*) FROM retrieval_documents d WHERE d.tenant_id = $1 AND d.kb_id = $2) AS documents, \
            (SELECT COUNT(*) FROM retrieval_chunks c WHERE c.tenant_id = $1 AND c.kb_id = $2) AS chunks \
         FROM retrieval_kbs WHERE tenant_id = $1 AND id = $2",
        &[tenant.into(), kb_id.into()],
    )?;
    let row = rows
        .first()
        .ok_or_else(|| not_found("knowledge base", kb_id))?;
    let mut kb = kb_json(row)?;
    kb["document_count"] = json!(row.int("documents")?);
    kb["chunk_count"] = json!(row.int("chunks")?);
    Ok(kb)
}

fn require_kb(db: &dyn Sql, tenant: &str, kb_id: &str) -> Result<(), ApiError> {
    kb_analyzer(db, tenant, kb_id).map(|_| ())
}

/// The knowledge base's lexical analyzer; 404 when the tenant has no such knowledge base.
fn kb_analyzer(db: &dyn Sql, tenant: &str, kb_id: &str) -> Result<Analyzer, ApiError> {
    stored_analyzer(db, tenant, kb_id)?.ok_or_else(|| not_found("knowledge base", kb_id))
}

fn stored_analyzer(db: &dyn Sql, tenant: &str, kb_id: &str) -> Result<Option<Analyzer>, DbError> {
    let rows = db.query(
        "SELECT analyzer FROM retrieval_kbs WHERE tenant_id = $1 AND id = $2",
        &[tenant.into(), kb_id.into()],
    )?;
    let Some(row) = rows.first() else {
        return Ok(None);
    };
    let version = row.int("analyzer")?;
    Analyzer::from_version(version).map(Some).ok_or_else(|| {
        DbError::other(format!(
            "knowledge base {kb_id} has unknown analyzer {version}"
        ))
    })
}

pub fn delete_kb(db: &dyn Sql, tenant: &str, kb_id: &str) -> Result<(), ApiError> {
    transaction(db, |tx| {
        require_kb(tx, tenant, kb_id)?;
        let scope: [Value; 2] = [tenant.into(), kb_id.into()];
        if tx.dialect() == Dialect::Sqlite {
            tx.execute(&format!("DROP TABLE IF EXISTS {}", fts_table(kb_id)?), &[])?;
        }
        vector_index::remove_kb(tx, tenant, kb_id)?;
        crate::queue::forget_kb(tx, tenant, kb_id)?;
        tx.execute(
            "DELETE FROM retrieval_chunks WHERE tenant_id = $1 AND kb_id = $2",
            &scope,
        )?;
        tx.execute(
            "DELETE FROM retrieval_documents WHERE tenant_id = $1 AND kb_id = $2",
            &scope,
        )?;
        tx.execute(
            "DELETE FROM retrieval_kbs WHERE tenant_id = $1 AND id = $2",
            &scope,
        )?;
        Ok(())
    })
}

// ---------------------------------------------------------------- documents

#[derive(Debug, Clone)]
pub struct NewDocument {
    pub text: String,
    pub title: Option<String>,
    pub content_type: ContentType,
    /// A JSON object of scalar values.
    pub metadata: Map<String, Json>,
}

/// The JSON body of `POST .../documents`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentBody {
    pub text: String,
    pub title: Option<String>,
    pub content_type: Option<String>,
    pub metadata: Option<Json>,
}

impl DocumentBody {
    pub fn into_document(self) -> Result<NewDocument, ApiError> {
        let content_type = match self.content_type.as_deref() {
            None => ContentType::Plain,
            Some(t) => parse_content_type(t)?,
        };
        Ok(NewDocument {
            text: self.text,
            title: self.title,
            content_type,
            metadata: parse_metadata(self.metadata)?,
        })
    }
}

pub fn parse_content_type(media_type: &str) -> Result<ContentType, ApiError> {
    ContentType::parse(media_type).ok_or_else(|| {
        ApiError::unsupported_media_type(format!(
            "content type {media_type:?} is not supported; use text/plain, text/markdown or text/html"
        ))
        .with_details(json!({ "supported": ["text/plain", "text/markdown", "text/html"] }))
    })
}

/// Metadata: an object of at most 64 keys whose values are strings, numbers or booleans.
pub fn parse_metadata(value: Option<Json>) -> Result<Map<String, Json>, ApiError> {
    let map = match value {
        None | Some(Json::Null) => return Ok(Map::new()),
        Some(Json::Object(map)) => map,
        Some(_) => return Err(invalid("metadata", "metadata must be an object")),
    };
    if map.len() > 64 {
        return Err(invalid("metadata", "metadata may have at most 64 keys"));
    }
    for (key, value) in &map {
        if key.is_empty() || key.len() > 100 {
            return Err(invalid("metadata", "metadata keys must be 1 to 100 bytes"));
        }
        match value {
            Json::String(s) if s.len() <= 1_000 => {}
            Json::Number(_) | Json::Bool(_) => {}
            _ => {
                return Err(invalid(
                    &format!("metadata.{key}"),
                    "metadata values must be strings (up to 1000 bytes), numbers or booleans",
                ))
            }
        }
    }
    Ok(map)
}

/// Whether the vectors of a document's chunks are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Vectors {
    Complete,
    /// Embeddings were unavailable: the document is searchable lexically only.
    Missing,
    /// A queued document's batches: some got vectors, some did not (embeddings failed then).
    Partial,
    /// A queued document not yet fully indexed.
    Pending,
}

impl Vectors {
    fn as_str(self) -> &'static str {
        match self {
            Self::Complete => "complete",
            Self::Missing => "missing",
            Self::Partial => "partial",
            Self::Pending => "pending",
        }
    }
}

#[derive(Debug)]
pub struct IngestOutcome {
    pub document: Json,
    /// Same content was already in the knowledge base (or the same Idempotency-Key was
    /// used): `document` is the existing one and nothing was written.
    pub existing: bool,
}

const DOCUMENT_COLUMNS: &str = "id, title, content_type, content_hash, bytes, metadata, status, \
    error, chunk_count, chunks_indexed, vectors, vectors_error, idempotency_key, created_at, updated_at";

fn document_json(row: &Row) -> Result<Json, DbError> {
    let metadata: Json = serde_json::from_str(&row.text("metadata")?).unwrap_or_else(|_| json!({}));
    Ok(json!({
        "doc_id": row.text("id")?,
        "title": row.opt_text("title")?,
        "content_type": row.text("content_type")?,
        "content_hash": row.text("content_hash")?,
        "bytes": row.int("bytes")?,
        "metadata": metadata,
        "status": row.text("status")?,
        "error": row.opt_text("error")?,
        "chunk_count": row.int("chunk_count")?,
        "chunks_indexed": row.int("chunks_indexed")?,
        "vectors": row.text("vectors")?,
        "vectors_error": row.opt_text("vectors_error")?,
        "created_at": row.int("created_at")?,
        "updated_at": row.int("updated_at")?,
    }))
}

fn find_document(
    db: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    column: &str,
    value: &str,
) -> Result<Option<Row>, DbError> {
    let sql = format!(
        "SELECT {DOCUMENT_COLUMNS} FROM retrieval_documents WHERE tenant_id = $1 AND kb_id = $2 AND {column} = $3"
    );
    Ok(db
        .query(&sql, &[tenant.into(), kb_id.into(), value.into()])?
        .into_iter()
        .next())
}

pub fn content_hash(content_type: ContentType, text: &str) -> String {
    let mut h = Sha256::new();
    h.update(content_type.as_str().as_bytes());
    h.update([0]);
    h.update(text.as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// [`ingest_with_sync_limit`] with the default limit ([`crate::queue::SYNC_CHUNK_LIMIT`]).
// Each argument is a separate concern of the caller (store, model, scope, request, settings).
#[allow(clippy::too_many_arguments)]
pub fn ingest(
    db: &dyn Sql,
    embedder: &dyn Embedder,
    tenant: &str,
    kb_id: &str,
    doc: NewDocument,
    idempotency_key: Option<&str>,
    config: &ChunkConfig,
    now: i64,
) -> Result<IngestOutcome, ApiError> {
    ingest_with_sync_limit(
        db,
        embedder,
        tenant,
        kb_id,
        doc,
        idempotency_key,
        config,
        crate::queue::SYNC_CHUNK_LIMIT,
        now,
    )
}

/// Indexes a document of at most `sync_chunk_limit` chunks within the request: extract,
/// chunk, embed (batches of 32), then one transaction writes the document, its chunks and
/// their lexical entries. Without embeddings the document is still indexed, with
/// `vectors: "missing"` and the reason. A larger document is accepted as `pending` and
/// indexed by later invocations ([`crate::queue`]).
// Each argument is a separate concern of the caller (store, model, scope, request, settings).
#[allow(clippy::too_many_arguments)]
pub fn ingest_with_sync_limit(
    db: &dyn Sql,
    embedder: &dyn Embedder,
    tenant: &str,
    kb_id: &str,
    doc: NewDocument,
    idempotency_key: Option<&str>,
    config: &ChunkConfig,
    sync_chunk_limit: usize,
    now: i64,
) -> Result<IngestOutcome, ApiError> {
    if doc.text.len() > MAX_DOCUMENT_BYTES {
        return Err(ApiError::payload_too_large(MAX_DOCUMENT_BYTES as u64));
    }
    if doc.text.trim().is_empty() {
        return Err(ApiError::unprocessable(
            "empty_document",
            "the document has no text",
        ));
    }
    if doc.title.as_ref().is_some_and(|t| t.chars().count() > 500) {
        return Err(invalid("title", "title must be at most 500 characters"));
    }
    if let Some(key) = idempotency_key {
        if key.is_empty() || key.len() > 200 {
            return Err(ApiError::bad_request(
                "Idempotency-Key must be 1 to 200 bytes",
            ));
        }
    }
    require_kb(db, tenant, kb_id)?;
    let hash = content_hash(doc.content_type, &doc.text);
    if let Some(outcome) = existing(db, tenant, kb_id, &hash, idempotency_key)? {
        return Ok(outcome);
    }

    let extracted = extract(doc.content_type, &doc.text);
    let chunks = chunk(&extracted, config);
    if chunks.is_empty() {
        return Err(ApiError::unprocessable(
            "empty_document",
            "the document has no text once its markup is removed",
        ));
    }
    if chunks.len() > MAX_CHUNKS_PER_DOCUMENT {
        return Err(ApiError::new(
            413,
            "too_many_chunks",
            format!(
                "the document makes {} chunks; the limit is {MAX_CHUNKS_PER_DOCUMENT}",
                chunks.len()
            ),
        ));
    }
    if chunks.len() > sync_chunk_limit {
        return enqueue_document(
            db,
            tenant,
            kb_id,
            &doc,
            &hash,
            idempotency_key,
            &chunks,
            now,
        );
    }
    let contextual: Vec<String> = chunks.iter().map(|c| c.contextual_text()).collect();
    let (vectors, vectors_state, vectors_error) = match embed_all(embedder, &contextual) {
        Ok(v) => (Some(v), Vectors::Complete, None),
        Err(why) => (None, Vectors::Missing, Some(why)),
    };

    ensure_fts(db, kb_id)?;
    let doc_id = format!("doc_{}", uuid::Uuid::new_v4().simple());
    let metadata = Json::Object(doc.metadata.clone()).to_string();
    let result = transaction(db, |tx| -> Result<(), DbError> {
        tx.execute(
            "INSERT INTO retrieval_documents (id, tenant_id, kb_id, title, content_type, content_hash, \
                bytes, metadata, status, error, chunk_count, chunks_indexed, vectors, vectors_error, \
                idempotency_key, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'indexed', NULL, $9, $9, $10, $11, $12, $13, $13)",
            &[
                doc_id.as_str().into(),
                tenant.into(),
                kb_id.into(),
                doc.title.clone().into(),
                doc.content_type.as_str().into(),
                hash.as_str().into(),
                (doc.text.len() as i64).into(),
                metadata.as_str().into(),
                (chunks.len() as i64).into(),
                vectors_state.as_str().into(),
                vectors_error.clone().into(),
                idempotency_key.into(),
                now.into(),
            ],
        )?;
        write_chunks(
            tx,
            tenant,
            kb_id,
            &doc_id,
            0,
            &chunks,
            &contextual,
            vectors.as_deref(),
        )?;
        Ok(())
    });
    inserted_or_winner(db, tenant, kb_id, &hash, idempotency_key, &doc_id, result)
}

/// Writes chunks `first_ordinal..` of a document with their lexical entries and vectors,
/// inside the caller's transaction, so a batch is either all there or not at all.
/// `contextual[i]` is `chunks[i]`'s indexed text and `vectors[i]` its embedding; `None`
/// leaves the vectors out (embeddings unavailable).
// The arguments are one batch's scope (tenant, knowledge base, document) and its contents.
#[allow(clippy::too_many_arguments)]
pub(crate) fn write_chunks(
    tx: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    doc_id: &str,
    first_ordinal: usize,
    chunks: &[Chunk],
    contextual: &[String],
    vectors: Option<&[Vec<f32>]>,
) -> Result<(), DbError> {
    // The caller checked the knowledge base, so its id names a table.
    let fts = fts_table(kb_id).map_err(|e| DbError::other(e.message))?;
    let analyzer = stored_analyzer(tx, tenant, kb_id)?
        .ok_or_else(|| DbError::other(format!("knowledge base {kb_id} is gone")))?;
    for (i, c) in chunks.iter().enumerate() {
        let ordinal = first_ordinal + i;
        let chunk_id = format!("{doc_id}_{ordinal}");
        let embedding = vectors.map(|v| encode_f32(&v[i]));
        let terms = analyzer.normalized(&contextual[i]);
        let headings = serde_json::to_string(&c.headings).unwrap_or_else(|_| "[]".into());
        // NULL is left to the column default rather than bound: a NULL parameter has no
        // type, and PostgreSQL refuses an untyped (text) NULL for a BYTEA column.
        let (vector_column, vector_param) = match embedding {
            Some(blob) => (", embedding", vec![Value::Blob(blob)]),
            None => ("", Vec::new()),
        };
        let mut params: Vec<Value> = vec![
            chunk_id.as_str().into(),
            tenant.into(),
            kb_id.into(),
            doc_id.into(),
            (ordinal as i64).into(),
            c.text.as_str().into(),
            (c.start as i64).into(),
            (c.end as i64).into(),
            headings.into(),
        ];
        let columns = format!(
            "id, tenant_id, kb_id, doc_id, ordinal, text, start_offset, end_offset, headings{vector_column}"
        );
        let vector_placeholder = if vector_param.is_empty() { "" } else { ", $10" };
        params.extend(vector_param);
        match tx.dialect() {
            Dialect::Postgres => {
                let terms_placeholder = params.len() + 1;
                params.push(terms.into());
                tx.execute(
                    &format!(
                        "INSERT INTO retrieval_chunks ({columns}, terms) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9{vector_placeholder}, \
                                 to_tsvector('simple', ${terms_placeholder}))"
                    ),
                    &params,
                )?;
            }
            Dialect::Sqlite => {
                tx.execute(
                    &format!(
                        "INSERT INTO retrieval_chunks ({columns}) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9{vector_placeholder})"
                    ),
                    &params,
                )?;
                tx.execute(
                    &format!("INSERT INTO {fts} (terms, doc_id, chunk_id) VALUES ($1, $2, $3)"),
                    &[terms.into(), doc_id.into(), chunk_id.into()],
                )?;
            }
        }
    }
    // After the chunks: the index's first write for a knowledge base reads them back.
    if let Some(vectors) = vectors {
        let rows: Vec<(String, Vec<f32>)> = vectors
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("{doc_id}_{}", first_ordinal + i), v.clone()))
            .collect();
        vector_index::store(tx, tenant, kb_id, doc_id, &rows)?;
    }
    Ok(())
}

/// Accepts a document too large to index within the request: the document row (`pending`),
/// its job and its staged chunks in one transaction; later invocations index it.
// The arguments are the document's scope, content and identity as `ingest` computed them.
#[allow(clippy::too_many_arguments)]
fn enqueue_document(
    db: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    doc: &NewDocument,
    hash: &str,
    idempotency_key: Option<&str>,
    chunks: &[Chunk],
    now: i64,
) -> Result<IngestOutcome, ApiError> {
    ensure_fts(db, kb_id)?;
    let doc_id = format!("doc_{}", uuid::Uuid::new_v4().simple());
    let metadata = Json::Object(doc.metadata.clone()).to_string();
    let result = transaction(db, |tx| -> Result<(), DbError> {
        tx.execute(
            "INSERT INTO retrieval_documents (id, tenant_id, kb_id, title, content_type, content_hash, \
                bytes, metadata, status, error, chunk_count, chunks_indexed, vectors, vectors_error, \
                idempotency_key, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', NULL, $9, 0, $10, NULL, $11, $12, $12)",
            &[
                doc_id.as_str().into(),
                tenant.into(),
                kb_id.into(),
                doc.title.clone().into(),
                doc.content_type.as_str().into(),
                hash.into(),
                (doc.text.len() as i64).into(),
                metadata.as_str().into(),
                (chunks.len() as i64).into(),
                Vectors::Pending.as_str().into(),
                idempotency_key.into(),
                now.into(),
            ],
        )?;
        crate::queue::enqueue(tx, tenant, kb_id, &doc_id, chunks, now)
    });
    inserted_or_winner(db, tenant, kb_id, hash, idempotency_key, &doc_id, result)
}

/// The answer to a document insert: the new document, or, when the insert lost a race with
/// the same content or idempotency key (a unique violation), what the winner wrote.
fn inserted_or_winner(
    db: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    hash: &str,
    idempotency_key: Option<&str>,
    doc_id: &str,
    result: Result<(), DbError>,
) -> Result<IngestOutcome, ApiError> {
    match result {
        Ok(()) => {}
        Err(e) if e.is_unique_violation() => {
            if let Some(outcome) = existing(db, tenant, kb_id, hash, idempotency_key)? {
                return Ok(outcome);
            }
            return Err(e.into());
        }
        Err(e) => return Err(e.into()),
    }
    let row = find_document(db, tenant, kb_id, "id", doc_id)?
        .ok_or_else(|| ApiError::internal("the document vanished after its insert"))?;
    Ok(IngestOutcome {
        document: document_json(&row)?,
        existing: false,
    })
}

fn existing(
    db: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    hash: &str,
    idempotency_key: Option<&str>,
) -> Result<Option<IngestOutcome>, ApiError> {
    if let Some(key) = idempotency_key {
        if let Some(row) = find_document(db, tenant, kb_id, "idempotency_key", key)? {
            if row.text("content_hash")? != hash {
                return Err(ApiError::conflict(
                    "this Idempotency-Key was already used for a different document",
                )
                .with_details(
                    json!({ "code": "idempotency_key_reused", "doc_id": row.text("id")? }),
                ));
            }
            return Ok(Some(IngestOutcome {
                document: document_json(&row)?,
                existing: true,
            }));
        }
    }
    if let Some(row) = find_document(db, tenant, kb_id, "content_hash", hash)? {
        return Ok(Some(IngestOutcome {
            document: document_json(&row)?,
            existing: true,
        }));
    }
    Ok(None)
}

pub fn get_document(
    db: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    doc_id: &str,
) -> Result<Json, ApiError> {
    require_kb(db, tenant, kb_id)?;
    let row = find_document(db, tenant, kb_id, "id", doc_id)?
        .ok_or_else(|| not_found("document", doc_id))?;
    Ok(document_json(&row)?)
}

pub fn list_documents(
    db: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    limit: usize,
    offset: usize,
) -> Result<Json, ApiError> {
    require_kb(db, tenant, kb_id)?;
    let sql = format!(
        "SELECT {DOCUMENT_COLUMNS} FROM retrieval_documents WHERE tenant_id = $1 AND kb_id = $2 \
         ORDER BY created_at, id LIMIT $3 OFFSET $4"
    );
    let rows = db.query(
        &sql,
        &[
            tenant.into(),
            kb_id.into(),
            (limit as i64 + 1).into(),
            (offset as i64).into(),
        ],
    )?;
    let more = rows.len() > limit;
    let docs = rows
        .iter()
        .take(limit)
        .map(document_json)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(json!({
        "documents": docs,
        "limit": limit,
        "offset": offset,
        "next_offset": if more { Some(offset + limit) } else { None },
    }))
}

pub fn delete_document(
    db: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    doc_id: &str,
) -> Result<(), ApiError> {
    // Outside the transaction: DDL for a knowledge base from before migration 2.
    require_kb(db, tenant, kb_id)?;
    ensure_fts(db, kb_id)?;
    transaction(db, |tx| {
        require_kb(tx, tenant, kb_id)?;
        let scope: [Value; 3] = [tenant.into(), kb_id.into(), doc_id.into()];
        let removed = tx.execute(
            "DELETE FROM retrieval_documents WHERE tenant_id = $1 AND kb_id = $2 AND id = $3",
            &scope,
        )?;
        if removed == 0 {
            return Err(not_found("document", doc_id));
        }
        if tx.dialect() == Dialect::Sqlite {
            tx.execute(
                &format!("DELETE FROM {} WHERE doc_id = $1", fts_table(kb_id)?),
                &[doc_id.into()],
            )?;
        }
        vector_index::remove_document(tx, tenant, kb_id, doc_id)?;
        crate::queue::forget(tx, doc_id)?;
        tx.execute(
            "DELETE FROM retrieval_chunks WHERE tenant_id = $1 AND kb_id = $2 AND doc_id = $3",
            &scope,
        )?;
        Ok(())
    })
}

// ---------------------------------------------------------------- search

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    #[default]
    Hybrid,
    Lexical,
    Dense,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchRequest {
    pub query: String,
    pub top_k: Option<i64>,
    #[serde(default)]
    pub mode: Mode,
    pub filter: Option<Filter>,
    /// `rrf` or `convex` (default: see `fusion::DEFAULT_METHOD`).
    pub fusion: Option<FusionMethod>,
    /// RRF's k; default 60. Alone, it asks for RRF.
    pub rrf_k: Option<f64>,
    /// The dense ranker's share in 0..=1 (default: RRF 0.5, convex
    /// `fusion::DEFAULT_CONVEX_DENSE_WEIGHT`).
    pub dense_weight: Option<f64>,
    /// Pseudo-relevance feedback for the lexical ranker (default on): one more full-text
    /// query, for better recall at some latency.
    pub expand_query: Option<bool>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Filter {
    /// key → value (equals) or `{"in": [values]}`; all keys must match.
    #[serde(default)]
    pub metadata: Map<String, Json>,
}

enum Condition {
    Equals(Json),
    In(Vec<Json>),
}

fn parse_filter(filter: Option<Filter>) -> Result<Vec<(String, Condition)>, ApiError> {
    let Some(filter) = filter else {
        return Ok(Vec::new());
    };
    let mut conditions = Vec::new();
    for (key, value) in filter.metadata {
        let path = format!("filter.metadata.{key}");
        let condition = match value {
            Json::Object(mut o) => match (o.remove("in"), o.is_empty()) {
                (Some(Json::Array(values)), true) if !values.is_empty() && values.len() <= 100 => {
                    Condition::In(values)
                }
                _ => {
                    return Err(invalid(
                        &path,
                        "use a value, or {\"in\": [1 to 100 values]}",
                    ))
                }
            },
            Json::Array(_) | Json::Null => {
                return Err(invalid(
                    &path,
                    "use a value, or {\"in\": [1 to 100 values]}",
                ))
            }
            scalar => Condition::Equals(scalar),
        };
        conditions.push((key, condition));
    }
    Ok(conditions)
}

fn matches(metadata: &Map<String, Json>, conditions: &[(String, Condition)]) -> bool {
    conditions.iter().all(|(key, condition)| {
        let Some(value) = metadata.get(key) else {
            return false;
        };
        match condition {
            Condition::Equals(expected) => value == expected,
            Condition::In(values) => values.contains(value),
        }
    })
}

struct Candidate {
    doc_id: String,
    ordinal: i64,
    text: String,
    start: i64,
    end: i64,
    headings: Json,
    title: Option<String>,
    metadata: Map<String, Json>,
}

/// Lexical ranking: chunk ids and scores, best first, and the terms feedback added.
#[derive(Default)]
struct LexicalRanking {
    ranking: Vec<(String, f64)>,
    expansion_terms: Vec<String>,
}

fn lexical_ranking(
    db: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    analyzer: Analyzer,
    query: &str,
    expansion: Option<QueryExpansion>,
    limit: usize,
) -> Result<LexicalRanking, ApiError> {
    let terms = analyzer.query_terms(query);
    if terms.is_empty() {
        return Ok(LexicalRanking::default());
    }
    let first = full_text_match(db, tenant, kb_id, &terms, limit)?;
    let Some(expansion) = expansion else {
        return Ok(LexicalRanking {
            ranking: first,
            expansion_terms: Vec::new(),
        });
    };
    let feedback_ids: Vec<String> = first
        .iter()
        .take(expansion.feedback_chunks)
        .map(|(id, _)| id.clone())
        .collect();
    let texts = indexed_texts(db, tenant, kb_id, &feedback_ids)?;
    let feedback: Vec<(f64, Vec<String>)> = first
        .iter()
        .take(expansion.feedback_chunks)
        .filter_map(|(id, score)| Some((*score, analyzer.terms(texts.get(id)?))))
        .collect();
    let expansion_terms = expansion.expansion_terms(&feedback);
    if expansion_terms.is_empty() {
        return Ok(LexicalRanking {
            ranking: first,
            expansion_terms,
        });
    }
    // The second round is a search of its own, cut at the same depth: restricting it to the
    // first round's rows (`rowid IN (...)`) makes SQLite run the full-text query once per
    // row, 15 times slower on Cranfield, and on Cranfield a first-round candidate outside the
    // second round's best `limit` changes no ranking. `interpolate` keeps to the first
    // round's candidates.
    let second = full_text_match(db, tenant, kb_id, &expansion_terms, limit)?;
    let ranking = expansion.interpolate(&first, terms.len(), &second, expansion_terms.len());
    Ok(LexicalRanking {
        ranking,
        expansion_terms,
    })
}

/// One full-text query for any of `terms` (analyzed already): chunk ids and the engine's
/// scores, best first.
fn full_text_match(
    db: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    terms: &[String],
    limit: usize,
) -> Result<Vec<(String, f64)>, ApiError> {
    let rows = match db.dialect() {
        Dialect::Sqlite => {
            let expression = terms
                .iter()
                .map(|t| format!("\"{t}\""))
                .collect::<Vec<_>>()
                .join(" OR ");
            let table = fts_table(kb_id)?;
            let rows = db.query(
                &format!(
                    "SELECT chunk_id AS id, -bm25({table}) AS score FROM {table} \
                     WHERE {table} MATCH $1 ORDER BY bm25({table}), chunk_id LIMIT $2"
                ),
                &[expression.into(), (limit as i64).into()],
            );
            match rows {
                // A knowledge base from before migration 2 that has had no document since.
                Err(e) if e.message.contains("no such table") => Vec::new(),
                other => other?,
            }
        }
        Dialect::Postgres => {
            let expression = terms
                .iter()
                .map(|t| format!("'{t}'"))
                .collect::<Vec<_>>()
                .join(" | ");
            db.query(
                "SELECT id, ts_rank_cd(terms, q, 1)::float8 AS score \
                 FROM retrieval_chunks, to_tsquery('simple', $1) q \
                 WHERE tenant_id = $2 AND kb_id = $3 AND terms @@ q \
                 ORDER BY score DESC, id LIMIT $4",
                &[
                    expression.into(),
                    tenant.into(),
                    kb_id.into(),
                    (limit as i64).into(),
                ],
            )?
        }
    };
    rows.iter()
        .map(|r| Ok((r.text("id")?, r.real("score")?)))
        .collect::<Result<_, DbError>>()
        .map_err(Into::into)
}

/// The text each chunk was indexed under (headings and text), by chunk id.
fn indexed_texts(
    db: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    ids: &[String],
) -> Result<HashMap<String, String>, ApiError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let placeholders: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 3)).collect();
    let sql = format!(
        "SELECT id, text, headings FROM retrieval_chunks \
         WHERE {scope}tenant_id = $1 AND {scope}kb_id = $2 AND id IN ({})",
        placeholders.join(", "),
        scope = vector_index::by_primary_key(db),
    );
    let mut params: Vec<Value> = vec![tenant.into(), kb_id.into()];
    params.extend(ids.iter().map(|id| Value::from(id.as_str())));
    let mut texts = HashMap::new();
    for row in db.query(&sql, &params)? {
        let headings: Vec<String> =
            serde_json::from_str(&row.text("headings")?).unwrap_or_default();
        texts.insert(
            row.text("id")?,
            crate::chunk::contextual_text(&headings, &row.text("text")?),
        );
    }
    Ok(texts)
}

/// Dense ranking: the chunks nearest the query vector by cosine, from the store's vector
/// index (see [`vector_index`]).
fn dense_ranking(
    db: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    query_vector: &[f32],
    limit: usize,
) -> Result<Vec<(String, f64)>, ApiError> {
    Ok(vector_index::nearest(
        db,
        tenant,
        kb_id,
        query_vector,
        limit,
    )?)
}

fn candidates(
    db: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    ids: &[String],
) -> Result<HashMap<String, Candidate>, ApiError> {
    let mut out = HashMap::new();
    // Bounded batches keep the statement within both engines' parameter limits.
    for batch in ids.chunks(500) {
        let placeholders: Vec<String> = (0..batch.len()).map(|i| format!("${}", i + 3)).collect();
        let sql = format!(
            "SELECT c.id, c.doc_id, c.ordinal, c.text, c.start_offset, c.end_offset, c.headings, \
                d.title, d.metadata \
             FROM retrieval_chunks c JOIN retrieval_documents d \
               ON d.id = c.doc_id AND d.tenant_id = c.tenant_id AND d.kb_id = c.kb_id \
             WHERE {scope}c.tenant_id = $1 AND {scope}c.kb_id = $2 AND c.id IN ({})",
            placeholders.join(", "),
            scope = vector_index::by_primary_key(db),
        );
        let mut params: Vec<Value> = vec![tenant.into(), kb_id.into()];
        params.extend(batch.iter().map(|id| Value::from(id.as_str())));
        for row in db.query(&sql, &params)? {
            let metadata = match serde_json::from_str(&row.text("metadata")?) {
                Ok(Json::Object(m)) => m,
                _ => Map::new(),
            };
            out.insert(
                row.text("id")?,
                Candidate {
                    doc_id: row.text("doc_id")?,
                    ordinal: row.int("ordinal")?,
                    text: row.text("text")?,
                    start: row.int("start_offset")?,
                    end: row.int("end_offset")?,
                    headings: serde_json::from_str(&row.text("headings")?).unwrap_or(json!([])),
                    title: row.opt_text("title")?,
                    metadata,
                },
            );
        }
    }
    Ok(out)
}

fn millis(since: Instant) -> f64 {
    (since.elapsed().as_secs_f64() * 1e5).round() / 100.0
}

/// Ranks a knowledge base's chunks for a query. `degraded` in the answer says when dense
/// ranking was asked for but embeddings were unavailable, so the answer is lexical only.
pub fn search(
    db: &dyn Sql,
    embedder: &dyn Embedder,
    tenant: &str,
    kb_id: &str,
    request: SearchRequest,
) -> Result<Json, ApiError> {
    let started = Instant::now();
    let query = request.query.trim();
    if query.is_empty() {
        return Err(invalid("query", "query must not be empty"));
    }
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(invalid(
            "query",
            format!("query must be at most {MAX_QUERY_CHARS} characters"),
        ));
    }
    let top_k = request.top_k.unwrap_or(10);
    if !(1..=MAX_TOP_K as i64).contains(&top_k) {
        return Err(invalid("top_k", format!("top_k must be 1 to {MAX_TOP_K}")));
    }
    let top_k = top_k as usize;
    let chosen_fusion = fusion::from_request(request.fusion, request.rrf_k, request.dense_weight)
        .map_err(|(path, message)| invalid(path, message))?;
    let conditions = parse_filter(request.filter)?;
    let analyzer = kb_analyzer(db, tenant, kb_id)?;
    let expansion = request
        .expand_query
        .unwrap_or(true)
        .then(QueryExpansion::default);
    let pool = if conditions.is_empty() {
        CANDIDATES
    } else {
        FILTERED_CANDIDATES
    };

    let mut timing = Map::new();
    let mut degraded: Option<&str> = None;
    let mut embeddings_error: Option<String> = None;
    let mut dense: Option<Vec<(String, f64)>> = None;
    if request.mode != Mode::Lexical {
        let t = Instant::now();
        match embed_all(embedder, &[query.to_string()]) {
            Ok(v) => {
                timing.insert("embed_ms".into(), json!(millis(t)));
                let t = Instant::now();
                dense = Some(dense_ranking(db, tenant, kb_id, &v[0], pool)?);
                timing.insert("dense_ms".into(), json!(millis(t)));
            }
            Err(why) => {
                degraded = Some("embeddings_unavailable");
                embeddings_error = Some(why);
            }
        }
    }
    let mut lexical_report: Option<Json> = None;
    let lexical = if request.mode != Mode::Dense || dense.is_none() {
        let t = Instant::now();
        let lexical = lexical_ranking(db, tenant, kb_id, analyzer, query, expansion, pool)?;
        timing.insert("lexical_ms".into(), json!(millis(t)));
        lexical_report = Some(json!({
            "analyzer": analyzer.name(),
            "expansion_terms": expansion.map(|_| lexical.expansion_terms),
        }));
        Some(lexical.ranking)
    } else {
        None
    };

    let mut ids: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    for ranking in [&lexical, &dense].into_iter().flatten() {
        for (id, _) in ranking {
            if seen.insert(id.clone()) {
                ids.push(id.clone());
            }
        }
    }
    let details = candidates(db, tenant, kb_id, &ids)?;
    let keep = |id: &String| {
        details
            .get(id)
            .is_some_and(|c| matches(&c.metadata, &conditions))
    };
    let filtered = |ranking: &Option<Vec<(String, f64)>>| -> Option<Vec<(String, f64)>> {
        ranking
            .as_ref()
            .map(|r| r.iter().filter(|(id, _)| keep(id)).cloned().collect())
    };
    let (lexical, dense) = (filtered(&lexical), filtered(&dense));
    // A hook for a reranker: it would reorder `fused` here, before the cut to top_k.
    let fused = fusion::fuse(
        lexical.as_deref().unwrap_or_default(),
        dense.as_deref().unwrap_or_default(),
        chosen_fusion,
    );
    let position = |ranking: &Option<Vec<(String, f64)>>, id: &str| {
        ranking
            .as_ref()
            .and_then(|r| r.iter().position(|(c, _)| c == id).map(|i| (i + 1, r[i].1)))
    };
    let results: Vec<Json> = fused
        .iter()
        .take(top_k)
        .filter_map(|(id, fused_score)| {
            let c = details.get(id)?;
            let lex = position(&lexical, id);
            let den = position(&dense, id);
            Some(json!({
                "chunk_id": id,
                "doc_id": c.doc_id,
                "chunk_index": c.ordinal,
                "title": c.title,
                "text": c.text,
                "headings": c.headings,
                "metadata": c.metadata,
                "offsets": { "start": c.start, "end": c.end, "unit": "chars" },
                "scores": {
                    "lexical": lex.map(|l| l.1),
                    "dense": den.map(|d| d.1),
                    "fused": fused_score,
                },
                "ranks": { "lexical": lex.map(|l| l.0), "dense": den.map(|d| d.0) },
            }))
        })
        .collect();
    timing.insert("total_ms".into(), json!(millis(started)));
    let served = match (&lexical, &dense) {
        (Some(_), Some(_)) => Mode::Hybrid,
        (None, Some(_)) => Mode::Dense,
        _ => Mode::Lexical,
    };
    let mut body = json!({
        "results": results,
        "mode": request.mode,
        "served_mode": served,
        "degraded": degraded,
        "fusion": chosen_fusion.describe(),
        "lexical": lexical_report,
        "timing": timing,
    });
    if let Some(why) = embeddings_error {
        body["embeddings_error"] = json!(why);
    }
    Ok(body)
}
