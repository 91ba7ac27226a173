//! The `[key_value_store.<label>]` tables of Spin's runtime-config.toml.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Deserialize;

/// File the `default` store (and any `type = "spin"` store without a `path`) lives in.
pub const DEFAULT_SQLITE_FILE: &str = "sqlite_key_value.db";

/// One store's backend, as configured.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum StoreConfig {
    /// A SQLite file. Spin calls its built-in store "spin".
    Spin {
        path: Option<PathBuf>,
    },
    Redis {
        url: String,
    },
}

/// Resolved configuration: label → backend, with `path` made absolute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedStore {
    pub label: String,
    pub backend: ResolvedBackend,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolvedBackend {
    Sqlite { path: PathBuf },
    Redis { url: String },
}

/// Parses the `key_value_store` section. The `default` store is always present.
pub fn parse(
    section: Option<&toml::Value>,
    state_dir: &Path,
) -> anyhow::Result<Vec<ResolvedStore>> {
    let mut stores: BTreeMap<String, StoreConfig> = match section {
        None => BTreeMap::new(),
        Some(value) => {
            let table = value
                .as_table()
                .context("runtime config `key_value_store` must be a table of stores")?;
            table
                .iter()
                .map(|(label, store)| {
                    let config = StoreConfig::deserialize(store.clone()).with_context(|| {
                        format!(
                            "runtime config [key_value_store.{label}]: expected `type = \"spin\"` \
                             (optional `path`) or `type = \"redis\"` with `url`"
                        )
                    })?;
                    Ok((label.clone(), config))
                })
                .collect::<anyhow::Result<_>>()?
        }
    };
    stores
        .entry("default".to_string())
        .or_insert(StoreConfig::Spin { path: None });

    Ok(stores
        .into_iter()
        .map(|(label, config)| {
            let backend = match config {
                StoreConfig::Spin { path } => ResolvedBackend::Sqlite {
                    path: match path {
                        Some(p) if p.is_absolute() => p,
                        Some(p) => state_dir.join(p),
                        None => state_dir.join(DEFAULT_SQLITE_FILE),
                    },
                },
                StoreConfig::Redis { url } => ResolvedBackend::Redis { url },
            };
            ResolvedStore { label, backend }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(text: &str) -> toml::Value {
        let table: toml::Table = toml::from_str(text).expect("test TOML parses");
        table["key_value_store"].clone()
    }

    #[test]
    fn default_store_exists_without_config() {
        let stores = parse(None, Path::new("/state")).unwrap();
        assert_eq!(
            stores,
            vec![ResolvedStore {
                label: "default".into(),
                backend: ResolvedBackend::Sqlite {
                    path: "/state/sqlite_key_value.db".into()
                },
            }]
        );
    }

    #[test]
    fn parses_spin_and_redis_stores_and_resolves_paths() {
        let value = section(
            r#"
            [key_value_store.default]
            type = "redis"
            url = "redis://127.0.0.1:6379"
            [key_value_store.cache]
            type = "spin"
            path = "data/cache.db"
            [key_value_store.abs]
            type = "spin"
            path = "/var/kv.db"
            [key_value_store.plain]
            type = "spin"
            "#,
        );
        let stores = parse(Some(&value), Path::new("/state")).unwrap();
        let find = |label: &str| {
            stores
                .iter()
                .find(|s| s.label == label)
                .map(|s| s.backend.clone())
                .unwrap()
        };
        assert_eq!(stores.len(), 4);
        assert_eq!(
            find("default"),
            ResolvedBackend::Redis {
                url: "redis://127.0.0.1:6379".into()
            }
        );
        assert_eq!(
            find("cache"),
            ResolvedBackend::Sqlite {
                path: "/state/data/cache.db".into()
            }
        );
        assert_eq!(
            find("abs"),
            ResolvedBackend::Sqlite {
                path: "/var/kv.db".into()
            }
        );
        assert_eq!(
            find("plain"),
            ResolvedBackend::Sqlite {
                path: "/state/sqlite_key_value.db".into()
            }
        );
    }

    #[test]
    fn unknown_type_is_a_clear_error() {
        let value = section(
            r#"
            [key_value_store.remote]
            type = "azure_cosmos"
            "#,
        );
        let err = format!("{:#}", parse(Some(&value), Path::new("/s")).unwrap_err());
        assert!(err.contains("[key_value_store.remote]"), "{err}");
        assert!(err.contains("azure_cosmos"), "{err}");
    }

    #[test]
    fn redis_without_url_and_unknown_fields_are_errors() {
        let missing_url = section("[key_value_store.r]\ntype = \"redis\"\n");
        assert!(parse(Some(&missing_url), Path::new("/s")).is_err());
        let typo = section("[key_value_store.r]\ntype = \"spin\"\npaht = \"x.db\"\n");
        assert!(parse(Some(&typo), Path::new("/s")).is_err());
        let not_table = toml::Value::String("x".into());
        assert!(parse(Some(&not_table), Path::new("/s")).is_err());
    }
}
