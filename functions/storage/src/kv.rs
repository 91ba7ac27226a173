use std::collections::HashMap;
use std::sync::Mutex;

use crate::DbError;

/// A shared key-value store with expiring values and atomic counters.
///
/// Redis expires keys itself. The Spin key-value store has no expiry, so its backend keeps
/// the deadline inside the stored value and treats a value past it as absent.
pub trait KeyValue {
    fn get(&self, key: &str) -> Result<Option<Vec<u8>>, DbError>;
    /// `ttl_secs: None` keeps the value until it is deleted.
    fn set(&self, key: &str, value: &[u8], ttl_secs: Option<u64>) -> Result<(), DbError>;
    /// Stores the value only if the key holds none (or an expired one); true if it did.
    fn set_if_absent(&self, key: &str, value: &[u8], ttl_secs: Option<u64>)
        -> Result<bool, DbError>;
    fn delete(&self, key: &str) -> Result<(), DbError>;
    /// Adds `by` atomically and returns the new value. `ttl_secs` starts when the counter
    /// is created. On the Spin key-value store counters never expire: put the time window
    /// in the key (as [`rate_limit`] does) so stale counters are simply never read again.
    fn incr(&self, key: &str, by: i64, ttl_secs: u64) -> Result<i64, DbError>;
}

impl<T: KeyValue + ?Sized> KeyValue for Box<T> {
    fn get(&self, key: &str) -> Result<Option<Vec<u8>>, DbError> {
        (**self).get(key)
    }
    fn set(&self, key: &str, value: &[u8], ttl_secs: Option<u64>) -> Result<(), DbError> {
        (**self).set(key, value, ttl_secs)
    }
    fn set_if_absent(
        &self,
        key: &str,
        value: &[u8],
        ttl_secs: Option<u64>,
    ) -> Result<bool, DbError> {
        (**self).set_if_absent(key, value, ttl_secs)
    }
    fn delete(&self, key: &str) -> Result<(), DbError> {
        (**self).delete(key)
    }
    fn incr(&self, key: &str, by: i64, ttl_secs: u64) -> Result<i64, DbError> {
        (**self).incr(key, by, ttl_secs)
    }
}

/// The outcome of one request against a limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateDecision {
    pub allowed: bool,
    /// Requests counted in the current window, this one included.
    pub count: u64,
    pub limit: u64,
    /// Seconds until the window resets (what `Retry-After` should say when refused).
    pub retry_after_secs: u64,
}

/// Fixed-window limit: at most `limit` requests per `window_secs` for `key`.
///
/// The window index is part of the counter's key, so counting is one atomic increment
/// (exact under any concurrency, across instances) and needs no expiry to reset.
pub fn rate_limit(
    kv: &dyn KeyValue,
    key: &str,
    limit: u64,
    window_secs: u64,
    now_unix: u64,
) -> Result<RateDecision, DbError> {
    let window_secs = window_secs.max(1);
    let window = now_unix / window_secs;
    let count = kv.incr(&format!("{key}@{window}"), 1, window_secs + 1)?;
    let count = u64::try_from(count).unwrap_or(0);
    if count == 1 && window > 0 {
        // The previous window's counter is dead; drop it so the embedded store (no
        // expiry) does not accumulate one key per client per window forever.
        let _ = kv.delete(&format!("{key}@{}", window - 1));
    }
    Ok(RateDecision {
        allowed: count <= limit,
        count,
        limit,
        retry_after_secs: (window + 1) * window_secs - now_unix,
    })
}

/// INCRBY and the first EXPIRE in one atomic step, so a counter can never be left without
/// its expiry by an instance that dies between the two commands.
#[cfg_attr(not(any(feature = "spin", feature = "native")), allow(dead_code))]
pub(crate) const REDIS_INCR_WITH_TTL: &str = "local n = redis.call('INCRBY', KEYS[1], ARGV[1]) \
     if n == tonumber(ARGV[1]) then redis.call('EXPIRE', KEYS[1], ARGV[2]) end return n";

/// Encodes a value with its deadline for stores without native expiry:
/// 8 bytes big-endian unix seconds (0 = never), then the value.
pub(crate) fn envelope(value: &[u8], ttl_secs: Option<u64>, now_unix: u64) -> Vec<u8> {
    let deadline = ttl_secs.map_or(0, |ttl| now_unix.saturating_add(ttl.max(1)));
    let mut out = Vec::with_capacity(8 + value.len());
    out.extend_from_slice(&deadline.to_be_bytes());
    out.extend_from_slice(value);
    out
}

/// The value inside an envelope, or `None` when it has expired or is not an envelope.
pub(crate) fn open_envelope(stored: &[u8], now_unix: u64) -> Option<Vec<u8>> {
    let (deadline, value) = stored.split_at_checked(8)?;
    let deadline = u64::from_be_bytes(deadline.try_into().ok()?);
    (deadline == 0 || now_unix < deadline).then(|| value.to_vec())
}

