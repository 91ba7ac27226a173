use spin_sdk::redis::{Connection, Error, RedisParameter, RedisResult};

use crate::{DbError, KeyValue};

/// Redis through Spin's outbound Redis interface. Expiry is Redis's own.
pub struct RedisKeyValue {
    conn: Connection,
}

use crate::kv::REDIS_INCR_WITH_TTL as INCR_WITH_TTL;

impl RedisKeyValue {
    pub fn open(url: &str) -> Result<Self, DbError> {
        Connection::open(url).map(|conn| Self { conn }).map_err(error)
    }

    fn run(&self, command: &str, args: Vec<RedisParameter>) -> Result<Vec<RedisResult>, DbError> {
        self.conn.execute(command, &args).map_err(error)
    }
}

fn text(s: &str) -> RedisParameter {
    RedisParameter::Binary(s.as_bytes().to_vec())
}

impl KeyValue for RedisKeyValue {
    fn get(&self, key: &str) -> Result<Option<Vec<u8>>, DbError> {
        self.conn.get(key).map_err(error)
    }

    fn set(&self, key: &str, value: &[u8], ttl_secs: Option<u64>) -> Result<(), DbError> {
        let mut args = vec![text(key), RedisParameter::Binary(value.to_vec())];
        if let Some(ttl) = ttl_secs {
            args.extend([text("EX"), RedisParameter::Int64(ttl.max(1) as i64)]);
        }
        self.run("SET", args).map(|_| ())
    }

    fn set_if_absent(
        &self,
        key: &str,
        value: &[u8],
        ttl_secs: Option<u64>,
    ) -> Result<bool, DbError> {
        let mut args = vec![text(key), RedisParameter::Binary(value.to_vec()), text("NX")];
        if let Some(ttl) = ttl_secs {
            args.extend([text("EX"), RedisParameter::Int64(ttl.max(1) as i64)]);
        }
        let reply = self.run("SET", args)?;
        Ok(!matches!(reply.as_slice(), [] | [RedisResult::Nil]))
    }

    fn delete(&self, key: &str) -> Result<(), DbError> {
        self.conn.del(&[key.to_string()]).map(|_| ()).map_err(error)
    }

    fn incr(&self, key: &str, by: i64, ttl_secs: u64) -> Result<i64, DbError> {
        let reply = self.run(
            "EVAL",
            vec![
                text(INCR_WITH_TTL),
                RedisParameter::Int64(1),
                text(key),
                RedisParameter::Int64(by),
                RedisParameter::Int64(ttl_secs.max(1) as i64),
            ],
        )?;
        match reply.as_slice() {
            [RedisResult::Int64(n)] => Ok(*n),
            other => Err(DbError::other(format!("unexpected INCRBY reply {other:?}"))),
        }
    }
}

fn error(e: Error) -> DbError {
    match e {
        Error::InvalidAddress => DbError::other("invalid Redis address"),
        Error::TooManyConnections => DbError::unavailable("too many Redis connections"),
        other => DbError::unavailable(format!("{other:?}")),
    }
}
