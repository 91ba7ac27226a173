//! Indexing that does not fit one request: documents with more chunks than one request
//! should embed are accepted as `pending`, their chunks staged in `retrieval_job_chunks`, and
//! a job row in `retrieval_jobs` tracks progress. Each step claims one job with a lease,
//! embeds its next batch, and writes that batch (chunks, lexical entries, vectors) together
//! with the job's progress in one transaction, so a batch is all there or not at all.
//!
//! Steps run when a client polls a pending document (`GET .../documents/{doc_id}`) and from
//! the jobs route a scheduler calls ([`process_pending`] with a time budget).
//!
//! Races: a claim is `UPDATE ... WHERE lease_until < now`, which one statement wins on both
//! engines (SQLite serialises writers; PostgreSQL re-checks the condition after the row lock).
//! A step that outlived its lease cannot double-write either: its transaction first moves the
//! job forward only `WHERE lease_token = ours AND next_ordinal = where we started`, and rolls
//! back when that changes no row.
//!
//! Embeddings failing for a batch do not stop the document: the batch is indexed lexically,
//! like the synchronous path, and the document ends with `vectors: "partial"` or `"missing"`
//! and the reason in `vectors_error`. Any other failure of a step (the store refusing a write)
//! is retried after a delay; the third failure in a row marks the document `failed` with the
//! reason in `error`, and removes what was written of it.

// `ApiError` is deliberately a plain struct with public fields (api-kit).
#![allow(clippy::result_large_err)]

use std::time::{Duration, Instant};

use api_kit::ApiError;
use serde_json::{json, Value as Json};
use storage::{transaction, DbError, DbErrorKind, Dialect, Row, Sql, Value};

use crate::chunk::Chunk;
use crate::service::{embed_all, fts_table, write_chunks, EMBEDDING_BATCH};

/// Documents of more chunks than this are queued rather than indexed within the request:
/// 64 chunks are two embedding batches, a few seconds of the local model's time.
pub const SYNC_CHUNK_LIMIT: usize = 64;
/// Chunks one step embeds and writes: one embedding batch.
pub const STEP_CHUNKS: usize = EMBEDDING_BATCH;
/// How long a claimed job is left alone before another invocation may take it over.
pub const LEASE_SECONDS: i64 = 120;
/// Failed steps in a row before the document is marked `failed`.
pub const MAX_ATTEMPTS: i64 = 3;
/// Wait before retrying a failed step, times the attempt number.
pub const RETRY_DELAY_SECONDS: i64 = 5;
/// Staged chunks per INSERT statement (7 parameters each, well within both engines' limits).
const STAGE_ROWS_PER_INSERT: usize = 100;

/// Which jobs an invocation may work on.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// One document (a client polling it).
    Document {
        tenant: &'a str,
        kb_id: &'a str,
        doc_id: &'a str,
    },
    /// A tenant's documents (the jobs route called with a tenant's credentials).
    Tenant(&'a str),
    /// Every tenant's (the jobs route called by the scheduler with its key).
    All,
}

/// Writes the job and the staged chunks of a document just inserted as `pending`, inside the
/// caller's transaction.
pub(crate) fn enqueue(
    tx: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    doc_id: &str,
    chunks: &[Chunk],
    now: i64,
) -> Result<(), DbError> {
    tx.execute(
        "INSERT INTO retrieval_jobs (doc_id, tenant_id, kb_id, chunk_count, next_ordinal, embedded, \
            attempts, lease_until, lease_token, last_error, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 0, 0, 0, 0, NULL, NULL, $5, $5)",
        &[
            doc_id.into(),
            tenant.into(),
            kb_id.into(),
            (chunks.len() as i64).into(),
            now.into(),
        ],
    )?;
    for (batch_index, batch) in chunks.chunks(STAGE_ROWS_PER_INSERT).enumerate() {
        let mut placeholders = Vec::with_capacity(batch.len());
        let mut params: Vec<Value> = Vec::with_capacity(batch.len() * 7);
        for (i, c) in batch.iter().enumerate() {
            let base = i * 7;
            placeholders.push(format!(
                "(${}, ${}, ${}, ${}, ${}, ${}, ${})",
                base + 1,
                base + 2,
                base + 3,
                base + 4,
                base + 5,
                base + 6,
                base + 7
            ));
            let ordinal = batch_index * STAGE_ROWS_PER_INSERT + i;
            params.extend([
                doc_id.into(),
                (ordinal as i64).into(),
                c.text.as_str().into(),
                (c.start as i64).into(),
                (c.end as i64).into(),
                serde_json::to_string(&c.headings)
                    .unwrap_or_else(|_| "[]".into())
                    .into(),
                (c.tokens as i64).into(),
            ]);
        }
        tx.execute(
            &format!(
                "INSERT INTO retrieval_job_chunks (doc_id, ordinal, text, start_offset, end_offset, \
                    headings, tokens) VALUES {}",
                placeholders.join(", ")
            ),
            &params,
        )?;
    }
    Ok(())
}

