//! Loads a Spin application: manifest + runtime config → factors, router and one
//! pre-instantiated, ready-to-serve handler per component.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use host_factor_key_value::KeyValueFactor;
use host_factor_llm::LlmFactor;
use host_factor_outbound_http::OutboundHttpClient;
use host_factor_outbound_networking::AllowedHosts;
use host_factor_postgres::PostgresFactor;
use host_factor_redis::RedisFactor;
use host_factor_sqlite::SqliteFactor;
use host_factor_variables::VariablesFactor;
use serde_json::json;
use wasmtime::component::Linker;
use wasmtime::Engine;
use wasmtime_wasi_http::handler::ProxyPre;

use crate::manifest::{Component, DependencySpec, Manifest, RouteSpec};
use crate::runtime_config::RuntimeConfig;
use crate::state::HostState;
use crate::trigger_http::router::{Route, Router};

pub struct Limits {
    pub memory_bytes: usize,
    pub timeout: Duration,
}

pub struct Factors {
    pub variables: VariablesFactor,
    pub key_value: KeyValueFactor,
    pub sqlite: SqliteFactor,
    pub postgres: PostgresFactor,
    pub redis: RedisFactor,
    pub llm: LlmFactor,
}

pub struct LoadedComponent {
    pub id: Arc<str>,
    pub pre: ProxyPre<HostState>,
    pub allowed_hosts: Arc<AllowedHosts>,
    pub key_value_stores: Vec<String>,
    pub sqlite_databases: Vec<String>,
    pub ai_models: Vec<String>,
    pub environment: Vec<(String, String)>,
}

pub struct App {
    pub name: String,
    pub version: String,
    pub engine: Engine,
    pub router: Router,
    pub components: HashMap<String, LoadedComponent>,
    pub factors: Factors,
    pub limits: Limits,
    /// Where this app is served; `http://self` outbound requests go here.
    pub self_origin: url::Url,
    /// `[application.trigger.http] base`, prefixed to every route (Spin's `spin-base-path`).
    pub base_path: String,
    /// Outbound HTTP for every instance, so they share kept-alive connections.
    pub outbound_http: OutboundHttpClient,
}

pub struct LoadOptions {
    pub manifest: PathBuf,
    pub runtime_config: Option<PathBuf>,
    pub state_dir: PathBuf,
    pub cache_dir: PathBuf,
    pub limits: Limits,
    pub self_origin: url::Url,
}

impl App {
    pub fn load(options: LoadOptions) -> Result<App> {
        let LoadOptions {
            manifest: manifest_path,
            runtime_config,
            state_dir,
            cache_dir,
            limits,
            self_origin,
        } = options;
        let manifest = Manifest::load(&manifest_path)?;
        let app_dir = manifest_path
            .parent()
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let runtime_config = RuntimeConfig::load(runtime_config.as_deref())?;
        std::fs::create_dir_all(&state_dir)
            .with_context(|| format!("cannot create state dir {}", state_dir.display()))?;
        // Relative paths in a runtime config file are relative to that file (as in Spin);
        // the embedded defaults live in the state dir.
        let config_dir = runtime_config
            .base_dir
            .clone()
            .unwrap_or_else(|| state_dir.clone());

        if !manifest.trigger.cron.is_empty() {
            crate::logging::warn(
                "cron_triggers_not_run",
                json!({"count": manifest.trigger.cron.len(),
                       "reason": "scheduled triggers are not implemented by this host yet"}),
            );
        }
        let factors = build_factors(&manifest, &runtime_config, &state_dir, &config_dir)?;
        let router = build_router(&manifest)?;

        let engine = crate::engine::build_engine(limits.memory_bytes)?;
        let linker = build_linker(&engine)?;

        // Every triggered component loads now, including those behind private routes, so a
        // broken one fails at start rather than on first use.
        let mut components = HashMap::new();
        for trigger in &manifest.trigger.http {
            let id = trigger.component_id();
            if let std::collections::hash_map::Entry::Vacant(slot) =
                components.entry(id.to_string())
            {
                let loaded = load_component(
                    &engine, &linker, &manifest, &factors, id, &app_dir, &cache_dir,
                )
                .with_context(|| format!("cannot load component {id:?}"))?;
                slot.insert(loaded);
            }
        }

        Ok(App {
            name: manifest.application.name.clone(),
            version: manifest.application.version.clone().unwrap_or_default(),
            engine,
            router,
            components,
            factors,
            limits,
            self_origin,
            base_path: base_path(&manifest),
            outbound_http: OutboundHttpClient::new()
                .context("cannot set up the outbound HTTP client")?,
        })
    }
}

