//! The IVF vector index through the service, on real SQLite and real PostgreSQL: recall@10
//! against the exact flat scan on a clustered corpus, vectors added after training, deletes,
//! knowledge bases written before the index existed, tenant isolation.
//!
//! Documents are paragraphs `v<i>`, one chunk each; the embedder maps `v<i>` to the i-th
//! vector of a synthetic clustered corpus and `q<i>` to the i-th query.

use retrieval_core::service::{self, Embedder, NewDocument, NewKb, SearchRequest};
use retrieval_core::vector_index::{self, exact_nearest, ivf_nearest, MIN_INDEXED};
use retrieval_core::{ChunkConfig, ContentType};
use serde_json::{json, Map};
use storage::native::{test_services, NativeSqlite};
use storage::Sql;

const DIMS: usize = 96;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn normal(&mut self) -> f32 {
        let s: f32 = (0..4)
            .map(|_| (self.next() >> 40) as f32 / (1u64 << 24) as f32)
            .sum();
        (s - 2.0) * 3f32.sqrt()
    }
}

/// Unit vectors around `clusters` random centres, noise of norm `noise`.
fn clustered(n: usize, clusters: usize, noise: f32, seed: u64) -> Vec<Vec<f32>> {
    let mut rng = Rng(seed | 1);
    let unit = |mut v: Vec<f32>| {
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.iter_mut().for_each(|x| *x /= norm);
        v
    };
    let centres: Vec<Vec<f32>> = (0..clusters)
        .map(|_| unit((0..DIMS).map(|_| rng.normal()).collect()))
        .collect();
    let scale = noise / (DIMS as f32).sqrt();
    (0..n)
        .map(|i| {
            let c = &centres[(rng.next() as usize + i) % clusters];
            unit(c.iter().map(|x| x + scale * rng.normal()).collect())
        })
        .collect()
}

struct Corpus {
    vectors: Vec<Vec<f32>>,
    queries: Vec<Vec<f32>>,
}

impl Embedder for Corpus {
    fn embed(&self, texts: &[String]) -> Result<Vec<Vec<f32>>, String> {
        texts
            .iter()
            .map(|t| {
                let (table, index) = match t.as_bytes().first() {
                    Some(b'v') => (&self.vectors, &t[1..]),
                    Some(b'q') => (&self.queries, &t[1..]),
                    _ => return Err(format!("not a corpus text: {t:?}")),
                };
                let i: usize = index
                    .trim()
                    .parse()
                    .map_err(|_| format!("bad index in {t:?}"))?;
                Ok(table[i].clone())
            })
            .collect()
    }
}

fn corpus(n: usize, queries: usize) -> Corpus {
    // Drawn together, so queries come from the same clusters as the documents.
    let mut all = clustered(n + queries, 30, 0.9, 11);
    let queries = all.split_off(n);
    Corpus {
        vectors: all,
        queries,
    }
}

fn databases() -> Vec<(&'static str, Box<dyn Sql>)> {
    vec![
        ("sqlite", Box::new(NativeSqlite::open_in_memory().unwrap())),
        (
            "postgres",
            Box::new(test_services::postgres("retrieval_ivf")),
        ),
    ]
}

