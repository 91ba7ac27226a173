//! Opening databases and running statements with rusqlite, independent of any WIT version.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use anyhow::Context;
use rusqlite::types::{Value as SqliteValue, ValueRef};
use rusqlite::Connection;

use crate::config::DatabaseLocation;

/// How long a connection waits on another connection's write lock before reporting "busy".
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// A column value, shared by both interface versions.
#[derive(Debug, Clone, PartialEq)]
pub enum SqlValue {
    Integer(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
    Null,
}

/// What `execute` returns: column names and rows of values.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QueryOutput {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<SqlValue>>,
}

/// One configured database. Every guest `open` gets its own connection, so a guest's
/// transaction, `last-insert-rowid` and `changes` are never mixed with another request's.
pub struct Database {
    target: String,
    // Keeps a shared in-memory database alive between requests; SQLite drops it when its
    // last connection closes.
    _anchor: Option<Mutex<Connection>>,
}

impl Database {
    /// Creates the file (and its directory) or the in-memory database now, so configuration
    /// mistakes surface at host start.
    pub fn create(label: &str, location: &DatabaseLocation) -> anyhow::Result<Self> {
        match location {
            DatabaseLocation::File(path) => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir)
                        .with_context(|| format!("creating directory {}", dir.display()))?;
                }
                let target = path_str(path)?;
                let conn = Connection::open(&target)
                    .with_context(|| format!("opening SQLite database {}", path.display()))?;
                // WAL is a property of the file, so setting it once covers every later
                // connection: readers no longer block the writer.
                conn.pragma_update(None, "journal_mode", "WAL")
                    .with_context(|| format!("enabling WAL on {}", path.display()))?;
                Ok(Self {
                    target,
                    _anchor: None,
                })
            }
            DatabaseLocation::InMemory => {
                static NEXT: AtomicU64 = AtomicU64::new(0);
                let target = format!(
                    "file:host-sqlite-{label}-{}-{}?mode=memory&cache=shared",
                    std::process::id(),
                    NEXT.fetch_add(1, Ordering::Relaxed)
                );
                let anchor = Connection::open(&target)
                    .with_context(|| format!("creating in-memory database {label:?}"))?;
                Ok(Self {
                    target,
                    _anchor: Some(Mutex::new(anchor)),
                })
            }
        }
    }

    /// A new connection; blocking (file I/O), so call it off the async runtime.
    pub fn connect(&self) -> rusqlite::Result<Connection> {
        let conn = Connection::open(&self.target)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // In WAL mode NORMAL skips the fsync on every commit (the WAL is synced at
        // checkpoints): a crash of the host loses nothing, a power cut may lose the last
        // commits but never corrupts the file. Per-commit fsyncs were most of the embedded
        // default's cost per request (gateway ledger, counters, auth audit).
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        Ok(conn)
    }
}

fn path_str(path: &Path) -> anyhow::Result<String> {
    path.to_str()
        .map(str::to_string)
        .with_context(|| format!("database path {} is not UTF-8", path.display()))
}

/// Runs one statement with positional parameters and collects every row it yields.
/// Statements without result columns (INSERT, CREATE, ...) return no columns and no rows.
pub fn execute(
    conn: &Connection,
    statement: &str,
    parameters: Vec<SqlValue>,
) -> rusqlite::Result<QueryOutput> {
    let mut stmt = conn.prepare(statement)?;
    let columns: Vec<String> = stmt.column_names().into_iter().map(String::from).collect();
    let params: Vec<SqliteValue> = parameters.into_iter().map(to_sqlite).collect();
    let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let values = (0..columns.len())
            .map(|i| row.get_ref(i).map(from_sqlite))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.push(values);
    }
    Ok(QueryOutput { columns, rows: out })
}

fn to_sqlite(value: SqlValue) -> SqliteValue {
    match value {
        SqlValue::Integer(i) => SqliteValue::Integer(i),
        SqlValue::Real(f) => SqliteValue::Real(f),
        SqlValue::Text(s) => SqliteValue::Text(s),
        SqlValue::Blob(b) => SqliteValue::Blob(b),
        SqlValue::Null => SqliteValue::Null,
    }
}

fn from_sqlite(value: ValueRef<'_>) -> SqlValue {
    match value {
        ValueRef::Integer(i) => SqlValue::Integer(i),
        ValueRef::Real(f) => SqlValue::Real(f),
        // SQLite doesn't enforce UTF-8 in TEXT; invalid bytes become U+FFFD rather than failing
        // the whole query.
        ValueRef::Text(bytes) => SqlValue::Text(String::from_utf8_lossy(bytes).into_owned()),
        ValueRef::Blob(bytes) => SqlValue::Blob(bytes.to_vec()),
        ValueRef::Null => SqlValue::Null,
    }
}
