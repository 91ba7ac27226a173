//! The retrieval function through the host, with the identity verifier composed in and the
//! auth function beside it for real users: on the embedded default (SQLite + FTS5) and on
//! PostgreSQL, with the host's real all-minilm-l6-v2 embeddings, and with embeddings
//! unavailable. Every JSON answer is checked against the OpenAPI document.
//!
//! Needs the embedding model (`source scripts/lib/common.sh && ensure_embedding_model`, which
//! scripts/test runs, or the files in target/embedding-model/all-minilm-l6-v2).

use bytes::Bytes;
use e2e::harness::{
    embedding_model_dir, json_request, request, unique_name, with_bearer, Component, TestApp,
    TestResponse, Variable,
};
use serde_json::{json, Value};

const JOBS_KEY: &str = "scheduler-key-for-tests";

enum Store {
    Embedded,
    Postgres,
}

/// The retrieval and auth components as spin.toml declares them; the host looks for the
/// model files in `model_dir`.
async fn app(store: Store, model_dir: &str) -> TestApp {
    let mut retrieval = Component::retrieval();
    let auth = Component::auth();
    let mut builder = TestApp::builder().app_variables();
    // Queue any document of more than two chunks, so a few paragraphs exercise the queue.
    for (name, value) in [
        ("retrieval_sync_chunks", "2"),
        ("retrieval_jobs_key", JOBS_KEY),
    ] {
        retrieval = retrieval.variable(name, &format!("{{{{ {name} }}}}"));
        builder = builder.variable(name, Variable::Default(value.into()));
    }
    builder = builder
        .component(retrieval)
        .component(auth)
        .env("HOST_EMBEDDING_MODEL_DIR", model_dir);
    if let Store::Postgres = store {
        builder = builder.on_fresh_services("retrieval_e2e");
    }
    builder.start().await
}

struct User {
    token: String,
}

async fn register(app: &TestApp) -> User {
    let email = format!("{}@example.com", unique_name("retrieval"));
    let registered = call(
        app,
        "POST",
        "/api/v1/auth/register",
        None,
        Some(json!({ "email": email, "password": "Correct1horse", "display_name": "Kb User" })),
    )
    .await;
    assert_eq!(registered.status, 201, "{}", registered.text());
    let login = call(
        app,
        "POST",
        "/api/v1/auth/login",
        None,
        Some(json!({ "email": email, "password": "Correct1horse" })),
    )
    .await;
    assert_eq!(login.status, 200, "{}", login.text());
    User {
        token: login.json()["access_token"].as_str().unwrap().to_string(),
    }
}

