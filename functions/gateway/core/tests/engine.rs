//! The gateway engine against a real local OpenAI-compatible server (tests/fake-providers)
//! over real HTTP, with its state in real Redis and its ledger in real PostgreSQL.
//!
//! Each test uses its own provider names, tenants and Redis key prefix, and a fresh
//! PostgreSQL database, so tests run in parallel without seeing each other.

use std::cell::Cell;
use std::rc::Rc;

use fake_providers::{FakeProvider, Fault};
use gateway_core::engine::{CallOptions, Caller, Gateway};
use gateway_core::native::NativeTransport;
use gateway_core::{ChatRequest, Clock, EmbeddingRequest, GatewayConfig, SystemClock};
use serde_json::{json, Value};
use storage::native::test_services;
use storage::{DbError, KeyValue, Sql};

/// Keys under a per-test prefix, so parallel tests sharing one Redis never collide.
struct Prefixed {
    inner: Box<dyn KeyValue>,
    prefix: String,
}

impl KeyValue for Prefixed {
    fn get(&self, key: &str) -> Result<Option<Vec<u8>>, DbError> {
        self.inner.get(&format!("{}{key}", self.prefix))
    }
    fn set(&self, key: &str, value: &[u8], ttl: Option<u64>) -> Result<(), DbError> {
        self.inner.set(&format!("{}{key}", self.prefix), value, ttl)
    }
    fn set_if_absent(&self, key: &str, value: &[u8], ttl: Option<u64>) -> Result<bool, DbError> {
        self.inner
            .set_if_absent(&format!("{}{key}", self.prefix), value, ttl)
    }
    fn delete(&self, key: &str) -> Result<(), DbError> {
        self.inner.delete(&format!("{}{key}", self.prefix))
    }
    fn incr(&self, key: &str, by: i64, ttl: u64) -> Result<i64, DbError> {
        self.inner.incr(&format!("{}{key}", self.prefix), by, ttl)
    }
}

/// Real time, shifted forward on demand (to step past the breaker's five minutes).
#[derive(Clone, Default)]
struct ShiftedClock {
    offset_ms: Rc<Cell<u64>>,
}

impl Clock for ShiftedClock {
    fn now_ms(&self) -> u64 {
        SystemClock.now_ms() + self.offset_ms.get()
    }
    fn sleep_ms(&self, ms: u64) {
        SystemClock.sleep_ms(ms)
    }
    fn random_u64(&self) -> u64 {
        SystemClock.random_u64()
    }
}

struct Setup {
    gw: Rc<Gateway<NativeTransport>>,
    fake: FakeProvider,
    clock: ShiftedClock,
    tag: String,
}

fn tag() -> String {
    test_services::random_suffix()[..10].to_owned()
}

/// Two providers on the same fake server: `cheap` serves `fake-small` (simple tier) and
/// `fake-embed`; `premium` serves `fake-large` (complex tier). Prices in µ$ per million.
fn config_json(fake: &FakeProvider, tag: &str, extra: Value) -> Value {
    let mut config = json!({
        "providers": [
            {"name": format!("cheap{tag}"), "base_url": fake.base_url(), "api_key": "sk-test",
             "models": [
                {"id": "fake-small", "tier": "simple", "input_micro_usd_per_million": 1_000_000,
                 "output_micro_usd_per_million": 2_000_000, "context_window": 4096, "quality": 4},
                {"id": "fake-embed", "kind": "embedding", "input_micro_usd_per_million": 100_000}
             ]},
            {"name": format!("premium{tag}"), "base_url": fake.base_url(), "api_key": "sk-test",
             "models": [
                {"id": "fake-large", "tier": "complex", "input_micro_usd_per_million": 10_000_000,
                 "output_micro_usd_per_million": 30_000_000, "context_window": 128000, "quality": 9}
             ]}
        ],
        "timeouts": {"connect_ms": 1000, "first_byte_ms": 1500, "between_bytes_ms": 700, "deadline_ms": 8000}
    });
    if let Value::Object(extra) = extra {
        for (k, v) in extra {
            config[k] = v;
        }
    }
    config
}

fn setup_with(extra: Value, sql: Box<dyn Sql>) -> Setup {
    let fake = FakeProvider::start();
    fake.require_api_key("sk-test");
    let tag = tag();
    let config = GatewayConfig::parse(&config_json(&fake, &tag, extra).to_string()).unwrap();
    let kv = Prefixed {
        inner: Box::new(test_services::redis()),
        prefix: format!("test:{tag}:"),
    };
    let clock = ShiftedClock::default();
    let gw = Gateway::new(
        config,
        Box::new(kv),
        sql,
        NativeTransport::new(),
        Box::new(clock.clone()),
    );
    Setup {
        gw: Rc::new(gw),
        fake,
        clock,
        tag,
    }
}