/// Removes a document's job and staged chunks (the caller removes the document and its
/// written chunks), inside the caller's transaction.
pub(crate) fn forget(tx: &dyn Sql, doc_id: &str) -> Result<(), DbError> {
    tx.execute(
        "DELETE FROM retrieval_jobs WHERE doc_id = $1",
        &[doc_id.into()],
    )?;
    tx.execute(
        "DELETE FROM retrieval_job_chunks WHERE doc_id = $1",
        &[doc_id.into()],
    )?;
    Ok(())
}

/// Removes the jobs and staged chunks of a knowledge base's documents.
pub(crate) fn forget_kb(tx: &dyn Sql, tenant: &str, kb_id: &str) -> Result<(), DbError> {
    tx.execute(
        "DELETE FROM retrieval_job_chunks WHERE doc_id IN \
            (SELECT doc_id FROM retrieval_jobs WHERE tenant_id = $1 AND kb_id = $2)",
        &[tenant.into(), kb_id.into()],
    )?;
    tx.execute(
        "DELETE FROM retrieval_jobs WHERE tenant_id = $1 AND kb_id = $2",
        &[tenant.into(), kb_id.into()],
    )?;
    Ok(())
}

/// What one step did to one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub doc_id: String,
    /// The document's status after the step: `indexing`, `indexed` or `failed` (or `pending`
    /// when the step failed and will be retried).
    pub status: String,
    pub chunks_indexed: i64,
    pub chunk_count: i64,
    /// Why the step failed, if it did.
    pub error: Option<String>,
}

impl Step {
    pub fn to_json(&self) -> Json {
        json!({
            "doc_id": self.doc_id,
            "status": self.status,
            "chunks_indexed": self.chunks_indexed,
            "chunk_count": self.chunk_count,
            "error": self.error,
        })
    }
}

struct Claim {
    doc_id: String,
    tenant: String,
    kb_id: String,
    token: String,
}

/// Claims one due job in `scope`, or none if every one is leased or waiting for a retry.
fn claim(db: &dyn Sql, scope: Scope, now: i64) -> Result<Option<Claim>, DbError> {
    let (filter, mut params): (&str, Vec<Value>) = match scope {
        Scope::Document {
            tenant,
            kb_id,
            doc_id,
        } => (
            "AND tenant_id = $2 AND kb_id = $3 AND doc_id = $4",
            vec![tenant.into(), kb_id.into(), doc_id.into()],
        ),
        Scope::Tenant(tenant) => ("AND tenant_id = $2", vec![tenant.into()]),
        Scope::All => ("", Vec::new()),
    };
    params.insert(0, now.into());
    // A few candidates, oldest first: another invocation may win the first.
    let candidates = db.query(
        &format!(
            "SELECT doc_id, tenant_id, kb_id FROM retrieval_jobs WHERE lease_until < $1 {filter} \
             ORDER BY created_at, doc_id LIMIT 4"
        ),
        &params,
    )?;
    for row in candidates {
        let token = uuid::Uuid::new_v4().simple().to_string();
        let doc_id = row.text("doc_id")?;
        let won = db.execute(
            "UPDATE retrieval_jobs SET lease_until = $1, lease_token = $2, updated_at = $3 \
             WHERE doc_id = $4 AND lease_until < $3",
            &[
                (now + LEASE_SECONDS).into(),
                token.as_str().into(),
                now.into(),
                doc_id.as_str().into(),
            ],
        )?;
        if won == 1 {
            return Ok(Some(Claim {
                doc_id,
                tenant: row.text("tenant_id")?,
                kb_id: row.text("kb_id")?,
                token,
            }));
        }
    }
    Ok(None)
}

