//! Route matching and precedence, private routes, Spin 4 request headers and the
//! `/.well-known/spin/*` endpoints.

use bytes::Bytes;
use e2e::harness::{echoed_header, request, Component, TestApp};
use serde_json::Value;

/// Several probes on overlapping routes; each answers with its own `label`.
fn routing_app() -> e2e::harness::TestAppBuilder {
    TestApp::builder()
        .app_name("routing-e2e")
        .app_version("1.2.3")
        .component(Component::probe("exact").route("/exact"))
        .component(Component::probe("wild").route("/wild/..."))
        .component(Component::probe("wild-deep").route("/wild/deep/..."))
        .component(Component::probe("user-param").route("/users/:id"))
        .component(Component::probe("user-me").route("/users/me"))
        .component(Component::probe("hidden").private_route())
}

async fn label_of(app: &TestApp, path: &str) -> Value {
    let response = app.get(path).await;
    assert_eq!(response.status, 200, "GET {path}: {}", response.text());
    response.json()["label"].clone()
}

#[tokio::test(flavor = "multi_thread")]
async fn exact_route_matches_its_path_and_trailing_slash_only() {
    let app = routing_app().start().await;
    assert_eq!(label_of(&app, "/exact").await, "exact");
    assert_eq!(label_of(&app, "/exact/").await, "exact");
    assert_eq!(label_of(&app, "/exact?x=1").await, "exact");
    assert_eq!(app.get("/exactly").await.status, 404);
    assert_eq!(app.get("/exact/more").await.status, 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn wildcard_matches_its_prefix_and_everything_below() {
    let app = routing_app().start().await;
    assert_eq!(label_of(&app, "/wild").await, "wild");
    assert_eq!(label_of(&app, "/wild/").await, "wild");
    assert_eq!(label_of(&app, "/wild/a/b/c").await, "wild");
    assert_eq!(app.get("/wilder").await.status, 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn most_specific_route_wins() {
    let app = routing_app().start().await;
    assert_eq!(label_of(&app, "/wild/deep").await, "wild-deep");
    assert_eq!(label_of(&app, "/wild/deep/x/y").await, "wild-deep");
    assert_eq!(label_of(&app, "/wild/deeper").await, "wild");
    assert_eq!(label_of(&app, "/users/me").await, "user-me");
    assert_eq!(label_of(&app, "/users/42").await, "user-param");
    // A `:param` matches exactly one segment.
    assert_eq!(app.get("/users/42/extra").await.status, 404);
    assert_eq!(app.get("/users").await.status, 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn catch_all_takes_what_nothing_else_matches() {
    let app = TestApp::builder()
        .component(Component::probe("exact").route("/exact"))
        .component(Component::probe("catch-all").route("/..."))
        .start()
        .await;
    assert_eq!(label_of(&app, "/exact").await, "exact");
    assert_eq!(label_of(&app, "/").await, "catch-all");
    assert_eq!(label_of(&app, "/anything/else").await, "catch-all");
}

#[tokio::test(flavor = "multi_thread")]
async fn unmatched_route_is_a_json_404() {
    let app = routing_app().start().await;
    let response = app.get("/no/such/route").await;
    assert_eq!(response.status, 404);
    let body = response.json();
    assert!(body["error"]["code"].is_string(), "404 body: {body}");
}

#[tokio::test(flavor = "multi_thread")]
async fn private_route_is_not_exposed() {
    let app = routing_app().start().await;
    for path in ["/hidden", "/hidden/", "/hidden/x"] {
        assert_eq!(app.get(path).await.status, 404, "GET {path}");
    }
    // Give the listing a moment: it follows `Serving` on stdout.
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let listing = app.stdout_lines();
    assert!(
        listing.iter().any(|l| l.contains("exact:")),
        "route listing missing: {listing:?}"
    );
    assert!(
        !listing.iter().any(|l| l.contains("hidden")),
        "private component listed: {listing:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn route_listing_names_each_public_component() {
    let app = routing_app().start().await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let listing = app.stdout_lines();
    assert!(listing[0].starts_with("Serving http://"), "{listing:?}");
    assert!(
        listing.iter().any(|l| l == "Available Routes:"),
        "{listing:?}"
    );
    let exact = format!("  exact: {}", app.url("/exact"));
    assert!(listing.contains(&exact), "no `{exact}` in {listing:?}");
    let wild = format!("  wild: {}", app.url("/wild"));
    assert!(
        listing.iter().any(|l| l.starts_with(&wild)),
        "no `{wild}...` in {listing:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn wildcard_request_carries_spin_headers() {
    let app = routing_app().start().await;
    let echo = app.get("/wild/a/b?x=1").await.json();
    let header = |name: &str| {
        let values = echoed_header(&echo, name);
        assert_eq!(values.len(), 1, "{name}: {values:?} in {echo}");
        values[0].clone()
    };
    let host = app.addr().to_string();
    assert_eq!(
        header("spin-full-url"),
        format!("http://{host}/wild/a/b?x=1")
    );
    assert_eq!(header("spin-path-info"), "/a/b");
    assert_eq!(header("spin-matched-route"), "/wild/...");
    assert_eq!(header("spin-raw-component-route"), "/wild/...");
    assert_eq!(header("spin-component-route"), "/wild");
    assert_eq!(header("spin-base-path"), "/");
    let client: std::net::SocketAddr = header("spin-client-addr")
        .parse()
        .expect("spin-client-addr is ip:port");
    assert!(client.ip().is_loopback(), "{client}");
    assert_eq!(echo["path"], "/wild/a/b");
    assert_eq!(echo["query"], "x=1");
    assert_eq!(echo["method"], "GET");
}

#[tokio::test(flavor = "multi_thread")]
async fn path_parameters_become_path_match_headers() {
    let app = routing_app().start().await;
    let echo = app.get("/users/42").await.json();
    assert_eq!(echo["label"], "user-param");
    assert_eq!(echoed_header(&echo, "spin-path-match-id"), ["42"]);
    assert_eq!(echoed_header(&echo, "spin-matched-route"), ["/users/:id"]);
    assert_eq!(
        echoed_header(&echo, "spin-raw-component-route"),
        ["/users/:id"]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn host_and_connection_headers_are_removed() {
    let app = routing_app().start().await;
    let mut req = request("GET", "/exact", Bytes::new());
    req.headers_mut()
        .insert("connection", "keep-alive".parse().expect("header value"));
    let echo = app.send(req).await.json();
    assert!(echoed_header(&echo, "host").is_empty(), "{echo}");
    assert!(echoed_header(&echo, "connection").is_empty(), "{echo}");
}

#[tokio::test(flavor = "multi_thread")]
async fn percent_encoding_is_kept() {
    let app = routing_app().start().await;
    let echo = app.get("/wild/a%20b%2Fc?q=%C3%A9&r=a+b").await.json();
    assert_eq!(echo["label"], "wild");
    assert_eq!(echo["path"], "/wild/a%20b%2Fc");
    assert_eq!(echo["query"], "q=%C3%A9&r=a+b");
    assert_eq!(echoed_header(&echo, "spin-path-info"), ["/a%20b%2Fc"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn duplicate_client_headers_pass_through() {
    let app = routing_app().start().await;
    let mut req = request("GET", "/exact", Bytes::new());
    req.headers_mut()
        .append("x-dup", "one".parse().expect("header value"));
    req.headers_mut()
        .append("x-dup", "two".parse().expect("header value"));
    let echo = app.send(req).await.json();
    let mut values = echoed_header(&echo, "x-dup");
    values.sort();
    assert_eq!(values, ["one", "two"], "{echo}");
}

#[tokio::test(flavor = "multi_thread")]
async fn client_cannot_spoof_spin_headers() {
    let app = routing_app().start().await;
    let mut req = request("GET", "/wild/a", Bytes::new());
    for (name, value) in [
        ("spin-client-addr", "6.6.6.6:666"),
        ("spin-path-info", "/spoofed"),
        ("spin-made-up", "x"),
        ("Spin-Full-Url", "http://evil/"),
    ] {
        req.headers_mut()
            .append(name, value.parse().expect("header value"));
    }
    let echo = app.send(req).await.json();
    let client_addr = echoed_header(&echo, "spin-client-addr");
    assert_eq!(client_addr.len(), 1, "{echo}");
    assert!(!client_addr[0].starts_with("6.6.6.6"), "{echo}");
    assert_eq!(echoed_header(&echo, "spin-path-info"), ["/a"]);
    assert!(echoed_header(&echo, "spin-made-up").is_empty(), "{echo}");
    assert_eq!(echoed_header(&echo, "spin-full-url").len(), 1, "{echo}");
}

#[tokio::test(flavor = "multi_thread")]
async fn request_method_and_body_reach_the_component() {
    let app = routing_app().start().await;
    let echo = app.post("/exact", vec![7u8; 1000]).await.json();
    assert_eq!(echo["method"], "POST");
    assert_eq!(echo["body_len"], 1000);
}

#[tokio::test(flavor = "multi_thread")]
async fn well_known_health_answers_ok() {
    let app = routing_app().start().await;
    let response = app.get("/.well-known/spin/health").await;
    assert_eq!(response.status, 200);
    assert_eq!(response.text().trim(), "OK");
}

#[tokio::test(flavor = "multi_thread")]
async fn well_known_info_names_the_app() {
    let app = routing_app().start().await;
    let response = app.get("/.well-known/spin/info").await;
    assert_eq!(response.status, 200);
    let body = response.json();
    assert_eq!(body["name"], "routing-e2e", "{body}");
    assert_eq!(body["version"], "1.2.3", "{body}");
}
