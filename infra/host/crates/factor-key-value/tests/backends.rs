//! The same behaviour checks run against the SQLite backend and a real Redis.
//!
//! Redis is read from TEST_REDIS_URL (default redis://127.0.0.1:6379); these tests fail,
//! rather than skip, when it is unreachable.
//!
//! The Redis backend stores keys exactly as the guest names them (as Spin does), and other
//! tests and processes share the database, so every check names its keys under a prefix
//! unique to the test and only looks at listed keys under that prefix.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use host_factor_key_value::{KeyValueBackend, RedisBackend, SqliteBackend};
use redis::AsyncCommands;

fn unique(name: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("kvtest-{name}-{}-{nanos}-{n}", std::process::id())
}

fn redis_url() -> String {
    std::env::var("TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into())
}

/// TEST_REDIS_URL pointed at logical database `db`.
fn redis_url_with_db(db: u32) -> String {
    let mut url = url::Url::parse(&redis_url()).expect("TEST_REDIS_URL is a valid url");
    if url.scheme().contains("unix") {
        let others: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| k != "db")
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let mut query = url.query_pairs_mut();
        query
            .clear()
            .extend_pairs(others)
            .append_pair("db", &db.to_string());
        drop(query);
    } else {
        url.set_path(&format!("/{db}"));
    }
    url.into()
}

/// A plain Redis connection, to look at the database without going through the backend.
async fn raw_redis(url: &str) -> redis::aio::MultiplexedConnection {
    redis::Client::open(url)
        .expect("valid Redis url")
        .get_multiplexed_async_connection()
        .await
        .unwrap_or_else(|e| panic!("Redis at {url} is unreachable: {e:#}"))
}

fn temp_db(name: &str) -> PathBuf {
    std::env::temp_dir().join(unique(name)).join("kv.db")
}

/// Key names under one test's unique prefix.
struct Keys {
    prefix: String,
}

impl Keys {
    fn new(name: &str) -> Self {
        Self {
            prefix: format!("{}:", unique(name)),
        }
    }

