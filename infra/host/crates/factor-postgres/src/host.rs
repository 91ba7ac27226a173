//! The `connection` resource of `spin:postgres/postgres@4.0.0` and `@3.0.0`.
//!
//! Guest mistakes (bad address, denied host, bad parameter, SQL error) come back as
//! the WIT's `error` variant; only host faults such as a stale resource handle trap.

// `v4::Error` is the WIT's error type, returned by value as the bindings require.
#![allow(clippy::result_large_err)]

use tokio_postgres::types::ToSql;
use wasmtime::component::Resource;

use crate::bindings::spin::postgres3_0_0::postgres as v3;
use crate::bindings::spin::postgres4_0_0::postgres as v4;
use crate::convert::{self, SqlParameter};
use crate::wire::RawValue;
use crate::{address, compat_v3, PostgresInstanceState};

/// An open connection, checked out of the app-wide pool for the life of the resource;
/// dropping it returns the connection to the pool.
pub struct Connection {
    client: deadpool_postgres::Object,
}

type HostResult<T> = wasmtime::Result<Result<T, v4::Error>>;

impl PostgresInstanceState {
    async fn open(&mut self, address: String) -> HostResult<Resource<Connection>> {
        let config = match self.permitted_config(&address) {
            Ok(config) => config,
            Err(e) => return Ok(Err(e)),
        };
        let client = match self.pools.connect(&address, config).await {
            Ok(client) => client,
            Err(e) => return Ok(Err(v4::Error::ConnectionFailed(e))),
        };
        Ok(Ok(self.table.push(Connection { client })?))
    }

    /// Parses `address` and checks every endpoint it would reach against the
    /// component's allowed outbound hosts.
    fn permitted_config(&self, address: &str) -> Result<tokio_postgres::Config, v4::Error> {
        let config = address::parse(address).map_err(v4::Error::ConnectionFailed)?;
        let endpoints = address::endpoints(&config).map_err(v4::Error::ConnectionFailed)?;
        for endpoint in endpoints {
            if !(self.is_allowed)(&endpoint) {
                log_denied(&self.component_id, &endpoint);
                return Err(v4::Error::ConnectionFailed(format!(
                    "address {endpoint} is not permitted by the component's allowed_outbound_hosts"
                )));
            }
        }
        Ok(config)
    }

    async fn query(
        &mut self,
        connection: &Resource<Connection>,
        statement: &str,
        params: &[v4::ParameterValue],
    ) -> HostResult<v4::RowSet> {
        let client = &self.table.get(connection)?.client;
        let params = match sql_parameters(params) {
            Ok(params) => params,
            Err(e) => return Ok(Err(e)),
        };
        // Preparing first gives the column list even when no row comes back.
        let prepared = match client.prepare(statement).await {
            Ok(prepared) => prepared,
            Err(e) => return Ok(Err(query_failed(e))),
        };
        let rows = match client.query(&prepared, &param_refs(&params)).await {
            Ok(rows) => rows,
            Err(e) => return Ok(Err(query_failed(e))),
        };
        let columns = prepared
            .columns()
            .iter()
            .map(|column| v4::Column {
                name: column.name().to_string(),
                data_type: convert::data_type(column.type_()),
            })
            .collect();
        Ok(rows
            .iter()
            .map(convert_row)
            .collect::<Result<_, _>>()
            .map(|rows| v4::RowSet { columns, rows }))
    }

    async fn execute(
        &mut self,
        connection: &Resource<Connection>,
        statement: &str,
        params: &[v4::ParameterValue],
    ) -> HostResult<u64> {
        let client = &self.table.get(connection)?.client;
        let params = match sql_parameters(params) {
            Ok(params) => params,
            Err(e) => return Ok(Err(e)),
        };
        Ok(client
            .execute(statement, &param_refs(&params))
            .await
            .map_err(query_failed))
    }

    fn close(&mut self, connection: Resource<Connection>) -> wasmtime::Result<()> {
        self.table.delete(connection)?;
        Ok(())
    }
}

fn sql_parameters(params: &[v4::ParameterValue]) -> Result<Vec<SqlParameter>, v4::Error> {
    params
        .iter()
        .enumerate()
        .map(|(i, param)| {
            convert::sql_parameter(param)
                .map_err(|e| v4::Error::BadParameter(format!("parameter ${}: {e}", i + 1)))
        })
        .collect()
}

fn param_refs(params: &[SqlParameter]) -> Vec<&(dyn ToSql + Sync)> {
    params
        .iter()
        .map(|p| p.as_ref() as &(dyn ToSql + Sync))
        .collect()
}

