use std::sync::{Arc, Mutex};

use postgres::types::{ToSql, Type};
use postgres::{Client, NoTls};

use crate::{DbError, DbErrorKind, Dialect, Row, Sql, Value};

pub struct NativePostgres {
    client: Mutex<Client>,
}

impl NativePostgres {
    pub fn connect(url: &str) -> Result<Self, DbError> {
        Client::connect(url, NoTls)
            .map(|client| Self { client: Mutex::new(client) })
            .map_err(error)
    }
}

fn params(values: &[Value]) -> Vec<Box<dyn ToSql + Sync>> {
    values
        .iter()
        .map(|v| -> Box<dyn ToSql + Sync> {
            match v {
                Value::Null => Box::new(Option::<String>::None),
                Value::Int(i) => Box::new(*i),
                Value::Bool(b) => Box::new(*b),
                Value::Real(r) => Box::new(*r),
                Value::Text(t) => Box::new(t.clone()),
                Value::Blob(b) => Box::new(b.clone()),
            }
        })
        .collect()
}

impl Sql for NativePostgres {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn execute(&self, sql: &str, values: &[Value]) -> Result<u64, DbError> {
        let owned = params(values);
        let refs: Vec<&(dyn ToSql + Sync)> = owned.iter().map(|b| b.as_ref()).collect();
        self.client.lock().unwrap().execute(sql, &refs).map_err(error)
    }

    fn query(&self, sql: &str, values: &[Value]) -> Result<Vec<Row>, DbError> {
        let owned = params(values);
        let refs: Vec<&(dyn ToSql + Sync)> = owned.iter().map(|b| b.as_ref()).collect();
        let rows = self.client.lock().unwrap().query(sql, &refs).map_err(error)?;
        let Some(first) = rows.first() else { return Ok(Vec::new()) };
        let columns: Arc<[String]> =
            first.columns().iter().map(|c| c.name().to_string()).collect();
        rows.iter()
            .map(|row| {
                let values = row
                    .columns()
                    .iter()
                    .enumerate()
                    .map(|(i, c)| from_pg(row, i, c.type_()))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(Row::new(columns.clone(), values))
            })
            .collect()
    }
}

fn from_pg(row: &postgres::Row, i: usize, ty: &Type) -> Result<Value, DbError> {
    let get = |e: postgres::Error| DbError::other(e.to_string());
    Ok(match *ty {
        Type::BOOL => row.try_get::<_, Option<bool>>(i).map_err(get)?.map(Value::Bool),
        Type::INT2 => row.try_get::<_, Option<i16>>(i).map_err(get)?.map(|v| Value::Int(v.into())),
        Type::INT4 => row.try_get::<_, Option<i32>>(i).map_err(get)?.map(|v| Value::Int(v.into())),
        Type::INT8 => row.try_get::<_, Option<i64>>(i).map_err(get)?.map(Value::Int),
        Type::FLOAT4 => row.try_get::<_, Option<f32>>(i).map_err(get)?.map(|v| Value::Real(v.into())),
        Type::FLOAT8 => row.try_get::<_, Option<f64>>(i).map_err(get)?.map(Value::Real),
        Type::BYTEA => row.try_get::<_, Option<Vec<u8>>>(i).map_err(get)?.map(Value::Blob),
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => {
            row.try_get::<_, Option<String>>(i).map_err(get)?.map(Value::Text)
        }
        Type::VOID => None,
        ref other => {
            return Err(DbError::other(format!(
                "column type {other} is outside the portable set (BIGINT, TEXT, DOUBLE PRECISION, BOOLEAN, BYTEA)"
            )))
        }
    }
    .unwrap_or(Value::Null))
}

fn error(e: postgres::Error) -> DbError {
    if let Some(db) = e.as_db_error() {
        let code = db.code().code();
        let kind = match code {
            "23505" => DbErrorKind::UniqueViolation,
            c if c.starts_with("08") || c.starts_with("57P") || c == "53300" => {
                DbErrorKind::Unavailable
            }
            _ => DbErrorKind::Other,
        };
        return DbError::new(kind, format!("{} ({code})", db.message()));
    }
    if e.is_closed() || e.to_string().contains("connect") {
        return DbError::unavailable(e.to_string());
    }
    DbError::other(e.to_string())
}
