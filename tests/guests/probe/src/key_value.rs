//! Key-value round trip on the store named by `?store=` (default `default`), with keys under
//! `?prefix=` so tests sharing a backend (Redis) don't collide.

use serde_json::json;
use spin_sdk::http::Response;
use spin_sdk::key_value::Store;

use crate::query::Query;
use crate::report;

pub fn handle(query: &Query) -> Response {
    let label = query.get_or("store", "default");
    let prefix = query.get_or("prefix", "probe");
    let store = match Store::open(label) {
        Ok(store) => store,
        Err(error) => return report::host_error("open", error),
    };
    match round_trip(&store, prefix) {
        Ok(body) => report::ok(&body),
        Err((step, error)) => report::host_error(step, error),
    }
}

type StepResult<T> = Result<T, (&'static str, spin_sdk::key_value::Error)>;

fn round_trip(store: &Store, prefix: &str) -> StepResult<serde_json::Value> {
    let text_key = format!("{prefix}:text");
    let binary_key = format!("{prefix}:binary");
    let missing_key = format!("{prefix}:missing");
    let binary_value: Vec<u8> = (0..=255).collect();

    store
        .set(&text_key, "héllo".as_bytes())
        .map_err(|e| ("set", e))?;
    let text = store.get(&text_key).map_err(|e| ("get", e))?;
    store
        .set(&binary_key, &binary_value)
        .map_err(|e| ("set-binary", e))?;
    let binary = store.get(&binary_key).map_err(|e| ("get-binary", e))?;
    let exists_before_delete = store.exists(&text_key).map_err(|e| ("exists", e))?;
    let mut keys: Vec<String> = store
        .get_keys()
        .map_err(|e| ("get-keys", e))?
        .into_iter()
        .filter(|key| key.starts_with(prefix))
        .collect();
    keys.sort();
    store.delete(&text_key).map_err(|e| ("delete", e))?;
    store
        .delete(&binary_key)
        .map_err(|e| ("delete-binary", e))?;
    let exists_after_delete = store
        .exists(&text_key)
        .map_err(|e| ("exists-after-delete", e))?;
    let missing = store.get(&missing_key).map_err(|e| ("get-missing", e))?;
    // Deleting an absent key is not an error in Spin.
    store
        .delete(&missing_key)
        .map_err(|e| ("delete-missing", e))?;

    Ok(json!({
        "text": text.map(|v| String::from_utf8_lossy(&v).into_owned()),
        "binary_len": binary.as_ref().map(Vec::len),
        "binary_matches": binary.as_deref() == Some(binary_value.as_slice()),
        "exists_before_delete": exists_before_delete,
        "keys": keys,
        "exists_after_delete": exists_after_delete,
        "missing": missing,
    }))
}
