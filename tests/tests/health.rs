//! The real `health` function in the repo's own `spin.toml`: on the embedded defaults, and
//! configured with the real PostgreSQL and Redis. Its responses must match the OpenAPI
//! document the app serves.

use e2e::harness::{
    component_wasm, postgres_url, redis_url, service_authority, workspace_root, TestApp,
    TestAppBuilder,
};
use serde_json::Value;

fn repo_app() -> TestAppBuilder {
    // Fail with the build hint rather than a host error if the functions aren't built.
    component_wasm("health");
    component_wasm("openapi");
    TestApp::builder().existing_manifest(workspace_root().join("spin.toml"))
}

async fn health_report(app: &TestApp) -> Value {
    let response = app.get("/api/v1/health").await;
    assert_eq!(response.status, 200, "{}", response.text());
    assert!(
        response
            .header("content-type")
            .is_some_and(|t| t.starts_with("application/json")),
        "{:?}",
        response.headers
    );
    let body = response.json();

    let document = app.get("/api/v1/openapi.json").await;
    assert_eq!(document.status, 200, "{}", document.text());
    e2e::openapi::assert_response_matches(&document.json(), "get", "/api/v1/health", 200, &body);
    body
}

#[tokio::test(flavor = "multi_thread")]
async fn healthy_on_embedded_defaults() {
    let app = repo_app().start().await;
    let report = health_report(&app).await;
    assert_eq!(
        report["checks"]["postgres"]["status"], "not_configured",
        "{report:#}"
    );
    assert_eq!(
        report["checks"]["redis"]["status"], "not_configured",
        "{report:#}"
    );
    assert_eq!(report["checks"]["sqlite"]["status"], "ok", "{report:#}");
}

#[tokio::test(flavor = "multi_thread")]
async fn healthy_with_real_postgres_and_redis() {
    let postgres = postgres_url();
    let redis = redis_url();
    let app = repo_app()
        .env("SPIN_VARIABLE_POSTGRES_URL", &postgres)
        .env("SPIN_VARIABLE_REDIS_URL", &redis)
        .env(
            "SPIN_VARIABLE_POSTGRES_HOST",
            &service_authority(&postgres, 5432),
        )
        .env("SPIN_VARIABLE_REDIS_HOST", &service_authority(&redis, 6379))
        .start()
        .await;
    let report = health_report(&app).await;
    assert_eq!(report["checks"]["postgres"]["status"], "ok", "{report:#}");
    assert_eq!(report["checks"]["redis"]["status"], "ok", "{report:#}");
    // The URLs are secrets: never echoed back.
    let text = report.to_string();
    assert!(
        !text.contains(&postgres) && !text.contains(&redis),
        "{report:#}"
    );
}
