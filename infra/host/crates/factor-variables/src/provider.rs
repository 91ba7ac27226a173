//! Variable providers: where application variable values come from, as configured by
//! `[[variables_provider]]` in Spin's runtime-config.toml.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context};
use serde::Deserialize;

/// Prefix of the always-on environment provider: `SPIN_VARIABLE_API_KEY` for `api_key`.
pub(crate) const DEFAULT_ENV_PREFIX: &str = "SPIN_VARIABLE";

/// The dotenv file the always-on environment provider also reads, relative to the working
/// directory, as Spin does. A missing file is not an error.
pub(crate) const DEFAULT_DOTENV_PATH: &str = ".env";

/// A source of application variable values. Providers are consulted once, at start-up.
pub(crate) enum Provider {
    /// `<PREFIX>_<UPPERCASE_NAME>` from the process environment, else from a dotenv file.
    Env {
        prefix: String,
        dotenv: HashMap<String, String>,
    },
    /// Values written in the runtime config itself.
    Static(HashMap<String, String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EnvConfig {
    prefix: Option<String>,
    dotenv_path: Option<PathBuf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StaticConfig {
    values: HashMap<String, String>,
}

impl Provider {
    /// The provider Spin always puts first.
    pub(crate) fn default_env() -> anyhow::Result<Self> {
        let path = Path::new(DEFAULT_DOTENV_PATH);
        let dotenv = if path.exists() {
            load_dotenv(path)?
        } else {
            HashMap::new()
        };
        Ok(Self::Env {
            prefix: DEFAULT_ENV_PREFIX.to_string(),
            dotenv,
        })
    }

    /// Parses the `variables_provider` array of the runtime config, in priority order.
    pub(crate) fn from_runtime_config(section: &toml::Value) -> anyhow::Result<Vec<Self>> {
        let entries = section.as_array().ok_or_else(|| {
            anyhow!("variables_provider must be an array of tables ([[variables_provider]])")
        })?;
        entries
            .iter()
            .enumerate()
            .map(|(index, entry)| {
                Self::from_entry(entry)
                    .with_context(|| format!("variables_provider entry #{}", index + 1))
            })
            .collect()
    }

    fn from_entry(entry: &toml::Value) -> anyhow::Result<Self> {
        let mut table = entry
            .as_table()
            .ok_or_else(|| anyhow!("must be a table"))?
            .clone();
        let kind = match table.remove("type") {
            Some(toml::Value::String(kind)) => kind,
            Some(_) => bail!("`type` must be a string"),
            None => bail!("missing `type` (\"env\" or \"static\")"),
        };
        let rest = toml::Value::Table(table);
        match kind.as_str() {
            "env" => {
                let config: EnvConfig = rest.try_into().context("invalid env provider")?;
                let dotenv = match &config.dotenv_path {
                    Some(path) => load_dotenv(path)?,
                    None => HashMap::new(),
                };
                Ok(Self::Env {
                    prefix: config
                        .prefix
                        .unwrap_or_else(|| DEFAULT_ENV_PREFIX.to_string()),
                    dotenv,
                })
            }
            "static" => {
                let config: StaticConfig = rest.try_into().context("invalid static provider")?;
                Ok(Self::Static(config.values))
            }
            "vault" | "azure_key_vault" => {
                bail!("variables provider type {kind:?} is not supported by this host (supported: \"env\", \"static\")")
            }
            other => {
                bail!("unknown variables provider type {other:?} (supported: \"env\", \"static\")")
            }
        }
    }

    /// The value this provider has for application variable `name`, if any.
    pub(crate) fn get(&self, name: &str, env: &dyn Fn(&str) -> Option<String>) -> Option<String> {
        match self {
            Self::Env { prefix, dotenv } => {
                let key = env_key(prefix, name);
                env(&key).or_else(|| dotenv.get(&key).cloned())
            }
            Self::Static(values) => values.get(name).cloned(),
        }
    }
}

/// `api_key` with prefix `SPIN_VARIABLE` → `SPIN_VARIABLE_API_KEY`; an empty prefix adds
/// no underscore.
fn env_key(prefix: &str, name: &str) -> String {
    let name = name.to_ascii_uppercase();
    if prefix.is_empty() {
        name
    } else {
        format!("{prefix}_{name}")
    }
}

/// Reads a dotenv file without touching the process environment.
fn load_dotenv(path: &Path) -> anyhow::Result<HashMap<String, String>> {
    let display = path.display();
    dotenvy::from_path_iter(path)
        .with_context(|| format!("cannot read dotenv file {display}"))?
        // The error names the line, never its value.
        .map(|item| item.with_context(|| format!("invalid dotenv file {display}")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn provider(toml_text: &str) -> anyhow::Result<Vec<Provider>> {
        let table: toml::Table = toml::from_str(toml_text).expect("test TOML");
        Provider::from_runtime_config(&table["variables_provider"])
    }

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn env_keys() {
        assert_eq!(env_key("SPIN_VARIABLE", "api_key"), "SPIN_VARIABLE_API_KEY");
        assert_eq!(env_key("MY", "a1"), "MY_A1");
        assert_eq!(env_key("", "a1"), "A1");
    }

    #[test]
    fn env_provider_uses_prefix() {
        let providers = provider("[[variables_provider]]\ntype = \"env\"\nprefix = \"APP\"\n")
            .expect("valid config");
        let env = |key: &str| (key == "APP_TOKEN").then(|| "t".to_string());
        assert_eq!(providers[0].get("token", &env).as_deref(), Some("t"));
        assert_eq!(providers[0].get("other", &env), None);
    }

    #[test]
    fn static_provider() {
        let providers =
            provider("[[variables_provider]]\ntype = \"static\"\nvalues = { a = \"1\" }\n")
                .expect("valid config");
        assert_eq!(providers[0].get("a", &no_env).as_deref(), Some("1"));
        assert_eq!(providers[0].get("b", &no_env), None);
    }

    #[test]
    fn rejects_unsupported_and_malformed_configs() {
        for (text, needle) in [
            (
                "[[variables_provider]]\ntype = \"vault\"\nurl = \"http://v\"\n",
                "not supported by this host",
            ),
            (
                "[[variables_provider]]\ntype = \"azure_key_vault\"\n",
                "not supported by this host",
            ),
            ("[[variables_provider]]\ntype = \"consul\"\n", "unknown"),
            ("[[variables_provider]]\nprefix = \"X\"\n", "missing `type`"),
            (
                "[[variables_provider]]\ntype = \"env\"\nprefx = \"X\"\n",
                "invalid env",
            ),
            ("[variables_provider]\ntype = \"env\"\n", "array"),
            (
                "[[variables_provider]]\ntype = \"env\"\ndotenv_path = \"/nonexistent/x.env\"\n",
                "cannot read dotenv",
            ),
        ] {
            let err = match provider(text) {
                Ok(_) => panic!("should be rejected: {text}"),
                Err(e) => format!("{e:#}"),
            };
            assert!(err.contains(needle), "{text}: {err}");
        }
    }
}
