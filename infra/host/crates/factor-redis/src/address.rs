//! Guest-supplied Redis addresses: parsing and a log-safe spelling.

use url::Url;

/// Port Redis listens on when an address names none.
const DEFAULT_PORT: u16 = 6379;

/// Parses `redis://[user:password@]host[:port][/db]` (or `rediss://`). Anything else —
/// including addresses redis-rs would read as a Unix socket path — is rejected.
pub fn parse(address: &str) -> Option<Url> {
    let url = Url::parse(address).ok()?;
    let scheme_ok = matches!(url.scheme(), "redis" | "rediss");
    (scheme_ok && url.host_str().is_some_and(|h| !h.is_empty())).then_some(url)
}

/// `scheme://host:port`, never the credentials or database, for logs.
pub fn redacted(url: &Url) -> String {
    format!(
        "{}://{}:{}",
        url.scheme(),
        url.host_str().unwrap_or_default(),
        url.port().unwrap_or(DEFAULT_PORT)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_redis_urls_only() {
        assert!(parse("redis://127.0.0.1:6379").is_some());
        assert!(parse("rediss://cache.example:6380/2").is_some());
        assert!(parse("redis://:secret@localhost").is_some());
        assert!(parse("127.0.0.1:6379").is_none());
        assert!(parse("http://127.0.0.1:6379").is_none());
        assert!(parse("redis+unix:///tmp/redis.sock").is_none());
        assert!(parse("unix:///tmp/redis.sock").is_none());
        assert!(parse("not a url").is_none());
        assert!(parse("").is_none());
    }

    #[test]
    fn redaction_drops_credentials_and_database() {
        let url = parse("redis://user:hunter2@db.internal/3").unwrap();
        assert_eq!(redacted(&url), "redis://db.internal:6379");
        let url = parse("rediss://:pw@127.0.0.1:7000").unwrap();
        assert_eq!(redacted(&url), "rediss://127.0.0.1:7000");
    }
}
