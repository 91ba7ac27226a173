//! The pgvector path against genuine pgvector: PGlite with its pgvector build, served over
//! the PostgreSQL wire protocol (`TEST_PGVECTOR_URL`, started by `scripts/test`); and the
//! plain PostgreSQL (`TEST_POSTGRES_URL`, no pgvector) and SQLite, where it must say no.
//!
//! PGlite is one PostgreSQL backend behind a socket: the server multiplexes connections
//! onto that one session message by message (an unnamed prepared statement of one client
//! can be replaced by another's between Parse and Bind; session settings are shared). So
//! every test here goes through ONE connection, one test at a time, and works in its own
//! random tenant so earlier runs against the same server do not matter.

use std::sync::{Mutex, MutexGuard, OnceLock};

use retrieval_core::pgvector::{self, DIMENSIONS, HNSW_INDEX};
use storage::native::{test_services, NativePostgres, NativeSqlite};
use storage::Sql;

fn pgvector_url() -> String {
    std::env::var("TEST_PGVECTOR_URL").unwrap_or_else(|_| {
        panic!(
            "TEST_PGVECTOR_URL is not set: these tests need PostgreSQL with pgvector 0.8+. \
             Run scripts/test (it starts PGlite with pgvector), or start one yourself: \
             (source scripts/lib/common.sh; source scripts/lib/services.sh; ensure_pglite) && \
             target/pglite/node_modules/.bin/pglite-server -p 55432 -m 1 \
             -e @electric-sql/pglite-pgvector:vector & \
             export TEST_PGVECTOR_URL=postgres://postgres@127.0.0.1:55432/postgres"
        )
    })
}

/// What every test shares: the one connection to PGlite (migrated, fixture loaded) and the
/// fixture's data.
struct Shared {
    db: Mutex<NativePostgres>,
    fixture: Fixture,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let url = pgvector_url();
        let db = NativePostgres::connect(&url)
            .unwrap_or_else(|e| panic!("cannot connect to TEST_PGVECTOR_URL={url}: {e}"));
        assert!(
            pgvector::available(&db).unwrap(),
            "TEST_PGVECTOR_URL={url} has no usable pgvector 0.8+"
        );
        pgvector::migrate(&db).unwrap();
        let fixture = Fixture::generate();
        fixture.load(&db);
        Shared {
            db: Mutex::new(db),
            fixture,
        }
    })
}

