//! Where dense vectors are searched: one small interface (`store`, `remove_document`,
//! `remove_kb`, `nearest`) over the backends a store can have.
//!
//! * **IVF over int8 vectors** (SQLite, and PostgreSQL without pgvector). A knowledge base
//!   with at least [`MIN_INDEXED`] vectors gets k-means centroids (about √n inverted lists);
//!   each vector is kept int8-quantised (unit length before quantising, see
//!   [`Quantized`]) in `retrieval_ivf_vectors`, keyed (tenant, knowledge base, list), so a
//!   query reads the centroids (one row), then the [`nprobe`] nearest lists (one query),
//!   scores the int8 vectors, and re-scores the best `limit + RESCORE_EXTRA` with their
//!   exact f32 vectors (`retrieval_chunks.embedding`, by primary key). Smaller knowledge
//!   bases, and knowledge bases written before this index existed and not written since, are
//!   scanned exactly ([`exact_nearest`]).
//! * **pgvector** (PostgreSQL with the `vector` extension, 384-dimensional vectors):
//!   `crate::pgvector`, chosen in [`backend`] once `service::migrate` has created its table.
//!
//! The f32 vectors in `retrieval_chunks.embedding` stay the source of truth (exact
//! re-scoring, the flat scan); the index holds derived data and is rebuilt from itself.
//!
//! Training happens inside the write that makes the knowledge base cross a threshold: the
//! first at [`MIN_INDEXED`] vectors, then each time it doubles, so the total work of all
//! retrainings stays proportional to the vectors written (amortised O(1) per vector). New
//! vectors in between join their nearest list. Every statement names the tenant and the
//! knowledge base.

use std::collections::HashMap;

use storage::{DbError, Dialect, Sql, Value};

use crate::vector::{cosine, decode_f32, Quantized};

pub mod synthetic;

/// Below this many vectors a knowledge base is scanned exactly: reading a few thousand
/// vectors costs less than a wrong neighbour, and k-means needs enough points to mean much.
pub const MIN_INDEXED: usize = 2_000;
/// Candidates past `limit` re-scored exactly, so the int8 rounding never decides the order.
pub const RESCORE_EXTRA: usize = 100;
/// k-means training points per list; k-means' quality saturates well before this.
const TRAINING_POINTS_PER_LIST: usize = 32;
const KMEANS_ITERATIONS: usize = 8;
/// Rows per multi-row INSERT when the lists are rewritten (7 parameters each: well inside
/// SQLite's and PostgreSQL's parameter limits).
const INSERT_BATCH: usize = 100;

/// How many lists a query reads: about 1/8 of them, at least 8. Chosen from the recall
/// measured against the exact scan (`retrieval-scale`, README "Performance").
pub fn nprobe(lists: usize) -> usize {
    (lists / 8).max(8).min(lists)
}

/// Inverted lists for `n` vectors: about √n, so a list and the centroid table both stay
/// about √n long.
pub fn list_count(n: usize) -> usize {
    ((n as f64).sqrt().round() as usize).clamp(1, 4_096)
}

/// A store's vector backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Ivf,
    PgVector,
}

/// Which backend `db` uses: pgvector where `service::migrate` found it available and
/// created its table, IVF everywhere else. The table is the signal rather than
/// `pgvector::available`, because this runs inside the ingest transaction, where
/// `available` must not (its `CREATE EXTENSION` could abort the transaction), and a
/// catalogue lookup costs about as little as a cache would. Even on pgvector, vectors of
/// another dimension than `pgvector::DIMENSIONS` stay in IVF (see [`store`], [`nearest`]).
pub fn backend(db: &dyn Sql) -> Result<Backend, DbError> {
    if db.dialect() != Dialect::Postgres {
        return Ok(Backend::Ivf);
    }
    let rows = db.query(
        "SELECT to_regclass('retrieval_pgvectors') IS NOT NULL AS present",
        &[],
    )?;
    let present = match rows.first() {
        Some(row) => row.bool("present")?,
        None => false,
    };
    Ok(if present {
        Backend::PgVector
    } else {
        Backend::Ivf
    })
}

