//! What the auth component and the identity verifier read from Spin variables.
//!
//! | variable | who | meaning |
//! | --- | --- | --- |
//! | `environment` | both | `production` turns off every development convenience |
//! | `auth_public_keys` | both | JWKS of the keys tokens verify with (not secret) |
//! | `auth_signing_keys` | auth only | secret: the private keys, see [`crate::keys`] |
//! | `auth_clock_offset_secs` | both | shifts "now" (tests of lockout windows); ignored in production |
//! | `auth_self_signup` | auth | `false` closes self-serve registration (default `true`) |
//! | `auth_operator_key` | auth | secret: lets the operator create tenants, set plans and statuses |
//! | `auth_rate_limit_per_minute` | auth | per client IP on login, register and refresh (default 100) |
//! | `auth_tenant_rate_limit_per_minute` | auth | per tenant on login and refresh (default 1000) |
//! | `auth_lockout_secs` | auth | how long an account stays locked (default 900) |

use api_kit::{ConfigSource, Variables};

use crate::keys::{KeyRing, SigningKeys};

pub const ISSUER: &str = "english-assistant/auth";
pub const AUDIENCE: &str = "english-assistant";

/// The text every "not configured" answer starts with, so callers across the WIT boundary
/// (which only carries a string for `unavailable`) can tell it from an outage.
pub const NOT_CONFIGURED: &str = "auth_not_configured";

/// Settings the verifier needs; parsed on every request (variables are cheap host calls).
#[derive(Debug, Clone)]
pub struct IdentitySettings {
    pub production: bool,
    /// `auth_public_keys`, parsed; `Err` keeps the reason for the 503.
    pub public_keys: Option<Result<KeyRing, String>>,
    pub clock_offset_secs: i64,
}

impl IdentitySettings {
    pub fn load(config: &dyn ConfigSource) -> Self {
        let vars = Variables::new(config);
        let production = is_production(&vars);
        let clock_offset_secs = if production {
            0
        } else {
            vars.parse_or("auth_clock_offset_secs", 0i64).unwrap_or(0)
        };
        Self {
            production,
            public_keys: vars
                .optional("auth_public_keys")
                .map(|text| KeyRing::from_jwks(&text)),
            clock_offset_secs,
        }
    }

    /// Unix seconds now, shifted by the test offset outside production.
    pub fn now(&self) -> u64 {
        let real = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        real.saturating_add_signed(self.clock_offset_secs)
    }
}

fn is_production(vars: &Variables<'_>) -> bool {
    vars.optional("environment")
        .is_some_and(|e| e.eq_ignore_ascii_case("production"))
}

/// Settings only the auth component reads.
#[derive(Debug, Clone)]
pub struct AuthSettings {
    pub identity: IdentitySettings,
    pub signing_keys: Option<Result<SigningKeys, String>>,
    pub self_signup: bool,
    pub operator_key: Option<String>,
    pub ip_rate_limit_per_minute: u64,
    pub tenant_rate_limit_per_minute: u64,
    /// `auth_lockout_secs`: how long a locked account stays locked (default 15 minutes).
    pub lockout_secs: Option<u64>,
}

impl AuthSettings {
    pub fn load(config: &dyn ConfigSource) -> Result<Self, api_kit::ConfigError> {
        let vars = Variables::new(config);
        Ok(Self {
            identity: IdentitySettings::load(config),
            signing_keys: vars
                .optional("auth_signing_keys")
                .map(|text| SigningKeys::parse(&text)),
            self_signup: vars.parse_or("auth_self_signup", true)?,
            operator_key: vars.optional("auth_operator_key"),
            ip_rate_limit_per_minute: vars.parse_or("auth_rate_limit_per_minute", 100)?,
            tenant_rate_limit_per_minute: vars
                .parse_or("auth_tenant_rate_limit_per_minute", 1000)?,
            lockout_secs: vars.parse("auth_lockout_secs")?,
        })
    }
}
