//! Exports `english:assistant/identity` (world `identity-provider`).
//!
//! Not runnable on its own: it is composed into every component that authenticates callers
//! (`[component.x.dependencies]` in spin.toml, with `dependencies_inherit_configuration =
//! true` so it reads the variables `environment`, `auth_public_keys`, `postgres_url` and
//! `redis_url` of the component it serves). All logic lives in `auth_core::identity`.

wit_bindgen::generate!({
    world: "identity-provider",
    // The file alone: it needs nothing else from the package, and other interfaces there stay
    // out of this build.
    path: "../../../wit/identity.wit",
});

use api_kit::spin::SpinVariables;
use auth_core::identity::{self as core, AuthFailure, Stores};
use auth_core::settings::IdentitySettings;
use exports::english::assistant::identity::{
    AuthError, Credential, Guest, Plan, Principal, PrincipalKind,
};

struct Identity;

impl Guest for Identity {
    fn verify(credential: Credential) -> Result<Principal, AuthError> {
        let config = SpinVariables;
        let settings = IdentitySettings::load(&config);
        let stores = Stores::new(
            || storage::open_sql(&config),
            || storage::open_key_value(&config),
        );
        let credential = match &credential {
            Credential::Authorization(value) => core::Credential::Authorization(value),
            Credential::ApiKey(value) => core::Credential::ApiKey(value),
        };
        core::verify(credential, &settings, &stores)
            .map(principal_to_wit)
            .map_err(failure_to_wit)
    }
}

fn principal_to_wit(p: core::Principal) -> Principal {
    Principal {
        kind: match p.kind {
            core::PrincipalKind::User => PrincipalKind::User,
            core::PrincipalKind::ApiKey => PrincipalKind::ApiKey,
        },
        user_id: p.user_id,
        tenant_id: p.tenant_id,
        roles: p.roles,
        plan: match p.plan {
            core::Plan::Free => Plan::Free,
            core::Plan::Premium => Plan::Premium,
            core::Plan::Enterprise => Plan::Enterprise,
        },
        credential_id: p.credential_id,
        expires_at: p.expires_at,
    }
}

fn failure_to_wit(f: AuthFailure) -> AuthError {
    match f {
        AuthFailure::Missing => AuthError::Missing,
        AuthFailure::Malformed(why) => AuthError::Malformed(why),
        AuthFailure::InvalidSignature => AuthError::InvalidSignature,
        AuthFailure::Expired => AuthError::Expired,
        AuthFailure::NotYetValid => AuthError::NotYetValid,
        AuthFailure::WrongIssuerOrAudience => AuthError::WrongIssuerOrAudience,
        AuthFailure::UnknownKey => AuthError::UnknownKey,
        AuthFailure::Revoked => AuthError::Revoked,
        AuthFailure::Inactive => AuthError::Inactive,
        AuthFailure::Unavailable(why) => AuthError::Unavailable(why),
    }
}

export!(Identity);
