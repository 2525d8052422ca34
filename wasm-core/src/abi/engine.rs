//! Exports of the event engine and the scenarios (feature `engine`).
//! Parameter and result layouts are documented once, in `scenarios/mod.rs`.
//! Scenario kinds: 1 traffic spike, 2 migration, 3 patch day, 4 datacenter.

use std::cell::RefCell;
use std::collections::BTreeMap;

use super::buffers::read_f64s;
use super::{finish, set_text};
use crate::error::Error;
use crate::scenarios::Sim;

/// Most stepped runs alive at once.
const MAX_RUNS: usize = 1024;

thread_local! {
    /// Live stepped runs by handle. Handles are never reused, so a stale one is an error.
    static SIMS: RefCell<(u32, BTreeMap<u32, Sim>)> = RefCell::new((0, BTreeMap::new()));
}

fn handle_error(handle: u32) -> Error {
    Error::bad_handle(
        "handle",
        format!("handle {} does not refer to a live run", handle),
    )
}

/// Result: per parameter `[default, min, max, integer, step, log, sliderMin,
/// sliderMax]` (`scenarios::spec_numbers`); text: the spec lines
/// (`variant`, `param`, `column`, `summary`) from `scenarios::spec_text`.
#[no_mangle]
pub extern "C" fn vl_scenario_spec(kind: u32, variant: u32) -> u32 {
    let outcome = crate::scenarios::spec_text(kind, variant).and_then(|text| {
        set_text(text);
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
    let outcome = read_f64s(params, len)
        .and_then(|v| Sim::new(kind, &v))
        .and_then(|sim| {
            SIMS.with(|s| {
                let mut s = s.borrow_mut();
                if s.1.len() >= MAX_RUNS {
                    return Err(Error::limit_exceeded(
                        "handle",
                        format!("more than {} runs are live; free some", MAX_RUNS),
                    ));
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