/// Indexes a document's vectors (`(chunk_id, vector)`), inside the caller's transaction,
/// after the chunks themselves (with their f32 `embedding`) are written: the first write to
/// a knowledge base takes in every vector it already has. May be called several times for
/// one document (batches).
pub fn store(
    db: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    doc_id: &str,
    rows: &[(String, Vec<f32>)],
) -> Result<(), DbError> {
    match backend(db)? {
        Backend::Ivf => ivf_store(db, tenant, kb_id, doc_id, rows),
        Backend::PgVector => {
            let (fits, other): (Vec<_>, Vec<_>) = rows
                .iter()
                .cloned()
                .partition(|(_, v)| v.len() == crate::pgvector::DIMENSIONS);
            if !fits.is_empty() {
                pgvector_store(db, tenant, kb_id, doc_id, &fits)?;
            }
            if !other.is_empty() {
                ivf_store(db, tenant, kb_id, doc_id, &other)?;
            }
            Ok(())
        }
    }
}

/// The pgvector write. A knowledge base's first pgvector write also copies in the vectors
/// it had before pgvector came (written to IVF or only scanned exactly), so a search never
/// misses them, and drops its IVF lists, which no query of this dimension reads any more.
fn pgvector_store(
    db: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    doc_id: &str,
    rows: &[(String, Vec<f32>)],
) -> Result<(), DbError> {
    let scope: [Value; 2] = [tenant.into(), kb_id.into()];
    let first = db
        .query(
            "SELECT 1 AS one FROM retrieval_pgvectors WHERE tenant_id = $1 AND kb_id = $2 LIMIT 1",
            &scope,
        )?
        .is_empty();
    crate::pgvector::store(db, tenant, kb_id, doc_id, rows)?;
    if first {
        crate::pgvector::backfill_kb(db, tenant, kb_id)?;
        ivf_remove_kb(db, tenant, kb_id)?;
    }
    Ok(())
}

/// Removes a document's vectors from the index (its chunks are the caller's).
pub fn remove_document(
    db: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    doc_id: &str,
) -> Result<(), DbError> {
    match backend(db)? {
        Backend::Ivf => ivf_remove_document(db, tenant, kb_id, doc_id),
        // Both: vectors of another dimension live in IVF (usually none: one indexed DELETE).
        Backend::PgVector => {
            crate::pgvector::remove_document(db, tenant, kb_id, doc_id)?;
            ivf_remove_document(db, tenant, kb_id, doc_id)
        }
    }
}

/// Removes a knowledge base's whole index.
pub fn remove_kb(db: &dyn Sql, tenant: &str, kb_id: &str) -> Result<(), DbError> {
    match backend(db)? {
        Backend::Ivf => ivf_remove_kb(db, tenant, kb_id),
        Backend::PgVector => {
            crate::pgvector::remove_kb(db, tenant, kb_id)?;
            ivf_remove_kb(db, tenant, kb_id)
        }
    }
}

fn ivf_remove_kb(db: &dyn Sql, tenant: &str, kb_id: &str) -> Result<(), DbError> {
    let scope: [Value; 2] = [tenant.into(), kb_id.into()];
    db.execute(
        "DELETE FROM retrieval_ivf_vectors WHERE tenant_id = $1 AND kb_id = $2",
        &scope,
    )?;
    db.execute(
        "DELETE FROM retrieval_ivf WHERE tenant_id = $1 AND kb_id = $2",
        &scope,
    )?;
    Ok(())
}

/// The `limit` chunks whose vectors are nearest `query` by cosine, best first (ties by id).
/// On pgvector it opens its own transaction, so call it outside one.
pub fn nearest(
    db: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    query: &[f32],
    limit: usize,
) -> Result<Vec<(String, f64)>, DbError> {
    if backend(db)? == Backend::PgVector && query.len() == crate::pgvector::DIMENSIONS {
        let found = crate::pgvector::nearest(db, tenant, kb_id, query, limit)?;
        // Nothing in pgvector: an empty knowledge base, or one written before pgvector and
        // not since (its first write backfills it); the chunks themselves still answer.
        if !found.is_empty() {
            return Ok(found);
        }
    }
    match ivf_nearest(db, tenant, kb_id, query, limit, None)? {
        Some(found) => Ok(found),
        None => exact_nearest(db, tenant, kb_id, query, limit),
    }
}

