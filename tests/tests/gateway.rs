//! The AI gateway end to end: the real `gateway` component (composed with the real
//! `auth-identity` verifier) in the host, calling a real local OpenAI-compatible server
//! (tests/fake-providers) over wasi:http, on the embedded default and on real PostgreSQL +
//! Redis; driven over HTTP and with the official `openai` Python client.

use std::time::{SystemTime, UNIX_EPOCH};

use auth_core::jwt::{self, AccessClaims};
use auth_core::keys::{SigningKey, SigningKeys};
use bytes::Bytes;
use e2e::harness::{
    component_wasm, postgres_url, redis_url, request, service_authority, workspace_root, Component,
    TestApp, TestResponse, Variable,
};
use fake_providers::{FakeProvider, Fault};
use serde_json::{json, Value};

const IDENTITY: &str = "english:assistant/identity@0.1.0";
const VARIABLES: &[&str] = &[
    "environment",
    "auth_public_keys",
    "postgres_url",
    "redis_url",
    "llm_config",
    "llm_provider_origin",
];

struct Gateway {
    app: TestApp,
    fake: Option<FakeProvider>,
    key: SigningKey,
    postgres: Option<String>,
    tag: String,
}

fn tag() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..10].to_owned()
}

fn config(fake: &FakeProvider, tag: &str, extra: Value) -> Value {
    let mut config = json!({
        "providers": [
            {"name": format!("cheap{tag}"), "base_url": fake.base_url(), "api_key": "sk-e2e",
             "models": [
                {"id": "fake-small", "tier": "simple", "input_micro_usd_per_million": 1_000_000,
                 "output_micro_usd_per_million": 2_000_000},
                {"id": "fake-embed", "kind": "embedding", "input_micro_usd_per_million": 100_000}]},
            {"name": format!("premium{tag}"), "base_url": fake.base_url(), "api_key": "sk-e2e",
             "models": [
                {"id": "fake-large", "tier": "complex", "input_micro_usd_per_million": 10_000_000,
                 "output_micro_usd_per_million": 30_000_000}]}
        ],
        "timeouts": {"first_byte_ms": 2000, "between_bytes_ms": 1000, "deadline_ms": 10000}
    });
    if let Value::Object(extra) = extra {
        for (k, v) in extra {
            config[k] = v;
        }
    }
    config
}

enum Backend {
    Embedded,
    Services,
}

async fn start(provider: bool, backend: Backend, extra: Value) -> Gateway {
    let key = SigningKey::generate("gw-e2e");
    let jwks = SigningKeys::new(vec![key.clone()])
        .unwrap()
        .public_keys()
        .to_jwks()
        .to_string();
    let tag = tag();
    let fake = provider.then(|| {
        let fake = FakeProvider::start();
        fake.require_api_key("sk-e2e");
        fake
    });
    let mut component = Component::new("gateway", component_wasm("gateway"))
        .route("/api/v1/llm/...")
        .key_value_store("default")
        .sqlite_database("default")
        .allowed_outbound_host("postgres://{{ postgres_host }}")
        .allowed_outbound_host("redis://{{ redis_host }}")
        .allowed_outbound_host("{{ llm_provider_origin }}")
        .inherit_configuration(true)
        .dependency(IDENTITY, component_wasm("auth_identity"));
    let mut builder = TestApp::builder();
    for name in VARIABLES {
        component = component.variable(name, &format!("{{{{ {name} }}}}"));
    }
    let origin = fake
        .as_ref()
        .map_or("http://127.0.0.1:9".to_owned(), FakeProvider::origin);
    builder = builder
        .variable("environment", Variable::Default("development".into()))
        .variable("auth_public_keys", Variable::Default(jwks))
        .variable("postgres_url", Variable::Default(String::new()))
        .variable("redis_url", Variable::Default(String::new()))
        .variable("postgres_host", Variable::Default("127.0.0.1:5432".into()))
        .variable("redis_host", Variable::Default("127.0.0.1:6379".into()))
        .variable("llm_provider_origin", Variable::Default(origin))
        .variable(
            "llm_config",
            Variable::Default(
                fake.as_ref()
                    .map_or(String::new(), |f| config(f, &tag, extra).to_string()),
            ),
        )
        .component(component);
    let mut postgres = None;
    if let Backend::Services = backend {
        postgres_url(); // fails with a clear message when PostgreSQL is not running
        let url = tokio::task::block_in_place(|| {
            storage::native::test_services::fresh_postgres_database("gateway_e2e")
        });
        let redis = redis_url();
        builder = builder
            .env("SPIN_VARIABLE_POSTGRES_URL", &url)
            .env(
                "SPIN_VARIABLE_POSTGRES_HOST",
                &service_authority(&url, 5432),
            )
            .env("SPIN_VARIABLE_REDIS_URL", &redis)
            .env("SPIN_VARIABLE_REDIS_HOST", &service_authority(&redis, 6379));
        postgres = Some(url);
    }
    Gateway {
        app: builder.start().await,
        fake,
        key,
        postgres,
        tag,
    }
}

