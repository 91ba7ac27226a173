//! Bench-only component: `GET /...?n=N` verifies the request's `Authorization` header N times
//! through `english:assistant/identity` (the composed auth-identity component, as every
//! function uses it) and answers `{n, per_sec, p50_us, p95_us, p99_us, principal}` measured
//! inside the component. With `n=1` it is also the cheapest authenticated HTTP endpoint.
//! `mode=local` runs auth-core's token check (signature, header and claims; keys parsed once)
//! inside this component instead: the same wasm computation without the WIT call, the
//! variable lookups and the denylist read, to show what those add. `mode=settings` times
//! reading and parsing the verifier's settings (variables, JWKS, key decompression): what the
//! first verification of every fresh instance pays on top.

use api_kit::spin::SpinVariables;
use api_kit::{ApiError, ApiResponse, RequestContext};
use auth_core::jwt;
use auth_core::settings::{IdentitySettings, AUDIENCE, ISSUER};
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
    let mode = if ctx.path_and_query.contains("mode=local") {
        "local"
    } else if ctx.path_and_query.contains("mode=settings") {
        "settings"
    } else {
        "identity"
    };
    let mut micros = Vec::with_capacity(n);
    let start = std::time::Instant::now();
    let principal = if mode == "settings" {
        for _ in 0..n {
            let t = std::time::Instant::now();
            std::hint::black_box(IdentitySettings::load(&SpinVariables));
            micros.push(t.elapsed().as_secs_f64() * 1e6);
        }
        serde_json::Value::Null
    } else if mode == "local" {
        let token = ctx
            .headers
            .get("authorization")
            .and_then(|h| h.strip_prefix("Bearer "))
            .ok_or_else(|| ApiError::bad_request("mode=local needs `Authorization: Bearer`"))?;
        let settings = IdentitySettings::load(&SpinVariables);
        let Some(Ok(keys)) = &settings.public_keys else {
            return Err(ApiError::bad_request("mode=local needs `auth_public_keys`"));
        };
        let mut claims = None;
        for _ in 0..n {
            let t = std::time::Instant::now();
            let expected = jwt::Expected {
                issuer: ISSUER,
                audience: AUDIENCE,
                now: settings.now(),
            };
            claims = Some(
                jwt::verify(token, keys, &expected)
                    .map_err(|e| ApiError::bad_request(format!("token: {e:?}")))?,
            );
            micros.push(t.elapsed().as_secs_f64() * 1e6);
        }
        let claims = claims.expect("n >= 1");
        serde_json::json!({ "user_id": claims.sub, "tenant_id": claims.tenant_id })
    } else {
        let mut principal = None;
        for _ in 0..n {
            let t = std::time::Instant::now();
            principal = Some(auth_client::authenticate(&ctx.headers)?);
            micros.push(t.elapsed().as_secs_f64() * 1e6);
        }
        let principal = principal.expect("n >= 1");
        serde_json::json!({ "user_id": principal.user_id, "tenant_id": principal.tenant_id })
    };
    let total = start.elapsed().as_secs_f64();
    micros.sort_by(f64::total_cmp);
    let at = |q: f64| micros[((micros.len() as f64 - 1.0) * q).round() as usize];
    ApiResponse::json(
        200,
        &serde_json::json!({
            "n": n,
            "mode": mode,
            "per_sec": n as f64 / total,
            "p50_us": at(0.50),
            "p95_us": at(0.95),
            "p99_us": at(0.99),
            "principal": principal,
        }),
    )
}
