//! Backends over spin-sdk, chosen from the component's variables: PostgreSQL when
//! `postgres_url` is set, else the SQLite database `default`; Redis when `redis_url` is
//! set, else the key-value store `default`.

mod key_value;
mod postgres;
mod redis;
mod sqlite;

use api_kit::ConfigSource;

pub use key_value::SpinKeyValue;
pub use postgres::PostgresSql;
pub use redis::RedisKeyValue;
pub use sqlite::SqliteSql;

use crate::{DbError, KeyValue, Sql};

fn configured(config: &dyn ConfigSource, name: &str) -> Option<String> {
    config.get(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

pub fn open_sql(config: &dyn ConfigSource) -> Result<Box<dyn Sql>, DbError> {
    match configured(config, "postgres_url") {
        Some(url) => Ok(Box::new(PostgresSql::open(&url)?)),
        None => Ok(Box::new(SqliteSql::open("default")?)),
    }
}

pub fn open_key_value(config: &dyn ConfigSource) -> Result<Box<dyn KeyValue>, DbError> {
    match configured(config, "redis_url") {
        Some(url) => Ok(Box::new(RedisKeyValue::open(&url)?)),
        None => Ok(Box::new(SpinKeyValue::open("default")?)),
    }
}