/// The exact answer: cosine with every f32 vector of the knowledge base (a flat scan).
pub fn exact_nearest(
    db: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    query: &[f32],
    limit: usize,
) -> Result<Vec<(String, f64)>, DbError> {
    let rows = db.query(
        "SELECT id, embedding FROM retrieval_chunks \
         WHERE tenant_id = $1 AND kb_id = $2 AND embedding IS NOT NULL",
        &[tenant.into(), kb_id.into()],
    )?;
    let mut scored = Vec::with_capacity(rows.len());
    for row in &rows {
        let Value::Blob(blob) = row.value("embedding")? else {
            continue;
        };
        let Some(vector) = decode_f32(blob) else {
            continue;
        };
        if let Some(score) = cosine(query, &vector) {
            scored.push((row.text("id")?, f64::from(score)));
        }
    }
    Ok(best(scored, limit))
}

fn best(mut scored: Vec<(String, f64)>, limit: usize) -> Vec<(String, f64)> {
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    scored.truncate(limit);
    scored
}

// ---------------------------------------------------------------- IVF

/// A knowledge base's index state (`retrieval_ivf`).
struct IvfState {
    /// Vectors in `retrieval_ivf_vectors` for this knowledge base.
    vectors: usize,
    /// The count at the last training; 0 = never trained (every vector in list 0).
    trained_at: usize,
    dims: usize,
    /// `lists × dims`, unit rows.
    centroids: Vec<f32>,
}

impl IvfState {
    fn lists(&self) -> usize {
        self.centroids.len().checked_div(self.dims).unwrap_or(0)
    }
}

fn load_state(db: &dyn Sql, tenant: &str, kb_id: &str) -> Result<Option<IvfState>, DbError> {
    let rows = db.query(
        "SELECT vectors, trained_at, dims, centroids FROM retrieval_ivf \
         WHERE tenant_id = $1 AND kb_id = $2",
        &[tenant.into(), kb_id.into()],
    )?;
    let Some(row) = rows.first() else {
        return Ok(None);
    };
    let centroids = match row.value("centroids")? {
        Value::Blob(b) => decode_f32(b).unwrap_or_default(),
        _ => Vec::new(),
    };
    Ok(Some(IvfState {
        vectors: row.int("vectors")?.max(0) as usize,
        trained_at: row.int("trained_at")?.max(0) as usize,
        dims: row.int("dims")?.max(0) as usize,
        centroids,
    }))
}

/// Unit length (cosine becomes a dot product); `None` for a zero or non-finite vector.
fn unit(vector: &[f32]) -> Option<Vec<f32>> {
    let norm = dot(vector, vector).sqrt();
    (norm > 0.0 && norm.is_finite()).then(|| vector.iter().map(|v| v / norm).collect())
}

/// Eight independent sums so the compiler can keep them in vector registers.
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in ca.zip(cb) {
        for i in 0..8 {
            acc[i] += x[i] * y[i];
        }
    }
    acc.iter().sum::<f32>() + tail
}

/// The index of the centroid nearest `v` (unit).
fn nearest_centroid(centroids: &[f32], dims: usize, v: &[f32]) -> usize {
    let mut best = (0, f32::NEG_INFINITY);
    for (i, c) in centroids.chunks_exact(dims).enumerate() {
        let s = dot(c, v);
        if s > best.1 {
            best = (i, s);
        }
    }
    best.0
}

/// Quantised (int8) unit vector as stored in a list.
fn encode_for_list(unit_vector: &[f32]) -> Vec<u8> {
    Quantized::from_f32(unit_vector).encode()
}

/// The list a new vector joins: its nearest centroid, or 0 before training; `None` if it
/// cannot be indexed (zero vector, or another dimension than the index's).
fn list_for(state: &IvfState, unit_vector: &[f32]) -> Option<usize> {
    if state.centroids.is_empty() {
        return Some(0);
    }
    (unit_vector.len() == state.dims)
        .then(|| nearest_centroid(&state.centroids, state.dims, unit_vector))
}

