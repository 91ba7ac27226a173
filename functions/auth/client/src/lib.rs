//! The one way a function authenticates its callers.
//!
//! ```ignore
//! let principal = auth_client::authenticate(&ctx.headers)?;        // 401 / 503 on failure
//! auth_client::require_role(&principal, &["owner", "admin"])?;     // 403 otherwise
//! ```
//!
//! The component using this crate imports `english:assistant/identity@0.1.0`; spin.toml
//! satisfies the import with the `auth-identity` component:
//!
//! ```toml
//! [component.x]
//! dependencies_inherit_configuration = true
//! [component.x.variables]
//! environment = "{{ environment }}"
//! auth_public_keys = "{{ auth_public_keys }}"
//! postgres_url = "{{ postgres_url }}"
//! redis_url = "{{ redis_url }}"
//! [component.x.dependencies]
//! "english:assistant/identity@0.1.0" = { path = "target/wasm32-wasip2/release/auth_identity.wasm" }
//! ```
//! plus `sqlite_databases = ["default"]`, `key_value_stores = ["default"]` and the
//! PostgreSQL/Redis `allowed_outbound_hosts`, which the verifier uses through the component.

#![allow(clippy::result_large_err)]

wit_bindgen::generate!({
    world: "identity-client",
    // The file alone: it needs nothing else from the package, and other interfaces there stay
    // out of this build.
    path: "../../../wit/identity.wit",
});

use api_kit::{ApiError, Headers};
use serde_json::json;

pub use english::assistant::identity::{AuthError, Credential, Plan, Principal, PrincipalKind};

/// What every "not configured" answer of the verifier starts with (see auth-core settings).
const NOT_CONFIGURED: &str = "auth_not_configured";

/// The header carrying a bare API key.
pub const API_KEY_HEADER: &str = "x-api-key";

/// The caller of a request: `Authorization: Bearer <access token or API key>`, else
/// `X-Api-Key: <key>`. Failures are ready-made API errors (401 with `WWW-Authenticate:
/// Bearer`, or 503 when the identity store is unreachable or auth is not configured).
pub fn authenticate(headers: &Headers) -> Result<Principal, ApiError> {
    let credential = match (headers.get("authorization"), headers.get(API_KEY_HEADER)) {
        (Some(value), _) => Credential::Authorization(value.to_string()),
        (None, Some(key)) => Credential::ApiKey(key.to_string()),
        (None, None) => return Err(to_api_error(AuthError::Missing)),
    };
    verify(&credential)
}

/// Verifies a bare API key (e.g. LanguageTool's `apiKey` form field).
pub fn verify_api_key(key: &str) -> Result<Principal, ApiError> {
    verify(&Credential::ApiKey(key.to_string()))
}

/// Verifies any credential through the composed identity component.
pub fn verify(credential: &Credential) -> Result<Principal, ApiError> {
    english::assistant::identity::verify(credential).map_err(to_api_error)
}

/// 403 unless the principal holds one of `any_of`.
pub fn require_role(principal: &Principal, any_of: &[&str]) -> Result<(), ApiError> {
    if principal.roles.iter().any(|r| any_of.contains(&r.as_str())) {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!(
            "this needs one of the roles: {}",
            any_of.join(", ")
        ))
        .with_details(json!({ "required_any_of": any_of })))
    }
}

/// `FREE`, `PREMIUM` or `ENTERPRISE`: the names the HTTP API uses.
pub fn plan_name(plan: Plan) -> &'static str {
    match plan {
        Plan::Free => "FREE",
        Plan::Premium => "PREMIUM",
        Plan::Enterprise => "ENTERPRISE",
    }
}

/// The API error for a refused credential: 401 (with `WWW-Authenticate: Bearer`) for every
/// case but `unavailable`, which is 503.
pub fn to_api_error(error: AuthError) -> ApiError {
    let unauthorized = |code: &str, message: String| {
        ApiError::new(401, code, message).with_header("www-authenticate", "Bearer")
    };
    match error {
        AuthError::Missing => unauthorized(
            "unauthorized",
            "authentication required: send `Authorization: Bearer <token>` or `X-Api-Key: <key>`"
                .into(),
        ),
        AuthError::Malformed(why) => unauthorized("invalid_token", why),
        AuthError::InvalidSignature => {
            unauthorized("invalid_token", "the credential does not verify".into())
        }
        AuthError::Expired => unauthorized("token_expired", "the access token has expired".into()),
        AuthError::NotYetValid => {
            unauthorized("invalid_token", "the access token is not valid yet".into())
        }
        AuthError::WrongIssuerOrAudience => unauthorized(
            "invalid_token",
            "the access token was issued by or for someone else".into(),
        ),
        AuthError::UnknownKey => unauthorized(
            "invalid_token",
            "the access token is signed with an unknown key".into(),
        ),
        AuthError::Revoked => {
            unauthorized("token_revoked", "the credential has been revoked".into())
        }
        AuthError::Inactive => unauthorized(
            "account_inactive",
            "the account or its tenant is suspended or inactive".into(),
        ),
        AuthError::Unavailable(why) => {
            if let Some(rest) = why.strip_prefix(NOT_CONFIGURED) {
                let message = rest.trim_start_matches([':', ' ']).to_string();
                ApiError::new(503, NOT_CONFIGURED, message)
            } else {
                eprintln!("auth-client: identity unavailable: {why}");
                ApiError::unavailable(Some(1))
            }
        }
    }
}
