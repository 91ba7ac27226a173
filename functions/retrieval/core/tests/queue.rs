//! The ingest queue over real SQLite and real PostgreSQL: a large document indexed across
//! several steps, racing processors, failing embeddings, failing writes, deletes.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::time::Duration;

use retrieval_core::queue::{self, Scope, MAX_ATTEMPTS, STEP_CHUNKS};
use retrieval_core::service::{self, Embedder, NewDocument, NewKb, NoEmbedder, SearchRequest};
use retrieval_core::{ChunkConfig, ContentType};
use serde_json::{json, Map, Value};
use storage::native::{test_services, NativePostgres, NativeSqlite};
use storage::{DbError, Dialect, Row, Sql, Value as SqlValue};

/// Hashed lowercase words in 512 buckets: cosine follows word overlap.
struct Words;

impl Embedder for Words {
    fn embed(&self, texts: &[String]) -> Result<Vec<Vec<f32>>, String> {
        Ok(texts
            .iter()
            .map(|t| {
                let mut v = vec![0f32; 512];
                for token in retrieval_core::tokenize(t, true) {
                    let h = token
                        .bytes()
                        .fold(17u64, |h, b| h.wrapping_mul(131).wrapping_add(u64::from(b)));
                    v[(h % 512) as usize] += 1.0;
                }
                v
            })
            .collect())
    }
}

/// Fails every call from the `from`-th on (0-based), like a provider going away mid-document.
struct FailsFrom {
    from: usize,
    calls: AtomicUsize,
}

impl Embedder for FailsFrom {
    fn embed(&self, texts: &[String]) -> Result<Vec<Vec<f32>>, String> {
        if self.calls.fetch_add(1, Ordering::SeqCst) >= self.from {
            return Err("embedding provider unavailable".into());
        }
        Words.embed(texts)
    }
}

/// `Words`, slowly: keeps a step in flight long enough for another processor to race it.
struct Slow;

impl Embedder for Slow {
    fn embed(&self, texts: &[String]) -> Result<Vec<Vec<f32>>, String> {
        std::thread::sleep(Duration::from_millis(30));
        Words.embed(texts)
    }
}

/// A real store whose chunk inserts fail: the write of a step is refused.
struct RefusesChunks<'a>(&'a dyn Sql);

impl Sql for RefusesChunks<'_> {
    fn dialect(&self) -> Dialect {
        self.0.dialect()
    }
    fn execute(&self, sql: &str, params: &[SqlValue]) -> Result<u64, DbError> {
        if sql.trim_start().starts_with("INSERT INTO retrieval_chunks") {
            return Err(DbError::other("disk full"));
        }
        self.0.execute(sql, params)
    }
    fn query(&self, sql: &str, params: &[SqlValue]) -> Result<Vec<Row>, DbError> {
        self.0.query(sql, params)
    }
}

fn databases() -> Vec<(&'static str, Box<dyn Sql>)> {
    vec![
        ("sqlite", Box::new(NativeSqlite::open_in_memory().unwrap())),
        ("postgres", Box::new(test_services::postgres("retrieval_queue"))),
    ]
}

/// One paragraph per chunk with this configuration.
fn small_chunks() -> ChunkConfig {
    ChunkConfig {
        max_tokens: 40,
        min_tokens: 5,
        overlap_tokens: 0,
    }
}

