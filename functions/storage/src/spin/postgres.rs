use std::sync::Arc;

use spin_sdk::pg4::{Connection, DbValue, ParameterValue, PgError as Error, QueryError};

use crate::{DbError, DbErrorKind, Dialect, Row, Sql, Value};

pub struct PostgresSql {
    conn: Connection,
}

impl PostgresSql {
    pub fn open(url: &str) -> Result<Self, DbError> {
        Connection::open(url).map(|conn| Self { conn }).map_err(error)
    }
}

impl Sql for PostgresSql {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn execute(&self, sql: &str, params: &[Value]) -> Result<u64, DbError> {
        let params: Vec<ParameterValue> = params.iter().map(to_pg).collect();
        self.conn.execute(sql, &params).map_err(error)
    }

    fn query(&self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError> {
        let params: Vec<ParameterValue> = params.iter().map(to_pg).collect();
        let set = self.conn.query(sql, &params).map_err(error)?;
        let columns: Arc<[String]> = set.columns.into_iter().map(|c| c.name).collect();
        Ok(set
            .rows
            .into_iter()
            .map(|row| Row::new(columns.clone(), row.into_iter().map(from_pg).collect()))
            .collect())
    }
}

fn to_pg(value: &Value) -> ParameterValue {
    match value {
        Value::Null => ParameterValue::DbNull,
        Value::Int(v) => ParameterValue::Int64(*v),
        Value::Bool(b) => ParameterValue::Boolean(*b),
        Value::Real(v) => ParameterValue::Floating64(*v),
        Value::Text(t) => ParameterValue::Str(t.clone()),
        Value::Blob(b) => ParameterValue::Binary(b.clone()),
    }
}

fn from_pg(value: DbValue) -> Value {
    match value {
        DbValue::DbNull => Value::Null,
        DbValue::Boolean(b) => Value::Bool(b),
        DbValue::Int8(v) => Value::Int(v.into()),
        DbValue::Int16(v) => Value::Int(v.into()),
        DbValue::Int32(v) => Value::Int(v.into()),
        DbValue::Int64(v) => Value::Int(v),
        DbValue::Floating32(v) => Value::Real(v.into()),
        DbValue::Floating64(v) => Value::Real(v),
        DbValue::Str(t) => Value::Text(t),
        DbValue::Binary(b) => Value::Blob(b),
        DbValue::Timestamp(v) => Value::Int(v),
        DbValue::Uuid(t) | DbValue::Decimal(t) => Value::Text(t),
        DbValue::Jsonb(b) => Value::Text(String::from_utf8_lossy(&b).into_owned()),
        // Schemas keep to portable types (BIGINT unix times, TEXT); anything else is a
        // schema bug worth seeing, not a silent NULL.
        other => Value::Text(format!("{other:?}")),
    }
}

fn error(e: Error) -> DbError {
    match e {
        Error::ConnectionFailed(message) => DbError::unavailable(message),
        Error::QueryFailed(QueryError::DbError(db)) => {
            let kind = match db.code.as_str() {
                "23505" => DbErrorKind::UniqueViolation,
                // connection exceptions, admin shutdown, cannot connect now, too many connections
                code if code.starts_with("08") || code.starts_with("57P") || code == "53300" => {
                    DbErrorKind::Unavailable
                }
                _ => DbErrorKind::Other,
            };
            DbError::new(kind, format!("{} ({})", db.message, db.code))
        }
        Error::QueryFailed(QueryError::Text(message)) => DbError::other(message),
        other => DbError::other(format!("{other:?}")),
    }
}
