//! PostgreSQL (`spin:postgres/postgres@4.0.0`) against the real server: every parameter and
//! column type the WIT offers, NULLs, SQL errors as guest-visible values, outbound permission.

use e2e::harness::{postgres_url, query_value, service_authority, unique_name, Component, TestApp};
use serde_json::{json, Value};

async fn pg_app(allowed_host: Option<&str>) -> TestApp {
    let mut probe = Component::probe("pg").route("/probe/...");
    if let Some(host) = allowed_host {
        probe = probe.allowed_outbound_host(host);
    }
    TestApp::builder().component(probe).start().await
}

async fn run_probe(app: &TestApp, url: &str, table: &str) -> Value {
    let path = format!("/probe/pg?url={}&table={table}", query_value(url));
    let response = app.get(&path).await;
    assert_eq!(response.status, 200, "{}", response.text());
    response.json()
}

/// (column, expected WIT data type, expected value) in the probe's column order.
fn expected_columns() -> Vec<(&'static str, &'static str, Value)> {
    vec![
        ("c_boolean", "boolean", json!({ "boolean": true })),
        ("c_int8", "int8", json!({ "int8": -7 })),
        ("c_int16", "int16", json!({ "int16": -1234 })),
        ("c_int32", "int32", json!({ "int32": 123_456_789 })),
        (
            "c_int64",
            "int64",
            json!({ "int64": 9_000_000_000_000_i64 }),
        ),
        ("c_floating32", "floating32", json!({ "floating32": 1.5 })),
        ("c_floating64", "floating64", json!({ "floating64": -2.25 })),
        ("c_str", "str", json!({ "str": "héllo, wörld ✓" })),
        (
            "c_binary",
            "binary",
            json!({ "binary": [0, 1, 2, 254, 255] }),
        ),
        ("c_date", "date", json!({ "date": [2024, 2, 29] })),
        (
            "c_time",
            "time",
            json!({ "time": [13, 45, 30, 123_456_000] }),
        ),
        (
            "c_datetime",
            "datetime",
            json!({ "datetime": [2024, 2, 29, 13, 45, 30, 123_456_000] }),
        ),
        // Checked separately: Spin reads TIMESTAMPTZ back as a UTC datetime.
        ("c_timestamp", "", Value::Null),
        (
            "c_uuid",
            "uuid",
            json!({ "uuid": "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11" }),
        ),
        // Checked separately: PostgreSQL normalises JSONB text.
        ("c_jsonb", "jsonb", Value::Null),
        ("c_decimal", "decimal", json!({ "decimal": "12345.6789" })),
        (
            "c_range_int32",
            "range-int32",
            json!({ "range-int32": [[1, "inclusive"], [10, "exclusive"]] }),
        ),
        (
            "c_range_int64",
            "range-int64",
            json!({ "range-int64": [[-5, "inclusive"], null] }),
        ),
        (
            "c_range_decimal",
            "range-decimal",
            json!({ "range-decimal": [["1.5", "inclusive"], ["2.5", "exclusive"]] }),
        ),
        (
            "c_array_int32",
            "array-int32",
            json!({ "array-int32": [1, null, 3] }),
        ),
        (
            "c_array_int64",
            "array-int64",
            json!({ "array-int64": [1_099_511_627_776_i64, null] }),
        ),
        (
            "c_array_decimal",
            "array-decimal",
            json!({ "array-decimal": ["1.25", null] }),
        ),
        (
            "c_array_str",
            "array-str",
            json!({ "array-str": ["a", null, "ü"] }),
        ),
        (
            "c_interval",
            "interval",
            json!({ "interval": { "micros": 3_600_000_001_i64, "days": 2, "months": 14 } }),
        ),
    ]
}

