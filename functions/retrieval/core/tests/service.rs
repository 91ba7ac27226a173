//! The service over real SQLite (FTS5, as the host bundles it) and real PostgreSQL.
//!
//! Dense ranking needs vectors; these tests use a bag-of-words embedder (a deterministic
//! function of the text, so cosine tracks word overlap): it exercises storage, scoping and
//! fusion, not model quality. The real model is exercised end to end through the host.

use retrieval_core::service::{
    self, Embedder, Mode, NewDocument, NewKb, NoEmbedder, SearchRequest,
};
use retrieval_core::{ChunkConfig, ContentType};
use serde_json::{json, Map, Value};
use storage::native::{test_services, NativeSqlite};
use storage::Sql;

/// 4096 buckets of hashed lowercase words (few collisions on these small texts).
struct BagOfWords;

impl Embedder for BagOfWords {
    fn embed(&self, texts: &[String]) -> Result<Vec<Vec<f32>>, String> {
        Ok(texts
            .iter()
            .map(|t| {
                let mut v = vec![0f32; 4096];
                for token in retrieval_core::tokenize(t, true) {
                    let h = token
                        .bytes()
                        .fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
                    v[(h % 4096) as usize] += 1.0;
                }
                v
            })
            .collect())
    }
}

fn databases() -> Vec<(&'static str, Box<dyn Sql>)> {
    vec![
        ("sqlite", Box::new(NativeSqlite::open_in_memory().unwrap())),
        (
            "postgres",
            Box::new(test_services::postgres("retrieval_service")),
        ),
    ]
}

fn doc(text: &str, metadata: Value) -> NewDocument {
    NewDocument {
        text: text.into(),
        title: Some("t".into()),
        content_type: ContentType::Plain,
        metadata: match metadata {
            Value::Object(m) => m,
            _ => Map::new(),
        },
    }
}

fn search(db: &dyn Sql, e: &dyn Embedder, tenant: &str, kb: &str, body: Value) -> Value {
    let request: SearchRequest = serde_json::from_value(body).unwrap();
    service::search(db, e, tenant, kb, request).unwrap()
}

fn kb(db: &dyn Sql, tenant: &str) -> String {
    let kb = service::create_kb(
        db,
        tenant,
        NewKb {
            name: "kb".into(),
            description: None,
        },
        1,
    )
    .unwrap();
    kb["id"].as_str().unwrap().to_string()
}

const CORPUS: &[(&str, &str)] = &[
    (
        "wings",
        "The wing generates lift in a propeller slipstream. Lift rises with the angle of attack.",
    ),
    (
        "heat",
        "Heat conduction in composite slabs was measured at high temperature.",
    ),
    (
        "shock",
        "A shock wave forms ahead of the blunt body at supersonic speed.",
    ),
];