fn ivf_store(
    db: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    doc_id: &str,
    rows: &[(String, Vec<f32>)],
) -> Result<(), DbError> {
    if rows.is_empty() {
        return Ok(());
    }
    let scope: [Value; 2] = [tenant.into(), kb_id.into()];
    // The state row is the per-knowledge-base lock on PostgreSQL too: the UPDATE below holds
    // it until commit, so two writers never train or count over each other.
    let created = db.execute(
        "INSERT INTO retrieval_ivf (tenant_id, kb_id, vectors, trained_at, dims) \
         VALUES ($1, $2, 0, 0, 0) ON CONFLICT (tenant_id, kb_id) DO NOTHING",
        &scope,
    )? == 1;
    db.execute(
        "UPDATE retrieval_ivf SET vectors = vectors WHERE tenant_id = $1 AND kb_id = $2",
        &scope,
    )?;
    let mut state = load_state(db, tenant, kb_id)?
        .ok_or_else(|| DbError::other("the vector index state vanished"))?;

    let added: Vec<(String, String, Vec<u8>, usize)> = if created {
        // First write since the index exists: everything the knowledge base already has
        // (this batch included, written just before) joins, so no vector is left out.
        let existing = db.query(
            "SELECT id, doc_id, embedding FROM retrieval_chunks \
             WHERE tenant_id = $1 AND kb_id = $2 AND embedding IS NOT NULL",
            &scope,
        )?;
        let mut out = Vec::with_capacity(existing.len());
        for row in &existing {
            let Value::Blob(blob) = row.value("embedding")? else {
                continue;
            };
            if let Some(u) = decode_f32(blob).as_deref().and_then(unit) {
                if state.dims == 0 {
                    state.dims = u.len();
                }
                if u.len() == state.dims {
                    out.push((row.text("id")?, row.text("doc_id")?, encode_for_list(&u), 0));
                }
            }
        }
        out
    } else {
        let mut out = Vec::with_capacity(rows.len());
        for (chunk_id, vector) in rows {
            let Some(u) = unit(vector) else { continue };
            if state.dims == 0 {
                state.dims = u.len();
            }
            if u.len() != state.dims {
                continue;
            }
            if let Some(list) = list_for(&state, &u) {
                out.push((
                    chunk_id.clone(),
                    doc_id.to_string(),
                    encode_for_list(&u),
                    list,
                ));
            }
        }
        out
    };
    insert_vectors(db, tenant, kb_id, &added)?;
    state.vectors += added.len();

    let due = if state.trained_at == 0 {
        state.vectors >= MIN_INDEXED
    } else {
        state.vectors >= 2 * state.trained_at
    };
    if due {
        train(db, tenant, kb_id, &mut state)?;
    }
    db.execute(
        "UPDATE retrieval_ivf SET vectors = $3, dims = $4 WHERE tenant_id = $1 AND kb_id = $2",
        &[
            tenant.into(),
            kb_id.into(),
            (state.vectors as i64).into(),
            (state.dims as i64).into(),
        ],
    )?;
    Ok(())
}

/// `(chunk_id, doc_id, int8 blob, list)` rows, a few per statement.
fn insert_vectors(
    db: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    rows: &[(String, String, Vec<u8>, usize)],
) -> Result<(), DbError> {
    for batch in rows.chunks(INSERT_BATCH) {
        let mut params: Vec<Value> = vec![tenant.into(), kb_id.into()];
        let mut tuples = Vec::with_capacity(batch.len());
        for (chunk_id, doc_id, blob, list) in batch {
            let n = params.len();
            tuples.push(format!(
                "($1, $2, ${}, ${}, ${}, ${})",
                n + 1,
                n + 2,
                n + 3,
                n + 4
            ));
            params.push((*list as i64).into());
            params.push(chunk_id.as_str().into());
            params.push(doc_id.as_str().into());
            params.push(Value::Blob(blob.clone()));
        }
        db.execute(
            &format!(
                "INSERT INTO retrieval_ivf_vectors (tenant_id, kb_id, list, chunk_id, doc_id, vector) \
                 VALUES {}",
                tuples.join(", ")
            ),
            &params,
        )?;
    }
    Ok(())
}

