use std::sync::Mutex;

use crate::{DbError, KeyValue};

/// The same commands the guest backend sends, over a native connection.
pub struct NativeRedis {
    conn: Mutex<redis::Connection>,
}

impl NativeRedis {
    pub fn connect(url: &str) -> Result<Self, DbError> {
        let client = redis::Client::open(url).map_err(error)?;
        let conn = client.get_connection().map_err(error)?;
        Ok(Self { conn: Mutex::new(conn) })
    }
}

impl KeyValue for NativeRedis {
    fn get(&self, key: &str) -> Result<Option<Vec<u8>>, DbError> {
        redis::cmd("GET").arg(key).query(&mut *self.conn.lock().unwrap()).map_err(error)
    }

    fn set(&self, key: &str, value: &[u8], ttl_secs: Option<u64>) -> Result<(), DbError> {
        let mut cmd = redis::cmd("SET");
        cmd.arg(key).arg(value);
        if let Some(ttl) = ttl_secs {
            cmd.arg("EX").arg(ttl.max(1));
        }
        cmd.query(&mut *self.conn.lock().unwrap()).map_err(error)
    }

    fn set_if_absent(
        &self,
        key: &str,
        value: &[u8],
        ttl_secs: Option<u64>,
    ) -> Result<bool, DbError> {
        let mut cmd = redis::cmd("SET");
        cmd.arg(key).arg(value).arg("NX");
        if let Some(ttl) = ttl_secs {
            cmd.arg("EX").arg(ttl.max(1));
        }
        let reply: Option<String> = cmd.query(&mut *self.conn.lock().unwrap()).map_err(error)?;
        Ok(reply.is_some())
    }

    fn delete(&self, key: &str) -> Result<(), DbError> {
        redis::cmd("DEL").arg(key).query(&mut *self.conn.lock().unwrap()).map_err(error)
    }

    fn incr(&self, key: &str, by: i64, ttl_secs: u64) -> Result<i64, DbError> {
        redis::cmd("EVAL")
            .arg(crate::kv::REDIS_INCR_WITH_TTL)
            .arg(1)
            .arg(key)
            .arg(by)
            .arg(ttl_secs.max(1))
            .query(&mut *self.conn.lock().unwrap())
            .map_err(error)
    }
}

fn error(e: redis::RedisError) -> DbError {
    if e.is_io_error() || e.is_connection_dropped() || e.is_connection_refusal() || e.is_timeout() {
        DbError::unavailable(e.to_string())
    } else {
        DbError::other(e.to_string())
    }
}