#[test]
fn ingest_search_delete_on_both_engines() {
    for (engine, db) in databases() {
        let db = db.as_ref();
        service::migrate(db).unwrap();
        service::migrate(db).unwrap(); // idempotent
        let kb = kb(db, "tenant-a");
        let mut ids = Vec::new();
        for (topic, text) in CORPUS {
            let out = service::ingest(
                db,
                &BagOfWords,
                "tenant-a",
                &kb,
                doc(text, json!({"topic": topic})),
                None,
                &ChunkConfig::default(),
                10,
            )
            .unwrap();
            assert!(!out.existing);
            assert_eq!(out.document["status"], "indexed");
            assert_eq!(out.document["vectors"], "complete");
            assert_eq!(out.document["chunk_count"], 1);
            ids.push(out.document["doc_id"].as_str().unwrap().to_string());
        }
        for mode in ["lexical", "dense", "hybrid"] {
            let r = search(
                db,
                &BagOfWords,
                "tenant-a",
                &kb,
                json!({"query": "heat conduction in slabs", "mode": mode}),
            );
            assert_eq!(r["results"][0]["doc_id"], ids[1], "{engine} {mode}: {r}");
            assert_eq!(r["degraded"], Value::Null);
            let first = &r["results"][0];
            assert_eq!(first["offsets"]["start"], 0);
            assert_eq!(first["metadata"]["topic"], "heat");
        }
        let hybrid = search(
            db,
            &BagOfWords,
            "tenant-a",
            &kb,
            json!({"query": "lift of the wing", "fusion": "rrf"}),
        );
        let top = &hybrid["results"][0];
        assert!(top["scores"]["lexical"].as_f64().unwrap() > 0.0);
        assert!(top["scores"]["dense"].as_f64().unwrap() > 0.0);
        assert!(
            (top["scores"]["fused"].as_f64().unwrap() - 2.0 / 61.0).abs() < 1e-9,
            "{engine}: {hybrid}"
        );
        assert_eq!(hybrid["fusion"]["method"], "rrf");
        // Convex combination: first in both rankers is the best of each, so its normalised
        // scores are 1 and so is any convex combination of them.
        let convex = search(
            db,
            &BagOfWords,
            "tenant-a",
            &kb,
            json!({"query": "lift of the wing", "fusion": "convex", "dense_weight": 0.3}),
        );
        assert_eq!(convex["results"][0]["doc_id"], top["doc_id"]);
        assert_eq!(convex["fusion"]["method"], "convex");
        assert_eq!(convex["fusion"]["dense_weight"], 0.3);
        assert!(
            (convex["results"][0]["scores"]["fused"].as_f64().unwrap() - 1.0).abs() < 1e-9,
            "{engine}: {convex}"
        );
        let default = search(
            db,
            &BagOfWords,
            "tenant-a",
            &kb,
            json!({"query": "lift of the wing"}),
        );
        assert_eq!(default["results"][0]["doc_id"], top["doc_id"]);
        assert_eq!(
            default["fusion"],
            retrieval_core::fusion::Fusion::default().describe()
        );

        // Duplicate content: same document, nothing new written.
        let again = service::ingest(
            db,
            &BagOfWords,
            "tenant-a",
            &kb,
            doc(CORPUS[0].1, json!({})),
            None,
            &ChunkConfig::default(),
            11,
        )
        .unwrap();
        assert!(again.existing);
        assert_eq!(again.document["doc_id"], ids[0]);
        assert_eq!(
            service::get_kb(db, "tenant-a", &kb).unwrap()["chunk_count"],
            3
        );

        // Metadata filters: equals and in.
        let r = search(
            db,
            &BagOfWords,
            "tenant-a",
            &kb,
            json!({"query": "lift heat shock", "mode": "lexical", "filter": {"metadata": {"topic": "shock"}}}),
        );
        assert_eq!(r["results"].as_array().unwrap().len(), 1, "{engine}: {r}");
        let r = search(
            db,
            &BagOfWords,
            "tenant-a",
            &kb,
            json!({"query": "lift heat shock", "filter": {"metadata": {"topic": {"in": ["shock", "heat"]}}}}),
        );
        assert_eq!(r["results"].as_array().unwrap().len(), 2);

        // Another tenant sees nothing, even with this tenant's ids.
        assert_eq!(
            service::get_kb(db, "tenant-b", &kb).unwrap_err().status,
            404
        );
        let request: SearchRequest = serde_json::from_value(json!({"query": "heat"})).unwrap();
        assert_eq!(
            service::search(db, &BagOfWords, "tenant-b", &kb, request)
                .unwrap_err()
                .status,
            404
        );
        assert_eq!(
            service::get_document(db, "tenant-b", &kb, &ids[1])
                .unwrap_err()
                .status,
            404
        );
        assert_eq!(
            service::delete_document(db, "tenant-b", &kb, &ids[1])
                .unwrap_err()
                .status,
            404
        );
        let kb_b = self::kb(db, "tenant-b");
        assert_eq!(
            service::get_document(db, "tenant-b", &kb_b, &ids[1])
                .unwrap_err()
                .status,
            404
        );
        let r = search(
            db,
            &BagOfWords,
            "tenant-b",
            &kb_b,
            json!({"query": "heat conduction"}),
        );
        assert_eq!(r["results"], json!([]));

        // Delete removes the chunks from every ranker.
        service::delete_document(db, "tenant-a", &kb, &ids[1]).unwrap();
        for mode in ["lexical", "dense", "hybrid"] {
            let r = search(
                db,
                &BagOfWords,
                "tenant-a",
                &kb,
                json!({"query": "heat conduction in slabs", "mode": mode}),
            );
            assert!(
                r["results"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|x| x["doc_id"] != ids[1].as_str()),
                "{engine} {mode}"
            );
        }
        assert_eq!(
            service::get_document(db, "tenant-a", &kb, &ids[1])
                .unwrap_err()
                .status,
            404
        );
        let listed = service::list_documents(db, "tenant-a", &kb, 1, 0).unwrap();
        assert_eq!(listed["documents"].as_array().unwrap().len(), 1);
        assert_eq!(listed["next_offset"], 1);

        service::delete_kb(db, "tenant-a", &kb).unwrap();
        assert_eq!(
            service::get_kb(db, "tenant-a", &kb).unwrap_err().status,
            404
        );
    }
}

