//! The wasmtime engine: pooling allocator, epoch-based preemption, and a cache of compiled
//! components on disk so a restart doesn't recompile unchanged `.wasm` files.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};
use wasmtime::component::Component;
use wasmtime::{Config, Engine, InstanceAllocationStrategy, PoolingAllocationConfig};

/// How often the epoch advances. Every tick, a running guest yields to the tokio runtime,
/// so a busy guest cannot starve other requests or the timeout timer.
pub const EPOCH_TICK: Duration = Duration::from_millis(10);

/// Instances the pool holds at once; requests beyond this wait for a slot.
pub const MAX_CONCURRENT_INSTANCES: u32 = 256;

pub fn build_engine(memory_limit_bytes: usize) -> Result<Engine> {
    let mut config = Config::new();
    config.wasm_component_model(true);
    config.wasm_component_model_async(true);
    config.epoch_interruption(true);

    let mut pool = PoolingAllocationConfig::default();
    pool.total_component_instances(MAX_CONCURRENT_INSTANCES)
        .total_core_instances(MAX_CONCURRENT_INSTANCES * 4)
        .total_memories(MAX_CONCURRENT_INSTANCES * 2)
        .total_tables(MAX_CONCURRENT_INSTANCES * 4)
        .total_stacks(MAX_CONCURRENT_INSTANCES)
        // Guests above the per-request limit fail their allocation (and trap); sizing the
        // pool slots to the limit keeps the virtual reservation bounded.
        .max_memory_size(memory_limit_bytes)
        .max_component_instance_size(4 << 20)
        .max_core_instance_size(4 << 20);
    config.allocation_strategy(InstanceAllocationStrategy::Pooling(pool));
    match Engine::new(&config) {
        Ok(engine) => Ok(engine),
        Err(pool_error) => {
            // Some sandboxes cap virtual memory below what the pool reserves; on-demand
            // allocation still isolates requests, only instantiation gets slower.
            crate::logging::warn(
                "pooling_allocator_unavailable",
                serde_json::json!({"error": format!("{pool_error:#}")}),
            );
            config.allocation_strategy(InstanceAllocationStrategy::OnDemand);
            Engine::new(&config)
                .map_err(anyhow::Error::from)
                .context("creating the wasmtime engine")
        }
    }
}

/// Advances the engine's epoch forever on a background thread.
pub fn start_epoch_ticker(engine: &Engine) {
    let engine = engine.weak();
    std::thread::Builder::new()
        .name("epoch-ticker".into())
        .spawn(move || loop {
            std::thread::sleep(EPOCH_TICK);
            match engine.upgrade() {
                Some(engine) => engine.increment_epoch(),
                None => return,
            }
        })
        .expect("spawn epoch ticker thread");
}

/// Compiles a component, or loads its compiled form from `cache_dir` when the same bytes
/// were compiled before by a compatible engine.
pub fn load_component(engine: &Engine, wasm: &[u8], cache_dir: &Path) -> Result<(Component, bool)> {
    let path = cache_path(engine, wasm, cache_dir);
    if path.exists() {
        // SAFETY: the file was written by `Component::serialize` of an engine with the same
        // compatibility hash (part of the file name) into our own cache directory.
        match unsafe { Component::deserialize_file(engine, &path) } {
            Ok(component) => return Ok((component, true)),
            Err(e) => crate::logging::warn(
                "component_cache_invalid",
                serde_json::json!({"path": path.display().to_string(), "error": format!("{e:#}")}),
            ),
        }
    }
    let component = Component::new(engine, wasm)?;
    if let Err(e) = write_cache(&component, &path) {
        crate::logging::warn(
            "component_cache_write_failed",
            serde_json::json!({"error": format!("{e:#}")}),
        );
    }
    Ok((component, false))
}

fn write_cache(component: &Component, path: &Path) -> Result<()> {
    std::fs::create_dir_all(path.parent().expect("cache path has a parent"))?;
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, component.serialize()?)?;
    // Rename is atomic, so a concurrent host never reads a half-written file.
    std::fs::rename(&tmp, path)?;
    Ok(())
}

fn cache_path(engine: &Engine, wasm: &[u8], cache_dir: &Path) -> PathBuf {
    let mut engine_hash = std::collections::hash_map::DefaultHasher::new();
    engine
        .precompile_compatibility_hash()
        .hash(&mut engine_hash);
    let digest = Sha256::digest(wasm);
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    cache_dir.join(format!("{hex}-{:016x}.cwasm", engine_hash.finish()))
}
