//! The wasmtime engine: pooling allocator, epoch-based preemption, and a cache of compiled
//! components on disk so a restart doesn't recompile unchanged `.wasm` files.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};
use wasmtime::component::Component;
use wasmtime::{
    Config, Enabled, Engine, InstanceAllocationStrategy, PoolingAllocationConfig, ProfilingStrategy,
};

/// How often the epoch advances. Every tick, a running guest yields to the tokio runtime,
/// so a busy guest cannot starve other requests or the timeout timer.
pub const EPOCH_TICK: Duration = Duration::from_millis(10);

/// Instances the pool holds at once; requests beyond this wait for a slot.
pub const MAX_CONCURRENT_INSTANCES: u32 = 256;

/// Bytes of each freed linear memory (table) reset in place rather than returned to the
/// kernel, where the kernel has PAGEMAP_SCAN; see `build_engine`.
/// `HOST_POOL_KEEP_RESIDENT_BYTES` overrides the memory figure
/// (0 restores wasmtime's default: every freed page goes back to the kernel), to measure the
/// difference or to trade it for resident memory.
const LINEAR_MEMORY_KEEP_RESIDENT: usize = 2 << 20;
const TABLE_KEEP_RESIDENT: usize = 64 << 10;
pub const KEEP_RESIDENT_ENV: &str = "HOST_POOL_KEEP_RESIDENT_BYTES";

/// `HOST_PERF_MAP=1` writes a perf map of compiled guest code, so `perf` can name it.
pub const PERF_MAP_ENV: &str = "HOST_PERF_MAP";

pub fn build_engine(memory_limit_bytes: usize) -> Result<Engine> {
    let mut config = Config::new();
    config.wasm_component_model(true);
    config.wasm_component_model_async(true);
    config.epoch_interruption(true);

    let keep_resident = match std::env::var(KEEP_RESIDENT_ENV) {
        Ok(text) => text
            .trim()
            .parse()
            .with_context(|| format!("{KEEP_RESIDENT_ENV}={text:?} is not a number of bytes"))?,
        // Without the ioctl, keeping memory resident means `memset`ting all of it on every
        // free, however little the guest touched: no better than faulting pages back in.
        Err(_) if PoolingAllocationConfig::is_pagemap_scan_available() => {
            LINEAR_MEMORY_KEEP_RESIDENT
        }
        Err(_) => 0,
    };
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
        .max_core_instance_size(4 << 20)
        // A request's instance touches little of its linear memory (the guest's stack and a
        // small heap), but freeing a slot with `madvise` makes the next request on it fault
        // every one of those pages back in, one page fault each; resetting the
        // resident pages in place (found with the PAGEMAP_SCAN ioctl where the kernel has
        // it, Linux 6.7+) keeps them mapped. Beyond these sizes slots still go back to the
        // kernel, so a guest that once grew large does not pin its memory.
        .linear_memory_keep_resident(keep_resident)
        .table_keep_resident(TABLE_KEEP_RESIDENT.min(keep_resident))
        .pagemap_scan(Enabled::Auto);
    config.allocation_strategy(InstanceAllocationStrategy::Pooling(pool));
    if std::env::var_os(PERF_MAP_ENV).is_some_and(|v| v == "1") {
        // For `perf record`: names the compiled guest functions in /tmp/perf-<pid>.map.
        config.profiler(ProfilingStrategy::PerfMap);
    }
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
