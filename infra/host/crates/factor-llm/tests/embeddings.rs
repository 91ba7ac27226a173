//! The native embedding against reference numbers computed once, independently, from the same
//! model files (reference/reference.py: pure-Python WordPiece + float64 numpy BERT; its output
//! is reference/expected.json). Needs the model installed; never skips.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use host_factor_llm::reference::{self, cosine, dot, floats, max_abs_diff};
use host_factor_llm::{model_dir_from_env, EmbeddingError, EmbeddingModel, INSTALL_HINT};
use serde_json::Value;

fn state_dir() -> PathBuf {
    // The host's default state dir when run from the repo root (scripts/up).
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../../.spin")
}

/// The model, found by the same lookup the host does; a missing model fails the test.
fn model() -> &'static EmbeddingModel {
    static MODEL: OnceLock<EmbeddingModel> = OnceLock::new();
    MODEL.get_or_init(|| {
        let dir = model_dir_from_env(&state_dir()).expect("model dir lookup");
        EmbeddingModel::load(&dir)
            .unwrap_or_else(|err| panic!("{err} (looked in {}): {INSTALL_HINT}", dir.display()))
    })
}

fn expected() -> Value {
    serde_json::from_str(reference::EXPECTED_JSON).expect("expected.json")
}

#[test]
fn vectors_match_the_independent_reference() {
    let expected = expected();
    let sentences = expected["sentences"].as_array().unwrap();
    let texts: Vec<String> = sentences
        .iter()
        .map(|s| s["text"].as_str().unwrap().to_owned())
        .collect();
    // All at once: one padded forward pass, as a guest's batch would be.
    let got = model().embed(&texts).unwrap();
    assert_eq!(got.vectors.len(), texts.len());
    let mut worst_cosine = 1.0f32;
    let mut worst_diff = 0.0f32;
    let mut token_total = 0;
    for (sentence, vector) in sentences.iter().zip(&got.vectors) {
        let text = sentence["text"].as_str().unwrap();
        let ids: Vec<u32> = sentence["token_ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_u64().unwrap() as u32)
            .collect();
        assert_eq!(
            model().token_ids(text).unwrap(),
            ids,
            "token ids of {text:?}"
        );
        token_total += ids.len();

        let reference = floats(&sentence["vector"]);
        assert_eq!(vector.len(), 384, "{text:?}");
        assert!(
            (dot(vector, vector).sqrt() - 1.0).abs() < 1e-5,
            "unit norm for {text:?}"
        );
        let cos = cosine(vector, &reference);
        let diff = max_abs_diff(vector, &reference);
        worst_cosine = worst_cosine.min(cos);
        worst_diff = worst_diff.max(diff);
        assert!(
            cos >= 0.9999,
            "cosine {cos} with the reference for {text:?}"
        );
        assert!(
            diff <= 1e-4,
            "max abs diff {diff} from the reference for {text:?}"
        );
    }
    assert_eq!(got.prompt_tokens as usize, token_total);
    eprintln!("worst cosine with reference {worst_cosine}, worst max abs diff {worst_diff}");

    let cosines = &expected["cosines"];
    for (i, a) in got.vectors.iter().enumerate() {
        for (j, b) in got.vectors.iter().enumerate() {
            let want = cosines[i][j].as_f64().unwrap() as f32;
            assert!((cosine(a, b) - want).abs() < 1e-4, "cosine[{i}][{j}]");
        }
    }
}

#[test]
fn padding_in_a_batch_does_not_change_a_vector() {
    let texts: Vec<String> = [
        "short",
        "a much longer sentence that needs many more tokens to say",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let together = model().embed(&texts).unwrap().vectors;
    for (text, vector) in texts.iter().zip(&together) {
        let alone = &model().embed(std::slice::from_ref(text)).unwrap().vectors[0];
        let diff = max_abs_diff(vector, alone);
        assert!(diff < 1e-5, "{text:?} differs by {diff} when padded");
    }
}

#[test]
fn similar_sentences_are_closer_than_unrelated_ones() {
    let texts: Vec<String> = [
        "How do I reset my password?",
        "Steps to recover a forgotten account password",
        "The weather in Lisbon is sunny today",
        "A man is playing a guitar on stage.",
        "Someone performs music with a guitar.",
        "The stock market fell sharply on Monday.",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let v = model().embed(&texts).unwrap().vectors;
    assert!(cosine(&v[0], &v[1]) > cosine(&v[0], &v[2]) + 0.3);
    assert!(cosine(&v[3], &v[4]) > cosine(&v[3], &v[5]) + 0.3);
    assert!(cosine(&v[0], &v[1]) > 0.5 && cosine(&v[3], &v[4]) > 0.5);
}

#[test]
fn empty_inputs_embed_without_error() {
    assert!(model().embed(&[]).unwrap().vectors.is_empty());
    let blank = model().embed(&[String::new()]).unwrap();
    assert_eq!(blank.vectors[0].len(), 384);
    assert_eq!(blank.prompt_tokens, 2, "[CLS] and [SEP]");
}

#[test]
fn missing_model_is_an_error_not_a_panic() {
    let dir = std::env::temp_dir().join(format!("no-model-{}", std::process::id()));
    match EmbeddingModel::load(&dir) {
        Err(EmbeddingError::NotInstalled { missing }) => assert!(missing.starts_with(&dir)),
        Err(other) => panic!("expected NotInstalled, got {other}"),
        Ok(_) => panic!("loaded a model from an empty path"),
    }
    // Files present but not a model: a load error, still no panic.
    std::fs::create_dir_all(&dir).unwrap();
    for file in host_factor_llm::REQUIRED_FILES {
        std::fs::write(dir.join(file), b"not a model").unwrap();
    }
    let err = EmbeddingModel::load(&dir)
        .err()
        .expect("garbage must not load");
    assert!(matches!(err, EmbeddingError::Load { .. }), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn engine_reports_a_missing_model_and_embeds_from_the_real_one() {
    let missing = host_factor_llm::EmbeddingEngine::new("/nonexistent/all-minilm-l6-v2".into());
    let err = missing.embed(vec!["x".into()]).await.unwrap_err();
    assert!(
        err.to_string().contains("embedding model not installed"),
        "{err}"
    );

    let dir = model_dir_from_env(&state_dir()).unwrap();
    let engine = host_factor_llm::EmbeddingEngine::new(dir.clone());
    let texts: Vec<String> = (0..40).map(|i| format!("sentence number {i}")).collect();
    let got = engine
        .embed(texts.clone())
        .await
        .unwrap_or_else(|e| panic!("{e} (looked in {}): {INSTALL_HINT}", dir.display()));
    // 40 texts cross a forward-batch boundary; order must be the guest's.
    assert_eq!(got.vectors.len(), 40);
    let direct = model().embed(&texts[7..8]).unwrap().vectors;
    assert!(cosine(&got.vectors[7], &direct[0]) > 0.99999);

    // Concurrent callers wait their turn and each gets its own answer.
    let (a, b) = tokio::join!(
        engine.embed(texts[..3].to_vec()),
        engine.embed(texts[3..5].to_vec())
    );
    let (a, b) = (a.unwrap().vectors, b.unwrap().vectors);
    assert_eq!((a.len(), b.len()), (3, 2));
    assert!(cosine(&a[0], &got.vectors[0]) > 0.99999);
    assert!(cosine(&b[1], &got.vectors[4]) > 0.99999);
}
