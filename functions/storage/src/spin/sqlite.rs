use std::sync::Arc;

use spin_sdk::sqlite3::{Connection, Error, Value as SqliteValue};

use crate::sql::sqlite_placeholders;
use crate::error::classify_sqlite_message;
use crate::{DbError, Dialect, Row, Sql, Value};

pub struct SqliteSql {
    conn: Connection,
}

impl SqliteSql {
    pub fn open(database: &str) -> Result<Self, DbError> {
        Connection::open(database).map(|conn| Self { conn }).map_err(error)
    }

    fn run(&self, sql: &str, params: &[Value]) -> Result<spin_sdk::sqlite3::QueryResult, DbError> {
        let params: Vec<SqliteValue> = params.iter().map(to_sqlite).collect();
        self.conn.execute(&sqlite_placeholders(sql), &params).map_err(error)
    }
}

impl Sql for SqliteSql {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn execute(&self, sql: &str, params: &[Value]) -> Result<u64, DbError> {
        self.run(sql, params)?;
        Ok(self.conn.changes())
    }

    fn query(&self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError> {
        let result = self.run(sql, params)?;
        let columns: Arc<[String]> = result.columns.into();
        Ok(result
            .rows
            .into_iter()
            .map(|row| Row::new(columns.clone(), row.values.into_iter().map(from_sqlite).collect()))
            .collect())
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

fn from_sqlite(value: SqliteValue) -> Value {
    match value {
        SqliteValue::Null => Value::Null,
        SqliteValue::Integer(v) => Value::Int(v),
        SqliteValue::Real(v) => Value::Real(v),
        SqliteValue::Text(t) => Value::Text(t),
        SqliteValue::Blob(b) => Value::Blob(b),
    }
}

fn error(e: Error) -> DbError {
    match e {
        Error::Io(message) => classify_sqlite_message(message),
        other => DbError::other(format!("{other:?}")),
    }
}

