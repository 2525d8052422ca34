//! Exports of the Kubernetes-style scoring and scheduling (feature
//! `placement`): unpack the buffers, call `kube` / `kube_batch`, pack the
//! results. TypeScript side: `src/sim/kube.ts`.
//!
//! Every call names its resources first: `kinds` holds one code per
//! resource (0 cpu, 1 memory, 2 ephemeral-storage, 3 scalar), cpu and
//! memory first; nodes and pods then hold one value per resource.

use super::buffers::{clear_out, in_slice, set_out};
use super::finish;
use crate::error::{check_range, Error};
use crate::kube::{
    check_at, check_kinds, quantity_at, Entry, Kind, KubeVersion, Node, Pod, SchedConfig, Strategy,
    MAX_CONFIG_RESOURCES,
};

fn kinds(ptr: *const f64, len: usize) -> Result<Vec<Kind>, Error> {
    let v = in_slice(ptr, len, "resources", crate::kube::MAX_RESOURCES)?;
    let kinds = v
        .iter()
        .enumerate()
        .map(|(i, &c)| Kind::from_code(&format!("resources[{}]", i), c))
        .collect::<Result<Vec<_>, _>>()?;
    check_kinds(&kinds)?;
    Ok(kinds)
}

/// The resource names for messages: cpu, memory, then by kind.
fn names(kinds: &[Kind]) -> Vec<&'static str> {
    const NAME: [&str; 4] = ["cpu", "memory", "ephemeral-storage", "scalar resource"];
    kinds.iter().map(|&k| NAME[k as usize]).collect()
}

/// nodes: per node the allocatable amounts of every resource, then the
/// requested ones (2 × resources values per node).
fn nodes(kinds: &[Kind], names: &[&str], ptr: *const f64, len: usize) -> Result<Vec<Node>, Error> {
    let k = kinds.len();
    let v = in_slice(ptr, len, "nodes", 2 * k * crate::kube::MAX_NODES)?;
    if v.len() % (2 * k) != 0 {
        return Err(Error::bad_buffer(
            "nodes",
            "nodes must hold 2 values per resource per node".to_string(),
        ));
    }
    v.chunks(2 * k)
        .enumerate()
        .map(|(i, c)| {
            let q = |j: usize, part: &str| {
                quantity_at(c[j], || {
                    format!("nodes[{}].{}.{}", i, part, names.get(j % k).unwrap_or(&"?"))
                })
            };
            let allocatable = (0..k)
                .map(|j| q(j, "allocatable"))
                .collect::<Result<Vec<_>, _>>()?;
            let requested = (k..2 * k)
                .map(|j| q(j, "requested"))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Node::new(allocatable, requested))
        })
        .collect()
}

