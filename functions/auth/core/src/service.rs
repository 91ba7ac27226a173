//! The auth operations (register, login, refresh, logout, password change, tenants, members,
//! API keys, audit) over `storage::Sql` and `storage::KeyValue`.
//!
//! Decisions worth knowing:
//! * Emails are unique across the app and a user belongs to exactly one tenant, so login
//!   needs nothing but email and password.
//! * Lockout is keyed by the normalised email, not by account, and unknown emails lock the
//!   same way: the answers (and their timing, thanks to the dummy argon2 verify) never tell
//!   whether an account exists. A locked login answers 429 with `Retry-After`, which HTTP
//!   clients already know how to wait on (423 is WebDAV's and few clients honour it).
//! * Roles are ordered: `owner` ⊃ `admin` ⊃ `member`. Tokens carry the expanded list, so a
//!   function asking for `admin` also admits owners.
//! * Ending sessions (logout, logout-all, password change, suspension, refresh-token reuse)
//!   denylists the ids of exactly the access tokens those sessions hold, until they expire.

use serde::Deserialize;
use serde_json::{json, Value};
use storage::{rate_limit, transaction, DbError, KeyValue, Row, Sql};

use api_kit::ApiError;

use crate::email;
use crate::identity::{self, denylist_key, secret_hash, Plan, Principal, PrincipalKind};
use crate::jwt::{self, AccessClaims};
use crate::keys::{KeyRing, SigningKey, SigningKeys};
use crate::password;
use crate::random;
use crate::settings::{AuthSettings, AUDIENCE, ISSUER, NOT_CONFIGURED};

pub const ACCESS_TOKEN_SECS: u64 = 3600;
pub const REFRESH_TOKEN_SECS: u64 = 7 * 24 * 3600;
pub const INVITATION_SECS: u64 = 7 * 24 * 3600;
pub const MAX_FAILED_LOGINS: i64 = 5;
pub const LOCKOUT_SECS: u64 = 15 * 60;
pub const RATE_WINDOW_SECS: u64 = 60;
const REFRESH_TOKEN_PREFIX: &str = "ert_";
const INVITATION_PREFIX: &str = "einv_";
const MAX_NAME_CHARS: usize = 100;

pub const ROLES: &[&str] = &["owner", "admin", "member"];
pub const USER_STATUSES: &[&str] = &["ACTIVE", "INACTIVE", "SUSPENDED"];
pub const PLANS: &[&str] = &["FREE", "PREMIUM", "ENTERPRISE"];

/// Who sent the request, for rate limits and the audit log.
#[derive(Debug, Clone, Default)]
pub struct RequestMeta {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub request_id: String,
}

/// One request's view of the auth service.
pub struct Auth<'a> {
    pub settings: &'a AuthSettings,
    pub db: &'a dyn Sql,
    pub kv: &'a dyn KeyValue,
    pub meta: RequestMeta,
}

