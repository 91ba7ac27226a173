//! Tests against the real PostgreSQL at `TEST_POSTGRES_URL`, through the same
//! `HostConnection` trait methods the generated bindings call for a guest.
//! They fail (never skip) when the server is unreachable.

use std::sync::{Arc, Mutex};

use wasmtime::component::Resource;

use crate::bindings::spin::postgres3_0_0::postgres as v3;
use crate::bindings::spin::postgres4_0_0::postgres::{
    self as v4, DbDataType as T, DbValue as V, HostConnection, ParameterValue as P,
    RangeBoundKind::{Exclusive, Inclusive},
};
use crate::{AddressCheck, Connection, PostgresFactor, PostgresInstanceState};

fn test_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_string())
}

/// The test URL with a unique `application_name`, so each test gets its own pool.
fn unique_url(tag: &str) -> String {
    let url = test_url();
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}application_name={tag}_{}", suffix())
}

fn suffix() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..12].to_string()
}

fn allow_all() -> AddressCheck {
    Arc::new(|_| true)
}

async fn open(state: &mut PostgresInstanceState, url: &str) -> Resource<Connection> {
    match HostConnection::open(state, url.to_string())
        .await
        .expect("no trap")
    {
        Ok(connection) => connection,
        Err(e) => panic!("cannot connect to TEST_POSTGRES_URL (is PostgreSQL running?): {e:?}"),
    }
}

fn handle(connection: &Resource<Connection>) -> Resource<Connection> {
    Resource::new_borrow(connection.rep())
}

async fn execute(
    state: &mut PostgresInstanceState,
    connection: &Resource<Connection>,
    sql: &str,
    params: Vec<P>,
) -> Result<u64, v4::Error> {
    HostConnection::execute(state, handle(connection), sql.to_string(), params)
        .await
        .expect("no trap")
}

async fn query(
    state: &mut PostgresInstanceState,
    connection: &Resource<Connection>,
    sql: &str,
    params: Vec<P>,
) -> Result<v4::RowSet, v4::Error> {
    HostConnection::query(state, handle(connection), sql.to_string(), params)
        .await
        .expect("no trap")
}

