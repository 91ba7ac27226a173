//! The grammar function through the host: LanguageTool-compatible and native endpoints.

use bytes::Bytes;
use e2e::harness::{component_wasm, request, workspace_root, Component, TestApp, TestResponse};
use serde_json::{json, Value};

async fn app() -> TestApp {
    TestApp::builder()
        .component(Component::new("grammar", component_wasm("grammar")).route("/api/v1/grammar/..."))
        .start()
        .await
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
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn lt_check(app: &TestApp, body: String) -> TestResponse {
    let mut req = request("POST", "/api/v1/grammar/v2/check", Bytes::from(body));
    req.headers_mut().insert("content-type", "application/x-www-form-urlencoded".parse().unwrap());
    app.send(req).await
}

async fn native(app: &TestApp, body: Value) -> TestResponse {
    let mut req = request("POST", "/api/v1/grammar/check", Bytes::from(body.to_string()));
    req.headers_mut().insert("content-type", "application/json".parse().unwrap());
    app.send(req).await
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
    let r = lt_check(&app, form(&[("text", "This is a speling mistake."), ("language", "en-US")])).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let body = r.json();
    assert!(body["software"]["name"].is_string());
    assert_eq!(body["language"]["code"], "en-US");
    assert!(body["language"]["detectedLanguage"]["code"].is_string());
    let m = find(&body["matches"], "SpellCheck");
    assert_eq!((m["offset"].as_u64(), m["length"].as_u64()), (Some(10), Some(7)));
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
    let r = lt_check(&app, form(&[("text", text), ("language", "en-GB"), ("disabledRules", "SpellCheck")])).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let body = r.json();
    let m = find(&body["matches"], "AnA");
    let expected: usize = text[..text.find(" a apple").unwrap() + 1].encode_utf16().count();
    assert_eq!(m["offset"].as_u64(), Some(expected as u64), "{m}");
    assert_eq!(m["length"], 1);
    assert!(body["matches"].as_array().unwrap().iter().all(|m| m["rule"]["id"] != "SpellCheck"));
}

#[tokio::test]
async fn languages_in_languagetool_shape() {
    let app = app().await;
    let r = app.get("/api/v1/grammar/v2/languages").await;
    assert_eq!(r.status, 200);
    let langs = r.json();
    let codes: Vec<&str> = langs.as_array().unwrap().iter().map(|l| l["longCode"].as_str().unwrap()).collect();
    assert!(codes.contains(&"en-US") && codes.contains(&"en-GB"), "{codes:?}");
    assert!(langs[0]["name"].is_string() && langs[0]["code"] == "en");
}

#[tokio::test]
async fn native_check_applies_first_suggestions() {
    let app = app().await;
    let r = native(&app, json!({ "text": "this is a speling mistake. i have a apple.", "apply": true })).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let body = r.json();
    assert_eq!(body["corrected"], "This is a spelling mistake. I have an apple.");
    assert!(body["matches"].as_array().unwrap().len() >= 3);
    let without = native(&app, json!({ "text": "a speling", "apply": false })).await.json();
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
    assert_eq!(r.json()["error"]["code"], "payload_too_large");
    let huge = "word ".repeat(110 * 1024 / 5);
    assert_eq!(lt_check(&app, form(&[("text", &huge)])).await.status, 413);

    let r = lt_check(&app, form(&[("text", "Hello."), ("language", "de-DE")])).await;
    assert_eq!(r.status, 400);
    let supported = r.json()["error"]["details"]["supported"].clone();
    assert!(supported.as_array().unwrap().contains(&json!("en-US")), "{supported}");

    let mut req = request("POST", "/api/v1/grammar/check", Bytes::from_static(b"{\"text\": "));
    req.headers_mut().insert("content-type", "application/json".parse().unwrap());
    assert_eq!(app.send(req).await.status, 400);
    assert_eq!(lt_check(&app, "%%%not a form".into()).await.status, 400);
    assert_eq!(lt_check(&app, form(&[("language", "en-US")])).await.status, 400);
    let r = native(&app, json!({ "text": "hi", "mode": "deep" })).await;
    assert_eq!(r.status, 503);
    assert!(r.json()["error"]["message"].as_str().unwrap().contains("gateway"));
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
    let rules: Vec<&str> = seen["matches"].as_array().unwrap().iter().map(|m| m["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"SpellCheck") && rules.contains(&"AnA"), "{seen}");
    assert_eq!(seen["corrected"], "This is a spelling mistake. I have an apple.");
}
