//! Guest-facing implementation of `fermyon:spin/key-value` and `wasi:keyvalue`.
//!
//! Backend failures become the interfaces' `other(message)` error; only misuse of the
//! resource table by the runtime itself (which wasmtime already guards) turns into a trap.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use wasmtime::component::{Resource, ResourceTable};

use crate::backend::KeyValueBackend;
use crate::bindings::fermyon::spin2_0_0::key_value as spin_kv;
use crate::bindings::wasi::keyvalue::{atomics, batch, store as wasi_kv};

/// Most stores, buckets and CAS handles one request may hold open at once; past it `open`
/// reports `store-table-full` (Spin's limit is of the same order).
pub const MAX_OPEN_HANDLES: usize = 256;

/// An opened store: the table entry behind both Spin's `store` and WASI's `bucket`.
pub struct OpenStore {
    backend: Arc<dyn KeyValueBackend>,
}

/// A WASI compare-and-swap handle: the value seen when it was created, to swap against.
pub struct CasHandle {
    backend: Arc<dyn KeyValueBackend>,
    key: String,
    observed: Option<Vec<u8>>,
}

/// Per-request key-value state: which stores this component may open, and its handles.
pub struct KeyValueInstanceState {
    stores: Arc<HashMap<String, Arc<dyn KeyValueBackend>>>,
    allowed: HashSet<String>,
    table: ResourceTable,
}

/// Why `open` refused, before it is spelled in either interface's error type.
enum OpenError {
    AccessDenied,
    NoSuchStore,
    TableFull,
}

impl KeyValueInstanceState {
    pub(crate) fn new(
        stores: Arc<HashMap<String, Arc<dyn KeyValueBackend>>>,
        allowed_stores: &[String],
    ) -> Self {
        let mut table = ResourceTable::new();
        table.set_max_capacity(MAX_OPEN_HANDLES);
        Self {
            stores,
            allowed: allowed_stores.iter().cloned().collect(),
            table,
        }
    }

    /// Same order of checks as Spin: permission first, so a component can't probe which
    /// labels exist outside its own list.
    fn open_store(&mut self, label: &str) -> Result<Resource<OpenStore>, OpenError> {
        if !self.allowed.contains(label) {
            return Err(OpenError::AccessDenied);
        }
        let backend = self
            .stores
            .get(label)
            .ok_or(OpenError::NoSuchStore)?
            .clone();
        // Pushing only fails when the table is at its capacity.
        self.table
            .push(OpenStore { backend })
            .map_err(|_| OpenError::TableFull)
    }

    fn backend(&self, store: &Resource<OpenStore>) -> wasmtime::Result<Arc<dyn KeyValueBackend>> {
        Ok(self.table.get(store)?.backend.clone())
    }
}

fn spin_other(err: anyhow::Error) -> spin_kv::Error {
    spin_kv::Error::Other(format!("{err:#}"))
}

fn wasi_other(err: anyhow::Error) -> wasi_kv::Error {
    wasi_kv::Error::Other(format!("{err:#}"))
}

impl spin_kv::Host for KeyValueInstanceState {}

impl spin_kv::HostStore for KeyValueInstanceState {
    async fn open(
        &mut self,
        label: String,
    ) -> wasmtime::Result<Result<Resource<OpenStore>, spin_kv::Error>> {
        Ok(self.open_store(&label).map_err(|err| match err {
            OpenError::AccessDenied => spin_kv::Error::AccessDenied,
            OpenError::NoSuchStore => spin_kv::Error::NoSuchStore,
            OpenError::TableFull => spin_kv::Error::StoreTableFull,
        }))
    }

    async fn get(
        &mut self,
        store: Resource<OpenStore>,
        key: String,
    ) -> wasmtime::Result<Result<Option<Vec<u8>>, spin_kv::Error>> {
        let backend = self.backend(&store)?;
        Ok(backend.get(&key).await.map_err(spin_other))
    }

    async fn set(
        &mut self,
        store: Resource<OpenStore>,
        key: String,
        value: Vec<u8>,
    ) -> wasmtime::Result<Result<(), spin_kv::Error>> {
        let backend = self.backend(&store)?;
        Ok(backend.set(&key, &value).await.map_err(spin_other))
    }

    async fn delete(
        &mut self,
        store: Resource<OpenStore>,
        key: String,
    ) -> wasmtime::Result<Result<(), spin_kv::Error>> {
        let backend = self.backend(&store)?;
        Ok(backend.delete(&key).await.map_err(spin_other))
    }

    async fn exists(
        &mut self,
        store: Resource<OpenStore>,
        key: String,
    ) -> wasmtime::Result<Result<bool, spin_kv::Error>> {
        let backend = self.backend(&store)?;
        Ok(backend.exists(&key).await.map_err(spin_other))
    }

