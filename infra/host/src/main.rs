//! `host`: runs a Spin application (spin.toml + .wasm components) locally on wasmtime, the
//! way `spin up` does, for development and end-to-end tests.

mod app;
mod component_output;
mod engine;
mod logging;
mod manifest;
mod runtime_config;
mod state;
mod trigger_http;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::Parser;
use serde_json::json;

#[derive(Debug, Parser)]
#[command(name = "host", about = "Run a Spin application locally on wasmtime")]
struct Cli {
    /// The application manifest.
    #[arg(long, short = 'f', default_value = "spin.toml")]
    manifest: PathBuf,
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, env = "HOST_LISTEN", default_value = "127.0.0.1:3000")]
    listen: SocketAddr,
    /// Spin runtime-config.toml (key-value stores, SQLite databases, variables providers).
    #[arg(long)]
    runtime_config_file: Option<PathBuf>,
    /// Local state (SQLite files, compiled-component cache); default `<manifest dir>/.spin`.
    #[arg(long)]
    state_dir: Option<PathBuf>,
    /// Compiled-component cache; default `<state dir>/cache`. Safe to share between hosts.
    #[arg(long)]
    cache_dir: Option<PathBuf>,
    /// Linear memory limit per request, in MiB.
    #[arg(long, default_value_t = 128)]
    memory_limit_mb: usize,
    /// Wall-time limit per request, in seconds.
    #[arg(long, default_value_t = 30.0)]
    timeout_secs: f64,
}

fn main() {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("Error: cannot start the tokio runtime: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = runtime.block_on(run(cli)) {
        eprintln!("Error: {e:#}");
        std::process::exit(1);
    }
}

async fn run(cli: Cli) -> Result<()> {
    let started = Instant::now();
    if !(cli.timeout_secs > 0.0 && cli.timeout_secs.is_finite()) {
        anyhow::bail!("--timeout-secs must be a positive number");
    }
    let manifest = std::path::absolute(&cli.manifest).context("manifest path")?;
    let app_dir = manifest.parent().map(PathBuf::from).unwrap_or_default();
    let state_dir = cli
        .state_dir
        .clone()
        .unwrap_or_else(|| app_dir.join(".spin"));
    let cache_dir = cli
        .cache_dir
        .clone()
        .unwrap_or_else(|| state_dir.join("cache"));

    // Bind first so `http://self` and the printed URLs carry the real port.
    let listener = tokio::net::TcpListener::bind(cli.listen)
        .await
        .with_context(|| format!("cannot listen on {}", cli.listen))?;
    let address = listener.local_addr()?;
    let origin = url::Url::parse(&format!("http://{address}"))?;

    let options = app::LoadOptions {
        manifest,
        runtime_config: cli.runtime_config_file.clone(),
        state_dir,
        cache_dir,
        limits: app::Limits {
            memory_bytes: cli.memory_limit_mb.saturating_mul(1 << 20),
            timeout: Duration::from_secs_f64(cli.timeout_secs),
        },
        self_origin: origin.clone(),
    };
    // Loading compiles components (CPU-bound); keep it off the async workers.
    let app = tokio::task::spawn_blocking(move || app::App::load(options)).await??;
    engine::start_epoch_ticker(&app.engine);
    let app = Arc::new(app);

    println!("Serving {}", origin.as_str().trim_end_matches('/'));
    println!("Available Routes:");
    for route in app.router.routes() {
        println!(
            "  {}: {}{}",
            route.component_id,
            origin.as_str().trim_end_matches('/'),
            route.raw
        );
    }
    logging::info(
        "ready",
        json!({"app": app.name, "version": app.version, "address": address.to_string(),
               "startup_ms": started.elapsed().as_secs_f64() * 1e3}),
    );

    trigger_http::HttpTrigger::new(app)
        .serve(listener, shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(signal) => signal,
                Err(_) => return std::future::pending().await,
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}
