//! SQLite (`fermyon:spin/sqlite@2.0.0`): every value type as a parameter and a column, NULL,
//! and an SQL error surfacing as an error value.

use serde_json::{json, Value as Json};
use spin_sdk::http::Response;
use spin_sdk::sqlite::{Connection, Value};

use crate::query::Query;
use crate::report;

pub fn handle(query: &Query) -> Response {
    let database = query.get_or("db", "default");
    let table = query.get_or("table", "probe_sqlite");
    let connection = match Connection::open(database) {
        Ok(connection) => connection,
        Err(error) => return report::host_error("open", error),
    };

    let create = format!(
        "CREATE TABLE IF NOT EXISTS {table} (i INTEGER, r REAL, t TEXT, b BLOB, n INTEGER)"
    );
    if let Err(error) = connection.execute(&create, &[]) {
        return report::host_error("create", error);
    }
    let insert = format!("INSERT INTO {table} (i, r, t, b, n) VALUES (?, ?, ?, ?, ?)");
    let params = [
        Value::Integer(i64::MIN),
        Value::Real(-2.5),
        Value::Text("héllo ✓".to_owned()),
        Value::Blob(vec![0, 1, 2, 254, 255]),
        Value::Null,
    ];
    if let Err(error) = connection.execute(&insert, &params) {
        return report::host_error("insert", error);
    }
    let selected = match connection.execute(&format!("SELECT i, r, t, b, n FROM {table}"), &[]) {
        Ok(result) => result,
        Err(error) => return report::host_error("select", error),
    };
    let rows: Vec<Json> = selected
        .rows
        .iter()
        .map(|row| Json::Array(row.values.iter().map(value_json).collect()))
        .collect();
    let sql_error = connection
        .execute("SELEC nonsense FROM nowhere", &[])
        .err()
        .map(|error| format!("{error:?}"));

    report::ok(&json!({
        "columns": selected.columns,
        "rows": rows,
        "sql_error": sql_error,
    }))
}

fn value_json(value: &Value) -> Json {
    match value {
        Value::Integer(v) => json!({ "integer": v }),
        Value::Real(v) => json!({ "real": v }),
        Value::Text(v) => json!({ "text": v }),
        Value::Blob(v) => json!({ "blob": v }),
        Value::Null => json!("null"),
    }
}
