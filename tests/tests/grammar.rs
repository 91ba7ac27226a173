//! The grammar function through the host: LanguageTool-compatible and native endpoints.

use bytes::Bytes;
use e2e::harness::{
    component_wasm, json_request, random_loopback, request, send_from, unique_name,
    wait_for_fresh_minute, with_bearer, workspace_root, Component, TestApp, TestResponse, Variable,
};
use fake_providers::FakeProvider;
use serde_json::{json, Value};

const LLM: &str = "english:assistant/llm@0.1.0";
/// The grammar function's own variables and the AI gateway's (deep mode), with their
/// spin.toml defaults.
const GRAMMAR_VARIABLES: &[(&str, &str)] = &[
    ("grammar_allow_anonymous", "true"),
    ("grammar_anonymous_rate_limit_per_minute", "20"),
    ("llm_config", ""),
];

#[derive(Clone, Copy, Debug, PartialEq)]
enum Backend {
    /// SQLite and the built-in key-value store, as `scripts/up` runs.
    Embedded,
    /// A fresh PostgreSQL database and Redis.
    Services,
}

/// The grammar component as spin.toml declares it (identity verifier composed in), next to
/// the auth component so tests can register real users; `settings` override variables.
async fn start(backend: Backend, settings: &[(&str, &str)]) -> TestApp {
    let mut grammar = Component::new("grammar", component_wasm("grammar"))
        .route("/api/v1/grammar/...")
        .with_app_stores()
        .with_identity()
        .allowed_outbound_host("{{ llm_provider_origin }}")
        .dependency(LLM, component_wasm("gateway_llm"));
    let auth = Component::auth();
    let mut builder = TestApp::builder().app_variables().variable(
        "llm_provider_origin",
        Variable::Default("http://127.0.0.1:11434".into()),
    );
    for (name, default) in GRAMMAR_VARIABLES {
        grammar = grammar.variable(name, &format!("{{{{ {name} }}}}"));
        builder = builder.variable(name, Variable::Default(default.to_string()));
    }
    if backend == Backend::Services {
        builder = builder.on_fresh_services("grammar_e2e");
    }
    for (name, value) in settings {
        builder = builder.env(&format!("SPIN_VARIABLE_{}", name.to_uppercase()), value);
    }
    builder.component(grammar).component(auth).start().await
}

async fn app() -> TestApp {
    start(Backend::Embedded, &[]).await
}

fn form(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A LanguageTool form request, with a bearer token when `token` is given.
fn lt_request(body: String, token: Option<&str>) -> http::Request<Bytes> {
    let mut req = request("POST", "/api/v1/grammar/v2/check", Bytes::from(body));
    req.headers_mut().insert(
        "content-type",
        "application/x-www-form-urlencoded".parse().unwrap(),
    );
    with_bearer(req, token)
}

/// A JSON request (no body when `body` is `None`), with a bearer token when given.
async fn lt_check(app: &TestApp, body: String) -> TestResponse {
    app.send(lt_request(body, None)).await
}

async fn native(app: &TestApp, body: Value) -> TestResponse {
    post_json(app, "/api/v1/grammar/check", None, body).await
}

/// The response matches what the OpenAPI document says for this route and status.
fn assert_documented(method: &str, path: &str, response: &TestResponse) {
    let doc = e2e::openapi::load_document();
    e2e::openapi::assert_response_matches(&doc, method, path, response.status, &response.json());
}

fn find<'a>(matches: &'a Value, rule: &str) -> &'a Value {
    matches
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["rule"]["id"] == rule || m["rule_id"] == rule)
        .unwrap_or_else(|| panic!("no {rule} match in {matches}"))
}

