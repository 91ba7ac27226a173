//! A trapping, an out-of-memory and a too-slow guest each fail only their own request while
//! concurrent requests succeed; oversized bodies get 413.

use std::time::{Duration, Instant};

use e2e::harness::{host_error_body, Component, TestApp, TestResponse};
use tokio::task::JoinHandle;

async fn limited_app() -> TestApp {
    TestApp::builder()
        .component(Component::probe("probe").route("/probe/..."))
        .host_args(["--timeout-secs", "2"])
        .start()
        .await
}

fn spawn_get(app: &TestApp, path: &str) -> JoinHandle<TestResponse> {
    let client = app.client();
    let path = path.to_owned();
    tokio::spawn(async move { client.get(&path).await })
}

async fn finish(handle: JoinHandle<TestResponse>) -> TestResponse {
    handle.await.expect("request task panicked")
}

#[tokio::test(flavor = "multi_thread")]
async fn misbehaving_requests_fail_alone() {
    let mut app = limited_app().await;
    let started = Instant::now();
    let trap = spawn_get(&app, "/probe/trap");
    let oom = spawn_get(&app, "/probe/oom");
    let busy = spawn_get(&app, "/probe/sleep?ms=10000&mode=busy");
    let sleeping = spawn_get(&app, "/probe/sleep?ms=10000&mode=sleep");
    let normal: Vec<_> = (0..20)
        .map(|i| spawn_get(&app, &format!("/probe/echo?n={i}")))
        .collect();

    for (i, handle) in normal.into_iter().enumerate() {
        let response = finish(handle).await;
        assert_eq!(
            response.status,
            200,
            "normal request {i}: {}",
            response.text()
        );
        assert_eq!(response.json()["query"], format!("n={i}"));
    }
    let expectations = [
        ("trap", trap, 500, "component_failed"),
        ("out of memory", oom, 500, "out_of_memory"),
        ("busy loop", busy, 504, "timeout"),
        ("blocking sleep", sleeping, 504, "timeout"),
    ];
    for (what, handle, status, code) in expectations {
        let response = finish(handle).await;
        assert_eq!(response.status, status, "{what}: {}", response.text());
        assert_eq!(host_error_body(&response)["code"], code, "{what}");
    }
    let elapsed = started.elapsed();
    assert!(
        elapsed < Duration::from_secs(9),
        "the 2 s limit did not cut the 10 s guests short ({elapsed:?})"
    );

    assert!(app.is_running(), "host died");
    assert_eq!(app.get("/probe/echo").await.status, 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn request_within_the_time_limit_succeeds() {
    let app = limited_app().await;
    let response = app.get("/probe/sleep?ms=300&mode=busy").await;
    assert_eq!(response.status, 200, "{}", response.text());
}

#[tokio::test(flavor = "multi_thread")]
async fn oversized_body_is_rejected_with_413() {
    let app = limited_app().await;
    let response = app.post("/probe/body-limit", vec![b'x'; 100 * 1024]).await;
    assert_eq!(response.status, 413, "{}", response.text());
    assert_eq!(response.json()["error"]["code"], "payload_too_large");

    let response = app.post("/probe/body-limit", vec![b'x'; 1024]).await;
    assert_eq!(response.status, 200, "{}", response.text());
    assert_eq!(response.json()["body_len"], 1024);
}
