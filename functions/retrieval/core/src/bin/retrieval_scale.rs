//! Search latency at scale (a measurement, not a test).
//!
//! `cargo run --release -p retrieval-core --features scale --bin retrieval-scale --
//!  [--sizes 10000,100000] [--queries 200] [--flat-queries 30] [--engines sqlite,postgres]
//!  [--nprobe 4,8,16,32,64]`
//!
//! Builds a synthetic knowledge base through the service's own `ingest` (documents of 50
//! one-paragraph chunks; 384-dimension unit vectors around 200 random cluster centres from a
//! synthetic embedder; words drawn per cluster plus common ones, for the lexical index) on
//! SQLite (a file under `target/retrieval-scale/`) and PostgreSQL (`TEST_POSTGRES_URL`, a fresh
//! database dropped afterwards), then prints markdown tables: ingest throughput, search
//! p50/p95 per mode through `service::search`, dense ranking alone by the IVF and by the
//! exact flat scan (the baseline) with their ratio, and recall@10 of the IVF against the
//! flat scan, also for other `nprobe`.

use std::time::Instant;

use retrieval_core::service::{self, Embedder, Mode, NewDocument, NewKb, SearchRequest};
use retrieval_core::vector_index::synthetic::Clusters;
use retrieval_core::vector_index::{self, exact_nearest, ivf_nearest, seed_of, Rng};
use retrieval_core::{ChunkConfig, ContentType};
use serde_json::Map;
use storage::native::{test_services, NativePostgres, NativeSqlite};
use storage::Sql;

const DIMS: usize = 384;
const CLUSTERS: usize = 200;
/// Noise norm relative to the unit cluster centre: two chunks of one cluster have cosine
/// about 0.5, of different clusters about 0, so neighbours spread over several lists.
const NOISE: f32 = 0.9;
/// At most the service's synchronous limit, so documents are indexed within `ingest`.
const CHUNKS_PER_DOCUMENT: usize = 50;
const TOPIC_WORDS: usize = 60;
const COMMON_WORDS: usize = 5_000;
const TENANT: &str = "tenant_scale";

/// A text's vector: its cluster (named by its first word, `k<cluster>w<n>`) plus noise
/// seeded by the whole text, so equal texts get equal vectors, like a model.
struct Synthetic {
    clusters: Clusters,
}

impl Synthetic {
    fn new() -> Self {
        Self {
            clusters: Clusters::new(CLUSTERS, DIMS, NOISE, &mut Rng::new(42)),
        }
    }

    fn vector(&self, text: &str) -> Vec<f32> {
        let cluster = text
            .strip_prefix('k')
            .and_then(|t| t.split('w').next())
            .and_then(|c| c.parse::<usize>().ok())
            .unwrap_or(0);
        self.clusters.sample(cluster, &mut Rng::new(seed_of(text)))
    }
}

impl Embedder for Synthetic {
    fn embed(&self, texts: &[String]) -> Result<Vec<Vec<f32>>, String> {
        Ok(texts.iter().map(|t| self.vector(t)).collect())
    }
}

/// One paragraph: six words of its cluster, four common ones, and a serial (unique text).
fn paragraph(rng: &mut Rng, serial: usize) -> String {
    let cluster = rng.below(CLUSTERS);
    let mut words = vec![format!("k{cluster}w{}", rng.below(TOPIC_WORDS))];
    for _ in 0..5 {
        words.push(format!("k{cluster}w{}", rng.below(TOPIC_WORDS)));
    }
    for _ in 0..4 {
        // Skewed towards the first common words, as in text.
        let r = rng.below(COMMON_WORDS);
        words.push(format!("g{}", r * r / COMMON_WORDS));
    }
    words.push(format!("s{serial}"));
    words.join(" ")
}

fn query_text(rng: &mut Rng) -> String {
    let cluster = rng.below(CLUSTERS);
    let mut words: Vec<String> = (0..3)
        .map(|_| format!("k{cluster}w{}", rng.below(TOPIC_WORDS)))
        .collect();
    words.push(format!("g{}", rng.below(50)));
    words.join(" ")
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

struct Latency {
    p50: f64,
    p95: f64,
    /// Mean CPU time of this thread per query: unlike wall time, not inflated by other
    /// processes on a busy machine (for PostgreSQL it leaves out the server's share).
    cpu: f64,
}

/// This thread's CPU time so far in ns (Linux schedstat), or 0 where unavailable.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// Runs `f` once per item, timing each call.
fn timed<T>(items: &[T], mut f: impl FnMut(usize, &T)) -> Latency {
    let cpu_start = cpu_ns();
    let mut samples: Vec<f64> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let s = Instant::now();
            f(i, item);
            ms(s)
        })
        .collect();
    let cpu = (cpu_ns() - cpu_start) as f64 / 1e6 / items.len().max(1) as f64;
    samples.sort_by(f64::total_cmp);
    Latency {
        p50: percentile(&samples, 0.50),
        p95: percentile(&samples, 0.95),
        cpu,
    }
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1e3
}

