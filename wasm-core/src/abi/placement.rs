//! Exports of placement, density, workload generators and the profile
//! presets (feature `placement`). Bulk inputs are caller buffers read in
//! place; bulk results are `u32` slots read through `vl_out_u32_ptr/len(slot)`,
//! valid until the next placement call. TypeScript side: `src/sim/placement.ts`.

use super::buffers::{clear_out, in_records, in_slice, out_len, out_ptr, set_out};
use super::{finish, set_text};
use crate::error::{check_range, Error};
use crate::placement::{Config, Footprint, Host, PolicyKind, Vec3, Workloads};

/// Result: `[apps, appMemMiB, overheadMemMiB, freeMemMiB]`.
#[no_mangle]
pub extern "C" fn vl_host_fit(
    host_mem_mib: f64,
    host_reserve_mib: f64,
    app_mem_mib: f64,
    overhead_mib: f64,
) -> u32 {
    use crate::density::{host_fit, HostFitInput};
    let input = HostFitInput {
        host_mem_mib,
        host_reserve_mib,
        app_mem_mib,
        overhead_mib,
    };
    finish(host_fit(&input).map(|r| {
        vec![
            r.apps as f64,
            r.app_mem_mib,
            r.overhead_mem_mib,
            r.free_mem_mib,
        ]
    }))
}

const MAX_U32_IN: usize = 3 * crate::placement::MAX_WORKLOADS;
/// Values in a placement parameter buffer (see [`vl_place`]).
const PLACE_PARAMS: usize = 8;

/// Unpacks the buffers of `vl_place` and `vl_place_explain`.
fn place_inputs<'a>(
    hosts_ptr: *const u32,
    hosts_len: usize,
    work_ptr: *const u32,
    work_len: usize,
    dims: u32,
    params_ptr: *const f64,
    params_len: usize,
) -> Result<(Vec<Host>, Workloads<'a>, [f64; PLACE_PARAMS]), Error> {
    let h = in_records(
        hosts_ptr,
        hosts_len,
        "hosts",
        6,
        crate::placement::MAX_HOSTS,
        "host",
    )?;
    let hosts = h
        .chunks(6)
        .map(|c| Host {
            capacity: [c[0], c[1], c[2]],
            reserve: [c[3], c[4], c[5]],
        })
        .collect();
    let w = Workloads::new(
        in_slice(work_ptr, work_len, "workloads", MAX_U32_IN)?,
        dims as usize,
    )?;
    let p = in_slice(params_ptr, params_len, "params", PLACE_PARAMS)?;
    if p.len() != PLACE_PARAMS {
        return Err(Error::bad_buffer(
            "params",
            format!("params must hold {} values", PLACE_PARAMS),
        ));
    }
    let mut a = [0.0; PLACE_PARAMS];
    a.copy_from_slice(p);
    Ok((hosts, w, a))
}

/// The placement configuration from a policy number and the parameter buffer.
fn place_config(policy: u32, p: &[f64; PLACE_PARAMS]) -> Result<Config, Error> {
    Ok(Config {
        policy: PolicyKind::from_u32(policy)?,
        primary: check_range("primary", p[7], 0.0, 2.0)? as usize,
        overcommit: [p[0], p[1], p[2]],
        footprint: Footprint::new(p[3], p[4], p[5], p[6])?,
    })
}

/// Writes an outcome to the result slots; returns the summary buffer.
fn publish(out: crate::placement::Outcome) -> Vec<f64> {
    let s = out.summary;
    let mut summary = vec![s.placed as f64, s.unplaced as f64, s.hosts_used as f64];
    for v in [
        s.app,
        s.overhead,
        s.raw_capacity,
        s.reserve,
        s.usable,
        s.usable_on_used_hosts,
        s.stranded,
    ] {
        for x in v {
            summary.push(x as f64);
        }
    }
    let mut unplaced = Vec::with_capacity(3 * out.unplaced.len());
    for u in &out.unplaced {
        unplaced.extend_from_slice(&[u.workload, u.reason as u32, u.dims_mask]);
    }
    set_out([
        out.assignment,
        unplaced,
        flat(&out.host_usable),
        flat(&out.host_used),
    ]);
    summary
}

fn flat(v: &[Vec3]) -> Vec<u32> {
    let mut out = Vec::with_capacity(3 * v.len());
    for x in v {
        out.extend_from_slice(x);
    }
    out
}

/// What a placement call asks of the core; the exports below differ only in
/// this, so they share one body (one copy of the input checks in the wasm).
enum Ask {
    Place,
    Explain(u32),
    Detail,
    Assess(*const u32, usize),
}

#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn placement_call(
    ask: Ask,
    policy: u32,
    hosts_ptr: *const u32,
    hosts_len: usize,
    work_ptr: *const u32,
    work_len: usize,
    dims: u32,
    params_ptr: *const f64,
    params_len: usize,
) -> u32 {
    clear_out();
    let outcome = place_inputs(
        hosts_ptr, hosts_len, work_ptr, work_len, dims, params_ptr, params_len,
    )
    .and_then(|(hosts, w, p)| {
        let config = place_config(policy, &p)?;
        match ask {
            Ask::Place => Ok(publish(crate::placement::place(&hosts, &w, &config)?)),
            Ask::Assess(ptr, len) => {
                let assignment = in_slice(ptr, len, "assignment", crate::placement::MAX_WORKLOADS)?;
                Ok(publish(crate::placement::assess(
                    &hosts, &w, &config, assignment,
                )?))
            }
            Ask::Detail => {
                let order = crate::placement::placement_order(&hosts, &w, &config)?;
                let fp = crate::placement::footprints(&w, &config.footprint);
                set_out([fp, order, Vec::new(), Vec::new()]);
                Ok(vec![w.len() as f64])
            }
            Ask::Explain(step) => {
                let v = crate::placement::explain(&hosts, &w, &config, step as usize)?;
                let mut r = vec![
                    v.workload as f64,
                    v.chosen.map_or(-1.0, |c| c as f64),
                    v.cursor as f64,
                ];
                r.extend(v.app.iter().chain(v.footprint.iter()).map(|&x| x as f64));
                for f in &v.free {
                    r.extend(f.iter().map(|&x| x as f64));
                    r.push(if crate::placement::fits(f, &v.footprint) {
                        1.0
                    } else {
                        0.0
                    });
                }
                Ok(r)
            }
        }
    });
    finish(outcome)
}