fn build_factors(
    manifest: &Manifest,
    runtime_config: &RuntimeConfig,
    state_dir: &Path,
    config_dir: &Path,
) -> Result<Factors> {
    let component_variables: BTreeMap<String, BTreeMap<String, String>> = manifest
        .component
        .iter()
        .map(|(id, c)| (id.clone(), c.variables.clone()))
        .collect();
    let variables_section = runtime_config
        .section("variables_provider")
        .or(runtime_config.section("config_provider"));
    let variables = VariablesFactor::new(
        manifest.variables.clone(),
        component_variables,
        variables_section,
        &|name| std::env::var(name).ok(),
    )
    .context("variables")?;
    let kv_dir = if runtime_config.section("key_value_store").is_some() {
        config_dir
    } else {
        state_dir
    };
    let key_value =
        KeyValueFactor::from_runtime_config(runtime_config.section("key_value_store"), kv_dir)
            .context("[key_value_store] runtime config")?;
    let sqlite_dir = if runtime_config.section("sqlite_database").is_some() {
        config_dir
    } else {
        state_dir
    };
    let sqlite =
        SqliteFactor::from_runtime_config(runtime_config.section("sqlite_database"), sqlite_dir)
            .context("[sqlite_database] runtime config")?;

    // The model files are read on first use; a missing model is reported then, as a WIT
    // error, so apps that embed nothing start without it.
    let llm = LlmFactor::from_runtime_config(
        runtime_config.section("llm_compute"),
        state_dir,
        std::env::var_os(host_factor_llm::MODEL_DIR_ENV).map(PathBuf::from),
    )
    .context("[llm_compute] runtime config")?;
    if manifest.component.values().any(|c| !c.ai_models.is_empty()) && !llm.model_installed() {
        crate::logging::warn(
            "embedding_model_missing",
            json!({"dir": llm.model_dir().display().to_string(),
                   "hint": host_factor_llm::INSTALL_HINT}),
        );
    }

    // Like Spin, refuse to start when a component names a store or database nobody defined.
    let kv_labels = key_value.store_labels();
    let db_labels = sqlite.database_labels();
    for (id, component) in &manifest.component {
        for label in &component.key_value_stores {
            if !kv_labels.contains(label) {
                bail!("component {id:?} uses key-value store {label:?}, which is neither \"default\" nor defined in the runtime config");
            }
        }
        for label in &component.sqlite_databases {
            if !db_labels.contains(label) {
                bail!("component {id:?} uses SQLite database {label:?}, which is neither \"default\" nor defined in the runtime config");
            }
        }
    }
    Ok(Factors {
        variables,
        key_value,
        sqlite,
        postgres: PostgresFactor::new(),
        redis: RedisFactor::new(),
        llm,
    })
}

fn base_path(manifest: &Manifest) -> String {
    manifest
        .application
        .trigger
        .http
        .as_ref()
        .and_then(|h| h.base.clone())
        .unwrap_or_else(|| "/".to_string())
}

fn build_router(manifest: &Manifest) -> Result<Router> {
    let base = base_path(manifest);
    let mut routes = Vec::new();
    for trigger in &manifest.trigger.http {
        match &trigger.route {
            RouteSpec::Path(path) => {
                let full = join_base(&base, path);
                routes.push(Route::parse(&full, trigger.component_id())?);
            }
            RouteSpec::Private { private: true } => {}
            RouteSpec::Private { private: false } => {
                bail!(
                    "component {:?}: `route = {{ private = false }}` is not a route; give a path",
                    trigger.component_id()
                )
            }
        }
    }
    Router::build(routes)
}

fn join_base(base: &str, route: &str) -> String {
    let base = base.trim_end_matches('/');
    format!("{base}{route}")
}