/// Holding the guard is what runs the tests one at a time.
fn pglite() -> MutexGuard<'static, NativePostgres> {
    // A failed test must not take the others down with it.
    shared()
        .db
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Two tenants big enough that the planner prefers the HNSW index (below a few thousand
/// rows a sequential or btree scan and a sort is cheaper, and the index would go untested;
/// `big` is also above `pgvector::EXACT_UP_TO`, below which the index is never used):
/// `big`, 1,500 vectors in 50 loose clusters (30 each), and `filler`, 2,000 vectors in tight
/// clusters right on top of big's first 20. A query at one of those centres has a hundred
/// filler vectors nearer than any of big's, so big's search there only fills its limit
/// through the iterative scan. Clustered, like embeddings of related texts, and unlike
/// uniform random vectors, which have no near neighbours for HNSW to find (and cost ~10 ms
/// per insert in PGlite). The same seeds every run, so a server that already holds them
/// (an earlier run) is reused as is.
struct Fixture {
    big_centres: Vec<Vec<f32>>,
    big: Vec<(String, Vec<f32>)>,
}

const FILLER: &str = "filler";
const BIG: &str = "big";

impl Fixture {
    fn generate() -> Self {
        let mut rng = Rng(0xb16);
        let big_centres: Vec<Vec<f32>> = (0..50).map(|_| rng.vector()).collect();
        let big = (0..1500)
            .map(|i| {
                (
                    format!("big-{i}"),
                    rng.near(&big_centres[i % big_centres.len()], 0.5),
                )
            })
            .collect();
        Self { big_centres, big }
    }

    fn filler(&self) -> Vec<(String, Vec<f32>)> {
        let mut rng = Rng(0xf111e8);
        (0..2000)
            .map(|i| {
                (
                    format!("filler-{i}"),
                    rng.near(&self.big_centres[i % 20], 0.05),
                )
            })
            .collect()
    }

    fn load(&self, db: &dyn Sql) {
        for (tenant, rows) in [(FILLER, self.filler()), (BIG, self.big.clone())] {
            let stored = db
                .query(
                    "SELECT count(*) AS n FROM retrieval_pgvectors WHERE tenant_id = $1",
                    &[tenant.into()],
                )
                .unwrap()[0]
                .int("n")
                .unwrap();
            if stored as usize != rows.len() {
                pgvector::remove_kb(db, tenant, "kb").unwrap();
                store_in_docs(db, tenant, "kb", &rows, rows.len() / 100);
            }
        }
        db.execute("ANALYZE retrieval_pgvectors", &[]).unwrap();
    }
}

type Rows = Vec<(String, Vec<f32>)>;

/// splitmix64: deterministic vectors without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in [-0.5, 0.5).
    fn uniform(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32 - 0.5
    }
    fn vector(&mut self) -> Vec<f32> {
        (0..DIMENSIONS).map(|_| self.uniform()).collect()
    }
    /// `centre` moved by up to ±spread/2 in each dimension.
    fn near(&mut self, centre: &[f32], spread: f32) -> Vec<f32> {
        centre.iter().map(|x| x + spread * self.uniform()).collect()
    }
}

fn unique(prefix: &str) -> String {
    format!("{prefix}-{}", test_services::random_suffix())
}

fn cosine(a: &[f32], b: &[f32]) -> f64 {
    let (mut dot, mut na, mut nb) = (0f64, 0f64, 0f64);
    for (x, y) in a.iter().zip(b) {
        let (x, y) = (f64::from(*x), f64::from(*y));
        dot += x * y;
        na += x * x;
        nb += y * y;
    }
    dot / (na.sqrt() * nb.sqrt())
}

/// The exact answer: every vector scored, most similar first.
fn brute_force(rows: &[(String, Vec<f32>)], query: &[f32], limit: usize) -> Vec<(String, f64)> {
    let mut scored: Vec<(String, f64)> = rows
        .iter()
        .map(|(id, v)| (id.clone(), cosine(query, v)))
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    scored.truncate(limit);
    scored
}

/// pgvector sums in f32, so its scores differ from the f64 ones in the 7th digit.
const SCORE_TOLERANCE: f64 = 1e-5;

/// Same length, every returned score the exact cosine of its chunk, and the i-th score
/// the i-th best exact score: the exact top `limit` in exact order (up to chunks whose
/// scores tie within the tolerance).
fn assert_exact_top(
    got: &[(String, f64)],
    rows: &[(String, Vec<f32>)],
    query: &[f32],
    limit: usize,
) {
    let expected = brute_force(rows, query, limit);
    assert_eq!(got.len(), expected.len(), "result count for limit {limit}");
    let by_id: std::collections::HashMap<&str, &Vec<f32>> =
        rows.iter().map(|(id, v)| (id.as_str(), v)).collect();
    for (rank, ((id, score), (expected_id, expected_score))) in
        got.iter().zip(&expected).enumerate()
    {
        let vector = by_id
            .get(id.as_str())
            .unwrap_or_else(|| panic!("rank {rank}: {id} is not a chunk of this knowledge base"));
        let exact = cosine(query, vector);
        assert!(
            (score - exact).abs() < SCORE_TOLERANCE,
            "rank {rank}: {id} scored {score}, exact {exact}"
        );
        assert!(
            (score - expected_score).abs() < SCORE_TOLERANCE,
            "rank {rank}: got {id} ({score}), the exact rank {rank} is {expected_id} ({expected_score})"
        );
    }
}

