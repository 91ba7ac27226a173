//! The identity verifier's code path, natively: access-token verification exactly as the
//! identity component runs it (keys from `auth_public_keys`, denylist lookup in an in-memory
//! key-value store), and one argon2id password verification (the cost of a login).
//! `scripts/bench` prints these beside the same work inside components.
//!
//! Usage: `auth-verify-bench [iterations]`; prints one JSON object.

use std::time::Instant;

use api_kit::MapConfig;
use auth_core::identity::{self, Credential, Stores};
use auth_core::jwt::{self, AccessClaims};
use auth_core::keys::{SigningKey, SigningKeys};
use auth_core::settings::{IdentitySettings, AUDIENCE, ISSUER};
use storage::{DbError, KeyValue, MemoryKeyValue, Sql};

fn percentile(sorted: &[f64], fraction: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * fraction).round() as usize]
}

fn summary(mut micros: Vec<f64>, total_secs: f64) -> serde_json::Value {
    micros.sort_by(f64::total_cmp);
    serde_json::json!({
        "n": micros.len(),
        "per_sec": micros.len() as f64 / total_secs,
        "p50_us": percentile(&micros, 0.50),
        "p95_us": percentile(&micros, 0.95),
        "p99_us": percentile(&micros, 0.99),
    })
}

fn main() {
    let iterations: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    let keys = SigningKeys::new(vec![
        SigningKey::generate("bench-new"),
        SigningKey::generate("bench-old"),
    ])
    .expect("two distinct kids");
    let config =
        MapConfig::new().with("auth_public_keys", keys.public_keys().to_jwks().to_string());
    let settings = IdentitySettings::load(&config);
    let now = settings.now();
    let claims = AccessClaims {
        iss: ISSUER.into(),
        aud: AUDIENCE.into(),
        sub: "user".into(),
        tenant_id: "tenant".into(),
        roles: vec!["member".into()],
        plan: "FREE".into(),
        sid: "session".into(),
        jti: "jti".into(),
        iat: now,
        nbf: now,
        exp: now + 3600,
    };
    let header = format!("Bearer {}", jwt::sign(&claims, keys.current()));
    let no_sql = || -> Result<Box<dyn Sql>, DbError> { Err(DbError::other("not used for tokens")) };
    let stores = Stores::new(no_sql, || {
        Ok(Box::new(MemoryKeyValue::new()) as Box<dyn KeyValue>)
    });

    let mut micros = Vec::with_capacity(iterations);
    let start = Instant::now();
    for _ in 0..iterations {
        let t = Instant::now();
        // Each verification parses the settings afresh, as a fresh component instance does.
        let settings = IdentitySettings::load(&config);
        identity::verify(Credential::Authorization(&header), &settings, &stores).expect("verifies");
        micros.push(t.elapsed().as_secs_f64() * 1e6);
    }
    let verify = summary(micros, start.elapsed().as_secs_f64());

    let phc = auth_core::password::hash("Correct1horse");
    let logins = 20;
    let mut micros = Vec::with_capacity(logins);
    let start = Instant::now();
    for _ in 0..logins {
        let t = Instant::now();
        assert!(auth_core::password::verify("Correct1horse", &phc));
        micros.push(t.elapsed().as_secs_f64() * 1e6);
    }
    let argon2 = summary(micros, start.elapsed().as_secs_f64());
    println!(
        "{}",
        serde_json::json!({ "verify": verify, "argon2_verify": argon2 })
    );
}
