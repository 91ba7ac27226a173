//! Host lifecycle: startup failures, captured component output, request logs, graceful
//! shutdown.

use std::time::Duration;

use e2e::harness::{unique_name, Component, TestApp};
use serde_json::Value;

#[tokio::test(flavor = "multi_thread")]
async fn missing_component_source_fails_at_start() {
    let missing = std::env::temp_dir().join(format!("{}.wasm", unique_name("no_such_component")));
    let failure = TestApp::builder()
        .component(Component::new("ghost", &missing).route("/ghost"))
        .start_expecting_failure()
        .await;
    assert!(!failure.status.success(), "{failure:?}");
    let file_name = missing
        .file_name()
        .and_then(|n| n.to_str())
        .expect("file name");
    assert!(
        failure.stderr.contains(file_name),
        "the error should name the missing file: {failure:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn component_stdout_and_stderr_are_captured() {
    let app = TestApp::builder()
        .component(Component::probe("printer").route("/probe/..."))
        .start()
        .await;
    let marker = unique_name("marker");
    let response = app.get(&format!("/probe/print?marker={marker}")).await;
    assert_eq!(response.status, 200, "{}", response.text());
    for stream in ["stdout", "stderr"] {
        let needle = format!("probe {stream} {marker}");
        assert!(
            app.wait_for_stderr(&needle, Duration::from_secs(5))
                .await
                .is_some(),
            "`{needle}` not in host stderr: {:#?}",
            app.stderr_lines()
        );
    }
    let on_stdout = app.stdout_lines();
    assert!(
        !on_stdout.iter().any(|line| line.contains(&marker)),
        "component output leaked onto stdout: {on_stdout:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn every_request_is_logged_as_json() {
    let app = TestApp::builder()
        .component(Component::probe("logged").route("/probe/..."))
        .start()
        .await;
    let marker = unique_name("q");
    assert_eq!(app.get(&format!("/probe/echo?{marker}")).await.status, 200);
    assert_eq!(app.get("/not/routed").await.status, 404);

    // The request's own line, not the component_loaded line that also names the component.
    let log_line = app
        .wait_for_stderr(
            r#""component":"logged","event":"request""#,
            Duration::from_secs(5),
        )
        .await
        .unwrap_or_else(|| panic!("no request log: {:#?}", app.stderr_lines()));
    let entry: Value = serde_json::from_str(&log_line)
        .unwrap_or_else(|e| panic!("request log is not JSON ({e}): {log_line}"));
    assert_eq!(entry["event"], "request", "{entry}");
    assert_eq!(entry["component"], "logged", "{entry}");
    assert_eq!(entry["route"], "/probe/...", "{entry}");
    assert_eq!(entry["status"], 200, "{entry}");
    assert!(entry["latency_ms"].is_number(), "{entry}");
    assert!(
        entry["request_id"]
            .as_str()
            .is_some_and(|id| !id.is_empty()),
        "{entry}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn sigterm_lets_in_flight_requests_finish() {
    let app = TestApp::builder()
        .component(Component::probe("slow").route("/probe/..."))
        .start()
        .await;
    let client = app.client();
    let in_flight =
        tokio::spawn(async move { client.get("/probe/sleep?ms=1500&mode=sleep").await });
    // Let the request reach the component before signalling.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let status = app.terminate().await;
    let response = in_flight.await.expect("request task panicked");
    assert_eq!(response.status, 200, "{}", response.text());
    assert!(
        status.success(),
        "host exit status after SIGTERM: {status:?}"
    );
}