fn build_linker(engine: &Engine) -> Result<Linker<HostState>> {
    let mut linker = Linker::<HostState>::new(engine);
    wasmtime_wasi::p2::add_to_linker_async(&mut linker)?;
    wasmtime_wasi_http::p2::add_only_http_to_linker_async(&mut linker)?;
    wasmtime_wasi::p3::add_to_linker(&mut linker)?;
    wasmtime_wasi_http::p3::add_to_linker(&mut linker)?;
    host_factor_variables::add_to_linker(&mut linker, |s| &mut s.variables)?;
    host_factor_key_value::add_to_linker(&mut linker, |s| &mut s.key_value)?;
    host_factor_sqlite::add_to_linker(&mut linker, |s| &mut s.sqlite)?;
    host_factor_postgres::add_to_linker(&mut linker, |s| &mut s.postgres)?;
    host_factor_redis::add_to_linker(&mut linker, |s| &mut s.redis)?;
    host_factor_llm::add_to_linker(&mut linker, |s| &mut s.llm)?;
    Ok(linker)
}

fn load_component(
    engine: &Engine,
    linker: &Linker<HostState>,
    manifest: &Manifest,
    factors: &Factors,
    id: &str,
    app_dir: &Path,
    cache_dir: &Path,
) -> Result<LoadedComponent> {
    let component: &Component = &manifest.component[id];
    let source = component.source_path(id, app_dir)?;
    let wasm = std::fs::read(&source).with_context(|| {
        format!(
            "cannot read {} (build the components first: scripts/up builds them)",
            source.display()
        )
    })?;
    let wasm = compose_dependencies(component, wasm, app_dir)?;

    let started = Instant::now();
    let (compiled, cached) = crate::engine::load_component(engine, &wasm, cache_dir)?;
    crate::logging::info(
        "component_loaded",
        json!({"component": id, "source": source.display().to_string(), "cached": cached,
               "load_ms": started.elapsed().as_secs_f64() * 1e3}),
    );
    // Fails here, at start, when the component imports something this host lacks; the
    // error names the missing import.
    let instance_pre = linker.instantiate_pre(&compiled)?;
    let pre = match wasmtime_wasi_http::p2::bindings::ProxyPre::new(instance_pre.clone()) {
        Ok(p2) => ProxyPre::P2(p2),
        Err(p2_error) => match wasmtime_wasi_http::p3::bindings::ServicePre::new(instance_pre) {
            Ok(p3) => ProxyPre::P3(p3),
            Err(_) => {
                bail!(
                    "the component exports neither wasi:http/incoming-handler@0.2 nor wasi:http/handler@0.3: {p2_error:#}"
                )
            }
        },
    };

    let expanded: Vec<String> = component
        .outbound_hosts()
        .map(|h| factors.variables.expand_app_template(h))
        .collect::<Result<_>>()
        .context("allowed_outbound_hosts")?;
    let allowed_hosts = AllowedHosts::parse(&expanded).context("allowed_outbound_hosts")?;

    Ok(LoadedComponent {
        id: Arc::from(id),
        pre,
        allowed_hosts: Arc::new(allowed_hosts),
        key_value_stores: component.key_value_stores.clone(),
        sqlite_databases: component.sqlite_databases.clone(),
        ai_models: component.ai_models.clone(),
        environment: component
            .environment
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    })
}

/// Satisfies the component's declared imports with other components, as Spin does at load.
fn compose_dependencies(component: &Component, wasm: Vec<u8>, app_dir: &Path) -> Result<Vec<u8>> {
    if component.dependencies.is_empty() {
        return Ok(wasm);
    }
    let mut dependencies = Vec::new();
    for (name, spec) in &component.dependencies {
        let DependencySpec::Local { path, export } = spec else {
            bail!("dependency {name:?}: only local `path` dependencies are supported by this host");
        };
        let file = app_dir.join(path);
        let bytes = std::fs::read(&file)
            .with_context(|| format!("dependency {name:?}: cannot read {}", file.display()))?;
        dependencies.push(host_compose::Dependency {
            name: name
                .parse()
                .with_context(|| format!("dependency name {name:?}"))?,
            component: bytes,
            export: export.clone(),
        });
    }
    host_compose::compose(
        &wasm,
        &dependencies,
        component.dependencies_inherit_configuration,
    )
    .context("composing dependencies")
}
