//! The data of one wasmtime `Store`: everything one request's instance can reach.
//! Built fresh for every request, so nothing leaks between requests.

use std::sync::Arc;

use host_factor_key_value::KeyValueInstanceState;
use host_factor_llm::LlmInstanceState;
use host_factor_outbound_http::OutboundHttpHooks;
use host_factor_postgres::PostgresInstanceState;
use host_factor_redis::RedisInstanceState;
use host_factor_sqlite::SqliteInstanceState;
use host_factor_variables::VariablesInstanceState;
use wasmtime::component::ResourceTable;
use wasmtime::{ResourceLimiter, StoreLimits, StoreLimitsBuilder};
use wasmtime_wasi::{WasiCtx, WasiCtxView, WasiView};
use wasmtime_wasi_http::{WasiHttpCtx, WasiHttpCtxView, WasiHttpView};

use crate::app::{App, LoadedComponent};
use crate::component_output::ComponentOutput;

pub struct HostState {
    wasi: WasiCtx,
    table: ResourceTable,
    http: WasiHttpCtx,
    http_hooks: OutboundHttpHooks,
    pub limits: RequestLimiter,
    pub variables: VariablesInstanceState,
    pub key_value: KeyValueInstanceState,
    pub sqlite: SqliteInstanceState,
    pub postgres: PostgresInstanceState,
    pub redis: RedisInstanceState,
    pub llm: LlmInstanceState,
}

impl HostState {
    pub fn new(app: &App, component: &LoadedComponent, request_id: &Arc<str>) -> Self {
        let id = component.id.clone();
        let wasi = WasiCtx::builder()
            .envs(&component.environment)
            .stdout(ComponentOutput::new(
                id.clone(),
                request_id.clone(),
                "stdout",
            ))
            .stderr(ComponentOutput::new(
                id.clone(),
                request_id.clone(),
                "stderr",
            ))
            .build();
        let allowed = component.allowed_hosts.clone();
        let address_check: host_factor_outbound_networking::AddressCheck =
            Arc::new(move |url| allowed.allows(url));
        let factors = &app.factors;
        HostState {
            wasi,
            table: ResourceTable::new(),
            http: WasiHttpCtx::new(),
            http_hooks: OutboundHttpHooks::new(
                &*id,
                component.allowed_hosts.clone(),
                Some(app.self_origin.clone()),
                app.outbound_http.clone(),
            ),
            limits: RequestLimiter::new(app.limits.memory_bytes),
            variables: factors.variables.instance_state(&id),
            key_value: factors
                .key_value
                .instance_state(&component.key_value_stores),
            sqlite: factors.sqlite.instance_state(&component.sqlite_databases),
            postgres: factors.postgres.instance_state(&id, address_check.clone()),
            redis: factors.redis.instance_state(&id, address_check),
            llm: factors.llm.instance_state(&component.ai_models),
        }
    }
}

impl HostState {
    /// Whether the guest was refused memory it asked for (to report out-of-memory).
    pub fn limits_denied_memory(&self) -> bool {
        self.limits.memory_denied
    }
}

/// The per-request memory limit, remembering whether it refused a growth so a resulting
/// trap can be reported as out-of-memory rather than a generic failure.
pub struct RequestLimiter {
    inner: StoreLimits,
    memory_denied: bool,
}

impl RequestLimiter {
    fn new(memory_bytes: usize) -> Self {
        let inner = StoreLimitsBuilder::new()
            .memory_size(memory_bytes)
            .trap_on_grow_failure(false)
            .build();
        Self {
            inner,
            memory_denied: false,
        }
    }
}

impl ResourceLimiter for RequestLimiter {
    fn memory_growing(
        &mut self,
        current: usize,
        desired: usize,
        maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        let allowed = self.inner.memory_growing(current, desired, maximum)?;
        self.memory_denied |= !allowed;
        Ok(allowed)
    }

    fn table_growing(
        &mut self,
        current: usize,
        desired: usize,
        maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        self.inner.table_growing(current, desired, maximum)
    }
}

impl WasiView for HostState {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.wasi,
            table: &mut self.table,
        }
    }
}

impl WasiHttpView for HostState {
    fn http(&mut self) -> WasiHttpCtxView<'_> {
        WasiHttpCtxView {
            ctx: &mut self.http,
            table: &mut self.table,
            hooks: &mut self.http_hooks,
        }
    }
}
