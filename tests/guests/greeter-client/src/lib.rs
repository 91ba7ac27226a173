//! Test-only HTTP component importing the greeter interface, composed with its dependency at load time.
//!
//! `GET /greet?name=x` answers `{"greeting": "..."}` using whatever component satisfies the
//! `test:greeter/greet@0.1.0` import. Uncomposed, this component cannot be instantiated: the
//! import is deliberately left for the `dependencies` section of spin.toml to fill.

use spin_sdk::http::{IntoResponse, Method, Request, Response};
use spin_sdk::http_component;

wit_bindgen::generate!({
    world: "client",
    path: "../wit",
});

use test::greeter::greet::greet;

#[http_component]
fn handle(req: Request) -> anyhow::Result<impl IntoResponse> {
    if *req.method() != Method::Get {
        return Ok(json_response(
            405,
            &serde_json::json!({ "error": "only GET is allowed" }),
        ));
    }
    let name = url::form_urlencoded::parse(req.query().as_bytes())
        .find(|(key, _)| key == "name")
        .map(|(_, value)| value.into_owned());
    let Some(name) = name.filter(|name| !name.is_empty()) else {
        return Ok(json_response(
            400,
            &serde_json::json!({ "error": "query parameter `name` is required" }),
        ));
    };
    Ok(json_response(
        200,
        &serde_json::json!({ "greeting": greet(&name) }),
    ))
}

fn json_response(status: u16, body: &serde_json::Value) -> Response {
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(body.to_string())
        .build()
}
