//! The usage ledger: one row per call (cache hits, failures and fallbacks included) in
//! `llm_usage`, and budget threshold events in `llm_budget_events`, on PostgreSQL or SQLite.
//!
//! A ledger row must not be silently lost. When the database refuses a write, the row is
//! retried once, then parked in the key-value store (`gw:ledger:spool:<n>`) and written by a
//! later call once the database is back (rows carry their own id, so a row written twice is
//! stored once). If the key-value store is down too, the row is printed to stderr as a JSON
//! line marked `ledger_row_unsaved`, which the host's log keeps for replay.

use serde::{Deserialize, Serialize};
use storage::{migrate, DbError, KeyValue, Migration, Sql, Value};

pub const SCOPE: &str = "gateway";

pub const MIGRATIONS: &[Migration] = &[Migration {
    version: 1,
    name: "usage ledger and budget events",
    sqlite: "
        CREATE TABLE llm_usage (
            id TEXT PRIMARY KEY,
            created_at_ms BIGINT NOT NULL,
            tenant_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            function_name TEXT NOT NULL,
            request_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            provider TEXT,
            model TEXT,
            variant TEXT,
            input_tokens BIGINT NOT NULL,
            output_tokens BIGINT NOT NULL,
            cost_micro_usd BIGINT NOT NULL,
            latency_ms BIGINT NOT NULL,
            cache_hit BOOLEAN NOT NULL,
            fell_back BOOLEAN NOT NULL,
            degraded BOOLEAN NOT NULL,
            attempts BIGINT NOT NULL,
            outcome TEXT NOT NULL,
            error_code TEXT
        );
        CREATE INDEX llm_usage_tenant_time ON llm_usage (tenant_id, created_at_ms);
        CREATE TABLE llm_budget_events (
            tenant_id TEXT NOT NULL,
            month TEXT NOT NULL,
            threshold_percent BIGINT NOT NULL,
            spent_micro_usd BIGINT NOT NULL,
            limit_micro_usd BIGINT NOT NULL,
            created_at_ms BIGINT NOT NULL,
            PRIMARY KEY (tenant_id, month, threshold_percent)
        );
    ",
    postgres: "
        CREATE TABLE llm_usage (
            id TEXT PRIMARY KEY,
            created_at_ms BIGINT NOT NULL,
            tenant_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            function_name TEXT NOT NULL,
            request_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            provider TEXT,
            model TEXT,
            variant TEXT,
            input_tokens BIGINT NOT NULL,
            output_tokens BIGINT NOT NULL,
            cost_micro_usd BIGINT NOT NULL,
            latency_ms BIGINT NOT NULL,
            cache_hit BOOLEAN NOT NULL,
            fell_back BOOLEAN NOT NULL,
            degraded BOOLEAN NOT NULL,
            attempts BIGINT NOT NULL,
            outcome TEXT NOT NULL,
            error_code TEXT
        );
        CREATE INDEX llm_usage_tenant_time ON llm_usage (tenant_id, created_at_ms);
        CREATE TABLE llm_budget_events (
            tenant_id TEXT NOT NULL,
            month TEXT NOT NULL,
            threshold_percent BIGINT NOT NULL,
            spent_micro_usd BIGINT NOT NULL,
            limit_micro_usd BIGINT NOT NULL,
            created_at_ms BIGINT NOT NULL,
            PRIMARY KEY (tenant_id, month, threshold_percent)
        );
    ",
}];

/// How a call ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Success,
    CacheHit,
    /// Every candidate failed (or none was admitted).
    Failed,
    /// Refused before any provider was called: budget, rate limit, bad request.
    Refused,
    /// A stream broke after bytes had reached the client.
    StreamError,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Success => "success",
            Outcome::CacheHit => "cache_hit",
            Outcome::Failed => "failed",
            Outcome::Refused => "refused",
            Outcome::StreamError => "stream_error",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsageRecord {
    pub id: String,
    pub created_at_ms: u64,
    pub tenant_id: String,
    pub user_id: String,
    pub function_name: String,
    pub request_id: String,
    /// `chat` or `embedding`.
    pub kind: String,
    pub provider: Option<String>,
    pub model: Option<String>,
    pub variant: Option<String>,
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub cost_micro_usd: u64,
    pub latency_ms: u64,
    pub cache_hit: bool,
    pub fell_back: bool,
    pub degraded: bool,
    pub attempts: u32,
    pub outcome: Outcome,
    pub error_code: Option<String>,
}

fn int(v: u64) -> Value {
    Value::Int(i64::try_from(v).unwrap_or(i64::MAX))
}

