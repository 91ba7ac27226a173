//! Spin's runtime-config.toml: one top-level table per host interface
//! (`[key_value_store.<label>]`, `[sqlite_database.<label>]`, `[[variables_provider]]`, ...).
//! This module only loads the file; each factor parses its own section.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

/// Sections this host understands; anything else is rejected so a typo is not silently ignored.
const KNOWN_SECTIONS: &[&str] = &[
    "key_value_store",
    "sqlite_database",
    "variables_provider",
    "config_provider",
    "llm_compute",
];

#[derive(Debug, Default)]
pub struct RuntimeConfig {
    table: toml::Table,
    /// Relative paths inside the file resolve against the file's directory, as in Spin.
    pub base_dir: Option<PathBuf>,
}

impl RuntimeConfig {
    pub fn load(path: Option<&Path>) -> Result<Self> {
        let Some(path) = path else {
            return Ok(Self::default());
        };
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read runtime config {}", path.display()))?;
        Self::parse(&text, path.parent().map(Path::to_path_buf))
            .with_context(|| format!("invalid runtime config {}", path.display()))
    }

    pub fn parse(text: &str, base_dir: Option<PathBuf>) -> Result<Self> {
        let table: toml::Table = toml::from_str(text)?;
        for key in table.keys() {
            if !KNOWN_SECTIONS.contains(&key.as_str()) {
                bail!(
                    "unsupported section [{key}] (this host supports {})",
                    KNOWN_SECTIONS.join(", ")
                );
            }
        }
        Ok(Self { table, base_dir })
    }

    pub fn section(&self, name: &str) -> Option<&toml::Value> {
        self.table.get(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hands_out_sections_and_rejects_unknown_ones() {
        let rc = RuntimeConfig::parse(
            "[key_value_store.default]\ntype = \"redis\"\nurl = \"redis://127.0.0.1\"\n",
            None,
        )
        .unwrap();
        assert_eq!(
            rc.section("key_value_store").unwrap()["default"]["type"].as_str(),
            Some("redis")
        );
        assert!(rc.section("sqlite_database").is_none());
        let err =
            RuntimeConfig::parse("[key_value_stor.default]\ntype='spin'\n", None).unwrap_err();
        assert!(err.to_string().contains("key_value_stor"));
    }
}
