//! Credential verification: what the identity component exports to every function.
//!
//! Access tokens are checked offline (signature, algorithm, kid, times, issuer, audience)
//! plus one key-value read for the `jti` denylist. API keys are one SQL lookup by hash that
//! also checks revocation and the owner's and tenant's status.

use std::cell::OnceCell;

use sha2::{Digest, Sha256};
use storage::{DbError, DbErrorKind, KeyValue, Sql};

use crate::jwt::{self, TokenError};
use crate::keys::{KeyRing, PublicKey};
use crate::settings::{IdentitySettings, AUDIENCE, ISSUER, NOT_CONFIGURED};

/// API keys look like `eak_<43 base64url characters>` (32 random bytes).
pub const API_KEY_PREFIX: &str = "eak_";
pub const API_KEY_SECRET_LEN: usize = 43;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrincipalKind {
    User,
    ApiKey,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    Free,
    Premium,
    Enterprise,
}

impl Plan {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "FREE" => Some(Self::Free),
            "PREMIUM" => Some(Self::Premium),
            "ENTERPRISE" => Some(Self::Enterprise),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Free => "FREE",
            Self::Premium => "PREMIUM",
            Self::Enterprise => "ENTERPRISE",
        }
    }
}

/// A verified caller (the WIT `principal`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub kind: PrincipalKind,
    pub user_id: String,
    pub tenant_id: String,
    pub roles: Vec<String>,
    pub plan: Plan,
    pub credential_id: String,
    pub expires_at: Option<u64>,
}

impl Principal {
    pub fn has_any_role(&self, any_of: &[&str]) -> bool {
        self.roles.iter().any(|r| any_of.contains(&r.as_str()))
    }
}

/// Why a credential was refused (the WIT `auth-error`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthFailure {
    Missing,
    Malformed(String),
    InvalidSignature,
    Expired,
    NotYetValid,
    WrongIssuerOrAudience,
    UnknownKey,
    Revoked,
    Inactive,
    /// 503: the store is down, or auth is not configured (text starts with
    /// [`NOT_CONFIGURED`]).
    Unavailable(String),
}

impl From<TokenError> for AuthFailure {
    fn from(e: TokenError) -> Self {
        match e {
            TokenError::Malformed(why) => Self::Malformed(why),
            TokenError::InvalidSignature => Self::InvalidSignature,
            TokenError::UnknownKey => Self::UnknownKey,
            TokenError::Expired => Self::Expired,
            TokenError::NotYetValid => Self::NotYetValid,
            TokenError::WrongIssuerOrAudience => Self::WrongIssuerOrAudience,
        }
    }
}

impl From<DbError> for AuthFailure {
    fn from(e: DbError) -> Self {
        // The detail is for logs; the caller only learns the store is unavailable.
        eprintln!("identity: store error: {e}");
        Self::Unavailable("the identity store is unavailable".into())
    }
}

/// A credential as presented (the WIT `credential`).
#[derive(Debug, Clone, Copy)]
pub enum Credential<'a> {
    Authorization(&'a str),
    ApiKey(&'a str),
}

/// Opens the stores only when a verification needs them: a token verified against keys from
/// variables touches only the key-value store, never SQL.
pub struct Stores<'a> {
    open_sql: Box<dyn Fn() -> Result<Box<dyn Sql + 'a>, DbError> + 'a>,
    open_kv: Box<dyn Fn() -> Result<Box<dyn KeyValue + 'a>, DbError> + 'a>,
    sql: OnceCell<Box<dyn Sql + 'a>>,
    kv: OnceCell<Box<dyn KeyValue + 'a>>,
}

impl<'a> Stores<'a> {
    pub fn new(
        open_sql: impl Fn() -> Result<Box<dyn Sql + 'a>, DbError> + 'a,
        open_kv: impl Fn() -> Result<Box<dyn KeyValue + 'a>, DbError> + 'a,
    ) -> Self {
        Self {
            open_sql: Box::new(open_sql),
            open_kv: Box::new(open_kv),
            sql: OnceCell::new(),
            kv: OnceCell::new(),
        }
    }