/// `count` random vectors with ids `{prefix}-{i}`, in clusters of 20 (see [`Fixture`] for
/// why), and the clusters' centres.
fn random_rows(rng: &mut Rng, prefix: &str, count: usize) -> (Vec<Vec<f32>>, Rows) {
    let centres: Vec<Vec<f32>> = (0..count.div_ceil(20)).map(|_| rng.vector()).collect();
    let rows = (0..count)
        .map(|i| (format!("{prefix}-{i}"), rng.near(&centres[i / 20], 0.5)))
        .collect();
    (centres, rows)
}

fn store_in_docs(db: &dyn Sql, tenant: &str, kb: &str, rows: &[(String, Vec<f32>)], docs: usize) {
    let per_doc = rows.len().div_ceil(docs);
    for (d, rows) in rows.chunks(per_doc).enumerate() {
        pgvector::store(db, tenant, kb, &format!("doc-{d}"), rows).unwrap();
    }
}

#[test]
fn available_only_where_pgvector_is() {
    {
        let db = pglite();
        assert!(pgvector::available(&*db).unwrap(), "PGlite with pgvector");
        // Repeated calls stay true and change nothing.
        assert!(pgvector::available(&*db).unwrap());
        // Migrating again is a no-op.
        pgvector::migrate(&*db).unwrap();
    }

    // Debian's PostgreSQL has no pgvector; should a server with it ever be the test
    // server, `available` must install it (the test user is a superuser).
    let plain = test_services::postgres("retrieval_pgvector");
    let offered = !plain
        .query(
            "SELECT 1 AS x FROM pg_available_extensions WHERE name = 'vector'",
            &[],
        )
        .unwrap()
        .is_empty();
    assert_eq!(
        pgvector::available(&plain).unwrap(),
        offered,
        "plain PostgreSQL"
    );
    if !offered {
        // Saying no costs no failed statement: the connection is still fine, and the
        // table was never created.
        assert!(plain
            .query(
                "SELECT to_regclass('retrieval_pgvectors') IS NULL AS absent",
                &[]
            )
            .unwrap()[0]
            .bool("absent")
            .unwrap());
    }

    let sqlite = NativeSqlite::open_in_memory().unwrap();
    assert!(!pgvector::available(&sqlite).unwrap());
    assert!(
        pgvector::migrate(&sqlite).is_err(),
        "pgvector needs PostgreSQL"
    );
}

#[test]
fn nearest_is_the_exact_cosine_top_k() {
    let db = pglite();
    let tenant = unique("tenant");
    let mut rng = Rng(42);
    // 300 random vectors in 10 clusters of 30.
    let centres: Vec<Vec<f32>> = (0..10).map(|_| rng.vector()).collect();
    let prefix = unique("chunk");
    let rows: Vec<(String, Vec<f32>)> = (0..300)
        .map(|i| (format!("{prefix}-{i}"), rng.near(&centres[i % 10], 0.5)))
        .collect();
    store_in_docs(&*db, &tenant, "kb", &rows, 6);
    db.execute("ANALYZE retrieval_pgvectors", &[]).unwrap();

    for centre in &centres[..5] {
        let query = rng.near(centre, 0.3);
        for limit in [1, 10, 25] {
            let got = pgvector::nearest(&*db, &tenant, "kb", &query, limit).unwrap();
            assert_exact_top(&got, &rows, &query, limit);
        }
        // A query equal to a stored vector finds it first, with similarity 1.
        let (id, v) = &rows[rng.next() as usize % rows.len()];
        let got = pgvector::nearest(&*db, &tenant, "kb", v, 3).unwrap();
        assert_eq!(&got[0].0, id);
        assert!((got[0].1 - 1.0).abs() < SCORE_TOLERANCE);
    }

    // Asking for more than the knowledge base holds returns all of it, in order.
    let query = rng.near(&centres[7], 0.3);
    let got = pgvector::nearest(&*db, &tenant, "kb", &query, 1000).unwrap();
    assert_exact_top(&got, &rows, &query, 1000);

    // That small a knowledge base is read exactly, never through the approximate index
    // (which the planner would pick here for the 1,500 vectors of `big`).
    let plan = pgvector::explain_nearest(&*db, &tenant, "kb", &query, 10)
        .unwrap()
        .join("\n");
    assert!(!plan.contains(HNSW_INDEX), "plan:\n{plan}");
}

