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
//!
//! Each wasm module exports the common functions above plus its features'
//! sections below (`placement`, `engine` for the scenario exports); the
//! generated `.d.ts` of each module lists exactly what it holds.

use std::cell::RefCell;

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

/// Which parts this module holds, as bits: 1 placement, 2 scenarios (traffic
/// spike, migration, patch day), 4 datacenter. The loader checks it.
#[no_mangle]
pub extern "C" fn vl_parts() -> u32 {
    (cfg!(feature = "placement") as u32) | (cfg!(feature = "scenarios") as u32) << 1 | (cfg!(feature = "datacenter") as u32) << 2
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
#[cfg(feature = "placement")]
#[no_mangle]
pub extern "C" fn vl_host_fit(host_mem_mib: f64, host_reserve_mib: f64, app_mem_mib: f64, overhead_mib: f64) -> u32 {
    use crate::density::{host_fit, HostFitInput};
    let input = HostFitInput { host_mem_mib, host_reserve_mib, app_mem_mib, overhead_mib };
    finish(host_fit(&input).map(|r| vec![r.apps as f64, r.app_mem_mib, r.overhead_mem_mib, r.free_mem_mib]))
}

// ---- Event engine and scenarios -------------------------------------------
// Parameter and result layouts are documented once, in `scenarios/mod.rs`.
// Scenario kinds: 1 traffic spike, 2 migration, 3 patch day, 4 datacenter.

#[cfg(feature = "engine")]
thread_local! {
    /// Text results (scenario specs), valid until the next text-producing call.
    static TEXT: RefCell<String> = RefCell::new(String::new());
    /// Live stepped runs by handle. Handles are never reused, so a stale one is an error.
    static SIMS: RefCell<(u32, std::collections::BTreeMap<u32, crate::scenarios::Sim>)> =
        RefCell::new((0, std::collections::BTreeMap::new()));
}

/// Most `f64` values a caller buffer may hold.
#[cfg(feature = "engine")]
const MAX_PARAMS: usize = 10_000_000;

/// Copies `len` f64 values from a caller buffer (from `vl_alloc`; may be unaligned).
#[cfg(feature = "engine")]
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

#[cfg(feature = "engine")]
fn handle_error(handle: u32) -> Error {
    Error::new(crate::ErrorCode::BadHandle, "handle", format!("handle {} does not refer to a live run", handle))
}

#[cfg(feature = "engine")]
#[no_mangle]
pub extern "C" fn vl_text_ptr() -> *const u8 {
    TEXT.with(|t| t.borrow().as_ptr())
}

#[cfg(feature = "engine")]
#[no_mangle]
pub extern "C" fn vl_text_len() -> usize {
    TEXT.with(|t| t.borrow().len())
}

/// Result: per parameter `[default, min, max, integer]`; text: the spec lines
/// (`variant`, `param`, `column`, `summary`) from `scenarios::spec_text`.
#[cfg(feature = "engine")]
#[no_mangle]
pub extern "C" fn vl_scenario_spec(kind: u32, variant: u32) -> u32 {
    let outcome = crate::scenarios::spec_text(kind, variant).and_then(|text| {
        TEXT.with(|t| *t.borrow_mut() = text);
        crate::scenarios::spec_numbers(kind, variant)
    });
    finish(outcome)
}

/// Runs a scenario to completion. Result: the packed layout of `scenarios/mod.rs`.
#[cfg(feature = "engine")]
#[no_mangle]
pub extern "C" fn vl_scenario_run(kind: u32, params: *const f64, len: usize) -> u32 {
    finish(read_f64s(params, len).and_then(|v| crate::scenarios::run(kind, &v)))
}

/// Starts a stepped run. Result: `[handle]`.
#[cfg(feature = "engine")]
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
#[cfg(feature = "engine")]
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
#[cfg(feature = "engine")]
#[no_mangle]
pub extern "C" fn vl_sim_result(handle: u32) -> u32 {
    finish(SIMS.with(|s| match s.borrow().1.get(&handle) {
        Some(sim) => sim.result(),
        None => Err(handle_error(handle)),
    }))
}

/// Frees a run (finished or not).
#[cfg(feature = "engine")]
#[no_mangle]
pub extern "C" fn vl_sim_free(handle: u32) -> u32 {
    finish(SIMS.with(|s| match s.borrow_mut().1.remove(&handle) {
        Some(_) => Ok(Vec::new()),
        None => Err(handle_error(handle)),
    }))
}

/// The engine benchmark (hold model). Result: `[events, traceHashHi, traceHashLo, endTimeS]`.
#[cfg(feature = "engine")]
#[no_mangle]
pub extern "C" fn vl_engine_hold(events: f64, entities: f64, seed: f64) -> u32 {
    finish(crate::engine::run_hold(events, entities, seed).map(|r| {
        let [hi, lo] = crate::scenarios::hash_halves(r.trace_hash);
        vec![r.events as f64, hi, lo, r.end_time_s]
    }))
}

// ---- Placement, profiles, workloads, Kubernetes scoring --------------------
// Bulk inputs are caller buffers (vl_alloc) read in place; bulk results are
// u32 slots read through `vl_out_u32_ptr/len(slot)`, valid until the next
// placement call. Layouts are documented in `src/sim/placement.ts`.

#[cfg(feature = "placement")]
thread_local! {
    static OUT_U32: RefCell<[Vec<u32>; 4]> = RefCell::new([Vec::new(), Vec::new(), Vec::new(), Vec::new()]);
    static PLACE_TEXT: RefCell<String> = RefCell::new(String::new());
}

#[cfg(feature = "placement")]
fn set_out(slots: [Vec<u32>; 4]) {
    OUT_U32.with(|o| *o.borrow_mut() = slots);
}

#[cfg(feature = "placement")]
fn clear_out() {
    set_out([Vec::new(), Vec::new(), Vec::new(), Vec::new()]);
}

/// A caller buffer as a slice, without copying; checks null and alignment.
#[cfg(feature = "placement")]
fn in_slice<'a, T>(ptr: *const T, len: usize, field: &str, max: usize) -> Result<&'a [T], Error> {
    if len == 0 {
        return Ok(&[]);
    }
    if len > max {
        return Err(Error::new(crate::ErrorCode::LimitExceeded, field, format!("{} has {} values; the limit is {}", field, len, max)));
    }
    if ptr.is_null() || (ptr as usize) % std::mem::align_of::<T>() != 0 {
        return Err(Error::new(crate::ErrorCode::BadBuffer, field, format!("{} buffer is null or misaligned", field)));
    }
    // SAFETY: the caller passes a live, aligned buffer of `len` values (the ABI contract).
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

#[cfg(feature = "placement")]
const MAX_U32_IN: usize = 3 * crate::placement::MAX_WORKLOADS;

#[cfg(feature = "placement")]
fn place_inputs<'a>(
    hosts_ptr: *const u32,
    hosts_len: usize,
    work_ptr: *const u32,
    work_len: usize,
    dims: u32,
    params_ptr: *const f64,
    params_len: usize,
) -> Result<(Vec<crate::placement::Host>, crate::placement::Workloads<'a>, [f64; 8]), Error> {
    use crate::placement::{Host, Workloads};
    let h = in_slice(hosts_ptr, hosts_len, "hosts", 6 * crate::placement::MAX_HOSTS)?;
    if h.len() % 6 != 0 {
        return Err(Error::new(crate::ErrorCode::BadBuffer, "hosts", "hosts must hold 6 values per host".to_string()));
    }
    let hosts = h.chunks(6).map(|c| Host { capacity: [c[0], c[1], c[2]], reserve: [c[3], c[4], c[5]] }).collect();
    let w = Workloads::new(in_slice(work_ptr, work_len, "workloads", MAX_U32_IN)?, dims as usize)?;
    let p = in_slice(params_ptr, params_len, "params", 8)?;
    if p.len() != 8 {
        return Err(Error::new(crate::ErrorCode::BadBuffer, "params", "params must hold 8 values".to_string()));
    }
    let mut a = [0.0; 8];
    a.copy_from_slice(p);
    Ok((hosts, w, a))
}

#[cfg(feature = "placement")]
fn place_config(policy: u32, p: &[f64; 8]) -> Result<crate::placement::Config, Error> {
    use crate::placement::{Config, Footprint, PolicyKind};
    let primary = crate::error::check_range("primary", p[7], 0.0, 2.0)? as usize;
    Ok(Config { policy: PolicyKind::from_u32(policy)?, primary, overcommit: [p[0], p[1], p[2]], footprint: Footprint::new(p[3], p[4], p[5], p[6])? })
}

/// Places workloads. hosts: 6 u32 per host [capacity cpu, mem, disk, reserve
/// cpu, mem, disk]; workloads: `dims` u32 per workload; params: [overcommit
/// cpu, mem, disk, memOverheadMiB, cpuOverheadMillis, cpuEfficiency,
/// diskOverheadMiB, primary]. Result: the summary; slots: 0 assignment,
/// 1 unplaced (workload, reason, dims mask), 2 usable ×3 per host, 3 used ×3.
#[cfg(feature = "placement")]
#[no_mangle]
pub extern "C" fn vl_place(policy: u32, hosts_ptr: *const u32, hosts_len: usize, work_ptr: *const u32, work_len: usize, dims: u32, params_ptr: *const f64, params_len: usize) -> u32 {
    clear_out();
    let outcome = place_inputs(hosts_ptr, hosts_len, work_ptr, work_len, dims, params_ptr, params_len).and_then(|(hosts, w, p)| {
        let out = crate::placement::place(&hosts, &w, &place_config(policy, &p)?)?;
        let s = out.summary;
        let mut summary = vec![s.placed as f64, s.unplaced as f64, s.hosts_used as f64];
        for v in [s.app, s.overhead, s.raw_capacity, s.reserve, s.usable, s.usable_on_used_hosts, s.stranded] {
            summary.extend(v.iter().map(|&x| x as f64));
        }
        let unplaced = out.unplaced.iter().flat_map(|u| [u.workload, u.reason as u32, u.dims_mask]).collect();
        let flat = |v: Vec<crate::placement::Vec3>| v.into_iter().flatten().collect::<Vec<u32>>();
        set_out([out.assignment, unplaced, flat(out.host_usable), flat(out.host_used)]);
        Ok(summary)
    });
    finish(outcome)
}

/// One step of a placement seen from every host. Result: [workload, chosen
/// (−1 = none), cursor, app ×3, footprint ×3, then per host free ×3, fits].
#[cfg(feature = "placement")]
#[no_mangle]
pub extern "C" fn vl_place_explain(policy: u32, hosts_ptr: *const u32, hosts_len: usize, work_ptr: *const u32, work_len: usize, dims: u32, params_ptr: *const f64, params_len: usize, step: u32) -> u32 {
    let outcome = place_inputs(hosts_ptr, hosts_len, work_ptr, work_len, dims, params_ptr, params_len).and_then(|(hosts, w, p)| {
        let v = crate::placement::explain(&hosts, &w, &place_config(policy, &p)?, step as usize)?;
        let mut r = vec![v.workload as f64, v.chosen.map_or(-1.0, |c| c as f64), v.cursor as f64];
        r.extend(v.app.iter().chain(v.footprint.iter()).map(|&x| x as f64));
        for f in &v.free {
            r.extend(f.iter().map(|&x| x as f64));
            r.push(if crate::placement::fits(f, &v.footprint) { 1.0 } else { 0.0 });
        }
        Ok(r)
    });
    finish(outcome)
}

/// Generates `count` workloads. params: [cpuMin, cpuMax, memMin, memMax, q].
/// Slot 0: [cpuMillis, memMiB] per workload. Result: [count].
#[cfg(feature = "placement")]
#[no_mangle]
pub extern "C" fn vl_workloads_generate(kind: u32, count: f64, seed: f64, params_ptr: *const f64, params_len: usize) -> u32 {
    clear_out();
    let outcome = (|| {
        let n = crate::error::check_range("count", count, 0.0, crate::workloads::MAX_GENERATED as f64)? as usize;
        let seed = crate::error::check_range("seed", seed, 0.0, 9_007_199_254_740_991.0)? as u64;
        let p = in_slice(params_ptr, params_len, "params", 5)?;
        let mut a = [0.0; 5];
        a[..p.len()].copy_from_slice(p);
        let v = crate::workloads::generate(&crate::workloads::Generator::from_params(kind, &a)?, n, seed)?;
        set_out([v, Vec::new(), Vec::new(), Vec::new()]);
        Ok(vec![n as f64])
    })();
    finish(outcome)
}

#[cfg(feature = "placement")]
#[no_mangle]
pub extern "C" fn vl_out_u32_ptr(slot: u32) -> *const u32 {
    OUT_U32.with(|o| o.borrow().get(slot as usize).map_or(std::ptr::null(), |v| v.as_ptr()))
}

#[cfg(feature = "placement")]
#[no_mangle]
pub extern "C" fn vl_out_u32_len(slot: u32) -> usize {
    OUT_U32.with(|o| o.borrow().get(slot as usize).map_or(0, |v| v.len()))
}

/// Writes the presets JSON (profiles, hosts, kube defaults) to the placement text buffer.
#[cfg(feature = "placement")]
#[no_mangle]
pub extern "C" fn vl_presets() -> u32 {
    PLACE_TEXT.with(|t| *t.borrow_mut() = crate::profiles::presets_json());
    finish(Ok(Vec::new()))
}

#[cfg(feature = "placement")]
#[no_mangle]
pub extern "C" fn vl_place_text_ptr() -> *const u8 {
    PLACE_TEXT.with(|t| t.borrow().as_ptr())
}

#[cfg(feature = "placement")]
#[no_mangle]
pub extern "C" fn vl_place_text_len() -> usize {
    PLACE_TEXT.with(|t| t.borrow().len())
}

#[cfg(feature = "placement")]
fn kube_nodes(ptr: *const f64, len: usize) -> Result<Vec<crate::kube::Node>, Error> {
    use crate::kube::quantity;
    let v = in_slice(ptr, len, "nodes", 4 * crate::kube::MAX_NODES)?;
    if v.len() % 4 != 0 {
        return Err(Error::new(crate::ErrorCode::BadBuffer, "nodes", "nodes must hold 4 values per node".to_string()));
    }
    v.chunks(4)
        .enumerate()
        .map(|(i, c)| {
            let q = |k: usize, f: &str| quantity(&format!("nodes[{}].{}", i, f), c[k]);
            let requested = [q(2, "requested.cpu")?, q(3, "requested.memory")?];
            Ok(crate::kube::Node { allocatable: [q(0, "allocatable.cpu")?, q(1, "allocatable.memory")?], requested, nonzero_requested: requested })
        })
        .collect()
}

/// −1 (or any negative value) = unset.
#[cfg(feature = "placement")]
fn kube_pod(field: &str, cpu: f64, mem: f64) -> Result<crate::kube::Pod, Error> {
    let q = |v: f64, f: &str| -> Result<Option<i64>, Error> { if v < 0.0 { Ok(None) } else { crate::kube::quantity(&format!("{}.{}", field, f), v).map(Some) } };
    Ok(crate::kube::Pod { request: [q(cpu, "cpu")?, q(mem, "memory")?] })
}

/// config: [strategy, weightCpu, weightMemory, fitWeight, balancedWeight,
/// percentageOfNodesToScore, then shape (utilization, score) pairs].
#[cfg(feature = "placement")]
fn kube_config(ptr: *const f64, len: usize) -> Result<crate::kube::SchedConfig, Error> {
    use crate::kube::{SchedConfig, ScoreConfig, Strategy};
    let c = in_slice(ptr, len, "config", 6 + 2 * 101)?;
    if c.len() < 6 || c.len() % 2 != 0 {
        return Err(Error::new(crate::ErrorCode::BadBuffer, "config", "config must hold 6 values plus shape pairs".to_string()));
    }
    let int = |i: usize, f: &str, lo: f64, hi: f64| crate::error::check_range(f, c[i], lo, hi).map(|x| x as i64);
    let strategy = Strategy::from_u32(int(0, "strategy", 0.0, 3.0)? as u32)?;
    let shape = c[6..].chunks(2).map(|p| (p[0] as i64, p[1] as i64)).collect::<Vec<_>>();
    for (i, p) in c[6..].chunks(2).enumerate() {
        crate::error::check_range(&format!("shape[{}].utilization", i), p[0], 0.0, 100.0)?;
        crate::error::check_range(&format!("shape[{}].score", i), p[1], 0.0, 10.0)?;
    }
    let mut fit = ScoreConfig::new(strategy);
    fit.weights = [int(1, "resources.cpu.weight", 0.0, 100.0)?, int(2, "resources.memory.weight", 0.0, 100.0)?];
    if !shape.is_empty() {
        fit.shape = shape;
    }
    Ok(SchedConfig {
        fit,
        fit_weight: int(3, "fitWeight", 0.0, 100.0)?,
        balanced_weight: int(4, "balancedWeight", 0.0, 100.0)?,
        percentage_of_nodes_to_score: int(5, "percentageOfNodesToScore", 0.0, 100.0)?,
    })
}

/// Scores every node for one pod with one strategy. nodes: 4 f64 per node
/// [allocatable cpu, memory, requested cpu, memory] (millicores, bytes);
/// config as `kube_config` (fit/balanced weights and sampling unused).
/// Result: per node [fits, score].
#[cfg(feature = "placement")]
#[no_mangle]
pub extern "C" fn vl_kube_score(nodes_ptr: *const f64, nodes_len: usize, pod_cpu: f64, pod_mem: f64, config_ptr: *const f64, config_len: usize) -> u32 {
    let outcome = (|| {
        let nodes = kube_nodes(nodes_ptr, nodes_len)?;
        let pod = kube_pod("pod", pod_cpu, pod_mem)?;
        let cfg = kube_config(config_ptr, config_len)?;
        let scores = crate::kube::score_nodes(&cfg.fit, &nodes, &pod)?;
        Ok(nodes.iter().zip(scores).flat_map(|(n, s)| [if crate::kube::fits(n, &pod) { 1.0 } else { 0.0 }, s as f64]).collect())
    })();
    finish(outcome)
}

#[cfg(feature = "placement")]
fn kube_run(nodes_ptr: *const f64, nodes_len: usize, pods_ptr: *const f64, pods_len: usize, config_ptr: *const f64, config_len: usize, explain: Option<usize>) -> Result<Vec<f64>, Error> {
    let nodes = kube_nodes(nodes_ptr, nodes_len)?;
    let pods = in_slice(pods_ptr, pods_len, "pods", 2 * crate::kube::MAX_PODS)?;
    if pods.len() % 2 != 0 {
        return Err(Error::new(crate::ErrorCode::BadBuffer, "pods", "pods must hold 2 values per pod".to_string()));
    }
    let mut s = crate::kube::Scheduler::new(kube_config(config_ptr, config_len)?, nodes)?;
    let n_pods = pods.len() / 2;
    if let Some(step) = explain {
        if step >= n_pods {
            return Err(Error::out_of_range("step", step as f64, 0.0, n_pods as f64 - 1.0));
        }
    }
    let mut assignment = Vec::with_capacity(n_pods);
    let mut views = Vec::new();
    for i in 0..n_pods {
        let pod = kube_pod(&format!("pods[{}]", i), pods[2 * i], pods[2 * i + 1])?;
        if explain == Some(i) {
            let chosen = s.schedule(&pod, Some(&mut views));
            let mut r = vec![chosen.map_or(-1.0, |c| c as f64)];
            for v in &views {
                r.extend([v.feasible as u8 as f64, v.scored as u8 as f64, v.fit_score as f64, v.balanced_score as f64, v.total as f64]);
            }
            return Ok(r);
        }
        assignment.push(s.schedule(&pod, None).map_or(crate::kube::NOT_SCHEDULED, |c| c as u32));
    }
    let scheduled = assignment.iter().filter(|&&a| a != crate::kube::NOT_SCHEDULED).count();
    let mut r = vec![scheduled as f64];
    for n in &s.nodes {
        r.extend([n.requested[0] as f64, n.requested[1] as f64]);
    }
    set_out([assignment, Vec::new(), Vec::new(), Vec::new()]);
    Ok(r)
}

/// Schedules pods one by one (filter, NodeResourcesFit + BalancedAllocation,
/// optional sampling). pods: 2 f64 per pod [cpu, memory], −1 = unset.
/// Result: [scheduled, then per node requested cpu, memory]; slot 0: node per pod.
#[cfg(feature = "placement")]
#[no_mangle]
pub extern "C" fn vl_kube_schedule(nodes_ptr: *const f64, nodes_len: usize, pods_ptr: *const f64, pods_len: usize, config_ptr: *const f64, config_len: usize) -> u32 {
    clear_out();
    finish(kube_run(nodes_ptr, nodes_len, pods_ptr, pods_len, config_ptr, config_len, None))
}

/// Pod `step` of a scheduling run seen from every node. Result: [chosen (−1 =
/// none), then per node feasible, scored, fitScore, balancedScore, total].
#[cfg(feature = "placement")]
#[no_mangle]
pub extern "C" fn vl_kube_explain(nodes_ptr: *const f64, nodes_len: usize, pods_ptr: *const f64, pods_len: usize, config_ptr: *const f64, config_len: usize, step: u32) -> u32 {
    finish(kube_run(nodes_ptr, nodes_len, pods_ptr, pods_len, config_ptr, config_len, Some(step as usize)))
}