fn insert(sql: &dyn Sql, r: &UsageRecord) -> Result<(), DbError> {
    sql.execute(
        "INSERT INTO llm_usage (id, created_at_ms, tenant_id, user_id, function_name, request_id,
            kind, provider, model, variant, input_tokens, output_tokens, cost_micro_usd,
            latency_ms, cache_hit, fell_back, degraded, attempts, outcome, error_code)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
         ON CONFLICT (id) DO NOTHING",
        &[
            r.id.as_str().into(),
            int(r.created_at_ms),
            r.tenant_id.as_str().into(),
            r.user_id.as_str().into(),
            r.function_name.as_str().into(),
            r.request_id.as_str().into(),
            r.kind.as_str().into(),
            r.provider.clone().into(),
            r.model.clone().into(),
            r.variant.clone().into(),
            int(r.input_tokens),
            int(r.output_tokens),
            int(r.cost_micro_usd),
            int(r.latency_ms),
            r.cache_hit.into(),
            r.fell_back.into(),
            r.degraded.into(),
            int(u64::from(r.attempts)),
            r.outcome.as_str().into(),
            r.error_code.clone().into(),
        ],
    )?;
    Ok(())
}

const SPOOL_HEAD: &str = "gw:ledger:spool:head";
const SPOOL_TAIL: &str = "gw:ledger:spool:tail";
/// Set while rows are parked, so the common case (nothing parked) costs one read.
const SPOOL_PENDING: &str = "gw:ledger:spool:pending";
/// Parked rows are kept a week: long enough for any outage someone will notice.
const SPOOL_TTL: u64 = 7 * 24 * 3600;
/// Parked rows flushed per successful call, so one request never pays for a long backlog.
const DRAIN_PER_CALL: i64 = 50;

/// Where a record ended up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Database,
    /// Parked in the key-value store for a later call to write.
    Spooled,
    /// Only in the log.
    Logged,
}

pub struct Ledger<'a> {
    pub sql: &'a dyn Sql,
    pub kv: &'a dyn KeyValue,
}

impl<'a> Ledger<'a> {
    pub fn new(sql: &'a dyn Sql, kv: &'a dyn KeyValue) -> Self {
        Self { sql, kv }
    }

    pub fn migrate(&self) -> Result<(), DbError> {
        migrate(self.sql, SCOPE, MIGRATIONS)
    }

    pub fn record(&self, record: &UsageRecord) -> Saved {
        let written = self
            .migrate()
            .and_then(|()| insert(self.sql, record))
            .or_else(|_| insert(self.sql, record));
        match written {
            Ok(()) => {
                self.drain();
                Saved::Database
            }
            Err(db_error) => self.spool(record, &db_error),
        }
    }

    fn spool(&self, record: &UsageRecord, db_error: &DbError) -> Saved {
        let body = serde_json::to_vec(record).unwrap_or_default();
        let parked = self.kv.incr(SPOOL_HEAD, 1, SPOOL_TTL).and_then(|n| {
            self.kv
                .set(&format!("gw:ledger:spool:{n}"), &body, Some(SPOOL_TTL))?;
            self.kv.set(SPOOL_PENDING, b"1", Some(SPOOL_TTL))
        });
        match parked {
            Ok(()) => {
                eprintln!(
                    "{}",
                    serde_json::json!({"level": "warn", "event": "ledger_row_spooled",
                        "id": record.id, "reason": db_error.message})
                );
                Saved::Spooled
            }
            Err(kv_error) => {
                eprintln!(
                    "{}",
                    serde_json::json!({"level": "error", "event": "ledger_row_unsaved",
                        "reason": format!("database: {}; key-value: {}", db_error.message, kv_error.message),
                        "record": record})
                );
                Saved::Logged
            }
        }
    }

    /// Writes parked rows, oldest first, up to [`DRAIN_PER_CALL`]. Safe when instances
    /// drain at once: a row is written by id, so a duplicate write stores nothing.
    pub fn drain(&self) -> usize {
        if !matches!(self.kv.get(SPOOL_PENDING), Ok(Some(_))) {
            return 0;
        }
        let read = |key: &str| -> i64 {
            self.kv
                .get(key)
                .ok()
                .flatten()
                .and_then(|v| String::from_utf8(v).ok())
                .and_then(|s| s.trim().parse().ok())
                .unwrap_or(0)
        };
        // The head is a counter (backend-encoded, read by adding zero); the tail plain text.
        let head = self.kv.incr(SPOOL_HEAD, 0, SPOOL_TTL).unwrap_or(0);
        let mut tail = read(SPOOL_TAIL);
        let mut written = 0;
        if tail >= head {
            let _ = self.kv.delete(SPOOL_PENDING);
            return 0;
        }
        while tail < head && (written as i64) < DRAIN_PER_CALL {
            let n = tail + 1;
            let key = format!("gw:ledger:spool:{n}");
            match self.kv.get(&key) {
                Ok(Some(body)) => {
                    let Ok(record) = serde_json::from_slice::<UsageRecord>(&body) else {
                        tail = n;
                        continue;
                    };
                    if insert(self.sql, &record).is_err() {
                        break;
                    }
                    let _ = self.kv.delete(&key);
                    written += 1;
                }
                Ok(None) => {}
                Err(_) => break,
            }
            tail = n;
            let _ = self
                .kv
                .set(SPOOL_TAIL, tail.to_string().as_bytes(), Some(SPOOL_TTL));
        }
        written
    }

