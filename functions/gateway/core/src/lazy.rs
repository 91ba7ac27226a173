//! A database connection opened on first use.
//!
//! With its bookkeeping deferred, a gateway call usually touches the database only after
//! its answer has been sent (the ledger row), so opening the connection up front would put
//! the open on the caller's latency for nothing.

use std::cell::OnceCell;

use storage::{DbError, Dialect, Row, Sql, Value};

type Open = Box<dyn Fn() -> Result<Box<dyn Sql>, DbError>>;

pub struct LazySql {
    open: Open,
    conn: OnceCell<Box<dyn Sql>>,
}

impl LazySql {
    pub fn new(open: impl Fn() -> Result<Box<dyn Sql>, DbError> + 'static) -> Self {
        Self {
            open: Box::new(open),
            conn: OnceCell::new(),
        }
    }

    /// Whether a connection has been opened.
    pub fn is_open(&self) -> bool {
        self.conn.get().is_some()
    }

    /// The connection, opening it if needed. A failed open is tried again by the next
    /// statement, so the ledger's retry also retries the connection.
    fn conn(&self) -> Result<&dyn Sql, DbError> {
        if let Some(conn) = self.conn.get() {
            return Ok(conn.as_ref());
        }
        let opened = (self.open)()?;
        Ok(self.conn.get_or_init(|| opened).as_ref())
    }
}

impl Sql for LazySql {
    fn dialect(&self) -> Dialect {
        // Without a connection no statement runs, so the dialect reported is moot.
        self.conn().map_or(Dialect::Sqlite, Sql::dialect)
    }

    fn execute(&self, sql: &str, params: &[Value]) -> Result<u64, DbError> {
        self.conn()?.execute(sql, params)
    }

    fn query(&self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError> {
        self.conn()?.query(sql, params)
    }
}
