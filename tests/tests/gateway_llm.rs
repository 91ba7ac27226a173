//! The gateway as a library component: `gateway-llm` (exporting
//! `english:assistant/llm@0.1.0`) composed into a calling function (the test-only
//! `gateway-llm-caller`) by the host, calling the local OpenAI-compatible provider.

use e2e::harness::{component_wasm, Component, TestApp, Variable};
use fake_providers::{FakeProvider, Fault};
use serde_json::{json, Value};

const LLM: &str = "english:assistant/llm@0.1.0";

async fn start(fake: &FakeProvider) -> TestApp {
    let config = json!({
        "providers": [
            {"name": "cheap", "base_url": fake.base_url(), "models": [
                {"id": "fake-small", "tier": "simple", "input_micro_usd_per_million": 1_000_000,
                 "output_micro_usd_per_million": 2_000_000},
                {"id": "fake-embed", "kind": "embedding", "input_micro_usd_per_million": 100_000}]},
            {"name": "premium", "base_url": fake.base_url(), "models": [
                {"id": "fake-large", "tier": "complex", "input_micro_usd_per_million": 10_000_000,
                 "output_micro_usd_per_million": 30_000_000}]}
        ]
    });
    let caller = Component::new("caller", component_wasm("gateway_llm_caller"))
        .route("/caller/...")
        .key_value_store("default")
        .sqlite_database("default")
        .allowed_outbound_host(&fake.origin())
        .variable("llm_config", "{{ llm_config }}")
        .inherit_configuration(true)
        .dependency(LLM, component_wasm("gateway_llm"));
    TestApp::builder()
        .variable("llm_config", Variable::Default(config.to_string()))
        .component(caller)
        .start()
        .await
}

async fn get(app: &TestApp, path: &str) -> Value {
    let response = app.get(path).await;
    assert_eq!(response.status, 200, "{}", response.text());
    response.json()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_function_calls_models_through_the_composed_gateway() {
    let fake = FakeProvider::start();
    let app = start(&fake).await;

    let chat = get(&app, "/caller/chat?q=hello+composed").await;
    assert_eq!(chat["content"], "echo: hello composed", "{chat}");
    assert_eq!(chat["served"]["model"], "fake-small");
    // 2 × 1 $/M + 3 × 2 $/M
    assert_eq!(chat["served"]["cost_micro_usd"], 8);

    fake.set_fault(
        "fake-small",
        Fault::Status {
            status: 500,
            retry_after: None,
        },
        Some(1),
    );
    let chat = get(&app, "/caller/chat?q=fail+over").await;
    assert_eq!(chat["served"]["model"], "fake-large", "{chat}");
    assert_eq!(chat["served"]["fell_back"], true);

    let stream = get(&app, "/caller/stream?q=one+two+three").await;
    assert_eq!(stream["error"], Value::Null, "{stream}");
    assert_eq!(
        stream["pieces"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect::<String>(),
        "echo: one two three"
    );
    assert_eq!(stream["completion_tokens"], 4);

    fake.set_fault("fake-small", Fault::DropStream { after_chunks: 2 }, Some(1));
    let broken = get(&app, "/caller/stream?q=w1+w2+w3+w4").await;
    assert_eq!(
        broken["error"]["error"]["code"], "stream_interrupted",
        "{broken}"
    );

    let embed = get(&app, "/caller/embed?q=abc").await;
    assert_eq!(
        (embed["count"].as_u64(), embed["dimensions"].as_u64()),
        (Some(2), Some(8)),
        "{embed}"
    );
    assert_eq!(embed["model"], "fake-embed");

    let models = get(&app, "/caller/models").await;
    assert_eq!(models["models"].as_array().unwrap().len(), 3, "{models}");

    // The provider saw the calling function's requests.
    assert!(fake.calls_for("fake-small") >= 3);
}
