//! App-wide connection pools, one per connection string, so that requests (each a
//! fresh wasmtime Store) reuse server connections instead of reconnecting.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use deadpool_postgres::{Manager, ManagerConfig, Object, Pool, RecyclingMethod, Runtime};
use tokio_postgres::config::SslMode;
use tokio_postgres::NoTls;

/// Connections per address; a guest waiting beyond this gets an error, not a hang.
const MAX_CONNECTIONS_PER_POOL: usize = 16;
/// Distinct addresses kept; the least recently used pool is dropped past this.
const MAX_POOLS: usize = 32;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const WAIT_TIMEOUT: Duration = Duration::from_secs(15);
const RECYCLE_TIMEOUT: Duration = Duration::from_secs(5);

/// Run on a pooled connection before it is handed out again, so one request never
/// sees another's session state. `ROLLBACK` ends a transaction a guest left open
/// (outside a transaction it is only a warning); the rest is deadpool's "clean" set.
const RESET_SQL: &str = "ROLLBACK; \
    CLOSE ALL; \
    SET SESSION AUTHORIZATION DEFAULT; \
    RESET ALL; \
    UNLISTEN *; \
    SELECT pg_advisory_unlock_all(); \
    DISCARD TEMP; \
    DISCARD SEQUENCES;";

#[derive(Default)]
pub struct Pools {
    by_address: Mutex<HashMap<String, CachedPool>>,
}

struct CachedPool {
    pool: Pool,
    last_used: Instant,
}

impl Pools {
    /// A connection to `address` from its pool, creating the pool on first use.
    /// `config` is `address` already parsed.
    pub async fn connect(
        &self,
        address: &str,
        config: tokio_postgres::Config,
    ) -> Result<Object, String> {
        let pool = self.pool_for(address, config)?;
        pool.get().await.map_err(|e| crate::error_text(&e))
    }

    /// Connections currently held by the pool for `address`: (open, idle).
    pub fn status(&self, address: &str) -> Option<(usize, usize)> {
        let pools = self.by_address.lock().ok()?;
        let status = pools.get(address)?.pool.status();
        Some((status.size, status.available))
    }

    fn pool_for(&self, address: &str, config: tokio_postgres::Config) -> Result<Pool, String> {
        // Only map operations run under the lock; nothing here awaits.
        let mut pools = self
            .by_address
            .lock()
            .map_err(|_| "connection pool registry is poisoned".to_string())?;
        let now = Instant::now();
        if let Some(cached) = pools.get_mut(address) {
            cached.last_used = now;
            return Ok(cached.pool.clone());
        }
        if pools.len() >= MAX_POOLS {
            let oldest = pools
                .iter()
                .min_by_key(|(_, cached)| cached.last_used)
                .map(|(key, _)| key.clone());
            if let Some(oldest) = oldest {
                // Connections already checked out keep working; they close when returned.
                pools.remove(&oldest);
            }
        }
        let pool = new_pool(config)?;
        pools.insert(
            address.to_string(),
            CachedPool {
                pool: pool.clone(),
                last_used: now,
            },
        );
        Ok(pool)
    }
}

fn new_pool(mut config: tokio_postgres::Config) -> Result<Pool, String> {
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    let manager_config = ManagerConfig {
        recycling_method: RecyclingMethod::Custom(RESET_SQL.to_string()),
    };
    // TLS only when the address demands it: `prefer` (the default) stays plaintext
    // because a verified handshake against a self-signed local server would fail
    // where libpq's unverified `prefer` succeeds.
    let manager = match config.get_ssl_mode() {
        SslMode::Require => Manager::from_config(config, tls_connector()?, manager_config),
        _ => Manager::from_config(config, NoTls, manager_config),
    };
    Pool::builder(manager)
        .max_size(MAX_CONNECTIONS_PER_POOL)
        .runtime(Runtime::Tokio1)
        .create_timeout(Some(CONNECT_TIMEOUT))
        .wait_timeout(Some(WAIT_TIMEOUT))
        .recycle_timeout(Some(RECYCLE_TIMEOUT))
        .build()
        .map_err(|e| format!("cannot build connection pool: {e}"))
}

/// rustls verifying the server against the Mozilla root set. The crypto provider is
/// given explicitly so nothing depends on a process-wide default being installed.
fn tls_connector() -> Result<tokio_postgres_rustls::MakeRustlsConnect, String> {
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| format!("TLS setup failed: {e}"))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tls_connector_builds_without_a_process_default_provider() {
        assert!(tls_connector().is_ok());
    }

    #[tokio::test]
    async fn pool_registry_is_bounded() {
        let pools = Pools::default();
        for i in 0..MAX_POOLS + 3 {
            // Pools connect lazily, so unreachable addresses are fine here.
            let address = format!("host=127.0.0.1 port={} user=u", 40000 + i);
            let config = crate::address::parse(&address).unwrap();
            pools.pool_for(&address, config).unwrap();
        }
        assert_eq!(pools.by_address.lock().unwrap().len(), MAX_POOLS);
        assert!(pools.status("host=127.0.0.1 port=40000 user=u").is_none());
    }
}
