//! A list of pods scheduled one by one onto nodes: the batch run behind the
//! ABI's `vl_kube_schedule` (every pod) and `vl_kube_explain` (one pod seen
//! from every node). The scoring itself is in `kube/`.

use crate::error::Error;
use crate::kube::{Kind, Node, NodeView, Pod, SchedConfig, Scheduler, NOT_SCHEDULED};

/// Where every pod went.
pub struct Batch {
    /// Node index per pod, [`NOT_SCHEDULED`] if none.
    pub assignment: Vec<u32>,
    pub scheduled: usize,
    /// Per pod, the total score of the node it went to (−1 = not scheduled).
    pub total: Vec<i64>,
    /// Per node, the requested amount of every resource after the run.
    pub requested: Vec<Vec<i64>>,
}

/// Schedules every pod in order.
pub fn schedule_all(
    cfg: SchedConfig,
    kinds: Vec<Kind>,
    nodes: Vec<Node>,
    pods: &[Pod],
) -> Result<Batch, Error> {
    let mut s = Scheduler::new(cfg, kinds, nodes)?;
    let mut assignment = Vec::with_capacity(pods.len());
    let mut total = Vec::with_capacity(pods.len());
    for pod in pods {
        let chosen = s.schedule(pod, None);
        assignment.push(chosen.map_or(NOT_SCHEDULED, |c| c as u32));
        total.push(if chosen.is_some() { s.last_total } else { -1 });
    }
    let scheduled = assignment.iter().filter(|&&a| a != NOT_SCHEDULED).count();
    Ok(Batch {
        assignment,
        scheduled,
        total,
        requested: s.nodes.iter().map(|n| n.requested.clone()).collect(),
    })
}

/// Pod `step` seen from every node.
pub struct Explained {
    /// The node chosen, if any.
    pub chosen: Option<usize>,
    /// Each node's filter verdict and scores.
    pub views: Vec<NodeView>,
    /// The Kubernetes minor version modelled (for explanations).
    pub version_minor: u32,
    /// Each node's real requests (per resource kind) before the pod.
    pub requested: Vec<Vec<i64>>,
}

/// Schedules pods `0..step`, then pod `step` seen from every node.
pub fn explain(
    cfg: SchedConfig,
    kinds: Vec<Kind>,
    nodes: Vec<Node>,
    pods: &[Pod],
    step: usize,
) -> Result<Explained, Error> {
    if step >= pods.len() {
        return Err(Error::out_of_range(
            "step",
            step as f64,
            0.0,
            pods.len() as f64 - 1.0,
        ));
    }
    let mut s = Scheduler::new(cfg, kinds, nodes)?;
    for pod in &pods[..step] {
        s.schedule(pod, None);
    }
    // The scheduler's own node state, as binding the earlier pods left it.
    let requested = s.nodes.iter().map(|n| n.requested.clone()).collect();
    let mut views = Vec::new();
    let chosen = s.schedule(&pods[step], Some(&mut views));
    Ok(Explained {
        chosen,
        views,
        version_minor: s.version_minor(),
        requested,
    })
}