/// `n` paragraphs, each with a word of its own (`marker{i}x`).
fn large_text(n: usize) -> String {
    (0..n)
        .map(|i| format!("Paragraph marker{i}x describes experiment number {i} on wing flutter."))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn kb(db: &dyn Sql, tenant: &str) -> String {
    let kb = service::create_kb(
        db,
        tenant,
        NewKb {
            name: "queue".into(),
            description: None,
        },
        1,
    )
    .unwrap();
    kb["id"].as_str().unwrap().to_string()
}

fn submit(db: &dyn Sql, e: &dyn Embedder, tenant: &str, kb: &str, text: &str) -> Value {
    let out = service::ingest_with_sync_limit(
        db,
        e,
        tenant,
        kb,
        NewDocument {
            text: text.into(),
            title: Some("large".into()),
            content_type: ContentType::Plain,
            metadata: Map::new(),
        },
        None,
        &small_chunks(),
        4,
        100,
    )
    .unwrap();
    out.document
}

fn count(db: &dyn Sql, sql: &str, params: &[SqlValue]) -> i64 {
    db.query(sql, params).unwrap()[0].int("n").unwrap()
}

fn chunk_ordinals(db: &dyn Sql, doc_id: &str) -> Vec<i64> {
    db.query(
        "SELECT ordinal FROM retrieval_chunks WHERE doc_id = $1 ORDER BY ordinal",
        &[doc_id.into()],
    )
    .unwrap()
    .iter()
    .map(|r| r.int("ordinal").unwrap())
    .collect()
}

fn lexical(db: &dyn Sql, tenant: &str, kb: &str, query: &str) -> Value {
    let request: SearchRequest =
        serde_json::from_value(json!({ "query": query, "mode": "lexical", "top_k": 50 })).unwrap();
    service::search(db, &NoEmbedder, tenant, kb, request).unwrap()
}

fn one_step(db: &dyn Sql, e: &dyn Embedder, scope: Scope, now: i64) -> Vec<queue::Step> {
    queue::process_pending(db, e, scope, Duration::ZERO, &|| now).unwrap()
}

#[test]
fn a_large_document_goes_pending_indexing_indexed_across_steps() {
    let n = 2 * STEP_CHUNKS + 10;
    let text = large_text(n);
    for (engine, db) in databases() {
        let db = db.as_ref();
        service::migrate(db).unwrap();
        let kb = kb(db, "t");
        let small = submit(db, &Words, "t", &kb, "A short note on flutter.");
        assert_eq!(small["status"], "indexed", "{engine}: small documents stay synchronous");

        let doc = submit(db, &Words, "t", &kb, &text);
        let doc_id = doc["doc_id"].as_str().unwrap().to_string();
        assert_eq!(doc["status"], "pending", "{engine}: {doc}");
        assert_eq!(doc["chunk_count"], n);
        assert_eq!(doc["chunks_indexed"], 0);
        assert_eq!(doc["vectors"], "pending");
        assert!(chunk_ordinals(db, &doc_id).is_empty());
        // The same content again is the same pending document, not a second job.
        let again = service::ingest_with_sync_limit(
            db,
            &Words,
            "t",
            &kb,
            NewDocument {
                text: text.clone(),
                title: None,
                content_type: ContentType::Plain,
                metadata: Map::new(),
            },
            None,
            &small_chunks(),
            4,
            101,
        )
        .unwrap();
        assert!(again.existing);
        assert_eq!(again.document["doc_id"], doc_id.as_str());
        assert_eq!(count(db, "SELECT COUNT(*) AS n FROM retrieval_jobs", &[]), 1);

        let scope = Scope::Document {
            tenant: "t",
            kb_id: &kb,
            doc_id: &doc_id,
        };
        let steps = one_step(db, &Words, scope, 200);
        assert_eq!(steps.len(), 1, "{engine}");
        assert_eq!(
            (steps[0].status.as_str(), steps[0].chunks_indexed),
            ("indexing", STEP_CHUNKS as i64)
        );
        let status = service::get_document(db, "t", &kb, &doc_id).unwrap();
        assert_eq!(status["status"], "indexing");
        assert_eq!(status["chunks_indexed"], STEP_CHUNKS);
        assert_eq!(
            chunk_ordinals(db, &doc_id),
            (0..STEP_CHUNKS as i64).collect::<Vec<_>>()
        );
        // Written batches are searchable; later ones not yet.
        let hits = lexical(db, "t", &kb, "marker3x");
        assert_eq!(hits["results"][0]["chunk_index"], 3, "{engine}: {hits}");
        let late = format!("marker{}x", n - 1);
        assert!(lexical(db, "t", &kb, &late)["results"].as_array().unwrap().is_empty());

        // Another tenant's steps never touch it.
        assert!(one_step(db, &Words, Scope::Tenant("other"), 201).is_empty());

        let steps = queue::process_pending(db, &Words, Scope::Tenant("t"), Duration::from_secs(60), &|| 202)
            .unwrap();
        assert_eq!(steps.len(), 2, "{engine}: {steps:?}");
        assert_eq!(steps[1].status, "indexed");
        let status = service::get_document(db, "t", &kb, &doc_id).unwrap();
        assert_eq!(status["status"], "indexed", "{engine}: {status}");
        assert_eq!(status["chunks_indexed"], n);
        assert_eq!(status["chunk_count"], n);
        assert_eq!(status["vectors"], "complete");
        assert_eq!(status["error"], Value::Null);
        assert_eq!(chunk_ordinals(db, &doc_id), (0..n as i64).collect::<Vec<_>>());
        assert_eq!(count(db, "SELECT COUNT(*) AS n FROM retrieval_jobs", &[]), 0);
        assert_eq!(count(db, "SELECT COUNT(*) AS n FROM retrieval_job_chunks", &[]), 0);
        assert_eq!(queue::remaining(db, Scope::All).unwrap(), 0);
        assert!(one_step(db, &Words, Scope::All, 203).is_empty());

        // The last chunk, found by every ranker, with offsets into the document's text.
        for mode in ["lexical", "dense", "hybrid"] {
            let request: SearchRequest =
                serde_json::from_value(json!({ "query": late, "mode": mode, "top_k": 1 })).unwrap();
            let r = service::search(db, &Words, "t", &kb, request).unwrap();
            let top = &r["results"][0];
            assert_eq!(top["chunk_index"], n - 1, "{engine} {mode}: {r}");
            let (start, end) = (
                top["offsets"]["start"].as_u64().unwrap() as usize,
                top["offsets"]["end"].as_u64().unwrap() as usize,
            );
            let slice: String = text.chars().skip(start).take(end - start).collect();
            assert_eq!(top["text"], slice.as_str());
        }
        let info = service::get_kb(db, "t", &kb).unwrap();
        assert_eq!(info["chunk_count"], n + 1);
    }
}

/// Two processors on two connections to one database: every chunk is written exactly once,
/// also when one of them takes over leases it thinks expired while the other is mid-step.
#[test]
fn racing_processors_never_duplicate_a_chunk() {
    let sqlite_path = std::env::temp_dir().join(format!(
        "retrieval-queue-race-{}.db",
        test_services::random_suffix()
    ));
    let pg_url = test_services::fresh_postgres_database("retrieval_queue_race");
    let open: Vec<(&str, Box<dyn Fn() -> Box<dyn Sql> + Send + Sync>)> = vec![
        (
            "sqlite",
            Box::new({
                let path = sqlite_path.clone();
                move || Box::new(NativeSqlite::open(&path).unwrap()) as Box<dyn Sql>
            }),
        ),
        (
            "postgres",
            Box::new({
                let url = pg_url.clone();
                move || Box::new(NativePostgres::connect(&url).unwrap()) as Box<dyn Sql>
            }),
        ),
    ];
    for (engine, open) in open {
        let open = Arc::new(open);
        let db = open();
        service::migrate(db.as_ref()).unwrap();
        let kb = kb(db.as_ref(), "t");
        let n = 3 * STEP_CHUNKS + 5;
        let mut docs = Vec::new();
        for d in 0..3 {
            let text = large_text(n).replace("Paragraph", &format!("Document{d}"));
            docs.push(submit(db.as_ref(), &Words, "t", &kb, &text)["doc_id"].as_str().unwrap().to_string());
        }
        let barrier = Arc::new(Barrier::new(2));
        let workers: Vec<_> = (0..2)
            .map(|w| {
                let open = Arc::clone(&open);
                let barrier = Arc::clone(&barrier);
                std::thread::spawn(move || {
                    let db = open();
                    barrier.wait();
                    let mut steps = 0;
                    // The second worker's clock runs far ahead: every lease looks expired to
                    // it, so it takes over jobs the first is still working on.
                    let clock = 1_000 + w as i64 * 10_000;
                    for round in 0..200 {
                        let done = queue::process_pending(
                            db.as_ref(),
                            &Slow,
                            Scope::All,
                            Duration::ZERO,
                            &|| clock + round,
                        )
                        .unwrap();
                        steps += done.len();
                        if queue::remaining(db.as_ref(), Scope::All).unwrap() == 0 {
                            break;
                        }
                    }
                    steps
                })
            })
            .collect();
        let steps: usize = workers.into_iter().map(|w| w.join().unwrap()).sum();
        assert!(steps >= 3 * 4, "{engine}: {steps} steps");
        for doc_id in &docs {
            assert_eq!(
                chunk_ordinals(db.as_ref(), doc_id),
                (0..n as i64).collect::<Vec<_>>(),
                "{engine}: {doc_id}"
            );
            let status = service::get_document(db.as_ref(), "t", &kb, doc_id).unwrap();
            assert_eq!(status["status"], "indexed", "{engine}: {status}");
            assert_eq!(status["vectors"], "complete");
        }
        if engine == "sqlite" {
            let fts = format!("retrieval_fts_{}", kb.strip_prefix("kb_").unwrap());
            let entries = count(db.as_ref(), &format!("SELECT COUNT(*) AS n FROM {fts}"), &[]);
            assert_eq!(entries, (3 * n) as i64, "one lexical entry per chunk");
        }
        // Each marker is one chunk: no duplicate surfaces in search either.
        let hits = lexical(db.as_ref(), "t", &kb, "marker7x");
        assert_eq!(hits["results"].as_array().unwrap().len(), 3, "{engine}: {hits}");
    }
    let _ = std::fs::remove_file(&sqlite_path);
}

#[test]
fn embeddings_failing_mid_document_leave_it_indexed_lexically_with_partial_vectors() {
    let n = 2 * STEP_CHUNKS + 3;
    for (engine, db) in databases() {
        let db = db.as_ref();
        service::migrate(db).unwrap();
        let kb = kb(db, "t");
        let doc_id = submit(db, &Words, "t", &kb, &large_text(n))["doc_id"]
            .as_str()
            .unwrap()
            .to_string();
        let failing = FailsFrom {
            from: 1,
            calls: AtomicUsize::new(0),
        };
        let steps =
            queue::process_pending(db, &failing, Scope::All, Duration::from_secs(60), &|| 300)
                .unwrap();
        assert_eq!(steps.len(), 3, "{engine}: {steps:?}");
        assert_eq!(steps[1].error.as_deref(), Some("embedding provider unavailable"));
        let status = service::get_document(db, "t", &kb, &doc_id).unwrap();
        assert_eq!(status["status"], "indexed", "{engine}: {status}");
        assert_eq!(status["vectors"], "partial");
        assert_eq!(status["vectors_error"], "embedding provider unavailable");
        assert_eq!(chunk_ordinals(db, &doc_id).len(), n);
        let with_vectors = count(
            db,
            "SELECT COUNT(*) AS n FROM retrieval_chunks WHERE doc_id = $1 AND embedding IS NOT NULL",
            &[doc_id.as_str().into()],
        );
        assert_eq!(with_vectors, STEP_CHUNKS as i64, "{engine}");
        // The lexically indexed batches are found.
        let late = format!("marker{}x", n - 1);
        assert_eq!(lexical(db, "t", &kb, &late)["results"][0]["chunk_index"], n - 1);

        // No embeddings at all: `missing`, like the synchronous path.
        let other = submit(db, &NoEmbedder, "t", &kb, &large_text(n).replace("wing", "panel"));
        let other_id = other["doc_id"].as_str().unwrap();
        queue::process_pending(db, &NoEmbedder, Scope::All, Duration::from_secs(60), &|| 301)
            .unwrap();
        let status = service::get_document(db, "t", &kb, other_id).unwrap();
        assert_eq!((status["status"].as_str(), status["vectors"].as_str()), (Some("indexed"), Some("missing")));
    }
}

#[test]
fn a_write_failing_again_and_again_marks_the_document_failed_with_why() {
    let n = 2 * STEP_CHUNKS + 3;
    for (engine, db) in databases() {
        let db = db.as_ref();
        service::migrate(db).unwrap();
        let kb = kb(db, "t");
        let doc_id = submit(db, &Words, "t", &kb, &large_text(n))["doc_id"]
            .as_str()
            .unwrap()
            .to_string();
        // One good step, so the failure has partial chunks to clean up.
        one_step(db, &Words, Scope::All, 400);
        assert_eq!(chunk_ordinals(db, &doc_id).len(), STEP_CHUNKS);

        let refusing = RefusesChunks(db);
        let mut now = 500;
        for attempt in 1..MAX_ATTEMPTS {
            let steps = one_step(&refusing, &Words, Scope::All, now);
            assert_eq!(steps.len(), 1, "{engine} attempt {attempt}");
            let status = service::get_document(db, "t", &kb, &doc_id).unwrap();
            assert_eq!(status["status"], "indexing", "{engine}: {status}");
            let error = status["error"].as_str().unwrap();
            assert!(
                error.contains(&format!("attempt {attempt} of {MAX_ATTEMPTS} failed")),
                "{error}"
            );
            // The failed batch left nothing behind.
            assert_eq!(chunk_ordinals(db, &doc_id).len(), STEP_CHUNKS);
            // Not retried before its delay.
            assert!(one_step(&refusing, &Words, Scope::All, now).is_empty());
            now += 1_000;
        }
        let steps = one_step(&refusing, &Words, Scope::All, now);
        assert_eq!(steps[0].status, "failed", "{engine}: {steps:?}");
        let status = service::get_document(db, "t", &kb, &doc_id).unwrap();
        assert_eq!(status["status"], "failed");
        assert_eq!(status["chunks_indexed"], 0);
        let error = status["error"].as_str().unwrap();
        assert!(error.contains("indexing failed after 3 attempts"), "{error}");
        assert!(!error.contains("disk full"), "store details stay in the log: {error}");
        assert!(chunk_ordinals(db, &doc_id).is_empty(), "{engine}");
        assert!(lexical(db, "t", &kb, "marker3x")["results"].as_array().unwrap().is_empty());
        assert_eq!(queue::remaining(db, Scope::All).unwrap(), 0);
        assert_eq!(count(db, "SELECT COUNT(*) AS n FROM retrieval_job_chunks", &[]), 0);
    }
}

#[test]
fn deleting_a_pending_document_removes_its_job_and_chunks() {
    let n = 2 * STEP_CHUNKS + 3;
    for (engine, db) in databases() {
        let db = db.as_ref();
        service::migrate(db).unwrap();
        let kb = kb(db, "t");
        let doc_id = submit(db, &Words, "t", &kb, &large_text(n))["doc_id"]
            .as_str()
            .unwrap()
            .to_string();
        one_step(db, &Words, Scope::All, 600);
        assert_eq!(chunk_ordinals(db, &doc_id).len(), STEP_CHUNKS, "{engine}");
        service::delete_document(db, "t", &kb, &doc_id).unwrap();
        assert!(chunk_ordinals(db, &doc_id).is_empty());
        assert_eq!(queue::remaining(db, Scope::All).unwrap(), 0);
        assert_eq!(count(db, "SELECT COUNT(*) AS n FROM retrieval_job_chunks", &[]), 0);
        assert!(one_step(db, &Words, Scope::All, 601).is_empty());
        assert!(lexical(db, "t", &kb, "marker3x")["results"].as_array().unwrap().is_empty());
        assert_eq!(service::get_document(db, "t", &kb, &doc_id).unwrap_err().status, 404);

        // Deleting the knowledge base takes its queued documents' jobs along.
        submit(db, &Words, "t", &kb, &large_text(n));
        assert_eq!(queue::remaining(db, Scope::Tenant("t")).unwrap(), 1);
        service::delete_kb(db, "t", &kb).unwrap();
        assert_eq!(queue::remaining(db, Scope::All).unwrap(), 0, "{engine}");
        assert_eq!(count(db, "SELECT COUNT(*) AS n FROM retrieval_job_chunks", &[]), 0);
    }
}
