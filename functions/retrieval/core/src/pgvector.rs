//! Dense search on PostgreSQL with pgvector: a `vector(384)` column with an HNSW index
//! (cosine), used when the extension is installed or installable; everywhere else the flat
//! scan (or the embedded index) over the vectors stored beside the chunks stays in charge.
//!
//! Neither the storage `Value` nor Spin's PostgreSQL interface has a vector type, so
//! vectors travel as text (`[0.1,-0.2,...]`) cast in SQL with `$n::text::vector`, and
//! scores come back as float8. The `::text` matters: a bare `$n::vector` makes PostgreSQL
//! infer the parameter as `vector`, which neither client can bind a string to.
//!
//! Every statement is scoped by tenant and knowledge base, as in the rest of the service.
//!
//! Filtered HNSW search: an HNSW scan yields the `hnsw.ef_search` nearest rows of the whole
//! table and the tenant/kb filter is applied afterwards, so a knowledge base that is a small
//! part of the table used to come back with fewer rows than asked for. [`nearest`] turns on
//! pgvector 0.8's iterative index scans (`relaxed_order`: the scan continues until enough
//! rows pass the filter, better recall than `strict_order` for the same work) and re-sorts
//! the rows it got by exact distance, so the answer is in exact order, and as complete as
//! HNSW's recall. That is why [`available`] requires pgvector 0.8 or later: on an older
//! version the filtered scan would silently lose results, and the flat scan is the correct
//! fallback. Knowledge bases of at most [`EXACT_UP_TO`] vectors skip the index: they are
//! read through the (tenant, kb, doc) btree and sorted, an exact answer for little work
//! (the planner also makes that choice itself for a small share of a large table).

use storage::{
    migrate as migrate_scope, transaction, DbError, DbErrorKind, Dialect, Migration, Sql, Value,
};

/// Dimensions of the stored vectors (all-MiniLM-L6-v2). An HNSW index needs one fixed
/// dimension; vectors of another model cannot go through this path.
pub const DIMENSIONS: usize = 384;

/// Migration scope of the pgvector table, separate from the service's own: it is applied
/// only where [`available`] says so (Debian's PostgreSQL has no pgvector, managed services do).
pub const MIGRATION_SCOPE: &str = "retrieval_pgvector";

/// Name of the HNSW index (EXPLAIN output names it).
pub const HNSW_INDEX: &str = "retrieval_pgvectors_embedding_hnsw";

/// The oldest pgvector with iterative index scans (see the module docs).
const MIN_VERSION: (u32, u32) = (0, 8);

/// Rows per INSERT: fewer round trips without statements of unbounded size (each vector
/// is about 4 KB of text).
const INSERT_BATCH: usize = 32;

const MIGRATIONS: &[Migration] = &[Migration {
    version: 1,
    name: "pgvector table with an HNSW cosine index",
    // Never applied: `migrate` refuses SQLite before reaching the storage migrations.
    sqlite: "",
    // `CREATE EXTENSION IF NOT EXISTS` again here, under the migration lock, so a
    // database whose extension was dropped since `available` ran fails loudly in one place.
    // HNSW with pgvector's defaults (m 16, ef_construction 64).
    postgres: "
        CREATE EXTENSION IF NOT EXISTS vector;
        CREATE TABLE IF NOT EXISTS retrieval_pgvectors (
            chunk_id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL,
            kb_id TEXT NOT NULL,
            doc_id TEXT NOT NULL,
            embedding vector(384) NOT NULL
        );
        CREATE INDEX IF NOT EXISTS retrieval_pgvectors_embedding_hnsw
            ON retrieval_pgvectors USING hnsw (embedding vector_cosine_ops);
        CREATE INDEX IF NOT EXISTS retrieval_pgvectors_scope
            ON retrieval_pgvectors (tenant_id, kb_id, doc_id);
    ",
}];

