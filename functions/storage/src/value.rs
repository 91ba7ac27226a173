use std::sync::Arc;

use crate::DbError;

/// A parameter or column value, the common ground of SQLite and PostgreSQL.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    /// PostgreSQL BOOLEAN; SQLite stores it as 0/1.
    Bool(bool),
    Text(String),
    Blob(Vec<u8>),
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}
impl From<i32> for Value {
    fn from(v: i32) -> Self {
        Value::Int(v.into())
    }
}
impl From<u32> for Value {
    fn from(v: u32) -> Self {
        Value::Int(v.into())
    }
}
impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::Real(v)
    }
}
impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Bool(v)
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_string())
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}
impl From<&String> for Value {
    fn from(v: &String) -> Self {
        Value::Text(v.clone())
    }
}
impl From<Vec<u8>> for Value {
    fn from(v: Vec<u8>) -> Self {
        Value::Blob(v)
    }
}
impl From<&[u8]> for Value {
    fn from(v: &[u8]) -> Self {
        Value::Blob(v.to_vec())
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

/// One result row; columns are looked up by name.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    columns: Arc<[String]>,
    values: Vec<Value>,
}

impl Row {
    pub fn new(columns: Arc<[String]>, values: Vec<Value>) -> Self {
        Self { columns, values }
    }

    pub fn value(&self, column: &str) -> Result<&Value, DbError> {
        self.columns
            .iter()
            .position(|c| c == column)
            .and_then(|i| self.values.get(i))
            .ok_or_else(|| DbError::other(format!("no column `{column}` in the result")))
    }

    pub fn opt_int(&self, column: &str) -> Result<Option<i64>, DbError> {
        match self.value(column)? {
            Value::Null => Ok(None),
            Value::Int(v) => Ok(Some(*v)),
            Value::Bool(b) => Ok(Some(i64::from(*b))),
            // COUNT/SUM come back as NUMERIC text on some PostgreSQL paths.
            Value::Text(t) => t.parse().map(Some).map_err(|_| mismatch(column, "an integer")),
            _ => Err(mismatch(column, "an integer")),
        }
    }

    pub fn int(&self, column: &str) -> Result<i64, DbError> {
        self.opt_int(column)?.ok_or_else(|| null(column))
    }

    pub fn opt_real(&self, column: &str) -> Result<Option<f64>, DbError> {
        match self.value(column)? {
            Value::Null => Ok(None),
            Value::Real(v) => Ok(Some(*v)),
            Value::Int(v) => Ok(Some(*v as f64)),
            Value::Text(t) => t.parse().map(Some).map_err(|_| mismatch(column, "a number")),
            _ => Err(mismatch(column, "a number")),
        }
    }

    pub fn real(&self, column: &str) -> Result<f64, DbError> {
        self.opt_real(column)?.ok_or_else(|| null(column))
    }

    pub fn opt_bool(&self, column: &str) -> Result<Option<bool>, DbError> {
        match self.value(column)? {
            Value::Null => Ok(None),
            Value::Bool(b) => Ok(Some(*b)),
            Value::Int(v) => Ok(Some(*v != 0)),
            _ => Err(mismatch(column, "a boolean")),
        }
    }

    pub fn bool(&self, column: &str) -> Result<bool, DbError> {
        self.opt_bool(column)?.ok_or_else(|| null(column))
    }

    pub fn opt_text(&self, column: &str) -> Result<Option<String>, DbError> {
        match self.value(column)? {
            Value::Null => Ok(None),
            Value::Text(t) => Ok(Some(t.clone())),
            Value::Blob(b) => String::from_utf8(b.clone())
                .map(Some)
                .map_err(|_| mismatch(column, "UTF-8 text")),
            _ => Err(mismatch(column, "text")),
        }
    }

    pub fn text(&self, column: &str) -> Result<String, DbError> {
        self.opt_text(column)?.ok_or_else(|| null(column))
    }

    pub fn opt_blob(&self, column: &str) -> Result<Option<Vec<u8>>, DbError> {
        match self.value(column)? {
            Value::Null => Ok(None),
            Value::Blob(b) => Ok(Some(b.clone())),
            Value::Text(t) => Ok(Some(t.clone().into_bytes())),
            _ => Err(mismatch(column, "bytes")),
        }
    }

    pub fn blob(&self, column: &str) -> Result<Vec<u8>, DbError> {
        self.opt_blob(column)?.ok_or_else(|| null(column))
    }
}

fn mismatch(column: &str, expected: &str) -> DbError {
    DbError::other(format!("column `{column}` is not {expected}"))
}

fn null(column: &str) -> DbError {
    DbError::other(format!("column `{column}` is NULL"))
}