impl Gateway {
    fn token(&self, tenant: &str, user: &str, roles: &[&str]) -> String {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs();
        jwt::sign(
            &AccessClaims {
                iss: "english-assistant/auth".into(),
                aud: "english-assistant".into(),
                sub: user.into(),
                tenant_id: format!("{tenant}{}", self.tag),
                roles: roles.iter().map(|r| r.to_string()).collect(),
                plan: "FREE".into(),
                sid: uuid::Uuid::new_v4().to_string(),
                jti: uuid::Uuid::new_v4().to_string(),
                iat: now,
                nbf: now,
                exp: now + 3600,
            },
            &self.key,
        )
    }

    async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> TestResponse {
        let bytes = body.map_or_else(Bytes::new, |b| Bytes::from(b.to_string()));
        let mut req = request(method, path, bytes);
        req.headers_mut()
            .insert("content-type", "application/json".parse().unwrap());
        if let Some(token) = token {
            req.headers_mut()
                .insert("authorization", format!("Bearer {token}").parse().unwrap());
        }
        for (n, v) in headers {
            req.headers_mut().insert(
                http::HeaderName::from_bytes(n.as_bytes()).unwrap(),
                v.parse().unwrap(),
            );
        }
        self.app.send(req).await
    }

    fn fake(&self) -> &FakeProvider {
        self.fake.as_ref().expect("started with a provider")
    }
}

fn document() -> Value {
    e2e::openapi::load_document()
}

fn assert_error(response: &TestResponse, status: u16, code: &str) -> Value {
    assert_eq!(response.status, status, "{}", response.text());
    let body = response.json();
    assert_eq!(body["error"]["code"], code, "{body}");
    body
}

/// `data:` payloads of a server-sent-events body, `[DONE]` included.
fn sse_events(body: &str) -> Vec<String> {
    body.split("\n\n")
        .filter_map(|event| event.trim().strip_prefix("data: ").map(str::to_owned))
        .collect()
}

fn chat_body(model: &str, text: &str) -> Value {
    json!({"model": model, "messages": [{"role": "user", "content": text}]})
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_provider_models_are_empty_and_calls_say_how_to_configure_one() {
    let gw = start(false, Backend::Embedded, json!({})).await;
    let token = gw.token("t", "u", &["member"]);

    let unauthenticated = gw.call("GET", "/api/v1/llm/models", None, None, &[]).await;
    assert_error(&unauthenticated, 401, "unauthorized");

    let models = gw
        .call("GET", "/api/v1/llm/models", Some(&token), None, &[])
        .await;
    assert_eq!(models.status, 200, "{}", models.text());
    assert_eq!(models.json(), json!({"object": "list", "data": []}));
    e2e::openapi::assert_response_matches(
        &document(),
        "get",
        "/api/v1/llm/models",
        200,
        &models.json(),
    );

    let chat = gw
        .call(
            "POST",
            "/api/v1/llm/chat/completions",
            Some(&token),
            Some(chat_body("auto", "hi")),
            &[],
        )
        .await;
    let body = assert_error(&chat, 503, "no_provider");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("llm_config"),
        "{body}"
    );
    let embed = gw
        .call(
            "POST",
            "/api/v1/llm/embeddings",
            Some(&token),
            Some(json!({"input": "x"})),
            &[],
        )
        .await;
    assert_error(&embed, 503, "no_provider");
}