/// Whether pgvector (0.8 or later) is usable on this store: always `false` on SQLite; on
/// PostgreSQL, installs the extension when it is available and this role may create it.
///
/// Call it outside a transaction: a failed `CREATE EXTENSION` aborts the transaction
/// around it. Failures are rare (the privilege is checked first), but a concurrent
/// creation by another instance can still make it fail, and that is handled by looking
/// again.
///
/// Cost: one catalogue query when the extension is installed (the common case), three
/// more the first time. Cache the answer per instance (components are short-lived; an
/// extension does not come and go between requests).
pub fn available(db: &dyn Sql) -> Result<bool, DbError> {
    if db.dialect() != Dialect::Postgres {
        return Ok(false);
    }
    if let Some(usable) = installed(db)? {
        return Ok(usable);
    }
    // Not installed: only try when the server has it and this role is allowed to create
    // it (a superuser, or a trusted extension and CREATE on the database), so the common
    // "not there" answer never costs a failed statement.
    let rows = db.query(
        "SELECT v.version, \
                (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) \
                OR (v.trusted AND has_database_privilege(current_database(), 'CREATE')) AS may_create \
         FROM pg_available_extensions a \
         JOIN pg_available_extension_versions v ON v.name = a.name AND v.version = a.default_version \
         WHERE a.name = 'vector'",
        &[],
    )?;
    let Some(row) = rows.first() else {
        return Ok(false);
    };
    if !row.opt_bool("may_create")?.unwrap_or(false) || !new_enough(&row.text("version")?) {
        return Ok(false);
    }
    if let Err(e) = db.execute("CREATE EXTENSION IF NOT EXISTS vector", &[]) {
        if e.kind == DbErrorKind::Unavailable {
            return Err(e);
        }
        // Another instance may have created it at the same moment (the loser of that race
        // gets a unique violation on pg_extension), or the privilege check was wrong;
        // what is installed now is the answer either way.
    }
    Ok(installed(db)?.unwrap_or(false))
}

/// `None` when the extension is not installed; otherwise whether its version is new
/// enough and its `vector` type resolves on this connection's search path.
fn installed(db: &dyn Sql) -> Result<Option<bool>, DbError> {
    let rows = db.query(
        "SELECT extversion, to_regtype('vector') IS NOT NULL AS type_visible \
         FROM pg_extension WHERE extname = 'vector'",
        &[],
    )?;
    let Some(row) = rows.first() else {
        return Ok(None);
    };
    Ok(Some(
        row.bool("type_visible")? && new_enough(&row.text("extversion")?),
    ))
}

fn new_enough(version: &str) -> bool {
    let mut parts = version.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    let major = parts.next().unwrap_or(0);
    let minor = parts.next().unwrap_or(0);
    (major, minor) >= MIN_VERSION
}

/// Creates the pgvector table and its indexes (scope [`MIGRATION_SCOPE`]). Idempotent and
/// safe under concurrent first requests (the storage migrations' lock). Only where
/// [`available`] answered `true`; an error on SQLite.
pub fn migrate(db: &dyn Sql) -> Result<(), DbError> {
    if db.dialect() != Dialect::Postgres {
        return Err(DbError::other("pgvector needs PostgreSQL"));
    }
    migrate_scope(db, MIGRATION_SCOPE, MIGRATIONS)
}

