//! SQLite-file backend (Spin's `type = "spin"` store).
//!
//! Uses Spin's table layout so a database file written by Spin reads the same here.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::Context;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use crate::backend::{parse_counter, KeyValueBackend};

/// One label's view of a SQLite file. Several labels may point at one file; each gets its own
/// connection and WAL mode lets them (and other processes) share it.
pub struct SqliteBackend {
    store: String,
    path: PathBuf,
    // rusqlite connections are not Sync; every call takes the lock inside `spawn_blocking`
    // so a slow disk never stalls the async runtime.
    conn: Arc<Mutex<Connection>>,
}

impl SqliteBackend {
    /// Opens (creating if needed) the database file and its table.
    pub fn open(path: &Path, store: &str) -> anyhow::Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("creating directory {}", dir.display()))?;
        }
        let conn = Connection::open(path)
            .with_context(|| format!("opening key-value database {}", path.display()))?;
        // Concurrent writers from other connections wait instead of failing at once.
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .context("enabling WAL mode")?;
        // As for SQL databases (factor-sqlite): no fsync per commit; safe against host
        // crashes, may lose the last writes on a power cut.
        conn.pragma_update(None, "synchronous", "NORMAL")
            .context("setting synchronous=NORMAL")?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS spin_key_value (
                store TEXT NOT NULL,
                key   TEXT NOT NULL,
                value BLOB NOT NULL,
                PRIMARY KEY (store, key)
            )",
        )
        .context("creating table spin_key_value")?;
        Ok(Self {
            store: store.to_string(),
            path: path.to_path_buf(),
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` with the connection on the blocking pool.
    async fn with_conn<R: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection, &str) -> anyhow::Result<R> + Send + 'static,
    ) -> anyhow::Result<R> {
        let conn = self.conn.clone();
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || {
            // A panic while holding the lock leaves the connection itself usable: SQLite
            // rolls back any open transaction when the next one begins.
            let mut guard = conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            f(&mut guard, &store)
        })
        .await
        .context("key-value worker task failed")?
    }
}

fn get_value(conn: &Connection, store: &str, key: &str) -> rusqlite::Result<Option<Vec<u8>>> {
    conn.prepare_cached("SELECT value FROM spin_key_value WHERE store = ?1 AND key = ?2")?
        .query_row(params![store, key], |row| row.get(0))
        .optional()
}

fn put_value(conn: &Connection, store: &str, key: &str, value: &[u8]) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO spin_key_value (store, key, value) VALUES (?1, ?2, ?3)
         ON CONFLICT (store, key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![store, key, value])?;
    Ok(())
}

#[async_trait::async_trait]
impl KeyValueBackend for SqliteBackend {
    async fn get(&self, key: &str) -> anyhow::Result<Option<Vec<u8>>> {
        let key = key.to_string();
        self.with_conn(move |conn, store| Ok(get_value(conn, store, &key)?))
            .await
    }

    async fn set(&self, key: &str, value: &[u8]) -> anyhow::Result<()> {
        let (key, value) = (key.to_string(), value.to_vec());
        self.with_conn(move |conn, store| Ok(put_value(conn, store, &key, &value)?))
            .await
    }

    async fn delete(&self, key: &str) -> anyhow::Result<()> {
        let key = key.to_string();
        self.with_conn(move |conn, store| {
            conn.prepare_cached("DELETE FROM spin_key_value WHERE store = ?1 AND key = ?2")?
                .execute(params![store, key])?;
            Ok(())
        })
        .await
    }

    async fn exists(&self, key: &str) -> anyhow::Result<bool> {
        let key = key.to_string();
        self.with_conn(move |conn, store| {
            Ok(conn
                .prepare_cached("SELECT 1 FROM spin_key_value WHERE store = ?1 AND key = ?2")?
                .exists(params![store, key])?)
        })
        .await
    }

    async fn get_keys(&self) -> anyhow::Result<Vec<String>> {
        self.with_conn(|conn, store| {
            let mut stmt =
                conn.prepare_cached("SELECT key FROM spin_key_value WHERE store = ?1")?;
            let keys = stmt
                .query_map(params![store], |row| row.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?;
            Ok(keys)
        })
        .await
    }

    async fn increment(&self, key: &str, delta: i64) -> anyhow::Result<i64> {
        let key = key.to_string();
        self.with_conn(move |conn, store| {
            // IMMEDIATE takes the write lock up front, so a second process can't read the same
            // old value between our read and write.
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let current = match get_value(&tx, store, &key)? {
                Some(bytes) => parse_counter(&key, &bytes)?,
                None => 0,
            };
            let next = current
                .checked_add(delta)
                .ok_or_else(|| anyhow::anyhow!("incrementing key {key:?} overflows i64"))?;
            put_value(&tx, store, &key, next.to_string().as_bytes())?;
            tx.commit()?;
            Ok(next)
        })
        .await
    }

    async fn compare_and_swap(
        &self,
        key: &str,
        expected: Option<&[u8]>,
        new: &[u8],
    ) -> anyhow::Result<bool> {
        let (key, expected, new) = (key.to_string(), expected.map(<[u8]>::to_vec), new.to_vec());
        self.with_conn(move |conn, store| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            if get_value(&tx, store, &key)? != expected {
                return Ok(false);
            }
            put_value(&tx, store, &key, &new)?;
            tx.commit()?;
            Ok(true)
        })
        .await
    }

    async fn get_many(&self, keys: &[String]) -> anyhow::Result<Vec<(String, Option<Vec<u8>>)>> {
        let keys = keys.to_vec();
        self.with_conn(move |conn, store| {
            keys.into_iter()
                .map(|key| {
                    let value = get_value(conn, store, &key)?;
                    Ok((key, value))
                })
                .collect()
        })
        .await
    }

    async fn set_many(&self, entries: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
        let entries = entries.to_vec();
        self.with_conn(move |conn, store| {
            // One transaction is one fsync instead of one per key.
            let tx = conn.transaction()?;
            for (key, value) in &entries {
                put_value(&tx, store, key, value)?;
            }
            tx.commit()?;
            Ok(())
        })
        .await
    }
}
