//! all-MiniLM-L6-v2 sentence embeddings on the CPU, computed as sentence-transformers does:
//! BERT over WordPiece tokens (truncated to the model's `max_seq_length`), mean of the
//! last hidden states over real (unpadded) tokens, then L2 normalisation.

use std::path::{Path, PathBuf};

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use tokenizers::{Tokenizer, TruncationParams};

/// The files a model directory must hold; anything else in it (pooling config, README) is
/// optional because the pooling this module implements is fixed.
pub const REQUIRED_FILES: &[&str] = &["config.json", "tokenizer.json", "model.safetensors"];

/// sentence-transformers' `max_seq_length` for this model when `sentence_bert_config.json`
/// is absent (tokenizer.json itself says 128, which is not what the model is used with).
const DEFAULT_MAX_SEQ_LENGTH: usize = 256;

/// Texts per forward pass. Attention memory grows with batch × length², so a guest's large
/// list is processed in slices of this size rather than at once.
pub const FORWARD_BATCH: usize = 32;

#[derive(Debug, thiserror::Error)]
pub enum EmbeddingError {
    /// The directory or one of its required files is absent: the model was never installed.
    #[error("embedding model not installed: {missing} not found")]
    NotInstalled { missing: PathBuf },
    #[error("embedding model in {dir} cannot be loaded: {reason}")]
    Load { dir: PathBuf, reason: String },
    #[error("embedding failed: {0}")]
    Inference(String),
}

impl From<candle_core::Error> for EmbeddingError {
    fn from(err: candle_core::Error) -> Self {
        EmbeddingError::Inference(err.to_string())
    }
}

/// Embeddings of a list of texts, in the order given.
#[derive(Debug, Clone, PartialEq)]
pub struct Embeddings {
    pub vectors: Vec<Vec<f32>>,
    /// Tokens the model read, [CLS]/[SEP] included, after truncation.
    pub prompt_tokens: u32,
}

pub struct EmbeddingModel {
    bert: BertModel,
    tokenizer: Tokenizer,
    device: Device,
    dims: usize,
}

impl EmbeddingModel {
    /// Loads the model from `dir` (config.json, tokenizer.json, model.safetensors).
    pub fn load(dir: &Path) -> Result<Self, EmbeddingError> {
        for file in REQUIRED_FILES {
            let path = dir.join(file);
            if !path.is_file() {
                return Err(EmbeddingError::NotInstalled { missing: path });
            }
        }
        let load_error = |reason: String| EmbeddingError::Load {
            dir: dir.to_path_buf(),
            reason,
        };
        let config_text = std::fs::read_to_string(dir.join("config.json"))
            .map_err(|e| load_error(format!("config.json: {e}")))?;
        let config: Config = serde_json::from_str(&config_text)
            .map_err(|e| load_error(format!("config.json: {e}")))?;

        let mut tokenizer = Tokenizer::from_file(dir.join("tokenizer.json"))
            .map_err(|e| load_error(format!("tokenizer.json: {e}")))?;
        // Padding is done per forward batch below; truncation follows sentence-transformers.
        tokenizer.with_padding(None);
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: max_seq_length(dir),
                ..Default::default()
            }))
            .map_err(|e| load_error(format!("tokenizer truncation: {e}")))?;

        let device = Device::Cpu;
        // Read into memory rather than mmap: the file is ~90 MB, read once per process, and
        // a buffer cannot change under us the way a mapped file could.
        let weights = std::fs::read(dir.join("model.safetensors"))
            .map_err(|e| load_error(format!("model.safetensors: {e}")))?;
        let vb = VarBuilder::from_buffered_safetensors(weights, DType::F32, &device)
            .map_err(|e| load_error(format!("model.safetensors: {e}")))?;
        let bert = BertModel::load(vb, &config)
            .map_err(|e| load_error(format!("model.safetensors: {e}")))?;
        Ok(Self {
            bert,
            tokenizer,
            device,
            dims: config.hidden_size,
        })
    }

    /// Vector length (384 for all-MiniLM-L6-v2).
    pub fn dims(&self) -> usize {
        self.dims
    }

    /// Token ids the model sees for `text` ([CLS] … [SEP], truncated).
    pub fn token_ids(&self, text: &str) -> Result<Vec<u32>, EmbeddingError> {
        let encoding = self
            .tokenizer
            .encode(text, true)
            .map_err(|e| EmbeddingError::Inference(format!("tokenizer: {e}")))?;
        Ok(encoding.get_ids().to_vec())
    }

    /// Embeds `texts`. CPU-bound: call it from a blocking thread.
    pub fn embed(&self, texts: &[String]) -> Result<Embeddings, EmbeddingError> {
        let mut ids: Vec<Vec<u32>> = Vec::with_capacity(texts.len());
        for text in texts {
            ids.push(self.token_ids(text)?);
        }
        let prompt_tokens = ids.iter().map(Vec::len).sum::<usize>();

        // Similar lengths share a forward pass, so short texts are not padded to a long one.
        let mut order: Vec<usize> = (0..ids.len()).collect();
        order.sort_by_key(|&i| ids[i].len());
        let mut vectors = vec![Vec::new(); ids.len()];
        for slice in order.chunks(FORWARD_BATCH) {
            let batch: Vec<&[u32]> = slice.iter().map(|&i| ids[i].as_slice()).collect();
            for (&i, vector) in slice.iter().zip(self.forward(&batch)?) {
                vectors[i] = vector;
            }
        }
        Ok(Embeddings {
            vectors,
            prompt_tokens: u32::try_from(prompt_tokens).unwrap_or(u32::MAX),
        })
    }

    fn forward(&self, batch: &[&[u32]]) -> Result<Vec<Vec<f32>>, EmbeddingError> {
        let width = batch.iter().map(|ids| ids.len()).max().unwrap_or(0);
        let mut input = Vec::with_capacity(batch.len() * width);
        let mut mask = Vec::with_capacity(batch.len() * width);
        for ids in batch {
            input.extend_from_slice(ids);
            input.resize(input.len() + width - ids.len(), 0);
            mask.extend(std::iter::repeat_n(1u32, ids.len()));
            mask.resize(mask.len() + width - ids.len(), 0);
        }
        let shape = (batch.len(), width);
        let input = Tensor::from_vec(input, shape, &self.device)?;
        let mask = Tensor::from_vec(mask, shape, &self.device)?;
        let token_types = input.zeros_like()?;
        let hidden = self.bert.forward(&input, &token_types, Some(&mask))?;

        // Mean over real tokens: padded positions are zeroed, then the sum is divided by the
        // number of real tokens.
        let mask = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
        let summed = hidden.broadcast_mul(&mask)?.sum(1)?;
        let counts = mask.sum(1)?.clamp(1e-9f32, f32::MAX)?;
        let mean = summed.broadcast_div(&counts)?;
        // torch.nn.functional.normalize's eps keeps an all-zero vector finite.
        let norms = mean
            .sqr()?
            .sum_keepdim(1)?
            .sqrt()?
            .clamp(1e-12f32, f32::MAX)?;
        let normalised = mean.broadcast_div(&norms)?;
        Ok(normalised.to_vec2::<f32>()?)
    }
}

fn max_seq_length(dir: &Path) -> usize {
    std::fs::read_to_string(dir.join("sentence_bert_config.json"))
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|v| v["max_seq_length"].as_u64())
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(DEFAULT_MAX_SEQ_LENGTH)
}
