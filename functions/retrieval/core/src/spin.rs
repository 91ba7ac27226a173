//! What the retrieval HTTP function and the retrieval library component share on Spin: the
//! store and the embedder, each read from the same variables, so both faces index and search
//! identically.

use api_kit::{ApiError, ConfigSource};

use crate::service::{self, Embedder, NoEmbedder};

/// Spin's `fermyon:spin/llm` with all-minilm-l6-v2 (384 dimensions). Any failure (no model
/// on this host, a host without the interface's implementation) reads as "unavailable".
pub struct SpinEmbedder;

impl Embedder for SpinEmbedder {
    fn embed(&self, texts: &[String]) -> Result<Vec<Vec<f32>>, String> {
        spin_sdk::llm::generate_embeddings(spin_sdk::llm::EmbeddingModel::AllMiniLmL6V2, texts)
            .map(|r| r.embeddings)
            .map_err(|e| format!("{} embeddings unavailable: {e:?}", service::EMBEDDING_MODEL))
    }
}

/// `retrieval_embeddings`: `local` (default, the host's all-minilm-l6-v2) or `off` (lexical
/// only, e.g. on a host without the model, to skip a failing call per request).
pub fn embedder() -> Result<Box<dyn Embedder>, ApiError> {
    let vars = api_kit::Variables::new(&api_kit::spin::SpinVariables);
    match vars
        .optional("retrieval_embeddings")
        .as_deref()
        .map(str::trim)
    {
        None | Some("") | Some("local") => Ok(Box::new(SpinEmbedder)),
        Some("off") => Ok(Box::new(NoEmbedder)),
        Some(other) => Err(ApiError::new(
            503,
            "misconfigured",
            format!("retrieval_embeddings is {other:?}; use local or off"),
        )),
    }
}

/// The configured store (PostgreSQL when `postgres_url` is set, else the default SQLite
/// database), migrated.
pub fn open_db() -> Result<Box<dyn storage::Sql>, ApiError> {
    let source: &dyn ConfigSource = &api_kit::spin::SpinVariables;
    let db = storage::open_sql(source)?;
    service::migrate(db.as_ref())?;
    Ok(db)
}

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}