enum StepError {
    Store(DbError),
    /// The lease was lost (taken over after it expired, or the document was deleted): the
    /// step's writes were rolled back and someone else owns the job now.
    Lost,
}

impl From<DbError> for StepError {
    fn from(e: DbError) -> Self {
        Self::Store(e)
    }
}

fn staged_chunk(row: &Row) -> Result<Chunk, DbError> {
    Ok(Chunk {
        text: row.text("text")?,
        start: row.int("start_offset")? as usize,
        end: row.int("end_offset")? as usize,
        tokens: row.int("tokens")? as usize,
        headings: serde_json::from_str(&row.text("headings")?).unwrap_or_default(),
    })
}

/// Runs one step of a claimed job: embeds its next batch and writes it with the job's
/// progress. `Ok(None)` when the job is gone (the document was deleted meanwhile).
fn step(
    db: &dyn Sql,
    embedder: &dyn crate::service::Embedder,
    claim: &Claim,
    now: i64,
) -> Result<Option<Step>, ApiError> {
    let Some(job) = db
        .query(
            "SELECT chunk_count, next_ordinal, embedded, attempts FROM retrieval_jobs \
             WHERE doc_id = $1 AND lease_token = $2",
            &[claim.doc_id.as_str().into(), claim.token.as_str().into()],
        )?
        .into_iter()
        .next()
    else {
        return Ok(None);
    };
    let chunk_count = job.int("chunk_count")?;
    let start = job.int("next_ordinal")?;
    let embedded = job.int("embedded")?;
    let attempts = job.int("attempts")?;
    db.execute(
        "UPDATE retrieval_documents SET status = 'indexing', updated_at = $1 \
         WHERE tenant_id = $2 AND kb_id = $3 AND id = $4 AND status = 'pending'",
        &[
            now.into(),
            claim.tenant.as_str().into(),
            claim.kb_id.as_str().into(),
            claim.doc_id.as_str().into(),
        ],
    )?;
    let chunks = db
        .query(
            "SELECT text, start_offset, end_offset, headings, tokens FROM retrieval_job_chunks \
             WHERE doc_id = $1 AND ordinal >= $2 ORDER BY ordinal LIMIT $3",
            &[
                claim.doc_id.as_str().into(),
                start.into(),
                (STEP_CHUNKS as i64).into(),
            ],
        )?
        .iter()
        .map(staged_chunk)
        .collect::<Result<Vec<_>, _>>()?;
    let end = start + chunks.len() as i64;
    if chunks.is_empty() || (end < chunk_count && chunks.len() < STEP_CHUNKS) {
        let why = format!("the staged chunks from {start} of {chunk_count} are missing");
        return fail(db, claim, attempts, chunk_count, start, &why, now);
    }
    let contextual: Vec<String> = chunks.iter().map(Chunk::contextual_text).collect();
    // Embedding happens outside the transaction: it is the slow part, and SQLite's write lock
    // would stall every other writer for its length.
    let (vectors, vectors_error) = match embed_all(embedder, &contextual) {
        Ok(v) => (Some(v), None),
        Err(why) => (None, Some(why)),
    };
    let embedded = embedded + if vectors.is_some() { chunks.len() as i64 } else { 0 };
    let finished = end >= chunk_count;
    let result = transaction(db, |tx| -> Result<(), StepError> {
        let moved = tx.execute(
            "UPDATE retrieval_jobs SET next_ordinal = $1, embedded = $2, attempts = 0, \
                last_error = NULL, lease_until = 0, lease_token = NULL, updated_at = $3 \
             WHERE doc_id = $4 AND lease_token = $5 AND next_ordinal = $6",
            &[
                end.into(),
                embedded.into(),
                now.into(),
                claim.doc_id.as_str().into(),
                claim.token.as_str().into(),
                start.into(),
            ],
        )?;
        if moved != 1 {
            return Err(StepError::Lost);
        }
        write_chunks(
            tx,
            &claim.tenant,
            &claim.kb_id,
            &claim.doc_id,
            start as usize,
            &chunks,
            &contextual,
            vectors.as_deref(),
        )?;
        tx.execute(
            "DELETE FROM retrieval_job_chunks WHERE doc_id = $1 AND ordinal < $2",
            &[claim.doc_id.as_str().into(), end.into()],
        )?;
        let vectors_state = if !finished {
            "pending"
        } else if embedded == chunk_count {
            "complete"
        } else if embedded == 0 {
            "missing"
        } else {
            "partial"
        };
        if finished {
            tx.execute(
                "DELETE FROM retrieval_jobs WHERE doc_id = $1",
                &[claim.doc_id.as_str().into()],
            )?;
        }
        tx.execute(
            "UPDATE retrieval_documents SET status = $1, chunks_indexed = $2, vectors = $3, \
                vectors_error = COALESCE($4, vectors_error), error = NULL, updated_at = $5 \
             WHERE tenant_id = $6 AND kb_id = $7 AND id = $8",
            &[
                (if finished { "indexed" } else { "indexing" }).into(),
                end.into(),
                vectors_state.into(),
                vectors_error.clone().into(),
                now.into(),
                claim.tenant.as_str().into(),
                claim.kb_id.as_str().into(),
                claim.doc_id.as_str().into(),
            ],
        )?;
        Ok(())
    });
    match result {
        Ok(()) => Ok(Some(Step {
            doc_id: claim.doc_id.clone(),
            status: (if finished { "indexed" } else { "indexing" }).into(),
            chunks_indexed: end,
            chunk_count,
            error: vectors_error,
        })),
        Err(StepError::Lost) => Ok(None),
        Err(StepError::Store(e)) => {
            eprintln!("retrieval: indexing step of {} failed: {e}", claim.doc_id);
            let why = match e.kind {
                DbErrorKind::Unavailable => "the store was unavailable",
                _ => "the store refused the chunks' write",
            };
            fail(db, claim, attempts, chunk_count, start, why, now)
        }
    }
}

