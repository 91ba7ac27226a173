//! Hybrid fusion on Cranfield, natively and in seconds: the experiment loop behind the
//! service's default fusion (a measurement, not a test).
//!
//! The lexical side is real SQLite FTS5 `bm25()` over the function's tokens, chunked as the
//! function chunks; the dense side is exact cosine over all-minilm-l6-v2 vectors computed once
//! by host-factor-llm's `embed_texts` example (the host's own model code). Then every fusion
//! variant is scored with `retrieval_core::eval`, and the chosen default is run once more
//! through the real `service::search` (ingest + search on SQLite) to check nothing is lost
//! between this loop and the function. `scripts/retrieval-quality --fusion` runs all of it:
//!
//! ```sh
//! cargo run -p retrieval-core --example cranfield_fusion -- texts DATASET target/cranfield/texts.jsonl
//! cargo run -p host-factor-llm --example embed_texts -- target/cranfield/texts.jsonl target/cranfield/vectors.bin
//! cargo run -p retrieval-core --example cranfield_fusion -- eval DATASET target/cranfield/texts.jsonl target/cranfield/vectors.bin
//! ```
//!
//! Tuning is honest about the test set: weights are either the literature's fixed values or
//! chosen by two-fold cross-validation (odd/even queries: pick on one half, score the other).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use retrieval_core::eval::{evaluate, Cranfield, Metrics};
use retrieval_core::fusion::{self, Fusion, Normalization};
use retrieval_core::lexical::{Analyzer, QueryExpansion};
use retrieval_core::service::{self, Embedder, NewDocument, NewKb, SearchRequest};
use retrieval_core::{chunk, extract, ChunkConfig, ContentType};
use serde_json::{json, Map, Value};
use storage::native::NativeSqlite;
use storage::Sql;

/// Candidates per ranker in `service::search` without a filter.
const SERVICE_CANDIDATES: usize = 100;

/// What the quality script uploads for a Cranfield record: title, blank line, abstract.
fn document_text(d: &retrieval_core::eval::Record) -> String {
    format!("{}\n\n{}", d.title, d.text)
}

/// The indexed unit: one chunk of one record, as the function chunks and contextualises it.
struct Unit {
    cran_id: u32,
    text: String,
}

fn units(c: &Cranfield) -> Vec<Unit> {
    let mut out = Vec::new();
    for d in &c.documents {
        let text = document_text(d);
        // The function refuses empty documents (422); the quality script skips them too.
        if text.trim().is_empty() {
            continue;
        }
        for piece in chunk(&extract(ContentType::Plain, &text), &ChunkConfig::default()) {
            out.push(Unit {
                cran_id: d.id,
                text: piece.contextual_text(),
            });
        }
    }
    out
}

/// The query as the service embeds it (trimmed).
fn query_texts(c: &Cranfield) -> Vec<String> {
    c.queries
        .iter()
        .map(|q| q.text.trim().to_string())
        .collect()
}

/// Chunk texts, then query texts: the order `embed_texts` keeps.
fn all_texts(c: &Cranfield) -> Vec<String> {
    let mut texts: Vec<String> = units(c).into_iter().map(|u| u.text).collect();
    texts.extend(query_texts(c));
    texts
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn jsonl(texts: &[String]) -> String {
    texts
        .iter()
        .map(|t| serde_json::to_string(t).unwrap() + "\n")
        .collect()
}

/// Reads `embed_texts` output and checks it was computed from exactly these texts.
fn read_vectors(path: &Path, texts: &[String]) -> Vec<Vec<f32>> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    assert_eq!(&bytes[..4], b"EMB1", "not an embed_texts file");
    let count = u32::from_le_bytes(bytes[4..8].try_into().unwrap()) as usize;
    let dims = u32::from_le_bytes(bytes[8..12].try_into().unwrap()) as usize;
    let hash = u64::from_le_bytes(bytes[12..20].try_into().unwrap());
    assert_eq!(
        hash,
        fnv1a(jsonl(texts).as_bytes()),
        "{} was computed from other texts: re-run the texts and embed_texts steps",
        path.display()
    );
    assert_eq!(count, texts.len());
    bytes[20..]
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes(b.try_into().unwrap()))
        .collect::<Vec<f32>>()
        .chunks_exact(dims)
        .map(<[f32]>::to_vec)
        .collect()
}

