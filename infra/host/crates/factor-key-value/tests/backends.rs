//! The same behaviour checks run against the SQLite backend and a real Redis.
//!
//! Redis is read from TEST_REDIS_URL (default redis://127.0.0.1:6379); these tests fail,
//! rather than skip, when it is unreachable.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use host_factor_key_value::{KeyValueBackend, RedisBackend, SqliteBackend};

fn unique(name: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("kvtest-{name}-{}-{nanos}", std::process::id())
}

fn redis_url() -> String {
    std::env::var("TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into())
}

fn temp_db(name: &str) -> PathBuf {
    std::env::temp_dir().join(unique(name)).join("kv.db")
}

fn sqlite(name: &str) -> Arc<dyn KeyValueBackend> {
    Arc::new(SqliteBackend::open(&temp_db(name), "default").expect("open sqlite store"))
}

/// A Redis store under a label unique to this test, so parallel tests don't share keys.
async fn redis(name: &str) -> Arc<dyn KeyValueBackend> {
    let store = RedisBackend::new(&redis_url(), &unique(name)).expect("valid Redis url");
    // Fail loudly here if Redis is down, instead of in the middle of a check.
    store
        .exists("probe")
        .await
        .unwrap_or_else(|e| panic!("Redis at {} is unreachable: {e:#}", redis_url()));
    Arc::new(store)
}

/// Deletes every key the test left so repeated runs don't grow the Redis database.
async fn cleanup(store: &dyn KeyValueBackend) {
    let keys = store.get_keys().await.expect("list keys for cleanup");
    store.delete_many(&keys).await.expect("cleanup");
}

async fn crud_and_missing_keys(store: &dyn KeyValueBackend) {
    assert_eq!(store.get("missing").await.unwrap(), None);
    assert!(!store.exists("missing").await.unwrap());
    store
        .delete("missing")
        .await
        .expect("deleting a missing key is fine");

    store.set("greeting", b"hello").await.unwrap();
    assert_eq!(
        store.get("greeting").await.unwrap().as_deref(),
        Some(&b"hello"[..])
    );
    assert!(store.exists("greeting").await.unwrap());

    store.set("greeting", b"bye").await.unwrap();
    assert_eq!(
        store.get("greeting").await.unwrap().as_deref(),
        Some(&b"bye"[..])
    );

    // An empty value is a value, not a missing key.
    store.set("empty", b"").await.unwrap();
    assert_eq!(store.get("empty").await.unwrap(), Some(Vec::new()));
    assert!(store.exists("empty").await.unwrap());

    let mut keys = store.get_keys().await.unwrap();
    keys.sort();
    assert_eq!(keys, vec!["empty".to_string(), "greeting".to_string()]);

    store.delete("greeting").await.unwrap();
    assert_eq!(store.get("greeting").await.unwrap(), None);
    assert_eq!(store.get_keys().await.unwrap(), vec!["empty".to_string()]);
}

async fn binary_values(store: &dyn KeyValueBackend) {
    let all_bytes: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
    store.set("bin", &all_bytes).await.unwrap();
    assert_eq!(store.get("bin").await.unwrap(), Some(all_bytes));
    // Keys with glob characters and non-ASCII text are plain keys.
    store.set("a*[b]?é", b"\0\xff").await.unwrap();
    assert_eq!(
        store.get("a*[b]?é").await.unwrap(),
        Some(b"\0\xff".to_vec())
    );
    assert!(store
        .get_keys()
        .await
        .unwrap()
        .contains(&"a*[b]?é".to_string()));
}

async fn increments(store: &dyn KeyValueBackend) {
    assert_eq!(store.increment("n", 5).await.unwrap(), 5);
    assert_eq!(store.increment("n", -7).await.unwrap(), -2);
    // Counters are stored as decimal text, readable through plain get.
    assert_eq!(store.get("n").await.unwrap(), Some(b"-2".to_vec()));
    store.set("n", b"40").await.unwrap();
    assert_eq!(store.increment("n", 2).await.unwrap(), 42);

    store.set("text", b"not a number").await.unwrap();
    assert!(store.increment("text", 1).await.is_err());
    assert_eq!(
        store.get("text").await.unwrap(),
        Some(b"not a number".to_vec())
    );

    store
        .set("big", i64::MAX.to_string().as_bytes())
        .await
        .unwrap();
    assert!(
        store.increment("big", 1).await.is_err(),
        "overflow is an error"
    );
}

async fn concurrent_increments(store: Arc<dyn KeyValueBackend>) {
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                for _ in 0..20 {
                    store.increment("counter", 1).await.expect("increment");
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("task finished");
    }
    assert_eq!(store.increment("counter", 0).await.unwrap(), 1000);
}

async fn compare_and_swap(store: &dyn KeyValueBackend) {
    // Expecting absence: succeeds once, then the key exists.
    assert!(store.compare_and_swap("cas", None, b"v1").await.unwrap());
    assert!(!store.compare_and_swap("cas", None, b"other").await.unwrap());
    assert!(!store
        .compare_and_swap("cas", Some(b"stale"), b"x")
        .await
        .unwrap());
    assert_eq!(store.get("cas").await.unwrap(), Some(b"v1".to_vec()));
    assert!(store
        .compare_and_swap("cas", Some(b"v1"), b"v2")
        .await
        .unwrap());
    assert_eq!(store.get("cas").await.unwrap(), Some(b"v2".to_vec()));
    // Expecting a value on a missing key fails.
    assert!(!store
        .compare_and_swap("nokey", Some(b""), b"x")
        .await
        .unwrap());
    assert_eq!(store.get("nokey").await.unwrap(), None);
}

async fn concurrent_cas_loses_no_update(store: Arc<dyn KeyValueBackend>) {
    // Read-modify-write through CAS retries: 10 tasks × 10 increments must total 100.
    let tasks: Vec<_> = (0..10)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                for _ in 0..10 {
                    loop {
                        let current = store.get("cas-counter").await.unwrap();
                        let n: i64 = current
                            .as_deref()
                            .map(|b| std::str::from_utf8(b).unwrap().parse().unwrap())
                            .unwrap_or(0);
                        let next = (n + 1).to_string();
                        if store
                            .compare_and_swap("cas-counter", current.as_deref(), next.as_bytes())
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
    assert_eq!(
        store.get("cas-counter").await.unwrap(),
        Some(b"100".to_vec())
    );
}

async fn batches(store: &dyn KeyValueBackend) {
    let empty: Vec<String> = Vec::new();
    assert!(store.get_many(&empty).await.unwrap().is_empty());
    store.set_many(&[]).await.unwrap();
    store.delete_many(&empty).await.unwrap();

    store
        .set_many(&[("b1".into(), b"one".to_vec()), ("b2".into(), vec![0, 1, 2])])
        .await
        .unwrap();
    let keys = vec!["b1".to_string(), "absent".to_string(), "b2".to_string()];
    assert_eq!(
        store.get_many(&keys).await.unwrap(),
        vec![
            ("b1".to_string(), Some(b"one".to_vec())),
            ("absent".to_string(), None),
            ("b2".to_string(), Some(vec![0, 1, 2])),
        ]
    );
    // A single-key MGET must still come back as a list.
    assert_eq!(
        store.get_many(&["b1".to_string()]).await.unwrap(),
        vec![("b1".to_string(), Some(b"one".to_vec()))]
    );
    store.delete_many(&keys).await.unwrap();
    assert!(!store.exists("b1").await.unwrap());
    assert!(!store.exists("b2").await.unwrap());
}

/// Runs one check against a fresh SQLite store and a fresh Redis namespace.
macro_rules! on_both_backends {
    ($($name:ident => $check:expr;)*) => {
        mod sqlite_backend {
            use super::*;
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    let store = sqlite(stringify!($name));
                    ($check)(store.clone()).await;
                }
            )*
        }
        mod redis_backend {
            use super::*;
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    let store = redis(stringify!($name)).await;
                    ($check)(store.clone()).await;
                    cleanup(&*store).await;
                }
            )*
        }
    };
}

