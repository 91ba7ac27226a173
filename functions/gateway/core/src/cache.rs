//! Exact-match response cache in the key-value store, isolated per tenant.
//!
//! The key is a SHA-256 of the request in a canonical form: object keys sorted, and the
//! fields that do not change the answer (`stream`, `stream_options`, `user`) left out, so the
//! same question asked streamed or not, or with keys in another order, hits the same entry.
//! The requested model (or routing alias) is part of the key, the routed one is not: a hit
//! must not depend on which provider happened to be healthy.

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use storage::KeyValue;

/// Fields that never change what a model answers.
const IGNORED: &[&str] = &["stream", "stream_options", "user"];

/// `value` with every object's keys sorted, whatever map type serde_json was built with.
pub fn canonical(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let mut out = Map::new();
            for k in keys {
                out.insert(k.clone(), canonical(&map[k]));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(canonical).collect()),
        other => other.clone(),
    }
}

fn canonical_text(value: &Value) -> String {
    // serde_json writes object entries in map order; sort explicitly so the text is stable
    // even if a dependency turns on `preserve_order`.
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let parts: Vec<String> = keys
                .iter()
                .map(|k| {
                    format!(
                        "{}:{}",
                        Value::String((*k).clone()),
                        canonical_text(&map[*k])
                    )
                })
                .collect();
            format!("{{{}}}", parts.join(","))
        }
        Value::Array(items) => {
            format!(
                "[{}]",
                items
                    .iter()
                    .map(canonical_text)
                    .collect::<Vec<_>>()
                    .join(",")
            )
        }
        other => other.to_string(),
    }
}

/// The cache key of a request body of `kind` (`chat` or `embedding`) for `tenant`.
pub fn cache_key(tenant: &str, kind: &str, request: &Value) -> String {
    let mut body = request.clone();
    if let Value::Object(map) = &mut body {
        for field in IGNORED {
            map.remove(*field);
        }
    }
    let digest = Sha256::digest(canonical_text(&body).as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    // Tenant in the key: one tenant can never read another's answers, even for the same
    // prompt.
    format!("gw:cache:{tenant}:{kind}:{hex}")
}

pub fn get(kv: &dyn KeyValue, key: &str) -> Option<Value> {
    let raw = kv.get(key).ok()??;
    serde_json::from_slice(&raw).ok()
}

pub fn put(kv: &dyn KeyValue, key: &str, value: &Value, ttl_secs: u64) {
    if let Ok(bytes) = serde_json::to_vec(value) {
        let _ = kv.set(key, &bytes, Some(ttl_secs.max(1)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn key_ignores_order_stream_and_user() {
        let a = json!({"model": "m", "messages": [{"role": "user", "content": "hi"}], "temperature": 0});
        let b = json!({"temperature": 0, "stream": true, "user": "x",
                       "messages": [{"content": "hi", "role": "user"}], "model": "m",
                       "stream_options": {"include_usage": true}});
        assert_eq!(cache_key("t", "chat", &a), cache_key("t", "chat", &b));
    }

    #[test]
    fn key_depends_on_tenant_model_messages_and_parameters() {
        let base = json!({"model": "m", "messages": [{"role": "user", "content": "hi"}]});
        let k = cache_key("t", "chat", &base);
        assert_ne!(k, cache_key("t2", "chat", &base));
        assert_ne!(k, cache_key("t", "embedding", &base));
        for changed in [
            json!({"model": "m2", "messages": [{"role": "user", "content": "hi"}]}),
            json!({"model": "m", "messages": [{"role": "user", "content": "hi!"}]}),
            json!({"model": "m", "messages": [{"role": "user", "content": "hi"}], "temperature": 1}),
        ] {
            assert_ne!(k, cache_key("t", "chat", &changed), "{changed}");
        }
    }

    #[test]
    fn canonical_sorts_nested_keys() {
        assert_eq!(
            canonical_text(&json!({"b": {"d": 1, "c": [{"f": 1, "e": 2}]}, "a": null})),
            r#"{"a":null,"b":{"c":[{"e":2,"f":1}],"d":1}}"#
        );
        assert_eq!(canonical(&json!({"b": 1, "a": 2})), json!({"a": 2, "b": 1}));
    }
}
