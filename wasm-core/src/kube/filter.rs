//! NodeResourcesFit's filter (noderesources/fit.go, fitsRequest, the same
//! at v1.35.4 and v1.37.2): a resource is checked only when the pod
//! requests more than 0 of it, and then the request must be at most
//! allocatable − requested. So an over-committed node still takes a pod
//! that requests none of the over-committed resource. The pod-count check
//! is not modelled (nodes have room for any number of pods).

use super::resources::{Node, Pod};

#[inline]
pub(crate) fn fits_resource(pod_request: i64, allocatable: i64, requested: i64) -> bool {
    pod_request <= 0 || pod_request <= allocatable - requested
}

/// Whether the pod's real requests fit on the node.
pub fn fits(node: &Node, pod: &Pod) -> bool {
    (0..node.allocatable.len())
        .all(|r| fits_resource(pod.real(r), node.allocatable[r], node.requested[r]))
}
