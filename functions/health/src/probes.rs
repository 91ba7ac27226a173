//! The reachability probes, one per backing store, each a short round trip through spin-sdk.
//! They return `Err(text)`; `report` times them and redacts the text.

use spin_sdk::{key_value, pg4, redis, sqlite3};

/// `SELECT 1` on a SQLite database the component is granted.
pub fn sqlite(database: &str) -> Result<(), String> {
    let conn = sqlite3::Connection::open(database).map_err(|e| format!("open: {e:?}"))?;
    let result = conn
        .execute("SELECT 1", &[])
        .map_err(|e| format!("SELECT 1: {e:?}"))?;
    match result.rows.first().and_then(|row| row.values.first()) {
        Some(sqlite3::Value::Integer(1)) => Ok(()),
        other => Err(format!("SELECT 1 returned {other:?}")),
    }
}

/// Writes, reads back and deletes a unique probe key, so a read-only or lossy store shows up.
pub fn key_value(label: &str) -> Result<(), String> {
    let store = key_value::Store::open(label).map_err(|e| format!("open: {e:?}"))?;
    let probe = uuid::Uuid::new_v4().to_string();
    let key = format!("__health_probe__:{probe}");
    store
        .set(&key, probe.as_bytes())
        .map_err(|e| format!("set: {e:?}"))?;
    let read = store.get(&key).map_err(|e| format!("get: {e:?}"));
    // Delete even when the read failed so probes never accumulate.
    let deleted = store.delete(&key).map_err(|e| format!("delete: {e:?}"));
    match read? {
        Some(value) if value == probe.as_bytes() => {}
        Some(_) => return Err("get returned a different value than was set".into()),
        None => return Err("get returned nothing right after set".into()),
    }
    deleted
}

/// `SELECT 1` over a fresh PostgreSQL connection.
pub fn postgres(url: &str) -> Result<(), String> {
    let conn = pg4::Connection::open(url).map_err(|e| format!("connect: {e:?}"))?;
    let rows = conn
        .query("SELECT 1", &[])
        .map_err(|e| format!("SELECT 1: {e:?}"))?;
    if rows.rows.len() == 1 {
        Ok(())
    } else {
        Err(format!("SELECT 1 returned {} rows", rows.rows.len()))
    }
}

/// `PING` over a fresh Redis connection; touches no keys.
pub fn redis(url: &str) -> Result<(), String> {
    let conn = redis::Connection::open(url).map_err(|e| format!("connect: {e:?}"))?;
    let reply = conn
        .execute("PING", &[])
        .map_err(|e| format!("PING: {e:?}"))?;
    match reply.as_slice() {
        [redis::RedisResult::Status(s)] if s == "PONG" => Ok(()),
        [redis::RedisResult::Binary(b)] if b == b"PONG" => Ok(()),
        other => Err(format!("PING returned {other:?}")),
    }
}
