//! Bench-only component: `GET /...?n=N` verifies the request's `Authorization` header N times
//! through `english:assistant/identity` (the composed auth-identity component, as every
//! function uses it) and answers `{n, per_sec, p50_us, p95_us, p99_us, principal}` measured
//! inside the component. With `n=1` it is also the cheapest authenticated HTTP endpoint.

use api_kit::{ApiError, ApiResponse, RequestContext};
use spin_sdk::http::{IncomingRequest, Response};

#[spin_sdk::http_component]
async fn handle(req: IncomingRequest) -> Response {
    api_kit::spin::respond(req, bench).await
}

fn bench(ctx: RequestContext) -> Result<ApiResponse, ApiError> {
    ctx.allow_methods(&["GET"])?;
    let n: usize = ctx
        .path_and_query
        .split_once("n=")
        .and_then(|(_, rest)| rest.split('&').next()?.parse().ok())
        .unwrap_or(1)
        .clamp(1, 100_000);
    let mut micros = Vec::with_capacity(n);
    let start = std::time::Instant::now();
    let mut principal = None;
    for _ in 0..n {
        let t = std::time::Instant::now();
        principal = Some(auth_client::authenticate(&ctx.headers)?);
        micros.push(t.elapsed().as_secs_f64() * 1e6);
    }
    let total = start.elapsed().as_secs_f64();
    micros.sort_by(f64::total_cmp);
    let at = |q: f64| micros[((micros.len() as f64 - 1.0) * q).round() as usize];
    let principal = principal.expect("n >= 1");
    ApiResponse::json(
        200,
        &serde_json::json!({
            "n": n,
            "per_sec": n as f64 / total,
            "p50_us": at(0.50),
            "p95_us": at(0.95),
            "p99_us": at(0.99),
            "principal": { "user_id": principal.user_id, "tenant_id": principal.tenant_id },
        }),
    )
}
