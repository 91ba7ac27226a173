//! The HTTP routes of the auth function, over [`Auth`]. The component only supplies the
//! stores, the variables and the caller verification (through the identity interface).

use api_kit::{ApiError, ApiResponse, Headers, RequestContext};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};
use subtle::ConstantTimeEq;

use crate::identity::Principal;
use crate::service::{Auth, RequestMeta};

/// Bodies are small JSON documents; anything bigger is a mistake or an attack.
pub const MAX_BODY_BYTES: u64 = 16 * 1024;

/// Header carrying the operator key (`auth_operator_key`).
pub const OPERATOR_HEADER: &str = "x-operator-key";

/// Who the caller is, verified by the identity component (401/503 as an `ApiError`).
pub type Authenticate<'a> = dyn Fn(&Headers) -> Result<Principal, ApiError> + 'a;

/// Request metadata for rate limits and the audit log.
pub fn request_meta(ctx: &RequestContext) -> RequestMeta {
    RequestMeta {
        ip: ctx.client_ip(),
        user_agent: ctx.headers.get("user-agent").map(str::to_string),
        request_id: ctx.request_id.as_str().to_string(),
    }
}

fn ok(status: u16, body: &Value) -> Result<ApiResponse, ApiError> {
    Ok(ApiResponse::json(status, body)?.with_header("cache-control", "no-store"))
}

fn no_content() -> Result<ApiResponse, ApiError> {
    Ok(ApiResponse::new(204))
}

/// The session id (`sid`) of the bearer token in `headers`. Only called after the identity
/// component verified that very token, so reading the payload without checking the
/// signature again is safe.
fn session_of(headers: &Headers) -> Option<String> {
    let (scheme, token) = headers.get("authorization")?.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    let payload = token.trim().split('.').nth(1)?;
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
    claims.get("sid")?.as_str().map(str::to_string)
}

/// `Ok(true)` for a correct operator key, `Ok(false)` when none was sent, 401 for a wrong
/// one (or when no operator key is configured).
fn operator(auth: &Auth<'_>, headers: &Headers) -> Result<bool, ApiError> {
    let Some(sent) = headers.get(OPERATOR_HEADER) else {
        return Ok(false);
    };
    match &auth.settings.operator_key {
        Some(expected) if bool::from(sent.trim().as_bytes().ct_eq(expected.as_bytes())) => Ok(true),
        _ => Err(ApiError::new(
            401,
            "invalid_operator_key",
            "the operator key is wrong or not configured",
        )),
    }
}

/// Routes one request.
pub fn handle(
    ctx: &RequestContext,
    auth: &Auth<'_>,
    authenticate: &Authenticate<'_>,
) -> Result<ApiResponse, ApiError> {
    let path = ctx.path().trim_end_matches('/');
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let user = || authenticate(&ctx.headers);

    match segments.as_slice() {
        [".well-known", "jwks.json"] | ["api", "v1", "auth", ".well-known", "jwks.json"] => {
            ctx.allow_methods(&["GET"])?;
            auth.ensure_schema()?;
            Ok(ApiResponse::json(200, &auth.jwks()?)?
                .with_header("cache-control", "public, max-age=300"))
        }
        ["api", "v1", "auth", action] => {
            auth.ensure_schema()?;
            match *action {
                "register" => {
                    ctx.allow_methods(&["POST"])?;
                    ok(201, &auth.register(ctx.json()?)?)
                }
                "login" => {
                    ctx.allow_methods(&["POST"])?;
                    ok(200, &auth.login(ctx.json()?)?)
                }
                "refresh" => {
                    ctx.allow_methods(&["POST"])?;
                    ok(200, &auth.refresh(ctx.json()?)?)
                }
                "logout" => {
                    ctx.allow_methods(&["POST"])?;
                    let principal = user()?;
                    auth.logout(&principal, session_of(&ctx.headers).as_deref())?;
                    no_content()
                }
                "logout-all" => {
                    ctx.allow_methods(&["POST"])?;
                    let ended = auth.logout_all(&user()?)?;
                    ok(200, &json!({ "sessions_ended": ended }))
                }
                "me" => {
                    ctx.allow_methods(&["GET"])?;
                    ok(200, &auth.me(&user()?)?)
                }
                "password" => {
                    ctx.allow_methods(&["POST"])?;
                    let principal = user()?;
                    let ended = auth.change_password(
                        &principal,
                        session_of(&ctx.headers).as_deref(),
                        ctx.json()?,
                    )?;
                    ok(200, &json!({ "other_sessions_ended": ended }))
                }
                _ => Err(not_found()),
            }
        }
        ["api", "v1", "tenants"] => {
            ctx.allow_methods(&["POST"])?;
            auth.ensure_schema()?;
            let operator = operator(auth, &ctx.headers)?;
            ok(201, &auth.create_tenant(ctx.json()?, operator)?)
        }
        ["api", "v1", "tenants", tenant_id, rest @ ..] => {
            auth.ensure_schema()?;
            tenant_routes(ctx, auth, &user, tenant_id, rest)
        }
        _ => Err(not_found()),
    }
}

fn tenant_routes(
    ctx: &RequestContext,
    auth: &Auth<'_>,
    user: &dyn Fn() -> Result<Principal, ApiError>,
    tenant_id: &str,
    rest: &[&str],
) -> Result<ApiResponse, ApiError> {
    match rest {
        [] => {
            ctx.allow_methods(&["GET", "PATCH"])?;
            if ctx.method == "GET" {
                return ok(200, &auth.get_tenant(&user()?, tenant_id)?);
            }
            let operator = operator(auth, &ctx.headers)?;
            let principal = if operator { None } else { Some(user()?) };
            ok(
                200,
                &auth.update_tenant(principal.as_ref(), operator, tenant_id, ctx.json()?)?,
            )
        }
        ["members"] => {
            ctx.allow_methods(&["GET", "POST"])?;
            let principal = user()?;
            if ctx.method == "GET" {
                ok(200, &auth.list_members(&principal, tenant_id)?)
            } else {
                ok(201, &auth.invite(&principal, tenant_id, ctx.json()?)?)
            }
        }
        ["members", user_id] => {
            ctx.allow_methods(&["PATCH"])?;
            ok(
                200,
                &auth.update_member(&user()?, tenant_id, user_id, ctx.json()?)?,
            )
        }
        ["api-keys"] => {
            ctx.allow_methods(&["GET", "POST"])?;
            let principal = user()?;
            if ctx.method == "GET" {
                ok(200, &auth.list_api_keys(&principal, tenant_id)?)
            } else {
                ok(
                    201,
                    &auth.create_api_key(&principal, tenant_id, ctx.json()?)?,
                )
            }
        }
        ["api-keys", key_id] => {
            ctx.allow_methods(&["DELETE"])?;
            auth.revoke_api_key(&user()?, tenant_id, key_id)?;
            no_content()
        }
        ["audit"] => {
            ctx.allow_methods(&["GET"])?;
            let limit = query_param(ctx, "limit")
                .map(|v| {
                    v.parse::<u64>().map_err(|_| {
                        ApiError::bad_request("limit must be a positive integer")
                            .with_details(json!({ "path": "limit" }))
                    })
                })
                .transpose()?
                .unwrap_or(100);
            ok(200, &auth.list_audit(&user()?, tenant_id, limit)?)
        }
        _ => Err(not_found()),
    }
}

fn query_param(ctx: &RequestContext, name: &str) -> Option<String> {
    let query = ctx.path_and_query.split_once('?')?.1;
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == name).then(|| v.to_string())
    })
}

fn not_found() -> ApiError {
    ApiError::not_found("no such auth route")
}
