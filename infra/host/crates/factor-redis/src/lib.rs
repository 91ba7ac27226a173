//! `fermyon:spin/redis@2.0.0`: guests' outbound Redis connections.
//!
//! Connections are pooled per address across all requests (one multiplexed
//! `ConnectionManager` each, created on first use), and every `open` is checked against the
//! component's `allowed_outbound_hosts` through a closure the host supplies.

mod address;
mod host;
mod results;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use tokio::sync::OnceCell;
use wasmtime::component::{HasSelf, Linker};

pub use host::{RedisInstanceState, MAX_CONNECTIONS_PER_REQUEST};
pub use results::{CommandError, RedisResult};

mod bindings {
    include!(concat!(env!("OUT_DIR"), "/bindings.rs"));
}

pub use host_factor_outbound_networking::AddressCheck;

/// App-wide outbound Redis: the connection pool shared by every request.
#[derive(Default)]
pub struct RedisFactor {
    pool: Arc<ConnectionPool>,
}

impl RedisFactor {
    pub fn new() -> Self {
        Self::default()
    }

    /// Per-request state for `component_id`, whose opens are vetted by `is_allowed`.
    pub fn instance_state(
        &self,
        component_id: &str,
        is_allowed: AddressCheck,
    ) -> RedisInstanceState {
        RedisInstanceState::new(self.pool.clone(), component_id, is_allowed)
    }
}

/// One connection manager per address string. The full address (credentials and database
/// included) is the key, so two addresses differing only in password never share a session.
#[derive(Default)]
pub(crate) struct ConnectionPool {
    managers: Mutex<HashMap<String, Arc<OnceCell<ConnectionManager>>>>,
}

impl ConnectionPool {
    /// The pooled manager for `address`, connecting if none is up yet. A failed connect
    /// leaves the slot empty so the next open tries again.
    pub(crate) async fn get(&self, address: &str) -> redis::RedisResult<ConnectionManager> {
        let cell = {
            let mut managers = self
                .managers
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            managers.entry(address.to_string()).or_default().clone()
        };
        let manager = cell
            .get_or_try_init(|| async {
                let client = redis::Client::open(address)?;
                ConnectionManager::new_with_config(client, connection_manager_config()).await
            })
            .await?;
        Ok(manager.clone())
    }
}

/// How every Redis connection of the host behaves: a request waits at most about one
/// connect timeout when the server is down (one quick retry for a blip). redis 0.27's
/// default backoff would sleep for minutes: it hands its factor to backon as the
/// exponential base over a 1 s minimum delay.
pub fn connection_manager_config() -> ConnectionManagerConfig {
    ConnectionManagerConfig::new()
        .set_connection_timeout(Duration::from_secs(5))
        .set_response_timeout(Duration::from_secs(10))
        .set_number_of_retries(1)
        .set_factor(2)
        .set_max_delay(200)
}

/// Adds `fermyon:spin/redis@2.0.0`.
pub fn add_to_linker<T: Send + 'static>(
    linker: &mut Linker<T>,
    get: fn(&mut T) -> &mut RedisInstanceState,
) -> anyhow::Result<()> {
    bindings::fermyon::spin2_0_0::redis::add_to_linker::<T, HasSelf<RedisInstanceState>>(
        linker, get,
    )
    // wasmtime 48's error converts to anyhow only through a boxed error while wasmtime's
    // `anyhow` feature is off (as in this workspace).
    .map_err(|err| anyhow::Error::from_boxed(err.into_boxed_dyn_error()))
}