fn setup(extra: Value) -> Setup {
    setup_with(extra, Box::new(test_services::postgres("gateway")))
}

impl Setup {
    fn caller(&self, tenant: &str, user: &str) -> Caller {
        Caller {
            tenant_id: format!("{tenant}{}", self.tag),
            user_id: user.into(),
            function_name: "test".into(),
            request_id: format!("req-{}", test_services::random_suffix()),
        }
    }

    fn provider(&self, name: &str) -> String {
        format!("{name}{}", self.tag)
    }

    fn ledger(&self) -> Vec<storage::Row> {
        self.gw
            .sql
            .query(
                "SELECT tenant_id, provider, model, outcome, cache_hit, fell_back, degraded,
                        attempts, input_tokens, output_tokens, cost_micro_usd, error_code, request_id
                 FROM llm_usage ORDER BY created_at_ms, id",
                &[],
            )
            .unwrap()
    }

    fn outcomes(&self) -> Vec<String> {
        self.ledger()
            .iter()
            .map(|r| r.text("outcome").unwrap())
            .collect()
    }
}

fn chat(model: Option<&str>, text: &str) -> ChatRequest {
    let mut body = json!({"messages": [{"role": "user", "content": text}]});
    if let Some(m) = model {
        body["model"] = json!(m);
    }
    serde_json::from_value(body).unwrap()
}

fn no_cache() -> CallOptions {
    CallOptions {
        no_cache: true,
        deadline_ms: None,
    }
}

// ---------------------------------------------------------------------------------------------
// Routing

#[test]
fn strategies_choose_as_documented() {
    let s = setup(json!({}));
    let c = s.caller("t", "u");
    let served = |model: &str, text: &str| {
        s.gw.chat(&c, chat(Some(model), text), no_cache())
            .unwrap()
            .served
    };
    assert_eq!(served("cheapest", "hi").model, "fake-small");
    assert_eq!(served("best_quality", "hi").model, "fake-large");
    assert_eq!(served("auto", "hi there").model, "fake-small");
    let hard = format!(
        "Analyze step by step: {}",
        "why is the sky blue ".repeat(40)
    );
    assert_eq!(served("auto", &hard).model, "fake-large");
    let pinned = served("fake-large", "hi");
    assert_eq!(
        (pinned.model.as_str(), pinned.strategy.as_str()),
        ("fake-large", "pinned:fake-large")
    );
    assert_eq!(
        served(&format!("{}/fake-small", s.provider("cheap")), "hi").provider,
        s.provider("cheap")
    );

    // Fastest follows observed latency: make the cheap model slow and measure both.
    s.fake.set_latency("fake-small", 300);
    served("fake-small", "warm");
    served("fake-large", "warm");
    assert_eq!(served("fastest", "hi").model, "fake-large");
    s.fake.set_latency("fake-small", 0);
    s.fake.set_latency("fake-large", 300);
    for _ in 0..6 {
        served("fake-small", "warm");
        served("fake-large", "warm");
    }
    assert_eq!(served("fastest", "hi").model, "fake-small");

    // The answer is the provider's, with usage, and the request carried the key.
    let answer =
        s.gw.chat(&c, chat(Some("cheapest"), "hello world"), no_cache())
            .unwrap();
    assert_eq!(
        answer.body["choices"][0]["message"]["content"],
        "echo: hello world"
    );
    assert_eq!(answer.usage.prompt_tokens, 2);
    assert_eq!(answer.usage.completion_tokens, 3);
    assert!(s
        .fake
        .received()
        .iter()
        .all(|r| r.authorization.as_deref() == Some("Bearer sk-test")));
}

#[test]
fn unknown_model_is_404_and_no_provider_is_503() {
    let s = setup(json!({}));
    let err =
        s.gw.chat(
            &s.caller("t", "u"),
            chat(Some("gpt-nope"), "hi"),
            no_cache(),
        )
        .unwrap_err();
    assert_eq!((err.status, err.code.as_str()), (404, "model_not_found"));

    let empty = Gateway::new(
        GatewayConfig::parse("").unwrap(),
        Box::new(storage::MemoryKeyValue::default()),
        Box::new(storage::native::NativeSqlite::open_in_memory().unwrap()),
        NativeTransport::new(),
        Box::new(SystemClock),
    );
    let err = empty
        .chat(&s.caller("t", "u"), chat(None, "hi"), no_cache())
        .unwrap_err();
    assert_eq!((err.status, err.code.as_str()), (503, "no_provider"));
    assert!(err.message.contains("llm_config"), "{}", err.message);
    assert_eq!(empty.models()["data"], json!([]));
}