/// Stores the vectors of a document's chunks (`(chunk_id, vector)`), replacing earlier
/// vectors of the same chunks. Meant to run inside the ingest transaction.
///
/// A chunk id that belongs to another tenant, knowledge base or document is an error,
/// never an overwrite.
pub fn store(
    db: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    doc_id: &str,
    rows: &[(String, Vec<f32>)],
) -> Result<(), DbError> {
    for batch in rows.chunks(INSERT_BATCH) {
        let mut sql = String::from(
            "INSERT INTO retrieval_pgvectors (chunk_id, tenant_id, kb_id, doc_id, embedding) VALUES ",
        );
        let mut params: Vec<Value> = vec![tenant.into(), kb_id.into(), doc_id.into()];
        for (i, (chunk_id, vector)) in batch.iter().enumerate() {
            let literal = vector_literal(vector)
                .map_err(|e| DbError::other(format!("chunk {chunk_id}: {e}")))?;
            if i > 0 {
                sql.push_str(", ");
            }
            let n = params.len();
            sql.push_str(&format!(
                "(${}, $1, $2, $3, ${}::text::vector)",
                n + 1,
                n + 2
            ));
            params.push(chunk_id.as_str().into());
            params.push(literal.into());
        }
        // The WHERE turns a clash with another owner's row into "0 rows changed".
        sql.push_str(
            " ON CONFLICT (chunk_id) DO UPDATE SET embedding = EXCLUDED.embedding \
             WHERE retrieval_pgvectors.tenant_id = EXCLUDED.tenant_id \
               AND retrieval_pgvectors.kb_id = EXCLUDED.kb_id \
               AND retrieval_pgvectors.doc_id = EXCLUDED.doc_id",
        );
        let written = db.execute(&sql, &params)?;
        if written != batch.len() as u64 {
            return Err(DbError::new(
                DbErrorKind::UniqueViolation,
                format!(
                    "{} of {} chunk ids already belong to another tenant, knowledge base or document",
                    batch.len() as u64 - written,
                    batch.len()
                ),
            ));
        }
    }
    Ok(())
}

/// `(chunk_id, vector)` pairs, as [`store`] takes them.
type ChunkVectors = Vec<(String, Vec<f32>)>;

/// Copies into pgvector the vectors a knowledge base's chunks already have
/// (`retrieval_chunks.embedding`, f32 blobs) but pgvector lacks: for knowledge bases
/// written before pgvector was available on this database. Idempotent; returns how many it
/// copied. Vectors of another dimension than [`DIMENSIONS`] are left out (they cannot go
/// through this path at all). Reads only this knowledge base's chunks (their btree), so its
/// cost is the knowledge base's size: run it on a knowledge base's first write after
/// pgvector appeared, or from a background job.
pub fn backfill_kb(db: &dyn Sql, tenant: &str, kb_id: &str) -> Result<usize, DbError> {
    let rows = db.query(
        "SELECT c.id, c.doc_id, c.embedding FROM retrieval_chunks c \
         WHERE c.tenant_id = $1 AND c.kb_id = $2 AND c.embedding IS NOT NULL \
           AND octet_length(c.embedding) = $3::bigint \
           AND NOT EXISTS (SELECT 1 FROM retrieval_pgvectors p WHERE p.chunk_id = c.id) \
         ORDER BY c.doc_id, c.id",
        &[
            tenant.into(),
            kb_id.into(),
            Value::Int(DIMENSIONS as i64 * 4),
        ],
    )?;
    let mut by_doc: Vec<(String, ChunkVectors)> = Vec::new();
    for row in &rows {
        let doc_id = row.text("doc_id")?;
        let Some(vector) = crate::vector::decode_f32(&row.blob("embedding")?) else {
            continue;
        };
        if by_doc.last().is_none_or(|(d, _)| *d != doc_id) {
            by_doc.push((doc_id, Vec::new()));
        }
        if let Some((_, vectors)) = by_doc.last_mut() {
            vectors.push((row.text("id")?, vector));
        }
    }
    let mut copied = 0;
    for (doc_id, vectors) in &by_doc {
        store(db, tenant, kb_id, doc_id, vectors)?;
        copied += vectors.len();
    }
    Ok(copied)
}

/// Removes the vectors of one document.
pub fn remove_document(
    db: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    doc_id: &str,
) -> Result<(), DbError> {
    db.execute(
        "DELETE FROM retrieval_pgvectors WHERE tenant_id = $1 AND kb_id = $2 AND doc_id = $3",
        &[tenant.into(), kb_id.into(), doc_id.into()],
    )?;
    Ok(())
}

