//! `spin:postgres/postgres@4.0.0` (and the older `@3.0.0`) for the local host, over
//! `tokio-postgres` connections pooled app-wide with `deadpool-postgres`.
//!
//! The host builds one [`PostgresFactor`] at start, asks it for a
//! [`PostgresInstanceState`] per request (Store), and registers the interfaces with
//! [`add_to_linker`].

mod address;
mod compat_v3;
mod convert;
mod host;
mod pool;
mod wire;

#[cfg(test)]
mod tests;

mod bindings {
    include!(concat!(env!("OUT_DIR"), "/bindings.rs"));
}

use std::sync::Arc;

use wasmtime::component::{HasSelf, Linker, ResourceTable};

pub use host::Connection;

pub use host_factor_outbound_networking::AddressCheck;

/// App-wide state: the connection pools shared by every request.
#[derive(Default)]
pub struct PostgresFactor {
    pools: Arc<pool::Pools>,
}

impl PostgresFactor {
    pub fn new() -> Self {
        Self::default()
    }

    /// State for one request of component `component_id`, whose outbound
    /// permissions `is_allowed` applies.
    pub fn instance_state(
        &self,
        component_id: &str,
        is_allowed: AddressCheck,
    ) -> PostgresInstanceState {
        PostgresInstanceState {
            pools: self.pools.clone(),
            component_id: component_id.to_string(),
            is_allowed,
            table: ResourceTable::new(),
        }
    }

    /// Open and idle connections pooled for exactly this connection string, if any
    /// request has used it. For diagnostics and tests.
    pub fn pool_status(&self, address: &str) -> Option<PoolStatus> {
        self.pools
            .status(address)
            .map(|(open, idle)| PoolStatus { open, idle })
    }
}

/// Connections one pool holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolStatus {
    pub open: usize,
    pub idle: usize,
}

/// Per-request state: the guest's open `connection` resources.
pub struct PostgresInstanceState {
    pools: Arc<pool::Pools>,
    component_id: String,
    is_allowed: AddressCheck,
    table: ResourceTable,
}

/// Adds `spin:postgres/postgres@4.0.0` and `@3.0.0` to `linker`.
pub fn add_to_linker<T: Send + 'static>(
    linker: &mut Linker<T>,
    get: fn(&mut T) -> &mut PostgresInstanceState,
) -> anyhow::Result<()> {
    use bindings::spin::{postgres3_0_0, postgres4_0_0};
    postgres4_0_0::postgres::add_to_linker::<T, HasSelf<PostgresInstanceState>>(linker, get)?;
    postgres3_0_0::postgres::add_to_linker::<T, HasSelf<PostgresInstanceState>>(linker, get)?;
    Ok(())
}

/// An error and its causes as one line. `tokio-postgres` and `deadpool` put the useful
/// part (the server's message, "connection refused") in the source chain, and some
/// layers repeat their cause's text, which is skipped.
pub(crate) fn error_text(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}
