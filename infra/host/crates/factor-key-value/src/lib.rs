//! `fermyon:spin/key-value@2.0.0` and `wasi:keyvalue@0.2.0-draft2` (store, atomics, batch)
//! for the local host, on SQLite-file and Redis backends.
//!
//! Both interfaces see the same stores: a value set through one reads back through the other.

mod backend;
mod config;
mod host;
mod redis_backend;
mod sqlite;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use wasmtime::component::{HasSelf, Linker};

pub use backend::KeyValueBackend;
pub use config::{ResolvedBackend, ResolvedStore, StoreConfig, DEFAULT_SQLITE_FILE};
pub use host::KeyValueInstanceState;
pub use redis_backend::RedisBackend;
pub use sqlite::SqliteBackend;

mod bindings {
    include!(concat!(env!("OUT_DIR"), "/bindings.rs"));
}

/// The app's key-value stores, built once at host start and shared by every request.
pub struct KeyValueFactor {
    stores: Arc<HashMap<String, Arc<dyn KeyValueBackend>>>,
}

impl KeyValueFactor {
    /// Builds the stores from the runtime config's `key_value_store` section (Spin's format).
    /// SQLite files are opened (and created) now so a bad path fails at startup; Redis
    /// connects on first use.
    pub fn from_runtime_config(
        section: Option<&toml::Value>,
        state_dir: &Path,
    ) -> anyhow::Result<Self> {
        let mut stores: HashMap<String, Arc<dyn KeyValueBackend>> = HashMap::new();
        for ResolvedStore { label, backend } in config::parse(section, state_dir)? {
            let store: Arc<dyn KeyValueBackend> = match backend {
                ResolvedBackend::Sqlite { path } => Arc::new(
                    SqliteBackend::open(&path, &label)
                        .with_context(|| format!("key-value store {label:?}"))?,
                ),
                ResolvedBackend::Redis { url } => Arc::new(RedisBackend::new(&url, &label)?),
            };
            stores.insert(label, store);
        }
        Ok(Self::from_backends(stores))
    }

    /// Builds the factor over ready-made backends (tests, or an embedder with its own stores).
    pub fn from_backends(stores: HashMap<String, Arc<dyn KeyValueBackend>>) -> Self {
        Self {
            stores: Arc::new(stores),
        }
    }

    /// Labels the app knows, sorted. The host checks each component's `key_value_stores`
    /// against these at startup, as Spin does.
    pub fn store_labels(&self) -> Vec<String> {
        let mut labels: Vec<String> = self.stores.keys().cloned().collect();
        labels.sort();
        labels
    }

    /// The backend behind `label`, for host-side use (e.g. health checks).
    pub fn store(&self, label: &str) -> Option<Arc<dyn KeyValueBackend>> {
        self.stores.get(label).cloned()
    }

    /// Per-request state; `allowed_stores` is the component's `key_value_stores`.
    pub fn instance_state(&self, allowed_stores: &[String]) -> KeyValueInstanceState {
        KeyValueInstanceState::new(self.stores.clone(), allowed_stores)
    }
}

/// Adds `fermyon:spin/key-value@2.0.0` and `wasi:keyvalue/{store,atomics,batch}@0.2.0-draft2`.
pub fn add_to_linker<T: Send + 'static>(
    linker: &mut Linker<T>,
    get: fn(&mut T) -> &mut KeyValueInstanceState,
) -> anyhow::Result<()> {
    type State = HasSelf<KeyValueInstanceState>;
    use bindings::fermyon::spin2_0_0::key_value;
    use bindings::wasi::keyvalue::{atomics, batch, store};
    key_value::add_to_linker::<T, State>(linker, get).map_err(into_anyhow)?;
    store::add_to_linker::<T, State>(linker, get).map_err(into_anyhow)?;
    atomics::add_to_linker::<T, State>(linker, get).map_err(into_anyhow)?;
    batch::add_to_linker::<T, State>(linker, get).map_err(into_anyhow)?;
    Ok(())
}

/// wasmtime 48 has its own error type; it converts to anyhow only through a boxed error
/// unless wasmtime's `anyhow` feature is on, which this workspace leaves off.
fn into_anyhow(err: wasmtime::Error) -> anyhow::Error {
    anyhow::Error::from_boxed(err.into_boxed_dyn_error())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn runtime_config_builds_default_and_configured_stores() {
        let state_dir = std::env::temp_dir().join(format!(
            "kv-factor-{}-{:?}",
            std::process::id(),
            std::time::SystemTime::now()
        ));
        let table: toml::Table = toml::from_str(
            r#"
            [key_value_store.cache]
            type = "redis"
            url = "redis://127.0.0.1:6379"
            [key_value_store.files]
            type = "spin"
            path = "nested/files.db"
            "#,
        )
        .unwrap();
        let factor =
            KeyValueFactor::from_runtime_config(table.get("key_value_store"), &state_dir).unwrap();
        assert_eq!(factor.store_labels(), vec!["cache", "default", "files"]);
        assert!(state_dir.join(DEFAULT_SQLITE_FILE).exists());
        assert!(state_dir.join("nested/files.db").exists());

        let default = factor.store("default").unwrap();
        default.set("k", b"v").await.unwrap();
        assert_eq!(default.get("k").await.unwrap(), Some(b"v".to_vec()));
    }

    #[test]
    fn bad_redis_url_fails_at_startup() {
        let table: toml::Table =
            toml::from_str("[key_value_store.r]\ntype = \"redis\"\nurl = \"not a url\"\n").unwrap();
        let err =
            KeyValueFactor::from_runtime_config(table.get("key_value_store"), Path::new("/tmp"))
                .err()
                .expect("invalid url is rejected");
        assert!(format!("{err:#}").contains("\"r\""), "{err:#}");
    }
}