#[test]
fn without_embeddings_documents_index_lexically_and_search_says_so() {
    for (engine, db) in databases() {
        let db = db.as_ref();
        service::migrate(db).unwrap();
        let kb = kb(db, "t");
        let out = service::ingest(
            db,
            &NoEmbedder,
            "t",
            &kb,
            doc(CORPUS[2].1, json!({})),
            None,
            &ChunkConfig::default(),
            1,
        )
        .unwrap();
        assert_eq!(out.document["status"], "indexed");
        assert_eq!(out.document["vectors"], "missing");
        for mode in ["hybrid", "dense"] {
            let r = search(
                db,
                &NoEmbedder,
                "t",
                &kb,
                json!({"query": "shock wave", "mode": mode}),
            );
            assert_eq!(r["degraded"], "embeddings_unavailable", "{engine}");
            assert_eq!(r["served_mode"], "lexical");
            assert_eq!(r["results"][0]["doc_id"], out.document["doc_id"]);
        }
        let _ = Mode::Hybrid;
    }
}

#[test]
fn idempotency_keys_and_bad_input() {
    let db = NativeSqlite::open_in_memory().unwrap();
    service::migrate(&db).unwrap();
    let kb = kb(&db, "t");
    let cfg = ChunkConfig::default();
    let first = service::ingest(
        &db,
        &NoEmbedder,
        "t",
        &kb,
        doc("alpha beta.", json!({})),
        Some("k1"),
        &cfg,
        1,
    )
    .unwrap();
    let replay = service::ingest(
        &db,
        &NoEmbedder,
        "t",
        &kb,
        doc("alpha beta.", json!({})),
        Some("k1"),
        &cfg,
        2,
    )
    .unwrap();
    assert!(replay.existing);
    assert_eq!(replay.document["doc_id"], first.document["doc_id"]);
    let reused = service::ingest(
        &db,
        &NoEmbedder,
        "t",
        &kb,
        doc("gamma.", json!({})),
        Some("k1"),
        &cfg,
        3,
    );
    assert_eq!(reused.unwrap_err().status, 409);

    let empty = service::ingest(
        &db,
        &NoEmbedder,
        "t",
        &kb,
        doc(" \n ", json!({})),
        None,
        &cfg,
        1,
    );
    assert_eq!(empty.unwrap_err().status, 422);
    let html_only_markup = NewDocument {
        content_type: ContentType::Html,
        ..doc("<script>x</script>", json!({}))
    };
    assert_eq!(
        service::ingest(&db, &NoEmbedder, "t", &kb, html_only_markup, None, &cfg, 1)
            .unwrap_err()
            .status,
        422
    );
    let huge = doc(&"a ".repeat(service::MAX_DOCUMENT_BYTES / 2 + 1), json!({}));
    assert_eq!(
        service::ingest(&db, &NoEmbedder, "t", &kb, huge, None, &cfg, 1)
            .unwrap_err()
            .status,
        413
    );
    assert_eq!(
        service::ingest(
            &db,
            &NoEmbedder,
            "t",
            "kb_missing",
            doc("x.", json!({})),
            None,
            &cfg,
            1
        )
        .unwrap_err()
        .status,
        404
    );

    for bad in [
        json!({"query": ""}),
        json!({"query": "x", "top_k": 0}),
        json!({"query": "x", "top_k": 51}),
        json!({"query": "x", "filter": {"metadata": {"a": [1]}}}),
        json!({"query": "x", "rrf_k": -1}),
        json!({"query": "x", "dense_weight": 1.5}),
        json!({"query": "x", "fusion": "convex", "rrf_k": 60}),
    ] {
        let request: SearchRequest = serde_json::from_value(bad.clone()).unwrap();
        assert_eq!(
            service::search(&db, &NoEmbedder, "t", &kb, request)
                .unwrap_err()
                .status,
            422,
            "{bad}"
        );
    }
    assert!(service::parse_metadata(Some(json!({"a": {"b": 1}}))).is_err());
    assert!(service::parse_metadata(Some(json!([1]))).is_err());
    assert_eq!(
        service::parse_content_type("application/pdf")
            .unwrap_err()
            .status,
        415
    );
}