#[test]
fn the_hnsw_index_serves_a_filtered_knowledge_base_in_full() {
    let db = pglite();
    let fixture = &shared().fixture;
    let mut rng = Rng(5);
    let mut recalled = 0;
    let mut asked = 0;
    for round in 0..10 {
        // Inside a filler cluster: the hundred nearest vectors of the table are filler's;
        // the next are the 30 of big's cluster there.
        let query = rng.near(&fixture.big_centres[round], 0.05);
        for limit in [10, 25] {
            let plan = pgvector::explain_nearest(&*db, BIG, "kb", &query, limit)
                .unwrap()
                .join("\n");
            assert!(
                plan.contains(&format!("Index Scan using {HNSW_INDEX}")),
                "plan:\n{plan}"
            );

            let got = pgvector::nearest(&*db, BIG, "kb", &query, limit).unwrap();
            // Without the iterative scan the first ef_search candidates are all filler's
            // and this comes back empty.
            assert_eq!(got.len(), limit, "the iterative scan fills the limit");
            let by_id: std::collections::HashMap<&str, &Vec<f32>> =
                fixture.big.iter().map(|(id, v)| (id.as_str(), v)).collect();
            for pair in got.windows(2) {
                assert!(pair[0].1 >= pair[1].1, "best first: {pair:?}");
            }
            for (id, score) in &got {
                let vector = by_id
                    .get(id.as_str())
                    .unwrap_or_else(|| panic!("{id} is not big's"));
                let exact = cosine(&query, vector);
                assert!(
                    (score - exact).abs() < SCORE_TOLERANCE,
                    "{id} scored {score}, exact {exact}"
                );
            }
            // HNSW is approximate: count how much of the exact top it found. Each run
            // builds another graph (random levels); 0.93 to 1.00 measured over ten runs, so
            // the bar only catches a scan gone wrong, not a bad draw.
            let exact: std::collections::HashSet<String> = brute_force(&fixture.big, &query, limit)
                .into_iter()
                .map(|(id, _)| id)
                .collect();
            recalled += got.iter().filter(|(id, _)| exact.contains(id)).count();
            asked += limit;
        }
    }
    let recall = recalled as f64 / asked as f64;
    eprintln!("HNSW recall against the exact top k, filtered, relaxed order: {recall:.3}");
    assert!(recall >= 0.8, "recall {recall:.3}");
}