/// Records a failed step: a retry after a delay, or, at the last attempt, the document
/// `failed` with its partial chunks removed (a failed document is not half-searchable).
/// `None` when the lease was lost meanwhile: the job's new owner decides.
fn fail(
    db: &dyn Sql,
    claim: &Claim,
    attempts: i64,
    chunk_count: i64,
    chunks_indexed: i64,
    why: &str,
    now: i64,
) -> Result<Option<Step>, ApiError> {
    let attempt = attempts + 1;
    let scope: [Value; 3] = [
        claim.tenant.as_str().into(),
        claim.kb_id.as_str().into(),
        claim.doc_id.as_str().into(),
    ];
    if attempt >= MAX_ATTEMPTS {
        let error = format!("indexing failed after {attempt} attempts: {why}");
        let fts = fts_table(&claim.kb_id)?;
        let result = transaction(db, |tx| -> Result<(), StepError> {
            let owned = tx.execute(
                "DELETE FROM retrieval_jobs WHERE doc_id = $1 AND lease_token = $2",
                &[claim.doc_id.as_str().into(), claim.token.as_str().into()],
            )?;
            if owned != 1 {
                return Err(StepError::Lost);
            }
            forget(tx, &claim.doc_id)?;
            if tx.dialect() == Dialect::Sqlite {
                tx.execute(
                    &format!("DELETE FROM {fts} WHERE doc_id = $1"),
                    &[claim.doc_id.as_str().into()],
                )?;
            }
            crate::vector_index::remove_document(tx, &claim.tenant, &claim.kb_id, &claim.doc_id)?;
            tx.execute(
                "DELETE FROM retrieval_chunks WHERE tenant_id = $1 AND kb_id = $2 AND doc_id = $3",
                &scope,
            )?;
            tx.execute(
                "UPDATE retrieval_documents SET status = 'failed', error = $4, chunks_indexed = 0, \
                    updated_at = $5 WHERE tenant_id = $1 AND kb_id = $2 AND id = $3",
                &[
                    scope[0].clone(),
                    scope[1].clone(),
                    scope[2].clone(),
                    error.as_str().into(),
                    now.into(),
                ],
            )?;
            Ok(())
        });
        return match result {
            Ok(()) => Ok(Some(Step {
                doc_id: claim.doc_id.clone(),
                status: "failed".into(),
                chunks_indexed: 0,
                chunk_count,
                error: Some(error),
            })),
            Err(StepError::Lost) => Ok(None),
            Err(StepError::Store(e)) => Err(e.into()),
        };
    }
    let error = format!("attempt {attempt} of {MAX_ATTEMPTS} failed: {why}; retrying");
    let owned = db.execute(
        "UPDATE retrieval_jobs SET attempts = $1, last_error = $2, lease_until = $3, \
            lease_token = NULL, updated_at = $4 WHERE doc_id = $5 AND lease_token = $6",
        &[
            attempt.into(),
            error.as_str().into(),
            (now + RETRY_DELAY_SECONDS * attempt).into(),
            now.into(),
            claim.doc_id.as_str().into(),
            claim.token.as_str().into(),
        ],
    )?;
    if owned != 1 {
        return Ok(None);
    }
    db.execute(
        "UPDATE retrieval_documents SET error = $4, updated_at = $5 \
         WHERE tenant_id = $1 AND kb_id = $2 AND id = $3",
        &[
            scope[0].clone(),
            scope[1].clone(),
            scope[2].clone(),
            error.as_str().into(),
            now.into(),
        ],
    )?;
    let status = db
        .query(
            "SELECT status FROM retrieval_documents WHERE tenant_id = $1 AND kb_id = $2 AND id = $3",
            &scope,
        )?
        .first()
        .map(|r| r.text("status"))
        .transpose()?
        .unwrap_or_else(|| "pending".into());
    Ok(Some(Step {
        doc_id: claim.doc_id.clone(),
        status,
        chunks_indexed,
        chunk_count,
        error: Some(error),
    }))
}