/// A pod's requests, one per resource; −1 (or any negative value) = unset.
/// `at`: None for `pod`, Some(i) for `pods[i]`.
fn pod(at: Option<usize>, names: &[&str], v: &[f64]) -> Result<Pod, Error> {
    let field = || at.map_or("pod".to_string(), |i| format!("pods[{}]", i));
    let request = v
        .iter()
        .enumerate()
        .map(|(j, &x)| {
            if x < 0.0 {
                Ok(None)
            } else {
                quantity_at(x, || {
                    format!("{}.{}", field(), names.get(j).unwrap_or(&"?"))
                })
                .map(Some)
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Pod { request })
}

/// pods: one value per resource per pod, −1 = unset.
fn pods(k: usize, names: &[&str], ptr: *const f64, len: usize) -> Result<Vec<Pod>, Error> {
    let v = in_slice(ptr, len, "pods", k * crate::kube::MAX_PODS)?;
    if v.len() % k != 0 {
        return Err(Error::bad_buffer(
            "pods",
            "pods must hold one value per resource per pod".to_string(),
        ));
    }
    v.chunks(k)
        .enumerate()
        .map(|(i, p)| pod(Some(i), names, p))
        .collect()
}

/// config: [strategy, kube minor version, fitWeight, balancedWeight,
/// percentageOfNodesToScore, fit entries F, BalancedAllocation entries B,
/// shape points S, then F (resource, weight) pairs, B (resource, weight)
/// pairs, S (utilization, score) pairs].
fn config(k: usize, ptr: *const f64, len: usize) -> Result<SchedConfig, Error> {
    let c = in_slice(ptr, len, "config", 8 + 4 * MAX_CONFIG_RESOURCES + 2 * 101)?;
    let bad = || {
        Error::bad_buffer(
            "config",
            "config must hold 8 values and then the entries and shape points they announce"
                .to_string(),
        )
    };
    if c.len() < 8 {
        return Err(bad());
    }
    let int = |i: usize, f: &str, lo: f64, hi: f64| check_range(f, c[i], lo, hi).map(|x| x as i64);
    let strategy = Strategy::from_u32(int(0, "strategy", 0.0, 3.0)? as u32)?;
    let version = KubeVersion::new(c[1])?;
    let nf = int(5, "config", 0.0, MAX_CONFIG_RESOURCES as f64)? as usize;
    let nb = int(6, "config", 0.0, MAX_CONFIG_RESOURCES as f64)? as usize;
    let ns = int(7, "config", 0.0, 101.0)? as usize;
    if c.len() != 8 + 2 * (nf + nb + ns) {
        return Err(bad());
    }
    let entries = |from: usize, n: usize, field: &str| -> Result<Vec<Entry>, Error> {
        (0..n)
            .map(|i| {
                let p = &c[from + 2 * i..from + 2 * i + 2];
                Ok(Entry {
                    resource: check_at(field, i, "name", p[0], 0.0, k as f64 - 1.0)? as usize,
                    weight: check_at(field, i, "weight", p[1], 0.0, 100.0)? as i64,
                })
            })
            .collect()
    };
    let mut cfg = SchedConfig::new(strategy);
    cfg.fit.strategy = strategy;
    cfg.fit.version = version;
    cfg.balanced.version = version;
    cfg.fit.resources = entries(8, nf, "resources")?;
    cfg.balanced.resources = entries(8 + 2 * nf, nb, "balancedResources")?;
    let from = 8 + 2 * (nf + nb);
    let mut shape = Vec::with_capacity(ns);
    for i in 0..ns {
        let p = &c[from + 2 * i..from + 2 * i + 2];
        let u = check_at("shape", i, "utilization", p[0], 0.0, 100.0)?;
        let s = check_at("shape", i, "score", p[1], 0.0, 10.0)?;
        shape.push((u as i64, s as i64));
    }
    if !shape.is_empty() {
        cfg.fit.shape = shape;
    }
    cfg.fit_weight = int(2, "fitWeight", 0.0, 100.0)?;
    cfg.balanced_weight = int(3, "balancedWeight", 0.0, 100.0)?;
    cfg.percentage_of_nodes_to_score = int(4, "percentageOfNodesToScore", 0.0, 100.0)?;
    Ok(cfg)
}

/// Scores every node for one pod with one plugin: NodeResourcesFit with the
/// configured strategy, or BalancedAllocation (strategy 3, over the fit
/// entries). kinds, nodes and config as above; pod: one value per resource.
/// Result: per node [fits, score].
#[cfg(feature = "kube-score")]
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn vl_kube_score(
    kinds_ptr: *const f64,
    kinds_len: usize,
    nodes_ptr: *const f64,
    nodes_len: usize,
    pod_ptr: *const f64,
    pod_len: usize,
    config_ptr: *const f64,
    config_len: usize,
) -> u32 {
    let outcome = (|| {
        let kinds = kinds(kinds_ptr, kinds_len)?;
        let names = names(&kinds);
        let nodes = nodes(&kinds, &names, nodes_ptr, nodes_len)?;
        let p = in_slice(pod_ptr, pod_len, "pod", kinds.len())?;
        if p.len() != kinds.len() {
            return Err(Error::bad_buffer(
                "pod",
                "pod must hold one value per resource".to_string(),
            ));
        }
        let pod = pod(None, &names, p)?;
        let cfg = config(kinds.len(), config_ptr, config_len)?;
        let scores = crate::kube::score_nodes(&cfg.fit, &kinds, &nodes, &pod)?;
        Ok(nodes
            .iter()
            .zip(scores)
            .flat_map(|(n, s)| [crate::kube::fits(n, &pod) as u8 as f64, s as f64])
            .collect())
    })();
    finish(outcome)
}

/// Schedules pods one by one (filter, NodeResourcesFit + BalancedAllocation,
/// optional sampling). Result: [scheduled, then per node the requested
/// amount of every resource, then per pod the total of its node (−1 = not
/// scheduled)]; slot 0: node per pod.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn vl_kube_schedule(
    kinds_ptr: *const f64,
    kinds_len: usize,
    nodes_ptr: *const f64,
    nodes_len: usize,
    pods_ptr: *const f64,
    pods_len: usize,
    config_ptr: *const f64,
    config_len: usize,
) -> u32 {
    clear_out();
    let outcome = (|| {
        let kinds = kinds(kinds_ptr, kinds_len)?;
        let names = names(&kinds);
        let k = kinds.len();
        let nodes = nodes(&kinds, &names, nodes_ptr, nodes_len)?;
        let pods = pods(k, &names, pods_ptr, pods_len)?;
        let cfg = config(k, config_ptr, config_len)?;
        let b = crate::kube_batch::schedule_all(cfg, kinds, nodes, &pods)?;
        let mut r = Vec::with_capacity(1 + k * b.requested.len() + b.total.len());
        r.push(b.scheduled as f64);
        for q in &b.requested {
            r.extend(q.iter().map(|&v| v as f64));
        }
        r.extend(b.total.iter().map(|&t| t as f64));
        set_out([b.assignment, Vec::new(), Vec::new(), Vec::new()]);
        Ok(r)
    })();
    finish(outcome)
}

/// Pod `step` of a scheduling run seen from every node. Result: [chosen (−1 =
/// none), then per node feasible, scored, fitScore, balancedScore, total and
/// the node's requests before the pod (one per resource kind), then the
/// Kubernetes minor version modelled].
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn vl_kube_explain(
    kinds_ptr: *const f64,
    kinds_len: usize,
    nodes_ptr: *const f64,
    nodes_len: usize,
    pods_ptr: *const f64,
    pods_len: usize,
    config_ptr: *const f64,
    config_len: usize,
    step: u32,
) -> u32 {
    let outcome = (|| {
        let kinds = kinds(kinds_ptr, kinds_len)?;
        let names = names(&kinds);
        let k = kinds.len();
        let nodes = nodes(&kinds, &names, nodes_ptr, nodes_len)?;
        let pods = pods(k, &names, pods_ptr, pods_len)?;
        let cfg = config(k, config_ptr, config_len)?;
        let e = crate::kube_batch::explain(cfg, kinds, nodes, &pods, step as usize)?;
        let mut r = vec![e.chosen.map_or(-1.0, |c| c as f64)];
        for (v, q) in e.views.iter().zip(&e.requested) {
            r.extend([
                v.feasible as u8 as f64,
                v.scored as u8 as f64,
                v.fit_score as f64,
                v.balanced_score as f64,
                v.total as f64,
            ]);
            r.extend(q.iter().map(|&x| x as f64));
        }
        r.push(e.version_minor as f64);
        Ok(r)
    })();
    finish(outcome)
}