#[tokio::test(flavor = "multi_thread")]
async fn chat_json_and_stream_with_failover_cache_and_documented_shapes() {
    let gw = start(true, Backend::Embedded, json!({})).await;
    let token = gw.token("t", "u", &["member"]);
    let doc = document();

    // JSON answer, with where it came from.
    let r = gw
        .call(
            "POST",
            "/api/v1/llm/chat/completions",
            Some(&token),
            Some(chat_body("cheapest", "hello gateway")),
            &[],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let body = r.json();
    assert_eq!(
        body["choices"][0]["message"]["content"],
        "echo: hello gateway"
    );
    assert_eq!(body["usage"]["prompt_tokens"], 2);
    assert_eq!(r.header("x-llm-model"), Some("fake-small"));
    assert_eq!(r.header("x-llm-fallback"), Some("false"));
    assert_eq!(r.header("x-llm-cache"), Some("miss"));
    // 2 × 1 $/M + 3 × 2 $/M = 8 µ$
    assert_eq!(r.header("x-llm-cost-micro-usd"), Some("8"));
    assert!(r.header("x-request-id").is_some());
    e2e::openapi::assert_response_matches(&doc, "post", "/api/v1/llm/chat/completions", 200, &body);

    // Same request again: a cache hit, no provider call.
    let calls = gw.fake().received().len();
    let again = gw
        .call(
            "POST",
            "/api/v1/llm/chat/completions",
            Some(&token),
            Some(chat_body("cheapest", "hello gateway")),
            &[],
        )
        .await;
    assert_eq!(again.header("x-llm-cache"), Some("hit"));
    assert_eq!(again.json()["choices"], body["choices"]);
    assert_eq!(gw.fake().received().len(), calls);
    // Opting out calls the provider.
    let bypass = gw
        .call(
            "POST",
            "/api/v1/llm/chat/completions",
            Some(&token),
            Some(chat_body("cheapest", "hello gateway")),
            &[("x-llm-cache", "no-store")],
        )
        .await;
    assert_eq!(bypass.header("x-llm-cache"), Some("miss"));

    // A failing first choice: served by the next, and the response says so.
    gw.fake().set_fault(
        "fake-small",
        Fault::Status {
            status: 503,
            retry_after: None,
        },
        Some(1),
    );
    let r = gw
        .call(
            "POST",
            "/api/v1/llm/chat/completions",
            Some(&token),
            Some(chat_body("cheapest", "fail over")),
            &[],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("x-llm-model"), Some("fake-large"));
    assert_eq!(r.header("x-llm-fallback"), Some("true"));
    assert_eq!(r.json()["gateway"]["attempts"], 2);

    // Streaming: server-sent events ending in [DONE], usage on request.
    let mut streamed = chat_body("fake-small", "one two three");
    streamed["stream"] = json!(true);
    streamed["stream_options"] = json!({"include_usage": true});
    let r = gw
        .call(
            "POST",
            "/api/v1/llm/chat/completions",
            Some(&token),
            Some(streamed.clone()),
            &[("x-llm-cache", "no-store")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("text/event-stream"));
    assert_eq!(r.header("x-llm-model"), Some("fake-small"));
    let events = sse_events(&r.text());
    assert_eq!(
        events.last().map(String::as_str),
        Some("[DONE]"),
        "{events:?}"
    );
    let chunks: Vec<Value> = events[..events.len() - 1]
        .iter()
        .map(|e| serde_json::from_str(e).unwrap())
        .collect();
    let text: String = chunks
        .iter()
        .filter_map(|c| c["choices"][0]["delta"]["content"].as_str())
        .collect();
    assert_eq!(text, "echo: one two three");
    assert_eq!(chunks.last().unwrap()["usage"]["completion_tokens"], 4);

    // A stream that breaks after it started: an error event, no [DONE], no retry elsewhere.
    gw.fake()
        .set_fault("fake-small", Fault::DropStream { after_chunks: 2 }, Some(1));
    let large_before = gw.fake().calls_for("fake-large");
    let r = gw
        .call(
            "POST",
            "/api/v1/llm/chat/completions",
            Some(&token),
            Some(streamed),
            &[("x-llm-cache", "no-store")],
        )
        .await;
    assert_eq!(r.status, 200);
    let events = sse_events(&r.text());
    let last: Value = serde_json::from_str(events.last().unwrap()).unwrap();
    assert_eq!(last["error"]["code"], "stream_interrupted", "{events:?}");
    assert!(!events.iter().any(|e| e == "[DONE]"));
    assert_eq!(gw.fake().calls_for("fake-large"), large_before);

    // Client mistakes are clear JSON errors.
    let r = gw
        .call(
            "POST",
            "/api/v1/llm/chat/completions",
            Some(&token),
            Some(json!({"messages": "nope"})),
            &[],
        )
        .await;
    assert_error(&r, 422, "invalid_request");
    let r = gw
        .call(
            "POST",
            "/api/v1/llm/chat/completions",
            Some(&token),
            Some(chat_body("no-such-model", "x")),
            &[],
        )
        .await;
    assert_error(&r, 404, "model_not_found");
    let r = gw
        .call(
            "GET",
            "/api/v1/llm/chat/completions",
            Some(&token),
            None,
            &[],
        )
        .await;
    assert_error(&r, 405, "method_not_allowed");

    // Embeddings.
    let r = gw
        .call(
            "POST",
            "/api/v1/llm/embeddings",
            Some(&token),
            Some(json!({"input": ["a b", "c"]})),
            &[],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let body = r.json();
    assert_eq!(body["data"].as_array().unwrap().len(), 2);
    assert_eq!(body["data"][0]["embedding"].as_array().unwrap().len(), 8);
    assert_eq!(r.header("x-llm-model"), Some("fake-embed"));
    e2e::openapi::assert_response_matches(&doc, "post", "/api/v1/llm/embeddings", 200, &body);

    // Models, and the admin view for admins only.
    let models = gw
        .call("GET", "/api/v1/llm/models", Some(&token), None, &[])
        .await
        .json();
    let ids: Vec<&str> = models["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"fake-small") && ids.contains(&"fake-embed") && ids.contains(&"auto"),
        "{ids:?}"
    );
    e2e::openapi::assert_response_matches(&doc, "get", "/api/v1/llm/models", 200, &models);
    let r = gw
        .call("GET", "/api/v1/llm/admin/health", Some(&token), None, &[])
        .await;
    assert_error(&r, 403, "forbidden");
    let admin = gw.token("t", "boss", &["admin"]);
    let r = gw
        .call("GET", "/api/v1/llm/admin/health", Some(&admin), None, &[])
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let health = r.json();
    e2e::openapi::assert_response_matches(&doc, "get", "/api/v1/llm/admin/health", 200, &health);
    let small = health["deployments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["deployment"].as_str().unwrap().ends_with("/fake-small"))
        .unwrap();
    assert_eq!(small["state"], "closed");
    assert!(small["window_failures"].as_i64().unwrap() >= 2, "{small}");
}

#[tokio::test(flavor = "multi_thread")]
async fn ledger_and_budgets_on_postgres_and_redis_per_tenant() {
    // fake-small: 1 $/M in, 2 $/M out; "a b c d" = 4 in, echo = 5 out: 14 µ$ a call.
    let gw = start(
        true,
        Backend::Services,
        json!({"budgets": {"default_monthly_micro_usd": 30, "soft_limit_percent": 100}}),
    )
    .await;
    let ann = gw.token("ann", "u1", &["member"]);
    let bob = gw.token("bob", "u2", &["member"]);
    let body = |text: &str| {
        let mut b = chat_body("fake-small", text);
        b["max_tokens"] = json!(5);
        b
    };
    for _ in 0..2 {
        let r = gw
            .call(
                "POST",
                "/api/v1/llm/chat/completions",
                Some(&ann),
                Some(body("a b c d")),
                &[("x-llm-cache", "no-store"), ("x-llm-function", "translate")],
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text());
        assert_eq!(r.header("x-llm-cost-micro-usd"), Some("14"));
    }
    // 28 of 30 µ$ spent: the next call's estimate does not fit.
    let r = gw
        .call(
            "POST",
            "/api/v1/llm/chat/completions",
            Some(&ann),
            Some(body("a b c d")),
            &[("x-llm-cache", "no-store")],
        )
        .await;
    let err = assert_error(&r, 402, "budget_exceeded");
    assert_eq!(err["error"]["details"]["spent_micro_usd"], 28);
    // Bob's tenant has its own budget and its own cache.
    let r = gw
        .call(
            "POST",
            "/api/v1/llm/chat/completions",
            Some(&bob),
            Some(body("a b c d")),
            &[],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("x-llm-cache"), Some("miss"));

    let url = gw.postgres.clone().unwrap();
    let ledger = || {
        let url = url.clone();
        async move {
            tokio::task::spawn_blocking(move || {
                use storage::Sql;
                let db = storage::native::NativePostgres::connect(&url).unwrap();
                db.query(
                    "SELECT tenant_id, user_id, function_name, outcome, cost_micro_usd, model, request_id
                     FROM llm_usage ORDER BY tenant_id, outcome",
                    &[],
                )
                .unwrap()
                .iter()
                .map(|r| {
                    (
                        r.text("tenant_id").unwrap(),
                        r.text("user_id").unwrap(),
                        r.text("function_name").unwrap(),
                        r.text("outcome").unwrap(),
                        r.int("cost_micro_usd").unwrap(),
                    )
                })
                .collect::<Vec<_>>()
            })
            .await
            .unwrap()
        }
    };
    // The component writes a ledger row after it has sent its answer, so the last call's
    // row may land a moment after the response.
    let started = std::time::Instant::now();
    let mut rows = ledger().await;
    while rows.len() < 4 && started.elapsed() < std::time::Duration::from_secs(5) {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        rows = ledger().await;
    }
    let ann_t = format!("ann{}", gw.tag);
    let bob_t = format!("bob{}", gw.tag);
    assert_eq!(
        rows,
        [
            (
                ann_t.clone(),
                "u1".into(),
                "http".into(),
                "refused".into(),
                0
            ),
            (
                ann_t.clone(),
                "u1".into(),
                "translate".into(),
                "success".into(),
                14
            ),
            (
                ann_t.clone(),
                "u1".into(),
                "translate".into(),
                "success".into(),
                14
            ),
            (bob_t, "u2".into(), "http".into(), "success".into(), 14),
        ]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_official_openai_python_client_works_with_only_base_url_changed() {
    let gw = start(true, Backend::Embedded, json!({})).await;
    let token = gw.token("t", "py", &["member"]);
    let python = std::env::var("TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = workspace_root().join("tests/python/gateway_openai.py");
    let output = tokio::process::Command::new(&python)
        .arg(&script)
        .env("GATEWAY_BASE_URL", gw.app.url("/api/v1/llm"))
        .env("GATEWAY_TOKEN", &token)
        .output()
        .await
        .unwrap_or_else(|e| panic!("running {python} {}: {e}", script.display()));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{python} {} failed (scripts/test installs tests/requirements.txt into TEST_PYTHON)\n\
         --- stdout ---\n{stdout}\n--- stderr ---\n{stderr}",
        script.display()
    );
    let report: Value = serde_json::from_str(stdout.lines().last().unwrap_or_default())
        .unwrap_or_else(|e| panic!("script output is not JSON ({e}): {stdout}"));
    assert_eq!(report["chat"], "echo: hello from python");
    assert_eq!(report["stream"], "echo: stream from python");
    assert_eq!(report["stream_usage"]["completion_tokens"], 4);
    assert_eq!(report["embeddings"], 2);
    assert_eq!(report["not_found_status"], 404);
    // The fake saw the gateway's calls, not the client's: our provider key, not the token.
    assert!(gw
        .fake()
        .received()
        .iter()
        .all(|r| r.authorization.as_deref() == Some("Bearer sk-e2e")));
}

#[tokio::test(flavor = "multi_thread")]
async fn provider_timeouts_and_broken_answers_are_enforced_inside_the_component() {
    let gw = start(true, Backend::Embedded, json!({})).await;
    let token = gw.token("t", "u", &["member"]);
    let no_store = [("x-llm-cache", "no-store")];

    // Slow first byte (3 s against a 2 s first-byte timeout), truncated JSON and a wrong
    // content type: each fails over to the next candidate.
    for fault in [
        Fault::SlowFirstByte { ms: 3000 },
        Fault::TruncatedJson,
        Fault::WrongContentType,
    ] {
        gw.fake().set_fault("fake-small", fault.clone(), Some(1));
        let started = std::time::Instant::now();
        let r = gw
            .call(
                "POST",
                "/api/v1/llm/chat/completions",
                Some(&token),
                Some(chat_body("cheapest", "x")),
                &no_store,
            )
            .await;
        assert_eq!(r.status, 200, "{fault:?}: {}", r.text());
        assert_eq!(r.header("x-llm-model"), Some("fake-large"), "{fault:?}");
        assert!(
            started.elapsed() < std::time::Duration::from_millis(2900),
            "{fault:?}: {:?}",
            started.elapsed()
        );
    }

    // A stream that stalls after it started ends with an error event once the
    // between-bytes timeout (1 s) passes, not after the host's request timeout.
    gw.fake().set_fault(
        "fake-small",
        Fault::StallStream { after_chunks: 2 },
        Some(1),
    );
    let mut streamed = chat_body("fake-small", "w1 w2 w3");
    streamed["stream"] = json!(true);
    let started = std::time::Instant::now();
    let r = gw
        .call(
            "POST",
            "/api/v1/llm/chat/completions",
            Some(&token),
            Some(streamed),
            &no_store,
        )
        .await;
    assert_eq!(r.status, 200);
    let events = sse_events(&r.text());
    let last: Value = serde_json::from_str(events.last().unwrap()).unwrap();
    assert_eq!(last["error"]["code"], "stream_interrupted", "{events:?}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}
