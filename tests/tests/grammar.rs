//! The grammar function through the host: LanguageTool-compatible and native endpoints.

use bytes::Bytes;
use e2e::harness::{
    component_wasm, request, unique_name, workspace_root, Component, TestApp, TestResponse,
    Variable,
};
use serde_json::{json, Value};

const IDENTITY: &str = "english:assistant/identity@0.1.0";
/// What the composed identity verifier reads, plus the grammar function's own switch.
const VARIABLES: &[&str] = &[
    "environment",
    "auth_signing_keys",
    "auth_public_keys",
    "auth_operator_key",
    "auth_self_signup",
    "auth_rate_limit_per_minute",
    "auth_tenant_rate_limit_per_minute",
    "auth_lockout_secs",
    "auth_clock_offset_secs",
    "postgres_url",
    "redis_url",
];

/// The grammar component as spin.toml declares it (identity verifier composed in), next to
/// the auth component so tests can register real users; embedded SQLite and key-value store.
async fn app_with(allow_anonymous: bool) -> TestApp {
    let with_store = |c: Component| {
        c.key_value_store("default")
            .sqlite_database("default")
            .inherit_configuration(true)
            .dependency(IDENTITY, component_wasm("auth_identity"))
    };
    let mut grammar = with_store(
        Component::new("grammar", component_wasm("grammar")).route("/api/v1/grammar/..."),
    )
    .variable(
        "grammar_allow_anonymous",
        if allow_anonymous { "true" } else { "false" },
    );
    let mut auth = with_store(
        Component::new("auth", component_wasm("auth"))
            .route("/api/v1/auth/...")
            .route("/api/v1/tenants/..."),
    );
    let mut builder = TestApp::builder();
    for name in VARIABLES {
        grammar = grammar.variable(name, &format!("{{{{ {name} }}}}"));
        auth = auth.variable(name, &format!("{{{{ {name} }}}}"));
        builder = builder.variable(name, Variable::Default(String::new()));
    }
    builder.component(grammar).component(auth).start().await
}

async fn app() -> TestApp {
    app_with(true).await
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

async fn lt_check(app: &TestApp, body: String) -> TestResponse {
    let mut req = request("POST", "/api/v1/grammar/v2/check", Bytes::from(body));
    req.headers_mut().insert(
        "content-type",
        "application/x-www-form-urlencoded".parse().unwrap(),
    );
    app.send(req).await
}

async fn native(app: &TestApp, body: Value) -> TestResponse {
    let mut req = request(
        "POST",
        "/api/v1/grammar/check",
        Bytes::from(body.to_string()),
    );
    req.headers_mut()
        .insert("content-type", "application/json".parse().unwrap());
    app.send(req).await
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
    let r = native(&app, json!({ "text": "hi", "mode": "deep" })).await;
    assert_eq!(r.status, 503);
    assert!(r.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("gateway"));
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
    let mut req = request("POST", path, Bytes::from(body.to_string()));
    req.headers_mut()
        .insert("content-type", "application/json".parse().unwrap());
    if let Some(token) = token {
        req.headers_mut()
            .insert("authorization", format!("Bearer {token}").parse().unwrap());
    }
    app.send(req).await
}

#[tokio::test]
async fn logged_in_callers_get_the_larger_limit_and_bad_credentials_are_401() {
    let app = app().await;
    let email = format!("{}@example.com", unique_name("grammar"));
    let registered = post_json(
        &app,
        "/api/v1/auth/register",
        None,
        json!({ "email": email, "password": "Correct1horse", "display_name": "Grammar User" }),
    )
    .await;
    assert_eq!(registered.status, 201, "{}", registered.text());
    let login = post_json(
        &app,
        "/api/v1/auth/login",
        None,
        json!({ "email": email, "password": "Correct1horse" }),
    )
    .await;
    assert_eq!(login.status, 200, "{}", login.text());
    let token = login.json()["access_token"].as_str().unwrap().to_string();
    let tenant = registered.json()["tenant"]["id"]
        .as_str()
        .unwrap()
        .to_string();

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
    let app = app_with(false).await;
    let r = lt_check(&app, form(&[("text", "Hello there.")])).await;
    assert_eq!(r.status, 401, "{}", r.text());
    assert!(r.header("www-authenticate").is_some());
}
