//! The same behaviour checked on every native backend against real engines: SQLite files,
//! the PostgreSQL at TEST_POSTGRES_URL and the Redis at TEST_REDIS_URL.
#![cfg(feature = "native")]

use std::sync::Arc;

use storage::native::{test_services, NativeSqlite};
use storage::{migrate, rate_limit, transaction, DbError, DbErrorKind, KeyValue, Migration, Sql};

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "notes",
        sqlite: "CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT NOT NULL UNIQUE, done BOOLEAN NOT NULL DEFAULT FALSE);
                 CREATE INDEX notes_body ON notes (body);",
        postgres: "CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT NOT NULL UNIQUE, done BOOLEAN NOT NULL DEFAULT FALSE);
                   CREATE INDEX notes_body ON notes (body);",
    },
    Migration {
        version: 2,
        name: "notes.score",
        sqlite: "ALTER TABLE notes ADD COLUMN score DOUBLE PRECISION",
        postgres: "ALTER TABLE notes ADD COLUMN score DOUBLE PRECISION",
    },
];

fn sqlite_file() -> (tempdir::Dir, std::path::PathBuf) {
    let dir = tempdir::Dir::new();
    let path = dir.path().join("db.sqlite");
    (dir, path)
}

/// A throwaway directory without another dependency.
mod tempdir {
    pub struct Dir(std::path::PathBuf);
    impl Dir {
        pub fn new() -> Self {
            let p = std::env::temp_dir()
                .join(format!("storage-test-{}", storage::native::test_services::random_suffix()));
            std::fs::create_dir_all(&p).unwrap();
            Self(p)
        }
        pub fn path(&self) -> &std::path::Path {
            &self.0
        }
    }
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

fn exercise_sql(db: &dyn Sql) {
    migrate(db, "notes", MIGRATIONS).unwrap();
    migrate(db, "notes", MIGRATIONS).unwrap(); // idempotent
    let versions = db
        .query("SELECT version FROM schema_migrations WHERE scope = $1 ORDER BY version", &["notes".into()])
        .unwrap();
    assert_eq!(versions.iter().map(|r| r.int("version").unwrap()).collect::<Vec<_>>(), [1, 2]);

    // Placeholders bind by number even when mentioned out of order.
    db.execute(
        "INSERT INTO notes (body, id, done, score) VALUES ($2, $1, $3, $4)",
        &[1i64.into(), "it's $1 -- not a comment".into(), true.into(), 0.5f64.into()],
    )
    .unwrap();
    let rows = db.query("SELECT id, body, done, score FROM notes WHERE id = $1", &[1i64.into()]).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].text("body").unwrap(), "it's $1 -- not a comment");
    assert!(rows[0].bool("done").unwrap());
    assert_eq!(rows[0].real("score").unwrap(), 0.5);

    let duplicate = db
        .execute("INSERT INTO notes (id, body) VALUES ($1, $2)", &[2i64.into(), "it's $1 -- not a comment".into()])
        .unwrap_err();
    assert_eq!(duplicate.kind, DbErrorKind::UniqueViolation, "{duplicate}");

    // A failed transaction leaves nothing behind.
    let failed: Result<(), DbError> = transaction(db, |tx| {
        tx.execute("INSERT INTO notes (id, body) VALUES ($1, $2)", &[3i64.into(), "three".into()])?;
        tx.execute("INSERT INTO notes (id, body) VALUES ($1, $2)", &[4i64.into(), "three".into()])?;
        Ok(())
    });
    assert!(failed.unwrap_err().is_unique_violation());
    let count = db.query("SELECT COUNT(*) AS n FROM notes", &[]).unwrap();
    assert_eq!(count[0].int("n").unwrap(), 1);

    // A committed one keeps everything.
    transaction(db, |tx| -> Result<(), DbError> {
        tx.execute("INSERT INTO notes (id, body) VALUES ($1, $2)", &[3i64.into(), "three".into()])?;
        tx.execute("UPDATE notes SET score = NULL WHERE id = $1", &[3i64.into()])?;
        Ok(())
    })
    .unwrap();
    let rows = db.query("SELECT score FROM notes WHERE id = $1", &[3i64.into()]).unwrap();
    assert_eq!(rows[0].opt_real("score").unwrap(), None);
    assert_eq!(
        db.execute("UPDATE notes SET done = $1", &[false.into()]).unwrap(),
        2,
        "execute reports changed rows"
    );
}