/// Places workloads. hosts: 6 u32 per host [capacity cpu, mem, disk, reserve
/// cpu, mem, disk]; workloads: `dims` u32 per workload; params: [overcommit
/// cpu, mem, disk, memOverheadMiB, cpuOverheadMillis, cpuEfficiency,
/// diskOverheadMiB, primary]. Result: the summary; slots: 0 assignment,
/// 1 unplaced (workload, reason, dims mask), 2 usable ×3 per host, 3 used ×3.
#[no_mangle]
pub extern "C" fn vl_place(
    policy: u32,
    hosts_ptr: *const u32,
    hosts_len: usize,
    work_ptr: *const u32,
    work_len: usize,
    dims: u32,
    params_ptr: *const f64,
    params_len: usize,
) -> u32 {
    placement_call(
        Ask::Place,
        policy,
        hosts_ptr,
        hosts_len,
        work_ptr,
        work_len,
        dims,
        params_ptr,
        params_len,
    )
}

/// One step of a placement seen from every host. Result: [workload, chosen
/// (−1 = none), cursor, app ×3, footprint ×3, then per host free ×3, fits].
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn vl_place_explain(
    policy: u32,
    hosts_ptr: *const u32,
    hosts_len: usize,
    work_ptr: *const u32,
    work_len: usize,
    dims: u32,
    params_ptr: *const f64,
    params_len: usize,
    step: u32,
) -> u32 {
    placement_call(
        Ask::Explain(step),
        policy,
        hosts_ptr,
        hosts_len,
        work_ptr,
        work_len,
        dims,
        params_ptr,
        params_len,
    )
}

/// What a placement widget draws besides the outcome: slot 0 the footprint
/// of every workload (3 u32 each, input order), slot 1 the workload indices
/// in placement order. Same arguments as [`vl_place`]. Result: [workloads].
#[no_mangle]
pub extern "C" fn vl_place_detail(
    policy: u32,
    hosts_ptr: *const u32,
    hosts_len: usize,
    work_ptr: *const u32,
    work_len: usize,
    dims: u32,
    params_ptr: *const f64,
    params_len: usize,
) -> u32 {
    placement_call(
        Ask::Detail,
        policy,
        hosts_ptr,
        hosts_len,
        work_ptr,
        work_len,
        dims,
        params_ptr,
        params_len,
    )
}

/// The outcome of an assignment made elsewhere (one host index per workload,
/// `u32::MAX` for none), summed as [`vl_place`] sums its own: the same
/// result and slots, with no unplaced reasons (slot 1 empty).
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn vl_place_assess(
    hosts_ptr: *const u32,
    hosts_len: usize,
    work_ptr: *const u32,
    work_len: usize,
    dims: u32,
    params_ptr: *const f64,
    params_len: usize,
    assign_ptr: *const u32,
    assign_len: usize,
) -> u32 {
    // The policy is not used: first-fit (0) stands in.
    placement_call(
        Ask::Assess(assign_ptr, assign_len),
        0,
        hosts_ptr,
        hosts_len,
        work_ptr,
        work_len,
        dims,
        params_ptr,
        params_len,
    )
}

/// Generates `count` workloads. params: [cpuMin, cpuMax, memMin, memMax, q].
/// Slot 0: [cpuMillis, memMiB] per workload. Result: [count].
#[no_mangle]
pub extern "C" fn vl_workloads_generate(
    kind: u32,
    count: f64,
    seed: f64,
    params_ptr: *const f64,
    params_len: usize,
) -> u32 {
    clear_out();
    let outcome = (|| {
        let n = check_range("count", count, 0.0, crate::workloads::MAX_GENERATED as f64)? as usize;
        let seed = check_range("seed", seed, 0.0, 9_007_199_254_740_991.0)? as u64;
        let p = in_slice(params_ptr, params_len, "params", 5)?;
        let mut a = [0.0; 5];
        a[..p.len()].copy_from_slice(p);
        let v = crate::workloads::generate(
            &crate::workloads::Generator::from_params(kind, &a)?,
            n,
            seed,
        )?;
        set_out([v, Vec::new(), Vec::new(), Vec::new()]);
        Ok(vec![n as f64])
    })();
    finish(outcome)
}

#[no_mangle]
pub extern "C" fn vl_out_u32_ptr(slot: u32) -> *const u32 {
    out_ptr(slot)
}

#[no_mangle]
pub extern "C" fn vl_out_u32_len(slot: u32) -> usize {
    out_len(slot)
}

/// Writes the presets JSON (profiles, hosts, kube defaults) to the text buffer.
#[no_mangle]
pub extern "C" fn vl_presets() -> u32 {
    set_text(crate::profiles::presets_json());
    finish(Ok(Vec::new()))
}