/// Removes the vectors of a whole knowledge base.
pub fn remove_kb(db: &dyn Sql, tenant: &str, kb_id: &str) -> Result<(), DbError> {
    db.execute(
        "DELETE FROM retrieval_pgvectors WHERE tenant_id = $1 AND kb_id = $2",
        &[tenant.into(), kb_id.into()],
    )?;
    Ok(())
}

/// The nearest at most `limit` chunks of a knowledge base to `query`, as `(chunk_id,
/// cosine similarity)`, most similar first (ties by chunk id). Zero vectors have no cosine
/// and are never returned.
///
/// Opens its own transaction (the scan settings are `SET LOCAL`), so call it outside one.
pub fn nearest(
    db: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    query: &[f32],
    limit: usize,
) -> Result<Vec<(String, f64)>, DbError> {
    if limit == 0 {
        return Ok(Vec::new());
    }
    let literal =
        vector_literal(query).map_err(|e| DbError::other(format!("query vector: {e}")))?;
    let rows = transaction(db, |tx| {
        let sql = prepare_scan(tx, tenant, kb_id, limit)?;
        tx.query(sql, &nearest_params(tenant, kb_id, literal, limit))
    })?;
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        // pgvector's cosine distance of a zero vector is NaN.
        if let Some(similarity) = row.opt_real("similarity")?.filter(|s| s.is_finite()) {
            out.push((row.text("chunk_id")?, similarity));
        }
    }
    // The SQL sorts too, but the order is what callers rely on, so it is also made here
    // where no planner can optimise it away.
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(out)
}

/// The plan [`nearest`] gets for these arguments (`EXPLAIN` lines), under the same scan
/// settings: for checking which index serves a knowledge base.
pub fn explain_nearest(
    db: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    query: &[f32],
    limit: usize,
) -> Result<Vec<String>, DbError> {
    let literal =
        vector_literal(query).map_err(|e| DbError::other(format!("query vector: {e}")))?;
    let rows = transaction(db, |tx| {
        let sql = prepare_scan(tx, tenant, kb_id, limit)?;
        tx.query(
            &format!("EXPLAIN {sql}"),
            &nearest_params(tenant, kb_id, literal, limit),
        )
    })?;
    rows.iter().map(|row| row.text("QUERY PLAN")).collect()
}

/// Knowledge bases with at most this many vectors are scanned exactly (through the btree,
/// then sorted): a few hundred distances cost less than a millisecond, and the answer is
/// exact, where the planner would otherwise often pick the approximate HNSW scan.
pub const EXACT_UP_TO: usize = 1_000;

/// Picks the statement for this knowledge base and sets the HNSW scan up for it.
///
/// The first pass of an HNSW scan looks at `ef_search` candidates: the limit (so an
/// unfiltered scan fills it in one pass), at least pgvector's default of 40, at most its
/// maximum. Not more: the planner prices an HNSW scan by `ef_search`, and at 100 it kept
/// choosing a sequential scan up to a few thousand rows.
fn prepare_scan(
    tx: &dyn Sql,
    tenant: &str,
    kb_id: &str,
    limit: usize,
) -> Result<&'static str, DbError> {
    // Counts at most EXACT_UP_TO + 1 btree entries, whatever the knowledge base's size.
    let small = tx.query(
        "SELECT count(*) AS n FROM (SELECT 1 FROM retrieval_pgvectors \
         WHERE tenant_id = $1 AND kb_id = $2 LIMIT $3) AS first_rows",
        &[
            tenant.into(),
            kb_id.into(),
            Value::Int(EXACT_UP_TO as i64 + 1),
        ],
    )?[0]
        .int("n")?
        <= EXACT_UP_TO as i64;
    if small {
        return Ok(EXACT_SQL);
    }
    let ef_search = limit.clamp(40, 1000);
    tx.execute("SET LOCAL hnsw.iterative_scan = relaxed_order", &[])?;
    tx.execute(&format!("SET LOCAL hnsw.ef_search = {ef_search}"), &[])?;
    Ok(NEAREST_SQL)
}