fn convert_row(row: &tokio_postgres::Row) -> Result<Vec<v4::DbValue>, v4::Error> {
    row.columns()
        .iter()
        .enumerate()
        .map(|(i, column)| {
            row.try_get::<_, Option<RawValue>>(i)
                .map_err(|e| e.to_string())
                .and_then(|raw| {
                    convert::db_value(column.type_(), raw.map(|r| r.0)).map_err(|e| e.to_string())
                })
                .map_err(|e| {
                    v4::Error::ValueConversionFailed(format!(
                        "column {:?} of type {}: {e}",
                        column.name(),
                        column.type_()
                    ))
                })
        })
        .collect()
}

/// A failed statement. Server-side errors keep their structure (SQLSTATE, detail...);
/// client-side ones (e.g. a parameter type the column does not accept) are text.
pub(crate) fn query_failed(error: tokio_postgres::Error) -> v4::Error {
    let as_text = crate::error_text(&error);
    let query_error = match error.as_db_error() {
        None => v4::QueryError::Text(as_text),
        Some(db) => {
            let optional = [
                ("hint", db.hint()),
                ("schema", db.schema()),
                ("table", db.table()),
                ("column", db.column()),
                ("datatype", db.datatype()),
                ("constraint", db.constraint()),
                ("where", db.where_()),
                ("routine", db.routine()),
            ];
            v4::QueryError::DbError(v4::DbError {
                as_text,
                severity: db.severity().to_string(),
                code: db.code().code().to_string(),
                message: db.message().to_string(),
                detail: db.detail().map(str::to_string),
                extras: optional
                    .into_iter()
                    .filter_map(|(key, value)| Some((key.to_string(), value?.to_string())))
                    .collect(),
            })
        }
    };
    v4::Error::QueryFailed(query_error)
}

fn log_denied(component_id: &str, endpoint: &url::Url) {
    eprintln!("{}", denied_log_line(component_id, endpoint));
}

/// The JSON log line for a denied connection. The endpoint URL is rebuilt from host
/// and port only, so no user name or password can reach the log.
pub(crate) fn denied_log_line(component_id: &str, endpoint: &url::Url) -> String {
    serde_json::json!({
        "level": "warn",
        "event": "outbound_denied",
        "component": component_id,
        "address": endpoint.as_str(),
    })
    .to_string()
}

impl v4::Host for PostgresInstanceState {}

impl v4::HostConnection for PostgresInstanceState {
    async fn open(&mut self, address: String) -> HostResult<Resource<v4::Connection>> {
        PostgresInstanceState::open(self, address).await
    }

    async fn query(
        &mut self,
        connection: Resource<v4::Connection>,
        statement: String,
        params: Vec<v4::ParameterValue>,
    ) -> HostResult<v4::RowSet> {
        PostgresInstanceState::query(self, &connection, &statement, &params).await
    }

    async fn execute(
        &mut self,
        connection: Resource<v4::Connection>,
        statement: String,
        params: Vec<v4::ParameterValue>,
    ) -> HostResult<u64> {
        PostgresInstanceState::execute(self, &connection, &statement, &params).await
    }

    async fn drop(&mut self, connection: Resource<v4::Connection>) -> wasmtime::Result<()> {
        self.close(connection)
    }
}

impl v3::Host for PostgresInstanceState {}

impl v3::HostConnection for PostgresInstanceState {
    async fn open(
        &mut self,
        address: String,
    ) -> wasmtime::Result<Result<Resource<v3::Connection>, v3::Error>> {
        Ok(PostgresInstanceState::open(self, address)
            .await?
            .map_err(compat_v3::error))
    }

    async fn query(
        &mut self,
        connection: Resource<v3::Connection>,
        statement: String,
        params: Vec<v3::ParameterValue>,
    ) -> wasmtime::Result<Result<v3::RowSet, v3::Error>> {
        let params: Vec<_> = params.into_iter().map(compat_v3::parameter).collect();
        Ok(
            PostgresInstanceState::query(self, &connection, &statement, &params)
                .await?
                .map(compat_v3::row_set)
                .map_err(compat_v3::error),
        )
    }

    async fn execute(
        &mut self,
        connection: Resource<v3::Connection>,
        statement: String,
        params: Vec<v3::ParameterValue>,
    ) -> wasmtime::Result<Result<u64, v3::Error>> {
        let params: Vec<_> = params.into_iter().map(compat_v3::parameter).collect();
        Ok(
            PostgresInstanceState::execute(self, &connection, &statement, &params)
                .await?
                .map_err(compat_v3::error),
        )
    }

    async fn drop(&mut self, connection: Resource<v3::Connection>) -> wasmtime::Result<()> {
        self.close(connection)
    }
}