    async fn get_keys(
        &mut self,
        store: Resource<OpenStore>,
    ) -> wasmtime::Result<Result<Vec<String>, spin_kv::Error>> {
        let backend = self.backend(&store)?;
        Ok(backend.get_keys().await.map_err(spin_other))
    }

    async fn drop(&mut self, store: Resource<OpenStore>) -> wasmtime::Result<()> {
        self.table.delete(store)?;
        Ok(())
    }
}

impl wasi_kv::Host for KeyValueInstanceState {
    async fn open(
        &mut self,
        identifier: String,
    ) -> wasmtime::Result<Result<Resource<OpenStore>, wasi_kv::Error>> {
        Ok(self.open_store(&identifier).map_err(|err| match err {
            OpenError::AccessDenied => wasi_kv::Error::AccessDenied,
            OpenError::NoSuchStore => wasi_kv::Error::NoSuchStore,
            // wasi:keyvalue has no table-full case.
            OpenError::TableFull => wasi_kv::Error::Other("too many open buckets".into()),
        }))
    }
}

impl wasi_kv::HostBucket for KeyValueInstanceState {
    async fn get(
        &mut self,
        bucket: Resource<OpenStore>,
        key: String,
    ) -> wasmtime::Result<Result<Option<Vec<u8>>, wasi_kv::Error>> {
        let backend = self.backend(&bucket)?;
        Ok(backend.get(&key).await.map_err(wasi_other))
    }

    async fn set(
        &mut self,
        bucket: Resource<OpenStore>,
        key: String,
        value: Vec<u8>,
    ) -> wasmtime::Result<Result<(), wasi_kv::Error>> {
        let backend = self.backend(&bucket)?;
        Ok(backend.set(&key, &value).await.map_err(wasi_other))
    }

    async fn delete(
        &mut self,
        bucket: Resource<OpenStore>,
        key: String,
    ) -> wasmtime::Result<Result<(), wasi_kv::Error>> {
        let backend = self.backend(&bucket)?;
        Ok(backend.delete(&key).await.map_err(wasi_other))
    }

    async fn exists(
        &mut self,
        bucket: Resource<OpenStore>,
        key: String,
    ) -> wasmtime::Result<Result<bool, wasi_kv::Error>> {
        let backend = self.backend(&bucket)?;
        Ok(backend.exists(&key).await.map_err(wasi_other))
    }

    /// Every key comes back in one page, so the cursor is always `none` (as in Spin).
    async fn list_keys(
        &mut self,
        bucket: Resource<OpenStore>,
        _cursor: Option<String>,
    ) -> wasmtime::Result<Result<wasi_kv::KeyResponse, wasi_kv::Error>> {
        let backend = self.backend(&bucket)?;
        Ok(backend
            .get_keys()
            .await
            .map(|keys| wasi_kv::KeyResponse { keys, cursor: None })
            .map_err(wasi_other))
    }

    async fn drop(&mut self, bucket: Resource<OpenStore>) -> wasmtime::Result<()> {
        self.table.delete(bucket)?;
        Ok(())
    }
}

impl KeyValueInstanceState {
    /// Creates a CAS handle holding the key's current value.
    async fn new_cas(
        &mut self,
        backend: Arc<dyn KeyValueBackend>,
        key: String,
    ) -> wasmtime::Result<Result<Resource<CasHandle>, wasi_kv::Error>> {
        let observed = match backend.get(&key).await {
            Ok(value) => value,
            Err(err) => return Ok(Err(wasi_other(err))),
        };
        let handle = CasHandle {
            backend,
            key,
            observed,
        };
        Ok(self
            .table
            .push(handle)
            .map_err(|_| wasi_kv::Error::Other("too many open handles".into())))
    }
}

impl atomics::HostCas for KeyValueInstanceState {
    async fn new(
        &mut self,
        bucket: Resource<OpenStore>,
        key: String,
    ) -> wasmtime::Result<Result<Resource<CasHandle>, wasi_kv::Error>> {
        let backend = self.backend(&bucket)?;
        self.new_cas(backend, key).await
    }

    async fn current(
        &mut self,
        cas: Resource<CasHandle>,
    ) -> wasmtime::Result<Result<Option<Vec<u8>>, wasi_kv::Error>> {
        Ok(Ok(self.table.get(&cas)?.observed.clone()))
    }

    async fn drop(&mut self, cas: Resource<CasHandle>) -> wasmtime::Result<()> {
        self.table.delete(cas)?;
        Ok(())
    }
}

impl atomics::Host for KeyValueInstanceState {
    async fn increment(
        &mut self,
        bucket: Resource<OpenStore>,
        key: String,
        delta: i64,
    ) -> wasmtime::Result<Result<i64, wasi_kv::Error>> {
        let backend = self.backend(&bucket)?;
        Ok(backend.increment(&key, delta).await.map_err(wasi_other))
    }

