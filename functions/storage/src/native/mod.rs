//! Native backends with the same semantics as the guest ones, so domain crates test their
//! SQL and key-value logic natively against real SQLite, PostgreSQL and Redis.

mod postgres;
mod redis;
mod sqlite;

pub use self::postgres::NativePostgres;
pub use self::redis::NativeRedis;
pub use self::sqlite::NativeSqlite;

/// Real services for native tests: `$TEST_POSTGRES_URL` / `$TEST_REDIS_URL`, defaulting to
/// the standard local ports. A test that needs one fails (never skips) when it is absent.
pub mod test_services {
    use super::{NativePostgres, NativeRedis};

    pub fn postgres_url() -> String {
        std::env::var("TEST_POSTGRES_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_string())
    }

    pub fn redis_url() -> String {
        std::env::var("TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".to_string())
    }

    /// A new, empty database named `{prefix}_{random}` on the test server, and its URL, so
    /// tests running at the same time never see each other's tables.
    pub fn fresh_postgres_database(prefix: &str) -> String {
        let admin_url = postgres_url();
        let name = format!("{prefix}_{}", random_suffix());
        let mut admin = postgres::Client::connect(&admin_url, postgres::NoTls).unwrap_or_else(|e| {
            panic!("cannot connect to TEST_POSTGRES_URL={admin_url} (is PostgreSQL running?): {e}")
        });
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("CREATE DATABASE");
        with_database(&admin_url, &name)
    }

    pub fn postgres(prefix: &str) -> NativePostgres {
        let url = fresh_postgres_database(prefix);
        NativePostgres::connect(&url).expect("connect to the fresh database")
    }

    pub fn redis() -> NativeRedis {
        let url = redis_url();
        NativeRedis::connect(&url).unwrap_or_else(|e| {
            panic!("cannot connect to TEST_REDIS_URL={url} (is Redis running?): {e}")
        })
    }

    /// A random key prefix, so concurrent tests sharing one Redis never collide.
    pub fn random_suffix() -> String {
        use std::hash::{BuildHasher, Hasher};
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        format!("{:016x}", h.finish())
    }

    /// `url` with its database path replaced by `database`.
    fn with_database(url: &str, database: &str) -> String {
        let (base, query) = match url.split_once('?') {
            Some((b, q)) => (b, Some(q)),
            None => (url, None),
        };
        let authority_start = base.find("://").map_or(0, |i| i + 3);
        let path_start = base[authority_start..]
            .find('/')
            .map_or(base.len(), |i| authority_start + i);
        let mut out = format!("{}/{database}", &base[..path_start]);
        if let Some(q) = query {
            out.push('?');
            out.push_str(q);
        }
        out
    }

    #[cfg(test)]
    #[test]
    fn database_is_replaced_in_urls() {
        assert_eq!(with_database("postgres://u@h:1/db?x=1", "n"), "postgres://u@h:1/n?x=1");
        assert_eq!(with_database("postgres://u@h:1", "n"), "postgres://u@h:1/n");
    }
}