    /// Stores that are already open (native tests, the auth component's own request).
    pub fn borrowed(sql: &'a dyn Sql, kv: &'a dyn KeyValue) -> Self {
        Self::new(
            move || Ok(Box::new(BorrowedSql(sql)) as Box<dyn Sql + 'a>),
            move || Ok(Box::new(BorrowedKv(kv)) as Box<dyn KeyValue + 'a>),
        )
    }

    pub fn sql(&self) -> Result<&dyn Sql, DbError> {
        if self.sql.get().is_none() {
            let _ = self.sql.set((self.open_sql)()?);
        }
        Ok(self.sql.get().expect("just set").as_ref())
    }

    pub fn kv(&self) -> Result<&dyn KeyValue, DbError> {
        if self.kv.get().is_none() {
            let _ = self.kv.set((self.open_kv)()?);
        }
        Ok(self.kv.get().expect("just set").as_ref())
    }
}

struct BorrowedSql<'a>(&'a dyn Sql);
impl Sql for BorrowedSql<'_> {
    fn dialect(&self) -> storage::Dialect {
        self.0.dialect()
    }
    fn execute(&self, sql: &str, params: &[storage::Value]) -> Result<u64, DbError> {
        self.0.execute(sql, params)
    }
    fn query(&self, sql: &str, params: &[storage::Value]) -> Result<Vec<storage::Row>, DbError> {
        self.0.query(sql, params)
    }
}

struct BorrowedKv<'a>(&'a dyn KeyValue);
impl KeyValue for BorrowedKv<'_> {
    fn get(&self, key: &str) -> Result<Option<Vec<u8>>, DbError> {
        self.0.get(key)
    }
    fn set(&self, key: &str, value: &[u8], ttl: Option<u64>) -> Result<(), DbError> {
        self.0.set(key, value, ttl)
    }
    fn set_if_absent(&self, key: &str, value: &[u8], ttl: Option<u64>) -> Result<bool, DbError> {
        self.0.set_if_absent(key, value, ttl)
    }
    fn delete(&self, key: &str) -> Result<(), DbError> {
        self.0.delete(key)
    }
    fn incr(&self, key: &str, by: i64, ttl: u64) -> Result<i64, DbError> {
        self.0.incr(key, by, ttl)
    }
}

/// Runs `f`; if it fails because the auth tables do not exist yet (nothing has called auth
/// on this deployment), applies the migrations and tries once more. Keeps the common path
/// at one query.
pub fn with_schema<T>(db: &dyn Sql, f: impl Fn() -> Result<T, DbError>) -> Result<T, DbError> {
    match f() {
        Err(e) if e.kind == DbErrorKind::Other => {
            crate::schema::migrate(db)?;
            f()
        }
        other => other,
    }
}

/// The key-value key marking an access token id as revoked.
pub fn denylist_key(jti: &str) -> String {
    format!("auth:deny:{jti}")
}

