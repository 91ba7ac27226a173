//! The WIT host traits. Every failure is a WIT `error` value, never a trap, so a guest can
//! fall back (e.g. retrieval answers lexically when embeddings are unavailable).

use crate::bindings::fermyon::spin::llm as v1;
use crate::bindings::fermyon::spin2_0_0::llm as v2;
use crate::config::{EMBEDDING_MODEL, INSTALL_HINT};
use crate::{EmbeddingError, LlmInstanceState};

impl LlmInstanceState {
    fn check_access(&self, model: &str) -> Result<(), v2::Error> {
        if self.allowed_models.iter().any(|m| m == model) {
            Ok(())
        } else {
            // Spin's wording, so guests see the same message under both hosts.
            Err(v2::Error::InvalidInput(format!(
                "The component does not have access to use '{model}'. To give the component access, \
                 add '{model}' to the 'ai_models' key for the component in your spin.toml manifest"
            )))
        }
    }

    async fn embeddings(
        &self,
        model: String,
        texts: Vec<String>,
    ) -> Result<v2::EmbeddingsResult, v2::Error> {
        self.check_access(&model)?;
        if model != EMBEDDING_MODEL {
            return Err(v2::Error::ModelNotSupported);
        }
        match self.engine.embed(texts).await {
            Ok(embeddings) => Ok(v2::EmbeddingsResult {
                embeddings: embeddings.vectors,
                usage: v2::EmbeddingsUsage {
                    prompt_token_count: embeddings.prompt_tokens,
                },
            }),
            Err(err @ EmbeddingError::NotInstalled { .. }) => Err(v2::Error::RuntimeError(
                format!("{err} ({}); {INSTALL_HINT}", self.engine.dir.display()),
            )),
            Err(err) => Err(v2::Error::RuntimeError(err.to_string())),
        }
    }

    fn inference(&self, model: &str) -> Result<v2::InferencingResult, v2::Error> {
        self.check_access(model)?;
        // Text generation is served by the AI gateway (english:assistant/llm), which has
        // providers, budgets and failover; this host runs no generative model.
        Err(v2::Error::ModelNotSupported)
    }
}

impl v2::Host for LlmInstanceState {
    async fn infer(
        &mut self,
        model: String,
        _prompt: String,
        _params: Option<v2::InferencingParams>,
    ) -> wasmtime::Result<Result<v2::InferencingResult, v2::Error>> {
        Ok(self.inference(&model))
    }

    async fn generate_embeddings(
        &mut self,
        model: String,
        text: Vec<String>,
    ) -> wasmtime::Result<Result<v2::EmbeddingsResult, v2::Error>> {
        Ok(self.embeddings(model, text).await)
    }
}

impl v1::Host for LlmInstanceState {
    async fn infer(
        &mut self,
        model: String,
        _prompt: String,
        _params: Option<v1::InferencingParams>,
    ) -> wasmtime::Result<Result<v1::InferencingResult, v1::Error>> {
        Ok(self
            .inference(&model)
            .map(|r| v1::InferencingResult {
                text: r.text,
                usage: v1::InferencingUsage {
                    prompt_token_count: r.usage.prompt_token_count,
                    generated_token_count: r.usage.generated_token_count,
                },
            })
            .map_err(to_v1))
    }

    async fn generate_embeddings(
        &mut self,
        model: String,
        text: Vec<String>,
    ) -> wasmtime::Result<Result<v1::EmbeddingsResult, v1::Error>> {
        Ok(self
            .embeddings(model, text)
            .await
            .map(|r| v1::EmbeddingsResult {
                embeddings: r.embeddings,
                usage: v1::EmbeddingsUsage {
                    prompt_token_count: r.usage.prompt_token_count,
                },
            })
            .map_err(to_v1))
    }
}

fn to_v1(err: v2::Error) -> v1::Error {
    match err {
        v2::Error::ModelNotSupported => v1::Error::ModelNotSupported,
        v2::Error::RuntimeError(m) => v1::Error::RuntimeError(m),
        v2::Error::InvalidInput(m) => v1::Error::InvalidInput(m),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::LlmFactor;

    fn state(models: &[&str]) -> LlmInstanceState {
        // A state dir without a model: every check below must answer before loading one,
        // or answer that it is missing.
        let factor = LlmFactor::from_runtime_config(None, Path::new("/nonexistent-state"), None)
            .expect("factor");
        let allowed: Vec<String> = models.iter().map(|m| m.to_string()).collect();
        factor.instance_state(&allowed)
    }

    #[tokio::test]
    async fn model_not_in_ai_models_is_refused_like_spin() {
        let mut s = state(&[]);
        let err = v2::Host::generate_embeddings(&mut s, EMBEDDING_MODEL.into(), vec!["x".into()])
            .await
            .unwrap()
            .unwrap_err();
        let v2::Error::InvalidInput(message) = err else {
            panic!("expected invalid-input, got {err:?}")
        };
        assert!(message.contains("'ai_models'"), "{message}");
    }

    #[tokio::test]
    async fn other_embedding_models_are_not_supported() {
        let mut s = state(&["bge-small"]);
        let err = v2::Host::generate_embeddings(&mut s, "bge-small".into(), vec!["x".into()])
            .await
            .unwrap()
            .unwrap_err();
        assert!(matches!(err, v2::Error::ModelNotSupported), "{err:?}");
    }

    #[tokio::test]
    async fn missing_model_files_are_a_runtime_error_naming_the_fix() {
        let mut s = state(&[EMBEDDING_MODEL]);
        for result in [
            v2::Host::generate_embeddings(&mut s, EMBEDDING_MODEL.into(), vec!["x".into()])
                .await
                .unwrap()
                .map(|_| ()),
            v1::Host::generate_embeddings(&mut s, EMBEDDING_MODEL.into(), vec!["x".into()])
                .await
                .unwrap()
                .map(|_| ())
                .map_err(|e| match e {
                    v1::Error::RuntimeError(m) => v2::Error::RuntimeError(m),
                    other => panic!("expected runtime-error, got {other:?}"),
                }),
        ] {
            let Err(v2::Error::RuntimeError(message)) = result else {
                panic!("expected runtime-error, got {result:?}")
            };
            assert!(
                message.starts_with("embedding model not installed"),
                "{message}"
            );
            assert!(
                message.contains("/nonexistent-state/ai-models/all-minilm-l6-v2"),
                "{message}"
            );
            assert!(message.contains("ensure_embedding_model"), "{message}");
        }
    }

    #[tokio::test]
    async fn inference_is_left_to_the_gateway() {
        let mut s = state(&["llama2-chat"]);
        let err = v2::Host::infer(&mut s, "llama2-chat".into(), "hi".into(), None)
            .await
            .unwrap()
            .unwrap_err();
        assert!(matches!(err, v2::Error::ModelNotSupported), "{err:?}");
        let err = v1::Host::infer(&mut s, "codellama-instruct".into(), "hi".into(), None)
            .await
            .unwrap()
            .unwrap_err();
        assert!(matches!(err, v1::Error::InvalidInput(_)), "{err:?}");
    }
}