#[test]
fn oversized_requests_are_refused_before_any_call() {
    let s = setup(json!({"limits": {"max_request_bytes": 200}}));
    let err =
        s.gw.chat(
            &s.caller("t", "u"),
            chat(Some("fake-small"), &"x".repeat(300)),
            no_cache(),
        )
        .unwrap_err();
    assert_eq!((err.status, err.code.as_str()), (413, "payload_too_large"));
    assert!(s.fake.received().is_empty());
    assert_eq!(s.outcomes(), ["refused"]);
}

#[test]
fn ab_variants_are_sticky_per_user_and_counted() {
    let s = setup(json!({"ab_tests": [{"name": "exp", "variants": [
        {"name": "small", "model": "fake-small", "weight": 50},
        {"name": "large", "model": "fake-large", "weight": 50}]}]}));
    let mut seen = std::collections::HashSet::new();
    for i in 0..12 {
        let c = s.caller("t", &format!("user-{i}"));
        let first =
            s.gw.chat(&c, chat(Some("exp"), "hi"), no_cache())
                .unwrap()
                .served;
        let variant = first.variant.clone().unwrap();
        assert_eq!(
            first.model,
            if variant == "small" {
                "fake-small"
            } else {
                "fake-large"
            }
        );
        for _ in 0..2 {
            let again =
                s.gw.chat(&c, chat(Some("exp"), "hi"), no_cache())
                    .unwrap()
                    .served;
            assert_eq!(again.variant.as_deref(), Some(variant.as_str()));
        }
        seen.insert(variant);
    }
    assert_eq!(seen.len(), 2, "12 users at 50/50 fall into both variants");
    let health = s.gw.health();
    let variants = &health["ab_tests"][0]["variants"];
    let total: i64 = variants
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["requests"].as_i64().unwrap())
        .sum();
    assert_eq!(total, 36);
}

// ---------------------------------------------------------------------------------------------
// Health and failover

#[test]
fn failover_serves_from_a_healthy_candidate_and_says_so() {
    let s = setup(json!({}));
    let c = s.caller("t", "u");
    for fault in [
        Fault::Status {
            status: 503,
            retry_after: None,
        },
        Fault::Status {
            status: 500,
            retry_after: None,
        },
        Fault::TruncatedJson,
        Fault::MalformedJson,
        Fault::WrongContentType,
        Fault::Hangup,
        Fault::SlowFirstByte { ms: 3000 },
    ] {
        // Seven failures in a row would open fake-small's breaker (that has its own test):
        // step past the failure-rate window and reset the run of failures each round.
        s.clock.offset_ms.set(s.clock.offset_ms.get() + 130_000);
        s.fake.set_fault("fake-small", fault.clone(), Some(1));
        let answer =
            s.gw.chat(&c, chat(Some("cheapest"), "hi"), no_cache())
                .unwrap_or_else(|e| panic!("{fault:?}: {e:?}"));
        assert_eq!(answer.served.model, "fake-large", "{fault:?}");
        assert!(answer.served.fell_back, "{fault:?}");
        assert_eq!(answer.served.attempts, 2, "{fault:?}");
        assert_eq!(answer.body["gateway"]["fell_back"], true);
        let reset =
            s.gw.chat(&c, chat(Some("fake-small"), "reset"), no_cache())
                .unwrap();
        assert!(!reset.served.fell_back);
    }
    let rows = s.ledger();
    assert_eq!(rows.len(), 14);
    let fell_back: Vec<_> = rows
        .iter()
        .filter(|r| r.bool("fell_back").unwrap())
        .collect();
    assert_eq!(fell_back.len(), 7);
    assert!(fell_back
        .iter()
        .all(|r| r.int("attempts").unwrap() == 2 && r.text("model").unwrap() == "fake-large"));
}

