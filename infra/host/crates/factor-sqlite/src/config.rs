//! The `[sqlite_database.<label>]` tables of Spin's runtime-config.toml.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Deserialize;

/// File of the `default` database when the runtime config doesn't place it.
pub const DEFAULT_DATABASE_FILE: &str = "sqlite_db.db";

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
enum DatabaseConfig {
    /// Spin's built-in local SQLite.
    Spin { path: Option<PathBuf> },
}

/// Where one database lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseLocation {
    File(PathBuf),
    /// As in Spin, a configured `type = "spin"` database without `path` lives in memory for
    /// the life of the host.
    InMemory,
}

/// Parses the `sqlite_database` section into label → location. `default` always exists.
pub fn parse(
    section: Option<&toml::Value>,
    state_dir: &Path,
) -> anyhow::Result<BTreeMap<String, DatabaseLocation>> {
    let mut databases = BTreeMap::new();
    if let Some(value) = section {
        let table = value
            .as_table()
            .context("runtime config `sqlite_database` must be a table of databases")?;
        for (label, entry) in table {
            let DatabaseConfig::Spin { path } = DatabaseConfig::deserialize(entry.clone())
                .with_context(|| {
                    format!(
                        "runtime config [sqlite_database.{label}]: expected `type = \"spin\"` \
                         with an optional `path`"
                    )
                })?;
            let location = match path {
                Some(p) if p.is_absolute() => DatabaseLocation::File(p),
                Some(p) => DatabaseLocation::File(state_dir.join(p)),
                None => DatabaseLocation::InMemory,
            };
            databases.insert(label.clone(), location);
        }
    }
    databases
        .entry("default".to_string())
        .or_insert_with(|| DatabaseLocation::File(state_dir.join(DEFAULT_DATABASE_FILE)));
    Ok(databases)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(text: &str) -> toml::Value {
        let table: toml::Table = toml::from_str(text).expect("test TOML parses");
        table["sqlite_database"].clone()
    }

    #[test]
    fn default_database_is_in_the_state_dir() {
        let dbs = parse(None, Path::new("/state")).unwrap();
        assert_eq!(dbs.len(), 1);
        assert_eq!(
            dbs["default"],
            DatabaseLocation::File("/state/sqlite_db.db".into())
        );
    }

    #[test]
    fn parses_paths_and_in_memory_databases() {
        let value = section(
            r#"
            [sqlite_database.default]
            type = "spin"
            path = "db/main.db"
            [sqlite_database.abs]
            type = "spin"
            path = "/data/abs.db"
            [sqlite_database.scratch]
            type = "spin"
            "#,
        );
        let dbs = parse(Some(&value), Path::new("/state")).unwrap();
        assert_eq!(
            dbs["default"],
            DatabaseLocation::File("/state/db/main.db".into())
        );
        assert_eq!(dbs["abs"], DatabaseLocation::File("/data/abs.db".into()));
        assert_eq!(dbs["scratch"], DatabaseLocation::InMemory);
    }

    #[test]
    fn unknown_type_and_fields_are_errors() {
        let libsql = section("[sqlite_database.remote]\ntype = \"libsql\"\nurl = \"x\"\n");
        let err = format!("{:#}", parse(Some(&libsql), Path::new("/s")).unwrap_err());
        assert!(err.contains("[sqlite_database.remote]"), "{err}");
        assert!(err.contains("libsql"), "{err}");
        let typo = section("[sqlite_database.d]\ntype = \"spin\"\npth = \"x\"\n");
        assert!(parse(Some(&typo), Path::new("/s")).is_err());
    }
}