fn ivf_remove_document(
    db: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    doc_id: &str,
) -> Result<(), DbError> {
    let removed = db.execute(
        "DELETE FROM retrieval_ivf_vectors WHERE tenant_id = $1 AND kb_id = $2 AND doc_id = $3",
        &[tenant.into(), kb_id.into(), doc_id.into()],
    )?;
    if removed > 0 {
        // Centroids stay: lists only thin out, and every remaining vector is still in its
        // nearest list. Below MIN_INDEXED the exact scan answers again.
        db.execute(
            "UPDATE retrieval_ivf SET vectors = CASE WHEN vectors > $3 THEN vectors - $3 ELSE 0 END \
             WHERE tenant_id = $1 AND kb_id = $2",
            &[tenant.into(), kb_id.into(), (removed as i64).into()],
        )?;
    }
    Ok(())
}

/// xorshift64*: deterministic sampling, so a knowledge base trains the same way twice (and
/// [`synthetic`] corpora come out the same from the same seed).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// In `0..n`; `n` must not be 0.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// FNV-1a of `text`: a seed for [`Rng`] that follows the text.
pub fn seed_of(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// Spherical k-means over `points` (unit rows of `dims`): `k` unit centroids.
pub fn kmeans(points: &[f32], dims: usize, k: usize, iterations: usize, seed: u64) -> Vec<f32> {
    let n = points.len() / dims;
    let k = k.min(n).max(1);
    let mut rng = Rng::new(seed);
    // Distinct random points as the start (a partial Fisher-Yates over the indices).
    let mut order: Vec<usize> = (0..n).collect();
    for i in 0..k {
        let j = i + rng.below(n - i);
        order.swap(i, j);
    }
    let mut centroids: Vec<f32> = order[..k]
        .iter()
        .flat_map(|&i| points[i * dims..(i + 1) * dims].iter().copied())
        .collect();
    let mut assignment = vec![usize::MAX; n];
    for _ in 0..iterations {
        let mut changed = false;
        for (i, p) in points.chunks_exact(dims).enumerate() {
            let c = nearest_centroid(&centroids, dims, p);
            if assignment[i] != c {
                assignment[i] = c;
                changed = true;
            }
        }
        if !changed {
            break;
        }
        let mut sums = vec![0f32; k * dims];
        let mut counts = vec![0usize; k];
        for (i, p) in points.chunks_exact(dims).enumerate() {
            let c = assignment[i];
            counts[c] += 1;
            for (s, v) in sums[c * dims..(c + 1) * dims].iter_mut().zip(p) {
                *s += v;
            }
        }
        for c in 0..k {
            let row = &mut sums[c * dims..(c + 1) * dims];
            match (counts[c] > 0).then(|| unit(row)).flatten() {
                Some(u) => centroids[c * dims..(c + 1) * dims].copy_from_slice(&u),
                // An empty list restarts at a random point rather than staying useless.
                None => {
                    let p = rng.below(n);
                    let point = points[p * dims..(p + 1) * dims].to_vec();
                    centroids[c * dims..(c + 1) * dims].copy_from_slice(&point);
                }
            }
        }
    }
    centroids
}

/// Trains new centroids on a sample of the knowledge base's own (int8) vectors and rewrites
/// every list. Runs inside the caller's transaction, so searches see the old lists or the
/// new ones, never a mix.
fn train(db: &dyn Sql, tenant: &str, kb_id: &str, state: &mut IvfState) -> Result<(), DbError> {
    let rows = db.query(
        "SELECT chunk_id, doc_id, vector FROM retrieval_ivf_vectors \
         WHERE tenant_id = $1 AND kb_id = $2",
        &[tenant.into(), kb_id.into()],
    )?;
    let dims = state.dims;
    let mut ids: Vec<(String, String)> = Vec::with_capacity(rows.len());
    let mut blobs: Vec<Vec<u8>> = Vec::with_capacity(rows.len());
    let mut points: Vec<f32> = Vec::with_capacity(rows.len() * dims);
    for row in &rows {
        let Value::Blob(blob) = row.value("vector")? else {
            continue;
        };
        let Some(q) = Quantized::decode(blob) else {
            continue;
        };
        if q.values.len() != dims {
            continue;
        }
        let Some(u) = unit(&q.to_f32()) else { continue };
        points.extend_from_slice(&u);
        ids.push((row.text("chunk_id")?, row.text("doc_id")?));
        blobs.push(blob.clone());
    }
    drop(rows);
    let n = ids.len();
    if n == 0 {
        return Ok(());
    }
    let lists = list_count(n);
    let mut rng = Rng::new(seed_of(kb_id) ^ n as u64);
    let sample_size = (lists * TRAINING_POINTS_PER_LIST).min(n);
    let sample: Vec<f32> = if sample_size == n {
        points.clone()
    } else {
        let mut order: Vec<usize> = (0..n).collect();
        for i in 0..sample_size {
            let j = i + rng.below(n - i);
            order.swap(i, j);
        }
        order[..sample_size]
            .iter()
            .flat_map(|&i| points[i * dims..(i + 1) * dims].iter().copied())
            .collect()
    };
    let centroids = kmeans(&sample, dims, lists, KMEANS_ITERATIONS, rng.next_u64());
    let mut assigned: Vec<(String, String, Vec<u8>, usize)> = ids
        .into_iter()
        .zip(blobs)
        .enumerate()
        .map(|(i, ((chunk_id, doc_id), blob))| {
            let list = nearest_centroid(&centroids, dims, &points[i * dims..(i + 1) * dims]);
            (chunk_id, doc_id, blob, list)
        })
        .collect();
    // Written list by list, so each list's rows sit together (SQLite's table is clustered
    // by its key; PostgreSQL's heap gets them in that order).
    assigned.sort_by_key(|r| r.3);
    db.execute(
        "DELETE FROM retrieval_ivf_vectors WHERE tenant_id = $1 AND kb_id = $2",
        &[tenant.into(), kb_id.into()],
    )?;
    insert_vectors(db, tenant, kb_id, &assigned)?;
    let blob: Vec<u8> = centroids.iter().flat_map(|v| v.to_le_bytes()).collect();
    db.execute(
        "UPDATE retrieval_ivf SET trained_at = $3, lists = $4, centroids = $5 \
         WHERE tenant_id = $1 AND kb_id = $2",
        &[
            tenant.into(),
            kb_id.into(),
            (n as i64).into(),
            (lists as i64).into(),
            Value::Blob(blob),
        ],
    )?;
    if db.dialect() == Dialect::Postgres {
        // Fresh statistics with each training (amortised like it): without them the planner
        // estimates a knowledge base at a row or two and answers the list and re-scoring
        // lookups through the (tenant, knowledge base, document) index, i.e. by reading the
        // whole knowledge base. ANALYZE is allowed inside a transaction and blocks no writes.
        db.execute("ANALYZE retrieval_ivf_vectors", &[])?;
        db.execute("ANALYZE retrieval_chunks", &[])?;
    }
    state.vectors = n;
    state.trained_at = n;
    state.centroids = centroids;
    Ok(())
}

/// The IVF answer, or `None` when the knowledge base is answered exactly instead (no index
/// yet, too few vectors, or a query of another dimension). `nprobe` overrides
/// [`nprobe`]`(lists)` (the benchmark's recall curve).
pub fn ivf_nearest(
    db: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    query: &[f32],
    limit: usize,
    probe: Option<usize>,
) -> Result<Option<Vec<(String, f64)>>, DbError> {
    let Some(state) = load_state(db, tenant, kb_id)? else {
        return Ok(None);
    };
    let lists = state.lists();
    if state.vectors < MIN_INDEXED || lists == 0 || query.len() != state.dims {
        return Ok(None);
    }
    let Some(q) = unit(query) else {
        return Ok(Some(Vec::new()));
    };
    let mut by_centroid: Vec<(usize, f32)> = state
        .centroids
        .chunks_exact(state.dims)
        .map(|c| dot(c, &q))
        .enumerate()
        .collect();
    by_centroid.sort_by(|a, b| b.1.total_cmp(&a.1));
    let probe = probe.unwrap_or_else(|| nprobe(lists)).clamp(1, lists);
    let mut params: Vec<Value> = vec![tenant.into(), kb_id.into()];
    let placeholders: Vec<String> = by_centroid[..probe]
        .iter()
        .map(|(list, _)| {
            params.push((*list as i64).into());
            format!("${}", params.len())
        })
        .collect();
    let rows = db.query(
        &format!(
            "SELECT chunk_id, vector FROM retrieval_ivf_vectors \
             WHERE tenant_id = $1 AND kb_id = $2 AND list IN ({})",
            placeholders.join(", ")
        ),
        &params,
    )?;
    // int8 cosine with the unit query: the scale cancels, only the int8 norm remains.
    let mut scored: Vec<(f32, usize)> = Vec::with_capacity(rows.len());
    let mut query_i: Vec<f32> = vec![0.0; state.dims];
    for (i, row) in rows.iter().enumerate() {
        let Value::Blob(blob) = row.value("vector")? else {
            continue;
        };
        if blob.len() != 4 + state.dims {
            continue;
        }
        let mut norm = 0i32;
        for (slot, &b) in query_i.iter_mut().zip(&blob[4..]) {
            let v = b as i8;
            norm += i32::from(v) * i32::from(v);
            *slot = f32::from(v);
        }
        if norm > 0 {
            scored.push((dot(&q, &query_i) / (norm as f32).sqrt(), i));
        }
    }
    let keep = (limit + RESCORE_EXTRA).min(scored.len());
    if keep < scored.len() {
        scored.select_nth_unstable_by(keep, |a, b| b.0.total_cmp(&a.0));
        scored.truncate(keep);
    }
    let ids: Vec<String> = scored
        .iter()
        .map(|&(_, i)| rows[i].text("chunk_id"))
        .collect::<Result<_, _>>()?;
    drop(rows);
    let exact = exact_vectors(db, tenant, kb_id, &ids)?;
    let mut found: Vec<(String, f64)> = Vec::with_capacity(ids.len());
    for id in ids {
        // A chunk whose f32 vector is gone (deleted in between) keeps no place.
        let score = match exact.get(&id) {
            Some(v) => match cosine(query, v) {
                Some(s) => f64::from(s),
                None => continue,
            },
            None => continue,
        };
        found.push((id, score));
    }
    Ok(Some(best(found, limit)))
}

/// Prefix for the scope columns of a `retrieval_chunks` lookup by `id IN (…)`. SQLite's
/// planner (no statistics) prefers the (tenant, knowledge base, document) index for the two
/// scope equalities over the primary key for the ids, and so reads every chunk of the
/// knowledge base: 30 ms instead of 0.6 ms for 200 ids at 10k chunks. A unary `+` takes a
/// column out of index selection on SQLite without changing the comparison; PostgreSQL picks
/// the primary key by itself (and has no unary `+` for text).
pub fn by_primary_key(db: &dyn Sql) -> &'static str {
    match db.dialect() {
        Dialect::Sqlite => "+",
        Dialect::Postgres => "",
    }
}