#[test]
fn another_tenants_vectors_are_never_returned() {
    let db = pglite();
    let (a, b) = (unique("tenant-a"), unique("tenant-b"));
    let mut rng = Rng(7);
    let (a_centres, a_rows) = random_rows(&mut rng, &unique("a"), 200);
    store_in_docs(&*db, &a, "kb", &a_rows, 4);

    // B uses the same knowledge base and document ids, and its vectors are all nearer to
    // the query than any of A's (the query itself and tiny perturbations of it), so an
    // unscoped or badly filtered scan would return them first.
    let query = rng.near(&a_centres[0], 0.3);
    let b_rows: Vec<(String, Vec<f32>)> = (0..100)
        .map(|i| {
            (
                unique(&format!("b-{i}")),
                query.iter().map(|x| x + 0.01 * rng.uniform()).collect(),
            )
        })
        .collect();
    pgvector::store(&*db, &b, "kb", "doc-0", &b_rows).unwrap();
    // And A's other knowledge base holds the query vector itself.
    let other_kb_row = (unique("a-other-kb"), query.clone());
    pgvector::store(
        &*db,
        &a,
        "kb-2",
        "doc-0",
        std::slice::from_ref(&other_kb_row),
    )
    .unwrap();
    db.execute("ANALYZE retrieval_pgvectors", &[]).unwrap();

    for limit in [10, 20] {
        let got = pgvector::nearest(&*db, &a, "kb", &query, limit).unwrap();
        assert_exact_top(&got, &a_rows, &query, limit);
    }
    let got = pgvector::nearest(&*db, &b, "kb", &query, 200).unwrap();
    assert_eq!(got.len(), b_rows.len());
    let b_ids: std::collections::HashSet<&String> = b_rows.iter().map(|(id, _)| id).collect();
    assert!(
        got.iter().all(|(id, _)| b_ids.contains(id)),
        "B sees only B's chunks"
    );
    let got = pgvector::nearest(&*db, &a, "kb-2", &query, 10).unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, other_kb_row.0);

    // Storing under a chunk id another tenant owns fails and leaves that row alone.
    let stolen = vec![(a_rows[0].0.clone(), query.clone())];
    let err = pgvector::store(&*db, &b, "kb", "doc-0", &stolen).unwrap_err();
    assert!(err.is_unique_violation(), "{err}");
    let got = pgvector::nearest(&*db, &a, "kb", &a_rows[0].1, 1).unwrap();
    assert_eq!(got[0].0, a_rows[0].0);
    assert!(
        (got[0].1 - 1.0).abs() < SCORE_TOLERANCE,
        "A's vector unchanged"
    );
}

#[test]
fn removing_documents_and_knowledge_bases() {
    let db = pglite();
    let (tenant, other) = (unique("tenant"), unique("other"));
    let mut rng = Rng(99);
    let (centres, rows) = random_rows(&mut rng, &unique("chunk"), 60);
    store_in_docs(&*db, &tenant, "kb", &rows, 3); // doc-0, doc-1, doc-2: 20 rows each
    let (_, other_rows) = random_rows(&mut rng, &unique("other"), 10);
    store_in_docs(&*db, &other, "kb", &other_rows, 1);
    let query = rng.near(&centres[2], 0.3);

    // Re-storing a document's chunks replaces their vectors rather than failing.
    let replaced: Vec<(String, Vec<f32>)> = rows[..20]
        .iter()
        .map(|(id, _)| (id.clone(), rng.near(&centres[1], 0.5)))
        .collect();
    pgvector::store(&*db, &tenant, "kb", "doc-0", &replaced).unwrap();
    let mut current = replaced.clone();
    current.extend_from_slice(&rows[20..]);
    assert_exact_top(
        &pgvector::nearest(&*db, &tenant, "kb", &query, 100).unwrap(),
        &current,
        &query,
        100,
    );

    pgvector::remove_document(&*db, &tenant, "kb", "doc-1").unwrap();
    let mut remaining = replaced;
    remaining.extend_from_slice(&rows[40..]);
    let got = pgvector::nearest(&*db, &tenant, "kb", &query, 100).unwrap();
    assert_exact_top(&got, &remaining, &query, 100);

    // Another tenant's knowledge base of the same id is untouched by either removal.
    pgvector::remove_kb(&*db, &tenant, "kb").unwrap();
    assert!(pgvector::nearest(&*db, &tenant, "kb", &query, 100)
        .unwrap()
        .is_empty());
    let got = pgvector::nearest(&*db, &other, "kb", &query, 100).unwrap();
    assert_exact_top(&got, &other_rows, &query, 100);
}

