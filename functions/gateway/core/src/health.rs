//! Circuit breaker per deployment, shared across instances through the key-value store.
//!
//! Closed: calls flow. After 5 consecutive failures, or more than 20% failures among at least
//! [`MIN_WINDOW_CALLS`] calls in the last two one-minute windows, it opens for 5 minutes:
//! calls skip the deployment. Then it is half-open: exactly one caller (claimed atomically
//! with `set_if_absent`) gets a trial call; success closes it, failure opens it again.
//!
//! A `Retry-After` from the provider also parks the deployment until that time, without
//! counting against its health beyond the one failure.

use serde::Serialize;
use storage::KeyValue;

pub const CONSECUTIVE_FAILURES_TO_OPEN: i64 = 5;
pub const FAILURE_RATE_PERCENT: i64 = 20;
pub const MIN_WINDOW_CALLS: i64 = 10;
pub const WINDOW_SECS: u64 = 60;
pub const OPEN_SECS: u64 = 300;
/// How long a half-open trial may take before another caller may try.
pub const TRIAL_SECS: u64 = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    Allowed,
    /// Half-open: this caller carries the one trial request.
    Trial,
    /// Open (or parked by Retry-After) until this unix time.
    Rejected {
        until: u64,
    },
}

pub struct Breaker<'a> {
    kv: &'a dyn KeyValue,
}

fn read_u64(kv: &dyn KeyValue, key: &str) -> Option<u64> {
    let raw = kv.get(key).ok()??;
    std::str::from_utf8(&raw).ok()?.trim().parse().ok()
}

/// Reads a counter: counters are stored in each backend's own encoding, and adding zero is
/// the portable way to read one.
fn read_counter(kv: &dyn KeyValue, key: &str) -> i64 {
    kv.incr(key, 0, WINDOW_SECS * 3).unwrap_or(0)
}

/// The breaker's view of one deployment, for the admin health page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HealthView {
    pub deployment: String,
    /// `closed`, `open` or `half_open`.
    pub state: &'static str,
    pub consecutive_failures: i64,
    pub window_calls: i64,
    pub window_failures: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open_until: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after_until: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<u64>,
}

impl<'a> Breaker<'a> {
    pub fn new(kv: &'a dyn KeyValue) -> Self {
        Self { kv }
    }

    fn key(deployment: &str, part: &str) -> String {
        format!("gw:cb:{deployment}:{part}")
    }

    /// May a call go to `deployment` now? When the store fails, calls are allowed: a broken
    /// breaker must not take every provider down with it.
    pub fn admit(&self, deployment: &str, now: u64) -> Admission {
        if let Some(until) = read_u64(self.kv, &Self::key(deployment, "retry_after")) {
            if now < until {
                return Admission::Rejected { until };
            }
        }
        let Some(open_until) = read_u64(self.kv, &Self::key(deployment, "open_until")) else {
            return Admission::Allowed;
        };
        if now < open_until {
            return Admission::Rejected { until: open_until };
        }
        match self
            .kv
            .set_if_absent(&Self::key(deployment, "trial"), b"1", Some(TRIAL_SECS))
        {
            Ok(true) => Admission::Trial,
            Ok(false) => Admission::Rejected {
                until: now + TRIAL_SECS,
            },
            Err(_) => Admission::Allowed,
        }
    }

    /// Every call is on the request path, so a success costs one write (the window count)
    /// unless there is a run of failures to clear or a trial to close.
    pub fn record_success(&self, deployment: &str, now: u64, admission: Admission) {
        // Counters cannot be read without a write on every backend; a plain marker set with
        // each failure says whether there is a run to clear.
        let failing = Self::key(deployment, "failing");
        if self.kv.get(&failing).ok().flatten().is_some() {
            let _ = self.kv.delete(&Self::key(deployment, "consecutive"));
            let _ = self.kv.delete(&failing);
        }
        let _ = self.kv.incr(
            &Self::key(deployment, &format!("n@{}", now / WINDOW_SECS)),
            1,
            WINDOW_SECS * 3,
        );
        if admission == Admission::Trial {
            let _ = self.kv.delete(&Self::key(deployment, "open_until"));
            let _ = self.kv.delete(&Self::key(deployment, "trial"));
        }
    }

    /// Records a failure; returns true when this failure opened the breaker.
    pub fn record_failure(
        &self,
        deployment: &str,
        now: u64,
        admission: Admission,
        retry_after_secs: Option<u64>,
    ) -> bool {
        if let Some(secs) = retry_after_secs {
            let _ = self.kv.set(
                &Self::key(deployment, "retry_after"),
                (now + secs).to_string().as_bytes(),
                Some(secs.max(1)),
            );
        }
        let consecutive = self
            .kv
            .incr(&Self::key(deployment, "consecutive"), 1, OPEN_SECS * 4)
            .unwrap_or(0);
        let _ = self
            .kv
            .set(&Self::key(deployment, "failing"), b"1", Some(OPEN_SECS * 4));
        let (calls, failures) = self.count_failure(deployment, now);
        let rate_exceeded =
            calls >= MIN_WINDOW_CALLS && failures * 100 > calls * FAILURE_RATE_PERCENT;
        if admission == Admission::Trial
            || consecutive >= CONSECUTIVE_FAILURES_TO_OPEN
            || rate_exceeded
        {
            let _ = self.kv.set(
                &Self::key(deployment, "open_until"),
                (now + OPEN_SECS).to_string().as_bytes(),
                Some(OPEN_SECS * 4),
            );
            let _ = self.kv.delete(&Self::key(deployment, "trial"));
            // A fresh start after reopening: the window that opened it must not reopen it
            // right after the trial succeeds.
            let _ = self.kv.delete(&Self::key(deployment, "consecutive"));
            let window = now / WINDOW_SECS;
            for w in [window, window.saturating_sub(1)] {
                let _ = self.kv.delete(&Self::key(deployment, &format!("n@{w}")));
                let _ = self.kv.delete(&Self::key(deployment, &format!("f@{w}")));
            }
            return true;
        }
        false
    }