/// Per query, each ranker's candidates (unit index, raw score), best first.
struct Runs {
    lexical: Vec<Vec<(usize, f64)>>,
    dense: Vec<Vec<(usize, f64)>>,
}

/// FTS5 `bm25()` over the function's terms, the statement shape the service uses, with the
/// service's pseudo-relevance feedback when `expansion` is given.
fn lexical_runs(
    units: &[Unit],
    queries: &[String],
    depth: usize,
    analyzer: Analyzer,
    expansion: Option<QueryExpansion>,
) -> Vec<Vec<(usize, f64)>> {
    let db = NativeSqlite::open_in_memory().expect("sqlite");
    db.execute(
        "CREATE VIRTUAL TABLE fts USING fts5(terms, tokenize = 'unicode61 remove_diacritics 0')",
        &[],
    )
    .unwrap();
    db.execute("BEGIN", &[]).unwrap();
    for (i, u) in units.iter().enumerate() {
        db.execute(
            "INSERT INTO fts (rowid, terms) VALUES ($1, $2)",
            &[(i as i64).into(), analyzer.normalized(&u.text).into()],
        )
        .unwrap();
    }
    db.execute("COMMIT", &[]).unwrap();
    let full_text_match = |terms: &[String]| -> Vec<(usize, f64)> {
        let expression = terms
            .iter()
            .map(|t| format!("\"{t}\""))
            .collect::<Vec<_>>()
            .join(" OR ");
        db.query(
            "SELECT rowid AS id, -bm25(fts) AS score FROM fts WHERE fts MATCH $1 \
             ORDER BY bm25(fts), rowid LIMIT $2",
            &[expression.into(), (depth as i64).into()],
        )
        .unwrap()
        .iter()
        .map(|r| (r.int("id").unwrap() as usize, r.real("score").unwrap()))
        .collect()
    };
    queries
        .iter()
        .map(|q| {
            let terms = analyzer.query_terms(q);
            if terms.is_empty() {
                return Vec::new();
            }
            let first = full_text_match(&terms);
            let Some(expansion) = expansion else {
                return first;
            };
            let feedback: Vec<(f64, Vec<String>)> = first
                .iter()
                .take(expansion.feedback_chunks)
                .map(|&(i, score)| (score, analyzer.terms(&units[i].text)))
                .collect();
            let extra = expansion.expansion_terms(&feedback);
            if extra.is_empty() {
                return first;
            }
            let second = full_text_match(&extra);
            let mut ranking = expansion.interpolate(&first, terms.len(), &second, extra.len());
            ranking.truncate(depth);
            ranking
        })
        .collect()
}

fn dense_runs(
    unit_vectors: &[Vec<f32>],
    query_vectors: &[Vec<f32>],
    depth: usize,
) -> Vec<Vec<(usize, f64)>> {
    query_vectors
        .iter()
        .map(|q| {
            let mut scored: Vec<(usize, f64)> = unit_vectors
                .iter()
                .enumerate()
                .filter_map(|(i, v)| Some((i, f64::from(retrieval_core::cosine(q, v)?))))
                .collect();
            scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            scored.truncate(depth);
            scored
        })
        .collect()
}

/// Unit ranking → Cranfield ids, first occurrence of each.
fn to_documents(units: &[Unit], ranking: impl Iterator<Item = usize>) -> Vec<u32> {
    let mut seen = HashSet::new();
    ranking
        .map(|i| units[i].cran_id)
        .filter(|d| seen.insert(*d))
        .collect()
}

