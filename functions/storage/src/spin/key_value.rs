use spin_sdk::wit::wasi::keyvalue::atomics::{self, Cas, CasError};
use spin_sdk::wit::wasi::keyvalue::store::{self, Bucket, Error};

use crate::kv::{envelope, open_envelope, unix_now};
use crate::{DbError, KeyValue};

/// A Spin key-value store through `wasi:keyvalue`, whose atomics give us exact counters
/// and compare-and-swap. It has no expiry, so values carry their deadline.
pub struct SpinKeyValue {
    bucket: Bucket,
}

impl SpinKeyValue {
    pub fn open(label: &str) -> Result<Self, DbError> {
        store::open(label).map(|bucket| Self { bucket }).map_err(error)
    }
}

impl KeyValue for SpinKeyValue {
    fn get(&self, key: &str) -> Result<Option<Vec<u8>>, DbError> {
        let stored = self.bucket.get(key).map_err(error)?;
        Ok(stored.and_then(|v| open_envelope(&v, unix_now())))
    }

    fn set(&self, key: &str, value: &[u8], ttl_secs: Option<u64>) -> Result<(), DbError> {
        self.bucket.set(key, &envelope(value, ttl_secs, unix_now())).map_err(error)
    }

    fn set_if_absent(
        &self,
        key: &str,
        value: &[u8],
        ttl_secs: Option<u64>,
    ) -> Result<bool, DbError> {
        let now = unix_now();
        let cas = Cas::new(&self.bucket, key).map_err(error)?;
        let live = cas.current().map_err(error)?.and_then(|v| open_envelope(&v, now));
        if live.is_some() {
            return Ok(false);
        }
        match atomics::swap(cas, &envelope(value, ttl_secs, now)) {
            Ok(()) => Ok(true),
            // Someone else stored a value between our read and our swap: they won.
            Err(CasError::CasFailed(_)) => Ok(false),
            Err(CasError::StoreError(e)) => Err(error(e)),
        }
    }

    fn delete(&self, key: &str) -> Result<(), DbError> {
        self.bucket.delete(key).map_err(error)
    }

    fn incr(&self, key: &str, by: i64, _ttl_secs: u64) -> Result<i64, DbError> {
        atomics::increment(&self.bucket, key, by).map_err(error)
    }
}

fn error(e: Error) -> DbError {
    match e {
        Error::Other(message) => DbError::unavailable(message),
        other => DbError::other(format!("{other:?}")),
    }
}