struct Options {
    sizes: Vec<usize>,
    queries: usize,
    flat_queries: usize,
    engines: Vec<String>,
    nprobes: Vec<usize>,
}

fn options() -> Options {
    let mut o = Options {
        sizes: vec![10_000, 100_000],
        queries: 200,
        flat_queries: 30,
        engines: vec!["sqlite".into(), "postgres".into()],
        nprobes: vec![4, 8, 16, 32, 64],
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let list = |v: &str| -> Vec<usize> {
        v.split(',')
            .map(|s| s.trim().parse().expect("a number"))
            .collect()
    };
    let mut i = 0;
    while i < args.len() {
        let value = args
            .get(i + 1)
            .map(String::as_str)
            .unwrap_or_else(|| panic!("{} needs a value", args[i]));
        match args[i].as_str() {
            "--sizes" => o.sizes = list(value),
            "--queries" => o.queries = value.parse().expect("a number"),
            "--flat-queries" => o.flat_queries = value.parse().expect("a number"),
            "--engines" => o.engines = value.split(',').map(str::to_string).collect(),
            "--nprobe" => o.nprobes = list(value),
            other => panic!("unknown option {other}"),
        }
        i += 2;
    }
    o
}

fn run(engine: &str, db: &dyn Sql, n: usize, o: &Options) {
    let embedder = Synthetic::new();
    service::migrate(db).expect("migrate");
    let kb = service::create_kb(
        db,
        TENANT,
        NewKb {
            name: "scale".into(),
            description: None,
        },
        1,
    )
    .expect("create kb")["id"]
        .as_str()
        .unwrap()
        .to_string();
    let config = ChunkConfig {
        max_tokens: 64,
        min_tokens: 1,
        overlap_tokens: 0,
    };
    let mut rng = Rng::new(n as u64);
    let started = Instant::now();
    let mut serial = 0;
    let mut document = 0;
    let mut slowest = (0.0f64, 0usize);
    while serial < n {
        let count = CHUNKS_PER_DOCUMENT.min(n - serial);
        let text: Vec<String> = (0..count)
            .map(|i| paragraph(&mut rng, serial + i))
            .collect();
        serial += count;
        document += 1;
        let one = Instant::now();
        let outcome = service::ingest(
            db,
            &embedder,
            TENANT,
            &kb,
            NewDocument {
                text: text.join("\n\n"),
                title: Some(format!("document {document}")),
                content_type: ContentType::Plain,
                metadata: Map::new(),
            },
            None,
            &config,
            document as i64,
        )
        .expect("ingest");
        if one.elapsed().as_secs_f64() > slowest.0 {
            slowest = (one.elapsed().as_secs_f64(), serial);
        }
        assert_eq!(
            outcome.document["chunk_count"], count as i64,
            "one chunk per paragraph"
        );
    }
    let build_s = started.elapsed().as_secs_f64();

    let mut qrng = Rng::new(7);
    let queries: Vec<(String, Vec<f32>)> = (0..o.queries)
        .map(|_| {
            let t = query_text(&mut qrng);
            let v = embedder.vector(&t);
            (t, v)
        })
        .collect();
    // Warm the caches (page cache, PostgreSQL buffers) as a running service would be.
    for (t, v) in queries.iter().take(5) {
        let _ = vector_index::nearest(db, TENANT, &kb, v, 100);
        search(db, &embedder, &kb, t, Mode::Hybrid, true);
    }

    let mut rows = Vec::new();
    for mode in [Mode::Lexical, Mode::Dense, Mode::Hybrid] {
        let latency = timed(&queries, |_, (t, _)| search(db, &embedder, &kb, t, mode, true));
        rows.push((
            format!("search {mode:?} (service, top 10)").to_lowercase(),
            latency,
            queries.len(),
        ));
    }
    // What query expansion costs: the lexical search without its second round.
    let latency = timed(&queries, |_, (t, _)| {
        search(db, &embedder, &kb, t, Mode::Lexical, false)
    });
    rows.push((
        "search lexical, expand_query false (service, top 10)".to_string(),
        latency,
        queries.len(),
    ));
    let ivf = timed(&queries, |_, (_, v)| {
        vector_index::nearest(db, TENANT, &kb, v, 100).expect("nearest");
    });
    let flat_n = o.flat_queries.min(queries.len());
    let mut exact_top: Vec<Vec<String>> = Vec::new();
    let flat = timed(&queries[..flat_n], |_, (_, v)| {
        let found = exact_nearest(db, TENANT, &kb, v, 100).expect("exact");
        exact_top.push(found.into_iter().take(10).map(|(id, _)| id).collect());
    });
    println!("\n### {engine}, {n} chunks\n");
    println!(
        "built in {build_s:.1} s ({:.0} chunks/s through `ingest`, synthetic embedder, IVF training included); \
         slowest ingest of {CHUNKS_PER_DOCUMENT} chunks: {:.2} s (at {} chunks: a retraining)\n",
        n as f64 / build_s,
        slowest.0,
        slowest.1
    );
    println!("| what | p50 ms | p95 ms | mean CPU ms (this process) | queries |");
    println!("| --- | --- | --- | --- | --- |");
    for (name, l, count) in &rows {
        println!(
            "| {name} | {:.2} | {:.2} | {:.2} | {count} |",
            l.p50, l.p95, l.cpu
        );
    }
    println!(
        "| dense ranking alone, IVF (default nprobe), top 100 | {:.2} | {:.2} | {:.2} | {} |",
        ivf.p50,
        ivf.p95,
        ivf.cpu,
        queries.len()
    );
    println!(
        "| dense ranking alone, exact flat scan (baseline), top 100 | {:.2} | {:.2} | {:.2} | {flat_n} |",
        flat.p50, flat.p95, flat.cpu
    );
    println!(
        "\nflat / IVF: {:.1}× at p50, {:.1}× in CPU time\n",
        flat.p50 / ivf.p50,
        flat.cpu / ivf.cpu
    );

    println!("| nprobe | recall@10 vs flat | IVF p50 ms | p95 ms | mean CPU ms |");
    println!("| --- | --- | --- | --- | --- |");
    let mut probes: Vec<Option<usize>> = vec![None];
    probes.extend(o.nprobes.iter().map(|&p| Some(p)));
    for probe in probes {
        let mut recall = 0.0;
        let l = timed(&queries[..flat_n], |i, (_, v)| {
            let found = ivf_nearest(db, TENANT, &kb, v, 100, probe)
                .expect("ivf")
                .unwrap_or_default();
            let top: Vec<&String> = found.iter().take(10).map(|(id, _)| id).collect();
            let hits = exact_top[i].iter().filter(|id| top.contains(id)).count();
            recall += hits as f64 / exact_top[i].len().max(1) as f64;
        });
        let label = probe.map_or_else(|| "default".to_string(), |p| p.to_string());
        println!(
            "| {label} | {:.3} | {:.2} | {:.2} | {:.2} |",
            recall / flat_n.max(1) as f64,
            l.p50,
            l.p95,
            l.cpu
        );
    }
}

fn search(
    db: &dyn Sql,
    embedder: &dyn Embedder,
    kb: &str,
    query: &str,
    mode: Mode,
    expand_query: bool,
) {
    // From JSON, as a client sends it: every other field keeps the service's default.
    let request: SearchRequest = serde_json::from_value(serde_json::json!({
        "query": query, "top_k": 10, "mode": mode, "expand_query": expand_query,
    }))
    .expect("a search request");
    service::search(db, embedder, TENANT, kb, request).expect("search");
}

fn main() {
    let o = options();
    println!("## retrieval at scale ({DIMS}-dim synthetic vectors, {CLUSTERS} clusters; IVF lists ≈ √n at the last training, MIN_INDEXED {})", vector_index::MIN_INDEXED);
    for engine in &o.engines {
        for &n in &o.sizes {
            match engine.as_str() {
                "sqlite" => {
                    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                        .join("../../../target/retrieval-scale");
                    std::fs::create_dir_all(&dir).expect("target dir");
                    let path = dir.join(format!("scale-{n}.db"));
                    for suffix in ["", "-wal", "-shm"] {
                        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                    }
                    let db = NativeSqlite::open(&path).expect("sqlite");
                    run("SQLite (file, WAL)", &db, n, &o);
                }
                "postgres" => {
                    let url = test_services::fresh_postgres_database("retrieval_scale");
                    {
                        let db = NativePostgres::connect(&url).expect("postgres");
                        run("PostgreSQL (no pgvector)", &db, n, &o);
                    }
                    let name = url
                        .rsplit('/')
                        .next()
                        .unwrap_or_default()
                        .split('?')
                        .next()
                        .unwrap_or_default()
                        .to_string();
                    let admin =
                        NativePostgres::connect(&test_services::postgres_url()).expect("admin");
                    let _ = admin.execute(&format!("DROP DATABASE IF EXISTS {name}"), &[]);
                }
                other => panic!("unknown engine {other}"),
            }
        }
    }
}
