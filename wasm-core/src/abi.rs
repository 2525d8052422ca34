//! The C ABI: the only `extern "C"` surface of the core. No logic lives here:
//! each export unpacks its arguments, calls the safe library and reports
//! either a result buffer or a numbered error.
//!
//! Conventions (mirrored in `src/sim/core.ts`):
//! - an export that can fail returns `0` on success or an [`ErrorCode`];
//!   after a failure `vl_error_*` describe it until the next call;
//! - numeric results go to a core-owned `f64` buffer read through
//!   `vl_result_ptr`/`vl_result_len`, valid until the next call;
//! - byte buffers passed in are allocated by the caller with `vl_alloc` and
//!   released with `vl_free`.

use std::cell::RefCell;

use crate::density::{host_fit, HostFitInput};
use crate::error::Error;

/// Bumped whenever an export changes shape; the loader refuses a mismatch.
pub const ABI_VERSION: u32 = 1;

struct State {
    result: Vec<f64>,
    error_message: String,
    error_field: String,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State {
        result: Vec::new(),
        error_message: String::new(),
        error_field: String::new(),
    });
}

fn finish(outcome: Result<Vec<f64>, Error>) -> u32 {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        match outcome {
            Ok(values) => {
                s.result = values;
                s.error_message.clear();
                s.error_field.clear();
                0
            }
            Err(e) => {
                s.result.clear();
                s.error_message = e.message;
                s.error_field = e.field;
                e.code as u32
            }
        }
    })
}

#[no_mangle]
pub extern "C" fn vl_abi_version() -> u32 {
    ABI_VERSION
}

/// Allocates `len` bytes for the caller; returns null when memory is exhausted.
#[no_mangle]
pub extern "C" fn vl_alloc(len: usize) -> *mut u8 {
    let mut v: Vec<u8> = Vec::new();
    if v.try_reserve_exact(len).is_err() {
        return std::ptr::null_mut();
    }
    let ptr = v.as_mut_ptr();
    std::mem::forget(v);
    ptr
}

/// Releases a buffer from [`vl_alloc`].
///
/// # Safety
/// `ptr` and `len` must come from one earlier `vl_alloc` call, freed once.
#[no_mangle]
pub unsafe extern "C" fn vl_free(ptr: *mut u8, len: usize) {
    if !ptr.is_null() {
        drop(Vec::from_raw_parts(ptr, 0, len));
    }
}

#[no_mangle]
pub extern "C" fn vl_result_ptr() -> *const f64 {
    STATE.with(|s| s.borrow().result.as_ptr())
}

#[no_mangle]
pub extern "C" fn vl_result_len() -> usize {
    STATE.with(|s| s.borrow().result.len())
}

#[no_mangle]
pub extern "C" fn vl_error_message_ptr() -> *const u8 {
    STATE.with(|s| s.borrow().error_message.as_ptr())
}

#[no_mangle]
pub extern "C" fn vl_error_message_len() -> usize {
    STATE.with(|s| s.borrow().error_message.len())
}

#[no_mangle]
pub extern "C" fn vl_error_field_ptr() -> *const u8 {
    STATE.with(|s| s.borrow().error_field.as_ptr())
}

#[no_mangle]
pub extern "C" fn vl_error_field_len() -> usize {
    STATE.with(|s| s.borrow().error_field.len())
}

/// Result: `[apps, appMemMiB, overheadMemMiB, freeMemMiB]`.
#[no_mangle]
pub extern "C" fn vl_host_fit(host_mem_mib: f64, host_reserve_mib: f64, app_mem_mib: f64, overhead_mib: f64) -> u32 {
    let input = HostFitInput { host_mem_mib, host_reserve_mib, app_mem_mib, overhead_mib };
    finish(host_fit(&input).map(|r| vec![r.apps as f64, r.app_mem_mib, r.overhead_mem_mib, r.free_mem_mib]))
}

// ---- Event engine and scenarios -------------------------------------------
// Parameter and result layouts are documented once, in `scenarios/mod.rs`.
// Scenario kinds: 1 traffic spike, 2 migration, 3 patch day.

thread_local! {
    /// Text results (scenario specs), valid until the next text-producing call.
    static TEXT: RefCell<String> = RefCell::new(String::new());
    /// Live stepped runs by handle. Handles are never reused, so a stale one is an error.
    static SIMS: RefCell<(u32, std::collections::BTreeMap<u32, crate::scenarios::Sim>)> =
        RefCell::new((0, std::collections::BTreeMap::new()));
}

/// Most `f64` values a caller buffer may hold.
const MAX_PARAMS: usize = 10_000_000;

