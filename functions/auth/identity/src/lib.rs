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

use std::cell::OnceCell;

use api_kit::spin::SpinVariables;
use auth_core::identity::{self as core, AuthFailure, Stores};
use auth_core::settings::IdentitySettings;
use exports::english::assistant::identity::{
    AuthError, Credential, Guest, Plan, Principal, PrincipalKind,
};

struct Identity;

impl Guest for Identity {
    fn verify(credential: Credential) -> Result<Principal, AuthError> {
        let credential = match &credential {
            Credential::Authorization(value) => core::Credential::Authorization(value),
            Credential::ApiKey(value) => core::Credential::ApiKey(value),
        };
        INSTANCE.with(|instance| {
            let settings = instance
                .settings
                .get_or_init(|| IdentitySettings::load(&SpinVariables));
            core::verify(credential, settings, &instance.stores)
        })
        .map(principal_to_wit)
        .map_err(failure_to_wit)
    }
}

/// What one instance keeps between verifications. Variables cannot change during an
/// instance's life (one request, in Spin's model), so the settings (three variable reads, the
/// JWKS parsed and every key's point decompressed: natively a fifth of a verification) and
/// the opened stores (each open is a variable read plus a host call) serve every
/// verification the request makes, e.g. an agent step that verifies more than once. A failed
/// open is not kept, so the next verification tries again.
struct Instance {
    settings: OnceCell<IdentitySettings>,
    stores: Stores<'static>,
}

thread_local! {
    static INSTANCE: Instance = Instance {
        settings: OnceCell::new(),
        stores: Stores::new(
            || storage::open_sql(&SpinVariables),
            || storage::open_key_value(&SpinVariables),
        ),
    };
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