    /// Records a threshold crossing once per tenant, month and threshold.
    pub fn budget_event(
        &self,
        tenant: &str,
        month: &str,
        threshold_percent: u64,
        spent: u64,
        limit: u64,
        now_ms: u64,
    ) -> Result<bool, DbError> {
        self.migrate()?;
        let inserted = self.sql.execute(
            "INSERT INTO llm_budget_events (tenant_id, month, threshold_percent, spent_micro_usd,
                limit_micro_usd, created_at_ms)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (tenant_id, month, threshold_percent) DO NOTHING",
            &[
                tenant.into(),
                month.into(),
                int(threshold_percent),
                int(spent),
                int(limit),
                int(now_ms),
            ],
        )?;
        Ok(inserted > 0)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use storage::native::NativeSqlite;
    use storage::MemoryKeyValue;

    pub fn record(id: &str, outcome: Outcome) -> UsageRecord {
        UsageRecord {
            id: id.into(),
            created_at_ms: 1,
            tenant_id: "t".into(),
            user_id: "u".into(),
            function_name: "f".into(),
            request_id: "r".into(),
            kind: "chat".into(),
            provider: Some("p".into()),
            model: Some("m".into()),
            variant: None,
            input_tokens: 3,
            output_tokens: 4,
            cost_micro_usd: 9_007_199_254_740_993,
            latency_ms: 5,
            cache_hit: false,
            fell_back: false,
            degraded: false,
            attempts: 1,
            outcome,
            error_code: None,
        }
    }

    /// A SQL store that fails while `down` is set, like a database restarting.
    pub struct Flaky<'a> {
        pub inner: &'a dyn Sql,
        pub down: std::cell::Cell<bool>,
    }

    impl Sql for Flaky<'_> {
        fn dialect(&self) -> storage::Dialect {
            self.inner.dialect()
        }
        fn execute(&self, sql: &str, params: &[Value]) -> Result<u64, DbError> {
            if self.down.get() {
                return Err(DbError::unavailable("connection refused"));
            }
            self.inner.execute(sql, params)
        }
        fn query(&self, sql: &str, params: &[Value]) -> Result<Vec<storage::Row>, DbError> {
            if self.down.get() {
                return Err(DbError::unavailable("connection refused"));
            }
            self.inner.query(sql, params)
        }
    }

    fn count(sql: &dyn Sql) -> i64 {
        sql.query("SELECT COUNT(*) AS n FROM llm_usage", &[])
            .unwrap()[0]
            .int("n")
            .unwrap()
    }

    #[test]
    fn rows_are_written_exactly_with_big_integers() {
        let sql = NativeSqlite::open_in_memory().unwrap();
        let kv = MemoryKeyValue::default();
        let ledger = Ledger::new(&sql, &kv);
        assert_eq!(
            ledger.record(&record("a", Outcome::Success)),
            Saved::Database
        );
        assert_eq!(
            ledger.record(&record("a", Outcome::Success)),
            Saved::Database
        );
        let rows = sql
            .query("SELECT cost_micro_usd, outcome FROM llm_usage", &[])
            .unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(
            rows[0].int("cost_micro_usd").unwrap(),
            9_007_199_254_740_993
        );
        assert_eq!(rows[0].text("outcome").unwrap(), "success");
    }

    #[test]
    fn rows_survive_a_database_outage_through_the_spool() {
        let real = NativeSqlite::open_in_memory().unwrap();
        let sql = Flaky {
            inner: &real,
            down: std::cell::Cell::new(false),
        };
        let kv = MemoryKeyValue::default();
        let ledger = Ledger::new(&sql, &kv);
        ledger.migrate().unwrap();
        sql.down.set(true);
        assert_eq!(
            ledger.record(&record("x1", Outcome::Failed)),
            Saved::Spooled
        );
        assert_eq!(
            ledger.record(&record("x2", Outcome::Success)),
            Saved::Spooled
        );
        assert_eq!(count(&real), 0);
        sql.down.set(false);
        assert_eq!(
            ledger.record(&record("x3", Outcome::CacheHit)),
            Saved::Database
        );
        assert_eq!(count(&real), 3);
        assert_eq!(ledger.drain(), 0);
    }

    #[test]
    fn budget_events_are_recorded_once() {
        let sql = NativeSqlite::open_in_memory().unwrap();
        let kv = MemoryKeyValue::default();
        let ledger = Ledger::new(&sql, &kv);
        assert!(ledger
            .budget_event("t", "2026-11", 50, 500, 1000, 1)
            .unwrap());
        assert!(!ledger
            .budget_event("t", "2026-11", 50, 600, 1000, 2)
            .unwrap());
        assert!(ledger
            .budget_event("t", "2026-12", 50, 500, 1000, 3)
            .unwrap());
        assert!(ledger
            .budget_event("u", "2026-11", 50, 500, 1000, 3)
            .unwrap());
    }
}
