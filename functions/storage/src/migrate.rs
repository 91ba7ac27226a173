use crate::{split_statements, transaction, DbError, Dialect, Sql};

/// One schema change. Both dialects' scripts must produce the same logical schema.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// 1, 2, 3, ... within a scope; never renumber or edit one that has shipped.
    pub version: u32,
    pub name: &'static str,
    pub sqlite: &'static str,
    pub postgres: &'static str,
}

// One lock for all scopes: migrations are rare and short, and one key cannot collide with
// advisory locks a function takes for its own purposes if those use other keys.
const POSTGRES_MIGRATION_LOCK: i64 = 0x656e_6173_6d69_6772; // "enasmigr"

/// Brings `scope`'s schema up to the newest of `migrations`.
///
/// Called at the start of requests, so the common case (already up to date) is one cheap
/// query. Otherwise the whole upgrade runs in one transaction under a lock (a PostgreSQL
/// advisory transaction lock; SQLite's write lock via `BEGIN IMMEDIATE`): concurrent first
/// requests wait for the winner, then see its work and apply nothing twice. A failing
/// migration rolls back entirely.
pub fn migrate(db: &dyn Sql, scope: &str, migrations: &[Migration]) -> Result<(), DbError> {
    let target = migrations.iter().map(|m| m.version).max().unwrap_or(0);
    if target == 0 {
        return Ok(());
    }
    // The table may not exist yet; any failure here just means "take the slow path".
    if let Ok(current) = current_version(db, scope) {
        if current >= i64::from(target) {
            return Ok(());
        }
    }
    let mut pending: Vec<&Migration> = migrations.iter().collect();
    pending.sort_by_key(|m| m.version);
    transaction(db, |tx| {
        match tx.dialect() {
            Dialect::Postgres => {
                tx.query("SELECT pg_advisory_xact_lock($1)", &[POSTGRES_MIGRATION_LOCK.into()])?;
            }
            Dialect::Sqlite => {} // BEGIN IMMEDIATE already holds the write lock.
        }
        tx.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (\
                scope TEXT NOT NULL, version BIGINT NOT NULL, name TEXT NOT NULL, \
                applied_at_unix BIGINT NOT NULL, PRIMARY KEY (scope, version))",
            &[],
        )?;
        let current = current_version(tx, scope)?;
        for migration in pending.iter().filter(|m| i64::from(m.version) > current) {
            let script = match tx.dialect() {
                Dialect::Sqlite => migration.sqlite,
                Dialect::Postgres => migration.postgres,
            };
            for statement in split_statements(script) {
                tx.execute(&statement, &[]).map_err(|e| {
                    DbError::new(
                        e.kind,
                        format!(
                            "migration {scope} v{} ({}) failed: {}",
                            migration.version, migration.name, e.message
                        ),
                    )
                })?;
            }
            tx.execute(
                "INSERT INTO schema_migrations (scope, version, name, applied_at_unix) \
                 VALUES ($1, $2, $3, $4)",
                &[
                    scope.into(),
                    i64::from(migration.version).into(),
                    migration.name.into(),
                    unix_now().into(),
                ],
            )?;
        }
        Ok(())
    })
}

fn current_version(db: &dyn Sql, scope: &str) -> Result<i64, DbError> {
    let rows = db.query(
        "SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations WHERE scope = $1",
        &[scope.into()],
    )?;
    rows.first().map_or(Ok(0), |row| row.int("version"))
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}
