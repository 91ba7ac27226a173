//! Guest-facing `spin:sqlite/sqlite@3.0.0` and `fermyon:spin/sqlite@2.0.0`.
//!
//! SQL errors, bad parameters and I/O failures are `io(message)` values for the guest.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};

use anyhow::Context;
use rusqlite::Connection;
use wasmtime::component::{Resource, ResourceTable};

use crate::bindings::fermyon::spin2_0_0::sqlite as v2;
use crate::bindings::spin::sqlite::sqlite as v3;
use crate::database::{self, Database, QueryOutput, SqlValue};

/// Most connections one request may hold open at once.
pub const MAX_OPEN_CONNECTIONS: usize = 64;

/// A guest's open connection. The mutex only makes the connection shareable with the
/// blocking-pool thread that runs a statement; one request never contends with another.
pub struct OpenConnection {
    conn: Arc<Mutex<Connection>>,
}

/// Per-request SQLite state.
pub struct SqliteInstanceState {
    databases: Arc<HashMap<String, Arc<Database>>>,
    allowed: HashSet<String>,
    table: ResourceTable,
}

/// Failures before they are spelled in one interface version's error type.
enum Failure {
    NoSuchDatabase,
    AccessDenied,
    Io(String),
}

fn lock(conn: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    // A panic mid-statement leaves nothing half-written on our side; SQLite keeps the
    // connection consistent, so a poisoned lock is still usable.
    conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl SqliteInstanceState {
    pub(crate) fn new(databases: Arc<HashMap<String, Arc<Database>>>, allowed: &[String]) -> Self {
        let mut table = ResourceTable::new();
        table.set_max_capacity(MAX_OPEN_CONNECTIONS);
        Self {
            databases,
            allowed: allowed.iter().cloned().collect(),
            table,
        }
    }

    /// Permission is checked before existence, as Spin does.
    async fn open(&mut self, label: &str) -> Result<Resource<OpenConnection>, Failure> {
        if !self.allowed.contains(label) {
            return Err(Failure::AccessDenied);
        }
        let database = self
            .databases
            .get(label)
            .ok_or(Failure::NoSuchDatabase)?
            .clone();
        let conn = tokio::task::spawn_blocking(move || database.connect())
            .await
            .map_err(|e| Failure::Io(format!("opening database: {e}")))?
            .map_err(|e| Failure::Io(e.to_string()))?;
        self.table
            .push(OpenConnection {
                conn: Arc::new(Mutex::new(conn)),
            })
            .map_err(|_| Failure::Io("too many open connections".into()))
    }

    async fn execute(
        &mut self,
        connection: &Resource<OpenConnection>,
        statement: String,
        parameters: Vec<SqlValue>,
    ) -> wasmtime::Result<Result<QueryOutput, Failure>> {
        let conn = self.table.get(connection)?.conn.clone();
        let outcome = tokio::task::spawn_blocking(move || {
            database::execute(&lock(&conn), &statement, parameters)
        })
        .await
        .context("SQLite worker task failed")
        .map_err(into_wasmtime)?;
        Ok(outcome.map_err(|e| Failure::Io(e.to_string())))
    }

    fn connection(
        &self,
        connection: &Resource<OpenConnection>,
    ) -> wasmtime::Result<&Mutex<Connection>> {
        Ok(&self.table.get(connection)?.conn)
    }

    fn close(&mut self, connection: Resource<OpenConnection>) -> wasmtime::Result<()> {
        self.table.delete(connection)?;
        Ok(())
    }
}

fn into_wasmtime(err: anyhow::Error) -> wasmtime::Error {
    wasmtime::Error::msg(format!("{err:#}"))
}

/// The two interface versions have identically shaped but distinct generated types; this
/// writes the conversions and the shared `execute`/`open`/`drop` once for each.
macro_rules! version_conversions {
    ($v:ident) => {
        impl From<Failure> for $v::Error {
            fn from(failure: Failure) -> Self {
                match failure {
                    Failure::NoSuchDatabase => $v::Error::NoSuchDatabase,
                    Failure::AccessDenied => $v::Error::AccessDenied,
                    Failure::Io(msg) => $v::Error::Io(msg),
                }
            }
        }

        impl From<$v::Value> for SqlValue {
            fn from(value: $v::Value) -> Self {
                match value {
                    $v::Value::Integer(i) => SqlValue::Integer(i),
                    $v::Value::Real(f) => SqlValue::Real(f),
                    $v::Value::Text(s) => SqlValue::Text(s),
                    $v::Value::Blob(b) => SqlValue::Blob(b),
                    $v::Value::Null => SqlValue::Null,
                }
            }
        }

        impl From<SqlValue> for $v::Value {
            fn from(value: SqlValue) -> Self {
                match value {
                    SqlValue::Integer(i) => $v::Value::Integer(i),
                    SqlValue::Real(f) => $v::Value::Real(f),
                    SqlValue::Text(s) => $v::Value::Text(s),
                    SqlValue::Blob(b) => $v::Value::Blob(b),
                    SqlValue::Null => $v::Value::Null,
                }
            }
        }

        impl From<QueryOutput> for $v::QueryResult {
            fn from(output: QueryOutput) -> Self {
                $v::QueryResult {
                    columns: output.columns,
                    rows: output
                        .rows
                        .into_iter()
                        .map(|row| $v::RowResult {
                            values: row.into_iter().map(Into::into).collect(),
                        })
                        .collect(),
                }
            }
        }

        impl $v::Host for SqliteInstanceState {}
    };
}

version_conversions!(v2);
version_conversions!(v3);

impl v3::HostConnection for SqliteInstanceState {
    async fn open(
        &mut self,
        database: String,
    ) -> wasmtime::Result<Result<Resource<OpenConnection>, v3::Error>> {
        Ok(SqliteInstanceState::open(self, &database)
            .await
            .map_err(Into::into))
    }

    async fn execute(
        &mut self,
        connection: Resource<OpenConnection>,
        statement: String,
        parameters: Vec<v3::Value>,
    ) -> wasmtime::Result<Result<v3::QueryResult, v3::Error>> {
        let params = parameters.into_iter().map(Into::into).collect();
        Ok(
            SqliteInstanceState::execute(self, &connection, statement, params)
                .await?
                .map(Into::into)
                .map_err(Into::into),
        )
    }

    async fn last_insert_rowid(
        &mut self,
        connection: Resource<OpenConnection>,
    ) -> wasmtime::Result<i64> {
        Ok(lock(self.connection(&connection)?).last_insert_rowid())
    }

    async fn changes(&mut self, connection: Resource<OpenConnection>) -> wasmtime::Result<u64> {
        Ok(lock(self.connection(&connection)?).changes())
    }

    async fn drop(&mut self, connection: Resource<OpenConnection>) -> wasmtime::Result<()> {
        self.close(connection)
    }
}

impl v2::HostConnection for SqliteInstanceState {
    async fn open(
        &mut self,
        database: String,
    ) -> wasmtime::Result<Result<Resource<OpenConnection>, v2::Error>> {
        Ok(SqliteInstanceState::open(self, &database)
            .await
            .map_err(Into::into))
    }

    async fn execute(
        &mut self,
        connection: Resource<OpenConnection>,
        statement: String,
        parameters: Vec<v2::Value>,
    ) -> wasmtime::Result<Result<v2::QueryResult, v2::Error>> {
        let params = parameters.into_iter().map(Into::into).collect();
        Ok(
            SqliteInstanceState::execute(self, &connection, statement, params)
                .await?
                .map(Into::into)
                .map_err(Into::into),
        )
    }

    async fn drop(&mut self, connection: Resource<OpenConnection>) -> wasmtime::Result<()> {
        self.close(connection)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SqliteFactor;
    use v3::HostConnection as _;

    fn state_dir(name: &str) -> std::path::PathBuf {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        std::env::temp_dir().join(format!("sqlite-host-{name}-{}-{nanos}", std::process::id()))
    }

    /// `default` on a file plus an in-memory `scratch` database.
    fn factor(name: &str) -> SqliteFactor {
        let table: toml::Table =
            toml::from_str("[sqlite_database.scratch]\ntype = \"spin\"\n").unwrap();
        SqliteFactor::from_runtime_config(table.get("sqlite_database"), &state_dir(name)).unwrap()
    }

    fn labels(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn borrow(conn: &Resource<OpenConnection>) -> Resource<OpenConnection> {
        Resource::new_borrow(conn.rep())
    }

    async fn open(state: &mut SqliteInstanceState, label: &str) -> Resource<OpenConnection> {
        v3::HostConnection::open(state, label.into())
            .await
            .unwrap()
            .unwrap_or_else(|e| panic!("open {label}: {e:?}"))
    }

    async fn exec(
        state: &mut SqliteInstanceState,
        conn: &Resource<OpenConnection>,
        sql: &str,
        params: Vec<v3::Value>,
    ) -> Result<v3::QueryResult, v3::Error> {
        v3::HostConnection::execute(state, borrow(conn), sql.into(), params)
            .await
            .expect("no trap")
    }

    #[tokio::test]
    async fn values_round_trip_through_parameters() {
        let factor = factor("roundtrip");
        let mut state = factor.instance_state(&labels(&["default"]));
        let conn = open(&mut state, "default").await;
        exec(
            &mut state,
            &conn,
            "CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n)",
            vec![],
        )
        .await
        .unwrap();
        let blob: Vec<u8> = (0..=255).collect();
        let inserted = exec(
            &mut state,
            &conn,
            "INSERT INTO t VALUES (?, ?, ?, ?, ?)",
            vec![
                v3::Value::Integer(i64::MIN),
                v3::Value::Real(-1.5e300),
                v3::Value::Text("héllo 'quoted'".into()),
                v3::Value::Blob(blob.clone()),
                v3::Value::Null,
            ],
        )
        .await
        .unwrap();
        assert!(inserted.columns.is_empty() && inserted.rows.is_empty());
        assert_eq!(state.changes(borrow(&conn)).await.unwrap(), 1);
        assert_eq!(state.last_insert_rowid(borrow(&conn)).await.unwrap(), 1);

        let result = exec(&mut state, &conn, "SELECT i, r, s, b, n FROM t", vec![])
            .await
            .unwrap();
        assert_eq!(result.columns, labels(&["i", "r", "s", "b", "n"]));
        assert_eq!(result.rows.len(), 1);
        let values = &result.rows[0].values;
        assert!(matches!(values[0], v3::Value::Integer(i64::MIN)));
        assert!(matches!(values[1], v3::Value::Real(r) if r == -1.5e300));
        assert!(matches!(&values[2], v3::Value::Text(s) if s == "héllo 'quoted'"));
        assert!(matches!(&values[3], v3::Value::Blob(b) if *b == blob));
        assert!(matches!(values[4], v3::Value::Null));
    }

    #[tokio::test]
    async fn parameters_filter_and_changes_count_updates() {
        let factor = factor("params");
        let mut state = factor.instance_state(&labels(&["default"]));
        let conn = open(&mut state, "default").await;
        exec(
            &mut state,
            &conn,
            "CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT)",
            vec![],
        )
        .await
        .unwrap();
        for name in ["a", "b", "c"] {
            exec(
                &mut state,
                &conn,
                "INSERT INTO p (name) VALUES (?1)",
                vec![v3::Value::Text(name.into())],
            )
            .await
            .unwrap();
        }
        assert_eq!(state.last_insert_rowid(borrow(&conn)).await.unwrap(), 3);
        exec(
            &mut state,
            &conn,
            "UPDATE p SET name = upper(name) WHERE id >= ?",
            vec![v3::Value::Integer(2)],
        )
        .await
        .unwrap();
        assert_eq!(state.changes(borrow(&conn)).await.unwrap(), 2);
        let rows = exec(
            &mut state,
            &conn,
            "SELECT name FROM p WHERE id > ? ORDER BY id",
            vec![v3::Value::Integer(1)],
        )
        .await
        .unwrap()
        .rows;
        let names: Vec<_> = rows
            .into_iter()
            .map(|r| match &r.values[0] {
                v3::Value::Text(s) => s.clone(),
                other => panic!("unexpected {other:?}"),
            })
            .collect();
        assert_eq!(names, labels(&["B", "C"]));
        // RETURNING rows come back like a query's.
        let returned = exec(
            &mut state,
            &conn,
            "INSERT INTO p (name) VALUES ('d') RETURNING id",
            vec![],
        )
        .await
        .unwrap();
        assert_eq!(returned.columns, labels(&["id"]));
        assert!(matches!(returned.rows[0].values[0], v3::Value::Integer(4)));
    }

    #[tokio::test]
    async fn sql_mistakes_are_io_errors_not_traps() {
        let factor = factor("errors");
        let mut state = factor.instance_state(&labels(&["default"]));
        let conn = open(&mut state, "default").await;
        let syntax = exec(&mut state, &conn, "SELEC nonsense", vec![]).await;
        assert!(matches!(syntax, Err(v3::Error::Io(msg)) if msg.contains("syntax")));
        let missing = exec(&mut state, &conn, "SELECT * FROM no_such_table", vec![]).await;
        assert!(matches!(missing, Err(v3::Error::Io(msg)) if msg.contains("no_such_table")));
        let too_many = exec(
            &mut state,
            &conn,
            "SELECT ?",
            vec![v3::Value::Null, v3::Value::Null],
        )
        .await;
        assert!(matches!(too_many, Err(v3::Error::Io(_))));
        let too_few = exec(&mut state, &conn, "SELECT ?, ?", vec![v3::Value::Null]).await;
        assert!(matches!(too_few, Err(v3::Error::Io(_))));
        // The connection still works afterwards.
        assert!(exec(&mut state, &conn, "SELECT 1", vec![]).await.is_ok());
    }

    #[tokio::test]
    async fn labels_are_checked_against_the_component_list() {
        let factor = factor("labels");
        assert_eq!(factor.database_labels(), labels(&["default", "scratch"]));
        let mut state = factor.instance_state(&labels(&["default", "ghost"]));
        let denied = v3::HostConnection::open(&mut state, "scratch".into())
            .await
            .unwrap();
        assert!(matches!(denied, Err(v3::Error::AccessDenied)));
        let unknown = v3::HostConnection::open(&mut state, "ghost".into())
            .await
            .unwrap();
        assert!(matches!(unknown, Err(v3::Error::NoSuchDatabase)));
        let v2_denied = v2::HostConnection::open(&mut state, "scratch".into())
            .await
            .unwrap();
        assert!(matches!(v2_denied, Err(v2::Error::AccessDenied)));
    }

    #[tokio::test]
    async fn in_memory_database_is_shared_across_requests_and_v2_sees_it() {
        let factor = factor("memory");
        let mut first = factor.instance_state(&labels(&["scratch"]));
        let conn = open(&mut first, "scratch").await;
        exec(&mut first, &conn, "CREATE TABLE m (v TEXT)", vec![])
            .await
            .unwrap();
        exec(&mut first, &conn, "INSERT INTO m VALUES ('kept')", vec![])
            .await
            .unwrap();
        v3::HostConnection::drop(&mut first, conn).await.unwrap();
        drop(first);

        let mut second = factor.instance_state(&labels(&["scratch"]));
        let conn = v2::HostConnection::open(&mut second, "scratch".into())
            .await
            .unwrap()
            .unwrap();
        let result = v2::HostConnection::execute(
            &mut second,
            borrow(&conn),
            "SELECT v FROM m WHERE v = ?".into(),
            vec![v2::Value::Text("kept".into())],
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!(result.rows.len(), 1);
        assert!(matches!(&result.rows[0].values[0], v2::Value::Text(s) if s == "kept"));
    }

    #[tokio::test]
    async fn file_database_persists_and_is_created_at_startup() {
        let dir = state_dir("persist");
        let factor = SqliteFactor::from_runtime_config(None, &dir).unwrap();
        assert!(dir.join(crate::DEFAULT_DATABASE_FILE).exists());
        let mut state = factor.instance_state(&labels(&["default"]));
        let conn = open(&mut state, "default").await;
        exec(&mut state, &conn, "CREATE TABLE kept (v INTEGER)", vec![])
            .await
            .unwrap();
        exec(&mut state, &conn, "INSERT INTO kept VALUES (7)", vec![])
            .await
            .unwrap();
        drop(state);
        drop(factor);

        let factor = SqliteFactor::from_runtime_config(None, &dir).unwrap();
        let mut state = factor.instance_state(&labels(&["default"]));
        let conn = open(&mut state, "default").await;
        let rows = exec(&mut state, &conn, "SELECT v FROM kept", vec![])
            .await
            .unwrap()
            .rows;
        assert!(matches!(rows[0].values[0], v3::Value::Integer(7)));
    }

    #[tokio::test]
    async fn registers_both_versions_in_a_linker() {
        let engine = wasmtime::Engine::new(&wasmtime::Config::new()).unwrap();
        let mut linker = wasmtime::component::Linker::<SqliteInstanceState>::new(&engine);
        crate::add_to_linker(&mut linker, |state| state).expect("both versions link");
    }
}
