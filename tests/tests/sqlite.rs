//! SQLite: every value type through parameters and back, NULL, persistence across requests,
//! SQL errors as error values, access control by `sqlite_databases`.

use e2e::harness::{unique_name, Component, TestApp};
use serde_json::{json, Value};

fn sqlite_probe() -> Component {
    Component::probe("sqlite")
        .route("/probe/...")
        .sqlite_database("default")
}

async fn run(app: &TestApp, query: &str) -> Value {
    let response = app.get(&format!("/probe/sqlite?{query}")).await;
    assert_eq!(response.status, 200, "{}", response.text());
    response.json()
}

fn expected_row() -> Value {
    json!([
        { "integer": i64::MIN },
        { "real": -2.5 },
        { "text": "héllo ✓" },
        { "blob": [0, 1, 2, 254, 255] },
        "null",
    ])
}

#[tokio::test(flavor = "multi_thread")]
async fn every_value_type_round_trips_and_sql_errors_are_values() {
    let app = TestApp::builder().component(sqlite_probe()).start().await;
    let table = unique_name("t");
    let report = run(&app, &format!("table={table}")).await;
    assert!(report.get("error").is_none(), "{report}");
    assert_eq!(
        report["columns"],
        json!(["i", "r", "t", "b", "n"]),
        "{report}"
    );
    assert_eq!(report["rows"], json!([expected_row()]), "{report}");
    let sql_error = report["sql_error"].as_str().unwrap_or_default();
    assert!(
        !sql_error.is_empty(),
        "a syntax error must come back as an error: {report}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn data_persists_across_requests() {
    let app = TestApp::builder().component(sqlite_probe()).start().await;
    let table = unique_name("t");
    run(&app, &format!("table={table}")).await;
    let report = run(&app, &format!("table={table}")).await;
    assert_eq!(
        report["rows"],
        json!([expected_row(), expected_row()]),
        "{report}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn database_not_granted_is_access_denied() {
    let app = TestApp::builder()
        .component(Component::probe("no-db").route("/probe/..."))
        .start()
        .await;
    let report = run(&app, "table=t").await;
    assert_eq!(report["error"]["step"], "open", "{report}");
    let detail = report["error"]["detail"].as_str().unwrap_or_default();
    assert!(detail.contains("AccessDenied"), "{report}");
}