/// SHA-256 hex of a high-entropy secret (API keys, refresh tokens, invitations). A slow
/// hash adds nothing for 256-bit random values: nobody can enumerate them.
pub fn secret_hash(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The keys access tokens verify with: `auth_public_keys`, or outside production the
/// development key auth generated (none yet means no token can verify).
pub fn verification_keys(
    settings: &IdentitySettings,
    stores: &Stores<'_>,
) -> Result<KeyRing, AuthFailure> {
    match &settings.public_keys {
        Some(Ok(ring)) => Ok(ring.clone()),
        Some(Err(why)) => Err(AuthFailure::Unavailable(format!(
            "{NOT_CONFIGURED}: variable `auth_public_keys` is invalid: {why}"
        ))),
        None if settings.production => Err(AuthFailure::Unavailable(format!(
            "{NOT_CONFIGURED}: set the variables `auth_signing_keys` (secret) and \
             `auth_public_keys`; production has no development key"
        ))),
        None => {
            let db = stores.sql()?;
            let rows = with_schema(db, || {
                db.query("SELECT kid, public_key FROM auth_dev_signing_key", &[])
            })?;
            let mut ring = KeyRing::default();
            for row in rows {
                let kid = row.text("kid")?;
                let jwks = row.text("public_key")?;
                if let Ok(parsed) = KeyRing::from_jwks(&jwks) {
                    ring.0
                        .extend(parsed.0.into_iter().filter(|k: &PublicKey| k.kid == kid));
                }
            }
            Ok(ring)
        }
    }
}

/// Verifies one credential.
pub fn verify(
    credential: Credential<'_>,
    settings: &IdentitySettings,
    stores: &Stores<'_>,
) -> Result<Principal, AuthFailure> {
    match credential {
        Credential::ApiKey(key) => verify_api_key(key.trim(), stores),
        Credential::Authorization(header) => {
            let header = header.trim();
            if header.is_empty() {
                return Err(AuthFailure::Missing);
            }
            let (scheme, value) = header.split_once(' ').unwrap_or((header, ""));
            if !scheme.eq_ignore_ascii_case("bearer") {
                return Err(AuthFailure::Malformed(
                    "use the Bearer scheme: `Authorization: Bearer <token>`".into(),
                ));
            }
            let value = value.trim();
            if value.is_empty() {
                return Err(AuthFailure::Missing);
            }
            if value.starts_with(API_KEY_PREFIX) {
                verify_api_key(value, stores)
            } else {
                verify_access_token(value, settings, stores)
            }
        }
    }
}

pub fn verify_access_token(
    token: &str,
    settings: &IdentitySettings,
    stores: &Stores<'_>,
) -> Result<Principal, AuthFailure> {
    let keys = verification_keys(settings, stores)?;
    let expected = jwt::Expected {
        issuer: ISSUER,
        audience: AUDIENCE,
        now: settings.now(),
    };
    let claims = jwt::verify(token, &keys, &expected)?;
    let plan = Plan::parse(&claims.plan)
        .ok_or_else(|| AuthFailure::Malformed(format!("unknown plan {:?}", claims.plan)))?;
    if stores.kv()?.get(&denylist_key(&claims.jti))?.is_some() {
        return Err(AuthFailure::Revoked);
    }
    Ok(Principal {
        kind: PrincipalKind::User,
        user_id: claims.sub,
        tenant_id: claims.tenant_id,
        roles: claims.roles,
        plan,
        credential_id: claims.jti,
        expires_at: Some(claims.exp),
    })
}

pub fn verify_api_key(key: &str, stores: &Stores<'_>) -> Result<Principal, AuthFailure> {
    if key.is_empty() {
        return Err(AuthFailure::Missing);
    }
    let well_formed = key.strip_prefix(API_KEY_PREFIX).is_some_and(|secret| {
        secret.len() == API_KEY_SECRET_LEN
            && secret
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    });
    if !well_formed {
        return Err(AuthFailure::Malformed(format!(
            "an API key is `{API_KEY_PREFIX}` followed by {API_KEY_SECRET_LEN} characters"
        )));
    }
    let db = stores.sql()?;
    let hash = secret_hash(key);
    let rows = with_schema(db, || {
        db.query(
            "SELECT k.id, k.tenant_id, k.user_id, k.roles, k.revoked_at, \
                    u.status AS user_status, t.status AS tenant_status, t.plan \
             FROM auth_api_keys k \
             JOIN auth_users u ON u.id = k.user_id \
             JOIN auth_tenants t ON t.id = k.tenant_id \
             WHERE k.key_hash = $1",
            &[hash.as_str().into()],
        )
    })?;
    let Some(row) = rows.first() else {
        return Err(AuthFailure::InvalidSignature);
    };
    if row.opt_int("revoked_at")?.is_some() {
        return Err(AuthFailure::Revoked);
    }
    if row.text("user_status")? != "ACTIVE" || row.text("tenant_status")? != "ACTIVE" {
        return Err(AuthFailure::Inactive);
    }
    let plan_text = row.text("plan")?;
    let plan = Plan::parse(&plan_text).ok_or_else(|| {
        AuthFailure::Unavailable(format!("tenant has unknown plan {plan_text:?}"))
    })?;
    Ok(Principal {
        kind: PrincipalKind::ApiKey,
        user_id: row.text("user_id")?,
        tenant_id: row.text("tenant_id")?,
        roles: row
            .text("roles")?
            .split(',')
            .filter(|r| !r.is_empty())
            .map(str::to_string)
            .collect(),
        plan,
        credential_id: row.text("id")?,
        expires_at: None,
    })
}