fn metrics(c: &Cranfield, rankings: &[Vec<u32>], keep: &dyn Fn(usize) -> bool) -> Metrics {
    let judgements = |i: usize| -> Option<HashMap<u32, i32>> {
        if keep(i) {
            c.judgements(i).cloned()
        } else {
            None
        }
    };
    evaluate(rankings, &judgements)
}

fn row(name: &str, m: Metrics) {
    println!(
        "| {name} | {:.3} | {:.3} | {:.3} | {:.3} |",
        m.ndcg_at_10, m.map, m.recall_at_100, m.precision_at_10
    );
}

fn fuse_all(units: &[Unit], runs: &Runs, pool: usize, how: Fusion) -> Vec<Vec<u32>> {
    runs.lexical
        .iter()
        .zip(&runs.dense)
        .map(|(lex, den)| {
            let lex: Vec<(usize, f64)> = lex.iter().take(pool).copied().collect();
            let den: Vec<(usize, f64)> = den.iter().take(pool).copied().collect();
            let fused = fusion::fuse(&lex, &den, how);
            to_documents(units, fused.into_iter().map(|(i, _)| i))
        })
        .collect()
}

/// One fusion at each parameter value: (label, ranking per query).
type Family = Vec<(String, Vec<Vec<u32>>)>;

/// Two-fold cross-validation over odd/even query positions: the parameter is chosen on one
/// half (best nDCG@10) and scored on the other; returns the pooled held-out metrics and the
/// choices.
fn cross_validate(c: &Cranfield, candidates: &Family) -> (Metrics, [String; 2]) {
    let mut chosen = [String::new(), String::new()];
    let mut held_out = Vec::new();
    for (fold, choice) in chosen.iter_mut().enumerate() {
        let train = move |i: usize| i % 2 == fold;
        let best = candidates
            .iter()
            .max_by(|a, b| {
                metrics(c, &a.1, &train)
                    .ndcg_at_10
                    .total_cmp(&metrics(c, &b.1, &train).ndcg_at_10)
            })
            .unwrap();
        *choice = best.0.clone();
        held_out.push((best.1.clone(), fold));
    }
    // Query i is scored by the run chosen on the other half.
    let rankings: Vec<Vec<u32>> = (0..c.queries.len())
        .map(|i| {
            let (r, _) = held_out.iter().find(|(_, fold)| i % 2 != *fold).unwrap();
            r[i].clone()
        })
        .collect();
    (metrics(c, &rankings, &|_| true), chosen)
}

/// The service's own search, natively: serves the cached vectors by text.
struct CachedEmbedder(HashMap<String, Vec<f32>>);

impl Embedder for CachedEmbedder {
    fn embed(&self, texts: &[String]) -> Result<Vec<Vec<f32>>, String> {
        texts
            .iter()
            .map(|t| {
                self.0
                    .get(t)
                    .cloned()
                    .ok_or_else(|| format!("no cached vector for {t:?}"))
            })
            .collect()
    }
}

