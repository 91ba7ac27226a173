//! The health report: per-check results, timing, redaction and the overall verdict. Pure logic,
//! so it is tested natively; the probes that talk to the stores live in `probes`.

use std::collections::BTreeMap;
use std::time::Instant;

use serde::Serialize;

use crate::app_info::{ComponentInfo, APP_NAME, APP_VERSION, COMPONENTS};

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    Ok,
    Error,
    NotConfigured,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CheckResult {
    pub status: CheckStatus,
    pub latency_ms: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl CheckResult {
    pub fn not_configured() -> Self {
        Self {
            status: CheckStatus::NotConfigured,
            latency_ms: 0.0,
            error: None,
        }
    }

    /// Times `probe`. Its error text passes through [`redact`] with `secrets` (the connection
    /// URLs) so credentials never reach the response.
    pub fn measure(secrets: &[&str], probe: impl FnOnce() -> Result<(), String>) -> Self {
        let started = Instant::now();
        let outcome = probe();
        let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
        match outcome {
            Ok(()) => Self {
                status: CheckStatus::Ok,
                latency_ms,
                error: None,
            },
            Err(e) => Self {
                status: CheckStatus::Error,
                latency_ms,
                error: Some(redact(&e, secrets)),
            },
        }
    }

    fn failed(&self) -> bool {
        self.status == CheckStatus::Error
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Checks {
    pub sqlite: CheckResult,
    /// Keyed by store label.
    pub key_value: BTreeMap<String, CheckResult>,
    pub postgres: CheckResult,
    pub redis: CheckResult,
}

impl Checks {
    fn all(&self) -> impl Iterator<Item = &CheckResult> {
        [&self.sqlite, &self.postgres, &self.redis]
            .into_iter()
            .chain(self.key_value.values())
    }
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum OverallStatus {
    Ok,
    Degraded,
}

#[derive(Debug, Clone, Serialize)]
pub struct AppIdentity {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct HealthReport {
    pub status: OverallStatus,
    pub app: AppIdentity,
    pub components: &'static [ComponentInfo],
    pub checks: Checks,
    pub request_id: String,
}

impl HealthReport {
    /// Degraded as soon as one configured check failed; `not_configured` never degrades.
    pub fn new(checks: Checks, request_id: &str) -> Self {
        let status = if checks.all().any(CheckResult::failed) {
            OverallStatus::Degraded
        } else {
            OverallStatus::Ok
        };
        Self {
            status,
            app: AppIdentity {
                name: APP_NAME,
                version: APP_VERSION,
            },
            components: COMPONENTS,
            checks,
            request_id: request_id.to_string(),
        }
    }

    pub fn http_status(&self) -> u16 {
        match self.status {
            OverallStatus::Ok => 200,
            OverallStatus::Degraded => 503,
        }
    }
}

/// Removes secrets from an error message: every exact occurrence of a configured URL, and the
/// `user:password@` part of any other `scheme://user:password@host` the driver may echo back.
pub fn redact(message: &str, secrets: &[&str]) -> String {
    let mut text = message.to_string();
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        text = text.replace(secret, "[redacted]");
    }
    strip_userinfo(&text)
}

fn strip_userinfo(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find("://") {
        let (before, after) = rest.split_at(pos + 3);
        out.push_str(before);
        // The authority ends at the first '/', whitespace or quote; userinfo is before its last '@'.
        let authority_end = after
            .find(|c: char| c == '/' || c.is_whitespace() || c == '"' || c == '\'')
            .unwrap_or(after.len());
        match after[..authority_end].rfind('@') {
            Some(at) => {
                out.push_str("[redacted]");
                rest = &after[at..];
            }
            None => rest = after,
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ok() -> CheckResult {
        CheckResult::measure(&[], || Ok(()))
    }

    fn failed() -> CheckResult {
        CheckResult::measure(&[], || Err("boom".into()))
    }

    fn checks(sqlite: CheckResult, postgres: CheckResult) -> Checks {
        Checks {
            sqlite,
            key_value: BTreeMap::from([("default".to_string(), ok())]),
            postgres,
            redis: CheckResult::not_configured(),
        }
    }

    #[test]
    fn all_ok_or_not_configured_is_200() {
        let report = HealthReport::new(checks(ok(), CheckResult::not_configured()), "r1");
        assert_eq!(report.status, OverallStatus::Ok);
        assert_eq!(report.http_status(), 200);
    }

    #[test]
    fn any_failure_is_degraded_503() {
        let report = HealthReport::new(checks(ok(), failed()), "r1");
        assert_eq!(report.status, OverallStatus::Degraded);
        assert_eq!(report.http_status(), 503);
        let mut c = checks(ok(), ok());
        c.key_value.insert("cache".into(), failed());
        assert_eq!(HealthReport::new(c, "r").http_status(), 503);
    }

    #[test]
    fn serializes_to_the_documented_shape() {
        let report = HealthReport::new(checks(ok(), failed()), "req-1");
        let v = serde_json::to_value(&report).unwrap();
        assert_eq!(v["status"], "degraded");
        assert_eq!(v["app"]["name"], "english-assistant");
        assert_eq!(v["request_id"], "req-1");
        assert_eq!(v["checks"]["postgres"]["status"], "error");
        assert_eq!(v["checks"]["postgres"]["error"], "boom");
        assert_eq!(
            v["checks"]["redis"],
            json!({"status": "not_configured", "latency_ms": 0.0})
        );
        assert!(v["checks"]["sqlite"].get("error").is_none());
        assert!(v["checks"]["key_value"]["default"]["latency_ms"].is_f64());
        let ids: Vec<_> = v["components"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| &c["id"])
            .collect();
        assert!(ids.contains(&&json!("health")));
    }

    #[test]
    fn latency_is_measured() {
        let r = CheckResult::measure(&[], || {
            std::thread::sleep(std::time::Duration::from_millis(5));
            Ok(())
        });
        assert!(r.latency_ms >= 5.0, "{}", r.latency_ms);
    }

    #[test]
    fn error_messages_never_contain_the_url_or_credentials() {
        let url = "postgres://app:s3cret@db.example:5432/app";
        let r = CheckResult::measure(&[url], || Err(format!("connect to {url} failed")));
        let e = r.error.unwrap();
        assert!(!e.contains("s3cret") && !e.contains("db.example"), "{e}");

        // A driver that reformats the URL still loses the userinfo.
        let msg = redact(
            "error at redis://:hunter2@cache:6379/0 (timeout)",
            &["redis://x"],
        );
        assert_eq!(msg, "error at redis://[redacted]@cache:6379/0 (timeout)");
        assert_eq!(
            redact("plain http://host/path", &[]),
            "plain http://host/path"
        );
    }
}
