//! Per-tenant monthly budgets in integer micro-dollars.
//!
//! Spending is one atomic counter per tenant and UTC month in the key-value store
//! (`gw:budget:<tenant>:<YYYY-MM>`), shared by every instance. Before a call the estimated
//! cost is checked against the limits; after it the actual cost from the provider's `usage`
//! is added. Crossing 50/80/90/100% of the hard limit records one event per tenant and month.

use storage::{DbError, KeyValue};

pub const THRESHOLDS: [u64; 4] = [50, 80, 90, 100];

/// `YYYY-MM` (UTC) of a unix time, by the civil-from-days algorithm (no calendar crate
/// needed for one formula).
pub fn month_of(unix_secs: u64) -> String {
    let days = (unix_secs / 86_400) as i64;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}")
}

/// What the budget allows for a call estimated at some cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetDecision {
    /// No budget, or well within it.
    Allow,
    /// Past the soft limit (or the estimate would cross the hard one): degrade.
    Degrade,
    /// At or over the hard limit.
    Refuse,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BudgetState {
    pub spent: u64,
    pub hard: u64,
    pub soft: u64,
}

impl BudgetState {
    pub fn decide(&self, estimate: u64) -> BudgetDecision {
        if self.spent >= self.hard {
            BudgetDecision::Refuse
        } else if self.spent.saturating_add(estimate) > self.hard || self.spent >= self.soft {
            BudgetDecision::Degrade
        } else {
            BudgetDecision::Allow
        }
    }

    /// Whether a degraded call's estimate still fits under the hard limit.
    pub fn fits(&self, estimate: u64) -> bool {
        self.spent.saturating_add(estimate) <= self.hard
    }
}

fn key(tenant: &str, month: &str) -> String {
    format!("gw:budget:{tenant}:{month}")
}

/// Months are kept a little past their end so late reports can still read them.
const KEEP_SECS: u64 = 62 * 24 * 3600;

/// Counters are stored in each backend's own encoding, so they are read by adding zero.
pub fn spent(kv: &dyn KeyValue, tenant: &str, month: &str) -> Result<u64, DbError> {
    let n = kv.incr(&key(tenant, month), 0, KEEP_SECS)?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Adds the actual cost; returns (spent before, spent after).
pub fn charge(
    kv: &dyn KeyValue,
    tenant: &str,
    month: &str,
    cost: u64,
) -> Result<(u64, u64), DbError> {
    let by = i64::try_from(cost).unwrap_or(i64::MAX);
    let after = kv.incr(&key(tenant, month), by, KEEP_SECS)?;
    let after = u64::try_from(after).unwrap_or(0);
    Ok((after.saturating_sub(cost), after))
}

/// Thresholds (percent of `hard`) crossed by going from `before` to `after`.
pub fn crossed(before: u64, after: u64, hard: u64) -> Vec<u64> {
    THRESHOLDS
        .iter()
        .copied()
        .filter(|pct| {
            let line = u128::from(hard) * u128::from(*pct);
            u128::from(before) * 100 < line && u128::from(after) * 100 >= line
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use storage::MemoryKeyValue;

    #[test]
    fn months_in_utc() {
        assert_eq!(month_of(0), "1970-01");
        assert_eq!(month_of(951_782_400), "2000-02"); // 2000-02-29, a leap day
        assert_eq!(month_of(1_709_251_199), "2024-02"); // 2024-02-29T23:59:59Z
        assert_eq!(month_of(1_709_251_200), "2024-03");
        assert_eq!(month_of(1_798_761_599), "2026-12"); // 2026-12-31T23:59:59Z
        assert_eq!(month_of(1_798_761_600), "2027-01");
    }

    #[test]
    fn decisions_at_the_limits() {
        let s = |spent| BudgetState {
            spent,
            hard: 1000,
            soft: 800,
        };
        assert_eq!(s(0).decide(100), BudgetDecision::Allow);
        assert_eq!(s(700).decide(100), BudgetDecision::Allow);
        assert_eq!(s(799).decide(1), BudgetDecision::Allow);
        assert_eq!(s(800).decide(0), BudgetDecision::Degrade);
        assert_eq!(s(950).decide(51), BudgetDecision::Degrade);
        assert_eq!(s(0).decide(1001), BudgetDecision::Degrade);
        assert_eq!(s(1000).decide(0), BudgetDecision::Refuse);
        assert!(s(950).fits(50));
        assert!(!s(950).fits(51));
    }

    #[test]
    fn charges_are_exact_and_per_tenant_and_month() {
        let kv = MemoryKeyValue::default();
        assert_eq!(charge(&kv, "t1", "2026-11", 333).unwrap(), (0, 333));
        assert_eq!(charge(&kv, "t1", "2026-11", 667).unwrap(), (333, 1000));
        assert_eq!(charge(&kv, "t2", "2026-11", 5).unwrap(), (0, 5));
        assert_eq!(spent(&kv, "t1", "2026-11").unwrap(), 1000);
        assert_eq!(spent(&kv, "t1", "2026-12").unwrap(), 0);
    }

    #[test]
    fn thresholds_crossed_once_each() {
        assert_eq!(crossed(0, 499, 1000), Vec::<u64>::new());
        assert_eq!(crossed(0, 500, 1000), vec![50]);
        assert_eq!(crossed(500, 500, 1000), Vec::<u64>::new());
        assert_eq!(crossed(499, 1200, 1000), vec![50, 80, 90, 100]);
        assert_eq!(crossed(899, 900, 1000), vec![90]);
        // 1/3 of a limit that does not divide evenly: exact rational comparison.
        assert_eq!(crossed(0, 1, 3), Vec::<u64>::new());
        assert_eq!(crossed(1, 2, 3), vec![50]);
    }
}