    async fn swap(
        &mut self,
        cas: Resource<CasHandle>,
        value: Vec<u8>,
    ) -> wasmtime::Result<Result<(), atomics::CasError>> {
        let CasHandle {
            backend,
            key,
            observed,
        } = self.table.delete(cas)?;
        match backend
            .compare_and_swap(&key, observed.as_deref(), &value)
            .await
        {
            Ok(true) => Ok(Ok(())),
            // The spec asks for a fresh handle on failure so the guest can retry at once.
            Ok(false) => Ok(match self.new_cas(backend, key).await? {
                Ok(fresh) => Err(atomics::CasError::CasFailed(fresh)),
                Err(err) => Err(atomics::CasError::StoreError(err)),
            }),
            Err(err) => Ok(Err(atomics::CasError::StoreError(wasi_other(err)))),
        }
    }
}

impl batch::Host for KeyValueInstanceState {
    async fn get_many(
        &mut self,
        bucket: Resource<OpenStore>,
        keys: Vec<String>,
    ) -> wasmtime::Result<Result<Vec<(String, Option<Vec<u8>>)>, wasi_kv::Error>> {
        let backend = self.backend(&bucket)?;
        Ok(backend.get_many(&keys).await.map_err(wasi_other))
    }

    async fn set_many(
        &mut self,
        bucket: Resource<OpenStore>,
        key_values: Vec<(String, Vec<u8>)>,
    ) -> wasmtime::Result<Result<(), wasi_kv::Error>> {
        let backend = self.backend(&bucket)?;
        Ok(backend.set_many(&key_values).await.map_err(wasi_other))
    }