async fn call(
    app: &TestApp,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> TestResponse {
    app.send(json_request(method, path, token, body)).await
}

/// A call to the retrieval API whose answer must match the OpenAPI document.
async fn api(
    app: &TestApp,
    method: &str,
    path: &str,
    user: &User,
    body: Option<Value>,
) -> TestResponse {
    let response = call(app, method, path, Some(&user.token), body).await;
    checked(method, path, response)
}

fn checked(method: &str, path: &str, response: TestResponse) -> TestResponse {
    if !response.body.is_empty() {
        let doc = e2e::openapi::load_document();
        let path = path.split('?').next().unwrap();
        e2e::openapi::assert_response_matches(
            &doc,
            method,
            path,
            response.status,
            &response.json(),
        );
    }
    response
}

async fn upload(
    app: &TestApp,
    path: &str,
    user: &User,
    content_type: &str,
    body: Vec<u8>,
    key: Option<&str>,
) -> TestResponse {
    let mut req = with_bearer(request("POST", path, Bytes::from(body)), Some(&user.token));
    req.headers_mut()
        .insert("content-type", content_type.parse().unwrap());
    if let Some(key) = key {
        req.headers_mut()
            .insert("idempotency-key", key.parse().unwrap());
    }
    checked("POST", path, app.send(req).await)
}

async fn create_kb(app: &TestApp, user: &User, name: &str) -> String {
    let r = api(
        app,
        "POST",
        "/api/v1/kb",
        user,
        Some(json!({ "name": name })),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    r.json()["id"].as_str().unwrap().to_string()
}

async fn add_json(app: &TestApp, user: &User, kb: &str, body: Value) -> Value {
    let r = api(
        app,
        "POST",
        &format!("/api/v1/kb/{kb}/documents"),
        user,
        Some(body),
    )
    .await;
    assert_eq!(r.status, 202, "{}", r.text());
    r.json()
}

async fn search(app: &TestApp, user: &User, kb: &str, body: Value) -> Value {
    let r = api(
        app,
        "POST",
        &format!("/api/v1/kb/{kb}/search"),
        user,
        Some(body),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

fn doc_ids(results: &Value) -> Vec<String> {
    results["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["doc_id"].as_str().unwrap().to_string())
        .collect()
}

const WINGS: &str = "Wings in a propeller slipstream. An experimental study of a wing in a propeller slipstream was made to determine the spanwise distribution of the lift increase due to the slipstream at different angles of attack.";
const HEAT_MD: &str = "# Thermal problems\n\n## Conduction\n\nHeat conduction in composite slabs was measured at high temperatures, and the transient temperature distribution compared with theory.";
const SHOCK_HTML: &str = "<html><head><style>p{color:red}</style></head><body><h1>Hypersonic flow</h1><p>A detached shock wave stands ahead of a blunt body at hypersonic speed; the stagnation point pressure follows from Newtonian theory.</p><script>var wing = 1;</script></body></html>";

/// Ingest → status → search in each mode → duplicates → filters → isolation → delete.
async fn scenario(app: &TestApp, expect_vectors: bool) {
    let a = register(app).await;
    let b = register(app).await;
    let kb = create_kb(app, &a, "aero").await;

    let wings = add_json(
        app,
        &a,
        &kb,
        json!({ "text": WINGS, "title": "Wings", "metadata": { "topic": "lift", "year": 1958 } }),
    )
    .await;
    assert_eq!(wings["status"], "indexed");
    assert_eq!(wings["duplicate"], false);
    let heat = add_json(app, &a, &kb, json!({ "text": HEAT_MD, "content_type": "text/markdown", "metadata": { "topic": "heat" } })).await;
    let shock = upload(
        app,
        &format!("/api/v1/kb/{kb}/documents?title=Shock&metadata.topic=shock"),
        &a,
        "text/html; charset=utf-8",
        SHOCK_HTML.into(),
        None,
    )
    .await;
    assert_eq!(shock.status, 202, "{}", shock.text());
    let shock = shock.json();
    let ids = [&wings, &heat, &shock].map(|d| d["doc_id"].as_str().unwrap().to_string());

    let status = api(
        app,
        "GET",
        &format!("/api/v1/kb/{kb}/documents/{}", ids[1]),
        &a,
        None,
    )
    .await;
    assert_eq!(status.status, 200);
    let status = status.json();
    assert_eq!(status["status"], "indexed");
    assert_eq!(status["chunk_count"], 1);
    assert_eq!(
        status["vectors"],
        if expect_vectors {
            "complete"
        } else {
            "missing"
        }
    );

    for mode in ["lexical", "dense", "hybrid"] {
        let r = search(
            app,
            &a,
            &kb,
            json!({ "query": "heat conduction in composite slabs", "mode": mode }),
        )
        .await;
        assert_eq!(doc_ids(&r)[0], ids[1], "{mode}: {r}");
        let top = &r["results"][0];
        assert_eq!(top["headings"], json!(["Thermal problems"]));
        assert!(top["text"].as_str().unwrap().contains("composite slabs"));
        assert_eq!(top["offsets"]["unit"], "chars");
        assert_eq!(top["metadata"]["topic"], "heat");
        if expect_vectors {
            assert_eq!(r["degraded"], Value::Null, "{r}");
            assert_eq!(r["served_mode"], mode);
        } else if mode != "lexical" {
            assert_eq!(r["degraded"], "embeddings_unavailable", "{r}");
            assert_eq!(r["served_mode"], "lexical");
        }
    }
    if expect_vectors {
        // Dense ranking finds a paraphrase sharing no content word with the text.
        let r = search(
            app,
            &a,
            &kb,
            json!({ "query": "aerofoil behind a rotating airscrew", "mode": "dense", "top_k": 1 }),
        )
        .await;
        assert_eq!(doc_ids(&r), vec![ids[0].clone()], "{r}");
        let hybrid = search(
            app,
            &a,
            &kb,
            json!({ "query": "shock wave on a blunt body" }),
        )
        .await;
        let top = &hybrid["results"][0];
        assert_eq!(top["doc_id"], ids[2].as_str());
        assert!(top["scores"]["lexical"].as_f64().unwrap() > 0.0);
        assert!(top["scores"]["dense"].as_f64().unwrap() > 0.0);
    }
    // HTML script text is not content.
    let r = search(app, &a, &kb, json!({ "query": "var", "mode": "lexical" })).await;
    assert!(doc_ids(&r).is_empty(), "{r}");

    // Identical content again: the same document, 200, no new chunks.
    let again = api(
        app,
        "POST",
        &format!("/api/v1/kb/{kb}/documents"),
        &a,
        Some(json!({ "text": WINGS })),
    )
    .await;
    assert_eq!(again.status, 200, "{}", again.text());
    assert_eq!(again.json()["doc_id"], ids[0].as_str());
    assert_eq!(again.json()["duplicate"], true);
    let info = api(app, "GET", &format!("/api/v1/kb/{kb}"), &a, None)
        .await
        .json();
    assert_eq!(info["document_count"], 3);
    assert_eq!(info["chunk_count"], 3);
    // Idempotency-Key: a replay answers the same document; other content under it is a 409.
    let path = format!("/api/v1/kb/{kb}/documents");
    let first = upload(
        app,
        &path,
        &a,
        "text/plain",
        b"Flutter of panels at supersonic speed.".to_vec(),
        Some("key-1"),
    )
    .await;
    assert_eq!(first.status, 202, "{}", first.text());
    let replay = upload(
        app,
        &path,
        &a,
        "text/plain",
        b"Flutter of panels at supersonic speed.".to_vec(),
        Some("key-1"),
    )
    .await;
    assert_eq!(
        (replay.status, replay.json()["doc_id"].clone()),
        (200, first.json()["doc_id"].clone())
    );
    let reused = upload(
        app,
        &path,
        &a,
        "text/plain",
        b"Something else.".to_vec(),
        Some("key-1"),
    )
    .await;
    assert_eq!(reused.status, 409, "{}", reused.text());

    // Metadata filters.
    let r = search(app, &a, &kb, json!({ "query": "wing heat shock", "mode": "lexical", "filter": { "metadata": { "topic": "shock" } } })).await;
    assert_eq!(doc_ids(&r), vec![ids[2].clone()]);
    let r = search(app, &a, &kb, json!({ "query": "wing heat shock", "filter": { "metadata": { "topic": { "in": ["lift", "heat"] } } } })).await;
    let mut found = doc_ids(&r);
    found.sort();
    let mut expected = vec![ids[0].clone(), ids[1].clone()];
    expected.sort();
    assert_eq!(found, expected);
    let r = search(
        app,
        &a,
        &kb,
        json!({ "query": "wing", "filter": { "metadata": { "year": 1958 } } }),
    )
    .await;
    assert_eq!(doc_ids(&r), vec![ids[0].clone()]);

    // Tenant isolation: B holds A's ids and learns nothing.
    for (method, path) in [
        ("GET", format!("/api/v1/kb/{kb}")),
        ("DELETE", format!("/api/v1/kb/{kb}")),
        ("GET", format!("/api/v1/kb/{kb}/documents")),
        ("GET", format!("/api/v1/kb/{kb}/documents/{}", ids[0])),
        ("DELETE", format!("/api/v1/kb/{kb}/documents/{}", ids[0])),
    ] {
        let r = api(app, method, &path, &b, None).await;
        assert_eq!(r.status, 404, "{method} {path}: {}", r.text());
    }
    let r = api(
        app,
        "POST",
        &format!("/api/v1/kb/{kb}/search"),
        &b,
        Some(json!({ "query": "wing" })),
    )
    .await;
    assert_eq!(r.status, 404);
    let r = api(
        app,
        "POST",
        &format!("/api/v1/kb/{kb}/documents"),
        &b,
        Some(json!({ "text": "intrusion" })),
    )
    .await;
    assert_eq!(r.status, 404);
    let kb_b = create_kb(app, &b, "b").await;
    add_json(
        app,
        &b,
        &kb_b,
        json!({ "text": "Boundary layer transition on a flat plate." }),
    )
    .await;
    // Randomised queries from A's vocabulary never surface A's chunks in B's knowledge base.
    let vocabulary: Vec<&str> = [WINGS, HEAT_MD]
        .iter()
        .flat_map(|t| t.split_whitespace())
        .collect();
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    for _ in 0..5 {
        let words: Vec<&str> = (0..4)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                vocabulary[(seed % vocabulary.len() as u64) as usize]
            })
            .collect();
        let r = search(
            app,
            &b,
            &kb_b,
            json!({ "query": words.join(" "), "top_k": 50 }),
        )
        .await;
        assert!(doc_ids(&r).iter().all(|d| !ids.contains(d)), "{r}");
    }
    let listed = api(app, "GET", "/api/v1/kb", &b, None).await.json();
    assert_eq!(listed["knowledge_bases"].as_array().unwrap().len(), 1);

    // Paging.
    let page = api(
        app,
        "GET",
        &format!("/api/v1/kb/{kb}/documents?limit=2"),
        &a,
        None,
    )
    .await
    .json();
    assert_eq!(page["documents"].as_array().unwrap().len(), 2);
    assert_eq!(page["next_offset"], 2);
    let page = api(
        app,
        "GET",
        &format!("/api/v1/kb/{kb}/documents?limit=2&offset=2"),
        &a,
        None,
    )
    .await
    .json();
    assert_eq!(page["documents"].as_array().unwrap().len(), 2);
    assert_eq!(page["next_offset"], Value::Null);

    // Delete removes the document's chunks from every ranker.
    let r = api(
        app,
        "DELETE",
        &format!("/api/v1/kb/{kb}/documents/{}", ids[1]),
        &a,
        None,
    )
    .await;
    assert_eq!(r.status, 204);
    for mode in ["lexical", "dense", "hybrid"] {
        let r = search(
            app,
            &a,
            &kb,
            json!({ "query": "heat conduction in composite slabs", "mode": mode, "top_k": 50 }),
        )
        .await;
        assert!(!doc_ids(&r).contains(&ids[1]), "{mode}: {r}");
    }
    let r = api(
        app,
        "GET",
        &format!("/api/v1/kb/{kb}/documents/{}", ids[1]),
        &a,
        None,
    )
    .await;
    assert_eq!(r.status, 404);
    let r = api(app, "DELETE", &format!("/api/v1/kb/{kb}"), &a, None).await;
    assert_eq!(r.status, 204);
    let r = api(app, "GET", &format!("/api/v1/kb/{kb}"), &a, None).await;
    assert_eq!(r.status, 404);
}

/// A `multipart/form-data` body; parts are (name, file name, content type, value).
fn multipart_body(boundary: &str, parts: &[(&str, Option<&str>, Option<&str>, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, file_name, content_type, value) in parts {
        out.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"").as_bytes());
        if let Some(file_name) = file_name {
            out.extend_from_slice(format!("; filename=\"{file_name}\"").as_bytes());
        }
        out.extend_from_slice(b"\r\n");
        if let Some(content_type) = content_type {
            out.extend_from_slice(format!("Content-Type: {content_type}\r\n").as_bytes());
        }
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(value);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    out
}

const BOUNDARY: &str = "----e2eBoundary7MA4YWxk";

fn multipart_type() -> String {
    format!("multipart/form-data; boundary={BOUNDARY}")
}

/// Paragraphs of about 400 tokens each, so each is one chunk; `marker` appears in the last.
fn long_text(paragraphs: usize, marker: &str) -> String {
    let words = ["boundary", "layer", "transition", "measured", "along", "the", "flat", "plate", "at", "several", "reynolds", "numbers"];
    (0..paragraphs)
        .map(|p| {
            let mut sentence: Vec<String> = (0..300)
                .map(|i| words[(i * 7 + p) % words.len()].to_string())
                .collect();
            if p + 1 == paragraphs {
                sentence.push(marker.to_string());
            }
            format!("{}.", sentence.join(" "))
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

async fn document_status(app: &TestApp, user: &User, kb: &str, doc: &str) -> Value {
    let r = api(app, "GET", &format!("/api/v1/kb/{kb}/documents/{doc}"), user, None).await;
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

async fn run_jobs(app: &TestApp, token: Option<&str>, key: Option<&str>) -> TestResponse {
    let path = "/api/v1/kb/jobs/run?budget_ms=5000";
    let mut req = with_bearer(request("POST", path, Bytes::new()), token);
    if let Some(key) = key {
        req.headers_mut()
            .insert("x-retrieval-jobs-key", key.parse().unwrap());
    }
    checked("POST", path, app.send(req).await)
}

/// Multipart uploads (.md, .html) are searchable; documents over the synchronous limit are
/// queued and indexed by polling and by the jobs route; a pending document can be deleted.
async fn queue_and_multipart(app: &TestApp) {
    let a = register(app).await;
    let kb = create_kb(app, &a, "uploads").await;
    let docs = format!("/api/v1/kb/{kb}/documents");

    let md = upload(
        app,
        &docs,
        &a,
        &multipart_type(),
        multipart_body(
            BOUNDARY,
            &[
                ("metadata", None, None, br#"{"year": 1961, "topic": "old"}"#),
                ("metadata.topic", None, None, b"heat"),
                ("file", Some("thermal.md"), Some("text/markdown"), HEAT_MD.as_bytes()),
            ],
        ),
        None,
    )
    .await;
    assert_eq!(md.status, 202, "{}", md.text());
    let md = md.json();
    assert_eq!((md["status"].as_str(), md["title"].as_str()), (Some("indexed"), Some("thermal.md")));
    assert_eq!(md["content_type"], "text/markdown");
    assert_eq!(md["metadata"], json!({ "year": 1961, "topic": "heat" }));
    let html = upload(
        app,
        &docs,
        &a,
        &multipart_type(),
        multipart_body(
            BOUNDARY,
            &[
                ("title", None, None, b"Shock"),
                // Browsers send octet-stream for types they do not know: the extension decides.
                ("file", Some("shock.HTML"), Some("application/octet-stream"), SHOCK_HTML.as_bytes()),
            ],
        ),
        None,
    )
    .await;
    assert_eq!(html.status, 202, "{}", html.text());
    let html = html.json();
    assert_eq!((html["content_type"].as_str(), html["title"].as_str()), (Some("text/html"), Some("Shock")));
    let r = search(app, &a, &kb, json!({ "query": "composite slabs", "mode": "lexical" })).await;
    assert_eq!(r["results"][0]["doc_id"], md["doc_id"], "{r}");
    assert_eq!(r["results"][0]["headings"], json!(["Thermal problems"]));
    let r = search(app, &a, &kb, json!({ "query": "detached shock wave", "filter": { "metadata": {} } })).await;
    assert_eq!(r["results"][0]["doc_id"], html["doc_id"], "{r}");
    let r = search(app, &a, &kb, json!({ "query": "var", "mode": "lexical" })).await;
    assert!(doc_ids(&r).is_empty(), "script text is not content: {r}");

    // Over the synchronous limit (2 chunks here): accepted as pending, indexed by polling.
    let large = add_json(app, &a, &kb, json!({ "text": long_text(4, "zeppelin"), "title": "Long" })).await;
    let large_id = large["doc_id"].as_str().unwrap().to_string();
    assert_eq!(large["status"], "pending", "{large}");
    assert_eq!((large["chunk_count"].as_i64(), large["chunks_indexed"].as_i64()), (Some(4), Some(0)));
    assert_eq!(large["vectors"], "pending");
    let r = search(app, &a, &kb, json!({ "query": "zeppelin", "mode": "lexical" })).await;
    assert!(doc_ids(&r).is_empty(), "nothing written yet: {r}");
    let mut status = Value::Null;
    for _ in 0..5 {
        status = document_status(app, &a, &kb, &large_id).await;
        if status["status"] == "indexed" {
            break;
        }
    }
    assert_eq!(status["status"], "indexed", "{status}");
    assert_eq!((status["chunks_indexed"].as_i64(), status["vectors"].as_str()), (Some(4), Some("complete")));
    for mode in ["lexical", "dense", "hybrid"] {
        let r = search(app, &a, &kb, json!({ "query": "zeppelin boundary layer", "mode": mode })).await;
        assert!(doc_ids(&r).contains(&large_id), "{mode}: {r}");
    }
    let r = search(app, &a, &kb, json!({ "query": "zeppelin", "mode": "lexical" })).await;
    assert_eq!(r["results"][0]["chunk_index"], 3, "{r}");

    // The jobs route: a tenant runs its own tenant's jobs; the scheduler's key runs all.
    let queued = add_json(app, &a, &kb, json!({ "text": long_text(3, "dirigible") })).await;
    assert_eq!(queued["status"], "pending");
    let r = run_jobs(app, None, Some("wrong-key")).await;
    assert_eq!(r.status, 401, "{}", r.text());
    let r = run_jobs(app, None, None).await;
    assert_eq!(r.status, 401, "{}", r.text());
    let b = register(app).await;
    let r = run_jobs(app, Some(&b.token), None).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!((r.json()["scope"].as_str(), r.json()["steps"].as_array().map(Vec::len)), (Some("tenant"), Some(0)), "another tenant's run leaves A's jobs alone");
    let r = run_jobs(app, Some(&a.token), None).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let run = r.json();
    assert_eq!(run["steps"][0]["doc_id"], queued["doc_id"], "{run}");
    assert_eq!(run["steps"][0]["status"], "indexed");
    assert_eq!(run["remaining"], 0);
    let r = search(app, &a, &kb, json!({ "query": "dirigible", "mode": "lexical" })).await;
    assert_eq!(r["results"][0]["doc_id"], queued["doc_id"], "{r}");
    let scheduled = add_json(app, &a, &kb, json!({ "text": long_text(3, "blimp") })).await;
    let r = run_jobs(app, None, Some(JOBS_KEY)).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["scope"], "all");
    let status = document_status(app, &a, &kb, scheduled["doc_id"].as_str().unwrap()).await;
    assert_eq!(status["status"], "indexed", "{status}");

    // A pending document deleted before it is indexed leaves nothing behind.
    let doomed = add_json(app, &a, &kb, json!({ "text": long_text(3, "airship") })).await;
    let doomed_id = doomed["doc_id"].as_str().unwrap();
    let r = api(app, "DELETE", &format!("{docs}/{doomed_id}"), &a, None).await;
    assert_eq!(r.status, 204, "{}", r.text());
    let r = api(app, "GET", &format!("{docs}/{doomed_id}"), &a, None).await;
    assert_eq!(r.status, 404);
    let r = run_jobs(app, Some(&a.token), None).await;
    assert_eq!(r.json()["steps"], json!([]), "{}", r.text());
    let r = search(app, &a, &kb, json!({ "query": "airship", "mode": "lexical" })).await;
    assert!(doc_ids(&r).is_empty(), "{r}");
}

#[tokio::test]
async fn embedded_default_with_local_embeddings() {
    let app = app(Store::Embedded, &embedding_model_dir()).await;
    scenario(&app, true).await;
    queue_and_multipart(&app).await;
}

#[tokio::test]
async fn postgres_with_local_embeddings() {
    let app = app(Store::Postgres, &embedding_model_dir()).await;
    scenario(&app, true).await;
    queue_and_multipart(&app).await;
}

/// The host has no model files: documents index lexically (`vectors: missing`) and searches
/// answer lexically with `degraded: embeddings_unavailable`.
#[tokio::test]
async fn embeddings_unavailable_degrades_to_lexical() {
    let missing = std::env::temp_dir().join(unique_name("no-model"));
    let app = app(Store::Embedded, missing.to_str().unwrap()).await;
    scenario(&app, false).await;
}

#[tokio::test]
async fn malformed_requests_get_clean_4xx() {
    let app = app(Store::Embedded, &embedding_model_dir()).await;
    let a = register(&app).await;
    let kb = create_kb(&app, &a, "bad").await;
    let docs = format!("/api/v1/kb/{kb}/documents");
    let search_path = format!("/api/v1/kb/{kb}/search");

    let r = call(&app, "GET", "/api/v1/kb", None, None).await;
    assert_eq!(r.status, 401);
    let r = call(&app, "GET", "/api/v1/kb", Some("not-a-token"), None).await;
    assert_eq!(r.status, 401);

    let cases: Vec<(&str, String, Value, u16, &str)> = vec![
        (
            "POST",
            "/api/v1/kb".into(),
            json!({}),
            422,
            "invalid_request",
        ),
        (
            "POST",
            "/api/v1/kb".into(),
            json!({ "name": "  " }),
            422,
            "invalid_request",
        ),
        (
            "POST",
            docs.clone(),
            json!({ "text": "" }),
            422,
            "empty_document",
        ),
        (
            "POST",
            docs.clone(),
            json!({ "text": "   \n\n  " }),
            422,
            "empty_document",
        ),
        (
            "POST",
            docs.clone(),
            json!({ "text": "<p></p>", "content_type": "text/html" }),
            422,
            "empty_document",
        ),
        (
            "POST",
            docs.clone(),
            json!({ "text": "x", "content_type": "application/pdf" }),
            415,
            "unsupported_media_type",
        ),
        (
            "POST",
            docs.clone(),
            json!({ "text": "x", "metadata": { "a": { "b": 1 } } }),
            422,
            "invalid_request",
        ),
        (
            "POST",
            docs.clone(),
            json!({ "text": "x", "metadata": [1] }),
            422,
            "invalid_request",
        ),
        (
            "POST",
            docs.clone(),
            json!({ "text": "x", "unknown": 1 }),
            422,
            "invalid_request",
        ),
        (
            "POST",
            search_path.clone(),
            json!({ "query": "" }),
            422,
            "invalid_request",
        ),
        (
            "POST",
            search_path.clone(),
            json!({ "query": "x", "top_k": 0 }),
            422,
            "invalid_request",
        ),
        (
            "POST",
            search_path.clone(),
            json!({ "query": "x", "top_k": 51 }),
            422,
            "invalid_request",
        ),
        (
            "POST",
            search_path.clone(),
            json!({ "query": "x", "mode": "fuzzy" }),
            422,
            "invalid_request",
        ),
        (
            "POST",
            search_path.clone(),
            json!({ "query": "x".repeat(2001) }),
            422,
            "invalid_request",
        ),
        (
            "POST",
            search_path.clone(),
            json!({ "query": "x", "filter": { "metadata": { "a": [1] } } }),
            422,
            "invalid_request",
        ),
        (
            "POST",
            "/api/v1/kb/kb_missing/search".into(),
            json!({ "query": "x" }),
            404,
            "not_found",
        ),
        (
            "POST",
            "/api/v1/kb/kb_missing/documents".into(),
            json!({ "text": "x" }),
            404,
            "not_found",
        ),
        ("PUT", docs.clone(), json!({}), 405, "method_not_allowed"),
        (
            "GET",
            format!("{docs}/doc_missing"),
            Value::Null,
            404,
            "not_found",
        ),
    ];
    for (method, path, body, status, code) in cases {
        let body = (!body.is_null()).then_some(body);
        let r = api(&app, method, &path, &a, body.clone()).await;
        assert_eq!(r.status, status, "{method} {path} {body:?}: {}", r.text());
        assert_eq!(
            r.json()["error"]["code"],
            code,
            "{method} {path} {body:?}: {}",
            r.text()
        );
    }

    // Not JSON at all, bad UTF-8, an unsupported upload type, too large.
    let mut req = with_bearer(
        request("POST", &docs, Bytes::from_static(b"{\"text\":")),
        Some(&a.token),
    );
    req.headers_mut()
        .insert("content-type", "application/json".parse().unwrap());
    let r = checked("POST", &docs, app.send(req).await);
    assert_eq!(r.status, 400, "{}", r.text());
    let r = upload(
        &app,
        &docs,
        &a,
        "text/plain",
        vec![b'o', b'k', 0xff, 0xfe],
        None,
    )
    .await;
    assert_eq!(
        (r.status, r.json()["error"]["code"].clone()),
        (400, json!("invalid_utf8")),
        "{}",
        r.text()
    );
    let r = upload(
        &app,
        &docs,
        &a,
        "application/pdf",
        b"%PDF-1.4".to_vec(),
        None,
    )
    .await;
    assert_eq!(r.status, 415, "{}", r.text());
    let big = "a ".repeat(5 * 1024 * 1024 + 8);
    let r = upload(&app, &docs, &a, "text/plain", big.into_bytes(), None).await;
    assert_eq!(r.status, 413, "{}", r.text());
    let r = api(&app, "GET", &format!("{docs}?limit=0"), &a, None).await;
    assert_eq!(r.status, 400, "{}", r.text());

    // Malformed multipart uploads.
    let good_file: (&str, Option<&str>, Option<&str>, &[u8]) = ("file", Some("a.txt"), None, b"Some text.");
    let cut = multipart_body(BOUNDARY, &[good_file]);
    let cases: Vec<(String, Vec<u8>, u16, &str)> = vec![
        ("multipart/form-data".into(), cut.clone(), 400, "malformed_multipart"),
        ("multipart/form-data; boundary=nomatch".into(), cut.clone(), 400, "malformed_multipart"),
        (multipart_type(), cut[..cut.len() - 12].to_vec(), 400, "malformed_multipart"),
        (multipart_type(), multipart_body(BOUNDARY, &[("title", None, None, b"no file")]), 422, "invalid_request"),
        (multipart_type(), multipart_body(BOUNDARY, &[("file", Some("a.pdf"), None, b"%PDF")]), 415, "unsupported_media_type"),
        (multipart_type(), multipart_body(BOUNDARY, &[("file", Some("a.txt"), None, b"ok\xff\xfe")]), 400, "invalid_utf8"),
        (multipart_type(), multipart_body(BOUNDARY, &[("metadata", None, None, b"[1]"), good_file]), 422, "invalid_request"),
    ];
    for (content_type, body, status, code) in cases {
        let r = upload(&app, &docs, &a, &content_type, body, None).await;
        assert_eq!(
            (r.status, r.json()["error"]["code"].as_str()),
            (status, Some(code)),
            "{content_type}: {}",
            r.text()
        );
    }
}