#[tokio::test]
async fn languagetool_check_flags_errors_with_utf16_offsets_and_lt_shape() {
    let app = app().await;
    let r = lt_check(
        &app,
        form(&[
            ("text", "This is a speling mistake."),
            ("language", "en-US"),
        ]),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_documented("post", "/api/v1/grammar/v2/check", &r);
    let body = r.json();
    assert!(body["software"]["name"].is_string());
    assert_eq!(body["language"]["code"], "en-US");
    assert!(body["language"]["detectedLanguage"]["code"].is_string());
    let m = find(&body["matches"], "SpellCheck");
    assert_eq!(
        (m["offset"].as_u64(), m["length"].as_u64()),
        (Some(10), Some(7))
    );
    assert_eq!(m["replacements"][0]["value"], "spelling");
    for field in ["message", "shortMessage", "sentence"] {
        assert!(m[field].is_string(), "{field} in {m}");
    }
    assert!(m["context"]["text"].as_str().unwrap().contains("speling"));
    assert!(m["context"]["offset"].is_u64() && m["context"]["length"] == 7);
    assert!(m["type"]["typeName"].is_string());
    assert_eq!(m["rule"]["issueType"], "misspelling");
    assert_eq!(m["rule"]["category"]["id"], "TYPOS");
    assert!(m["rule"]["description"].is_string() && m["rule"]["category"]["name"].is_string());

    // Emoji (2 UTF-16 units), CJK and a combining accent before the error.
    let text = "😀 日本 cafe\u{301} I have a apple.";
    let r = lt_check(
        &app,
        form(&[
            ("text", text),
            ("language", "en-GB"),
            ("disabledRules", "SpellCheck"),
        ]),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let body = r.json();
    let m = find(&body["matches"], "AnA");
    let expected: usize = text[..text.find(" a apple").unwrap() + 1]
        .encode_utf16()
        .count();
    assert_eq!(m["offset"].as_u64(), Some(expected as u64), "{m}");
    assert_eq!(m["length"], 1);
    assert!(body["matches"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["rule"]["id"] != "SpellCheck"));
}

#[tokio::test]
async fn languages_in_languagetool_shape() {
    let app = app().await;
    let r = app.get("/api/v1/grammar/v2/languages").await;
    assert_eq!(r.status, 200);
    assert_documented("get", "/api/v1/grammar/v2/languages", &r);
    let langs = r.json();
    let codes: Vec<&str> = langs
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["longCode"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"en-US") && codes.contains(&"en-GB"),
        "{codes:?}"
    );
    assert!(langs[0]["name"].is_string() && langs[0]["code"] == "en");
}

#[tokio::test]
async fn native_check_applies_first_suggestions() {
    let app = app().await;
    let r = native(
        &app,
        json!({ "text": "this is a speling mistake. i have a apple.", "apply": true }),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_documented("post", "/api/v1/grammar/check", &r);
    let body = r.json();
    assert_eq!(
        body["corrected"],
        "This is a spelling mistake. I have an apple."
    );
    assert!(body["matches"].as_array().unwrap().len() >= 3);
    let without = native(&app, json!({ "text": "a speling", "apply": false }))
        .await
        .json();
    assert!(without.get("corrected").is_none());
}

#[tokio::test]
async fn empty_text_gives_a_valid_empty_result() {
    let app = app().await;
    let r = lt_check(&app, form(&[("text", ""), ("language", "auto")])).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["matches"], json!([]));
    let r = native(&app, json!({ "text": "" })).await;
    assert_eq!(r.json()["matches"], json!([]));
}

#[tokio::test]
async fn limits_and_bad_input_are_clear_errors() {
    let app = app().await;
    let big = "word ".repeat(21 * 1024 / 5 + 10);
    let r = native(&app, json!({ "text": big })).await;
    assert_eq!(r.status, 413, "{}", r.text());
    assert_documented("post", "/api/v1/grammar/check", &r);
    assert_eq!(r.json()["error"]["code"], "payload_too_large");
    let huge = "word ".repeat(110 * 1024 / 5);
    assert_eq!(lt_check(&app, form(&[("text", &huge)])).await.status, 413);

    let r = lt_check(&app, form(&[("text", "Hello."), ("language", "de-DE")])).await;
    assert_eq!(r.status, 400);
    assert_documented("post", "/api/v1/grammar/v2/check", &r);
    let supported = r.json()["error"]["details"]["supported"].clone();
    assert!(
        supported.as_array().unwrap().contains(&json!("en-US")),
        "{supported}"
    );

    let mut req = request(
        "POST",
        "/api/v1/grammar/check",
        Bytes::from_static(b"{\"text\": "),
    );
    req.headers_mut()
        .insert("content-type", "application/json".parse().unwrap());
    assert_eq!(app.send(req).await.status, 400);
    assert_eq!(lt_check(&app, "%%%not a form".into()).await.status, 400);
    assert_eq!(
        lt_check(&app, form(&[("language", "en-US")])).await.status,
        400
    );
    // Deep mode bills a tenant: never anonymous.
    let r = native(&app, json!({ "text": "hi", "mode": "deep" })).await;
    assert_eq!(r.status, 401, "{}", r.text());
    assert_documented("post", "/api/v1/grammar/check", &r);
    assert_eq!(app.get("/api/v1/grammar/check").await.status, 405);
}

#[tokio::test]
async fn stock_languagetool_python_client_works_against_us() {
    let app = app().await;
    let python = std::env::var("TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = workspace_root().join("tests/python/grammar_languagetool_client.py");
    let output = tokio::process::Command::new(&python)
        .arg(&script)
        .arg(app.url("/api/v1/grammar/"))
        .output()
        .await
        .unwrap_or_else(|e| panic!("running {python}: {e}"));
    assert!(
        output.status.success(),
        "{python} {} failed (is language_tool_python installed? see tests/requirements.txt): {}",
        script.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let seen: Value = serde_json::from_slice(&output.stdout).expect("the script prints JSON");
    let rules: Vec<&str> = seen["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["rule"].as_str().unwrap())
        .collect();
    assert!(
        rules.contains(&"SpellCheck") && rules.contains(&"AnA"),
        "{seen}"
    );
    assert_eq!(
        seen["corrected"],
        "This is a spelling mistake. I have an apple."
    );
}

async fn post_json(app: &TestApp, path: &str, token: Option<&str>, body: Value) -> TestResponse {
    app.send(json_request("POST", path, token, Some(body)))
        .await
}

/// A registered user (self-signup creates the user's own tenant) and an access token.
struct User {
    email: String,
    token: String,
    tenant: String,
}

async fn register(app: &TestApp) -> User {
    let email = format!("{}@example.com", unique_name("grammar"));
    let registered = post_json(
        app,
        "/api/v1/auth/register",
        None,
        json!({ "email": email, "password": "Correct1horse", "display_name": "Grammar User" }),
    )
    .await;
    assert_eq!(registered.status, 201, "{}", registered.text());
    let login = post_json(
        app,
        "/api/v1/auth/login",
        None,
        json!({ "email": email, "password": "Correct1horse" }),
    )
    .await;
    assert_eq!(login.status, 200, "{}", login.text());
    User {
        token: login.json()["access_token"].as_str().unwrap().to_string(),
        tenant: registered.json()["tenant"]["id"]
            .as_str()
            .unwrap()
            .to_string(),
        email,
    }
}

#[tokio::test]
async fn logged_in_callers_get_the_larger_limit_and_bad_credentials_are_401() {
    let app = app().await;
    let User {
        email,
        token,
        tenant,
    } = register(&app).await;

    let text = "This is fine. ".repeat(50 * 1024 / 14);
    let anonymous = post_json(&app, "/api/v1/grammar/check", None, json!({ "text": text })).await;
    assert_eq!(anonymous.status, 413, "{}", anonymous.text());
    assert_eq!(
        anonymous.json()["error"]["details"]["limit_bytes"],
        20 * 1024
    );
    let logged_in = post_json(
        &app,
        "/api/v1/grammar/check",
        Some(&token),
        json!({ "text": text }),
    )
    .await;
    assert_eq!(logged_in.status, 200, "{}", logged_in.text());
    let too_big = "word ".repeat(101 * 1024 / 5);
    let r = post_json(
        &app,
        "/api/v1/grammar/check",
        Some(&token),
        json!({ "text": too_big }),
    )
    .await;
    assert_eq!(r.status, 413);
    assert_eq!(r.json()["error"]["details"]["limit_bytes"], 100 * 1024);

    let r = post_json(
        &app,
        "/api/v1/grammar/check",
        Some("not-a-token"),
        json!({ "text": "hi" }),
    )
    .await;
    assert_eq!(r.status, 401, "{}", r.text());

    // LanguageTool's apiKey field with a real API key, and with a wrong one.
    let key = post_json(
        &app,
        &format!("/api/v1/tenants/{tenant}/api-keys"),
        Some(&token),
        json!({ "name": "editor", "roles": ["member"] }),
    )
    .await;
    assert_eq!(key.status, 201, "{}", key.text());
    let key = key.json()["key"].as_str().unwrap().to_string();
    let r = lt_check(
        &app,
        form(&[("text", &text), ("username", &email), ("apiKey", &key)]),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let r = lt_check(
        &app,
        form(&[
            ("text", "hi"),
            ("username", &email),
            ("apiKey", "wrong-key"),
        ]),
    )
    .await;
    assert_eq!(r.status, 401, "{}", r.text());
}

#[tokio::test]
async fn anonymous_checks_can_be_switched_off() {
    let app = start(Backend::Embedded, &[("grammar_allow_anonymous", "false")]).await;
    let r = lt_check(&app, form(&[("text", "Hello there.")])).await;
    assert_eq!(r.status, 401, "{}", r.text());
    assert!(r.header("www-authenticate").is_some());
}

// ---------------------------------------------------------------------------------------------
// Personal dictionaries

const DICTIONARY: &str = "/api/v1/grammar/dictionary";
/// "Zorblax" sits at UTF-16 offset 15, length 7.
const BRAND_TEXT: &str = "Our product is Zorblax.";

/// Whether a check response (either shape) flags "Zorblax" in [`BRAND_TEXT`].
fn flags_brand(response: &TestResponse) -> bool {
    assert_eq!(response.status, 200, "{}", response.text());
    response.json()["matches"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["offset"] == 15 && m["length"] == 7)
}

async fn native_as(app: &TestApp, token: &str, text: &str) -> TestResponse {
    post_json(
        app,
        "/api/v1/grammar/check",
        Some(token),
        json!({ "text": text }),
    )
    .await
}

async fn lt_as(app: &TestApp, token: &str, text: &str) -> TestResponse {
    app.send(lt_request(
        form(&[("text", text), ("language", "en-US")]),
        Some(token),
    ))
    .await
}

async fn dictionary(
    app: &TestApp,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> TestResponse {
    app.send(json_request(method, path, token, body)).await
}

async fn personal_dictionary(backend: Backend) {
    let app = start(backend, &[]).await;
    let ann = register(&app).await;
    let bob = register(&app).await;
    assert_ne!(ann.tenant, bob.tenant);
    assert!(flags_brand(&native_as(&app, &ann.token, BRAND_TEXT).await));

    let add = |word: &str| json!({ "word": word });
    let r = post_json(&app, DICTIONARY, Some(&ann.token), add("Zorblax")).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_documented("post", DICTIONARY, &r);
    assert_eq!(r.json()["added"], json!(["Zorblax"]));
    // Idempotent, also in another case.
    let r = post_json(&app, DICTIONARY, Some(&ann.token), add("zorblax")).await;
    assert_eq!((r.status, r.json()["added"].clone()), (200, json!([])));
    let r = dictionary(&app, "GET", DICTIONARY, Some(&ann.token), None).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_documented("get", DICTIONARY, &r);
    assert_eq!(r.json()["words"], json!(["Zorblax"]));

    // Never flagged for Ann, on both check endpoints, through every credential form.
    assert!(!flags_brand(&native_as(&app, &ann.token, BRAND_TEXT).await));
    assert!(!flags_brand(&lt_as(&app, &ann.token, BRAND_TEXT).await));
    let r = native_as(&app, &ann.token, "I like Zorblax and a apple.").await;
    assert_eq!(r.status, 200);
    assert!(
        r.json()["matches"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["rule_id"] != "SpellCheck"),
        "{}",
        r.text()
    );
    find(&r.json()["matches"], "AnA"); // other errors are still found

    // Bob (another tenant) still sees the flag and has an empty dictionary.
    assert!(flags_brand(&native_as(&app, &bob.token, BRAND_TEXT).await));
    assert!(flags_brand(&lt_as(&app, &bob.token, BRAND_TEXT).await));
    let r = dictionary(&app, "GET", DICTIONARY, Some(&bob.token), None).await;
    assert_eq!(r.json()["words"], json!([]));

    // Dictionaries need credentials.
    let r = dictionary(&app, "GET", DICTIONARY, None, None).await;
    assert_eq!(r.status, 401, "{}", r.text());
    assert_documented("get", DICTIONARY, &r);
    let r = dictionary(&app, "PUT", DICTIONARY, Some(&ann.token), None).await;
    assert_eq!(r.status, 405);

    // Bad words and bad requests.
    for body in [
        add(""),
        add("two words"),
        add(&"x".repeat(65)),
        json!({ "words": [] }),
        json!({ "words": ["fine", "not fine"] }),
        json!({}),
        json!({ "word": "a", "words": ["b"] }),
    ] {
        let r = post_json(&app, DICTIONARY, Some(&ann.token), body.clone()).await;
        assert_eq!(r.status, 422, "{body} → {}", r.text());
        assert_documented("post", DICTIONARY, &r);
    }
    let mut req = json_request("POST", DICTIONARY, Some(&ann.token), None);
    *req.body_mut() = Bytes::from_static(b"{\"word\": ");
    assert_eq!(app.send(req).await.status, 400);
    let many: Vec<String> = (0..1001).map(|i| format!("w{i}")).collect();
    let r = post_json(&app, DICTIONARY, Some(&ann.token), json!({ "words": many })).await;
    assert_eq!(r.status, 413, "{}", r.text());
    assert_documented("post", DICTIONARY, &r);
    assert_eq!(
        dictionary(&app, "GET", DICTIONARY, Some(&ann.token), None)
            .await
            .json()["words"],
        json!(["Zorblax"]),
        "a refused request adds nothing"
    );

    // A batch, and removal of a percent-encoded word.
    let batch = json!({ "words": ["kubectl", "café"] });
    let r = post_json(&app, DICTIONARY, Some(&ann.token), batch).await;
    assert_eq!(r.json()["added"], json!(["kubectl", "café"]));
    let r = dictionary(
        &app,
        "DELETE",
        &format!("{DICTIONARY}/caf%C3%A9"),
        Some(&ann.token),
        None,
    )
    .await;
    assert_eq!(r.status, 204, "{}", r.text());

    // Removed: flagged again.
    let path = format!("{DICTIONARY}/ZORBLAX");
    let r = dictionary(&app, "DELETE", &path, Some(&ann.token), None).await;
    assert_eq!(r.status, 204, "{}", r.text());
    let r = dictionary(&app, "DELETE", &path, Some(&ann.token), None).await;
    assert_eq!(r.status, 404, "{}", r.text());
    assert_documented("delete", &path, &r);
    assert!(flags_brand(&native_as(&app, &ann.token, BRAND_TEXT).await));
    assert!(flags_brand(&lt_as(&app, &ann.token, BRAND_TEXT).await));
    let r = dictionary(&app, "GET", DICTIONARY, Some(&ann.token), None).await;
    assert_eq!(r.json()["words"], json!(["kubectl"]));
    let r = dictionary(&app, "DELETE", &path, None, None).await;
    assert_eq!(r.status, 401);

    // The size split on this backend: 30 KB is too much anonymously, fine when logged in
    // (from a client address of its own, so no other test's anonymous checks count).
    let text = "This is fine. ".repeat(30 * 1024 / 14);
    let body = json!({ "text": text });
    let r = send_from(
        app.addr(),
        random_loopback(),
        json_request("POST", "/api/v1/grammar/check", None, Some(body.clone())),
    )
    .await;
    assert_eq!(r.status, 413, "{}", r.text());
    assert_eq!(r.json()["error"]["details"]["limit_bytes"], 20 * 1024);
    let r = post_json(&app, "/api/v1/grammar/check", Some(&ann.token), body).await;
    assert_eq!(r.status, 200, "{}", r.text());
}

#[tokio::test(flavor = "multi_thread")]
async fn personal_dictionary_on_embedded_default() {
    personal_dictionary(Backend::Embedded).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn personal_dictionary_on_postgres_and_redis() {
    personal_dictionary(Backend::Services).await;
}

// ---------------------------------------------------------------------------------------------
// Anonymous rate limit

async fn anonymous_rate_limit(backend: Backend, limit: u64, settings: &[(&str, &str)]) {
    let app = start(backend, settings).await;
    let user = register(&app).await;
    let ip = random_loopback();
    let check = |token: Option<&str>| lt_request(form(&[("text", "I have a apple.")]), token);
    wait_for_fresh_minute().await;
    for i in 1..=limit {
        let r = send_from(app.addr(), ip, check(None)).await;
        assert_eq!(r.status, 200, "request {i}: {}", r.text());
    }
    let refused = send_from(app.addr(), ip, check(None)).await;
    assert_eq!(refused.status, 429, "{}", refused.text());
    assert_documented("post", "/api/v1/grammar/v2/check", &refused);
    let error = refused.json()["error"].clone();
    assert_eq!(error["code"], "too_many_requests");
    assert_eq!(error["details"]["limit"], limit);
    let retry: u64 = refused.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    // One bucket for both check endpoints.
    let r = send_from(
        app.addr(),
        ip,
        json_request(
            "POST",
            "/api/v1/grammar/check",
            None,
            Some(json!({ "text": "hi" })),
        ),
    )
    .await;
    assert_eq!(r.status, 429, "{}", r.text());
    assert_documented("post", "/api/v1/grammar/check", &r);
    // Another client address has its own budget; authenticated callers are not limited.
    let r = send_from(app.addr(), random_loopback(), check(None)).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let r = send_from(app.addr(), ip, check(Some(&user.token))).await;
    assert_eq!(r.status, 200, "{}", r.text());
}

#[tokio::test(flavor = "multi_thread")]
async fn twenty_first_anonymous_check_in_a_minute_is_429_on_embedded_default() {
    anonymous_rate_limit(Backend::Embedded, 20, &[]).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn configured_anonymous_rate_limit_on_postgres_and_redis() {
    anonymous_rate_limit(
        Backend::Services,
        3,
        &[("grammar_anonymous_rate_limit_per_minute", "3")],
    )
    .await;
}

// ---------------------------------------------------------------------------------------------
// Deep mode through the composed AI gateway

#[tokio::test(flavor = "multi_thread")]
async fn deep_mode_rewrites_through_the_gateway_billed_to_the_caller() {
    let fake = FakeProvider::start();
    let config = json!({
        "providers": [{"name": "fake", "base_url": fake.base_url(), "models": [
            {"id": "fake-small", "tier": "simple", "input_micro_usd_per_million": 1_000_000,
             "output_micro_usd_per_million": 2_000_000}]}]
    })
    .to_string();
    let origin = fake.origin();
    let app = start(
        Backend::Embedded,
        &[("llm_config", &config), ("llm_provider_origin", &origin)],
    )
    .await;
    let user = register(&app).await;
    let text = "I have a apple.";
    let r = post_json(
        &app,
        "/api/v1/grammar/check",
        Some(&user.token),
        json!({ "text": text, "mode": "deep", "apply": true }),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_documented("post", "/api/v1/grammar/check", &r);
    let body = r.json();
    // The offline result is still there; the fake provider echoes the text it was given.
    assert_eq!(body["corrected"], "I have an apple.");
    let deep = &body["deep"];
    assert_eq!(deep["rewrite"], format!("echo: {text}"), "{deep}");
    assert_eq!(deep["structured"], false);
    assert_eq!(deep["model"], "fake-small");
    let cost = deep["cost_micro_usd"].as_u64().unwrap();
    assert!(cost > 0, "{deep}");

    // The gateway's ledger attributes the call to the caller.
    let db = storage::native::NativeSqlite::open(&app.state_dir().join("sqlite_db.db")).unwrap();
    let rows = storage::Sql::query(
        &db,
        "SELECT tenant_id, user_id, function_name, cost_micro_usd FROM llm_usage",
        &[],
    )
    .unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].text("tenant_id").unwrap(), user.tenant);
    assert!(!rows[0].text("user_id").unwrap().is_empty());
    assert_eq!(rows[0].text("function_name").unwrap(), "grammar");
    assert_eq!(rows[0].int("cost_micro_usd").unwrap(), cost as i64);

    // Offline checks never touch the gateway.
    let r = native_as(&app, &user.token, text).await;
    assert_eq!(r.status, 200);
    assert!(r.json().get("deep").is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn deep_mode_without_a_configured_provider_is_503_and_offline_still_works() {
    let app = app().await;
    let user = register(&app).await;
    let r = post_json(
        &app,
        "/api/v1/grammar/check",
        Some(&user.token),
        json!({ "text": "I have a apple.", "mode": "deep" }),
    )
    .await;
    assert_eq!(r.status, 503, "{}", r.text());
    assert_documented("post", "/api/v1/grammar/check", &r);
    let r = native_as(&app, &user.token, "I have a apple.").await;
    assert_eq!(r.status, 200, "{}", r.text());
}
