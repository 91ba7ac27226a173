//! Cranfield quality benchmark (a measurement, not a test).
//!
//! `cargo run --release -p retrieval-core --bin retrieval-quality [-- DATASET_DIR]`
//! (default `../shared/datasets/cranfield` from the repo root). Prints nDCG@10, MAP,
//! Recall@100 and P@10 (MAP over the top 1000) of BM25 (k1 = 1.2, b = 0.75) over title + abstract, with and without
//! English stopwords, and the same over the function's chunking (document score = best chunk).

use std::collections::HashMap;
use std::path::PathBuf;

use retrieval_core::eval::{evaluate, Cranfield, Metrics};
use retrieval_core::{chunk, extract, tokenize, Bm25Index, Bm25Params, ChunkConfig, ContentType};

fn document_text(d: &retrieval_core::eval::Record) -> String {
    format!("{}\n\n{}", d.title, d.text)
}

fn run(c: &Cranfield, stopwords: bool, chunked: bool) -> Metrics {
    let mut index = Bm25Index::new();
    // Index position → Cranfield document id.
    let mut owner: Vec<u32> = Vec::new();
    for d in &c.documents {
        let text = document_text(d);
        if chunked {
            let extracted = extract(ContentType::Plain, &text);
            for piece in chunk(&extracted, &ChunkConfig::default()) {
                index.add(&tokenize(&piece.contextual_text(), stopwords));
                owner.push(d.id);
            }
        } else {
            index.add(&tokenize(&text, stopwords));
            owner.push(d.id);
        }
    }
    let rankings: Vec<Vec<u32>> = c
        .queries
        .iter()
        .map(|q| {
            let hits = index.search(&tokenize(&q.text, stopwords), Bm25Params::default(), 1000);
            let mut seen = std::collections::HashSet::new();
            hits.into_iter()
                .map(|(i, _)| owner[i as usize])
                .filter(|d| seen.insert(*d))
                .take(1000)
                .collect()
        })
        .collect();
    let judgements = |i: usize| -> Option<HashMap<u32, i32>> { c.judgements(i).cloned() };
    evaluate(&rankings, &judgements)
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/datasets/cranfield"));
    let c = match Cranfield::load(&dir) {
        Ok(c) => c,
        Err(e) => {
            eprintln!(
                "cannot read the Cranfield collection in {}: {e}",
                dir.display()
            );
            std::process::exit(2);
        }
    };
    println!(
        "Cranfield: {} documents, {} queries, {} judged queries",
        c.documents.len(),
        c.queries.len(),
        (0..c.queries.len())
            .filter(|&i| c.judgements(i).is_some())
            .count()
    );
    println!("| run | nDCG@10 | MAP | Recall@100 | P@10 |");
    println!("| --- | --- | --- | --- | --- |");
    for (name, stopwords, chunked) in [
        ("BM25, all tokens (reference 0.344)", false, false),
        ("BM25, stopwords removed (reference 0.360)", true, false),
        ("BM25 over chunks, all tokens", false, true),
        ("BM25 over chunks, stopwords removed", true, true),
    ] {
        let m = run(&c, stopwords, chunked);
        println!(
            "| {name} | {:.3} | {:.3} | {:.3} | {:.3} |",
            m.ndcg_at_10, m.map, m.recall_at_100, m.precision_at_10
        );
    }
}