/// The f32 vectors of `ids`, by primary key.
fn exact_vectors(
    db: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    ids: &[String],
) -> Result<HashMap<String, Vec<f32>>, DbError> {
    let mut out = HashMap::with_capacity(ids.len());
    for batch in ids.chunks(500) {
        let mut params: Vec<Value> = vec![tenant.into(), kb_id.into()];
        let placeholders: Vec<String> = batch
            .iter()
            .map(|id| {
                params.push(id.as_str().into());
                format!("${}", params.len())
            })
            .collect();
        let rows = db.query(
            &format!(
                "SELECT id, embedding FROM retrieval_chunks \
                 WHERE {scope}tenant_id = $1 AND {scope}kb_id = $2 AND embedding IS NOT NULL \
                   AND id IN ({})",
                placeholders.join(", "),
                scope = by_primary_key(db),
            ),
            &params,
        )?;
        for row in &rows {
            if let Value::Blob(blob) = row.value("embedding")? {
                if let Some(v) = decode_f32(blob) {
                    out.insert(row.text("id")?, v);
                }
            }
        }
    }
    Ok(out)
}

/// The schema (service migration 3), here beside the code that reads it.
pub(crate) const SQLITE_SCHEMA: &str = "\
CREATE TABLE retrieval_ivf (
    tenant_id TEXT NOT NULL, kb_id TEXT NOT NULL, vectors BIGINT NOT NULL,
    trained_at BIGINT NOT NULL, dims BIGINT NOT NULL, lists BIGINT NOT NULL DEFAULT 0,
    centroids BLOB, PRIMARY KEY (tenant_id, kb_id));
