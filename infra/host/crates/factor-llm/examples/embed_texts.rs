//! Embeds a file of texts once with the host's own model code, so that quality experiments
//! (retrieval-core's `cranfield_fusion` example) can try ranking and fusion variants in
//! seconds instead of re-running the model through the host for each.
//!
//! `source scripts/lib/common.sh && ensure_embedding_model &&
//!  cargo run -p host-factor-llm --example embed_texts -- TEXTS.jsonl VECTORS.bin`
//!
//! Input: one JSON string per line. Output: `EMB1`, then little-endian u32 count, u32
//! dimensions, u64 FNV-1a hash of the input file, then count × dimensions f32 (LE). When the
//! output already holds vectors of the same input (same hash), nothing is recomputed.

use std::io::{BufRead, Write};
use std::time::Instant;

use host_factor_llm::{model_dir_from_env, EmbeddingModel, FORWARD_BATCH, INSTALL_HINT};

const MAGIC: &[u8; 4] = b"EMB1";

/// FNV-1a: a cache key, not a security boundary; std's hasher is not stable across releases.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn cached_hash(path: &str) -> Option<u64> {
    let mut header = [0u8; 20];
    let mut file = std::fs::File::open(path).ok()?;
    std::io::Read::read_exact(&mut file, &mut header).ok()?;
    (&header[..4] == MAGIC).then(|| u64::from_le_bytes(header[12..20].try_into().unwrap()))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: embed_texts TEXTS.jsonl VECTORS.bin");
        std::process::exit(2);
    };
    let raw = std::fs::read(input).unwrap_or_else(|e| panic!("read {input}: {e}"));
    let hash = fnv1a(&raw);
    if cached_hash(output) == Some(hash) {
        eprintln!("{output} already holds the vectors of {input}");
        return;
    }
    let texts: Vec<String> = raw
        .lines()
        .map(|line| serde_json::from_str(&line.expect("utf-8 line")).expect("a JSON string"))
        .collect();

    let dir = model_dir_from_env(std::path::Path::new(".spin")).expect("model dir");
    let model = EmbeddingModel::load(&dir)
        .unwrap_or_else(|e| panic!("{e} (looked in {}): {INSTALL_HINT}", dir.display()));
    let started = Instant::now();
    let mut vectors: Vec<Vec<f32>> = Vec::with_capacity(texts.len());
    for batch in texts.chunks(FORWARD_BATCH) {
        vectors.extend(model.embed(batch).expect("embed").vectors);
        eprint!("\r{} of {} texts", vectors.len(), texts.len());
    }
    eprintln!(
        "\r{} texts in {:.1} s",
        texts.len(),
        started.elapsed().as_secs_f64()
    );

    let dims = model.dims();
    let mut bytes = Vec::with_capacity(20 + vectors.len() * dims * 4);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&(vectors.len() as u32).to_le_bytes());
    bytes.extend_from_slice(&(dims as u32).to_le_bytes());
    bytes.extend_from_slice(&hash.to_le_bytes());
    for v in &vectors {
        assert_eq!(v.len(), dims);
        for x in v {
            bytes.extend_from_slice(&x.to_le_bytes());
        }
    }
    // Written aside and renamed, so an interrupted run never leaves a file that looks cached.
    let partial = format!("{output}.partial");
    let mut file = std::fs::File::create(&partial).expect("create output");
    file.write_all(&bytes).expect("write output");
    std::fs::rename(&partial, output).expect("rename output");
}