/// Runs steps on due jobs in `scope` until none is left or `budget` is spent (a step is never
/// cut short: the last one may end after the budget). At least one step is tried.
/// `now` is the clock in seconds, read again before each step.
pub fn process_pending(
    db: &dyn Sql,
    embedder: &dyn crate::service::Embedder,
    scope: Scope,
    budget: Duration,
    now: &dyn Fn() -> i64,
) -> Result<Vec<Step>, ApiError> {
    let started = Instant::now();
    let mut steps = Vec::new();
    loop {
        let t = now();
        let Some(claimed) = claim(db, scope, t)? else {
            break;
        };
        if let Some(done) = step(db, embedder, &claimed, t)? {
            steps.push(done);
        }
        if started.elapsed() >= budget {
            break;
        }
    }
    Ok(steps)
}

/// Jobs in `scope` not yet finished (leased or not).
pub fn remaining(db: &dyn Sql, scope: Scope) -> Result<i64, ApiError> {
    let (sql, params): (&str, Vec<Value>) = match scope {
        Scope::Document {
            tenant,
            kb_id,
            doc_id,
        } => (
            "SELECT COUNT(*) AS n FROM retrieval_jobs WHERE tenant_id = $1 AND kb_id = $2 AND doc_id = $3",
            vec![tenant.into(), kb_id.into(), doc_id.into()],
        ),
        Scope::Tenant(tenant) => (
            "SELECT COUNT(*) AS n FROM retrieval_jobs WHERE tenant_id = $1",
            vec![tenant.into()],
        ),
        Scope::All => ("SELECT COUNT(*) AS n FROM retrieval_jobs", Vec::new()),
    };
    Ok(db
        .query(sql, &params)?
        .first()
        .map(|r| r.int("n"))
        .transpose()?
        .unwrap_or(0))
}
