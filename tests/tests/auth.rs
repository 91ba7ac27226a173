//! The auth function end to end: the real `auth` component composed with the real
//! `auth-identity` verifier in the host, on the embedded default (SQLite + built-in key-value
//! store) and on real PostgreSQL + Redis. Responses are checked against the OpenAPI document.

use std::time::Duration;

use auth_core::jwt::{self, AccessClaims};
use auth_core::keys::{SigningKey, SigningKeys};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use bytes::Bytes;
use e2e::harness::{
    component_wasm, json_request, postgres_url, random_loopback, redis_url, request, send_from,
    service_authority, wait_for_fresh_minute, Component, TestApp, TestResponse, Variable,
};
use serde_json::{json, Value};

const PASSWORD: &str = "Correct1horse";
const OPERATOR_KEY: &str = "operator-secret-for-tests";

#[derive(Clone, Copy, Debug, PartialEq)]
enum Backend {
    /// SQLite and the built-in key-value store, as `scripts/up` runs.
    Embedded,
    /// A fresh PostgreSQL database and Redis.
    Services,
}

/// The auth component as spin.toml declares it, with `settings` as variable values.
async fn start(backend: Backend, settings: &[(&str, &str)]) -> TestApp {
    let mut builder = TestApp::builder()
        .app_variables()
        .component(Component::auth())
        .env("SPIN_VARIABLE_AUTH_OPERATOR_KEY", OPERATOR_KEY);
    if backend == Backend::Services {
        let postgres = fresh_database();
        let redis = redis_url();
        builder = builder
            .env("SPIN_VARIABLE_POSTGRES_URL", &postgres)
            .env(
                "SPIN_VARIABLE_POSTGRES_HOST",
                &service_authority(&postgres, 5432),
            )
            .env("SPIN_VARIABLE_REDIS_URL", &redis)
            .env("SPIN_VARIABLE_REDIS_HOST", &service_authority(&redis, 6379));
    }
    for (name, value) in settings {
        builder = builder.env(&format!("SPIN_VARIABLE_{}", name.to_uppercase()), value);
    }
    builder.start().await
}

fn fresh_database() -> String {
    postgres_url(); // fails with a clear message when PostgreSQL is not running
                    // The synchronous client runs its own runtime, which cannot nest in the test's.
    std::thread::spawn(|| storage::native::test_services::fresh_postgres_database("auth_e2e"))
        .join()
        .expect("creating a fresh PostgreSQL database")
}

fn unique_email(tag: &str) -> String {
    let id = uuid::Uuid::new_v4().simple().to_string();
    format!("{tag}.{}@Example.COM", &id[..10])
}

fn normalised(email: &str) -> String {
    auth_core::email::normalise(email).unwrap()
}

