//! What a scoring plugin sees of a node per configured resource: kube's
//! resourceAllocationScorer (noderesources/resource_allocation.go,
//! calculateNodeAllocatableRequest at v1.37.2, calculateResourceAllocatableRequest
//! at v1.35.4; the same rules in both).

use super::balanced::balanced_score;
use super::config::{ScoreConfig, Strategy};
use super::resources::{Kind, Node, Pod};
use super::strategies::fit_score;

/// (allocated on the node, allocatable) for resource `r`, or None when kube
/// leaves the entry out: a scalar resource the pod does not request, or any
/// resource with allocatable 0. `use_requested`: BalancedAllocation's real
/// requests; otherwise cpu and memory use the non-zero form.
#[inline]
pub(crate) fn entry_inputs(
    kinds: &[Kind],
    r: usize,
    use_requested: bool,
    node: &Node,
    pod_request: i64,
) -> Option<(i64, i64)> {
    let kind = kinds[r];
    if pod_request == 0 && kind == Kind::Scalar {
        return None;
    }
    let alloc = node.allocatable[r];
    if alloc == 0 {
        return None;
    }
    let allocated = match kind {
        Kind::Cpu | Kind::Memory if !use_requested => node.nonzero_requested[r],
        _ => node.requested[r],
    };
    Some((allocated, alloc))
}

/// The configured plugin's score of a node (BalancedAllocation's skip for a
/// pod with no requests is the caller's: it holds for every node).
pub fn plugin_score(
    cfg: &ScoreConfig,
    shape: &[(i64, i64)],
    kinds: &[Kind],
    node: &Node,
    pod: &Pod,
) -> i64 {
    if cfg.strategy == Strategy::BalancedAllocation {
        balanced_score(cfg.version, &cfg.resources, kinds, node, pod)
    } else {
        fit_score(cfg, shape, kinds, node, pod)
    }
}
