//! Retrieval as a library component: `retrieval-library` (exporting
//! `english:assistant/retrieval@0.1.0`) composed by the host into a calling function (the
//! test-only `retrieval-library-caller`), beside the retrieval HTTP function and auth, all on
//! one store. What one face writes the other finds; the library keeps tenants apart exactly
//! as the HTTP face does.
//!
//! Needs the embedding model (see tests/tests/retrieval.rs).

use e2e::harness::{
    component_wasm, embedding_model_dir, json_request, unique_name, Component, TestApp,
};
use serde_json::{json, Value};

const RETRIEVAL: &str = "english:assistant/retrieval@0.1.0";
const MODEL: &str = "all-minilm-l6-v2";

async fn start() -> TestApp {
    let retrieval = Component::retrieval();
    let auth = Component::auth();
    let caller = Component::new("caller", component_wasm("retrieval_library_caller"))
        .route("/caller/...")
        .with_app_stores()
        .ai_model(MODEL)
        .inherit_configuration(true)
        .dependency(RETRIEVAL, component_wasm("retrieval_library"));
    TestApp::builder()
        .app_variables()
        .component(retrieval)
        .component(auth)
        .component(caller)
        .env("HOST_EMBEDDING_MODEL_DIR", &embedding_model_dir())
        .start()
        .await
}

struct User {
    token: String,
    tenant_id: String,
}

