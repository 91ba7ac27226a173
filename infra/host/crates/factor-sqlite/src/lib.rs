//! `spin:sqlite/sqlite@3.0.0` and `fermyon:spin/sqlite@2.0.0` on local SQLite files,
//! configured like Spin's `[sqlite_database.<label>]` runtime config.

mod config;
mod database;
mod host;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use wasmtime::component::{HasSelf, Linker};

pub use config::{DatabaseLocation, DEFAULT_DATABASE_FILE};
pub use database::{QueryOutput, SqlValue};
pub use host::{SqliteInstanceState, MAX_OPEN_CONNECTIONS};

mod bindings {
    include!(concat!(env!("OUT_DIR"), "/bindings.rs"));
}

/// The app's SQLite databases, built once at host start and shared by every request.
pub struct SqliteFactor {
    databases: Arc<HashMap<String, Arc<database::Database>>>,
}

impl SqliteFactor {
    /// Builds the databases from the runtime config's `sqlite_database` section. Files are
    /// created now so a bad path fails at startup.
    pub fn from_runtime_config(
        section: Option<&toml::Value>,
        state_dir: &Path,
    ) -> anyhow::Result<Self> {
        let databases = config::parse(section, state_dir)?
            .into_iter()
            .map(|(label, location)| {
                let db = database::Database::create(&label, &location)
                    .with_context(|| format!("SQLite database {label:?}"))?;
                Ok((label, Arc::new(db)))
            })
            .collect::<anyhow::Result<HashMap<_, _>>>()?;
        Ok(Self {
            databases: Arc::new(databases),
        })
    }

    /// Labels the app knows, sorted; the host checks components' `sqlite_databases` against
    /// them at startup.
    pub fn database_labels(&self) -> Vec<String> {
        let mut labels: Vec<String> = self.databases.keys().cloned().collect();
        labels.sort();
        labels
    }

    /// Per-request state; `allowed_databases` is the component's `sqlite_databases`.
    pub fn instance_state(&self, allowed_databases: &[String]) -> SqliteInstanceState {
        SqliteInstanceState::new(self.databases.clone(), allowed_databases)
    }
}

/// Adds `spin:sqlite/sqlite@3.0.0` and `fermyon:spin/sqlite@2.0.0`.
pub fn add_to_linker<T: Send + 'static>(
    linker: &mut Linker<T>,
    get: fn(&mut T) -> &mut SqliteInstanceState,
) -> anyhow::Result<()> {
    type State = HasSelf<SqliteInstanceState>;
    bindings::spin::sqlite::sqlite::add_to_linker::<T, State>(linker, get).map_err(into_anyhow)?;
    bindings::fermyon::spin2_0_0::sqlite::add_to_linker::<T, State>(linker, get)
        .map_err(into_anyhow)?;
    Ok(())
}

/// wasmtime 48 has its own error type, convertible to anyhow only through a boxed error
/// while wasmtime's `anyhow` feature is off (as in this workspace).
fn into_anyhow(err: wasmtime::Error) -> anyhow::Error {
    anyhow::Error::from_boxed(err.into_boxed_dyn_error())
}