#[test]
fn sqlite_backend() {
    let (_dir, path) = sqlite_file();
    exercise_sql(&NativeSqlite::open(&path).unwrap());
}

#[test]
fn postgres_backend() {
    exercise_sql(&test_services::postgres("storage_test"));
}

/// Many fresh instances applying migrations at once: each version applied exactly once.
fn racing_migrations(open: impl Fn() -> Box<dyn Sql> + Send + Sync + 'static) {
    let open = Arc::new(open);
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let open = open.clone();
            std::thread::spawn(move || migrate(&*open(), "notes", MIGRATIONS))
        })
        .collect();
    for t in threads {
        t.join().unwrap().unwrap();
    }
    let db = open();
    let rows = db
        .query("SELECT version, COUNT(*) AS n FROM schema_migrations GROUP BY version ORDER BY version", &[])
        .unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r.int("n").unwrap() == 1));
    db.execute("INSERT INTO notes (id, body, score) VALUES (1, 'x', 1.0)", &[]).unwrap();
}

#[test]
fn sqlite_migrations_race_safely() {
    let (dir, path) = sqlite_file();
    racing_migrations(move || Box::new(NativeSqlite::open(&path).unwrap()));
    drop(dir);
}

#[test]
fn postgres_migrations_race_safely() {
    let url = test_services::fresh_postgres_database("storage_race");
    racing_migrations(move || Box::new(storage::native::NativePostgres::connect(&url).unwrap()));
}

#[test]
fn redis_key_value() {
    let kv = test_services::redis();
    let p = format!("storage-test:{}", test_services::random_suffix());
    let key = |k: &str| format!("{p}:{k}");
    assert_eq!(kv.get(&key("missing")).unwrap(), None);
    kv.set(&key("a"), b"1", None).unwrap();
    assert_eq!(kv.get(&key("a")).unwrap(), Some(b"1".to_vec()));
    assert!(kv.set_if_absent(&key("once"), b"x", Some(60)).unwrap());
    assert!(!kv.set_if_absent(&key("once"), b"y", Some(60)).unwrap());
    assert_eq!(kv.get(&key("once")).unwrap(), Some(b"x".to_vec()));
    kv.set(&key("short"), b"z", Some(1)).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2100));
    assert_eq!(kv.get(&key("short")).unwrap(), None, "Redis expired the value");
    kv.delete(&key("a")).unwrap();
    assert_eq!(kv.get(&key("a")).unwrap(), None);
}

#[test]
fn redis_rate_limit_is_exact_under_concurrency() {
    let p = format!("storage-test:{}:rl", test_services::random_suffix());
    let now = 1_000_000; // a fixed window, whatever the wall clock does
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let p = p.clone();
            std::thread::spawn(move || {
                let kv = test_services::redis();
                (0..25)
                    .filter(|_| rate_limit(&kv, &p, 100, 60, now).unwrap().allowed)
                    .count()
            })
        })
        .collect();
    let allowed: usize = threads.into_iter().map(|t| t.join().unwrap()).sum();
    assert_eq!(allowed, 100, "exactly the limit is admitted out of 200");
    let refused = rate_limit(&test_services::redis(), &p, 100, 60, now).unwrap();
    assert!(!refused.allowed);
    assert_eq!(refused.count, 201);
    assert_eq!(refused.retry_after_secs, 60 - now % 60);
}