async fn send(
    app: &TestApp,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> Value {
    let response = app.send(json_request(method, path, token, body)).await;
    assert!(
        response.status < 300,
        "{method} {path}: {} {}",
        response.status,
        response.text()
    );
    if response.body.is_empty() {
        Value::Null
    } else {
        response.json()
    }
}

async fn user(app: &TestApp) -> User {
    let email = format!("{}@example.com", unique_name("library"));
    let credentials = json!({ "email": email, "password": "Correct1horse" });
    let mut registration = credentials.clone();
    registration["display_name"] = json!("Library User");
    send(
        app,
        "POST",
        "/api/v1/auth/register",
        None,
        Some(registration),
    )
    .await;
    let login = send(app, "POST", "/api/v1/auth/login", None, Some(credentials)).await;
    let token = login["access_token"].as_str().unwrap().to_string();
    let me = send(app, "GET", "/api/v1/auth/me", Some(&token), None).await;
    User {
        token,
        tenant_id: me["tenant"]["id"].as_str().unwrap().to_string(),
    }
}

/// A call through the composed library: `Ok(value)` or `Err(api-error)` as the WIT answered.
async fn library(
    app: &TestApp,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> Result<Value, Value> {
    let answer = send(app, method, path, None, body).await;
    match (answer.get("ok"), answer.get("error")) {
        (Some(ok), None) => Ok(ok.clone()),
        (None, Some(error)) => Err(error.clone()),
        _ => panic!("the caller answered neither ok nor error: {answer}"),
    }
}

const PROPELLER: &str = "Wings in a propeller slipstream. The spanwise distribution of the lift increase due to the slipstream was measured at several angles of attack.";
const BOUNDARY: &str = "# Boundary layers\n\nLaminar boundary layer separation ahead of a forward-facing step was observed in the wind tunnel.";

#[tokio::test]
async fn library_ingests_and_searches_what_the_http_face_sees() {
    let app = start().await;
    let alice = user(&app).await;
    let kb = send(
        &app,
        "POST",
        "/api/v1/kb",
        Some(&alice.token),
        Some(json!({"name": "notes"})),
    )
    .await;
    let kb_id = kb["id"].as_str().unwrap().to_string();

    // The library lists the knowledge base the HTTP face created.
    let kbs = library(
        &app,
        "GET",
        &format!("/caller/kbs?tenant_id={}", alice.tenant_id),
        None,
    )
    .await
    .unwrap();
    assert_eq!(
        kbs,
        json!([{"id": kb_id, "name": "notes", "description": null}])
    );

    // Ingest through the library; the HTTP face finds the chunk.
    let ingested = library(
        &app,
        "POST",
        "/caller/ingest",
        Some(json!({
            "tenant_id": alice.tenant_id, "kb_id": kb_id, "text": PROPELLER,
            "title": "Propellers", "metadata": {"lang": "en", "year": 1958},
        })),
    )
    .await
    .unwrap();
    assert_eq!(ingested["status"], "indexed", "{ingested}");
    assert_eq!(ingested["chunk_count"], 1);
    assert_eq!(ingested["duplicate"], false);
    let propeller_doc = ingested["doc_id"].as_str().unwrap().to_string();
    let again = library(
        &app,
        "POST",
        "/caller/ingest",
        Some(json!({
            "tenant_id": alice.tenant_id, "kb_id": kb_id, "text": PROPELLER,
        })),
    )
    .await
    .unwrap();
    assert_eq!(again["duplicate"], true);
    assert_eq!(again["doc_id"], propeller_doc.as_str());

    let http = send(
        &app,
        "POST",
        &format!("/api/v1/kb/{kb_id}/search"),
        Some(&alice.token),
        Some(json!({"query": "propeller slipstream lift", "mode": "lexical"})),
    )
    .await;
    assert_eq!(
        http["results"][0]["doc_id"],
        propeller_doc.as_str(),
        "{http}"
    );

    // Ingest through HTTP; search through the library in every mode.
    let boundary = send(
        &app,
        "POST",
        &format!("/api/v1/kb/{kb_id}/documents"),
        Some(&alice.token),
        Some(
            json!({"text": BOUNDARY, "content_type": "text/markdown", "metadata": {"lang": "de"}}),
        ),
    )
    .await;
    let boundary_doc = boundary["doc_id"].as_str().unwrap().to_string();
    for mode in ["lexical", "dense", "hybrid"] {
        let found = library(
            &app,
            "POST",
            "/caller/search",
            Some(json!({
                "tenant_id": alice.tenant_id, "kb_id": kb_id, "mode": mode,
                "query": "boundary layer separation in a wind tunnel",
            })),
        )
        .await
        .unwrap();
        assert_eq!(found["served_mode"], mode, "{found}");
        assert_eq!(found["degraded"], Value::Null);
        let top = &found["hits"][0];
        assert_eq!(top["doc_id"], boundary_doc.as_str(), "{mode}: {found}");
        assert_eq!(top["headings"], json!(["Boundary layers"]));
        assert_eq!(top["metadata"], json!({"lang": "de"}));
        assert!(top["scores"]["fused"].as_f64().unwrap() > 0.0);
        assert!(top["end"].as_u64().unwrap() > top["start"].as_u64().unwrap());
    }

    // Metadata filters travel as JSON values.
    let filtered = library(
        &app,
        "POST",
        "/caller/search",
        Some(json!({
            "tenant_id": alice.tenant_id, "kb_id": kb_id, "mode": "hybrid", "top_k": 5,
            "query": "boundary layer separation", "filter": {"lang": ["en"]},
        })),
    )
    .await
    .unwrap();
    let docs: Vec<&str> = filtered["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["doc_id"].as_str().unwrap())
        .collect();
    assert_eq!(docs, vec![propeller_doc.as_str()], "{filtered}");
    let by_year = library(
        &app,
        "POST",
        "/caller/search",
        Some(json!({
            "tenant_id": alice.tenant_id, "kb_id": kb_id, "mode": "lexical",
            "query": "propeller", "filter": {"year": [1957, 1958]},
        })),
    )
    .await
    .unwrap();
    assert_eq!(by_year["hits"].as_array().unwrap().len(), 1, "{by_year}");
}

#[tokio::test]
async fn library_keeps_tenants_apart_and_reports_bad_requests() {
    let app = start().await;
    let alice = user(&app).await;
    let mallory = user(&app).await;
    let kb = send(
        &app,
        "POST",
        "/api/v1/kb",
        Some(&alice.token),
        Some(json!({"name": "private"})),
    )
    .await;
    let kb_id = kb["id"].as_str().unwrap().to_string();
    library(
        &app,
        "POST",
        "/caller/ingest",
        Some(json!({
            "tenant_id": alice.tenant_id, "kb_id": kb_id, "text": PROPELLER,
        })),
    )
    .await
    .unwrap();

    // Another tenant naming Alice's knowledge base: not found, for search and ingest alike.
    let search = library(
        &app,
        "POST",
        "/caller/search",
        Some(json!({
            "tenant_id": mallory.tenant_id, "kb_id": kb_id, "query": "propeller", "mode": "lexical",
        })),
    )
    .await
    .unwrap_err();
    assert_eq!(search["status"], 404, "{search}");
    let ingest = library(
        &app,
        "POST",
        "/caller/ingest",
        Some(json!({
            "tenant_id": mallory.tenant_id, "kb_id": kb_id, "text": "planted text",
        })),
    )
    .await
    .unwrap_err();
    assert_eq!(ingest["status"], 404, "{ingest}");
    let listed = library(
        &app,
        "GET",
        &format!("/caller/kbs?tenant_id={}", mallory.tenant_id),
        None,
    )
    .await
    .unwrap();
    assert_eq!(listed, json!([]));

    // Invalid requests come back as the same typed errors the HTTP face answers.
    let empty = library(
        &app,
        "POST",
        "/caller/search",
        Some(json!({
            "tenant_id": alice.tenant_id, "kb_id": kb_id, "query": "  ",
        })),
    )
    .await
    .unwrap_err();
    assert_eq!(empty["status"], 422, "{empty}");
    let top_k = library(
        &app,
        "POST",
        "/caller/search",
        Some(json!({
            "tenant_id": alice.tenant_id, "kb_id": kb_id, "query": "propeller", "top_k": 51,
        })),
    )
    .await
    .unwrap_err();
    assert_eq!(top_k["status"], 422, "{top_k}");
    let no_text = library(
        &app,
        "POST",
        "/caller/ingest",
        Some(json!({
            "tenant_id": alice.tenant_id, "kb_id": kb_id, "text": "",
        })),
    )
    .await
    .unwrap_err();
    assert_eq!(
        (no_text["status"].clone(), no_text["code"].clone()),
        (json!(422), json!("empty_document"))
    );
}