/// Every column type the WIT names: (SQL type, parameter, value expected back, data type).
fn typed_columns() -> Vec<(&'static str, P, V, T)> {
    let interval = v4::Interval {
        micros: 3_723_000_001,
        days: -2,
        months: 13,
    };
    let dec = |s: &str| s.to_string();
    vec![
        ("boolean", P::Boolean(true), V::Boolean(true), T::Boolean),
        ("\"char\"", P::Int8(-42), V::Int8(-42), T::Int8),
        ("smallint", P::Int16(-32768), V::Int16(-32768), T::Int16),
        (
            "integer",
            P::Int32(2_000_000_000),
            V::Int32(2_000_000_000),
            T::Int32,
        ),
        (
            "bigint",
            P::Int64(-9_000_000_000),
            V::Int64(-9_000_000_000),
            T::Int64,
        ),
        (
            "real",
            P::Floating32(3.5),
            V::Floating32(3.5),
            T::Floating32,
        ),
        (
            "double precision",
            P::Floating64(-0.125),
            V::Floating64(-0.125),
            T::Floating64,
        ),
        (
            "text",
            P::Str("naïve 文字".into()),
            V::Str("naïve 文字".into()),
            T::Str,
        ),
        (
            "varchar(10)",
            P::Str("short".into()),
            V::Str("short".into()),
            T::Str,
        ),
        (
            "bytea",
            P::Binary(vec![0, 1, 254, 255]),
            V::Binary(vec![0, 1, 254, 255]),
            T::Binary,
        ),
        ("date", P::Date((1, 1, 1)), V::Date((1, 1, 1)), T::Date),
        (
            "time",
            P::Time((13, 14, 15, 999_999_000)),
            V::Time((13, 14, 15, 999_999_000)),
            T::Time,
        ),
        (
            "timestamp",
            P::Datetime((2024, 2, 29, 12, 0, 1, 500_000_000)),
            V::Datetime((2024, 2, 29, 12, 0, 1, 500_000_000)),
            T::Datetime,
        ),
        (
            "timestamptz",
            P::Datetime((1969, 7, 20, 20, 17, 40, 0)),
            V::Datetime((1969, 7, 20, 20, 17, 40, 0)),
            T::Datetime,
        ),
        (
            "timestamptz",
            P::Timestamp(1_700_000_000),
            V::Datetime((2023, 11, 14, 22, 13, 20, 0)),
            T::Datetime,
        ),
        (
            "uuid",
            P::Uuid("67e55044-10b1-426f-9247-bb680e5fe0c8".into()),
            V::Uuid("67e55044-10b1-426f-9247-bb680e5fe0c8".into()),
            T::Uuid,
        ),
        (
            "jsonb",
            P::Jsonb(br#"{"b": [1, 2.5, null], "a": "x"}"#.to_vec()),
            // jsonb is stored normalised: keys sorted by length then bytes.
            V::Jsonb(br#"{"a": "x", "b": [1, 2.5, null]}"#.to_vec()),
            T::Jsonb,
        ),
        (
            "json",
            P::Jsonb(br#"{"kept":  "verbatim"}"#.to_vec()),
            V::Jsonb(br#"{"kept":  "verbatim"}"#.to_vec()),
            T::Jsonb,
        ),
        (
            "numeric",
            P::Decimal(dec("-1234567890.0123456789")),
            V::Decimal(dec("-1234567890.0123456789")),
            T::Decimal,
        ),
        (
            "int4range",
            // Discrete ranges come back canonical: [1,10] is stored as [1,11).
            P::RangeInt32((Some((1, Inclusive)), Some((10, Inclusive)))),
            V::RangeInt32((Some((1, Inclusive)), Some((11, Exclusive)))),
            T::RangeInt32,
        ),
        (
            "int8range",
            P::RangeInt64((None, Some((5_000_000_000, Exclusive)))),
            V::RangeInt64((None, Some((5_000_000_000, Exclusive)))),
            T::RangeInt64,
        ),
        (
            "numrange",
            P::RangeDecimal((
                Some((dec("1.5"), Exclusive)),
                Some((dec("2.25"), Inclusive)),
            )),
            V::RangeDecimal((
                Some((dec("1.5"), Exclusive)),
                Some((dec("2.25"), Inclusive)),
            )),
            T::RangeDecimal,
        ),
        (
            "integer[]",
            P::ArrayInt32(vec![Some(1), None, Some(i32::MAX)]),
            V::ArrayInt32(vec![Some(1), None, Some(i32::MAX)]),
            T::ArrayInt32,
        ),
        (
            "bigint[]",
            P::ArrayInt64(vec![Some(i64::MIN), None]),
            V::ArrayInt64(vec![Some(i64::MIN), None]),
            T::ArrayInt64,
        ),
        (
            "numeric[]",
            P::ArrayDecimal(vec![Some(dec("0.10")), None, Some(dec("-7"))]),
            V::ArrayDecimal(vec![Some(dec("0.10")), None, Some(dec("-7"))]),
            T::ArrayDecimal,
        ),
        (
            "text[]",
            P::ArrayStr(vec![Some("a,b".into()), None, Some("".into())]),
            V::ArrayStr(vec![Some("a,b".into()), None, Some("".into())]),
            T::ArrayStr,
        ),
        (
            "interval",
            P::Interval(interval),
            V::Interval(interval),
            T::Interval,
        ),
    ]
}

#[tokio::test(flavor = "multi_thread")]
async fn every_type_round_trips_through_a_real_table_including_nulls() {
    let factor = PostgresFactor::new();
    let mut state = factor.instance_state("types-test", allow_all());
    let conn = open(&mut state, &unique_url("types")).await;
    let table = format!("pg_factor_types_{}", suffix());
    let columns = typed_columns();

    let definitions: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, (sql_type, ..))| format!("c{i} {sql_type}"))
        .collect();
    execute(
        &mut state,
        &conn,
        &format!(
            "CREATE TABLE {table} (row_no integer PRIMARY KEY, {})",
            definitions.join(", ")
        ),
        vec![],
    )
    .await
    .expect("create table");

    let names: Vec<String> = (0..columns.len()).map(|i| format!("c{i}")).collect();
    let placeholders: Vec<String> = (2..columns.len() + 2).map(|i| format!("${i}")).collect();
    let insert = format!(
        "INSERT INTO {table} (row_no, {}) VALUES ($1, {})",
        names.join(", "),
        placeholders.join(", ")
    );
    let values: Vec<P> = std::iter::once(P::Int32(1))
        .chain(columns.iter().map(|(_, param, ..)| param.clone()))
        .collect();
    let nulls: Vec<P> = std::iter::once(P::Int32(2))
        .chain(columns.iter().map(|_| P::DbNull))
        .collect();
    let inserted_values = execute(&mut state, &conn, &insert, values).await;
    let inserted_nulls = execute(&mut state, &conn, &insert, nulls).await;

    let selected = query(
        &mut state,
        &conn,
        &format!("SELECT {} FROM {table} ORDER BY row_no", names.join(", ")),
        vec![],
    )
    .await;
    // Drop before asserting so a failure does not leave the table behind.
    let dropped = execute(&mut state, &conn, &format!("DROP TABLE {table}"), vec![]).await;

    assert_eq!(inserted_values, Ok(1));
    assert_eq!(inserted_nulls, Ok(1));
    dropped.expect("drop table");
    let rows = selected.expect("select");
    let data_types: Vec<T> = rows.columns.iter().map(|c| c.data_type.clone()).collect();
    let expected_types: Vec<T> = columns.iter().map(|(.., ty)| ty.clone()).collect();
    assert_eq!(data_types, expected_types);
    assert_eq!(rows.columns[0].name, "c0");
    assert_eq!(rows.rows.len(), 2);
    for (i, (sql_type, _, expected, _)) in columns.iter().enumerate() {
        assert_eq!(&rows.rows[0][i], expected, "column c{i} ({sql_type})");
        assert_eq!(
            rows.rows[1][i],
            V::DbNull,
            "NULL in column c{i} ({sql_type})"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn empty_results_still_describe_columns_and_odd_types_are_unsupported() {
    let factor = PostgresFactor::new();
    let mut state = factor.instance_state("shape-test", allow_all());
    let conn = open(&mut state, &unique_url("shape")).await;

    let empty = query(
        &mut state,
        &conn,
        "SELECT 1::int AS one WHERE false",
        vec![],
    )
    .await
    .unwrap();
    assert_eq!(
        empty.columns,
        vec![v4::Column {
            name: "one".into(),
            data_type: T::Int32
        }]
    );
    assert!(empty.rows.is_empty());

    let odd = query(
        &mut state,
        &conn,
        "SELECT point(1, 2) AS p, 'empty'::int4range AS e, current_database() AS db",
        vec![],
    )
    .await
    .unwrap();
    assert_eq!(odd.columns[0].data_type, T::Other("point".into()));
    let V::Unsupported(raw) = &odd.rows[0][0] else {
        panic!("point should be unsupported, got {:?}", odd.rows[0][0]);
    };
    assert_eq!(raw.len(), 16, "two float8 coordinates");
    let zero = Some((0, Exclusive));
    assert_eq!(odd.rows[0][1], V::RangeInt32((zero, zero)));
    assert!(matches!(&odd.rows[0][2], V::Str(name) if !name.is_empty()));
}

#[tokio::test(flavor = "multi_thread")]
async fn sql_errors_are_error_values_with_sqlstate() {
    let factor = PostgresFactor::new();
    let mut state = factor.instance_state("errors-test", allow_all());
    let conn = open(&mut state, &unique_url("errors")).await;
    let table = format!("pg_factor_errors_{}", suffix());

    let db_error = |result: Result<v4::RowSet, v4::Error>| match result {
        Err(v4::Error::QueryFailed(v4::QueryError::DbError(e))) => e,
        other => panic!("expected a structured db error, got {other:?}"),
    };
    let missing =
        db_error(query(&mut state, &conn, &format!("SELECT * FROM {table}"), vec![]).await);
    assert_eq!(missing.code, "42P01");
    assert_eq!(missing.severity, "ERROR");
    assert!(missing.message.contains(&table), "{}", missing.message);
    assert!(missing.as_text.contains(&missing.message));

    let syntax = db_error(query(&mut state, &conn, "SELEC 1", vec![]).await);
    assert_eq!(syntax.code, "42601");

    execute(
        &mut state,
        &conn,
        &format!("CREATE TABLE {table} (id int PRIMARY KEY)"),
        vec![],
    )
    .await
    .unwrap();
    let insert = format!("INSERT INTO {table} VALUES ($1)");
    let first = execute(&mut state, &conn, &insert, vec![P::Int32(1)]).await;
    let duplicate = execute(&mut state, &conn, &insert, vec![P::Int32(1)]).await;
    let wrong_type = execute(&mut state, &conn, &insert, vec![P::Str("one".into())]).await;
    let wrong_count = execute(&mut state, &conn, &insert, vec![]).await;
    let bad_uuid = execute(&mut state, &conn, &insert, vec![P::Uuid("nope".into())]).await;
    execute(&mut state, &conn, &format!("DROP TABLE {table}"), vec![])
        .await
        .unwrap();

    assert_eq!(first, Ok(1));
    match duplicate {
        Err(v4::Error::QueryFailed(v4::QueryError::DbError(e))) => {
            assert_eq!(e.code, "23505");
            assert!(e.detail.is_some_and(|d| d.contains("(id)=(1)")));
            assert!(e
                .extras
                .iter()
                .any(|(k, v)| k == "constraint" && v.ends_with("_pkey")));
        }
        other => panic!("expected unique violation, got {other:?}"),
    }
    // Client-side failures have no SQLSTATE, but are still errors, not traps.
    assert!(matches!(
        wrong_type,
        Err(v4::Error::QueryFailed(v4::QueryError::Text(_)))
    ));
    assert!(matches!(wrong_count, Err(v4::Error::QueryFailed(_))));
    assert!(matches!(bad_uuid, Err(v4::Error::BadParameter(m)) if m.contains("$1")));

    // The connection is still usable after all of that.
    let ok = query(&mut state, &conn, "SELECT 1::int", vec![])
        .await
        .unwrap();
    assert_eq!(ok.rows, vec![vec![V::Int32(1)]]);
}

async fn backend_pid(state: &mut PostgresInstanceState, conn: &Resource<Connection>) -> V {
    let rows = query(state, conn, "SELECT pg_backend_pid()", vec![])
        .await
        .unwrap();
    rows.rows[0][0].clone()
}

#[tokio::test(flavor = "multi_thread")]
async fn requests_reuse_pooled_connections_without_leaking_transactions() {
    let factor = PostgresFactor::new();
    let url = unique_url("pool");
    let table = format!("pg_factor_pool_{}", suffix());

    // Request 1 leaves a transaction open when it finishes.
    let mut first = factor.instance_state("pool-test", allow_all());
    let conn = open(&mut first, &url).await;
    let pid = backend_pid(&mut first, &conn).await;
    execute(
        &mut first,
        &conn,
        &format!("CREATE TABLE {table} (id int)"),
        vec![],
    )
    .await
    .unwrap();
    execute(&mut first, &conn, "BEGIN", vec![]).await.unwrap();
    execute(
        &mut first,
        &conn,
        &format!("INSERT INTO {table} VALUES (1)"),
        vec![],
    )
    .await
    .unwrap();
    execute(
        &mut first,
        &conn,
        "SET application_name = 'changed'",
        vec![],
    )
    .await
    .unwrap();
    HostConnection::drop(&mut first, conn).await.unwrap();
    drop(first);
    assert_eq!(
        factor.pool_status(&url),
        Some(crate::PoolStatus { open: 1, idle: 1 })
    );

    // Request 2 gets the same server connection, in a clean state.
    let mut second = factor.instance_state("pool-test", allow_all());
    let conn = open(&mut second, &url).await;
    let reused_pid = backend_pid(&mut second, &conn).await;
    let count = query(
        &mut second,
        &conn,
        &format!("SELECT count(*)::int FROM {table}"),
        vec![],
    )
    .await;
    let app_name = query(&mut second, &conn, "SHOW application_name", vec![]).await;
    execute(&mut second, &conn, &format!("DROP TABLE {table}"), vec![])
        .await
        .unwrap();

    assert_eq!(reused_pid, pid, "the pooled connection should be reused");
    assert_eq!(
        count.unwrap().rows,
        vec![vec![V::Int32(0)]],
        "open transaction rolled back"
    );
    assert_ne!(app_name.unwrap().rows, vec![vec![V::Str("changed".into())]]);

    // Two connections held at once are two server sessions.
    let other = open(&mut second, &url).await;
    assert_ne!(backend_pid(&mut second, &other).await, pid);
    assert_eq!(factor.pool_status(&url).map(|s| s.open), Some(2));
}

#[tokio::test(flavor = "multi_thread")]
async fn denied_addresses_never_connect() {
    let factor = PostgresFactor::new();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let recorder = seen.clone();
    let check: AddressCheck = Arc::new(move |url| {
        recorder.lock().unwrap().push(url.to_string());
        false
    });
    let mut state = factor.instance_state("denied-test", check);
    let address = "postgres://user:secret@127.0.0.1/postgres";
    let result = HostConnection::open(&mut state, address.into())
        .await
        .expect("no trap");
    match result {
        Err(v4::Error::ConnectionFailed(message)) => {
            assert!(message.contains("postgres://127.0.0.1:5432"), "{message}");
            assert!(message.contains("not permitted"), "{message}");
            assert!(!message.contains("secret"), "{message}");
        }
        other => panic!("expected a denied connection, got {other:?}"),
    }
    assert_eq!(*seen.lock().unwrap(), ["postgres://127.0.0.1:5432"]);
    assert_eq!(
        factor.pool_status(address),
        None,
        "no pool for a denied address"
    );

    let log =
        crate::host::denied_log_line("denied-test", &url::Url::parse("postgres://h:1").unwrap());
    let log: serde_json::Value = serde_json::from_str(&log).unwrap();
    assert_eq!(
        log,
        serde_json::json!({
            "level": "warn", "event": "outbound_denied",
            "component": "denied-test", "address": "postgres://h:1",
        })
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn connection_failures_and_bad_addresses_are_error_values() {
    let factor = PostgresFactor::new();
    let mut state = factor.instance_state("failures-test", allow_all());
    for address in [
        "postgres://postgres@127.0.0.1:1/postgres",
        "host=/tmp user=x",
        "::::",
    ] {
        let result = HostConnection::open(&mut state, address.into())
            .await
            .expect("no trap");
        assert!(
            matches!(result, Err(v4::Error::ConnectionFailed(_))),
            "{address}: {result:?}"
        );
    }
    // The reason reaches the guest, not just "error connecting".
    let refused = HostConnection::open(&mut state, "postgres://postgres@127.0.0.1:1/x".into())
        .await
        .expect("no trap");
    assert!(
        matches!(&refused, Err(v4::Error::ConnectionFailed(m)) if m.to_lowercase().contains("refused")),
        "{refused:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn version_3_interface_shares_the_implementation() {
    use v3::HostConnection as V3Connection;
    let factor = PostgresFactor::new();
    let mut state = factor.instance_state("v3-test", allow_all());
    let conn = V3Connection::open(&mut state, unique_url("v3"))
        .await
        .unwrap()
        .unwrap();
    let rows = V3Connection::query(
        &mut state,
        Resource::new_borrow(conn.rep()),
        "SELECT $1::int2 AS n, gen_random_uuid() AS u".into(),
        vec![v3::ParameterValue::Int16(7)],
    )
    .await
    .unwrap()
    .unwrap();
    assert!(matches!(rows.columns[0].data_type, v3::DbDataType::Int16));
    assert!(matches!(rows.columns[1].data_type, v3::DbDataType::Other));
    assert!(matches!(
        rows.rows[0][..],
        [v3::DbValue::Int16(7), v3::DbValue::Unsupported]
    ));

    let failed = V3Connection::execute(
        &mut state,
        Resource::new_borrow(conn.rep()),
        "NOPE".into(),
        vec![],
    )
    .await
    .unwrap();
    assert!(matches!(failed, Err(v3::Error::QueryFailed(m)) if m.contains("syntax error")));
    V3Connection::drop(&mut state, conn).await.unwrap();
}

#[test]
fn both_interface_versions_link() {
    let engine = wasmtime::Engine::default();
    let mut linker = wasmtime::component::Linker::<PostgresInstanceState>::new(&engine);
    crate::add_to_linker(&mut linker, |state| state).unwrap();
}
