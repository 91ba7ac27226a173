//! The auth tables, created by versioned migrations (scope `auth`) on first use.
//!
//! One script serves both dialects: it sticks to TEXT, BIGINT and INTEGER, which SQLite and
//! PostgreSQL read the same way. Times are unix seconds.

use storage::{DbError, Migration, Sql};

pub const SCOPE: &str = "auth";

const V1: &str = "
CREATE TABLE auth_tenants (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    plan TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
-- Emails are unique across the app: login is by email alone.
CREATE TABLE auth_users (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES auth_tenants (id),
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    password_changed_at BIGINT NOT NULL
);
CREATE INDEX auth_users_tenant ON auth_users (tenant_id);
-- A session is one refresh-token family: a login and every refresh that descends from it.
CREATE TABLE auth_sessions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES auth_users (id),
    tenant_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT,
    revoked_reason TEXT
);
CREATE INDEX auth_sessions_user ON auth_sessions (user_id);
CREATE TABLE auth_refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES auth_sessions (id),
    issued_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX auth_refresh_tokens_session ON auth_refresh_tokens (session_id);
-- Access tokens issued and not yet expired, so ending a session or suspending a user can put
-- exactly their ids on the denylist.
CREATE TABLE auth_access_tokens (
    jti TEXT PRIMARY KEY,
    session_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    tenant_id TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX auth_access_tokens_session ON auth_access_tokens (session_id);
CREATE INDEX auth_access_tokens_user ON auth_access_tokens (user_id);
CREATE TABLE auth_invitations (
    token_hash TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES auth_tenants (id),
    email TEXT NOT NULL,
    role TEXT NOT NULL,
    invited_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    accepted_at BIGINT
);
CREATE TABLE auth_api_keys (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES auth_tenants (id),
    user_id TEXT NOT NULL REFERENCES auth_users (id),
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    roles TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX auth_api_keys_tenant ON auth_api_keys (tenant_id);
CREATE TABLE auth_audit (
    id TEXT PRIMARY KEY,
    at BIGINT NOT NULL,
    event TEXT NOT NULL,
    tenant_id TEXT,
    user_id TEXT,
    ip TEXT,
    user_agent TEXT,
    request_id TEXT,
    details TEXT
);
CREATE INDEX auth_audit_tenant_at ON auth_audit (tenant_id, at);
-- The development signing key of a deployment without configured keys (never in production).
CREATE TABLE auth_dev_signing_key (
    slot INTEGER PRIMARY KEY,
    kid TEXT NOT NULL,
    private_key TEXT NOT NULL,
    public_key TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
";

pub const MIGRATIONS: &[Migration] = &[Migration {
    version: 1,
    name: "accounts, tenants, sessions, api keys, audit",
    sqlite: V1,
    postgres: V1,
}];

pub fn migrate(db: &dyn Sql) -> Result<(), DbError> {
    storage::migrate(db, SCOPE, MIGRATIONS)
}
