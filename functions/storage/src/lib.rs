//! The one way functions reach their data.
//!
//! * [`Sql`]: one query interface over SQLite (the embedded default) and PostgreSQL (when
//!   the `postgres_url` variable is set). Statements use `$1, $2, ...` placeholders in both
//!   dialects; schemas stick to portable column types (BIGINT, TEXT, DOUBLE PRECISION,
//!   BOOLEAN, BYTEA/BLOB) so the same parameters bind on both.
//! * [`migrate`]: versioned migrations per scope, applied on first use and safe when many
//!   fresh instances race to apply them.
//! * [`KeyValue`]: values with a time to live and atomic counters over Redis (when
//!   `redis_url` is set) or the Spin key-value store `default`, and [`rate_limit`] on top.
//!
//! Backends: `spin` feature for guests, `native` feature for native tests of domain crates.

mod error;
mod kv;
mod migrate;
mod sql;
mod value;

#[cfg(feature = "native")]
pub mod native;
#[cfg(feature = "spin")]
pub mod spin;

pub use error::{DbError, DbErrorKind};
pub use kv::{rate_limit, KeyValue, MemoryKeyValue, RateDecision};
pub use migrate::{migrate, Migration};
pub use sql::{split_statements, transaction, Dialect, Sql};
pub use value::{Row, Value};

#[cfg(feature = "spin")]
pub use spin::{open_key_value, open_sql};