// `+ 0`: an ORDER BY the HNSW index cannot serve, so the planner filters by the btree and
// sorts every distance.
const EXACT_SQL: &str = "\
    SELECT chunk_id, 1 - (embedding <=> $3::text::vector) AS similarity \
    FROM retrieval_pgvectors \
    WHERE tenant_id = $1 AND kb_id = $2 \
    ORDER BY (embedding <=> $3::text::vector) + 0, chunk_id \
    LIMIT $4";

// `relaxed_order` may yield rows slightly out of order, so the limited rows are
// materialised and sorted again. `distance + 0`, as pgvector's documentation does: since
// PostgreSQL 17 a MATERIALIZED CTE passes its ORDER BY on as "presorted", and a plain
// `ORDER BY distance` became an incremental sort that trusted the unsorted rows (seen on
// PGlite's PostgreSQL 18).
const NEAREST_SQL: &str = "\
    WITH candidates AS MATERIALIZED ( \
        SELECT chunk_id, embedding <=> $3::text::vector AS distance \
        FROM retrieval_pgvectors \
        WHERE tenant_id = $1 AND kb_id = $2 \
        ORDER BY distance \
        LIMIT $4) \
    SELECT chunk_id, 1 - distance AS similarity FROM candidates ORDER BY distance + 0, chunk_id";

fn nearest_params(tenant: &str, kb_id: &str, literal: String, limit: usize) -> Vec<Value> {
    vec![
        tenant.into(),
        kb_id.into(),
        literal.into(),
        Value::Int(i64::try_from(limit).unwrap_or(i64::MAX)),
    ]
}

/// pgvector's text form. `{}` prints the shortest decimal that reads back as the same
/// f32, so nothing is lost on the way.
fn vector_literal(vector: &[f32]) -> Result<String, String> {
    if vector.len() != DIMENSIONS {
        return Err(format!(
            "{} dimensions, pgvector stores {DIMENSIONS}",
            vector.len()
        ));
    }
    if vector.iter().any(|v| !v.is_finite()) {
        return Err("a component is NaN or infinite".into());
    }
    let mut out = String::with_capacity(vector.len() * 12 + 2);
    out.push('[');
    for (i, v) in vector.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&v.to_string());
    }
    out.push(']');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_round_trip_exactly() {
        let mut v = vec![0.0f32; DIMENSIONS];
        v[0] = 0.1;
        v[1] = -1.0e-30;
        v[2] = f32::MAX;
        v[3] = 1.0 / 3.0;
        let literal = vector_literal(&v).unwrap();
        assert!(literal.starts_with("[0.1,-0.000000000000000000000000000001,"));
        let parsed: Vec<f32> = literal
            .trim_matches(|c| c == '[' || c == ']')
            .split(',')
            .map(|s| s.parse().unwrap())
            .collect();
        assert_eq!(parsed, v);
    }

    #[test]
    fn literals_refuse_other_dimensions_and_non_finite_values() {
        assert!(vector_literal(&[0.5; 3])
            .unwrap_err()
            .contains("3 dimensions"));
        let mut v = vec![0.5f32; DIMENSIONS];
        v[7] = f32::NAN;
        assert!(vector_literal(&v).is_err());
        v[7] = f32::INFINITY;
        assert!(vector_literal(&v).is_err());
    }

    #[test]
    fn versions_from_0_8_are_new_enough() {
        assert!(new_enough("0.8.0"));
        assert!(new_enough("0.8.7"));
        assert!(new_enough("0.10.1"));
        assert!(new_enough("1.0"));
        assert!(!new_enough("0.7.4"));
        assert!(!new_enough("0.5"));
        assert!(!new_enough(""));
    }
}