pub(crate) fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// An in-process store with the embedded backend's semantics, for unit tests of domain
/// logic that needs a [`KeyValue`] but not a shared one.
#[derive(Default)]
pub struct MemoryKeyValue {
    entries: Mutex<HashMap<String, Vec<u8>>>,
    now: Mutex<Option<u64>>,
}

impl MemoryKeyValue {
    pub fn new() -> Self {
        Self::default()
    }

    /// Pins the clock used for expiry, so tests can step past a TTL.
    pub fn set_now(&self, now_unix: u64) {
        *self.now.lock().unwrap() = Some(now_unix);
    }

    fn now(&self) -> u64 {
        self.now.lock().unwrap().unwrap_or_else(unix_now)
    }
}

impl KeyValue for MemoryKeyValue {
    fn get(&self, key: &str) -> Result<Option<Vec<u8>>, DbError> {
        let now = self.now();
        Ok(self.entries.lock().unwrap().get(key).and_then(|v| open_envelope(v, now)))
    }

    fn set(&self, key: &str, value: &[u8], ttl_secs: Option<u64>) -> Result<(), DbError> {
        let stored = envelope(value, ttl_secs, self.now());
        self.entries.lock().unwrap().insert(key.to_string(), stored);
        Ok(())
    }

    fn set_if_absent(
        &self,
        key: &str,
        value: &[u8],
        ttl_secs: Option<u64>,
    ) -> Result<bool, DbError> {
        let now = self.now();
        let mut entries = self.entries.lock().unwrap();
        if entries.get(key).and_then(|v| open_envelope(v, now)).is_some() {
            return Ok(false);
        }
        entries.insert(key.to_string(), envelope(value, ttl_secs, now));
        Ok(true)
    }

    fn delete(&self, key: &str) -> Result<(), DbError> {
        self.entries.lock().unwrap().remove(key);
        Ok(())
    }

    fn incr(&self, key: &str, by: i64, _ttl_secs: u64) -> Result<i64, DbError> {
        let mut entries = self.entries.lock().unwrap();
        let current = entries
            .get(key)
            .and_then(|v| <[u8; 8]>::try_from(v.as_slice()).ok())
            .map_or(0, i64::from_be_bytes);
        let next = current + by;
        entries.insert(key.to_string(), next.to_be_bytes().to_vec());
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_expire_after_their_ttl() {
        let kv = MemoryKeyValue::new();
        kv.set_now(1_000);
        kv.set("a", b"x", Some(10)).unwrap();
        kv.set("forever", b"y", None).unwrap();
        kv.set_now(1_009);
        assert_eq!(kv.get("a").unwrap(), Some(b"x".to_vec()));
        kv.set_now(1_010);
        assert_eq!(kv.get("a").unwrap(), None);
        assert_eq!(kv.get("forever").unwrap(), Some(b"y".to_vec()));
    }

    #[test]
    fn set_if_absent_wins_once_and_again_after_expiry() {
        let kv = MemoryKeyValue::new();
        kv.set_now(0);
        assert!(kv.set_if_absent("k", b"1", Some(5)).unwrap());
        assert!(!kv.set_if_absent("k", b"2", Some(5)).unwrap());
        assert_eq!(kv.get("k").unwrap(), Some(b"1".to_vec()));
        kv.set_now(5);
        assert!(kv.set_if_absent("k", b"3", None).unwrap());
    }

    #[test]
    fn rate_limit_refuses_past_the_limit_until_the_window_resets() {
        let kv = MemoryKeyValue::new();
        for i in 1..=3 {
            let d = rate_limit(&kv, "ip:1", 3, 60, 120).unwrap();
            assert!(d.allowed, "request {i}");
            assert_eq!(d.count, i);
        }
        let refused = rate_limit(&kv, "ip:1", 3, 60, 150).unwrap();
        assert!(!refused.allowed);
        assert_eq!(refused.retry_after_secs, 30);
        // Another key has its own budget.
        assert!(rate_limit(&kv, "ip:2", 3, 60, 150).unwrap().allowed);
        // Next window.
        let next = rate_limit(&kv, "ip:1", 3, 60, 180).unwrap();
        assert!(next.allowed);
        assert_eq!(next.count, 1);
        assert_eq!(kv.get("ip:1@2").unwrap(), None, "previous window's counter dropped");
    }

    #[test]
    fn envelopes_reject_short_values() {
        assert_eq!(open_envelope(b"short", 0), None);
        assert_eq!(open_envelope(&envelope(b"v", None, 5), u64::MAX), Some(b"v".to_vec()));
    }
}
