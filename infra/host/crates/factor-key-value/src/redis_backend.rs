//! Redis backend (Spin's `type = "redis"` store).
//!
//! Keys are stored as the guest names them, exactly as Spin's Redis store does, so an app
//! can move between Spin and this host with the same Redis data. Two labels that must not
//! see each other's keys need separate Redis databases (`redis://host/1`, `/2`, ...).

use anyhow::Context;
use redis::aio::ConnectionManager;
use redis::AsyncCommands;
use tokio::sync::OnceCell;

use crate::backend::KeyValueBackend;

/// Lua keeps compare-and-swap atomic on a multiplexed connection, where WATCH/MULTI can't be
/// used (other requests share the same connection).
/// KEYS[1] = key; ARGV[1] = "1" if a current value is expected, else "0";
/// ARGV[2] = expected value; ARGV[3] = new value.
const CAS_SCRIPT: &str = r#"
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '1' then
  if current ~= ARGV[2] then return 0 end
elseif current then
  return 0
end
redis.call('SET', KEYS[1], ARGV[3])
return 1
"#;

pub struct RedisBackend {
    client: redis::Client,
    // Connected on first use: the host starts (and other stores work) while Redis is down,
    // and a failed connect is retried by the next call.
    conn: OnceCell<ConnectionManager>,
}

impl RedisBackend {
    /// Validates `url` now; connects on first use.
    pub fn new(url: &str, label: &str) -> anyhow::Result<Self> {
        let client = redis::Client::open(url)
            .with_context(|| format!("invalid Redis url for key-value store {label:?}"))?;
        Ok(Self {
            client,
            conn: OnceCell::new(),
        })
    }

    async fn conn(&self) -> anyhow::Result<ConnectionManager> {
        let conn = self
            .conn
            .get_or_try_init(|| async {
                ConnectionManager::new_with_config(
                    self.client.clone(),
                    host_factor_redis::connection_manager_config(),
                )
                .await
            })
            .await
            .context("connecting to Redis")?;
        Ok(conn.clone())
    }
}

#[async_trait::async_trait]
impl KeyValueBackend for RedisBackend {
    async fn get(&self, key: &str) -> anyhow::Result<Option<Vec<u8>>> {
        Ok(self.conn().await?.get(key).await?)
    }

    async fn set(&self, key: &str, value: &[u8]) -> anyhow::Result<()> {
        let () = self.conn().await?.set(key, value).await?;
        Ok(())
    }

    async fn delete(&self, key: &str) -> anyhow::Result<()> {
        let _: i64 = self.conn().await?.del(key).await?;
        Ok(())
    }

    async fn exists(&self, key: &str) -> anyhow::Result<bool> {
        Ok(self.conn().await?.exists(key).await?)
    }

    async fn get_keys(&self) -> anyhow::Result<Vec<String>> {
        let mut conn = self.conn().await?;
        let mut iter: redis::AsyncIter<'_, Vec<u8>> = conn.scan().await?;
        let mut keys = Vec::new();
        while let Some(raw) = iter.next_item().await {
            // Keys written by other clients may not be UTF-8; the interface can only return
            // strings, so those are skipped rather than failing the whole listing.
            if let Ok(key) = String::from_utf8(raw) {
                keys.push(key);
            }
        }
        Ok(keys)
    }

    async fn increment(&self, key: &str, delta: i64) -> anyhow::Result<i64> {
        Ok(self.conn().await?.incr(key, delta).await?)
    }

    async fn compare_and_swap(
        &self,
        key: &str,
        expected: Option<&[u8]>,
        new: &[u8],
    ) -> anyhow::Result<bool> {
        let swapped: i64 = redis::cmd("EVAL")
            .arg(CAS_SCRIPT)
            .arg(1)
            .arg(key)
            .arg(if expected.is_some() { "1" } else { "0" })
            .arg(expected.unwrap_or_default())
            .arg(new)
            .query_async(&mut self.conn().await?)
            .await?;
        Ok(swapped == 1)
    }

    async fn get_many(&self, keys: &[String]) -> anyhow::Result<Vec<(String, Option<Vec<u8>>)>> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        // MGET with one key returns a bare value rather than an array; always ask for a list.
        let values: Vec<Option<Vec<u8>>> = redis::cmd("MGET")
            .arg(keys)
            .query_async(&mut self.conn().await?)
            .await?;
        Ok(keys.iter().cloned().zip(values).collect())
    }

    async fn set_many(&self, entries: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
        if entries.is_empty() {
            return Ok(());
        }
        let pairs: Vec<(String, &[u8])> = entries
            .iter()
            .map(|(k, v)| (k.clone(), v.as_slice()))
            .collect();
        let () = self.conn().await?.mset(&pairs).await?;
        Ok(())
    }

    async fn delete_many(&self, keys: &[String]) -> anyhow::Result<()> {
        if keys.is_empty() {
            return Ok(());
        }
        let _: i64 = self.conn().await?.del(keys).await?;
        Ok(())
    }
}