    async fn delete_many(
        &mut self,
        bucket: Resource<OpenStore>,
        keys: Vec<String>,
    ) -> wasmtime::Result<Result<(), wasi_kv::Error>> {
        let backend = self.backend(&bucket)?;
        Ok(backend.delete_many(&keys).await.map_err(wasi_other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{KeyValueFactor, RedisBackend, SqliteBackend};
    use atomics::{Host as _, HostCas as _};
    use batch::Host as _;

    fn temp_dir(name: &str) -> std::path::PathBuf {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        std::env::temp_dir().join(format!("kv-host-{name}-{}-{nanos}", std::process::id()))
    }

    /// A factor with `default` and `other` (SQLite) plus `down` (a Redis that refuses).
    fn factor(name: &str) -> KeyValueFactor {
        let dir = temp_dir(name);
        let db = dir.join("kv.db");
        let mut stores: HashMap<String, Arc<dyn KeyValueBackend>> = HashMap::new();
        stores.insert(
            "default".into(),
            Arc::new(SqliteBackend::open(&db, "default").unwrap()),
        );
        stores.insert(
            "other".into(),
            Arc::new(SqliteBackend::open(&db, "other").unwrap()),
        );
        stores.insert(
            "down".into(),
            Arc::new(RedisBackend::new("redis://127.0.0.1:1", "down").unwrap()),
        );
        KeyValueFactor::from_backends(stores)
    }

    fn labels(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[tokio::test]
    async fn open_checks_permission_then_existence() {
        let factor = factor("open");
        let mut state = factor.instance_state(&labels(&["default", "ghost"]));
        let ok = spin_kv::HostStore::open(&mut state, "default".into())
            .await
            .unwrap();
        assert!(ok.is_ok());
        let denied = spin_kv::HostStore::open(&mut state, "other".into())
            .await
            .unwrap();
        assert!(matches!(denied, Err(spin_kv::Error::AccessDenied)));
        let unknown = spin_kv::HostStore::open(&mut state, "ghost".into())
            .await
            .unwrap();
        assert!(matches!(unknown, Err(spin_kv::Error::NoSuchStore)));
        // Not in the component's list and unknown to the app: permission wins, as in Spin.
        let neither = wasi_kv::Host::open(&mut state, "nowhere".into())
            .await
            .unwrap();
        assert!(matches!(neither, Err(wasi_kv::Error::AccessDenied)));
        let unknown = wasi_kv::Host::open(&mut state, "ghost".into())
            .await
            .unwrap();
        assert!(matches!(unknown, Err(wasi_kv::Error::NoSuchStore)));
    }

    #[tokio::test]
    async fn spin_and_wasi_interfaces_share_stores() {
        let factor = factor("shared");
        let mut state = factor.instance_state(&labels(&["default"]));
        let store = spin_kv::HostStore::open(&mut state, "default".into())
            .await
            .unwrap()
            .unwrap();
        let bucket = wasi_kv::Host::open(&mut state, "default".into())
            .await
            .unwrap()
            .unwrap();
        let set = spin_kv::HostStore::set(
            &mut state,
            Resource::new_borrow(store.rep()),
            "k".into(),
            b"v".to_vec(),
        )
        .await
        .unwrap();
        assert!(set.is_ok());
        let got =
            wasi_kv::HostBucket::get(&mut state, Resource::new_borrow(bucket.rep()), "k".into())
                .await
                .unwrap()
                .unwrap();
        assert_eq!(got, Some(b"v".to_vec()));
        let listed =
            wasi_kv::HostBucket::list_keys(&mut state, Resource::new_borrow(bucket.rep()), None)
                .await
                .unwrap()
                .unwrap();
        assert_eq!(listed.keys, vec!["k".to_string()]);
        assert_eq!(listed.cursor, None);

        let n = state
            .increment(Resource::new_borrow(bucket.rep()), "hits".into(), 3)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(n, 3);
        let many = state
            .get_many(
                Resource::new_borrow(bucket.rep()),
                labels(&["k", "hits", "none"]),
            )
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            many,
            vec![
                ("k".to_string(), Some(b"v".to_vec())),
                ("hits".to_string(), Some(b"3".to_vec())),
                ("none".to_string(), None),
            ]
        );
        spin_kv::HostStore::drop(&mut state, store).await.unwrap();
        wasi_kv::HostBucket::drop(&mut state, bucket).await.unwrap();
    }

    #[tokio::test]
    async fn cas_swaps_once_and_hands_back_a_fresh_handle_on_conflict() {
        let factor = factor("cas");
        let mut state = factor.instance_state(&labels(&["default"]));
        let bucket = wasi_kv::Host::open(&mut state, "default".into())
            .await
            .unwrap()
            .unwrap();
        let borrow = || Resource::<OpenStore>::new_borrow(bucket.rep());

        let first = state.new(borrow(), "doc".into()).await.unwrap().unwrap();
        let second = state.new(borrow(), "doc".into()).await.unwrap().unwrap();
        assert_eq!(
            state
                .current(Resource::new_borrow(first.rep()))
                .await
                .unwrap()
                .unwrap(),
            None
        );

        state
            .swap(first, b"v1".to_vec())
            .await
            .unwrap()
            .expect("first swap wins");
        // `second` saw the key missing; the write above makes it stale.
        let fresh = match state.swap(second, b"v2".to_vec()).await.unwrap() {
            Err(atomics::CasError::CasFailed(fresh)) => fresh,
            other => panic!("expected cas-failed, got {other:?}"),
        };
        let seen = state
            .current(Resource::new_borrow(fresh.rep()))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(seen, Some(b"v1".to_vec()));
        state
            .swap(fresh, b"v2".to_vec())
            .await
            .unwrap()
            .expect("retry succeeds");
        let value = wasi_kv::HostBucket::get(&mut state, borrow(), "doc".into())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(value, Some(b"v2".to_vec()));
    }

    #[tokio::test]
    async fn backend_failure_is_an_error_value() {
        let factor = factor("down");
        let mut state = factor.instance_state(&labels(&["down"]));
        let store = spin_kv::HostStore::open(&mut state, "down".into())
            .await
            .unwrap()
            .expect("open does not touch the backend");
        let got =
            spin_kv::HostStore::get(&mut state, Resource::new_borrow(store.rep()), "k".into())
                .await
                .expect("no trap");
        assert!(matches!(got, Err(spin_kv::Error::Other(msg)) if msg.contains("Redis")));
        let bucket = wasi_kv::Host::open(&mut state, "down".into())
            .await
            .unwrap()
            .unwrap();
        let inc = state
            .increment(Resource::new_borrow(bucket.rep()), "k".into(), 1)
            .await
            .expect("no trap");
        assert!(matches!(inc, Err(wasi_kv::Error::Other(_))));
    }

    #[tokio::test]
    async fn too_many_open_stores_is_store_table_full() {
        let factor = factor("full");
        let mut state = factor.instance_state(&labels(&["default"]));
        for _ in 0..MAX_OPEN_HANDLES {
            spin_kv::HostStore::open(&mut state, "default".into())
                .await
                .unwrap()
                .expect("below the limit");
        }
        let full = spin_kv::HostStore::open(&mut state, "default".into())
            .await
            .unwrap();
        assert!(matches!(full, Err(spin_kv::Error::StoreTableFull)));
    }

    #[tokio::test]
    async fn registers_all_interfaces_in_a_linker() {
        let engine = wasmtime::Engine::new(&wasmtime::Config::new()).unwrap();
        let mut linker = wasmtime::component::Linker::<KeyValueInstanceState>::new(&engine);
        crate::add_to_linker(&mut linker, |state| state).expect("all interfaces link");
    }
}