#[test]
fn markdown_chunks_keep_headings_and_offsets() {
    let db = NativeSqlite::open_in_memory().unwrap();
    service::migrate(&db).unwrap();
    let kb = kb(&db, "t");
    let text = "# Aerodynamics\n\n## Boundary layers\n\nThe boundary layer separates near the trailing edge.";
    let d = NewDocument {
        content_type: ContentType::Markdown,
        ..doc(text, json!({}))
    };
    service::ingest(
        &db,
        &NoEmbedder,
        "t",
        &kb,
        d,
        None,
        &ChunkConfig::default(),
        1,
    )
    .unwrap();
    let r = search(
        &db,
        &NoEmbedder,
        "t",
        &kb,
        json!({"query": "boundary layer separation trailing", "mode": "lexical"}),
    );
    let hit = &r["results"][0];
    assert_eq!(hit["headings"], json!(["Aerodynamics"]));
    assert!(hit["text"].as_str().unwrap().contains("trailing edge"));
}

#[test]
fn lexical_scores_do_not_depend_on_other_tenants_documents() {
    for (engine, db) in databases() {
        let db = db.as_ref();
        service::migrate(db).unwrap();
        let kb_a = kb(db, "a");
        let cfg = ChunkConfig::default();
        for text in ["Alpha flutter of panels.", "Beta buckling of shells."] {
            service::ingest(
                db,
                &NoEmbedder,
                "a",
                &kb_a,
                doc(text, json!({})),
                None,
                &cfg,
                1,
            )
            .unwrap();
        }
        let query = json!({"query": "flutter", "mode": "lexical"});
        let before = search(db, &NoEmbedder, "a", &kb_a, query.clone())["results"][0]["scores"]
            ["lexical"]
            .clone();
        let kb_b = kb(db, "b");
        for n in 0..20 {
            let text = format!("Flutter report number {n} on flutter.");
            service::ingest(
                db,
                &NoEmbedder,
                "b",
                &kb_b,
                doc(&text, json!({})),
                None,
                &cfg,
                1,
            )
            .unwrap();
        }
        let after =
            search(db, &NoEmbedder, "a", &kb_a, query)["results"][0]["scores"]["lexical"].clone();
        assert_eq!(before, after, "{engine}");
        service::delete_kb(db, "b", &kb_b).unwrap();
    }
}

