//! The storage contract both key-value interfaces sit on.

/// One key-value store (one label of the app). Implementations are shared by every request,
/// so all methods take `&self` and must be safe to call concurrently.
#[async_trait::async_trait]
pub trait KeyValueBackend: Send + Sync {
    async fn get(&self, key: &str) -> anyhow::Result<Option<Vec<u8>>>;
    async fn set(&self, key: &str, value: &[u8]) -> anyhow::Result<()>;
    /// Deleting a missing key is not an error.
    async fn delete(&self, key: &str) -> anyhow::Result<()>;
    async fn exists(&self, key: &str) -> anyhow::Result<bool>;
    async fn get_keys(&self) -> anyhow::Result<Vec<String>>;

    /// Atomically adds `delta` to the integer stored at `key` (a missing key counts as 0) and
    /// returns the new value. The stored value is the decimal text of the integer, which is
    /// what Redis' INCRBY keeps too, so both backends read back the same bytes.
    async fn increment(&self, key: &str, delta: i64) -> anyhow::Result<i64>;

    /// Atomically replaces the value at `key` with `new` if its current value is `expected`
    /// (`None` = the key must not exist). Returns whether the swap happened.
    async fn compare_and_swap(
        &self,
        key: &str,
        expected: Option<&[u8]>,
        new: &[u8],
    ) -> anyhow::Result<bool>;

    /// Values for `keys`, in order; missing keys give `None`. Backends with a multi-key
    /// read override this to save round trips.
    async fn get_many(&self, keys: &[String]) -> anyhow::Result<Vec<(String, Option<Vec<u8>>)>> {
        let mut out = Vec::with_capacity(keys.len());
        for key in keys {
            out.push((key.clone(), self.get(key).await?));
        }
        Ok(out)
    }

    /// Not atomic as a whole (wasi:keyvalue/batch promises no atomicity).
    async fn set_many(&self, entries: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
        for (key, value) in entries {
            self.set(key, value).await?;
        }
        Ok(())
    }

    async fn delete_many(&self, keys: &[String]) -> anyhow::Result<()> {
        for key in keys {
            self.delete(key).await?;
        }
        Ok(())
    }
}

/// Parses a stored counter. Shared by the backends so they agree on what an integer value is.
pub(crate) fn parse_counter(key: &str, bytes: &[u8]) -> anyhow::Result<i64> {
    std::str::from_utf8(bytes)
        .ok()
        .and_then(|text| text.trim().parse::<i64>().ok())
        .ok_or_else(|| anyhow::anyhow!("value of key {key:?} is not an integer"))
}
