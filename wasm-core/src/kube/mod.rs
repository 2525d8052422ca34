//! Kubernetes-style placement: filter nodes by fit, then score them the way
//! kube-scheduler's NodeResourcesFit and NodeResourcesBalancedAllocation
//! plugins do, in the same integer and floating-point arithmetic. Each file
//! of this module follows one file of kube-scheduler's
//! `pkg/scheduler/framework/plugins/noderesources/` (read at v1.35.4 and
//! v1.37.2, and compared with them by `test/conformance/kube/`):
//! - `resources.rs`: which resources exist (cpu, memory, ephemeral-storage
//!   and scalar ones such as `nvidia.com/gpu`), nodes and pods;
//! - `inputs.rs`: what a plugin sees per configured resource
//!   (resource_allocation.go, calculateNodeAllocatableRequest);
//! - `strategies.rs`: LeastAllocated, MostAllocated, RequestedToCapacityRatio
//!   (least_allocated.go, most_allocated.go, requested_to_capacity_ratio.go);
//! - `balanced.rs`: BalancedAllocation, both formulas (balanced_allocation.go);
//! - `filter.rs`: NodeResourcesFit's filter (fit.go, fitsRequest);
//! - `config.rs`: the scoring configuration and its validation
//!   (apis/config/validation/validation_pluginargs.go) and `kubeVersion`;
//! - `scheduler.rs`, `bounds.rs`, `score_tree.rs`: a scheduling queue that
//!   binds pods one by one (schedule_one.go's sampling and first-best pick).
//!
//! A node's final score is Σ pluginWeight × pluginScore (default weights 1
//! and 1, default_plugins.go). Among equal totals this simulator picks the
//! first node visited (kube-scheduler picks one at random): a modelling
//! choice that keeps runs deterministic without drawing random numbers.

mod balanced;
mod bounds;
mod config;
mod filter;
mod inputs;
mod resources;
mod scheduler;
mod score_tree;
mod strategies;
#[cfg(test)]
mod tests;

pub use balanced::{balanced_resource_score, balanced_score};
pub use config::{
    check_at, indexed, Entry, KubeVersion, SchedConfig, ScoreConfig, Strategy,
    MAX_CONFIG_RESOURCES, NEWEST_MINOR, OLDEST_MINOR,
};
pub use filter::fits;
pub use inputs::plugin_score;
pub use resources::{
    check_kinds, quantity, quantity_at, Kind, Node, Pod, CPU, DEFAULT_MEMORY_REQUEST,
    DEFAULT_MILLI_CPU_REQUEST, MAX_NODES, MAX_PODS, MAX_QUANTITY, MAX_RESOURCES, MEM,
};
pub use scheduler::{num_feasible_nodes_to_find, NodeView, Scheduler, NOT_SCHEDULED};
pub use strategies::{fit_score, MAX_CUSTOM_PRIORITY_SCORE, MAX_NODE_SCORE};

use crate::error::Error;

/// Scores every node for one pod with one plugin, as `virtlab score` does
/// (NodeResourcesFit with the configured strategy, or BalancedAllocation).
pub fn score_nodes(
    cfg: &ScoreConfig,
    kinds: &[Kind],
    nodes: &[Node],
    pod: &Pod,
) -> Result<Vec<i64>, Error> {
    cfg.validate()?;
    resources::check_kinds(kinds)?;
    let shape = strategies::scaled_shape(&cfg.shape);
    let skip = cfg.strategy == Strategy::BalancedAllocation
        && balanced::best_effort(&cfg.resources, kinds, pod);
    Ok(nodes
        .iter()
        .map(|n| {
            if skip {
                0
            } else {
                plugin_score(cfg, &shape, kinds, n, pod)
            }
        })
        .collect())
}