#[test]
fn client_errors_are_not_retried() {
    let s = setup(json!({}));
    s.fake.set_fault(
        "fake-small",
        Fault::Status {
            status: 400,
            retry_after: None,
        },
        None,
    );
    let err =
        s.gw.chat(
            &s.caller("t", "u"),
            chat(Some("cheapest"), "hi"),
            no_cache(),
        )
        .unwrap_err();
    assert_eq!((err.status, err.code.as_str()), (400, "upstream_rejected"));
    assert_eq!(s.fake.calls_for("fake-large"), 0);
    assert_eq!(s.outcomes(), ["failed"]);
}

#[test]
fn retry_after_is_honoured_and_all_failing_is_a_clear_error() {
    let s = setup(json!({}));
    let c = s.caller("t", "u");
    s.fake.set_fault(
        "fake-small",
        Fault::Status {
            status: 429,
            retry_after: Some(30),
        },
        Some(1),
    );
    let answer =
        s.gw.chat(&c, chat(Some("cheapest"), "hi"), no_cache())
            .unwrap();
    assert_eq!(answer.served.model, "fake-large");
    // Parked for 30 s: the next call goes straight to the other candidate.
    let before = s.fake.calls_for("fake-small");
    let answer =
        s.gw.chat(&c, chat(Some("cheapest"), "hi"), no_cache())
            .unwrap();
    assert_eq!(answer.served.model, "fake-large");
    assert!(answer.served.fell_back);
    assert_eq!(answer.served.attempts, 1);
    assert_eq!(s.fake.calls_for("fake-small"), before);

    // Pinned to the parked model alone: 503 with Retry-After, no call made.
    let err =
        s.gw.chat(&c, chat(Some("fake-small"), "hi"), no_cache())
            .unwrap_err();
    assert_eq!(
        (err.status, err.code.as_str()),
        (503, "providers_unavailable")
    );
    assert!(err.retry_after.unwrap() > 20);

    // Every candidate failing: at most three attempts, then 502 listing them.
    s.fake.set_fault(
        "fake-large",
        Fault::Status {
            status: 500,
            retry_after: None,
        },
        None,
    );
    let calls = s.fake.received().len();
    let err =
        s.gw.chat(&c, chat(Some("fake-large"), "hi"), no_cache())
            .unwrap_err();
    assert_eq!((err.status, err.code.as_str()), (502, "upstream_failed"));
    assert_eq!(s.fake.received().len() - calls, 3);
    assert_eq!(
        err.details.unwrap()["attempts"].as_array().unwrap().len(),
        3
    );
}