/// Copies `len` f64 values from a caller buffer (from `vl_alloc`; may be unaligned).
fn read_f64s(ptr: *const f64, len: usize) -> Result<Vec<f64>, Error> {
    if len > MAX_PARAMS {
        return Err(Error::new(crate::ErrorCode::BadBuffer, "params", format!("at most {} values may be passed, got {}", MAX_PARAMS, len)));
    }
    if ptr.is_null() && len > 0 {
        return Err(Error::new(crate::ErrorCode::BadBuffer, "params", "the parameter buffer pointer is null".to_string()));
    }
    // SAFETY: the caller passes a live buffer of `len` f64s (the ABI contract).
    Ok((0..len).map(|i| unsafe { std::ptr::read_unaligned(ptr.add(i)) }).collect())
}

fn handle_error(handle: u32) -> Error {
    Error::new(crate::ErrorCode::BadHandle, "handle", format!("handle {} does not refer to a live run", handle))
}

#[no_mangle]
pub extern "C" fn vl_text_ptr() -> *const u8 {
    TEXT.with(|t| t.borrow().as_ptr())
}

#[no_mangle]
pub extern "C" fn vl_text_len() -> usize {
    TEXT.with(|t| t.borrow().len())
}

/// Result: per parameter `[default, min, max, integer]`; text: the spec lines
/// (`variant`, `param`, `column`, `summary`) from `scenarios::spec_text`.
#[no_mangle]
pub extern "C" fn vl_scenario_spec(kind: u32, variant: u32) -> u32 {
    let outcome = crate::scenarios::spec_text(kind, variant).and_then(|text| {
        TEXT.with(|t| *t.borrow_mut() = text);
        crate::scenarios::spec_numbers(kind, variant)
    });
    finish(outcome)
}

/// Runs a scenario to completion. Result: the packed layout of `scenarios/mod.rs`.
#[no_mangle]
pub extern "C" fn vl_scenario_run(kind: u32, params: *const f64, len: usize) -> u32 {
    finish(read_f64s(params, len).and_then(|v| crate::scenarios::run(kind, &v)))
}

/// Starts a stepped run. Result: `[handle]`.
#[no_mangle]
pub extern "C" fn vl_sim_create(kind: u32, params: *const f64, len: usize) -> u32 {
    let outcome = read_f64s(params, len).and_then(|v| crate::scenarios::Sim::new(kind, &v)).and_then(|sim| {
        SIMS.with(|s| {
            let mut s = s.borrow_mut();
            if s.1.len() >= 1024 {
                return Err(Error::new(crate::ErrorCode::LimitExceeded, "handle", "more than 1024 runs are live; free some".to_string()));
            }
            s.0 = s.0.checked_add(1).ok_or_else(|| handle_error(0))?;
            let h = s.0;
            s.1.insert(h, sim);
            Ok(vec![h as f64])
        })
    });
    finish(outcome)
}

/// Processes at most `budget` events of a run. Result: `[done, progress 0..1, events]`.
#[no_mangle]
pub extern "C" fn vl_sim_step(handle: u32, budget: f64) -> u32 {
    let outcome = crate::error::check_range("budget", budget, 1.0, 1e15).and_then(|b| {
        SIMS.with(|s| match s.borrow_mut().1.get_mut(&handle) {
            Some(sim) => {
                sim.step(b as u64)?;
                Ok(sim.status().to_vec())
            }
            None => Err(handle_error(handle)),
        })
    });
    finish(outcome)
}

/// The packed result of a finished run.
#[no_mangle]
pub extern "C" fn vl_sim_result(handle: u32) -> u32 {
    finish(SIMS.with(|s| match s.borrow().1.get(&handle) {
        Some(sim) => sim.result(),
        None => Err(handle_error(handle)),
    }))
}

/// Frees a run (finished or not).
#[no_mangle]
pub extern "C" fn vl_sim_free(handle: u32) -> u32 {
    finish(SIMS.with(|s| match s.borrow_mut().1.remove(&handle) {
        Some(_) => Ok(Vec::new()),
        None => Err(handle_error(handle)),
    }))
}

/// The engine benchmark (hold model). Result: `[events, traceHashHi, traceHashLo, endTimeS]`.
#[no_mangle]
pub extern "C" fn vl_engine_hold(events: f64, entities: f64, seed: f64) -> u32 {
    finish(crate::engine::run_hold(events, entities, seed).map(|r| {
        let [hi, lo] = crate::scenarios::hash_halves(r.trace_hash);
        vec![r.events as f64, hi, lo, r.end_time_s]
    }))
}