// ----------------------------------------------------------------------------------------
// Request bodies

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    pub email: String,
    pub password: String,
    pub display_name: String,
    /// Name of the new tenant (self-serve); defaults to the display name.
    #[serde(default)]
    pub tenant_name: Option<String>,
    /// Joins the inviting tenant instead of creating one.
    #[serde(default)]
    pub invitation_token: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateTenantRequest {
    pub name: String,
    pub email: String,
    pub password: String,
    pub display_name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateTenantRequest {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub plan: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InviteRequest {
    pub email: String,
    pub role: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateMemberRequest {
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateApiKeyRequest {
    pub name: String,
    #[serde(default)]
    pub roles: Option<Vec<String>>,
}

// ----------------------------------------------------------------------------------------
// Helpers

fn invalid(code: &str, message: impl Into<String>, field: &str) -> ApiError {
    ApiError::unprocessable(code, message).with_details(json!({ "path": field }))
}

/// The roles a role implies, highest first.
pub fn expand_role(role: &str) -> Vec<String> {
    let start = ROLES
        .iter()
        .position(|r| *r == role)
        .unwrap_or(ROLES.len() - 1);
    ROLES[start..].iter().map(|r| r.to_string()).collect()
}

fn role_rank(role: &str) -> usize {
    ROLES.iter().position(|r| *r == role).unwrap_or(usize::MAX)
}

fn check_name(value: &str, field: &str) -> Result<String, ApiError> {
    let trimmed = value.trim();
    let chars = trimmed.chars().count();
    if chars == 0 || chars > MAX_NAME_CHARS {
        return Err(invalid(
            "invalid_request",
            format!("{field} must be 1 to {MAX_NAME_CHARS} characters"),
            field,
        ));
    }
    if trimmed
        .chars()
        .any(|c| c.is_control() || is_invisible_format(c))
    {
        return Err(invalid(
            "invalid_request",
            format!("{field} contains control or invisible formatting characters"),
            field,
        ));
    }
    Ok(trimmed.to_string())
}

/// Bidirectional overrides and zero-width characters make names display as something else.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

fn check_email(raw: &str) -> Result<String, ApiError> {
    email::normalise(raw).map_err(|e| invalid("invalid_email", e.message, "email"))
}

fn check_password(password: &str, email: &str, field: &str) -> Result<(), ApiError> {
    password::check_policy(password, email).map_err(|e| invalid("weak_password", e.message, field))
}

fn check_one_of(value: &str, allowed: &[&str], field: &str) -> Result<(), ApiError> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(invalid(
            "invalid_request",
            format!("{field} must be one of {}", allowed.join(", ")),
            field,
        ))
    }
}

fn not_configured(message: impl Into<String>) -> ApiError {
    ApiError::new(503, NOT_CONFIGURED, message)
}

fn i(v: u64) -> storage::Value {
    storage::Value::Int(v as i64)
}

fn user_json(row: &Row) -> Result<Value, DbError> {
    Ok(json!({
        "id": row.text("id")?,
        "email": row.text("email")?,
        "display_name": row.text("display_name")?,
        "tenant_id": row.text("tenant_id")?,
        "role": row.text("role")?,
        "status": row.text("status")?,
        "created_at": row.int("created_at")?,
    }))
}

fn tenant_json(row: &Row) -> Result<Value, DbError> {
    Ok(json!({
        "id": row.text("id")?,
        "name": row.text("name")?,
        "plan": row.text("plan")?,
        "status": row.text("status")?,
        "created_at": row.int("created_at")?,
    }))
}

const USER_COLUMNS: &str =
    "u.id, u.tenant_id, u.email, u.display_name, u.password_hash, u.role, u.status, u.created_at, \
     t.plan AS tenant_plan, t.status AS tenant_status";

impl Auth<'_> {
    pub fn now(&self) -> u64 {
        self.settings.identity.now()
    }

    /// Applies pending migrations (one cheap query when up to date).
    pub fn ensure_schema(&self) -> Result<(), ApiError> {
        crate::schema::migrate(self.db).map_err(ApiError::from)
    }

    // ------------------------------------------------------------------------------------
    // Keys

    /// The keys this deployment signs with, checked against what verifiers use.
    pub fn signing_keys(&self) -> Result<SigningKeys, ApiError> {
        let identity = &self.settings.identity;
        match (&self.settings.signing_keys, &identity.public_keys) {
            (Some(Err(why)), _) => Err(not_configured(format!(
                "variable `auth_signing_keys` is invalid: {why}"
            ))),
            (_, Some(Err(why))) => Err(not_configured(format!(
                "variable `auth_public_keys` is invalid: {why}"
            ))),
            (Some(Ok(keys)), Some(Ok(ring))) => {
                if let Some(missing) = keys.public_keys().0.iter().find(|k| !ring.contains(k)) {
                    return Err(not_configured(format!(
                        "`auth_public_keys` lacks the public key of signing key {:?}; set it to \
                         the JWKS served at /api/v1/auth/.well-known/jwks.json",
                        missing.kid
                    )));
                }
                Ok(keys.clone())
            }
            (Some(Ok(_)), None) => Err(not_configured(
                "`auth_signing_keys` is set but `auth_public_keys` is not; set it to the JWKS \
                 served at /api/v1/auth/.well-known/jwks.json so other functions can verify",
            )),
            (None, Some(Ok(_))) => Err(not_configured(
                "`auth_public_keys` is set but `auth_signing_keys` is not",
            )),
            (None, None) if identity.production => Err(not_configured(
                "production needs signing keys: set the secret variable `auth_signing_keys` \
                 and `auth_public_keys` (see functions/auth/README.md)",
            )),
            (None, None) => {
                Ok(SigningKeys::new(vec![self.dev_signing_key()?]).map_err(ApiError::internal)?)
            }
        }
    }

    /// The development key, generated on first use and kept in SQL so tokens survive
    /// restarts. Concurrent first requests race on one row; the first insert wins.
    fn dev_signing_key(&self) -> Result<SigningKey, ApiError> {
        let read = || -> Result<Option<SigningKey>, ApiError> {
            let rows = self.db.query(
                "SELECT kid, private_key FROM auth_dev_signing_key WHERE slot = 1",
                &[],
            )?;
            let Some(row) = rows.first() else {
                return Ok(None);
            };
            let text =
                json!([{ "kid": row.text("kid")?, "private_key": row.text("private_key")? }]);
            let keys = SigningKeys::parse(&text.to_string()).map_err(ApiError::internal)?;
            Ok(Some(keys.current().clone()))
        };
        if let Some(key) = read()? {
            return Ok(key);
        }
        let key = SigningKey::generate(&format!("dev-{}", &random::id()[..8]));
        let jwks = KeyRing(vec![key.public()]).to_jwks().to_string();
        let inserted = self.db.execute(
            "INSERT INTO auth_dev_signing_key (slot, kid, private_key, public_key, created_at) \
             VALUES (1, $1, $2, $3, $4) ON CONFLICT (slot) DO NOTHING",
            &[
                key.kid.as_str().into(),
                key.seed_base64().into(),
                jwks.into(),
                i(self.now()),
            ],
        )?;
        if inserted == 1 {
            eprintln!(
                "WARNING auth: no signing keys configured; generated development key {:?} and \
                 stored it in the database. Set `auth_signing_keys` and `auth_public_keys` \
                 (and `environment = \"production\"`) for a real deployment.",
                key.kid
            );
        }
        read()?.ok_or_else(|| ApiError::internal("development key vanished after insert"))
    }

    /// What `/.well-known/jwks.json` serves: every key tokens verify with.
    pub fn jwks(&self) -> Result<Value, ApiError> {
        match &self.settings.identity.public_keys {
            Some(Ok(ring)) => Ok(ring.to_jwks()),
            _ => Ok(self.signing_keys()?.public_keys().to_jwks()),
        }
    }

    // ------------------------------------------------------------------------------------
    // Rate limits and lockout

    fn limit(&self, key: &str, limit: u64) -> Result<(), ApiError> {
        let decision = rate_limit(self.kv, key, limit, RATE_WINDOW_SECS, self.now())?;
        if decision.allowed {
            Ok(())
        } else {
            Err(
                ApiError::too_many_requests(decision.retry_after_secs.max(1)).with_details(
                    json!({ "limit": decision.limit, "window_secs": RATE_WINDOW_SECS }),
                ),
            )
        }
    }

    /// Per client IP; requests without a known address share one bucket.
    pub fn limit_ip(&self, action: &str) -> Result<(), ApiError> {
        let ip = self.meta.ip.as_deref().unwrap_or("unknown");
        self.limit(
            &format!("auth:rl:{action}:ip:{ip}"),
            self.settings.ip_rate_limit_per_minute,
        )
    }

    pub fn limit_tenant(&self, tenant_id: &str) -> Result<(), ApiError> {
        self.limit(
            &format!("auth:rl:tenant:{tenant_id}"),
            self.settings.tenant_rate_limit_per_minute,
        )
    }

    fn lockout_secs(&self) -> u64 {
        self.settings.lockout_secs.unwrap_or(LOCKOUT_SECS)
    }

    fn locked(&self, retry_after: u64) -> ApiError {
        let mut e = ApiError::new(
            429,
            "account_locked",
            "too many failed logins; this account is locked for a while",
        );
        e.retry_after = Some(retry_after.max(1));
        e
    }

    // ------------------------------------------------------------------------------------
    // Audit

    pub fn audit(
        &self,
        event: &str,
        tenant_id: Option<&str>,
        user_id: Option<&str>,
        details: Value,
    ) -> Result<(), DbError> {
        self.db.execute(
            "INSERT INTO auth_audit (id, at, event, tenant_id, user_id, ip, user_agent, request_id, details) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            &[
                random::id().into(),
                i(self.now()),
                event.into(),
                tenant_id.into(),
                user_id.into(),
                self.meta.ip.as_deref().into(),
                self.meta.user_agent.as_deref().map(|ua| ua.chars().take(512).collect::<String>()).into(),
                self.meta.request_id.as_str().into(),
                (!details.is_null()).then(|| details.to_string()).into(),
            ],
        )?;
        Ok(())
    }

    // ------------------------------------------------------------------------------------
    // Sessions and tokens

    /// Starts a session (refresh-token family) and returns its first token pair.
    fn start_session(&self, db: &dyn Sql, user: &Row) -> Result<Value, ApiError> {
        let now = self.now();
        let session_id = random::id();
        db.execute(
            "INSERT INTO auth_sessions (id, user_id, tenant_id, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
            &[
                session_id.as_str().into(),
                user.text("id")?.into(),
                user.text("tenant_id")?.into(),
                i(now),
                i(now + REFRESH_TOKEN_SECS),
            ],
        )?;
        self.token_pair(db, user, &session_id)
    }

    /// A new refresh token in `session_id` and a new access token.
    fn token_pair(&self, db: &dyn Sql, user: &Row, session_id: &str) -> Result<Value, ApiError> {
        let keys = self.signing_keys()?;
        let now = self.now();
        let refresh_token = format!("{REFRESH_TOKEN_PREFIX}{}", random::token(32));
        db.execute(
            "INSERT INTO auth_refresh_tokens (token_hash, session_id, issued_at, expires_at) \
             VALUES ($1, $2, $3, $4)",
            &[
                secret_hash(&refresh_token).into(),
                session_id.into(),
                i(now),
                i(now + REFRESH_TOKEN_SECS),
            ],
        )?;
        let claims = AccessClaims {
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sub: user.text("id")?,
            tenant_id: user.text("tenant_id")?,
            roles: expand_role(&user.text("role")?),
            plan: user.text("tenant_plan")?,
            sid: session_id.into(),
            jti: random::id(),
            iat: now,
            nbf: now,
            exp: now + ACCESS_TOKEN_SECS,
        };
        db.execute(
            "INSERT INTO auth_access_tokens (jti, session_id, user_id, tenant_id, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
            &[
                claims.jti.as_str().into(),
                session_id.into(),
                claims.sub.as_str().into(),
                claims.tenant_id.as_str().into(),
                i(claims.exp),
            ],
        )?;
        Ok(json!({
            "access_token": jwt::sign(&claims, keys.current()),
            "refresh_token": refresh_token,
            "token_type": "Bearer",
            "expires_in": ACCESS_TOKEN_SECS,
        }))
    }

    /// Revokes sessions matching `filter` (a WHERE clause over `auth_sessions` with `$1`)
    /// and denylists their live access tokens. Returns how many sessions ended.
    fn end_sessions(&self, filter: &str, param: &str, reason: &str) -> Result<u64, ApiError> {
        let now = self.now();
        let ended = self.db.execute(
            &format!(
                "UPDATE auth_sessions SET revoked_at = $2, revoked_reason = $3 \
                 WHERE revoked_at IS NULL AND ({filter})"
            ),
            &[param.into(), i(now), reason.into()],
        )?;
        let live = self.db.query(
            &format!(
                "SELECT jti, expires_at FROM auth_access_tokens WHERE expires_at > $2 \
                 AND session_id IN (SELECT id FROM auth_sessions WHERE {filter})"
            ),
            &[param.into(), i(now)],
        )?;
        for row in live {
            self.deny(&row.text("jti")?, row.int("expires_at")? as u64)?;
        }
        // Expired access-token rows are no longer needed for anything.
        self.db.execute(
            "DELETE FROM auth_access_tokens WHERE expires_at <= $1",
            &[i(now.saturating_sub(jwt::CLOCK_SKEW_SECS))],
        )?;
        Ok(ended)
    }

    /// Puts one access token id on the denylist until it could no longer verify anyway.
    fn deny(&self, jti: &str, exp: u64) -> Result<(), DbError> {
        let ttl = exp
            .saturating_add(jwt::CLOCK_SKEW_SECS)
            .saturating_sub(self.now())
            .max(1);
        self.kv.set(&denylist_key(jti), b"1", Some(ttl))
    }

    fn user_by(&self, db: &dyn Sql, column: &str, value: &str) -> Result<Option<Row>, DbError> {
        let rows = db.query(
            &format!(
                "SELECT {USER_COLUMNS} FROM auth_users u JOIN auth_tenants t ON t.id = u.tenant_id \
                 WHERE u.{column} = $1"
            ),
            &[value.into()],
        )?;
        Ok(rows.into_iter().next())
    }

    // ------------------------------------------------------------------------------------
    // Accounts

    pub fn register(&self, req: RegisterRequest) -> Result<Value, ApiError> {
        self.limit_ip("register")?;
        let email = check_email(&req.email)?;
        check_password(&req.password, &email, "password")?;
        let display_name = check_name(&req.display_name, "display_name")?;
        match req.invitation_token {
            Some(token) => self.accept_invitation(&token, &email, &req.password, &display_name),
            None => {
                if !self.settings.self_signup {
                    return Err(ApiError::forbidden(
                        "self-serve registration is closed; ask a tenant admin for an invitation",
                    ));
                }
                let tenant_name = match &req.tenant_name {
                    Some(name) => check_name(name, "tenant_name")?,
                    None => display_name.clone(),
                };
                self.create_tenant_with_owner(&tenant_name, &email, &req.password, &display_name)
            }
        }
    }

    /// `POST /api/v1/tenants`: open like registration when self-serve is on, otherwise
    /// only with the operator key.
    pub fn create_tenant(
        &self,
        req: CreateTenantRequest,
        operator: bool,
    ) -> Result<Value, ApiError> {
        if !operator {
            self.limit_ip("register")?;
            if !self.settings.self_signup {
                return Err(ApiError::forbidden(
                    "self-serve tenant creation is closed; the operator key is required",
                ));
            }
        }
        let email = check_email(&req.email)?;
        check_password(&req.password, &email, "password")?;
        let display_name = check_name(&req.display_name, "display_name")?;
        let name = check_name(&req.name, "name")?;
        self.create_tenant_with_owner(&name, &email, &req.password, &display_name)
    }

    fn create_tenant_with_owner(
        &self,
        tenant_name: &str,
        email: &str,
        password: &str,
        display_name: &str,
    ) -> Result<Value, ApiError> {
        // Hash before the transaction: it is the slow part and needs no lock.
        let hash = password::hash(password);
        let now = self.now();
        let tenant_id = random::id();
        let user_id = random::id();
        let result = transaction(self.db, |db| -> Result<Value, ApiError> {
            db.execute(
                "INSERT INTO auth_tenants (id, name, plan, status, created_at) \
                 VALUES ($1, $2, 'FREE', 'ACTIVE', $3)",
                &[tenant_id.as_str().into(), tenant_name.into(), i(now)],
            )?;
            self.insert_user(
                db,
                &user_id,
                &tenant_id,
                email,
                display_name,
                &hash,
                "owner",
            )?;
            let user = self
                .user_by(db, "id", &user_id)?
                .ok_or_else(|| ApiError::internal("user vanished after insert"))?;
            let tokens = self.start_session(db, &user)?;
            Ok(json!({
                "user": user_json(&user)?,
                "tenant": { "id": tenant_id, "name": tenant_name, "plan": "FREE", "status": "ACTIVE", "created_at": now },
                "tokens": tokens,
            }))
        });
        let body = result?;
        self.audit(
            "register",
            Some(&tenant_id),
            Some(&user_id),
            json!({ "role": "owner" }),
        )?;
        Ok(body)
    }

    #[allow(clippy::too_many_arguments)]
    fn insert_user(
        &self,
        db: &dyn Sql,
        user_id: &str,
        tenant_id: &str,
        email: &str,
        display_name: &str,
        hash: &str,
        role: &str,
    ) -> Result<(), ApiError> {
        let now = self.now();
        db.execute(
            "INSERT INTO auth_users (id, tenant_id, email, display_name, password_hash, role, status, created_at, password_changed_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 'ACTIVE', $7, $7)",
            &[
                user_id.into(),
                tenant_id.into(),
                email.into(),
                display_name.into(),
                hash.into(),
                role.into(),
                i(now),
            ],
        )
        .map_err(|e| {
            if e.is_unique_violation() {
                ApiError::new(409, "email_taken", "an account with this email already exists")
            } else {
                e.into()
            }
        })?;
        Ok(())
    }

    fn accept_invitation(
        &self,
        token: &str,
        email: &str,
        password: &str,
        display_name: &str,
    ) -> Result<Value, ApiError> {
        let hash = password::hash(password);
        let now = self.now();
        let user_id = random::id();
        let token_hash = secret_hash(token.trim());
        let (body, tenant_id, role) = transaction(self.db, |db| -> Result<_, ApiError> {
            let rows = db.query(
                "SELECT tenant_id, email, role, expires_at, accepted_at FROM auth_invitations \
                 WHERE token_hash = $1",
                &[token_hash.as_str().into()],
            )?;
            let invalid_invitation = || {
                ApiError::new(
                    400,
                    "invalid_invitation",
                    "the invitation is unknown, used, expired or for another email",
                )
            };
            let invitation = rows.first().ok_or_else(invalid_invitation)?;
            if invitation.opt_int("accepted_at")?.is_some()
                || invitation.int("expires_at")? as u64 <= now
                || invitation.text("email")? != email
            {
                return Err(invalid_invitation());
            }
            let tenant_id = invitation.text("tenant_id")?;
            let role = invitation.text("role")?;
            let claimed = db.execute(
                "UPDATE auth_invitations SET accepted_at = $2 WHERE token_hash = $1 AND accepted_at IS NULL",
                &[token_hash.as_str().into(), i(now)],
            )?;
            if claimed != 1 {
                return Err(invalid_invitation());
            }
            self.insert_user(db, &user_id, &tenant_id, email, display_name, &hash, &role)?;
            let user = self
                .user_by(db, "id", &user_id)?
                .ok_or_else(|| ApiError::internal("user vanished after insert"))?;
            let tenant = db.query(
                "SELECT id, name, plan, status, created_at FROM auth_tenants WHERE id = $1",
                &[tenant_id.as_str().into()],
            )?;
            let tenant = tenant
                .first()
                .ok_or_else(|| ApiError::internal("tenant missing"))?;
            let tokens = self.start_session(db, &user)?;
            Ok((
                json!({ "user": user_json(&user)?, "tenant": tenant_json(tenant)?, "tokens": tokens }),
                tenant_id,
                role,
            ))
        })?;
        self.audit(
            "register",
            Some(&tenant_id),
            Some(&user_id),
            json!({ "role": role, "invited": true }),
        )?;
        Ok(body)
    }

    pub fn login(&self, req: LoginRequest) -> Result<Value, ApiError> {
        self.limit_ip("login")?;
        let now = self.now();
        // A malformed email cannot belong to an account; it goes down the unknown path.
        let email = email::normalise(&req.email).unwrap_or_else(|_| req.email.trim().to_string());
        let email_key = secret_hash(&email.to_lowercase());
        let lock_key = format!("auth:lock:{email_key}");
        let fails_key = format!("auth:fails:{email_key}");

        if let Some(until) = self.kv.get(&lock_key)?.and_then(|v| parse_u64(&v)) {
            if until > now {
                return Err(self.locked(until - now));
            }
        }
        let user = if req.password.chars().count() > password::MAX_LEN {
            None // never hash unbounded input; no account has such a password
        } else {
            self.user_by(self.db, "email", &email)?
        };
        let verified = match &user {
            Some(row) => password::verify(&req.password, &row.text("password_hash")?),
            None => {
                password::burn_equal_cost(&req.password);
                false
            }
        };
        let tenant_id = user.as_ref().map(|u| u.text("tenant_id")).transpose()?;
        let user_id = user.as_ref().map(|u| u.text("id")).transpose()?;
        if !verified {
            let failures = self.kv.incr(&fails_key, 1, self.lockout_secs())?;
            self.audit(
                "login_failure",
                tenant_id.as_deref(),
                user_id.as_deref(),
                json!({ "consecutive_failures": failures }),
            )?;
            if failures > MAX_FAILED_LOGINS {
                let until = now + self.lockout_secs();
                self.kv.set(
                    &lock_key,
                    until.to_string().as_bytes(),
                    Some(self.lockout_secs() + 60),
                )?;
                self.kv.delete(&fails_key)?;
                self.audit(
                    "lockout",
                    tenant_id.as_deref(),
                    user_id.as_deref(),
                    json!({ "locked_until": until }),
                )?;
                return Err(self.locked(self.lockout_secs()));
            }
            return Err(
                ApiError::new(401, "invalid_credentials", "email or password is wrong")
                    .with_header("www-authenticate", "Bearer"),
            );
        }
        let user = user.expect("verified implies the account exists");
        let tenant_id = tenant_id.unwrap_or_default();
        let user_id = user_id.unwrap_or_default();
        self.limit_tenant(&tenant_id)?;
        self.kv.delete(&fails_key)?;
        if user.text("status")? != "ACTIVE" || user.text("tenant_status")? != "ACTIVE" {
            self.audit(
                "login_failure",
                Some(&tenant_id),
                Some(&user_id),
                json!({ "reason": "inactive" }),
            )?;
            return Err(ApiError::new(
                403,
                "account_inactive",
                "this account or its tenant is not active",
            ));
        }
        let tokens = transaction(self.db, |db| self.start_session(db, &user))?;
        self.audit(
            "login_success",
            Some(&tenant_id),
            Some(&user_id),
            Value::Null,
        )?;
        Ok(tokens)
    }

    pub fn refresh(&self, req: RefreshRequest) -> Result<Value, ApiError> {
        self.limit_ip("refresh")?;
        let now = self.now();
        let invalid = || {
            ApiError::new(
                401,
                "invalid_refresh_token",
                "the refresh token is unknown, expired or revoked",
            )
            .with_header("www-authenticate", "Bearer")
        };
        let token = req.refresh_token.trim();
        if !token.starts_with(REFRESH_TOKEN_PREFIX) || token.len() > 128 {
            return Err(invalid());
        }
        let hash = secret_hash(token);
        let rows = self.db.query(
            "SELECT r.session_id, r.expires_at, r.used_at, s.revoked_at, s.user_id, s.tenant_id \
             FROM auth_refresh_tokens r JOIN auth_sessions s ON s.id = r.session_id \
             WHERE r.token_hash = $1",
            &[hash.as_str().into()],
        )?;
        let row = rows.first().ok_or_else(invalid)?;
        let session_id = row.text("session_id")?;
        let user_id = row.text("user_id")?;
        let tenant_id = row.text("tenant_id")?;
        self.limit_tenant(&tenant_id)?;
        if row.opt_int("revoked_at")?.is_some() || row.int("expires_at")? as u64 <= now {
            return Err(invalid());
        }
        // Claim the token atomically: of two concurrent uses exactly one wins; the loser is
        // a reuse like any other.
        let claimed = if row.opt_int("used_at")?.is_none() {
            self.db.execute(
                "UPDATE auth_refresh_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL",
                &[hash.as_str().into(), i(now)],
            )?
        } else {
            0
        };
        if claimed != 1 {
            self.end_sessions("id = $1", &session_id, "refresh_token_reused")?;
            self.audit(
                "refresh_reuse_detected",
                Some(&tenant_id),
                Some(&user_id),
                json!({ "session_id": session_id }),
            )?;
            return Err(ApiError::new(
                401,
                "refresh_token_reused",
                "this refresh token was already used; the whole session has been revoked",
            )
            .with_header("www-authenticate", "Bearer"));
        }
        let user = self.user_by(self.db, "id", &user_id)?.ok_or_else(invalid)?;
        if user.text("status")? != "ACTIVE" || user.text("tenant_status")? != "ACTIVE" {
            return Err(ApiError::new(
                403,
                "account_inactive",
                "this account or its tenant is not active",
            ));
        }
        let tokens = transaction(self.db, |db| self.token_pair(db, &user, &session_id))?;
        self.audit(
            "refresh",
            Some(&tenant_id),
            Some(&user_id),
            json!({ "session_id": session_id }),
        )?;
        Ok(tokens)
    }

    pub fn logout(&self, principal: &Principal, session_id: Option<&str>) -> Result<(), ApiError> {
        match principal.kind {
            PrincipalKind::ApiKey => Err(ApiError::bad_request(
                "API keys have no session to log out of",
            )),
            PrincipalKind::User => {
                if let Some(exp) = principal.expires_at {
                    self.deny(&principal.credential_id, exp)?;
                }
                if let Some(sid) = session_id {
                    self.end_sessions("id = $1", sid, "logout")?;
                }
                self.audit(
                    "logout",
                    Some(&principal.tenant_id),
                    Some(&principal.user_id),
                    Value::Null,
                )?;
                Ok(())
            }
        }
    }

    pub fn logout_all(&self, principal: &Principal) -> Result<u64, ApiError> {
        self.require_user(principal)?;
        let ended = self.end_sessions("user_id = $1", &principal.user_id, "logout_all")?;
        if let Some(exp) = principal.expires_at {
            self.deny(&principal.credential_id, exp)?;
        }
        self.audit(
            "logout_all",
            Some(&principal.tenant_id),
            Some(&principal.user_id),
            json!({ "sessions_ended": ended }),
        )?;
        Ok(ended)
    }

    fn require_user(&self, principal: &Principal) -> Result<(), ApiError> {
        match principal.kind {
            PrincipalKind::User => Ok(()),
            PrincipalKind::ApiKey => Err(ApiError::forbidden(
                "this needs a user's access token, not an API key",
            )),
        }
    }

    pub fn me(&self, principal: &Principal) -> Result<Value, ApiError> {
        let user = self
            .user_by(self.db, "id", &principal.user_id)?
            .ok_or_else(|| ApiError::not_found("no such user"))?;
        let tenant = self.tenant_row(&principal.tenant_id)?;
        Ok(json!({
            "user": user_json(&user)?,
            "tenant": tenant_json(&tenant)?,
            "principal": {
                "kind": match principal.kind { PrincipalKind::User => "user", PrincipalKind::ApiKey => "api_key" },
                "roles": principal.roles,
                "plan": principal.plan.as_str(),
                "credential_id": principal.credential_id,
                "expires_at": principal.expires_at,
            },
        }))
    }

    /// Changes the password and ends every other session of the user.
    pub fn change_password(
        &self,
        principal: &Principal,
        session_id: Option<&str>,
        req: PasswordRequest,
    ) -> Result<u64, ApiError> {
        self.require_user(principal)?;
        let user = self
            .user_by(self.db, "id", &principal.user_id)?
            .ok_or_else(|| ApiError::not_found("no such user"))?;
        if req.current_password.chars().count() > password::MAX_LEN
            || !password::verify(&req.current_password, &user.text("password_hash")?)
        {
            return Err(invalid(
                "invalid_credentials",
                "current_password is wrong",
                "current_password",
            ));
        }
        check_password(&req.new_password, &user.text("email")?, "new_password")?;
        if req.new_password == req.current_password {
            return Err(invalid(
                "weak_password",
                "new_password must differ from the current one",
                "new_password",
            ));
        }
        let hash = password::hash(&req.new_password);
        self.db.execute(
            "UPDATE auth_users SET password_hash = $2, password_changed_at = $3 WHERE id = $1",
            &[
                principal.user_id.as_str().into(),
                hash.into(),
                i(self.now()),
            ],
        )?;
        // The calling session stays; every other one ends, as after a suspected compromise.
        let ended = self.end_other_sessions(&principal.user_id, session_id)?;
        self.audit(
            "password_change",
            Some(&principal.tenant_id),
            Some(&principal.user_id),
            json!({ "other_sessions_ended": ended }),
        )?;
        Ok(ended)
    }

    fn end_other_sessions(&self, user_id: &str, keep: Option<&str>) -> Result<u64, ApiError> {
        let sessions = self.db.query(
            "SELECT id FROM auth_sessions WHERE user_id = $1 AND revoked_at IS NULL",
            &[user_id.into()],
        )?;
        let mut ended = 0;
        for row in sessions {
            let id = row.text("id")?;
            if Some(id.as_str()) != keep {
                ended += self.end_sessions("id = $1", &id, "password_changed")?;
            }
        }
        Ok(ended)
    }

    // ------------------------------------------------------------------------------------
    // Tenants and members

    fn tenant_row(&self, tenant_id: &str) -> Result<Row, ApiError> {
        self.db
            .query(
                "SELECT id, name, plan, status, created_at FROM auth_tenants WHERE id = $1",
                &[tenant_id.into()],
            )?
            .into_iter()
            .next()
            .ok_or_else(|| ApiError::not_found("no such tenant"))
    }

    /// Principals only ever see their own tenant; any other id is "not found", so tenant
    /// ids cannot be probed.
    fn own_tenant(&self, principal: &Principal, tenant_id: &str) -> Result<(), ApiError> {
        if principal.tenant_id == tenant_id {
            Ok(())
        } else {
            Err(ApiError::not_found("no such tenant"))
        }
    }

    fn require_role(&self, principal: &Principal, any_of: &[&str]) -> Result<(), ApiError> {
        if principal.has_any_role(any_of) {
            Ok(())
        } else {
            Err(ApiError::forbidden(format!(
                "this needs one of the roles: {}",
                any_of.join(", ")
            ))
            .with_details(json!({ "required_any_of": any_of })))
        }
    }

    pub fn get_tenant(&self, principal: &Principal, tenant_id: &str) -> Result<Value, ApiError> {
        self.own_tenant(principal, tenant_id)?;
        Ok(tenant_json(&self.tenant_row(tenant_id)?)?)
    }

    /// Owners may rename their tenant; plan and status are the operator's (billing and
    /// abuse handling live outside the product).
    pub fn update_tenant(
        &self,
        principal: Option<&Principal>,
        operator: bool,
        tenant_id: &str,
        req: UpdateTenantRequest,
    ) -> Result<Value, ApiError> {
        if !operator {
            let principal =
                principal.ok_or_else(|| ApiError::unauthorized("authentication required"))?;
            self.own_tenant(principal, tenant_id)?;
            self.require_role(principal, &["owner"])?;
            if req.plan.is_some() || req.status.is_some() {
                return Err(ApiError::forbidden(
                    "plan and status are set by the operator",
                ));
            }
        }
        let current = self.tenant_row(tenant_id)?;
        let name = match &req.name {
            Some(n) => check_name(n, "name")?,
            None => current.text("name")?,
        };
        let plan = match &req.plan {
            Some(p) => {
                check_one_of(p, PLANS, "plan")?;
                p.clone()
            }
            None => current.text("plan")?,
        };
        let status = match &req.status {
            Some(s) => {
                check_one_of(s, USER_STATUSES, "status")?;
                s.clone()
            }
            None => current.text("status")?,
        };
        self.db.execute(
            "UPDATE auth_tenants SET name = $2, plan = $3, status = $4 WHERE id = $1",
            &[
                tenant_id.into(),
                name.into(),
                plan.as_str().into(),
                status.as_str().into(),
            ],
        )?;
        if status != "ACTIVE" {
            self.end_sessions("tenant_id = $1", tenant_id, "tenant_suspended")?;
        }
        self.audit(
            "tenant_updated",
            Some(tenant_id),
            principal.map(|p| p.user_id.as_str()),
            json!({ "name": req.name, "plan": req.plan, "status": req.status, "by_operator": operator }),
        )?;
        Ok(tenant_json(&self.tenant_row(tenant_id)?)?)
    }

    pub fn list_members(&self, principal: &Principal, tenant_id: &str) -> Result<Value, ApiError> {
        self.own_tenant(principal, tenant_id)?;
        let rows = self.db.query(
            &format!(
                "SELECT {USER_COLUMNS} FROM auth_users u JOIN auth_tenants t ON t.id = u.tenant_id \
                 WHERE u.tenant_id = $1 ORDER BY u.created_at, u.email"
            ),
            &[tenant_id.into()],
        )?;
        let members = rows.iter().map(user_json).collect::<Result<Vec<_>, _>>()?;
        Ok(json!({ "members": members }))
    }

    pub fn invite(
        &self,
        principal: &Principal,
        tenant_id: &str,
        req: InviteRequest,
    ) -> Result<Value, ApiError> {
        self.own_tenant(principal, tenant_id)?;
        self.require_user(principal)?;
        self.require_role(principal, &["owner", "admin"])?;
        let email = check_email(&req.email)?;
        check_one_of(&req.role, ROLES, "role")?;
        if role_rank(&req.role) < role_rank(highest_role(principal)) {
            return Err(ApiError::forbidden(
                "you cannot invite someone above your own role",
            ));
        }
        if self.user_by(self.db, "email", &email)?.is_some() {
            return Err(ApiError::new(
                409,
                "email_taken",
                "an account with this email already exists",
            ));
        }
        let token = format!("{INVITATION_PREFIX}{}", random::token(32));
        let now = self.now();
        self.db.execute(
            "INSERT INTO auth_invitations (token_hash, tenant_id, email, role, invited_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[
                secret_hash(&token).into(),
                tenant_id.into(),
                email.as_str().into(),
                req.role.as_str().into(),
                principal.user_id.as_str().into(),
                i(now),
                i(now + INVITATION_SECS),
            ],
        )?;
        self.audit(
            "member_invited",
            Some(tenant_id),
            Some(&principal.user_id),
            json!({ "email": email, "role": req.role }),
        )?;
        Ok(json!({
            "email": email,
            "role": req.role,
            "invitation_token": token,
            "expires_in": INVITATION_SECS,
        }))
    }

    pub fn update_member(
        &self,
        principal: &Principal,
        tenant_id: &str,
        user_id: &str,
        req: UpdateMemberRequest,
    ) -> Result<Value, ApiError> {
        self.own_tenant(principal, tenant_id)?;
        self.require_role(principal, &["owner", "admin"])?;
        let target = self
            .user_by(self.db, "id", user_id)?
            .filter(|u| u.text("tenant_id").is_ok_and(|t| t == tenant_id))
            .ok_or_else(|| ApiError::not_found("no such member"))?;
        let caller_rank = role_rank(highest_role(principal));
        let target_role = target.text("role")?;
        if role_rank(&target_role) < caller_rank {
            return Err(ApiError::forbidden(
                "you cannot change someone above your own role",
            ));
        }
        if let Some(role) = &req.role {
            check_one_of(role, ROLES, "role")?;
            if role_rank(role) < caller_rank {
                return Err(ApiError::forbidden(
                    "you cannot grant a role above your own",
                ));
            }
        }
        if let Some(status) = &req.status {
            check_one_of(status, USER_STATUSES, "status")?;
        }
        let new_role = req.role.clone().unwrap_or_else(|| target_role.clone());
        let new_status = req.status.clone().unwrap_or(target.text("status")?);
        // A tenant always keeps one active owner.
        if target_role == "owner" && (new_role != "owner" || new_status != "ACTIVE") {
            let owners = self.db.query(
                "SELECT COUNT(*) AS n FROM auth_users WHERE tenant_id = $1 AND role = 'owner' AND status = 'ACTIVE'",
                &[tenant_id.into()],
            )?;
            if owners.first().map_or(0, |r| r.int("n").unwrap_or(0)) <= 1 {
                return Err(ApiError::conflict(
                    "a tenant must keep at least one active owner",
                ));
            }
        }
        self.db.execute(
            "UPDATE auth_users SET role = $2, status = $3 WHERE id = $1",
            &[
                user_id.into(),
                new_role.as_str().into(),
                new_status.as_str().into(),
            ],
        )?;
        // New roles and statuses must not wait for old tokens to expire.
        if new_role != target_role || new_status != "ACTIVE" {
            self.end_sessions("user_id = $1", user_id, "member_changed")?;
        }
        if new_role != target_role {
            self.audit(
                "role_change",
                Some(tenant_id),
                Some(&principal.user_id),
                json!({ "user_id": user_id, "from": target_role, "to": new_role }),
            )?;
        }
        if req.status.is_some() {
            self.audit(
                "status_change",
                Some(tenant_id),
                Some(&principal.user_id),
                json!({ "user_id": user_id, "status": new_status }),
            )?;
        }
        let updated = self
            .user_by(self.db, "id", user_id)?
            .ok_or_else(|| ApiError::not_found("no such member"))?;
        Ok(user_json(&updated)?)
    }

    // ------------------------------------------------------------------------------------
    // API keys

    pub fn create_api_key(
        &self,
        principal: &Principal,
        tenant_id: &str,
        req: CreateApiKeyRequest,
    ) -> Result<Value, ApiError> {
        self.own_tenant(principal, tenant_id)?;
        self.require_user(principal)?;
        self.require_role(principal, &["owner", "admin"])?;
        let name = check_name(&req.name, "name")?;
        let caller_rank = role_rank(highest_role(principal));
        let roles = match &req.roles {
            None => vec!["member".to_string()],
            Some(roles) if roles.is_empty() => {
                return Err(invalid(
                    "invalid_request",
                    "roles must not be empty",
                    "roles",
                ))
            }
            Some(roles) => roles.clone(),
        };
        let mut top = ROLES.len() - 1;
        for role in &roles {
            check_one_of(role, ROLES, "roles")?;
            if role_rank(role) < caller_rank {
                return Err(ApiError::forbidden(
                    "an API key cannot have a role above yours",
                ));
            }
            top = top.min(role_rank(role));
        }
        let expanded = expand_role(ROLES[top]);
        let key = format!("{}{}", identity::API_KEY_PREFIX, random::token(32));
        let id = random::id();
        let prefix: String = key.chars().take(12).collect();
        let now = self.now();
        self.db.execute(
            "INSERT INTO auth_api_keys (id, tenant_id, user_id, name, prefix, key_hash, roles, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            &[
                id.as_str().into(),
                tenant_id.into(),
                principal.user_id.as_str().into(),
                name.as_str().into(),
                prefix.as_str().into(),
                secret_hash(&key).into(),
                expanded.join(",").into(),
                i(now),
            ],
        )?;
        self.audit(
            "api_key_created",
            Some(tenant_id),
            Some(&principal.user_id),
            json!({ "api_key_id": id, "roles": expanded }),
        )?;
        Ok(json!({
            "id": id,
            "name": name,
            "prefix": prefix,
            "roles": expanded,
            "created_at": now,
            "revoked_at": null,
            "key": key,
        }))
    }

    pub fn list_api_keys(&self, principal: &Principal, tenant_id: &str) -> Result<Value, ApiError> {
        self.own_tenant(principal, tenant_id)?;
        self.require_role(principal, &["owner", "admin"])?;
        let rows = self.db.query(
            "SELECT id, name, prefix, roles, created_at, revoked_at, user_id FROM auth_api_keys \
             WHERE tenant_id = $1 ORDER BY created_at, id",
            &[tenant_id.into()],
        )?;
        let keys = rows
            .iter()
            .map(|r| -> Result<Value, DbError> {
                Ok(json!({
                    "id": r.text("id")?,
                    "name": r.text("name")?,
                    "prefix": r.text("prefix")?,
                    "roles": r.text("roles")?.split(',').collect::<Vec<_>>(),
                    "created_by": r.text("user_id")?,
                    "created_at": r.int("created_at")?,
                    "revoked_at": r.opt_int("revoked_at")?,
                }))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(json!({ "api_keys": keys }))
    }

    pub fn revoke_api_key(
        &self,
        principal: &Principal,
        tenant_id: &str,
        key_id: &str,
    ) -> Result<(), ApiError> {
        self.own_tenant(principal, tenant_id)?;
        self.require_role(principal, &["owner", "admin"])?;
        let changed = self.db.execute(
            "UPDATE auth_api_keys SET revoked_at = $3 WHERE id = $1 AND tenant_id = $2 AND revoked_at IS NULL",
            &[key_id.into(), tenant_id.into(), i(self.now())],
        )?;
        if changed == 0 {
            let exists = self.db.query(
                "SELECT id FROM auth_api_keys WHERE id = $1 AND tenant_id = $2",
                &[key_id.into(), tenant_id.into()],
            )?;
            if exists.is_empty() {
                return Err(ApiError::not_found("no such API key"));
            }
            return Ok(()); // already revoked: revoking is idempotent
        }
        self.audit(
            "api_key_revoked",
            Some(tenant_id),
            Some(&principal.user_id),
            json!({ "api_key_id": key_id }),
        )?;
        Ok(())
    }

    // ------------------------------------------------------------------------------------
    // Audit log

    pub fn list_audit(
        &self,
        principal: &Principal,
        tenant_id: &str,
        limit: u64,
    ) -> Result<Value, ApiError> {
        self.own_tenant(principal, tenant_id)?;
        self.require_role(principal, &["owner", "admin"])?;
        let rows = self.db.query(
            "SELECT id, at, event, tenant_id, user_id, ip, user_agent, request_id, details FROM auth_audit \
             WHERE tenant_id = $1 ORDER BY at DESC, id LIMIT $2",
            &[tenant_id.into(), i(limit.clamp(1, 500))],
        )?;
        let events = rows
            .iter()
            .map(|r| -> Result<Value, DbError> {
                Ok(json!({
                    "id": r.text("id")?,
                    "at": r.int("at")?,
                    "event": r.text("event")?,
                    "tenant_id": r.opt_text("tenant_id")?,
                    "user_id": r.opt_text("user_id")?,
                    "ip": r.opt_text("ip")?,
                    "user_agent": r.opt_text("user_agent")?,
                    "request_id": r.opt_text("request_id")?,
                    "details": r.opt_text("details")?.and_then(|d| serde_json::from_str::<Value>(&d).ok()),
                }))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(json!({ "events": events }))
    }
}

fn highest_role(principal: &Principal) -> &str {
    principal
        .roles
        .iter()
        .min_by_key(|r| role_rank(r))
        .map_or("member", String::as_str)
}

fn parse_u64(bytes: &[u8]) -> Option<u64> {
    std::str::from_utf8(bytes).ok()?.parse().ok()
}

/// A principal for code that already verified a token (native tests use identity::verify).
pub fn plan_of(text: &str) -> Plan {
    Plan::parse(text).unwrap_or(Plan::Free)
}