#[test]
fn bad_vectors_are_refused() {
    let db = pglite();
    let tenant = unique("tenant");
    let short = vec![(unique("c"), vec![0.5f32; 3])];
    assert!(pgvector::store(&*db, &tenant, "kb", "d", &short).is_err());
    let mut nan = vec![0.5f32; DIMENSIONS];
    nan[1] = f32::NAN;
    assert!(pgvector::store(&*db, &tenant, "kb", "d", &[(unique("c"), nan.clone())]).is_err());
    assert!(pgvector::nearest(&*db, &tenant, "kb", &nan, 5).is_err());

    // A zero vector has no cosine: stored, never returned, and as a query it finds nothing.
    let zero = vec![0f32; DIMENSIONS];
    let one = vec![
        (unique("c"), vec![0.5f32; DIMENSIONS]),
        (unique("z"), zero.clone()),
    ];
    pgvector::store(&*db, &tenant, "kb", "d", &one).unwrap();
    let got = pgvector::nearest(&*db, &tenant, "kb", &vec![0.25f32; DIMENSIONS], 5).unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, one[0].0);
    assert!(pgvector::nearest(&*db, &tenant, "kb", &zero, 5)
        .unwrap()
        .is_empty());
}

#[test]
fn backfill_copies_the_vectors_chunks_already_have() {
    let db = pglite();
    // The service's own tables, as on a database that had them before pgvector.
    retrieval_core::service::migrate(&*db).unwrap();
    let tenant = unique("tenant");
    let mut rng = Rng(11);
    let (_, rows) = random_rows(&mut rng, &unique("chunk"), 40);
    let insert_chunk = |id: &str, doc: &str, embedding: Vec<u8>| {
        db.execute(
            "INSERT INTO retrieval_chunks (id, tenant_id, kb_id, doc_id, ordinal, text, \
             start_offset, end_offset, headings, embedding, terms) \
             VALUES ($1, $2, 'kb', $3, 0, 't', 0, 1, '[]', $4, to_tsvector('simple', 't'))",
            &[
                id.into(),
                tenant.as_str().into(),
                doc.into(),
                embedding.into(),
            ],
        )
        .unwrap();
    };
    for (i, (id, v)) in rows.iter().enumerate() {
        insert_chunk(id, &format!("doc-{}", i % 3), retrieval_core::encode_f32(v));
    }
    // Another model's vector (wrong size), a chunk without one, and another tenant's chunk.
    insert_chunk(
        &unique("other-dims"),
        "doc-0",
        retrieval_core::encode_f32(&[0.5; 8]),
    );
    let other = unique("other");
    db.execute(
        "INSERT INTO retrieval_chunks (id, tenant_id, kb_id, doc_id, ordinal, text, \
         start_offset, end_offset, headings, embedding, terms) \
         VALUES ($1, $2, 'kb', 'doc-0', 0, 't', 0, 1, '[]', $3, to_tsvector('simple', 't'))",
        &[
            unique("theirs").into(),
            other.as_str().into(),
            retrieval_core::encode_f32(&rows[0].1).into(),
        ],
    )
    .unwrap();
    // Some vectors are there already (written after pgvector appeared).
    pgvector::store(&*db, &tenant, "kb", "doc-0", &rows[..1]).unwrap();

    assert_eq!(
        pgvector::backfill_kb(&*db, &tenant, "kb").unwrap(),
        rows.len() - 1
    );
    assert_eq!(
        pgvector::backfill_kb(&*db, &tenant, "kb").unwrap(),
        0,
        "idempotent"
    );
    let query = rng.vector();
    let got = pgvector::nearest(&*db, &tenant, "kb", &query, 100).unwrap();
    assert_exact_top(&got, &rows, &query, 100);
    assert!(pgvector::nearest(&*db, &other, "kb", &query, 10)
        .unwrap()
        .is_empty());
}

/// Hashed lowercase words in `dims` buckets: deterministic, and cosine tracks word overlap.
struct HashedWords(usize);

