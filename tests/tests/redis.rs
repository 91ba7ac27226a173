//! Outbound Redis (`fermyon:spin/redis@2.0.0`) against the real server.

use e2e::harness::{query_value, redis_url, service_authority, unique_name, Component, TestApp};
use serde_json::{json, Value};

async fn run_probe(app: &TestApp, url: &str, prefix: &str) -> Value {
    let path = format!("/probe/redis?url={}&prefix={prefix}", query_value(url));
    let response = app.get(&path).await;
    assert_eq!(response.status, 200, "{}", response.text());
    response.json()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_command_works() {
    let url = redis_url();
    let app = TestApp::builder()
        .component(
            Component::probe("redis")
                .route("/probe/...")
                .allowed_outbound_host(&format!("redis://{}", service_authority(&url, 6379))),
        )
        .start()
        .await;
    let report = run_probe(&app, &url, &unique_name("probe_redis")).await;
    assert!(report.get("error").is_none(), "{report:#}");
    assert_eq!(
        report["get"],
        json!(b"value \x00\xff".to_vec()),
        "{report:#}"
    );
    assert_eq!(report["get_missing"], Value::Null);
    assert_eq!(report["incr"], json!([1, 2]));
    assert_eq!(report["sadd"], 2);
    assert_eq!(report["smembers"], json!(["a", "b"]));
    assert_eq!(report["srem"], 1);
    assert_eq!(report["smembers_after_srem"], json!(["b"]));
    assert_eq!(report["execute_rpush"], json!([{ "int64": 2 }]));
    assert_eq!(
        report["execute_lrange"],
        json!([{ "binary": "x" }, { "binary": "42" }])
    );
    assert_eq!(report["execute_ping"], json!([{ "status": "PONG" }]));
    assert!(report["execute_error"].is_string(), "{report:#}");
    // string, counter, set and list existed; the missing key doesn't count.
    assert_eq!(report["del"], 4);
    assert_eq!(report["get_after_del"], Value::Null);
}

#[tokio::test(flavor = "multi_thread")]
async fn host_not_in_allowed_outbound_hosts_is_refused() {
    let url = redis_url();
    let app = TestApp::builder()
        .component(Component::probe("redis").route("/probe/..."))
        .start()
        .await;
    let report = run_probe(&app, &url, &unique_name("probe_redis")).await;
    assert_eq!(report["error"]["step"], "open", "{report:#}");
}