/// Ingests the collection through `service::ingest` and runs each query through
/// `service::search` with `body` (mode, fusion...), top 50 as the API allows.
fn through_service(c: &Cranfield, embedder: &CachedEmbedder, bodies: &[(&str, Value)]) {
    let db = NativeSqlite::open_in_memory().expect("sqlite");
    service::migrate(&db).unwrap();
    let tenant = "cranfield";
    let kb = service::create_kb(
        &db,
        tenant,
        NewKb {
            name: "cranfield".into(),
            description: None,
        },
        0,
    )
    .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut owners: HashMap<String, Vec<u32>> = HashMap::new();
    for d in &c.documents {
        let text = document_text(d);
        if text.trim().is_empty() {
            continue;
        }
        let mut metadata = Map::new();
        metadata.insert("cran_id".into(), json!(d.id));
        let out = service::ingest(
            &db,
            embedder,
            tenant,
            &kb,
            NewDocument {
                text,
                title: None,
                content_type: ContentType::Plain,
                metadata,
            },
            None,
            &ChunkConfig::default(),
            0,
        )
        .unwrap();
        let doc_id = out.document["doc_id"].as_str().unwrap().to_string();
        owners.entry(doc_id).or_default().push(d.id);
    }
    for (name, body) in bodies {
        let started = std::time::Instant::now();
        let rankings: Vec<Vec<u32>> = c
            .queries
            .iter()
            .map(|q| {
                let mut request = body.clone();
                request["query"] = json!(q.text);
                request["top_k"] = json!(50);
                let request: SearchRequest = serde_json::from_value(request).unwrap();
                let answer = service::search(&db, embedder, tenant, &kb, request).unwrap();
                let mut seen = HashSet::new();
                answer["results"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|hit| owners[hit["doc_id"].as_str().unwrap()].clone())
                    .filter(|d| seen.insert(*d))
                    .collect()
            })
            .collect();
        let per_query = started.elapsed().as_secs_f64() * 1e3 / c.queries.len() as f64;
        row(
            &format!(
                "service::search {name} (top 50: MAP@50, R@100 = R@50; {per_query:.1} ms/query)"
            ),
            metrics(c, &rankings, &|_| true),
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage =
        "usage: cranfield_fusion texts DATASET TEXTS.jsonl | eval DATASET TEXTS.jsonl VECTORS.bin";
    let (Some(command), Some(dataset)) = (args.first(), args.get(1)) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let c = Cranfield::load(Path::new(dataset))
        .unwrap_or_else(|e| panic!("cannot read the Cranfield collection in {dataset}: {e}"));
    let texts = all_texts(&c);
    match (command.as_str(), args.get(2), args.get(3)) {
        ("texts", Some(out), None) => {
            if let Some(parent) = Path::new(out).parent() {
                std::fs::create_dir_all(parent).unwrap();
            }
            let body = jsonl(&texts);
            // Unchanged texts keep their file, so the vectors' cache stays valid.
            if std::fs::read_to_string(out).ok().as_deref() != Some(body.as_str()) {
                std::fs::write(out, body).unwrap();
            }
        }
        ("eval", Some(_), Some(vectors)) => eval(&c, &texts, Path::new(vectors)),
        _ => {
            eprintln!("{usage}");
            std::process::exit(2);
        }
    }
}

fn eval(c: &Cranfield, texts: &[String], vectors_path: &Path) {
    let units = units(c);
    let queries = query_texts(c);
    let vectors = read_vectors(vectors_path, texts);
    let (unit_vectors, query_vectors) = vectors.split_at(units.len());
    const DEPTH: usize = 1000;
    // The service's lexical ranker: stemmed, expanded by feedback.
    let expansion = QueryExpansion::default();
    let runs = Runs {
        lexical: lexical_runs(&units, &queries, DEPTH, Analyzer::CURRENT, Some(expansion)),
        dense: dense_runs(unit_vectors, query_vectors, DEPTH),
    };
    let all = |_: usize| true;
    println!(
        "Cranfield: {} records → {} chunks, {} queries ({} judged)",
        c.documents.len(),
        units.len(),
        queries.len(),
        (0..queries.len())
            .filter(|&i| c.judgements(i).is_some())
            .count()
    );
    println!("| run | nDCG@10 | MAP | Recall@100 | P@10 |");
    println!("| --- | --- | --- | --- | --- |");
    let single = |r: &Vec<Vec<(usize, f64)>>| -> Vec<Vec<u32>> {
        r.iter()
            .map(|hits| to_documents(&units, hits.iter().map(|h| h.0)))
            .collect()
    };
    for (name, analyzer, expansion) in [
        ("plain terms", Analyzer::Plain, None),
        ("stemmed", Analyzer::EnglishStemmed, None),
        ("plain terms + feedback", Analyzer::Plain, Some(expansion)),
    ] {
        let run = lexical_runs(&units, &queries, DEPTH, analyzer, expansion);
        row(
            &format!("lexical (FTS5 bm25), {name}"),
            metrics(c, &single(&run), &all),
        );
    }
    row(
        "lexical (FTS5 bm25), stemmed + feedback (the service's)",
        metrics(c, &single(&runs.lexical), &all),
    );
    row("dense (cosine)", metrics(c, &single(&runs.dense), &all));

    for pool in [100, 1000] {
        for k in [60.0, 20.0] {
            let r = fuse_all(
                &units,
                &runs,
                pool,
                Fusion::Rrf {
                    k,
                    dense_weight: 0.5,
                },
            );
            row(&format!("RRF k {k}, pool {pool}"), metrics(c, &r, &all));
        }
    }
    let weights: Vec<f64> = (0..=10).map(|i| f64::from(i) / 10.0).collect();
    let mut families: Vec<(String, Family)> = Vec::new();
    for pool in [100, 1000] {
        let rrf_family = weights
            .iter()
            .map(|&w| {
                (
                    format!("w {w}"),
                    fuse_all(
                        &units,
                        &runs,
                        pool,
                        Fusion::Rrf {
                            k: 60.0,
                            dense_weight: w,
                        },
                    ),
                )
            })
            .collect();
        families.push((format!("weighted RRF k 60, pool {pool}"), rrf_family));
        for normalization in [
            Normalization::MinMax,
            Normalization::ZScore,
            Normalization::TheoreticalMinMax,
        ] {
            let family = weights
                .iter()
                .map(|&w| {
                    (
                        format!("α {w}"),
                        fuse_all(
                            &units,
                            &runs,
                            pool,
                            Fusion::Convex {
                                normalization,
                                dense_weight: w,
                            },
                        ),
                    )
                })
                .collect();
            families.push((format!("convex {normalization:?}, pool {pool}"), family));
        }
    }
    println!();
    println!("nDCG@10 by dense weight (all queries; for reading the curve, not for choosing):");
    println!();
    println!(
        "| fusion | {} | 2-fold CV nDCG@10 (choices) |",
        weights
            .iter()
            .map(|w| format!("{w}"))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    println!("| --- |{} --- |", " --- |".repeat(weights.len()));
    for (name, family) in &families {
        let cells: Vec<String> = family
            .iter()
            .map(|(_, r)| format!("{:.3}", metrics(c, r, &all).ndcg_at_10))
            .collect();
        let (cv, chosen) = cross_validate(c, family);
        println!(
            "| {name} | {} | {:.3} ({}, {}) |",
            cells.join(" | "),
            cv.ndcg_at_10,
            chosen[0],
            chosen[1]
        );
    }

    println!();
    println!("| run | nDCG@10 | MAP | Recall@100 | P@10 |");
    println!("| --- | --- | --- | --- | --- |");
    let default = fusion::Fusion::default();
    let pool = SERVICE_CANDIDATES;
    row(
        &format!("default fusion ({default:?}), pool {pool}, native loop"),
        metrics(c, &fuse_all(&units, &runs, pool, default), &all),
    );
    let mut cache = HashMap::new();
    for (t, v) in texts.iter().zip(&vectors) {
        cache.insert(t.clone(), v.clone());
    }
    through_service(
        c,
        &CachedEmbedder(cache),
        &[
            ("lexical", json!({"mode": "lexical"})),
            ("dense", json!({"mode": "dense"})),
            ("hybrid, default fusion", json!({"mode": "hybrid"})),
            (
                "lexical, no feedback",
                json!({"mode": "lexical", "expand_query": false}),
            ),
            (
                "hybrid, no feedback",
                json!({"mode": "hybrid", "expand_query": false}),
            ),
            (
                "hybrid, rrf k 60",
                json!({"mode": "hybrid", "fusion": "rrf"}),
            ),
        ],
    );
}
