//! PostgreSQL (`spin:postgres/postgres@4.0.0`): one column per `db-data-type` the WIT offers,
//! a row of parameters of every `parameter-value` type, a row of NULLs, an unknown column
//! type, and an SQL error surfacing as an error value.
//!
//! The table (`?table=`, so tests don't collide) is dropped at the end, even after a failure.

use serde_json::{json, Value as Json};
use spin_sdk::http::Response;
use spin_sdk::pg4::{
    Column, Connection, DbDataType, DbValue, Interval, ParameterValue, PgError, QueryError,
    RangeBoundKind,
};

use crate::query::Query;
use crate::report;

/// Column name, SQL type and the parameter stored in the first row, in the order of the WIT's
/// `parameter-value` variants.
fn typed_columns() -> Vec<(&'static str, &'static str, ParameterValue)> {
    use RangeBoundKind::{Exclusive, Inclusive};
    vec![
        ("c_boolean", "BOOLEAN", ParameterValue::Boolean(true)),
        // PostgreSQL's only one-byte integer is the internal "char" type.
        ("c_int8", "\"char\"", ParameterValue::Int8(-7)),
        ("c_int16", "INT2", ParameterValue::Int16(-1234)),
        ("c_int32", "INT4", ParameterValue::Int32(123_456_789)),
        ("c_int64", "INT8", ParameterValue::Int64(9_000_000_000_000)),
        ("c_floating32", "FLOAT4", ParameterValue::Floating32(1.5)),
        ("c_floating64", "FLOAT8", ParameterValue::Floating64(-2.25)),
        (
            "c_str",
            "TEXT",
            ParameterValue::Str("héllo, wörld ✓".to_owned()),
        ),
        (
            "c_binary",
            "BYTEA",
            ParameterValue::Binary(vec![0, 1, 2, 254, 255]),
        ),
        ("c_date", "DATE", ParameterValue::Date((2024, 2, 29))),
        (
            "c_time",
            "TIME",
            ParameterValue::Time((13, 45, 30, 123_456_000)),
        ),
        (
            "c_datetime",
            "TIMESTAMP",
            ParameterValue::Datetime((2024, 2, 29, 13, 45, 30, 123_456_000)),
        ),
        (
            "c_timestamp",
            "TIMESTAMPTZ",
            ParameterValue::Timestamp(1_700_000_000),
        ),
        (
            "c_uuid",
            "UUID",
            ParameterValue::Uuid("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11".to_owned()),
        ),
        (
            "c_jsonb",
            "JSONB",
            ParameterValue::Jsonb(br#"{"k":[1,2]}"#.to_vec()),
        ),
        (
            "c_decimal",
            "NUMERIC",
            ParameterValue::Decimal("12345.6789".to_owned()),
        ),
        (
            "c_range_int32",
            "INT4RANGE",
            ParameterValue::RangeInt32((Some((1, Inclusive)), Some((10, Exclusive)))),
        ),
        (
            "c_range_int64",
            "INT8RANGE",
            ParameterValue::RangeInt64((Some((-5, Inclusive)), None)),
        ),
        (
            "c_range_decimal",
            "NUMRANGE",
            ParameterValue::RangeDecimal((
                Some(("1.5".to_owned(), Inclusive)),
                Some(("2.5".to_owned(), Exclusive)),
            )),
        ),
        (
            "c_array_int32",
            "INT4[]",
            ParameterValue::ArrayInt32(vec![Some(1), None, Some(3)]),
        ),
        (
            "c_array_int64",
            "INT8[]",
            ParameterValue::ArrayInt64(vec![Some(1 << 40), None]),
        ),
        (
            "c_array_decimal",
            "NUMERIC[]",
            ParameterValue::ArrayDecimal(vec![Some("1.25".to_owned()), None]),
        ),
        (
            "c_array_str",
            "TEXT[]",
            ParameterValue::ArrayStr(vec![Some("a".to_owned()), None, Some("ü".to_owned())]),
        ),
        (
            "c_interval",
            "INTERVAL",
            ParameterValue::Interval(Interval {
                micros: 3_600_000_001,
                days: 2,
                months: 14,
            }),
        ),
    ]
}

pub fn handle(query: &Query) -> Response {
    let Some(address) = query
        .get("url")
        .map(str::to_owned)
        .or_else(|| spin_sdk::variables::get("postgres_url").ok())
    else {
        return report::bad_request("missing ?url= and no postgres_url variable");
    };
    let Some(table) = query.get("table") else {
        return report::bad_request("missing ?table=");
    };
    let connection = match Connection::open(&address) {
        Ok(connection) => connection,
        Err(error) => {
            return report::ok(
                &json!({ "error": { "step": "open", "detail": error_json(&error) } }),
            )
        }
    };
    let outcome = round_trip(&connection, table);
    let dropped = connection
        .execute(&format!("DROP TABLE IF EXISTS {table}"), &[])
        .map_err(|error| error_json(&error));
    match outcome {
        Ok(mut body) => {
            body["drop"] = match dropped {
                Ok(_) => json!("ok"),
                Err(error) => error,
            };
            report::ok(&body)
        }
        Err((step, error)) => report::ok(&json!({ "error": { "step": step, "detail": error } })),
    }
}

fn round_trip(connection: &Connection, table: &str) -> Result<Json, (&'static str, Json)> {
    let columns = typed_columns();
    let column_defs: Vec<String> = columns
        .iter()
        .map(|(name, sql_type, _)| format!("{name} {sql_type}"))
        .collect();
    let create = format!(
        "CREATE TABLE {table} (id INT4 PRIMARY KEY, {})",
        column_defs.join(", ")
    );
    connection
        .execute(&create, &[])
        .map_err(|e| ("create", error_json(&e)))?;

    let names: Vec<&str> = columns.iter().map(|(name, _, _)| *name).collect();
    let placeholders: Vec<String> = (2..=columns.len() + 1).map(|i| format!("${i}")).collect();
    let insert = format!(
        "INSERT INTO {table} (id, {}) VALUES ($1, {})",
        names.join(", "),
        placeholders.join(", ")
    );
    let mut values_row = vec![ParameterValue::Int32(1)];
    values_row.extend(columns.iter().map(|(_, _, value)| value.clone()));
    let inserted_values = connection
        .execute(&insert, &values_row)
        .map_err(|e| ("insert-values", error_json(&e)))?;
    let mut nulls_row = vec![ParameterValue::Int32(2)];
    nulls_row.extend(columns.iter().map(|_| ParameterValue::DbNull));
    let inserted_nulls = connection
        .execute(&insert, &nulls_row)
        .map_err(|e| ("insert-nulls", error_json(&e)))?;

    let selected = connection
        .query(
            &format!("SELECT id, {} FROM {table} ORDER BY id", names.join(", ")),
            &[],
        )
        .map_err(|e| ("select", error_json(&e)))?;
    // A type the WIT has no variant for.
    let other = connection
        .query("SELECT '10.0.0.1'::inet AS c_inet", &[])
        .map_err(|e| ("select-other", error_json(&e)))?;
    let sql_error = connection
        .query(&format!("SELECT no_such_column FROM {table}"), &[])
        .err()
        .map(|error| error_json(&error));
    let bad_parameter = connection
        .execute(
            &format!("INSERT INTO {table} (id) VALUES ($1)"),
            &[ParameterValue::Str("not a number".to_owned())],
        )
        .err()
        .map(|error| error_json(&error));

    Ok(json!({
        "inserted": [inserted_values, inserted_nulls],
        "columns": columns_json(&selected.columns),
        "rows": rows_json(&selected.rows),
        "other_columns": columns_json(&other.columns),
        "other_rows": rows_json(&other.rows),
        "sql_error": sql_error,
        "bad_parameter_error": bad_parameter,
    }))
}

fn columns_json(columns: &[Column]) -> Json {
    Json::Array(
        columns
            .iter()
            .map(|column| json!({ "name": column.name, "type": data_type_name(&column.data_type) }))
            .collect(),
    )
}

fn rows_json(rows: &[Vec<DbValue>]) -> Json {
    Json::Array(
        rows.iter()
            .map(|row| Json::Array(row.iter().map(value_json).collect()))
            .collect(),
    )
}

fn data_type_name(data_type: &DbDataType) -> String {
    match data_type {
        DbDataType::Boolean => "boolean".into(),
        DbDataType::Int8 => "int8".into(),
        DbDataType::Int16 => "int16".into(),
        DbDataType::Int32 => "int32".into(),
        DbDataType::Int64 => "int64".into(),
        DbDataType::Floating32 => "floating32".into(),
        DbDataType::Floating64 => "floating64".into(),
        DbDataType::Str => "str".into(),
        DbDataType::Binary => "binary".into(),
        DbDataType::Date => "date".into(),
        DbDataType::Time => "time".into(),
        DbDataType::Datetime => "datetime".into(),
        DbDataType::Timestamp => "timestamp".into(),
        DbDataType::Uuid => "uuid".into(),
        DbDataType::Jsonb => "jsonb".into(),
        DbDataType::Decimal => "decimal".into(),
        DbDataType::RangeInt32 => "range-int32".into(),
        DbDataType::RangeInt64 => "range-int64".into(),
        DbDataType::RangeDecimal => "range-decimal".into(),
        DbDataType::ArrayInt32 => "array-int32".into(),
        DbDataType::ArrayInt64 => "array-int64".into(),
        DbDataType::ArrayDecimal => "array-decimal".into(),
        DbDataType::ArrayStr => "array-str".into(),
        DbDataType::Interval => "interval".into(),
        DbDataType::Other(name) => format!("other({name})"),
    }
}

/// `{"<wit variant>": <payload>}`, or the string `"db-null"`.
fn value_json(value: &DbValue) -> Json {
    match value {
        DbValue::Boolean(v) => json!({ "boolean": v }),
        DbValue::Int8(v) => json!({ "int8": v }),
        DbValue::Int16(v) => json!({ "int16": v }),
        DbValue::Int32(v) => json!({ "int32": v }),
        DbValue::Int64(v) => json!({ "int64": v }),
        DbValue::Floating32(v) => json!({ "floating32": v }),
        DbValue::Floating64(v) => json!({ "floating64": v }),
        DbValue::Str(v) => json!({ "str": v }),
        DbValue::Binary(v) => json!({ "binary": v }),
        DbValue::Date((y, m, d)) => json!({ "date": [y, m, d] }),
        DbValue::Time((h, m, s, ns)) => json!({ "time": [h, m, s, ns] }),
        DbValue::Datetime((y, mo, d, h, mi, s, ns)) => {
            json!({ "datetime": [y, mo, d, h, mi, s, ns] })
        }
        DbValue::Timestamp(v) => json!({ "timestamp": v }),
        DbValue::Uuid(v) => json!({ "uuid": v }),
        DbValue::Jsonb(v) => json!({ "jsonb": String::from_utf8_lossy(v) }),
        DbValue::Decimal(v) => json!({ "decimal": v }),
        DbValue::RangeInt32((lower, upper)) => {
            json!({ "range-int32": [bound(lower), bound(upper)] })
        }
        DbValue::RangeInt64((lower, upper)) => {
            json!({ "range-int64": [bound(lower), bound(upper)] })
        }
        DbValue::RangeDecimal((lower, upper)) => {
            json!({ "range-decimal": [bound(lower), bound(upper)] })
        }
        DbValue::ArrayInt32(v) => json!({ "array-int32": v }),
        DbValue::ArrayInt64(v) => json!({ "array-int64": v }),
        DbValue::ArrayDecimal(v) => json!({ "array-decimal": v }),
        DbValue::ArrayStr(v) => json!({ "array-str": v }),
        DbValue::Interval(Interval {
            micros,
            days,
            months,
        }) => json!({ "interval": { "micros": micros, "days": days, "months": months } }),
        DbValue::DbNull => json!("db-null"),
        DbValue::Unsupported(bytes) => json!({ "unsupported": bytes }),
    }
}

fn bound<T: Clone + Into<Json>>(bound: &Option<(T, RangeBoundKind)>) -> Json {
    let Some((value, kind)) = bound else {
        return Json::Null;
    };
    let kind = match kind {
        RangeBoundKind::Inclusive => "inclusive",
        RangeBoundKind::Exclusive => "exclusive",
    };
    let value: Json = value.clone().into();
    json!([value, kind])
}

fn error_json(error: &PgError) -> Json {
    match error {
        PgError::ConnectionFailed(text) => json!({ "kind": "connection-failed", "text": text }),
        PgError::BadParameter(text) => json!({ "kind": "bad-parameter", "text": text }),
        PgError::QueryFailed(QueryError::Text(text)) => {
            json!({ "kind": "query-failed", "text": text })
        }
        PgError::QueryFailed(QueryError::DbError(db)) => json!({
            "kind": "query-failed",
            "text": db.as_text,
            "severity": db.severity,
            "code": db.code,
            "message": db.message,
        }),
        PgError::ValueConversionFailed(text) => {
            json!({ "kind": "value-conversion-failed", "text": text })
        }
        PgError::Other(text) => json!({ "kind": "other", "text": text }),
    }
}
