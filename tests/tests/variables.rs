//! Application variables: defaults, `SPIN_VARIABLE_*` overrides, templates, required ones.

use e2e::harness::{Component, TestApp, Variable};

fn greeting_app() -> e2e::harness::TestAppBuilder {
    TestApp::builder()
        .variable("greeting", Variable::Default("hello".into()))
        .component(
            Component::probe("vars")
                .route("/probe/...")
                .variable("greeting", "{{ greeting }}")
                .variable("sentence", "{{ greeting }}, world"),
        )
}

async fn variable(app: &TestApp, name: &str) -> serde_json::Value {
    let response = app.get(&format!("/probe/vars?name={name}")).await;
    assert_eq!(response.status, 200, "{}", response.text());
    response.json()
}

#[tokio::test(flavor = "multi_thread")]
async fn default_value_is_used() {
    let app = greeting_app().start().await;
    assert_eq!(variable(&app, "greeting").await["value"], "hello");
    assert_eq!(variable(&app, "sentence").await["value"], "hello, world");
}

#[tokio::test(flavor = "multi_thread")]
async fn environment_overrides_the_default() {
    let app = greeting_app()
        .env("SPIN_VARIABLE_GREETING", "bonjour")
        .start()
        .await;
    assert_eq!(variable(&app, "greeting").await["value"], "bonjour");
    assert_eq!(variable(&app, "sentence").await["value"], "bonjour, world");
}

#[tokio::test(flavor = "multi_thread")]
async fn undeclared_component_variable_is_an_error() {
    let app = greeting_app().start().await;
    let body = variable(&app, "not_declared").await;
    assert!(body["error"].is_object(), "{body}");
    assert!(body.get("value").is_none(), "{body}");
}

#[tokio::test(flavor = "multi_thread")]
async fn required_variable_provided_by_environment() {
    let app = TestApp::builder()
        .variable("api_key", Variable::Required)
        .component(
            Component::probe("vars")
                .route("/probe/...")
                .variable("api_key", "{{ api_key }}"),
        )
        .env("SPIN_VARIABLE_API_KEY", "k-123")
        .start()
        .await;
    assert_eq!(variable(&app, "api_key").await["value"], "k-123");
}

#[tokio::test(flavor = "multi_thread")]
async fn missing_required_variable_stops_the_host_at_start() {
    let failure = TestApp::builder()
        .variable("api_key", Variable::Required)
        .component(
            Component::probe("vars")
                .route("/probe/...")
                .variable("api_key", "{{ api_key }}"),
        )
        .start_expecting_failure()
        .await;
    assert!(!failure.status.success(), "{failure:?}");
    assert!(failure.stderr.contains("api_key"), "{failure:?}");
    assert!(!failure.stdout.contains("Serving"), "{failure:?}");
}