#[tokio::test(flavor = "multi_thread")]
async fn every_type_round_trips_with_nulls_and_errors() {
    let url = postgres_url();
    let app = pg_app(Some(&format!(
        "postgres://{}",
        service_authority(&url, 5432)
    )))
    .await;
    let table = unique_name("probe_pg");
    let report = run_probe(&app, &url, &table).await;
    assert!(report.get("error").is_none(), "{report:#}");
    assert_eq!(report["inserted"], json!([1, 1]), "{report:#}");
    assert_eq!(report["drop"], "ok", "{report:#}");

    let columns = report["columns"].as_array().expect("columns");
    let rows = report["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 2, "{report:#}");
    let (values, nulls) = (&rows[0], &rows[1]);
    assert_eq!(columns[0], json!({ "name": "id", "type": "int32" }));
    assert_eq!(values[0], json!({ "int32": 1 }));
    assert_eq!(nulls[0], json!({ "int32": 2 }));

    let expected = expected_columns();
    assert_eq!(columns.len(), expected.len() + 1, "{report:#}");
    for (index, (name, data_type, value)) in expected.iter().enumerate() {
        let column = &columns[index + 1];
        assert_eq!(column["name"], *name);
        if !data_type.is_empty() {
            assert_eq!(column["type"], *data_type, "type of {name}");
        }
        if !value.is_null() {
            assert_eq!(values[index + 1], *value, "value of {name}");
        }
        assert_eq!(nulls[index + 1], "db-null", "NULL in {name}");
    }

    let timestamp = &values[13];
    let as_datetime = json!({ "datetime": [2023, 11, 14, 22, 13, 20, 0] });
    let as_timestamp = json!({ "timestamp": 1_700_000_000 });
    assert!(
        *timestamp == as_datetime || *timestamp == as_timestamp,
        "c_timestamp: {timestamp}"
    );
    let jsonb_text = values[15]["jsonb"].as_str().expect("jsonb value");
    let jsonb: Value = serde_json::from_str(jsonb_text.trim_start_matches('\u{1}'))
        .unwrap_or_else(|e| panic!("jsonb {jsonb_text:?} is not JSON: {e}"));
    assert_eq!(jsonb, json!({ "k": [1, 2] }));
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_column_type_is_other_and_sql_errors_are_values() {
    let url = postgres_url();
    let app = pg_app(Some(&format!(
        "postgres://{}",
        service_authority(&url, 5432)
    )))
    .await;
    let report = run_probe(&app, &url, &unique_name("probe_pg")).await;
    assert!(report.get("error").is_none(), "{report:#}");

    let other_type = report["other_columns"][0]["type"]
        .as_str()
        .unwrap_or_default();
    assert!(other_type.starts_with("other"), "{report:#}");
    assert_eq!(report["other_rows"].as_array().map(Vec::len), Some(1));

    let sql_error = &report["sql_error"];
    assert_eq!(sql_error["kind"], "query-failed", "{report:#}");
    // undefined_column, when the host passes PostgreSQL's structured error through.
    if let Some(code) = sql_error.get("code") {
        assert_eq!(code, "42703", "{report:#}");
    }
    assert!(
        sql_error["text"]
            .as_str()
            .is_some_and(|t| t.contains("no_such_column")),
        "{report:#}"
    );
    assert!(report["bad_parameter_error"].is_object(), "{report:#}");
}

#[tokio::test(flavor = "multi_thread")]
async fn connection_failure_is_a_value() {
    // Nothing listens on port 1.
    let app = pg_app(Some("postgres://127.0.0.1:1")).await;
    let report = run_probe(&app, "postgres://postgres@127.0.0.1:1/postgres", "unused").await;
    assert_eq!(report["error"]["step"], "open", "{report:#}");
    assert_eq!(
        report["error"]["detail"]["kind"], "connection-failed",
        "{report:#}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn host_not_in_allowed_outbound_hosts_is_refused() {
    let url = postgres_url();
    let app = pg_app(None).await;
    let table = unique_name("probe_pg");
    let report = run_probe(&app, &url, &table).await;
    assert_eq!(report["error"]["step"], "open", "{report:#}");
}
