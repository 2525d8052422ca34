//! NodeResourcesBalancedAllocation (noderesources/balanced_allocation.go).
//! Fractions min(requested / allocatable, 1) over the configured resources
//! kube does not leave out (see `inputs.rs`); with two, std = |f₁ − f₂| / 2,
//! with more the population standard deviation; balance = int64((1 − std) ·
//! 100). It uses real requests, and PreScore skips a pod that requests none
//! of the configured resources (every node then gets nothing).
//! - up to v1.35 (v1.35.4): the score is the balance with the pod;
//! - from v1.36 (v1.37.2): the score is the change the pod makes,
//!   50 + (50 + balance with the pod − balance without it) / 2.

use super::config::{Entry, KubeVersion};
use super::inputs::entry_inputs;
use super::resources::{Kind, Node, Pod};
use super::strategies::{trunc_i64, MAX_NODE_SCORE};

/// balancedResourceScore over the fractions, in Go's order of operations.
#[inline]
pub fn balanced_resource_score(fractions: &[f64]) -> i64 {
    let n = fractions.len();
    let std = if n == 2 {
        ((fractions[0] - fractions[1]) / 2.0).abs()
    } else if n > 2 {
        let total: f64 = fractions.iter().fold(0.0, |a, &f| a + f);
        let mean = total / n as f64;
        let sum = fractions
            .iter()
            .fold(0.0, |a, &f| a + (f - mean) * (f - mean));
        (sum / n as f64).sqrt()
    } else {
        0.0
    };
    trunc_i64((1.0 - std) * MAX_NODE_SCORE as f64)
}

#[inline]
pub(crate) fn fraction(requested: i64, allocatable: i64) -> f64 {
    let f = requested as f64 / allocatable as f64;
    if f > 1.0 {
        1.0
    } else {
        f
    }
}

/// The plugin's score from the balance with and without the pod.
#[inline]
pub(crate) fn combine(version: KubeVersion, with_pod: i64, without_pod: i64) -> i64 {
    if version.balance_change() {
        MAX_NODE_SCORE / 2 + (MAX_NODE_SCORE / 2 + with_pod - without_pod) / 2
    } else {
        with_pod
    }
}

/// PreScore's best-effort check: the pod requests none of the resources.
pub fn best_effort(resources: &[Entry], kinds: &[Kind], pod: &Pod) -> bool {
    let _ = kinds;
    resources.iter().all(|e| pod.real(e.resource) == 0)
}

/// BalancedAllocation's score of a node for a pod that is not best-effort.
pub fn balanced_score(
    version: KubeVersion,
    resources: &[Entry],
    kinds: &[Kind],
    node: &Node,
    pod: &Pod,
) -> i64 {
    let mut with = Vec::with_capacity(resources.len());
    let mut without = Vec::with_capacity(resources.len());
    for e in resources {
        let p = pod.real(e.resource);
        if let Some((allocated, alloc)) = entry_inputs(kinds, e.resource, true, node, p) {
            with.push(fraction(allocated.saturating_add(p), alloc));
            without.push(fraction(allocated, alloc));
        }
    }
    let w = balanced_resource_score(&with);
    if version.balance_change() {
        combine(version, w, balanced_resource_score(&without))
    } else {
        w
    }
}