    /// The full key for `name`.
    fn k(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    /// The store's keys under this prefix (with the prefix removed), sorted.
    async fn listed(&self, store: &dyn KeyValueBackend) -> Vec<String> {
        let mut keys: Vec<String> = store
            .get_keys()
            .await
            .expect("list keys")
            .into_iter()
            .filter_map(|key| key.strip_prefix(&self.prefix).map(str::to_owned))
            .collect();
        keys.sort();
        keys
    }

    /// Deletes every key under this prefix so repeated runs don't grow the Redis database.
    async fn cleanup(&self, store: &dyn KeyValueBackend) {
        let keys: Vec<String> = self
            .listed(store)
            .await
            .iter()
            .map(|name| self.k(name))
            .collect();
        store.delete_many(&keys).await.expect("cleanup");
        assert_eq!(self.listed(store).await, Vec::<String>::new());
    }
}

fn sqlite(name: &str) -> Arc<dyn KeyValueBackend> {
    Arc::new(SqliteBackend::open(&temp_db(name), "default").expect("open sqlite store"))
}

/// A Redis store on TEST_REDIS_URL. Keys are unprefixed, so tests keep apart by key name.
async fn redis_store(url: &str, label: &str) -> Arc<dyn KeyValueBackend> {
    let store = RedisBackend::new(url, label).expect("valid Redis url");
    // Fail loudly here if Redis is down, instead of in the middle of a check.
    store
        .exists(&unique("probe"))
        .await
        .unwrap_or_else(|e| panic!("Redis at {url} is unreachable: {e:#}"));
    Arc::new(store)
}

async fn crud_and_missing_keys(store: &dyn KeyValueBackend, keys: &Keys) {
    let (missing, greeting, empty) = (keys.k("missing"), keys.k("greeting"), keys.k("empty"));
    assert_eq!(store.get(&missing).await.unwrap(), None);
    assert!(!store.exists(&missing).await.unwrap());
    store
        .delete(&missing)
        .await
        .expect("deleting a missing key is fine");

    store.set(&greeting, b"hello").await.unwrap();
    assert_eq!(
        store.get(&greeting).await.unwrap().as_deref(),
        Some(&b"hello"[..])
    );
    assert!(store.exists(&greeting).await.unwrap());

    store.set(&greeting, b"bye").await.unwrap();
    assert_eq!(
        store.get(&greeting).await.unwrap().as_deref(),
        Some(&b"bye"[..])
    );

    // An empty value is a value, not a missing key.
    store.set(&empty, b"").await.unwrap();
    assert_eq!(store.get(&empty).await.unwrap(), Some(Vec::new()));
    assert!(store.exists(&empty).await.unwrap());

    assert_eq!(keys.listed(store).await, vec!["empty", "greeting"]);

    store.delete(&greeting).await.unwrap();
    assert_eq!(store.get(&greeting).await.unwrap(), None);
    assert_eq!(keys.listed(store).await, vec!["empty"]);
}

async fn binary_values(store: &dyn KeyValueBackend, keys: &Keys) {
    let all_bytes: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
    store.set(&keys.k("bin"), &all_bytes).await.unwrap();
    assert_eq!(store.get(&keys.k("bin")).await.unwrap(), Some(all_bytes));
    // Keys with glob characters and non-ASCII text are plain keys.
    let odd = keys.k("a*[b]?é");
    store.set(&odd, b"\0\xff").await.unwrap();
    assert_eq!(store.get(&odd).await.unwrap(), Some(b"\0\xff".to_vec()));
    assert!(keys.listed(store).await.contains(&"a*[b]?é".to_string()));
}

async fn increments(store: &dyn KeyValueBackend, keys: &Keys) {
    let (n, text, big) = (keys.k("n"), keys.k("text"), keys.k("big"));
    assert_eq!(store.increment(&n, 5).await.unwrap(), 5);
    assert_eq!(store.increment(&n, -7).await.unwrap(), -2);
    // Counters are stored as decimal text, readable through plain get.
    assert_eq!(store.get(&n).await.unwrap(), Some(b"-2".to_vec()));
    store.set(&n, b"40").await.unwrap();
    assert_eq!(store.increment(&n, 2).await.unwrap(), 42);

    store.set(&text, b"not a number").await.unwrap();
    assert!(store.increment(&text, 1).await.is_err());
    assert_eq!(
        store.get(&text).await.unwrap(),
        Some(b"not a number".to_vec())
    );

    store
        .set(&big, i64::MAX.to_string().as_bytes())
        .await
        .unwrap();
    assert!(
        store.increment(&big, 1).await.is_err(),
        "overflow is an error"
    );
}

async fn concurrent_increments(store: Arc<dyn KeyValueBackend>, keys: Arc<Keys>) {
    let counter = keys.k("counter");
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let (store, counter) = (store.clone(), counter.clone());
            tokio::spawn(async move {
                for _ in 0..20 {
                    store.increment(&counter, 1).await.expect("increment");
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("task finished");
    }
    assert_eq!(store.increment(&counter, 0).await.unwrap(), 1000);
}

async fn compare_and_swap(store: &dyn KeyValueBackend, keys: &Keys) {
    let (cas, nokey) = (keys.k("cas"), keys.k("nokey"));
    // Expecting absence: succeeds once, then the key exists.
    assert!(store.compare_and_swap(&cas, None, b"v1").await.unwrap());
    assert!(!store.compare_and_swap(&cas, None, b"other").await.unwrap());
    assert!(!store
        .compare_and_swap(&cas, Some(b"stale"), b"x")
        .await
        .unwrap());
    assert_eq!(store.get(&cas).await.unwrap(), Some(b"v1".to_vec()));
    assert!(store
        .compare_and_swap(&cas, Some(b"v1"), b"v2")
        .await
        .unwrap());
    assert_eq!(store.get(&cas).await.unwrap(), Some(b"v2".to_vec()));
    // Expecting a value on a missing key fails.
    assert!(!store
        .compare_and_swap(&nokey, Some(b""), b"x")
        .await
        .unwrap());
    assert_eq!(store.get(&nokey).await.unwrap(), None);
}

async fn concurrent_cas_loses_no_update(store: Arc<dyn KeyValueBackend>, keys: Arc<Keys>) {
    // Read-modify-write through CAS retries: 10 tasks × 10 increments must total 100.
    let counter = keys.k("cas-counter");
    let tasks: Vec<_> = (0..10)
        .map(|_| {
            let (store, counter) = (store.clone(), counter.clone());
            tokio::spawn(async move {
                for _ in 0..10 {
                    loop {
                        let current = store.get(&counter).await.unwrap();
                        let n: i64 = current
                            .as_deref()
                            .map(|b| std::str::from_utf8(b).unwrap().parse().unwrap())
                            .unwrap_or(0);
                        let next = (n + 1).to_string();
                        if store
                            .compare_and_swap(&counter, current.as_deref(), next.as_bytes())
                            .await
                            .unwrap()
                        {
                            break;
                        }
                    }
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("task finished");
    }
    assert_eq!(store.get(&counter).await.unwrap(), Some(b"100".to_vec()));
}

async fn batches(store: &dyn KeyValueBackend, keys: &Keys) {
    let empty: Vec<String> = Vec::new();
    assert!(store.get_many(&empty).await.unwrap().is_empty());
    store.set_many(&[]).await.unwrap();
    store.delete_many(&empty).await.unwrap();

    let (b1, b2, absent) = (keys.k("b1"), keys.k("b2"), keys.k("absent"));
    store
        .set_many(&[(b1.clone(), b"one".to_vec()), (b2.clone(), vec![0, 1, 2])])
        .await
        .unwrap();
    let batch = vec![b1.clone(), absent.clone(), b2.clone()];
    assert_eq!(
        store.get_many(&batch).await.unwrap(),
        vec![
            (b1.clone(), Some(b"one".to_vec())),
            (absent, None),
            (b2.clone(), Some(vec![0, 1, 2])),
        ]
    );
    // A single-key MGET must still come back as a list.
    assert_eq!(
        store.get_many(std::slice::from_ref(&b1)).await.unwrap(),
        vec![(b1.clone(), Some(b"one".to_vec()))]
    );
    store.delete_many(&batch).await.unwrap();
    assert!(!store.exists(&b1).await.unwrap());
    assert!(!store.exists(&b2).await.unwrap());
    assert_eq!(keys.listed(store).await, Vec::<String>::new());
}

/// Runs one check against a fresh SQLite store and the shared Redis, each time with key
/// names unique to the test.
macro_rules! on_both_backends {
    ($($name:ident => $check:expr;)*) => {
        mod sqlite_backend {
            use super::*;
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    let store = sqlite(stringify!($name));
                    let keys = Arc::new(Keys::new(stringify!($name)));
                    ($check)(store.clone(), keys.clone()).await;
                }
            )*
        }
        mod redis_backend {
            use super::*;
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    let store = redis_store(&redis_url(), "default").await;
                    let keys = Arc::new(Keys::new(stringify!($name)));
                    ($check)(store.clone(), keys.clone()).await;
                    keys.cleanup(&*store).await;
                }
            )*
        }
    };
}

on_both_backends! {
    crud => |s: Arc<dyn KeyValueBackend>, k: Arc<Keys>| async move { crud_and_missing_keys(&*s, &k).await };
    binary => |s: Arc<dyn KeyValueBackend>, k: Arc<Keys>| async move { binary_values(&*s, &k).await };
    increment => |s: Arc<dyn KeyValueBackend>, k: Arc<Keys>| async move { increments(&*s, &k).await };
    increment_is_atomic_under_concurrency => concurrent_increments;
    cas => |s: Arc<dyn KeyValueBackend>, k: Arc<Keys>| async move { compare_and_swap(&*s, &k).await };
    cas_under_concurrency => concurrent_cas_loses_no_update;
    batch => |s: Arc<dyn KeyValueBackend>, k: Arc<Keys>| async move { batches(&*s, &k).await };
}

#[tokio::test]
async fn sqlite_stores_sharing_a_file_are_separate() {
    let path = temp_db("shared");
    let a = SqliteBackend::open(&path, "a").unwrap();
    let b = SqliteBackend::open(&path, "b").unwrap();
    a.set("k", b"from a").await.unwrap();
    assert_eq!(b.get("k").await.unwrap(), None);
    assert_eq!(b.get_keys().await.unwrap(), Vec::<String>::new());
    // Data survives reopening the file.
    drop(a);
    let reopened = SqliteBackend::open(&path, "a").unwrap();
    assert_eq!(reopened.get("k").await.unwrap(), Some(b"from a".to_vec()));
}

/// Keys are stored as the guest names them, with no `<label>:` prefix, as Spin does.
#[tokio::test]
async fn redis_keys_are_stored_unprefixed() {
    let url = redis_url();
    let store = redis_store(&url, "cache").await;
    let mut raw = raw_redis(&url).await;
    let keys = Keys::new("unprefixed");

    // Set through the backend, read raw under the same name.
    let via_backend = keys.k("via-backend");
    store.set(&via_backend, b"from backend").await.unwrap();
    let got: Option<Vec<u8>> = raw.get(&via_backend).await.unwrap();
    assert_eq!(got, Some(b"from backend".to_vec()));
    let labelled: bool = raw.exists(format!("cache:{via_backend}")).await.unwrap();
    assert!(!labelled, "no `<label>:` copy of the key");

    // Written raw, read and listed through the backend.
    let via_raw = keys.k("via-raw");
    let () = raw.set(&via_raw, b"from raw").await.unwrap();
    assert_eq!(
        store.get(&via_raw).await.unwrap(),
        Some(b"from raw".to_vec())
    );
    assert!(store.exists(&via_raw).await.unwrap());
    assert_eq!(keys.listed(&*store).await, vec!["via-backend", "via-raw"]);

    // Deleting through the backend removes the raw key.
    store.delete(&via_raw).await.unwrap();
    let left: bool = raw.exists(&via_raw).await.unwrap();
    assert!(!left);

    keys.cleanup(&*store).await;
}

/// Stores that must not see each other's keys use different Redis databases.
#[tokio::test]
async fn redis_stores_on_different_databases_do_not_overlap() {
    let (url1, url2) = (redis_url_with_db(1), redis_url_with_db(2));
    let a = redis_store(&url1, "a").await;
    let b = redis_store(&url2, "b").await;
    let keys = Keys::new("databases");
    let k = keys.k("k");

    a.set(&k, b"a").await.unwrap();
    assert_eq!(b.get(&k).await.unwrap(), None);
    assert!(!b.exists(&k).await.unwrap());
    assert_eq!(keys.listed(&*b).await, Vec::<String>::new());

    b.set(&k, b"b").await.unwrap();
    assert_eq!(a.get(&k).await.unwrap(), Some(b"a".to_vec()));
    assert_eq!(b.get(&k).await.unwrap(), Some(b"b".to_vec()));
    assert_eq!(keys.listed(&*a).await, vec!["k"]);
    assert_eq!(keys.listed(&*b).await, vec!["k"]);

    // Each value really is in its own database.
    let got1: Option<Vec<u8>> = raw_redis(&url1).await.get(&k).await.unwrap();
    let got2: Option<Vec<u8>> = raw_redis(&url2).await.get(&k).await.unwrap();
    assert_eq!((got1, got2), (Some(b"a".to_vec()), Some(b"b".to_vec())));

    a.delete(&k).await.unwrap();
    assert_eq!(b.get(&k).await.unwrap(), Some(b"b".to_vec()));

    keys.cleanup(&*a).await;
    keys.cleanup(&*b).await;
}

#[tokio::test]
async fn unreachable_redis_is_an_error_not_a_panic() {
    // Port 1 on loopback refuses connections.
    let store = RedisBackend::new("redis://127.0.0.1:1", "down").unwrap();
    let err = store.get("k").await.unwrap_err();
    assert!(format!("{err:#}").contains("Redis"), "{err:#}");
    assert!(store.increment("k", 1).await.is_err());
}