CREATE TABLE retrieval_ivf_vectors (
    tenant_id TEXT NOT NULL, kb_id TEXT NOT NULL, list BIGINT NOT NULL, chunk_id TEXT NOT NULL,
    doc_id TEXT NOT NULL, vector BLOB NOT NULL,
    PRIMARY KEY (tenant_id, kb_id, list, chunk_id)) WITHOUT ROWID;
CREATE INDEX retrieval_ivf_vectors_doc ON retrieval_ivf_vectors (tenant_id, kb_id, doc_id)";

pub(crate) const POSTGRES_SCHEMA: &str = "\
CREATE TABLE retrieval_ivf (
    tenant_id TEXT NOT NULL, kb_id TEXT NOT NULL, vectors BIGINT NOT NULL,
    trained_at BIGINT NOT NULL, dims BIGINT NOT NULL, lists BIGINT NOT NULL DEFAULT 0,
    centroids BYTEA, PRIMARY KEY (tenant_id, kb_id));
CREATE TABLE retrieval_ivf_vectors (
    tenant_id TEXT NOT NULL, kb_id TEXT NOT NULL, list BIGINT NOT NULL, chunk_id TEXT NOT NULL,
    doc_id TEXT NOT NULL, vector BYTEA NOT NULL,
    PRIMARY KEY (tenant_id, kb_id, list, chunk_id));
