use std::sync::Arc;

use rusqlite::types::{Value as SqliteValue, ValueRef};
use rusqlite::Connection;

use crate::error::classify_sqlite_message;
use crate::sql::sqlite_placeholders;
use crate::{DbError, Dialect, Row, Sql, Value};

pub struct NativeSqlite {
    conn: Connection,
}

impl NativeSqlite {
    pub fn open_in_memory() -> Result<Self, DbError> {
        Connection::open_in_memory().map(|conn| Self { conn }).map_err(error)
    }

    /// A file database shared by several connections, as the host shares one per app.
    pub fn open(path: &std::path::Path) -> Result<Self, DbError> {
        let conn = Connection::open(path).map_err(error)?;
        conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(error)?;
        conn.pragma_update(None, "journal_mode", "WAL").map_err(error)?;
        Ok(Self { conn })
    }
}

impl Sql for NativeSqlite {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn execute(&self, sql: &str, params: &[Value]) -> Result<u64, DbError> {
        let params: Vec<SqliteValue> = params.iter().map(to_sqlite).collect();
        let mut statement = self.conn.prepare(&sqlite_placeholders(sql)).map_err(error)?;
        statement
            .execute(rusqlite::params_from_iter(params))
            .map(|n| n as u64)
            .map_err(error)
    }

    fn query(&self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError> {
        let params: Vec<SqliteValue> = params.iter().map(to_sqlite).collect();
        let mut statement = self.conn.prepare(&sqlite_placeholders(sql)).map_err(error)?;
        let columns: Arc<[String]> =
            statement.column_names().into_iter().map(str::to_string).collect();
        let mut rows = statement.query(rusqlite::params_from_iter(params)).map_err(error)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(error)? {
            let values = (0..columns.len())
                .map(|i| row.get_ref(i).map(from_sqlite).map_err(error))
                .collect::<Result<Vec<_>, _>>()?;
            out.push(Row::new(columns.clone(), values));
        }
        Ok(out)
    }
}

fn to_sqlite(value: &Value) -> SqliteValue {
    match value {
        Value::Null => SqliteValue::Null,
        Value::Int(v) => SqliteValue::Integer(*v),
        Value::Bool(b) => SqliteValue::Integer(i64::from(*b)),
        Value::Real(v) => SqliteValue::Real(*v),
        Value::Text(t) => SqliteValue::Text(t.clone()),
        Value::Blob(b) => SqliteValue::Blob(b.clone()),
    }
}

fn from_sqlite(value: ValueRef<'_>) -> Value {
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(v) => Value::Int(v),
        ValueRef::Real(v) => Value::Real(v),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    }
}

fn error(e: rusqlite::Error) -> DbError {
    classify_sqlite_message(e.to_string())
}
