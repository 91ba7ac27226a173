//! Misbehaving guests (trap, out of memory, too slow) and console output.

use std::time::{Duration, Instant};

use serde_json::json;
use spin_sdk::http::Response;

use crate::query::Query;
use crate::report;

pub fn trap() -> Response {
    panic!("probe: trap requested");
}

/// Grows the heap in 16 MiB steps up to 1 GiB; any sane memory limit stops it first. If it
/// does get there the probe answers 200 so the test sees the limit was not enforced.
pub fn out_of_memory() -> Response {
    const STEP: usize = 16 * 1024 * 1024;
    const TOTAL: usize = 1024 * 1024 * 1024;
    let mut blocks: Vec<Vec<u8>> = Vec::new();
    while blocks.len() * STEP < TOTAL {
        // Filled, so the pages are really committed.
        blocks.push(std::hint::black_box(vec![0xA5; STEP]));
    }
    report::ok(&json!({ "allocated_bytes": blocks.len() * STEP }))
}

/// `?ms=` of either a busy loop (`mode=busy`, default: the guest never calls the host while
/// spinning, which only epoch/fuel interruption can stop) or `mode=sleep` (a blocking
/// `wasi:clocks` poll).
pub fn sleep(query: &Query) -> Response {
    let millis: u64 = match query.get_or("ms", "1000").parse() {
        Ok(millis) => millis,
        Err(_) => return report::bad_request("?ms= must be an integer"),
    };
    let duration = Duration::from_millis(millis);
    let mode = query.get_or("mode", "busy");
    let started = Instant::now();
    match mode {
        "sleep" => std::thread::sleep(duration),
        _ => busy_wait(started, duration),
    }
    report::ok(&json!({ "slept_ms": started.elapsed().as_millis() as u64, "mode": mode }))
}

fn busy_wait(started: Instant, duration: Duration) {
    let mut spins: u64 = 0;
    loop {
        // Check the clock rarely so nearly all the time is spent in pure guest code.
        for _ in 0..1_000_000 {
            spins = std::hint::black_box(spins.wrapping_add(1));
        }
        if started.elapsed() >= duration {
            return;
        }
    }
}

pub fn print(query: &Query) -> Response {
    let marker = query.get_or("marker", "probe-print");
    println!("probe stdout {marker}");
    eprintln!("probe stderr {marker}");
    report::ok(&json!({ "marker": marker }))
}