    /// Counts a failed call in the current window; returns (calls, failures) over this window
    /// and the previous one.
    fn count_failure(&self, deployment: &str, now: u64) -> (i64, i64) {
        let window = now / WINDOW_SECS;
        let ttl = WINDOW_SECS * 3;
        let calls_now = self
            .kv
            .incr(&Self::key(deployment, &format!("n@{window}")), 1, ttl)
            .unwrap_or(0);
        let failures_now = self
            .kv
            .incr(&Self::key(deployment, &format!("f@{window}")), 1, ttl)
            .unwrap_or(0);
        let prev = window.saturating_sub(1);
        let calls_prev = read_counter(self.kv, &Self::key(deployment, &format!("n@{prev}")));
        let failures_prev = read_counter(self.kv, &Self::key(deployment, &format!("f@{prev}")));
        (calls_now + calls_prev, failures_now + failures_prev)
    }

    pub fn view(&self, deployment: &str, now: u64, latency_ms: Option<u64>) -> HealthView {
        let window = now / WINDOW_SECS;
        let prev = window.saturating_sub(1);
        let get = |part: String| read_counter(self.kv, &Self::key(deployment, &part));
        let open_until = read_u64(self.kv, &Self::key(deployment, "open_until"));
        let state = match open_until {
            None => "closed",
            Some(until) if now < until => "open",
            Some(_) => "half_open",
        };
        HealthView {
            deployment: deployment.to_owned(),
            state,
            consecutive_failures: get("consecutive".into()),
            window_calls: get(format!("n@{window}")) + get(format!("n@{prev}")),
            window_failures: get(format!("f@{window}")) + get(format!("f@{prev}")),
            open_until,
            retry_after_until: read_u64(self.kv, &Self::key(deployment, "retry_after"))
                .filter(|&t| t > now),
            latency_ms,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use storage::MemoryKeyValue;

    const D: &str = "p/m";

    #[test]
    fn five_consecutive_failures_open_then_half_open_allows_one_trial() {
        let kv = MemoryKeyValue::default();
        let b = Breaker::new(&kv);
        let t0 = 1_000_000;
        for i in 0..4 {
            assert_eq!(b.admit(D, t0), Admission::Allowed);
            assert!(!b.record_failure(D, t0 + i, Admission::Allowed, None));
        }
        assert!(b.record_failure(D, t0 + 4, Admission::Allowed, None));
        assert_eq!(
            b.admit(D, t0 + 10),
            Admission::Rejected {
                until: t0 + 4 + OPEN_SECS
            }
        );
        assert_eq!(b.view(D, t0 + 10, None).state, "open");

        let later = t0 + 4 + OPEN_SECS;
        assert_eq!(b.view(D, later, None).state, "half_open");
        assert_eq!(b.admit(D, later), Admission::Trial);
        // Only one trial at a time.
        assert!(matches!(b.admit(D, later), Admission::Rejected { .. }));
        b.record_success(D, later, Admission::Trial);
        assert_eq!(b.admit(D, later + 1), Admission::Allowed);
        assert_eq!(b.view(D, later + 1, None).state, "closed");
    }

    #[test]
    fn failed_trial_reopens() {
        let kv = MemoryKeyValue::default();
        let b = Breaker::new(&kv);
        let t0 = 2_000_000;
        for _ in 0..5 {
            b.record_failure(D, t0, Admission::Allowed, None);
        }
        let later = t0 + OPEN_SECS;
        assert_eq!(b.admit(D, later), Admission::Trial);
        assert!(b.record_failure(D, later, Admission::Trial, None));
        assert_eq!(
            b.admit(D, later + 1),
            Admission::Rejected {
                until: later + OPEN_SECS
            }
        );
    }

    #[test]
    fn success_resets_the_consecutive_count() {
        let kv = MemoryKeyValue::default();
        let b = Breaker::new(&kv);
        let t0 = 3_000_000;
        for round in 0..3 {
            for _ in 0..4 {
                assert!(!b.record_failure(D, t0 + round * 1000, Admission::Allowed, None));
            }
            b.record_success(D, t0 + round * 1000, Admission::Allowed);
        }
        assert_eq!(b.admit(D, t0 + 5000), Admission::Allowed);
    }

    #[test]
    fn failure_rate_over_twenty_percent_opens() {
        let kv = MemoryKeyValue::default();
        let b = Breaker::new(&kv);
        let t0 = 4_000_020;
        // 8 successes, then failures interleaved so never 5 in a row: 8 ok + 2 fail = 20%:
        // not above; the third failure makes 3/11 > 20%.
        for _ in 0..8 {
            b.record_success(D, t0, Admission::Allowed);
        }
        assert!(!b.record_failure(D, t0, Admission::Allowed, None));
        assert!(!b.record_failure(D, t0, Admission::Allowed, None));
        assert!(b.record_failure(D, t0, Admission::Allowed, None));
        assert!(matches!(b.admit(D, t0 + 1), Admission::Rejected { .. }));
    }

    #[test]
    fn retry_after_parks_the_deployment_until_then() {
        let kv = MemoryKeyValue::default();
        let b = Breaker::new(&kv);
        let t0 = 5_000_000;
        b.record_failure(D, t0, Admission::Allowed, Some(7));
        assert_eq!(b.admit(D, t0 + 6), Admission::Rejected { until: t0 + 7 });
        assert_eq!(b.admit(D, t0 + 7), Admission::Allowed);
    }
}
