//! Native embedding throughput: batches of 32 short sentences through the same code the host
//! runs (`EmbeddingModel::embed`), after one warm-up batch.
//!
//! `source scripts/lib/common.sh && ensure_embedding_model && cargo run -p host-factor-llm --example embed_bench [rounds]`

use std::time::Instant;

use host_factor_llm::{model_dir_from_env, EmbeddingModel, INSTALL_HINT};

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(10);
    let dir = model_dir_from_env(std::path::Path::new(".spin")).expect("model dir");
    let started = Instant::now();
    let model = EmbeddingModel::load(&dir)
        .unwrap_or_else(|e| panic!("{e} (looked in {}): {INSTALL_HINT}", dir.display()));
    let load = started.elapsed();
    let batch: Vec<String> = (0..32)
        .map(|i| format!("Short sentence number {i} about documents and search."))
        .collect();
    let warm = model.embed(&batch).expect("embed");
    let tokens_per_text = warm.prompt_tokens as f64 / 32.0;

    let started = Instant::now();
    for _ in 0..rounds {
        model.embed(&batch).expect("embed");
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "model load {:.0} ms; {} batches of 32 ({tokens_per_text:.1} tokens each): {:.1} ms/batch, {:.0} embeddings/s",
        load.as_secs_f64() * 1e3,
        rounds,
        elapsed * 1e3 / rounds as f64,
        (rounds * 32) as f64 / elapsed
    );
}
