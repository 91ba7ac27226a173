//! Component shapes beyond a plain WASI 0.2 HTTP handler: dependencies composed at load
//! time (Spin's `[component.x.dependencies]`) and WASI 0.3 (`wasi:http/handler@0.3`).

use e2e::harness::{component_wasm, Component, TestApp};

#[tokio::test(flavor = "multi_thread")]
async fn dependency_is_composed_at_load_and_called_through_wit() {
    let app = TestApp::builder()
        .component(
            Component::new("client", component_wasm("greeter_client"))
                .route("/greet")
                .dependency("test:greeter/greet@0.1.0", component_wasm("greeter")),
        )
        .start()
        .await;
    let response = app.get("/greet?name=Ada").await;
    assert_eq!(response.status, 200, "{}", response.text());
    assert_eq!(response.json()["greeting"], "Hello, Ada!");
    // The client's own validation still runs inside the composed component.
    let response = app.get("/greet").await;
    assert_eq!(response.status, 400, "{}", response.text());
}

#[tokio::test(flavor = "multi_thread")]
async fn package_level_dependency_name_is_accepted() {
    let app = TestApp::builder()
        .component(
            Component::new("client", component_wasm("greeter_client"))
                .route("/greet")
                .inherit_configuration(true)
                .dependency("test:greeter@0.1.0", component_wasm("greeter")),
        )
        .start()
        .await;
    let response = app.get("/greet?name=Grace").await;
    assert_eq!(response.status, 200, "{}", response.text());
    assert_eq!(response.json()["greeting"], "Hello, Grace!");
}

#[tokio::test(flavor = "multi_thread")]
async fn unsatisfied_import_fails_at_start_naming_it() {
    // Without its dependency the client imports an interface no host provides.
    let failure = TestApp::builder()
        .component(Component::new("client", component_wasm("greeter_client")).route("/greet"))
        .start_expecting_failure()
        .await;
    assert!(!failure.status.success());
    assert!(failure.stderr.contains("test:greeter/greet"), "{}", failure.stderr);
}

#[tokio::test(flavor = "multi_thread")]
async fn dependency_that_does_not_export_the_import_is_rejected() {
    let failure = TestApp::builder()
        .component(
            Component::new("client", component_wasm("greeter_client"))
                .route("/greet")
                .dependency("test:greeter/greet@0.1.0", component_wasm("probe")),
        )
        .start_expecting_failure()
        .await;
    assert!(!failure.status.success());
    assert!(failure.stderr.contains("greet"), "{}", failure.stderr);
}

#[tokio::test(flavor = "multi_thread")]
async fn wasi_p3_handler_is_served() {
    let app = TestApp::builder()
        .component(Component::new("p3", component_wasm("p3_hello")).route("/p3/..."))
        .start()
        .await;
    let response = app.get("/p3/hello?x=1").await;
    assert_eq!(response.status, 200, "{}", response.text());
    assert_eq!(response.text(), "hello from wasi:http@0.3: GET /p3/hello?x=1");
    // Each request gets its own instance; a second one works the same.
    let response = app.get("/p3/again").await;
    assert_eq!(response.status, 200, "{}", response.text());
}