#[test]
fn breaker_opens_after_five_failures_then_half_opens_with_one_trial() {
    let s = setup(json!({}));
    let c = s.caller("t", "u");
    let small = format!("{}/fake-small", s.provider("cheap"));
    s.fake.set_fault(
        "fake-small",
        Fault::Status {
            status: 500,
            retry_after: None,
        },
        None,
    );
    // cheapest: fake-small fails, fake-large serves; five calls = five consecutive failures.
    for _ in 0..5 {
        let answer =
            s.gw.chat(&c, chat(Some("cheapest"), "hi"), no_cache())
                .unwrap();
        assert_eq!(answer.served.model, "fake-large");
    }
    let health = s.gw.health();
    let view = health["deployments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["deployment"] == small.as_str())
        .unwrap()
        .clone();
    assert_eq!(view["state"], "open", "{view}");
    let calls = s.fake.calls_for("fake-small");
    s.gw.chat(&c, chat(Some("cheapest"), "hi"), no_cache())
        .unwrap();
    assert_eq!(
        s.fake.calls_for("fake-small"),
        calls,
        "open breaker: not called"
    );

    // Five minutes later: half-open, one trial. It succeeds and closes the breaker.
    s.fake.clear_fault("fake-small");
    s.clock.offset_ms.set(301_000);
    let answer =
        s.gw.chat(&c, chat(Some("cheapest"), "hi"), no_cache())
            .unwrap();
    assert_eq!(answer.served.model, "fake-small");
    assert_eq!(s.fake.calls_for("fake-small"), calls + 1);
    let health = s.gw.health();
    assert!(health["deployments"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["deployment"] == small.as_str() && d["state"] == "closed"));
}

// ---------------------------------------------------------------------------------------------
// Streaming

fn drain(
    stream: &mut gateway_core::ChatStream<NativeTransport>,
) -> (String, Option<api_kit::ApiError>, usize) {
    let mut text = String::new();
    let mut chunks = 0;
    loop {
        match stream.next_chunk() {
            Ok(Some(chunk)) => {
                chunks += 1;
                if let Some(t) = chunk["choices"][0]["delta"]["content"].as_str() {
                    text.push_str(t);
                }
            }
            Ok(None) => return (text, None, chunks),
            Err(e) => return (text, Some(e), chunks),
        }
    }
}

fn stream_req(model: &str, text: &str) -> ChatRequest {
    serde_json::from_value(json!({"model": model, "stream": true,
        "messages": [{"role": "user", "content": text}]}))
    .unwrap()
}

#[test]
fn streams_fail_over_before_the_first_event_and_never_after() {
    let s = setup(json!({}));
    let c = s.caller("t", "u");

    let mut stream =
        s.gw.open_stream(&c, stream_req("cheapest", "one two three"), no_cache())
            .unwrap();
    let (text, err, _) = drain(&mut stream);
    assert_eq!((text.as_str(), err), ("echo: one two three", None));
    assert_eq!(stream.usage().unwrap().completion_tokens, 4);
    assert_eq!(stream.served().cost_micro_usd, 3 + 8); // 3 in × $1/M + 4 out × $2/M, rounded up

    // Failure before any event: fails over.
    for fault in [
        Fault::Status {
            status: 503,
            retry_after: None,
        },
        Fault::WrongContentType,
        Fault::StallStream { after_chunks: 0 },
    ] {
        s.fake.set_fault("fake-small", fault.clone(), Some(1));
        let mut stream =
            s.gw.open_stream(&c, stream_req("cheapest", "a b"), no_cache())
                .unwrap();
        assert_eq!(stream.served().model, "fake-large", "{fault:?}");
        assert!(stream.served().fell_back);
        let (text, err, _) = drain(&mut stream);
        assert_eq!((text.as_str(), err), ("echo: a b", None), "{fault:?}");
    }

    // Failure after events reached the caller: the stream errors, no retry.
    for fault in [
        Fault::DropStream { after_chunks: 2 },
        Fault::StallStream { after_chunks: 2 },
        Fault::MalformedJson,
    ] {
        s.fake.set_fault("fake-small", fault.clone(), Some(1));
        let large_before = s.fake.calls_for("fake-large");
        let mut stream =
            s.gw.open_stream(&c, stream_req("cheapest", "w1 w2 w3 w4 w5"), no_cache())
                .unwrap();
        assert_eq!(
            stream.served().model,
            "fake-small",
            "{fault:?} {:?} {}",
            stream.served(),
            s.gw.health()
        );
        let (text, err, _) = drain(&mut stream);
        let err = err.unwrap_or_else(|| panic!("{fault:?} should break the stream"));
        assert_eq!(err.code, "stream_interrupted", "{fault:?}");
        assert!(!text.contains("w5"), "{fault:?}: {text}");
        assert_eq!(
            s.fake.calls_for("fake-large"),
            large_before,
            "{fault:?}: no retry"
        );
    }
    let outcomes = s.outcomes();
    assert_eq!(
        outcomes.iter().filter(|o| *o == "stream_error").count(),
        3,
        "{outcomes:?}"
    );
    assert_eq!(
        outcomes.iter().filter(|o| *o == "success").count(),
        4,
        "{outcomes:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Cache

#[test]
fn second_identical_request_is_a_free_marked_cache_hit_per_tenant() {
    let s = setup(json!({}));
    let a = s.caller("a", "u");
    let b = s.caller("b", "u");
    let opts = CallOptions::default();
    let first =
        s.gw.chat(&a, chat(Some("fake-small"), "cache me"), opts)
            .unwrap();
    assert!(!first.served.cache_hit);
    assert!(first.served.cost_micro_usd > 0);
    let calls = s.fake.received().len();
    let second =
        s.gw.chat(&a, chat(Some("fake-small"), "cache me"), opts)
            .unwrap();
    assert!(second.served.cache_hit);
    assert_eq!(second.served.cost_micro_usd, 0);
    assert_eq!(second.body["choices"], first.body["choices"]);
    assert_eq!(
        s.fake.received().len(),
        calls,
        "served without calling the provider"
    );

    // The same question streamed is served from the cache as a stream.
    let mut stream =
        s.gw.open_stream(&a, stream_req("fake-small", "cache me"), opts)
            .unwrap();
    assert!(stream.served().cache_hit);
    let (text, err, _) = drain(&mut stream);
    assert_eq!((text.as_str(), err), ("echo: cache me", None));
    assert_eq!(s.fake.received().len(), calls);

    // Another tenant never sees tenant a's entry.
    let other =
        s.gw.chat(&b, chat(Some("fake-small"), "cache me"), opts)
            .unwrap();
    assert!(!other.served.cache_hit);
    // Opting out skips the cache.
    let bypass =
        s.gw.chat(&a, chat(Some("fake-small"), "cache me"), no_cache())
            .unwrap();
    assert!(!bypass.served.cache_hit);

    let rows = s.ledger();
    // Rows of calls within the same millisecond have no defined order: compare as sets.
    let mut hits: Vec<bool> = rows.iter().map(|r| r.bool("cache_hit").unwrap()).collect();
    hits.sort();
    assert_eq!(hits, [false, false, false, true, true]);
    assert!(rows
        .iter()
        .filter(|r| r.bool("cache_hit").unwrap())
        .all(|r| r.int("cost_micro_usd").unwrap() == 0));

    // A streamed answer is cached too and replayed to a non-streaming request.
    let mut stream =
        s.gw.open_stream(&a, stream_req("fake-small", "streamed first"), opts)
            .unwrap();
    drain(&mut stream);
    drop(stream);
    let again =
        s.gw.chat(&a, chat(Some("fake-small"), "streamed first"), opts)
            .unwrap();
    assert!(again.served.cache_hit);
    assert_eq!(
        again.body["choices"][0]["message"]["content"],
        "echo: streamed first"
    );
}

// ---------------------------------------------------------------------------------------------
// Budgets

#[test]
fn budgets_degrade_then_refuse_with_exact_micro_dollars_per_tenant() {
    // fake-large: 10 $/M in, 30 $/M out. "w1 .. w10" = 10 prompt tokens, echo = 11 tokens:
    // 10 × 10 + 11 × 30 = 430 µ$ per call. Hard limit 1000 µ$, soft 500 µ$.
    let s = setup(
        json!({"budgets": {"tenants": {}, "default_monthly_micro_usd": 1000,
                                     "soft_limit_percent": 50, "degraded_max_tokens": 3}}),
    );
    let c = s.caller("t", "u");
    let text = "w1 w2 w3 w4 w5 w6 w7 w8 w9 w10";
    // The estimate (4 chars/token, 512 assumed output tokens at 30 $/M = 15 360 µ$) is over
    // the hard limit from the start, so even the first call is degraded: max_tokens 3.
    let first =
        s.gw.chat(&c, chat(Some("fake-large"), text), no_cache())
            .unwrap();
    assert!(first.served.degraded);
    assert_eq!(first.usage.completion_tokens, 3);
    assert_eq!(first.served.cost_micro_usd, 10 * 10 + 3 * 30);
    let sent = s.fake.received().last().unwrap().body.clone();
    assert_eq!(sent["max_tokens"], 3);

    let mut spent = 190;
    while spent + 190 <= 1000 {
        let a =
            s.gw.chat(&c, chat(Some("fake-large"), text), no_cache())
                .unwrap();
        assert!(a.served.degraded);
        spent += a.served.cost_micro_usd;
    }
    assert_eq!(spent, 950);
    // 950 spent: the next estimate (≥ 3 × 30 + prompt) no longer fits under 1000.
    let err =
        s.gw.chat(&c, chat(Some("fake-large"), text), no_cache())
            .unwrap_err();
    assert_eq!((err.status, err.code.as_str()), (402, "budget_exceeded"));
    assert_eq!(err.details.unwrap()["spent_micro_usd"], 950);

    // Another tenant has its own budget.
    let other =
        s.gw.chat(
            &s.caller("other", "u"),
            chat(Some("fake-large"), text),
            no_cache(),
        )
        .unwrap();
    assert_eq!(other.served.cost_micro_usd, 190);

    // Thresholds 50/80/90% were recorded once each for the tenant, 100% not reached.
    let events = s
        .gw
        .sql
        .query(
            "SELECT threshold_percent, spent_micro_usd FROM llm_budget_events WHERE tenant_id = $1
             ORDER BY threshold_percent",
            &[c.tenant_id.as_str().into()],
        )
        .unwrap();
    let got: Vec<(i64, i64)> = events
        .iter()
        .map(|r| {
            (
                r.int("threshold_percent").unwrap(),
                r.int("spent_micro_usd").unwrap(),
            )
        })
        .collect();
    assert_eq!(got, [(50, 570), (80, 950), (90, 950)]);
    let costs: i64 = s
        .ledger()
        .iter()
        .filter(|r| r.text("tenant_id").unwrap() == c.tenant_id)
        .map(|r| r.int("cost_micro_usd").unwrap())
        .sum();
    assert_eq!(costs, 950);
}

#[test]
fn soft_limit_degrades_to_a_cheaper_tier_for_auto() {
    let s = setup(
        json!({"budgets": {"default_monthly_micro_usd": 1_000_000, "soft_limit_percent": 0}}),
    );
    let hard = format!(
        "Analyze step by step: {}",
        "why is the sky blue ".repeat(40)
    );
    let a =
        s.gw.chat(&s.caller("t", "u"), chat(Some("auto"), &hard), no_cache())
            .unwrap();
    assert!(a.served.degraded);
    assert_eq!(
        a.served.model, "fake-small",
        "complex request degraded one tier down"
    );
}

// ---------------------------------------------------------------------------------------------
// Ledger

#[test]
fn every_outcome_writes_one_ledger_row_with_attribution() {
    let s = setup(json!({"limits": {"requests_per_minute": 5}}));
    let c = s.caller("t", "u");
    s.gw.chat(&c, chat(Some("fake-small"), "ok"), CallOptions::default())
        .unwrap();
    s.gw.chat(&c, chat(Some("fake-small"), "ok"), CallOptions::default())
        .unwrap();
    s.fake.set_fault(
        "fake-large",
        Fault::Status {
            status: 500,
            retry_after: None,
        },
        None,
    );
    s.gw.chat(&c, chat(Some("fake-large"), "x"), no_cache())
        .unwrap_err();
    let empty: ChatRequest =
        serde_json::from_value(json!({"model": "fake-small", "messages": []})).unwrap();
    s.gw.chat(&c, empty, no_cache()).unwrap_err();
    let embed: EmbeddingRequest = serde_json::from_value(json!({"input": ["a b", "c"]})).unwrap();
    let e = s.gw.embed(&c, embed, no_cache()).unwrap();
    assert_eq!(e.body["data"].as_array().unwrap().len(), 2);
    assert_eq!(e.served.model, "fake-embed");
    // Requests refused as invalid do not count: the fifth counted one is the last allowed.
    s.gw.chat(&c, chat(Some("fake-small"), "6th"), no_cache())
        .unwrap();
    let limited =
        s.gw.chat(&c, chat(Some("fake-small"), "7th"), no_cache())
            .unwrap_err();
    assert_eq!(
        (limited.status, limited.code.as_str()),
        (429, "rate_limited")
    );

    let rows = s.ledger();
    // Rows of calls within the same millisecond have no defined order: compare sorted.
    let mut summary: Vec<(String, Option<String>, Option<String>)> = rows
        .iter()
        .map(|r| {
            (
                r.text("outcome").unwrap(),
                r.opt_text("error_code").unwrap(),
                r.opt_text("model").unwrap(),
            )
        })
        .collect();
    summary.sort();
    let s_ = |o: &str, e: Option<&str>, m: Option<&str>| {
        (o.to_owned(), e.map(str::to_owned), m.map(str::to_owned))
    };
    assert_eq!(
        summary,
        [
            s_("cache_hit", None, Some("fake-small")),
            s_("failed", Some("upstream_failed"), Some("fake-large")),
            s_("refused", Some("invalid_request"), None),
            s_("refused", Some("rate_limited"), None),
            s_("success", None, Some("fake-embed")),
            s_("success", None, Some("fake-small")),
            s_("success", None, Some("fake-small")),
        ]
    );
    assert!(rows
        .iter()
        .all(|r| r.text("tenant_id").unwrap() == c.tenant_id
            && r.text("request_id").unwrap() == c.request_id));
    let failed = rows
        .iter()
        .find(|r| r.text("outcome").unwrap() == "failed")
        .unwrap();
    assert_eq!(failed.int("attempts").unwrap(), 3);
    // Embedding: 3 tokens at 0.1 $/M = 0.3 µ$, charged 1 µ$.
    let embedding = rows
        .iter()
        .find(|r| r.opt_text("model").unwrap().as_deref() == Some("fake-embed"))
        .unwrap();
    assert_eq!(embedding.int("cost_micro_usd").unwrap(), 1);
}

/// PostgreSQL that can be switched off, like a database restarting.
struct Switchable {
    inner: Box<dyn Sql>,
    down: Rc<Cell<bool>>,
}

impl Sql for Switchable {
    fn dialect(&self) -> storage::Dialect {
        self.inner.dialect()
    }
    fn execute(&self, sql: &str, params: &[storage::Value]) -> Result<u64, DbError> {
        if self.down.get() {
            return Err(DbError::unavailable("connection refused"));
        }
        self.inner.execute(sql, params)
    }
    fn query(&self, sql: &str, params: &[storage::Value]) -> Result<Vec<storage::Row>, DbError> {
        if self.down.get() {
            return Err(DbError::unavailable("connection refused"));
        }
        self.inner.query(sql, params)
    }
}

#[test]
fn ledger_rows_written_during_a_database_outage_arrive_after_it() {
    let down = Rc::new(Cell::new(false));
    let sql = Switchable {
        inner: Box::new(test_services::postgres("gateway")),
        down: down.clone(),
    };
    let s = setup_with(json!({}), Box::new(sql));
    let c = s.caller("t", "u");
    s.gw.chat(&c, chat(Some("fake-small"), "before"), no_cache())
        .unwrap();
    down.set(true);
    // Calls still succeed while the ledger database is down.
    s.gw.chat(&c, chat(Some("fake-small"), "during 1"), no_cache())
        .unwrap();
    s.gw.chat(&c, chat(Some("fake-small"), "during 2"), no_cache())
        .unwrap();
    down.set(false);
    assert_eq!(s.ledger().len(), 1, "rows are parked, not yet written");
    s.gw.chat(&c, chat(Some("fake-small"), "after"), no_cache())
        .unwrap();
    assert_eq!(s.outcomes(), ["success"; 4]);
}

// ---------------------------------------------------------------------------------------------
// Deferred bookkeeping (what the HTTP face does: answer first, then write the ledger)

#[test]
fn deferred_bookkeeping_waits_until_run_but_what_the_next_call_needs_does_not() {
    let s = setup(json!({"budgets": {"default_monthly_micro_usd": 1_000_000}}));
    gateway_core::ledger::Ledger::new(s.gw.sql.as_ref(), s.gw.kv.as_ref())
        .migrate()
        .unwrap();
    s.gw.defer_bookkeeping();
    let ann = s.caller("ann", "u1");
    let month = gateway_core::budget::month_of(SystemClock.now_secs());
    let first =
        s.gw.chat(
            &ann,
            chat(Some("fake-small"), "a b c d"),
            CallOptions::default(),
        )
        .unwrap();
    assert!(first.served.cost_micro_usd > 0);
    // A budgeted tenant's next call must see this one's cost, and an identical request
    // must hit the cache: both are written before the answer is returned.
    assert_eq!(
        gateway_core::budget::spent(s.gw.kv.as_ref(), &ann.tenant_id, &month).unwrap(),
        first.served.cost_micro_usd
    );
    let second =
        s.gw.chat(
            &ann,
            chat(Some("fake-small"), "a b c d"),
            CallOptions::default(),
        )
        .unwrap();
    assert!(second.served.cache_hit);
    assert!(s.outcomes().is_empty(), "ledger rows wait for run_deferred");
    // Success: breaker/latency statistics and the row; cache hit: its row.
    assert_eq!(s.gw.run_deferred(), 3);
    assert_eq!(s.outcomes(), ["success", "cache_hit"]);
    assert_eq!(s.gw.run_deferred(), 0, "each piece runs once");
}

#[test]
fn deferred_bookkeeping_still_queued_is_written_when_the_gateway_goes_away() {
    let url = test_services::fresh_postgres_database("gateway");
    let connect = || storage::native::NativePostgres::connect(&url).unwrap();
    let s = setup_with(json!({}), Box::new(connect()));
    s.gw.defer_bookkeeping();
    let c = s.caller("t", "u");
    let answer =
        s.gw.chat(&c, chat(Some("fake-small"), "a b c d"), no_cache())
            .unwrap();
    // Without a budget the month's spend is bookkeeping too.
    let counter = format!(
        "test:{}:gw:budget:{}:{}",
        s.tag,
        c.tenant_id,
        gateway_core::budget::month_of(SystemClock.now_secs())
    );
    let redis = test_services::redis();
    assert_eq!(redis.incr(&counter, 0, 60).unwrap(), 0, "not charged yet");
    assert_eq!(Rc::strong_count(&s.gw), 1);
    drop(s);
    assert_eq!(
        redis.incr(&counter, 0, 60).unwrap(),
        i64::try_from(answer.served.cost_micro_usd).unwrap()
    );
    let rows = connect()
        .query("SELECT outcome, cost_micro_usd FROM llm_usage", &[])
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].text("outcome").unwrap(), "success");
    assert_eq!(
        rows[0].int("cost_micro_usd").unwrap(),
        i64::try_from(answer.served.cost_micro_usd).unwrap()
    );
}