impl retrieval_core::service::Embedder for HashedWords {
    fn embed(&self, texts: &[String]) -> Result<Vec<Vec<f32>>, String> {
        Ok(texts
            .iter()
            .map(|t| {
                let mut v = vec![0f32; self.0];
                for token in retrieval_core::tokenize(t, true) {
                    let h = token
                        .bytes()
                        .fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
                    v[(h % self.0 as u64) as usize] += 1.0;
                }
                v
            })
            .collect())
    }
}

fn count(db: &dyn Sql, table: &str, tenant: &str) -> i64 {
    db.query(
        &format!("SELECT count(*) AS n FROM {table} WHERE tenant_id = $1"),
        &[tenant.into()],
    )
    .unwrap()[0]
        .int("n")
        .unwrap()
}

fn service_kb(db: &dyn Sql, tenant: &str) -> String {
    let kb = retrieval_core::service::create_kb(
        db,
        tenant,
        retrieval_core::service::NewKb {
            name: "kb".into(),
            description: None,
        },
        1,
    )
    .unwrap();
    kb["id"].as_str().unwrap().to_string()
}

fn service_ingest(
    db: &dyn Sql,
    embedder: &dyn retrieval_core::service::Embedder,
    tenant: &str,
    kb: &str,
    text: &str,
) -> String {
    let out = retrieval_core::service::ingest(
        db,
        embedder,
        tenant,
        kb,
        retrieval_core::service::NewDocument {
            text: text.into(),
            title: Some("t".into()),
            content_type: retrieval_core::ContentType::Plain,
            metadata: Default::default(),
        },
        None,
        &retrieval_core::ChunkConfig::default(),
        10,
    )
    .unwrap();
    assert_eq!(out.document["status"], "indexed", "{}", out.document);
    assert_eq!(out.document["vectors"], "complete", "{}", out.document);
    out.document["doc_id"].as_str().unwrap().to_string()
}

fn dense_top(
    db: &dyn Sql,
    embedder: &dyn retrieval_core::service::Embedder,
    tenant: &str,
    kb: &str,
    query: &str,
) -> serde_json::Value {
    let request =
        serde_json::from_value(serde_json::json!({"query": query, "mode": "dense"})).unwrap();
    let r = retrieval_core::service::search(db, embedder, tenant, kb, request).unwrap();
    assert_eq!(r["degraded"], serde_json::Value::Null, "{r}");
    r
}

const SERVICE_CORPUS: [&str; 3] = [
    "The wing generates lift in a propeller slipstream. Lift rises with the angle of attack.",
    "Heat conduction in composite slabs was measured at high temperature.",
    "A shock wave forms ahead of the blunt body at supersonic speed.",
];

