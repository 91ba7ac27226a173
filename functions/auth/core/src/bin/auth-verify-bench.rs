//! The identity verifier's code path, natively: access-token verification exactly as the
//! identity component runs it (keys from `auth_public_keys`, denylist lookup in an in-memory
//! key-value store), and one argon2id password verification (the cost of a login).
//! `scripts/bench` prints these beside the same work inside components.
//!
//! Usage: `auth-verify-bench [iterations]`; prints one JSON object.

use std::time::Instant;

use api_kit::MapConfig;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
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

fn measure(iterations: usize, mut run: impl FnMut()) -> serde_json::Value {
    let mut micros = Vec::with_capacity(iterations);
    let start = Instant::now();
    for _ in 0..iterations {
        let t = Instant::now();
        run();
        micros.push(t.elapsed().as_secs_f64() * 1e6);
    }
    summary(micros, start.elapsed().as_secs_f64())
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

    // Each verification parses the settings afresh, as the first one in a fresh component
    // instance does.
    let verify = measure(iterations, || {
        let settings = IdentitySettings::load(&config);
        identity::verify(Credential::Authorization(&header), &settings, &stores).expect("verifies");
    });
    // Later verifications in the same instance reuse the parsed settings.
    let verify_settings_cached = measure(iterations, || {
        identity::verify(Credential::Authorization(&header), &settings, &stores).expect("verifies");
    });
    // The parts, to show where a verification's time goes.
    let settings_load = measure(iterations, || {
        std::hint::black_box(IdentitySettings::load(&config));
    });
    let token = header.strip_prefix("Bearer ").expect("bearer");
    let (signing_input, signature_b64) = token.rsplit_once('.').expect("three parts");
    let signature: [u8; 64] = URL_SAFE_NO_PAD
        .decode(signature_b64)
        .expect("base64url")
        .try_into()
        .expect("64 bytes");
    let signature = ed25519_dalek::Signature::from_bytes(&signature);
    let verifying_key = keys.current().key.verifying_key();
    let signature_only = measure(iterations, || {
        verifying_key
            .verify_strict(signing_input.as_bytes(), &signature)
            .expect("verifies");
    });

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
        serde_json::json!({
            "verify": verify,
            "verify_settings_cached": verify_settings_cached,
            "settings_load": settings_load,
            "signature_only": signature_only,
            "argon2_verify": argon2,
        })
    );
}
