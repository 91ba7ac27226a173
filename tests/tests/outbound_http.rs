//! Outbound `wasi:http` requests: allowed hosts reach a local server, others are refused
//! without the server ever seeing them.

use e2e::harness::{query_value, Component, LocalServer, TestApp, LOCAL_SERVER_BODY};
use serde_json::Value;

async fn fetch(app: &TestApp, url: &str) -> Value {
    let response = app
        .get(&format!("/probe/http?url={}", query_value(url)))
        .await;
    assert_eq!(response.status, 200, "{}", response.text());
    response.json()
}

#[tokio::test(flavor = "multi_thread")]
async fn allowed_host_is_reached() {
    let server = LocalServer::start().await;
    let app = TestApp::builder()
        .component(
            Component::probe("http")
                .route("/probe/...")
                .allowed_outbound_host(&server.url("")),
        )
        .start()
        .await;
    let report = fetch(&app, &server.url("/hello?x=1")).await;
    assert_eq!(report["status"], 200, "{report}");
    assert_eq!(report["body"], LOCAL_SERVER_BODY);
    assert_eq!(server.received_paths(), ["/hello?x=1"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn unlisted_host_is_denied() {
    let server = LocalServer::start().await;
    let app = TestApp::builder()
        .component(Component::probe("http").route("/probe/..."))
        .start()
        .await;
    let report = fetch(&app, &server.url("/hello")).await;
    assert_eq!(report["error"]["step"], "send", "{report}");
    assert!(server.received_paths().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn other_port_on_an_allowed_host_is_denied() {
    let server = LocalServer::start().await;
    let app = TestApp::builder()
        .component(
            Component::probe("http")
                .route("/probe/...")
                .allowed_outbound_host("http://127.0.0.1:1"),
        )
        .start()
        .await;
    let report = fetch(&app, &server.url("/hello")).await;
    assert_eq!(report["error"]["step"], "send", "{report}");
    assert!(server.received_paths().is_empty());
}
