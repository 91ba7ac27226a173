//! The per-client-IP limit on checks by callers without credentials.

use api_kit::ApiError;
use serde_json::json;
use storage::{rate_limit, KeyValue};

/// The default of `grammar_anonymous_rate_limit_per_minute` (LanguageTool's public API
/// allows about as much).
pub const DEFAULT_PER_MINUTE: u64 = 20;
const WINDOW_SECS: u64 = 60;

/// Counts one anonymous check from `client_ip`; 429 with `Retry-After` past `per_minute`.
/// Requests whose address the host did not give share one bucket.
pub fn limit_anonymous(
    kv: &dyn KeyValue,
    client_ip: Option<&str>,
    per_minute: u64,
    now_unix: u64,
) -> Result<(), ApiError> {
    let key = format!("grammar:rl:anon:ip:{}", client_ip.unwrap_or("unknown"));
    let decision = rate_limit(kv, &key, per_minute, WINDOW_SECS, now_unix)?;
    if decision.allowed {
        return Ok(());
    }
    let mut error = ApiError::too_many_requests(decision.retry_after_secs.max(1)).with_details(
        json!({ "limit": decision.limit, "window_secs": WINDOW_SECS, "scope": "anonymous client ip" }),
    );
    error.message = format!(
        "anonymous checks are limited to {per_minute} per minute per client; \
         retry later or authenticate"
    );
    Err(error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use storage::MemoryKeyValue;

    #[test]
    fn refuses_past_the_limit_per_ip_until_the_next_minute() {
        let kv = MemoryKeyValue::new();
        for _ in 0..3 {
            limit_anonymous(&kv, Some("10.0.0.1"), 3, 6_000).unwrap();
        }
        let refused = limit_anonymous(&kv, Some("10.0.0.1"), 3, 6_045).unwrap_err();
        assert_eq!((refused.status, refused.retry_after), (429, Some(15)));
        assert_eq!(refused.code, "too_many_requests");
        limit_anonymous(&kv, Some("10.0.0.2"), 3, 6_045).unwrap();
        limit_anonymous(&kv, Some("10.0.0.1"), 3, 6_060).unwrap();
    }
}