CREATE INDEX retrieval_ivf_vectors_doc ON retrieval_ivf_vectors (tenant_id, kb_id, doc_id)";

#[cfg(test)]
mod tests {
    use super::synthetic::Clusters;
    use super::*;

    /// `per_cluster` unit rows of `dims` around each of `clusters` random centres, cluster by
    /// cluster.
    fn clustered_rows(
        clusters: usize,
        per_cluster: usize,
        dims: usize,
        noise: f32,
        seed: u64,
    ) -> Vec<f32> {
        let mut rng = Rng::new(seed);
        let centres = Clusters::new(clusters, dims, noise, &mut rng);
        (0..clusters * per_cluster)
            .flat_map(|i| centres.sample(i / per_cluster, &mut rng))
            .collect()
    }

    #[test]
    fn dot_matches_a_plain_sum_for_any_length() {
        for len in [1, 7, 8, 9, 384] {
            let a: Vec<f32> = (0..len).map(|i| i as f32 * 0.5).collect();
            let b: Vec<f32> = (0..len).map(|i| 1.0 - i as f32 * 0.25).collect();
            let plain: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            assert!((dot(&a, &b) - plain).abs() <= plain.abs() * 1e-5 + 1e-4);
        }
    }

    #[test]
    fn kmeans_finds_well_separated_groups() {
        // Three tight groups: each gets its own centroid.
        let dims = 16;
        let points = clustered_rows(3, 50, dims, 0.1, 5);
        let centroids = kmeans(&points, dims, 3, 20, 9);
        let mut owners: Vec<usize> = (0..3)
            .map(|group| {
                nearest_centroid(
                    &centroids,
                    dims,
                    &points[group * 50 * dims..(group * 50 + 1) * dims],
                )
            })
            .collect();
        owners.sort();
        owners.dedup();
        assert_eq!(owners.len(), 3, "each group has its own centroid");
        for c in centroids.chunks_exact(dims) {
            assert!((dot(c, c) - 1.0).abs() < 1e-4, "centroids are unit");
        }
    }

    #[test]
    fn kmeans_never_asks_for_more_lists_than_points() {
        let points = clustered_rows(5, 1, 8, 0.5, 3);
        assert_eq!(kmeans(&points, 8, 40, 4, 1).len(), 5 * 8);
    }

    #[test]
    fn list_and_probe_counts() {
        assert_eq!(list_count(2_000), 45);
        assert_eq!(list_count(100_000), 316);
        assert_eq!(nprobe(45), 8);
        assert_eq!(nprobe(316), 39);
        assert_eq!(nprobe(3), 3);
    }
}
