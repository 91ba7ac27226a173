//! Key-value stores: the default SQLite-backed store, a Redis-backed store from the runtime
//! config, and access control by `key_value_stores`.

use e2e::harness::{redis_command, redis_url, unique_name, Component, TestApp};
use serde_json::{json, Value};

fn kv_probe() -> Component {
    Component::probe("kv")
        .route("/probe/...")
        .key_value_store("default")
}

async fn round_trip(app: &TestApp, store: &str, prefix: &str) -> Value {
    let response = app
        .get(&format!("/probe/kv?store={store}&prefix={prefix}"))
        .await;
    assert_eq!(response.status, 200, "{}", response.text());
    response.json()
}

fn assert_round_trip(report: &Value, prefix: &str) {
    assert!(report.get("error").is_none(), "{report}");
    assert_eq!(report["text"], "héllo", "{report}");
    assert_eq!(report["binary_matches"], true, "{report}");
    assert_eq!(report["binary_len"], 256, "{report}");
    assert_eq!(report["exists_before_delete"], true, "{report}");
    assert_eq!(report["exists_after_delete"], false, "{report}");
    assert_eq!(report["missing"], Value::Null, "{report}");
    let keys = report["keys"].as_array().expect("keys list");
    for suffix in ["binary", "text"] {
        let key = json!(format!("{prefix}:{suffix}"));
        assert!(keys.contains(&key), "{key} not in {report}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn default_store_round_trip_on_sqlite() {
    let app = TestApp::builder().component(kv_probe()).start().await;
    let prefix = unique_name("kv");
    assert_round_trip(&round_trip(&app, "default", &prefix).await, &prefix);
    // Same again: deletes really deleted, and the store is still usable.
    assert_round_trip(&round_trip(&app, "default", &prefix).await, &prefix);
}

#[tokio::test(flavor = "multi_thread")]
async fn default_store_round_trip_on_redis() {
    let redis = redis_url();
    let app = TestApp::builder()
        .component(kv_probe())
        .runtime_config(&format!(
            "[key_value_store.default]\ntype = \"redis\"\nurl = \"{redis}\"\n"
        ))
        .start()
        .await;
    let prefix = unique_name("kv_redis");
    // Written behind the host's back: seen only if the store really is this Redis.
    let outside_key = format!("{prefix}:outside");
    redis_command(&redis, &["SET", &outside_key, "from-redis-cli"]);

    let report = round_trip(&app, "default", &prefix).await;
    redis_command(&redis, &["DEL", &outside_key]);
    assert_round_trip(&report, &prefix);
    let keys = report["keys"].as_array().expect("keys list");
    assert!(keys.contains(&json!(outside_key)), "{report}");
}

fn assert_access_denied(report: &Value) {
    assert_eq!(report["error"]["step"], "open", "{report}");
    let detail = report["error"]["detail"].as_str().unwrap_or_default();
    assert!(detail.contains("AccessDenied"), "{report}");
}

#[tokio::test(flavor = "multi_thread")]
async fn store_not_granted_to_the_component_is_access_denied() {
    let app = TestApp::builder().component(kv_probe()).start().await;
    assert_access_denied(&round_trip(&app, "other", "denied").await);
}

#[tokio::test(flavor = "multi_thread")]
async fn component_without_stores_cannot_open_default() {
    let app = TestApp::builder()
        .component(Component::probe("no-kv").route("/probe/..."))
        .start()
        .await;
    assert_access_denied(&round_trip(&app, "default", "denied").await);
}
