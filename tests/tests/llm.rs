//! fermyon:spin/llm through the real host: a spin-sdk guest (tests/guests/llm-probe) calls
//! generate-embeddings and gets all-MiniLM-L6-v2 vectors matching the reference numbers that
//! infra/host/crates/factor-llm/reference/reference.py computed independently.
//!
//! Needs the model (`source scripts/lib/common.sh && ensure_embedding_model`, which
//! scripts/test runs); without it these tests fail, they do not skip.

use std::path::{Path, PathBuf};
use std::time::Instant;

use e2e::harness::{component_wasm, unique_name, workspace_root, TestApp};
use host_factor_llm::reference::{self, cosine, floats, max_abs_diff};
use serde_json::{json, Value};

const MODEL: &str = "all-minilm-l6-v2";

/// The model directory by the host's own lookup, checked to hold the model.
fn model_dir() -> PathBuf {
    let dir = host_factor_llm::model_dir_from_env(&workspace_root().join(".spin"))
        .expect("model dir lookup");
    for file in host_factor_llm::REQUIRED_FILES {
        assert!(
            dir.join(file).is_file(),
            "{} missing: {}",
            dir.join(file).display(),
            host_factor_llm::INSTALL_HINT
        );
    }
    dir
}

fn expected() -> Value {
    serde_json::from_str(reference::EXPECTED_JSON).expect("expected.json")
}

/// A manifest with the probe on `/llm/...`, allowed `ai_models`.
fn manifest(ai_models: &[&str]) -> PathBuf {
    let dir = std::env::temp_dir().join(unique_name("llm-e2e"));
    std::fs::create_dir_all(&dir).unwrap();
    let text = format!(
        "spin_manifest_version = 2\n\
         [application]\nname = \"llm-e2e\"\nversion = \"0.0.1\"\n\
         [[trigger.http]]\nroute = \"/llm/...\"\ncomponent = \"llm\"\n\
         [component.llm]\nsource = {source:?}\nai_models = {models}\n",
        source = component_wasm("llm_probe").display().to_string(),
        models = serde_json::to_string(ai_models).unwrap(),
    );
    let path = dir.join("spin.toml");
    std::fs::write(&path, text).unwrap();
    path
}

async fn start(ai_models: &[&str], model_dir: &Path) -> TestApp {
    TestApp::builder()
        .existing_manifest(manifest(ai_models))
        .env(
            host_factor_llm::MODEL_DIR_ENV,
            model_dir.to_str().expect("UTF-8 path"),
        )
        .start()
        .await
}

async fn embed(app: &TestApp, model: &str, texts: &[String]) -> Value {
    let body = json!({"model": model, "texts": texts}).to_string();
    let response = app.post("/llm/embed", body).await;
    assert_eq!(response.status, 200, "{}", response.text());
    response.json()
}

#[tokio::test]
async fn guest_embeddings_match_the_reference_model() {
    let app = start(&[MODEL], &model_dir()).await;
    let expected = expected();
    let sentences = expected["sentences"].as_array().unwrap();
    let texts: Vec<String> = sentences
        .iter()
        .map(|s| s["text"].as_str().unwrap().to_owned())
        .collect();
    let answer = embed(&app, MODEL, &texts).await;
    let vectors = answer["embeddings"]
        .as_array()
        .unwrap_or_else(|| panic!("{answer}"));
    assert_eq!(vectors.len(), texts.len());
    let tokens: usize = sentences
        .iter()
        .map(|s| s["token_ids"].as_array().unwrap().len())
        .sum();
    assert_eq!(answer["prompt_token_count"], json!(tokens));
    for (sentence, vector) in sentences.iter().zip(vectors) {
        let got = floats(vector);
        let want = floats(&sentence["vector"]);
        assert_eq!(got.len(), 384);
        let cos = cosine(&got, &want);
        let diff = max_abs_diff(&got, &want);
        assert!(
            cos >= 0.9999 && diff <= 1e-4,
            "{}: cosine {cos}, max diff {diff}",
            sentence["text"]
        );
    }
    // Empty input is an empty answer, not an error.
    let none = embed(&app, MODEL, &[]).await;
    assert_eq!(none["embeddings"], json!([]));
}

#[tokio::test]
async fn batch_of_32_through_the_host() {
    let app = start(&[MODEL], &model_dir()).await;
    let texts: Vec<String> = (0..32)
        .map(|i| format!("Short sentence number {i} about documents and search."))
        .collect();
    // The first call loads the model; the timed ones measure embedding alone.
    embed(&app, MODEL, &texts).await;
    let rounds = 3;
    let started = Instant::now();
    let mut host_ms = 0.0;
    for _ in 0..rounds {
        let answer = embed(&app, MODEL, &texts).await;
        assert_eq!(answer["embeddings"].as_array().map(Vec::len), Some(32));
        host_ms += answer["host_call_ms"].as_f64().unwrap();
    }
    let per_second = (rounds * 32) as f64 / started.elapsed().as_secs_f64();
    eprintln!(
        "through the host: {per_second:.0} embeddings/s (batch 32, host call {:.0} ms per batch)",
        host_ms / rounds as f64
    );
}

#[tokio::test]
async fn missing_model_is_a_wit_error_and_the_host_keeps_serving() {
    let app = start(&[MODEL], Path::new("/nonexistent/all-minilm-l6-v2")).await;
    for _ in 0..2 {
        let answer = embed(&app, MODEL, &["hello".to_owned()]).await;
        assert_eq!(answer["error"]["kind"], "runtime-error", "{answer}");
        let message = answer["error"]["message"].as_str().unwrap();
        assert!(
            message.starts_with("embedding model not installed"),
            "{message}"
        );
        assert!(message.contains("ensure_embedding_model"), "{message}");
    }
    let warned = app
        .wait_for_stderr("embedding_model_missing", std::time::Duration::from_secs(5))
        .await;
    assert!(
        warned.is_some(),
        "the host warns at start when ai_models cannot be served"
    );
}

#[tokio::test]
async fn models_outside_ai_models_and_inference_are_refused() {
    let app = start(&["llama2-chat"], &model_dir()).await;
    let answer = embed(&app, MODEL, &["hello".to_owned()]).await;
    assert_eq!(answer["error"]["kind"], "invalid-input", "{answer}");
    assert!(answer["error"]["message"]
        .as_str()
        .unwrap()
        .contains("ai_models"));

    let response = app
        .post(
            "/llm/infer",
            json!({"model": "llama2-chat", "prompt": "hi"}).to_string(),
        )
        .await;
    assert_eq!(response.status, 200);
    assert_eq!(response.json()["error"]["kind"], "model-not-supported");

    let answer = embed(&app, "llama2-chat", &["hello".to_owned()]).await;
    assert_eq!(answer["error"]["kind"], "model-not-supported", "{answer}");
}