async fn send_json(
    app: &TestApp,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> TestResponse {
    let mut req = json_request(method, path, token, body);
    // The audit log records the user agent; tests check it.
    req.headers_mut()
        .insert("user-agent", "auth-e2e/1.0".parse().unwrap());
    app.send(req).await
}

async fn post(app: &TestApp, path: &str, token: Option<&str>, body: Value) -> TestResponse {
    send_json(app, "POST", path, token, Some(body)).await
}

async fn get(app: &TestApp, path: &str, token: &str) -> TestResponse {
    send_json(app, "GET", path, Some(token), None).await
}

fn error_code(response: &TestResponse) -> String {
    let body = response.json();
    body["error"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("not an error body ({}): {body}", response.status))
        .to_string()
}

fn assert_error(response: &TestResponse, status: u16, code: &str) {
    assert_eq!(response.status, status, "{}", response.text());
    assert_eq!(error_code(response), code, "{}", response.text());
    let body = response.json();
    assert!(body["error"]["message"].is_string() && body["error"].get("details").is_some());
    if status == 401 && code != "invalid_operator_key" {
        assert_eq!(response.header("www-authenticate"), Some("Bearer"));
    }
}

/// The response must be what the OpenAPI document promises for `method template`.
fn assert_documented(method: &str, template: &str, response: &TestResponse) {
    let doc = e2e::openapi::load_document();
    e2e::openapi::assert_response_matches(
        &doc,
        method,
        template,
        response.status,
        &response.json(),
    );
}

struct Account {
    email: String,
    user_id: String,
    tenant_id: String,
    access: String,
    refresh: String,
}

async fn register(app: &TestApp, tag: &str) -> Account {
    let email = unique_email(tag);
    let response = post(
        app,
        "/api/v1/auth/register",
        None,
        json!({ "email": email, "password": PASSWORD, "display_name": format!("User {tag}") }),
    )
    .await;
    assert_eq!(response.status, 201, "{}", response.text());
    let body = response.json();
    Account {
        email,
        user_id: body["user"]["id"].as_str().unwrap().into(),
        tenant_id: body["tenant"]["id"].as_str().unwrap().into(),
        access: body["tokens"]["access_token"].as_str().unwrap().into(),
        refresh: body["tokens"]["refresh_token"].as_str().unwrap().into(),
    }
}

async fn login(app: &TestApp, email: &str, password: &str) -> TestResponse {
    post(
        app,
        "/api/v1/auth/login",
        None,
        json!({ "email": email, "password": password }),
    )
    .await
}

fn tokens(response: &TestResponse) -> (String, String) {
    assert_eq!(response.status, 200, "{}", response.text());
    let body = response.json();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    (
        body["access_token"].as_str().unwrap().into(),
        body["refresh_token"].as_str().unwrap().into(),
    )
}

async fn audit_events(app: &TestApp, owner_token: &str, tenant_id: &str) -> Vec<Value> {
    let response = get(
        app,
        &format!("/api/v1/tenants/{tenant_id}/audit?limit=500"),
        owner_token,
    )
    .await;
    assert_eq!(response.status, 200, "{}", response.text());
    assert_documented("get", "/api/v1/tenants/{tenant_id}/audit", &response);
    response.json()["events"].as_array().unwrap().clone()
}

fn has_event(events: &[Value], event: &str) -> bool {
    events.iter().any(|e| e["event"] == event)
}

// ---------------------------------------------------------------------------------------------
// Full flows

async fn full_flow(backend: Backend) {
    let app = start(backend, &[]).await;
    let ann = register(&app, "ann").await;

    let me = get(&app, "/api/v1/auth/me", &ann.access).await;
    assert_eq!(me.status, 200, "{}", me.text());
    assert_documented("get", "/api/v1/auth/me", &me);
    let body = me.json();
    assert_eq!(body["user"]["email"], normalised(&ann.email));
    assert_eq!(body["user"]["role"], "owner");
    assert_eq!(body["tenant"]["plan"], "FREE");
    assert_eq!(
        body["principal"]["roles"],
        json!(["owner", "admin", "member"])
    );

    // Login is by the normalised email; the local part keeps its case.
    let respelled = format!("  {}  ", ann.email.replace("Example.COM", "eXample.com"));
    let response = login(&app, &respelled, PASSWORD).await;
    assert_eq!(response.status, 200, "{}", response.text());
    assert_documented("post", "/api/v1/auth/login", &response);
    let (access, refresh) = tokens(&response);

    // Refresh rotates the pair.
    let response = post(
        &app,
        "/api/v1/auth/refresh",
        None,
        json!({ "refresh_token": refresh }),
    )
    .await;
    assert_documented("post", "/api/v1/auth/refresh", &response);
    let (access2, refresh2) = tokens(&response);
    assert_ne!(refresh2, refresh);
    assert_eq!(get(&app, "/api/v1/auth/me", &access2).await.status, 200);

    // Logout ends this session: its access token is refused before it expires, and so is
    // its refresh token; the first session (registration) is untouched.
    let response = post(&app, "/api/v1/auth/logout", Some(&access2), json!({})).await;
    assert_eq!(response.status, 204, "{}", response.text());
    assert_error(
        &get(&app, "/api/v1/auth/me", &access2).await,
        401,
        "token_revoked",
    );
    assert_error(
        &get(&app, "/api/v1/auth/me", &access).await,
        401,
        "token_revoked",
    );
    let response = post(
        &app,
        "/api/v1/auth/refresh",
        None,
        json!({ "refresh_token": refresh2 }),
    )
    .await;
    assert_error(&response, 401, "invalid_refresh_token");
    assert_eq!(get(&app, "/api/v1/auth/me", &ann.access).await.status, 200);

    // Password change keeps the calling session and ends the others.
    let (other_access, _) = tokens(&login(&app, &ann.email, PASSWORD).await);
    let response = post(
        &app,
        "/api/v1/auth/password",
        Some(&ann.access),
        json!({ "current_password": PASSWORD, "new_password": "Better2horse" }),
    )
    .await;
    assert_eq!(response.status, 200, "{}", response.text());
    assert_documented("post", "/api/v1/auth/password", &response);
    assert_eq!(response.json()["other_sessions_ended"], 1);
    assert_error(
        &get(&app, "/api/v1/auth/me", &other_access).await,
        401,
        "token_revoked",
    );
    assert_eq!(get(&app, "/api/v1/auth/me", &ann.access).await.status, 200);
    assert_error(
        &login(&app, &ann.email, PASSWORD).await,
        401,
        "invalid_credentials",
    );
    let (fresh, _) = tokens(&login(&app, &ann.email, "Better2horse").await);

    // Logout-all ends everything, including the registration session.
    let response = post(&app, "/api/v1/auth/logout-all", Some(&fresh), json!({})).await;
    assert_eq!(response.status, 200, "{}", response.text());
    assert_documented("post", "/api/v1/auth/logout-all", &response);
    assert_error(
        &get(&app, "/api/v1/auth/me", &ann.access).await,
        401,
        "token_revoked",
    );
    assert_error(
        &get(&app, "/api/v1/auth/me", &fresh).await,
        401,
        "token_revoked",
    );

    // The audit log saw it all, with who, where from and which request.
    let (admin, _) = tokens(&login(&app, &ann.email, "Better2horse").await);
    let events = audit_events(&app, &admin, &ann.tenant_id).await;
    for event in [
        "register",
        "login_success",
        "refresh",
        "logout",
        "password_change",
        "logout_all",
    ] {
        assert!(has_event(&events, event), "no {event} in {events:#?}");
    }
    let login_event = events
        .iter()
        .find(|e| e["event"] == "login_success")
        .unwrap();
    assert_eq!(login_event["user_id"], ann.user_id.as_str());
    assert_eq!(login_event["ip"], "127.0.0.1");
    assert_eq!(login_event["user_agent"], "auth-e2e/1.0");
    assert!(login_event["request_id"]
        .as_str()
        .is_some_and(|id| !id.is_empty()));
}

#[tokio::test(flavor = "multi_thread")]
async fn full_flow_on_embedded_default() {
    full_flow(Backend::Embedded).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn full_flow_on_postgres_and_redis() {
    full_flow(Backend::Services).await;
}

// ---------------------------------------------------------------------------------------------
// Lockout

async fn lockout(backend: Backend) {
    // A 3-second window stands in for 15 minutes (the native tests step a clock instead).
    let app = start(backend, &[("auth_lockout_secs", "3")]).await;
    let ann = register(&app, "locked").await;
    for attempt in 1..=5 {
        let response = login(&app, &ann.email, "Wrong1horse").await;
        assert_error(&response, 401, "invalid_credentials");
        let _ = attempt;
    }
    let sixth = login(&app, &ann.email, "Wrong1horse").await;
    assert_error(&sixth, 429, "account_locked");
    assert_eq!(sixth.header("retry-after"), Some("3"));
    // Even the right password is refused while locked.
    let response = login(&app, &ann.email, PASSWORD).await;
    assert_error(&response, 429, "account_locked");
    assert!(response.header("retry-after").is_some());

    // An email with no account locks exactly the same way: nothing tells them apart.
    let ghost = unique_email("ghost");
    for _ in 1..=5 {
        assert_error(
            &login(&app, &ghost, "Wrong1horse").await,
            401,
            "invalid_credentials",
        );
    }
    assert_error(
        &login(&app, &ghost, "Wrong1horse").await,
        429,
        "account_locked",
    );

    tokio::time::sleep(Duration::from_millis(3500)).await;
    let (access, _) = tokens(&login(&app, &ann.email, PASSWORD).await);
    // A success resets the count: one more failure is just a failure.
    assert_error(
        &login(&app, &ann.email, "Wrong1horse").await,
        401,
        "invalid_credentials",
    );

    let events = audit_events(&app, &access, &ann.tenant_id).await;
    assert!(has_event(&events, "lockout"), "{events:#?}");
    assert_eq!(
        events
            .iter()
            .filter(|e| e["event"] == "login_failure")
            .count(),
        7
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn six_wrong_passwords_lock_then_unlock_on_embedded_default() {
    lockout(Backend::Embedded).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn six_wrong_passwords_lock_then_unlock_on_postgres_and_redis() {
    lockout(Backend::Services).await;
}

// ---------------------------------------------------------------------------------------------
// Rate limits

async fn login_burst(backend: Backend) {
    let app = start(backend, &[]).await;
    // Schema first: this test is about the limiter, not about 101 instances racing to
    // migrate while each also burns an argon2 hash on two cores.
    let ann = register(&app, "other-ip").await;
    let ip = random_loopback();
    wait_for_fresh_minute().await;
    let addr = app.addr();
    // 101 logins, 16 in flight at a time (distinct unknown emails, so lockout stays out of
    // the way). Each burns an argon2 hash; more at once only measures the 2-core machine.
    let in_flight = std::sync::Arc::new(tokio::sync::Semaphore::new(16));
    let mut tasks = Vec::new();
    for _ in 0..101 {
        let body = json!({ "email": unique_email("burst"), "password": "Wrong1horse" }).to_string();
        let mut req = request("POST", "/api/v1/auth/login", Bytes::from(body));
        req.headers_mut()
            .insert("content-type", "application/json".parse().unwrap());
        let in_flight = in_flight.clone();
        tasks.push(tokio::spawn(async move {
            let _permit = in_flight.acquire_owned().await.unwrap();
            send_from(addr, ip, req).await
        }));
    }
    let mut statuses = Vec::new();
    let mut limited = None;
    for task in tasks {
        let response = task.await.unwrap();
        if response.status == 429 {
            limited = Some(response.clone());
        }
        statuses.push(response.status);
    }
    let refused = statuses.iter().filter(|s| **s == 429).count();
    let failed = statuses.iter().filter(|s| **s == 401).count();
    assert_eq!((failed, refused), (100, 1), "{statuses:?}");
    let limited = limited.unwrap();
    assert_error(&limited, 429, "too_many_requests");
    let retry: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");

    // Another client address is unaffected.
    assert_eq!(login(&app, &ann.email, PASSWORD).await.status, 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn login_burst_of_101_from_one_ip_is_limited_on_embedded_default() {
    login_burst(Backend::Embedded).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn login_burst_of_101_from_one_ip_is_limited_on_postgres_and_redis() {
    login_burst(Backend::Services).await;
}

// ---------------------------------------------------------------------------------------------
// Refresh reuse

async fn refresh_reuse(backend: Backend) {
    let app = start(backend, &[]).await;
    let ann = register(&app, "reuse").await;
    let (_, r1) = tokens(&login(&app, &ann.email, PASSWORD).await);
    let (a2, r2) = tokens(
        &post(
            &app,
            "/api/v1/auth/refresh",
            None,
            json!({ "refresh_token": r1 }),
        )
        .await,
    );
    assert_eq!(get(&app, "/api/v1/auth/me", &a2).await.status, 200);

    // r1 again: reuse. The whole family goes: r2 and a2 too.
    let reused = post(
        &app,
        "/api/v1/auth/refresh",
        None,
        json!({ "refresh_token": r1 }),
    )
    .await;
    assert_error(&reused, 401, "refresh_token_reused");
    assert_error(
        &post(
            &app,
            "/api/v1/auth/refresh",
            None,
            json!({ "refresh_token": r2 }),
        )
        .await,
        401,
        "invalid_refresh_token",
    );
    assert_error(
        &get(&app, "/api/v1/auth/me", &a2).await,
        401,
        "token_revoked",
    );
    // Other sessions of the user survive.
    assert_eq!(get(&app, "/api/v1/auth/me", &ann.access).await.status, 200);
    let events = audit_events(&app, &ann.access, &ann.tenant_id).await;
    assert!(has_event(&events, "refresh_reuse_detected"), "{events:#?}");

    // Concurrent use of one fresh refresh token: exactly one wins.
    let mut tasks = Vec::new();
    for _ in 0..6 {
        let client = app.client();
        let body = json!({ "refresh_token": ann.refresh }).to_string();
        tasks.push(tokio::spawn(async move {
            let mut req = request("POST", "/api/v1/auth/refresh", Bytes::from(body));
            req.headers_mut()
                .insert("content-type", "application/json".parse().unwrap());
            client.send(req).await.status
        }));
    }
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 401),
        "{statuses:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn refresh_rotation_and_reuse_revoke_the_family_on_embedded_default() {
    refresh_reuse(Backend::Embedded).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn refresh_rotation_and_reuse_revoke_the_family_on_postgres_and_redis() {
    refresh_reuse(Backend::Services).await;
}

// ---------------------------------------------------------------------------------------------
// Rejected tokens (configured keys, so the test can sign like the server does)

fn b64(bytes: impl AsRef<[u8]>) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    let mut block = [0u8; 64];
    block[..key.len().min(64)].copy_from_slice(&key[..key.len().min(64)]);
    let pad = |byte: u8| block.iter().map(|b| b ^ byte).collect::<Vec<u8>>();
    let inner = Sha256::new()
        .chain_update(pad(0x36))
        .chain_update(message)
        .finalize();
    Sha256::new()
        .chain_update(pad(0x5c))
        .chain_update(inner)
        .finalize()
        .into()
}

#[tokio::test(flavor = "multi_thread")]
async fn forged_and_expired_tokens_are_rejected_and_rotated_keys_verify() {
    let new = SigningKey::generate("k-2026-06");
    let old = SigningKey::generate("k-2026-05");
    let keys = SigningKeys::new(vec![new.clone(), old.clone()]).unwrap();
    let jwks = keys.public_keys().to_jwks().to_string();
    let app = start(
        Backend::Embedded,
        &[
            ("auth_signing_keys", &keys.to_variable()),
            ("auth_public_keys", &jwks),
        ],
    )
    .await;
    let ann = register(&app, "forge").await;

    // Served JWKS = configured keys, at both locations; the issued token names the first kid.
    let served = app.get("/.well-known/jwks.json").await;
    assert_eq!(served.status, 200, "{}", served.text());
    assert_documented("get", "/.well-known/jwks.json", &served);
    assert_eq!(
        served.json(),
        app.get("/api/v1/auth/.well-known/jwks.json").await.json()
    );
    let ring = auth_core::keys::KeyRing::from_jwks(&served.text()).unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let expected = jwt::Expected {
        issuer: "english-assistant/auth",
        audience: "english-assistant",
        now,
    };
    let claims: AccessClaims =
        jwt::verify(&ann.access, &ring, &expected).expect("verifies offline with the JWKS");
    let header: Value = serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(ann.access.split('.').next().unwrap())
            .unwrap(),
    )
    .unwrap();
    assert_eq!(header["kid"], "k-2026-06");
    assert_eq!(header["alg"], "EdDSA");

    // Rotation: a token the older key signed still verifies.
    let mut good = claims.clone();
    good.jti = uuid::Uuid::new_v4().to_string();
    assert_eq!(
        get(&app, "/api/v1/auth/me", &jwt::sign(&good, &old))
            .await
            .status,
        200
    );

    let me = |token: String| {
        let app = &app;
        async move { get(app, "/api/v1/auth/me", &token).await }
    };
    let parts: Vec<String> = ann.access.split('.').map(str::to_string).collect();
    let mut forged = claims.clone();
    forged.roles = vec!["owner".into(), "admin".into(), "member".into()];
    forged.tenant_id = "another-tenant".into();
    let tampered = format!(
        "{}.{}.{}",
        parts[0],
        b64(serde_json::to_vec(&forged).unwrap()),
        parts[2]
    );
    assert_error(&me(tampered).await, 401, "invalid_token");

    let stranger = SigningKey::generate("k-unknown");
    assert_error(
        &me(jwt::sign(&claims, &stranger)).await,
        401,
        "invalid_token",
    );
    let impostor = SigningKey::generate("k-2026-06");
    assert_error(
        &me(jwt::sign(&claims, &impostor)).await,
        401,
        "invalid_token",
    );

    let payload = b64(serde_json::to_vec(&claims).unwrap());
    let none = format!(
        "{}.{payload}.",
        b64(r#"{"alg":"none","typ":"JWT","kid":"k-2026-06"}"#)
    );
    assert_error(&me(none).await, 401, "invalid_token");
    let hs_header = b64(r#"{"alg":"HS256","typ":"JWT","kid":"k-2026-06"}"#);
    let input = format!("{hs_header}.{payload}");
    let x = ring.0[0].key.to_bytes();
    for secret in [x.to_vec(), b64(x).into_bytes(), served.body.to_vec()] {
        let hs = format!("{input}.{}", b64(hmac_sha256(&secret, input.as_bytes())));
        assert_error(&me(hs).await, 401, "invalid_token");
    }

    let mut expired = claims.clone();
    expired.iat = now - 7200;
    expired.nbf = now - 7200;
    expired.exp = now - 3600;
    assert_error(&me(jwt::sign(&expired, &new)).await, 401, "token_expired");
    let mut early = claims.clone();
    early.nbf = now + 600;
    assert_error(&me(jwt::sign(&early, &new)).await, 401, "invalid_token");
    let mut foreign = claims.clone();
    foreign.aud = "someone-else".into();
    assert_error(&me(jwt::sign(&foreign, &new)).await, 401, "invalid_token");
    let mut foreign = claims.clone();
    foreign.iss = "https://evil.example".into();
    assert_error(&me(jwt::sign(&foreign, &new)).await, 401, "invalid_token");

    for garbage in ["", "x", "a.b.c", "Zm9v.YmFy.YmF6", &"A".repeat(9000)] {
        assert_error(
            &me(garbage.to_string()).await,
            401,
            if garbage.is_empty() {
                "unauthorized"
            } else {
                "invalid_token"
            },
        );
    }
    // No credential, and the wrong scheme.
    assert_error(&app.get("/api/v1/auth/me").await, 401, "unauthorized");
    let mut basic = request("GET", "/api/v1/auth/me", Bytes::new());
    basic
        .headers_mut()
        .insert("authorization", "Basic YTpi".parse().unwrap());
    assert_error(&app.send(basic).await, 401, "invalid_token");
}

// ---------------------------------------------------------------------------------------------
// Bad input

#[tokio::test(flavor = "multi_thread")]
async fn bad_input_gets_clean_4xx_answers() {
    let app = start(Backend::Embedded, &[]).await;
    let raw = |method: &str, path: &str, body: &'static [u8], content_type: &str| {
        let mut req = request(method, path, Bytes::from_static(body));
        req.headers_mut()
            .insert("content-type", content_type.parse().unwrap());
        app.send(req)
    };
    assert_error(
        &raw(
            "POST",
            "/api/v1/auth/login",
            b"{\"email\": ",
            "application/json",
        )
        .await,
        400,
        "invalid_json",
    );
    assert_error(
        &raw(
            "POST",
            "/api/v1/auth/register",
            b"[1,2]",
            "application/json",
        )
        .await,
        422,
        "invalid_request",
    );
    assert_error(
        &raw("POST", "/api/v1/auth/login", b"{}", "text/plain").await,
        415,
        "unsupported_media_type",
    );
    let missing = post(
        &app,
        "/api/v1/auth/register",
        None,
        json!({ "email": "a@example.com" }),
    )
    .await;
    assert_error(&missing, 422, "invalid_request");
    assert!(missing.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("password"));
    let unknown_field = post(
        &app,
        "/api/v1/auth/login",
        None,
        json!({ "email": "a@example.com", "password": "x", "admin": true }),
    )
    .await;
    assert_error(&unknown_field, 422, "invalid_request");
    let wrong_type = post(
        &app,
        "/api/v1/auth/login",
        None,
        json!({ "email": 5, "password": "x" }),
    )
    .await;
    assert_error(&wrong_type, 422, "invalid_request");

    let big = json!({ "email": "a@example.com", "password": "x".repeat(20_000) });
    assert_error(
        &post(&app, "/api/v1/auth/login", None, big).await,
        413,
        "payload_too_large",
    );
    assert_error(
        &app.get("/api/v1/auth/login").await,
        405,
        "method_not_allowed",
    );
    assert_error(&app.get("/api/v1/auth/nope").await, 404, "not_found");

    let hostile = [
        "'; DROP TABLE auth_users; --@example.com",
        "x@example.com' OR '1'='1",
        "\" OR 1=1 --@example.com",
        "ánn@example.com",
        "ann@exam\u{200b}ple.com",
        "\u{202e}moc.elpmaxe@nna",
        "ann\u{0}@example.com",
        "👍@example.com",
        "",
    ];
    for email in hostile {
        let response = post(
            &app,
            "/api/v1/auth/register",
            None,
            json!({ "email": email, "password": PASSWORD, "display_name": "Hostile" }),
        )
        .await;
        assert_error(&response, 422, "invalid_email");
        assert_error(
            &login(&app, email, PASSWORD).await,
            401,
            "invalid_credentials",
        );
    }
    let weak = post(
        &app,
        "/api/v1/auth/register",
        None,
        json!({ "email": unique_email("weak"), "password": "password", "display_name": "W" }),
    )
    .await;
    assert_error(&weak, 422, "weak_password");
    let email = unique_email("same");
    let same = post(
        &app,
        "/api/v1/auth/register",
        None,
        json!({ "email": email, "password": email, "display_name": "W" }),
    )
    .await;
    assert_eq!(same.status, 422, "{}", same.text());
    let bidi = post(&app, "/api/v1/auth/register", None, json!({ "email": unique_email("bidi"), "password": PASSWORD, "display_name": "Ann\u{202e}nimda" })).await;
    assert_error(&bidi, 422, "invalid_request");

    // A legal apostrophe is stored and found verbatim: parameters, not string building.
    let obrien = format!(
        "o'brien.{}@example.com",
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    );
    let response = post(
        &app,
        "/api/v1/auth/register",
        None,
        json!({ "email": obrien, "password": PASSWORD, "display_name": "O'Brien" }),
    )
    .await;
    assert_eq!(response.status, 201, "{}", response.text());
    assert_documented("post", "/api/v1/auth/register", &response);
    tokens(&login(&app, &obrien, PASSWORD).await);
    // And everything still works.
    let ann = register(&app, "after").await;
    assert_eq!(get(&app, "/api/v1/auth/me", &ann.access).await.status, 200);
}

// ---------------------------------------------------------------------------------------------
// Concurrency

async fn concurrent_registrations(backend: Backend) {
    let app = start(backend, &[]).await;
    let email = unique_email("race");
    let mut tasks = Vec::new();
    for i in 0..8 {
        let client = app.client();
        // The same address in different spellings normalises to one account.
        let spelling = if i % 2 == 0 {
            email.clone()
        } else {
            format!(" {} ", email.replace("Example.COM", "EXAMPLE.com"))
        };
        let body = json!({ "email": spelling, "password": PASSWORD, "display_name": format!("Racer {i}") }).to_string();
        tasks.push(tokio::spawn(async move {
            let mut req = request("POST", "/api/v1/auth/register", Bytes::from(body));
            req.headers_mut()
                .insert("content-type", "application/json".parse().unwrap());
            let response = client.send(req).await;
            (response.status, response.json())
        }));
    }
    let mut created = 0;
    for task in tasks {
        let (status, body) = task.await.unwrap();
        match status {
            201 => created += 1,
            409 => assert_eq!(body["error"]["code"], "email_taken", "{body}"),
            other => panic!("unexpected {other}: {body}"),
        }
    }
    assert_eq!(created, 1);
    tokens(&login(&app, &email, PASSWORD).await);
}

#[tokio::test(flavor = "multi_thread")]
async fn concurrent_registrations_of_one_email_create_one_account_on_embedded_default() {
    concurrent_registrations(Backend::Embedded).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn concurrent_registrations_of_one_email_create_one_account_on_postgres_and_redis() {
    concurrent_registrations(Backend::Services).await;
}

/// The very first requests of a new deployment race to migrate the schema and create the
/// development key, while each also burns an argon2 hash on two cores: every one of them
/// must get its real answer, none a 503.
async fn first_requests_on_a_fresh_database(backend: Backend) {
    let app = start(backend, &[]).await;
    let mut tasks = Vec::new();
    for i in 0..24 {
        let client = app.client();
        let (path, body) = if i % 4 == 0 {
            let body = json!({ "email": unique_email("first"), "password": PASSWORD, "display_name": format!("First {i}") });
            ("/api/v1/auth/register", body)
        } else {
            let body = json!({ "email": unique_email("nobody"), "password": "Wrong1horse" });
            ("/api/v1/auth/login", body)
        };
        tasks.push(tokio::spawn(async move {
            let mut req = request("POST", path, Bytes::from(body.to_string()));
            req.headers_mut()
                .insert("content-type", "application/json".parse().unwrap());
            let response = client.send(req).await;
            (path, response.status, response.json())
        }));
    }
    for task in tasks {
        let (path, status, body) = task.await.unwrap();
        let expected = if path.ends_with("register") { 201 } else { 401 };
        assert_eq!(status, expected, "{path}: {body}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn first_requests_racing_on_a_fresh_database_all_succeed_on_embedded_default() {
    first_requests_on_a_fresh_database(Backend::Embedded).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn first_requests_racing_on_a_fresh_database_all_succeed_on_postgres_and_redis() {
    first_requests_on_a_fresh_database(Backend::Services).await;
}

// ---------------------------------------------------------------------------------------------
// Tenants, roles, API keys

/// An xorshift generator seeded from a random value printed on failure, so a failing
/// sequence can be replayed.
struct Rng(u64);
impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

async fn tenant_isolation(backend: Backend) {
    let app = start(backend, &[]).await;
    let a = register(&app, "tenant-a").await;
    let b = register(&app, "tenant-b").await;
    // B gets a member and an API key, A gets an API key of its own.
    let invite = post(
        &app,
        &format!("/api/v1/tenants/{}/members", b.tenant_id),
        Some(&b.access),
        json!({ "email": unique_email("b-member"), "role": "member" }),
    )
    .await;
    assert_eq!(invite.status, 201, "{}", invite.text());
    let b_key = post(
        &app,
        &format!("/api/v1/tenants/{}/api-keys", b.tenant_id),
        Some(&b.access),
        json!({ "name": "b-key", "roles": ["admin"] }),
    )
    .await;
    assert_eq!(b_key.status, 201, "{}", b_key.text());
    let b_key_id = b_key.json()["id"].as_str().unwrap().to_string();
    let a_key = post(
        &app,
        &format!("/api/v1/tenants/{}/api-keys", a.tenant_id),
        Some(&a.access),
        json!({ "name": "a-key", "roles": ["admin"] }),
    )
    .await;
    let a_api_key = a_key.json()["key"].as_str().unwrap().to_string();

    let seed = u64::from_le_bytes(uuid::Uuid::new_v4().as_bytes()[..8].try_into().unwrap()) | 1;
    let mut rng = Rng(seed);
    let before = get(
        &app,
        &format!("/api/v1/tenants/{}/members", b.tenant_id),
        &b.access,
    )
    .await
    .json();
    let t = &b.tenant_id;
    for step in 0..40 {
        let credential = if rng.next(2) == 0 {
            a.access.clone()
        } else {
            a_api_key.clone()
        };
        let (method, path, body) = match rng.next(9) {
            0 => ("GET", format!("/api/v1/tenants/{t}"), None),
            1 => ("GET", format!("/api/v1/tenants/{t}/members"), None),
            2 => (
                "POST",
                format!("/api/v1/tenants/{t}/members"),
                Some(json!({ "email": unique_email("intruder"), "role": "owner" })),
            ),
            3 => (
                "PATCH",
                format!("/api/v1/tenants/{t}/members/{}", b.user_id),
                Some(json!({ "role": "member", "status": "SUSPENDED" })),
            ),
            4 => ("GET", format!("/api/v1/tenants/{t}/api-keys"), None),
            5 => (
                "POST",
                format!("/api/v1/tenants/{t}/api-keys"),
                Some(json!({ "name": "stolen" })),
            ),
            6 => (
                "DELETE",
                format!("/api/v1/tenants/{t}/api-keys/{b_key_id}"),
                None,
            ),
            7 => ("GET", format!("/api/v1/tenants/{t}/audit"), None),
            _ => (
                "PATCH",
                format!("/api/v1/tenants/{t}"),
                Some(json!({ "name": "pwned" })),
            ),
        };
        let response = send_json(&app, method, &path, Some(&credential), body).await;
        assert_eq!(
            response.status,
            404,
            "seed {seed} step {step}: {method} {path}: {}",
            response.text()
        );
    }
    // B is exactly as it was.
    let after = get(
        &app,
        &format!("/api/v1/tenants/{}/members", b.tenant_id),
        &b.access,
    )
    .await
    .json();
    assert_eq!(before, after, "seed {seed}");
    let tenant = get(&app, &format!("/api/v1/tenants/{}", b.tenant_id), &b.access).await;
    assert_eq!(tenant.json()["name"], "User tenant-b");
    let keys = get(
        &app,
        &format!("/api/v1/tenants/{}/api-keys", b.tenant_id),
        &b.access,
    )
    .await
    .json();
    assert_eq!(
        keys["api_keys"][0]["revoked_at"],
        Value::Null,
        "seed {seed}"
    );
    assert_eq!(keys["api_keys"].as_array().unwrap().len(), 1, "seed {seed}");
}

#[tokio::test(flavor = "multi_thread")]
async fn tenants_never_see_or_change_each_other_on_embedded_default() {
    tenant_isolation(Backend::Embedded).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn tenants_never_see_or_change_each_other_on_postgres_and_redis() {
    tenant_isolation(Backend::Services).await;
}

async fn members_roles_and_api_keys(backend: Backend) {
    let app = start(backend, &[]).await;
    let owner = register(&app, "owner").await;
    let t = owner.tenant_id.clone();

    // Invite an admin and a member; they register with their invitations.
    let mut joined = Vec::new();
    for role in ["admin", "member"] {
        let email = unique_email(role);
        let invite = post(
            &app,
            &format!("/api/v1/tenants/{t}/members"),
            Some(&owner.access),
            json!({ "email": email, "role": role }),
        )
        .await;
        assert_eq!(invite.status, 201, "{}", invite.text());
        assert_documented("post", "/api/v1/tenants/{tenant_id}/members", &invite);
        let token = invite.json()["invitation_token"]
            .as_str()
            .unwrap()
            .to_string();
        let response = post(&app, "/api/v1/auth/register", None, json!({ "email": email, "password": PASSWORD, "display_name": role, "invitation_token": token })).await;
        assert_eq!(response.status, 201, "{}", response.text());
        let body = response.json();
        assert_eq!(body["tenant"]["id"], t.as_str());
        assert_eq!(body["user"]["role"], role);
        // An invitation works once.
        let again = post(&app, "/api/v1/auth/register", None, json!({ "email": email, "password": PASSWORD, "display_name": role, "invitation_token": token })).await;
        assert!(
            again.status == 400 || again.status == 409,
            "{}",
            again.text()
        );
        joined.push((
            body["user"]["id"].as_str().unwrap().to_string(),
            body["tokens"]["access_token"].as_str().unwrap().to_string(),
            email,
        ));
    }
    let (admin_id, admin, _) = joined[0].clone();
    let (member_id, member, member_email) = joined[1].clone();
    let members = get(&app, &format!("/api/v1/tenants/{t}/members"), &member).await;
    assert_documented("get", "/api/v1/tenants/{tenant_id}/members", &members);
    assert_eq!(members.json()["members"].as_array().unwrap().len(), 3);

    // Members cannot administer; admins cannot act above their role.
    assert_error(
        &post(
            &app,
            &format!("/api/v1/tenants/{t}/api-keys"),
            Some(&member),
            json!({ "name": "k" }),
        )
        .await,
        403,
        "forbidden",
    );
    assert_error(
        &post(
            &app,
            &format!("/api/v1/tenants/{t}/members"),
            Some(&member),
            json!({ "email": unique_email("x"), "role": "member" }),
        )
        .await,
        403,
        "forbidden",
    );
    assert_error(
        &send_json(
            &app,
            "PATCH",
            &format!("/api/v1/tenants/{t}/members/{}", owner.user_id),
            Some(&admin),
            Some(json!({ "role": "member" })),
        )
        .await,
        403,
        "forbidden",
    );
    assert_error(
        &send_json(
            &app,
            "PATCH",
            &format!("/api/v1/tenants/{t}/members/{member_id}"),
            Some(&admin),
            Some(json!({ "role": "owner" })),
        )
        .await,
        403,
        "forbidden",
    );
    // The last owner cannot step down.
    assert_error(
        &send_json(
            &app,
            "PATCH",
            &format!("/api/v1/tenants/{t}/members/{}", owner.user_id),
            Some(&owner.access),
            Some(json!({ "role": "admin" })),
        )
        .await,
        409,
        "conflict",
    );

    // Role change: the member's old token stops working at once; a new login carries the role.
    let response = send_json(
        &app,
        "PATCH",
        &format!("/api/v1/tenants/{t}/members/{member_id}"),
        Some(&admin),
        Some(json!({ "role": "admin" })),
    )
    .await;
    assert_eq!(response.status, 200, "{}", response.text());
    assert_documented(
        "patch",
        "/api/v1/tenants/{tenant_id}/members/{user_id}",
        &response,
    );
    assert_error(
        &get(&app, "/api/v1/auth/me", &member).await,
        401,
        "token_revoked",
    );
    let (promoted, _) = tokens(&login(&app, &member_email, PASSWORD).await);
    assert_eq!(
        get(&app, "/api/v1/auth/me", &promoted).await.json()["principal"]["roles"],
        json!(["admin", "member"])
    );

    // Suspension: token refused, login refused.
    let response = send_json(
        &app,
        "PATCH",
        &format!("/api/v1/tenants/{t}/members/{member_id}"),
        Some(&owner.access),
        Some(json!({ "status": "SUSPENDED" })),
    )
    .await;
    assert_eq!(response.status, 200, "{}", response.text());
    assert_error(
        &get(&app, "/api/v1/auth/me", &promoted).await,
        401,
        "token_revoked",
    );
    assert_error(
        &login(&app, &member_email, PASSWORD).await,
        403,
        "account_inactive",
    );

    // API keys: shown once, listed by prefix, usable as Bearer or X-Api-Key, revocable.
    let created = post(
        &app,
        &format!("/api/v1/tenants/{t}/api-keys"),
        Some(&admin),
        json!({ "name": "ci", "roles": ["member"] }),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.text());
    assert_documented("post", "/api/v1/tenants/{tenant_id}/api-keys", &created);
    let key = created.json()["key"].as_str().unwrap().to_string();
    let key_id = created.json()["id"].as_str().unwrap().to_string();
    assert!(key.starts_with("eak_") && key.len() == 47, "{key}");
    let listed = get(
        &app,
        &format!("/api/v1/tenants/{t}/api-keys"),
        &owner.access,
    )
    .await;
    assert_documented("get", "/api/v1/tenants/{tenant_id}/api-keys", &listed);
    assert!(!listed.text().contains(&key));
    assert_eq!(listed.json()["api_keys"][0]["prefix"], &key[..12]);
    let me = get(&app, "/api/v1/auth/me", &key).await;
    assert_eq!(me.status, 200, "{}", me.text());
    assert_eq!(me.json()["principal"]["kind"], "api_key");
    assert_eq!(me.json()["principal"]["roles"], json!(["member"]));
    let mut with_header = request("GET", "/api/v1/auth/me", Bytes::new());
    with_header
        .headers_mut()
        .insert("x-api-key", key.parse().unwrap());
    assert_eq!(
        app.send(with_header).await.json()["user"]["id"],
        admin_id.as_str()
    );
    // An admin cannot mint an owner key.
    assert_error(
        &post(
            &app,
            &format!("/api/v1/tenants/{t}/api-keys"),
            Some(&admin),
            json!({ "name": "x", "roles": ["owner"] }),
        )
        .await,
        403,
        "forbidden",
    );
    let revoked = send_json(
        &app,
        "DELETE",
        &format!("/api/v1/tenants/{t}/api-keys/{key_id}"),
        Some(&owner.access),
        None,
    )
    .await;
    assert_eq!(revoked.status, 204, "{}", revoked.text());
    assert_error(
        &get(&app, "/api/v1/auth/me", &key).await,
        401,
        "token_revoked",
    );
    let unknown = format!("eak_{}", "A".repeat(43));
    assert_error(
        &get(&app, "/api/v1/auth/me", &unknown).await,
        401,
        "invalid_token",
    );

    let events = audit_events(&app, &owner.access, &t).await;
    for event in [
        "member_invited",
        "role_change",
        "status_change",
        "api_key_created",
        "api_key_revoked",
    ] {
        assert!(has_event(&events, event), "no {event} in {events:#?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn members_roles_and_api_keys_on_embedded_default() {
    members_roles_and_api_keys(Backend::Embedded).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn members_roles_and_api_keys_on_postgres_and_redis() {
    members_roles_and_api_keys(Backend::Services).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn plan_is_set_by_the_operator_and_carried_in_tokens() {
    let app = start(Backend::Embedded, &[]).await;
    let ann = register(&app, "plan").await;
    let path = format!("/api/v1/tenants/{}", ann.tenant_id);
    assert_error(
        &send_json(
            &app,
            "PATCH",
            &path,
            Some(&ann.access),
            Some(json!({ "plan": "ENTERPRISE" })),
        )
        .await,
        403,
        "forbidden",
    );
    let mut req = request(
        "PATCH",
        &path,
        Bytes::from(json!({ "plan": "PREMIUM" }).to_string()),
    );
    req.headers_mut()
        .insert("content-type", "application/json".parse().unwrap());
    req.headers_mut()
        .insert("x-operator-key", OPERATOR_KEY.parse().unwrap());
    let response = app.send(req).await;
    assert_eq!(response.status, 200, "{}", response.text());
    assert_documented("patch", "/api/v1/tenants/{tenant_id}", &response);
    assert_eq!(response.json()["plan"], "PREMIUM");
    let mut wrong = request(
        "PATCH",
        &path,
        Bytes::from(json!({ "plan": "FREE" }).to_string()),
    );
    wrong
        .headers_mut()
        .insert("content-type", "application/json".parse().unwrap());
    wrong
        .headers_mut()
        .insert("x-operator-key", "guess".parse().unwrap());
    assert_error(&app.send(wrong).await, 401, "invalid_operator_key");
    let (access, _) = tokens(&login(&app, &ann.email, PASSWORD).await);
    assert_eq!(
        get(&app, "/api/v1/auth/me", &access).await.json()["principal"]["plan"],
        "PREMIUM"
    );
    let tenant = get(&app, &path, &access).await;
    assert_documented("get", "/api/v1/tenants/{tenant_id}", &tenant);
}

#[tokio::test(flavor = "multi_thread")]
async fn self_signup_off_needs_the_operator_for_new_tenants() {
    let app = start(Backend::Embedded, &[("auth_self_signup", "false")]).await;
    let body =
        json!({ "email": unique_email("closed"), "password": PASSWORD, "display_name": "C" });
    assert_error(
        &post(&app, "/api/v1/auth/register", None, body).await,
        403,
        "forbidden",
    );
    let tenant = json!({ "name": "Acme", "email": unique_email("acme"), "password": PASSWORD, "display_name": "Boss" });
    assert_error(
        &post(&app, "/api/v1/tenants", None, tenant.clone()).await,
        403,
        "forbidden",
    );
    let mut req = request("POST", "/api/v1/tenants", Bytes::from(tenant.to_string()));
    req.headers_mut()
        .insert("content-type", "application/json".parse().unwrap());
    req.headers_mut()
        .insert("x-operator-key", OPERATOR_KEY.parse().unwrap());
    let response = app.send(req).await;
    assert_eq!(response.status, 201, "{}", response.text());
    assert_documented("post", "/api/v1/tenants", &response);
    assert_eq!(response.json()["tenant"]["name"], "Acme");
    assert_eq!(response.json()["user"]["role"], "owner");
}

// ---------------------------------------------------------------------------------------------
// Keys and configuration

#[tokio::test(flavor = "multi_thread")]
async fn production_without_keys_answers_503_auth_not_configured() {
    let app = start(Backend::Embedded, &[("environment", "production")]).await;
    let body = json!({ "email": unique_email("prod"), "password": PASSWORD, "display_name": "P" });
    let response = post(&app, "/api/v1/auth/register", None, body).await;
    assert_error(&response, 503, "auth_not_configured");
    assert!(response.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("auth_signing_keys"));
    assert_error(
        &app.get("/api/v1/auth/.well-known/jwks.json").await,
        503,
        "auth_not_configured",
    );
    // The verifier refuses too, naming what to set, rather than trusting anything.
    let response = get(&app, "/api/v1/auth/me", "eyJhbGciOiJFZERTQSJ9.e30.AA").await;
    assert_error(&response, 503, "auth_not_configured");
    assert!(response.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("auth_public_keys"));
}

#[tokio::test(flavor = "multi_thread")]
async fn signing_keys_without_matching_public_keys_are_refused() {
    let keys = SigningKeys::new(vec![SigningKey::generate("only")]).unwrap();
    let other = SigningKeys::new(vec![SigningKey::generate("only")]).unwrap();
    let app = start(
        Backend::Embedded,
        &[
            ("auth_signing_keys", &keys.to_variable()),
            (
                "auth_public_keys",
                &other.public_keys().to_jwks().to_string(),
            ),
        ],
    )
    .await;
    let body =
        json!({ "email": unique_email("mismatch"), "password": PASSWORD, "display_name": "M" });
    let response = post(&app, "/api/v1/auth/register", None, body).await;
    assert_error(&response, 503, "auth_not_configured");
    assert!(response.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("auth_public_keys"));
}

#[tokio::test(flavor = "multi_thread")]
async fn development_key_is_generated_once_and_survives_restarts() {
    let postgres = fresh_database();
    let redis = redis_url();
    let env = [
        ("SPIN_VARIABLE_POSTGRES_URL", postgres.clone()),
        (
            "SPIN_VARIABLE_POSTGRES_HOST",
            service_authority(&postgres, 5432),
        ),
        ("SPIN_VARIABLE_REDIS_URL", redis.clone()),
        ("SPIN_VARIABLE_REDIS_HOST", service_authority(&redis, 6379)),
    ];
    let start_with_env = || async {
        let component = Component::new("auth", component_wasm("auth"))
            .route("/api/v1/auth/...")
            .with_app_stores()
            .with_identity();
        let mut builder = TestApp::builder()
            .app_variables()
            .variable("postgres_host", Variable::Default(String::new()))
            .variable("redis_host", Variable::Default(String::new()))
            .component(component);
        for (name, value) in &env {
            builder = builder.env(name, value);
        }
        builder.start().await
    };
    let first = start_with_env().await;
    let ann = register(&first, "devkey").await;
    let jwks = first.get("/api/v1/auth/.well-known/jwks.json").await.json();
    assert!(first
        .wait_for_stderr("no signing keys configured", Duration::from_secs(5))
        .await
        .is_some());
    first.terminate().await;

    let second = start_with_env().await;
    assert_eq!(
        get(&second, "/api/v1/auth/me", &ann.access).await.status,
        200
    );
    assert_eq!(
        second
            .get("/api/v1/auth/.well-known/jwks.json")
            .await
            .json(),
        jwks
    );
    tokens(&login(&second, &ann.email, PASSWORD).await);
    assert!(second
        .stderr_lines()
        .iter()
        .all(|l| !l.contains("no signing keys configured")));
}