fn new_kb(db: &dyn Sql, tenant: &str) -> String {
    service::migrate(db).unwrap();
    service::create_kb(
        db,
        tenant,
        NewKb {
            name: "kb".into(),
            description: None,
        },
        1,
    )
    .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Chunks per document: small enough to be indexed within the request (no queue).
const PER_DOCUMENT: usize = 50;

/// Ingests vectors `range` (a multiple of [`PER_DOCUMENT`] long) as documents of
/// [`PER_DOCUMENT`] chunks; returns their ids.
fn add(
    db: &dyn Sql,
    e: &Corpus,
    tenant: &str,
    kb: &str,
    range: std::ops::Range<usize>,
) -> Vec<String> {
    let config = ChunkConfig {
        max_tokens: 16,
        min_tokens: 1,
        overlap_tokens: 0,
    };
    let all: Vec<usize> = range.collect();
    all.chunks(PER_DOCUMENT)
        .map(|part| {
            let text: Vec<String> = part.iter().map(|i| format!("v{i}")).collect();
            let outcome = service::ingest(
                db,
                e,
                tenant,
                kb,
                NewDocument {
                    text: text.join("\n\n"),
                    title: None,
                    content_type: ContentType::Plain,
                    metadata: Map::new(),
                },
                None,
                &config,
                1,
            )
            .unwrap();
            assert_eq!(
                outcome.document["chunk_count"],
                json!(part.len()),
                "one chunk per paragraph"
            );
            assert_eq!(outcome.document["vectors"], json!("complete"));
            outcome.document["doc_id"].as_str().unwrap().to_string()
        })
        .collect()
}

/// The chunk id of vector `i` of a range added as `docs`.
fn chunk_of(docs: &[String], i: usize) -> String {
    format!("{}_{}", docs[i / PER_DOCUMENT], i % PER_DOCUMENT)
}

/// Whether chunk `id` belongs to one of `docs`.
fn owned(docs: &[String], id: &str) -> bool {
    docs.iter().any(|d| id.starts_with(d.as_str()))
}

fn ids(found: &[(String, f64)]) -> Vec<&str> {
    found.iter().map(|(id, _)| id.as_str()).collect()
}

/// Mean share of the exact top 10 that the IVF also returns in its top 10.
fn recall_at_10(db: &dyn Sql, e: &Corpus, tenant: &str, kb: &str) -> f64 {
    let mut total = 0.0;
    for q in &e.queries {
        let exact = exact_nearest(db, tenant, kb, q, 10).unwrap();
        let ivf = ivf_nearest(db, tenant, kb, q, 10, None)
            .unwrap()
            .expect("the knowledge base is indexed");
        let got = ids(&ivf);
        total += ids(&exact).iter().filter(|id| got.contains(id)).count() as f64 / 10.0;
        // The IVF's scores are the exact cosines of what it found.
        for (a, b) in exact.iter().zip(&ivf) {
            if a.0 == b.0 {
                assert!((a.1 - b.1).abs() < 1e-6);
            }
        }
    }
    total / e.queries.len() as f64
}

#[test]
fn ivf_recall_matches_the_exact_scan_with_vectors_added_after_training() {
    let e = corpus(3_000, 60);
    for (engine, db) in databases() {
        let db = db.as_ref();
        let kb = new_kb(db, "t1");
        add(db, &e, "t1", &kb, 0..1_000);
        // Below MIN_INDEXED: answered exactly.
        assert!(
            ivf_nearest(db, "t1", &kb, &e.queries[0], 10, None)
                .unwrap()
                .is_none(),
            "{engine}"
        );
        add(db, &e, "t1", &kb, 1_000..2_000);
        // Trained at 2,000; the next thousand join their nearest lists without retraining.
        add(db, &e, "t1", &kb, 2_000..3_000);
        let state = db
            .query(
                "SELECT vectors, trained_at, lists FROM retrieval_ivf WHERE tenant_id = $1 AND kb_id = $2",
                &["t1".into(), kb.as_str().into()],
            )
            .unwrap();
        assert_eq!(state[0].int("vectors").unwrap(), 3_000, "{engine}");
        assert_eq!(
            state[0].int("trained_at").unwrap(),
            MIN_INDEXED as i64,
            "{engine}"
        );
        assert!(state[0].int("lists").unwrap() > 1, "{engine}");
        let recall = recall_at_10(db, &e, "t1", &kb);
        println!("{engine}: recall@10 = {recall:.3}");
        assert!(recall >= 0.95, "{engine}: recall@10 {recall:.3} < 0.95");
        // The IVF reads only some lists: fewer rows than the whole knowledge base.
        let listed = db
            .query(
                "SELECT COUNT(DISTINCT list) AS lists FROM retrieval_ivf_vectors WHERE tenant_id = $1 AND kb_id = $2",
                &["t1".into(), kb.as_str().into()],
            )
            .unwrap()[0]
            .int("lists")
            .unwrap();
        assert!(listed > 8, "{engine}: vectors spread over {listed} lists");
        // Dense search through the service agrees with the exact scan on the best chunk.
        let body = service::search(
            db,
            &e,
            "t1",
            &kb,
            // From JSON, as a client sends it: the request's optional fields are the service's.
            serde_json::from_value::<SearchRequest>(
                json!({"query": "q0", "top_k": 5, "mode": "dense"}),
            )
            .unwrap(),
        )
        .unwrap();
        let exact = exact_nearest(db, "t1", &kb, &e.queries[0], 1).unwrap();
        assert_eq!(
            body["results"][0]["chunk_id"],
            json!(exact[0].0),
            "{engine}"
        );
    }
}

#[test]
fn deleted_documents_and_knowledge_bases_leave_the_index() {
    let e = corpus(2_400, 20);
    for (engine, db) in databases() {
        let db = db.as_ref();
        let kb = new_kb(db, "t1");
        let first = add(db, &e, "t1", &kb, 0..1_200);
        add(db, &e, "t1", &kb, 1_200..2_400);
        // A query equal to a vector of the first documents finds that chunk first...
        let probe = &e.vectors[17];
        let found = ivf_nearest(db, "t1", &kb, probe, 10, None)
            .unwrap()
            .unwrap();
        assert_eq!(found[0].0, chunk_of(&first, 17), "{engine}");
        assert!((found[0].1 - 1.0).abs() < 1e-5, "{engine}");
        // ...and nothing of them once they are deleted.
        for doc in &first {
            service::delete_document(db, "t1", &kb, doc).unwrap();
        }
        let count = db
            .query(
                "SELECT vectors FROM retrieval_ivf WHERE tenant_id = $1 AND kb_id = $2",
                &["t1".into(), kb.as_str().into()],
            )
            .unwrap()[0]
            .int("vectors")
            .unwrap();
        assert_eq!(count, 1_200, "{engine}");
        // 1,200 vectors is below MIN_INDEXED, so `nearest` answers exactly; the lists must be
        // clean all the same (a later growth reuses them).
        let listed = ivf_nearest(db, "t1", &kb, probe, 50, Some(1_000));
        assert!(listed.unwrap().is_none(), "{engine}: below the threshold");
        let leftovers = db
            .query(
                "SELECT COUNT(*) AS n FROM retrieval_ivf_vectors WHERE tenant_id = $1 AND kb_id = $2",
                &["t1".into(), kb.as_str().into()],
            )
            .unwrap()[0]
            .int("n")
            .unwrap();
        assert_eq!(leftovers, 1_200, "{engine}");
        let after = vector_index::nearest(db, "t1", &kb, probe, 50).unwrap();
        assert!(after.iter().all(|(id, _)| !owned(&first, id)), "{engine}");
        assert_eq!(after.len(), 50, "{engine}");

        service::delete_kb(db, "t1", &kb).unwrap();
        for table in ["retrieval_ivf", "retrieval_ivf_vectors"] {
            let left = db
                .query(
                    &format!(
                        "SELECT COUNT(*) AS n FROM {table} WHERE tenant_id = $1 AND kb_id = $2"
                    ),
                    &["t1".into(), kb.as_str().into()],
                )
                .unwrap()[0]
                .int("n")
                .unwrap();
            assert_eq!(left, 0, "{engine}: {table}");
        }
    }
}

#[test]
fn a_knowledge_base_from_before_the_index_joins_it_whole_on_its_next_write() {
    let e = corpus(2_500, 10);
    for (engine, db) in databases() {
        let db = db.as_ref();
        let kb = new_kb(db, "t1");
        let old = add(db, &e, "t1", &kb, 0..1_500);
        // As if written before migration 3: chunks with vectors, no index rows.
        let scope = ["t1".into(), kb.as_str().into()];
        db.execute(
            "DELETE FROM retrieval_ivf_vectors WHERE tenant_id = $1 AND kb_id = $2",
            &scope,
        )
        .unwrap();
        db.execute(
            "DELETE FROM retrieval_ivf WHERE tenant_id = $1 AND kb_id = $2",
            &scope,
        )
        .unwrap();
        assert!(ivf_nearest(db, "t1", &kb, &e.vectors[3], 10, None)
            .unwrap()
            .is_none());
        let state = |db: &dyn Sql| {
            let rows = db
                .query(
                    "SELECT vectors, trained_at FROM retrieval_ivf WHERE tenant_id = $1 AND kb_id = $2",
                    &scope,
                )
                .unwrap();
            (
                rows[0].int("vectors").unwrap(),
                rows[0].int("trained_at").unwrap(),
            )
        };
        // The next document brings the 1,500 old vectors in with its own 50...
        add(db, &e, "t1", &kb, 1_500..1_550);
        assert_eq!(state(db), (1_550, 0), "{engine}");
        // ...and the knowledge base trains when the count reaches 2,000.
        add(db, &e, "t1", &kb, 1_550..2_500);
        assert_eq!(state(db), (2_500, 2_000), "{engine}");
        let found = ivf_nearest(db, "t1", &kb, &e.vectors[3], 1, None)
            .unwrap()
            .unwrap();
        assert_eq!(found[0].0, chunk_of(&old, 3), "{engine}");
    }
}

#[test]
fn another_tenant_never_reaches_the_index() {
    let e = corpus(2_200, 10);
    for (engine, db) in databases() {
        let db = db.as_ref();
        let kb_a = new_kb(db, "tenant_a");
        let docs_a = add(db, &e, "tenant_a", &kb_a, 0..2_200);
        let kb_b = new_kb(db, "tenant_b");
        let docs_b = add(db, &e, "tenant_b", &kb_b, 0..100);
        for q in e.vectors.iter().step_by(97) {
            // B's own knowledge base: only B's chunks, exactly scanned (100 vectors).
            let found = vector_index::nearest(db, "tenant_b", &kb_b, q, 50).unwrap();
            assert!(found.iter().all(|(id, _)| owned(&docs_b, id)), "{engine}");
            // A's knowledge base id under B's tenant: nothing at all.
            assert!(
                vector_index::nearest(db, "tenant_b", &kb_a, q, 50)
                    .unwrap()
                    .is_empty(),
                "{engine}"
            );
            assert!(
                ivf_nearest(db, "tenant_b", &kb_a, q, 50, None)
                    .unwrap()
                    .is_none(),
                "{engine}"
            );
            // A's own: indexed, and only A's chunks.
            let found = ivf_nearest(db, "tenant_a", &kb_a, q, 50, None)
                .unwrap()
                .unwrap();
            assert!(
                !found.is_empty() && found.iter().all(|(id, _)| owned(&docs_a, id)),
                "{engine}"
            );
        }
        // Removing B's knowledge base leaves A's index whole.
        service::delete_kb(db, "tenant_b", &kb_b).unwrap();
        let a_count = db
            .query(
                "SELECT COUNT(*) AS n FROM retrieval_ivf_vectors WHERE tenant_id = $1 AND kb_id = $2",
                &["tenant_a".into(), kb_a.as_str().into()],
            )
            .unwrap()[0]
            .int("n")
            .unwrap();
        assert_eq!(a_count, 2_200, "{engine}");
    }
}