on_both_backends! {
    crud => |s: Arc<dyn KeyValueBackend>| async move { crud_and_missing_keys(&*s).await };
    binary => |s: Arc<dyn KeyValueBackend>| async move { binary_values(&*s).await };
    increment => |s: Arc<dyn KeyValueBackend>| async move { increments(&*s).await };
    increment_is_atomic_under_concurrency => concurrent_increments;
    cas => |s: Arc<dyn KeyValueBackend>| async move { compare_and_swap(&*s).await };
    cas_under_concurrency => concurrent_cas_loses_no_update;
    batch => |s: Arc<dyn KeyValueBackend>| async move { batches(&*s).await };
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

#[tokio::test]
async fn redis_namespaces_do_not_overlap() {
    let label = unique("ns");
    let a = RedisBackend::new(&redis_url(), &label).unwrap();
    // A label that is a prefix-with-glob of the other must not see its keys.
    let b = RedisBackend::new(&redis_url(), &format!("{label}*")).unwrap();
    a.set("k", b"a").await.unwrap();
    b.set("k", b"b").await.unwrap();
    assert_eq!(a.get("k").await.unwrap(), Some(b"a".to_vec()));
    assert_eq!(a.get_keys().await.unwrap(), vec!["k".to_string()]);
    assert_eq!(b.get_keys().await.unwrap(), vec!["k".to_string()]);
    cleanup(&a).await;
    cleanup(&b).await;
}

#[tokio::test]
async fn unreachable_redis_is_an_error_not_a_panic() {
    // Port 1 on loopback refuses connections.
    let store = RedisBackend::new("redis://127.0.0.1:1", "down").unwrap();
    let err = store.get("k").await.unwrap_err();
    assert!(format!("{err:#}").contains("Redis"), "{err:#}");
    assert!(store.increment("k", 1).await.is_err());
}