fn lexical_ids(answer: &Value) -> Vec<String> {
    answer["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["doc_id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn stemming_matches_other_endings_and_older_knowledge_bases_stay_plain() {
    for (engine, db) in databases() {
        let db = db.as_ref();
        service::migrate(db).unwrap();
        let cfg = ChunkConfig::default();
        let text = "Flows over heated plates were measured.";
        let stemmed_kb = kb(db, "s");
        service::ingest(
            db,
            &NoEmbedder,
            "s",
            &stemmed_kb,
            doc(text, json!({})),
            None,
            &cfg,
            1,
        )
        .unwrap();
        let answer = search(
            db,
            &NoEmbedder,
            "s",
            &stemmed_kb,
            json!({"query": "flowing heat plate", "mode": "lexical"}),
        );
        assert_eq!(
            answer["results"].as_array().unwrap().len(),
            1,
            "{engine}: {answer}"
        );
        assert_eq!(answer["lexical"]["analyzer"], "english_stemmed", "{engine}");

        // A knowledge base from before migration 5 holds unstemmed terms: its queries are
        // not stemmed either, so exact words still match and other endings do not.
        let plain_kb = kb(db, "p");
        db.execute(
            "UPDATE retrieval_kbs SET analyzer = 1 WHERE id = $1",
            &[plain_kb.as_str().into()],
        )
        .unwrap();
        service::ingest(
            db,
            &NoEmbedder,
            "p",
            &plain_kb,
            doc(text, json!({})),
            None,
            &cfg,
            1,
        )
        .unwrap();
        let exact = search(
            db,
            &NoEmbedder,
            "p",
            &plain_kb,
            json!({"query": "flows", "mode": "lexical"}),
        );
        assert_eq!(
            exact["results"].as_array().unwrap().len(),
            1,
            "{engine}: {exact}"
        );
        assert_eq!(exact["lexical"]["analyzer"], "plain", "{engine}");
        let other_ending = search(
            db,
            &NoEmbedder,
            "p",
            &plain_kb,
            json!({"query": "flowing", "mode": "lexical"}),
        );
        assert!(
            other_ending["results"].as_array().unwrap().is_empty(),
            "{engine}: {other_ending}"
        );
    }
}

/// Feedback reorders the first round's chunks toward the vocabulary of its best ones, and
/// never brings in a chunk without a query term.
#[test]
fn query_expansion_reorders_candidates_by_the_best_chunks_vocabulary() {
    for (engine, db) in databases() {
        let db = db.as_ref();
        service::migrate(db).unwrap();
        let cfg = ChunkConfig::default();
        let kb_id = kb(db, "t");
        let mut ids = std::collections::HashMap::new();
        for (name, text) in [
            // The best matches for "flutter": short, in the topic's vocabulary. They are the
            // feedback.
            (
                "best",
                "Flutter of wing panels: aeroelastic divergence and panel damping.",
            ),
            (
                "second",
                "Panel flutter: wing panel damping against aeroelastic divergence.",
            ),
            (
                "third",
                "Aeroelastic flutter and divergence of damped wing panels.",
            ),
            // Mention flutter once each; the on-topic chunk is longer, so BM25 alone ranks
            // it below the off-topic one, and feedback must lift it.
            (
                "off_topic",
                "Flutter was not observed; combustion chamber heat transfer, fuel injection \
                 and nozzle erosion were the subjects.",
            ),
            (
                "on_topic",
                "Flutter onset. Wing panels showed aeroelastic divergence; panel damping \
                 measurements of wing panels in aeroelastic tests of panel divergence, with \
                 damping of the wing panel modes and divergence of aeroelastic panel models.",
            ),
            // Shares the vocabulary but not the query term: never a result.
            (
                "no_query_term",
                "Aeroelastic divergence of wing panels and panel damping.",
            ),
        ] {
            let out = service::ingest(
                db,
                &NoEmbedder,
                "t",
                &kb_id,
                doc(text, json!({})),
                None,
                &cfg,
                1,
            )
            .unwrap();
            ids.insert(out.document["doc_id"].as_str().unwrap().to_string(), name);
        }
        let names = |answer: &Value| -> Vec<&str> {
            lexical_ids(answer)
                .iter()
                .map(|id| ids[id.as_str()])
                .collect()
        };
        let plain = search(
            db,
            &NoEmbedder,
            "t",
            &kb_id,
            json!({"query": "flutter", "mode": "lexical", "expand_query": false}),
        );
        assert_eq!(plain["lexical"]["expansion_terms"], Value::Null, "{engine}");
        let expanded = search(
            db,
            &NoEmbedder,
            "t",
            &kb_id,
            json!({"query": "flutter", "mode": "lexical"}),
        );
        let terms: Vec<&str> = expanded["lexical"]["expansion_terms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert!(
            terms.contains(&"panel") && terms.contains(&"aeroelast"),
            "{engine}: {terms:?}"
        );
        let (plain, expanded) = (names(&plain), names(&expanded));
        assert_eq!(plain.len(), 5, "{engine}: {plain:?}");
        assert!(
            !expanded.contains(&"no_query_term"),
            "{engine}: {expanded:?}"
        );
        let position = |ranking: &[&str], name: &str| ranking.iter().position(|n| *n == name);
        assert!(
            position(&plain, "on_topic") > position(&plain, "off_topic"),
            "{engine}: without feedback BM25 ranks the longer chunk lower: {plain:?}"
        );
        assert_eq!(expanded.len(), 5, "{engine}: {expanded:?}");
        assert!(
            position(&expanded, "on_topic") < position(&expanded, "off_topic"),
            "{engine}: feedback should lift the on-topic chunk: {expanded:?} (without: {plain:?})"
        );
    }
}
