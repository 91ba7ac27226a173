//! The auth function's HTTP entry point. Everything but wiring lives in `auth_core`; callers
//! are verified through the composed identity component (`auth_client`), the same code path
//! every other function uses.

use api_kit::spin::{Options, SpinVariables};
use api_kit::{ApiError, Headers};
use auth_core::http::{handle as route, request_meta, MAX_BODY_BYTES};
use auth_core::identity::{Plan, Principal, PrincipalKind};
use auth_core::service::Auth;
use auth_core::settings::AuthSettings;
use spin_sdk::http::{IncomingRequest, Response};

#[spin_sdk::http_component]
async fn handle(req: IncomingRequest) -> Response {
    let options = Options {
        max_body_bytes: MAX_BODY_BYTES,
    };
    api_kit::spin::respond_with(req, options, |ctx| {
        let config = SpinVariables;
        let settings = AuthSettings::load(&config)?;
        let db = storage::open_sql(&config)?;
        let kv = storage::open_key_value(&config)?;
        let auth = Auth {
            settings: &settings,
            db: db.as_ref(),
            kv: kv.as_ref(),
            meta: request_meta(&ctx),
        };
        route(&ctx, &auth, &authenticate)
    })
    .await
}

fn authenticate(headers: &Headers) -> Result<Principal, ApiError> {
    let p = auth_client::authenticate(headers)?;
    Ok(Principal {
        kind: match p.kind {
            auth_client::PrincipalKind::User => PrincipalKind::User,
            auth_client::PrincipalKind::ApiKey => PrincipalKind::ApiKey,
        },
        user_id: p.user_id,
        tenant_id: p.tenant_id,
        roles: p.roles,
        plan: match p.plan {
            auth_client::Plan::Free => Plan::Free,
            auth_client::Plan::Premium => Plan::Premium,
            auth_client::Plan::Enterprise => Plan::Enterprise,
        },
        credential_id: p.credential_id,
        expires_at: p.expires_at,
    })
}