#[test]
fn the_service_indexes_and_searches_through_pgvector() {
    let db = pglite();
    let db: &dyn Sql = &*db;
    retrieval_core::service::migrate(db).unwrap();
    assert_eq!(
        retrieval_core::vector_index::backend(db).unwrap(),
        retrieval_core::vector_index::Backend::PgVector
    );
    let embedder = HashedWords(DIMENSIONS);
    let tenant = unique("tenant");
    let kb = service_kb(db, &tenant);
    let ids: Vec<String> = SERVICE_CORPUS
        .iter()
        .map(|text| service_ingest(db, &embedder, &tenant, &kb, text))
        .collect();
    assert_eq!(count(db, "retrieval_pgvectors", &tenant), 3);
    assert_eq!(count(db, "retrieval_ivf_vectors", &tenant), 0);
    assert_eq!(count(db, "retrieval_ivf", &tenant), 0);

    let r = dense_top(db, &embedder, &tenant, &kb, "heat conduction in slabs");
    assert_eq!(r["results"][0]["doc_id"], ids[1].as_str(), "{r}");
    let r = dense_top(db, &embedder, &tenant, &kb, "shock wave supersonic");
    assert_eq!(r["results"][0]["doc_id"], ids[2].as_str(), "{r}");

    retrieval_core::service::delete_document(db, &tenant, &kb, &ids[1]).unwrap();
    assert_eq!(count(db, "retrieval_pgvectors", &tenant), 2);
    let r = dense_top(db, &embedder, &tenant, &kb, "heat conduction in slabs");
    assert!(
        r["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|hit| hit["doc_id"] != ids[1].as_str()),
        "{r}"
    );
    retrieval_core::service::delete_kb(db, &tenant, &kb).unwrap();
    assert_eq!(count(db, "retrieval_pgvectors", &tenant), 0);
}

#[test]
fn vectors_of_another_dimension_stay_in_ivf() {
    let db = pglite();
    let db: &dyn Sql = &*db;
    retrieval_core::service::migrate(db).unwrap();
    let embedder = HashedWords(4096);
    let tenant = unique("tenant");
    let kb = service_kb(db, &tenant);
    let ids: Vec<String> = SERVICE_CORPUS
        .iter()
        .map(|text| service_ingest(db, &embedder, &tenant, &kb, text))
        .collect();
    assert_eq!(count(db, "retrieval_pgvectors", &tenant), 0);
    assert_eq!(count(db, "retrieval_ivf_vectors", &tenant), 3);
    let r = dense_top(db, &embedder, &tenant, &kb, "heat conduction in slabs");
    assert_eq!(r["results"][0]["doc_id"], ids[1].as_str(), "{r}");
    retrieval_core::service::delete_kb(db, &tenant, &kb).unwrap();
    assert_eq!(count(db, "retrieval_ivf_vectors", &tenant), 0);
    assert_eq!(count(db, "retrieval_ivf", &tenant), 0);
}

#[test]
fn the_first_pgvector_write_takes_in_a_knowledge_bases_older_vectors() {
    use retrieval_core::service::Embedder;
    let db = pglite();
    let db: &dyn Sql = &*db;
    retrieval_core::service::migrate(db).unwrap();
    let embedder = HashedWords(DIMENSIONS);
    let tenant = unique("tenant");
    let kb = service_kb(db, &tenant);
    // A chunk and IVF state written before pgvector was there.
    let old = unique("old-chunk");
    let old_text = SERVICE_CORPUS[1];
    let old_vector = embedder.embed(&[old_text.to_string()]).unwrap().remove(0);
    db.execute(
        "INSERT INTO retrieval_chunks (id, tenant_id, kb_id, doc_id, ordinal, text, \
         start_offset, end_offset, headings, embedding, terms) \
         VALUES ($1, $2, $3, 'old-doc', 0, $4, 0, 1, '[]', $5, to_tsvector('simple', $4))",
        &[
            old.as_str().into(),
            tenant.as_str().into(),
            kb.as_str().into(),
            old_text.into(),
            retrieval_core::encode_f32(&old_vector).into(),
        ],
    )
    .unwrap();
    db.execute(
        "INSERT INTO retrieval_ivf (tenant_id, kb_id, vectors, trained_at, dims) \
         VALUES ($1, $2, 1, 0, $3)",
        &[
            tenant.as_str().into(),
            kb.as_str().into(),
            (DIMENSIONS as i64).into(),
        ],
    )
    .unwrap();

    assert_eq!(count(db, "retrieval_pgvectors", &tenant), 0);
    let found = retrieval_core::vector_index::nearest(db, &tenant, &kb, &old_vector, 1).unwrap();
    assert_eq!(found[0].0, old, "before the backfill, from the chunks");

    service_ingest(db, &embedder, &tenant, &kb, SERVICE_CORPUS[0]);
    assert_eq!(count(db, "retrieval_pgvectors", &tenant), 2);
    assert_eq!(count(db, "retrieval_ivf", &tenant), 0);
    let found = retrieval_core::vector_index::nearest(db, &tenant, &kb, &old_vector, 1).unwrap();
    assert_eq!(found[0].0, old);
    retrieval_core::service::delete_kb(db, &tenant, &kb).unwrap();
}
