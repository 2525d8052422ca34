//! Resources, nodes and pods. A cluster's resources are numbered: 0 is cpu
//! (millicores), 1 memory (bytes), then the others in the order the caller
//! chose, each with its kind. kube-scheduler treats resources by kind
//! (resource_allocation.go, calculateResourceAllocatableRequest; fit.go,
//! fitsRequest; pkg/scheduler/util/utils.go, IsScalarResourceName):
//! - cpu and memory: a pod's unset request counts as 100m / 200 MiB in the
//!   NodeResourcesFit scores (pkg/scheduler/util/pod_resources.go), 0 in
//!   the filter and in BalancedAllocation;
//! - ephemeral-storage: always the real requests;
//! - scalar resources (extended resources such as `nvidia.com/gpu`,
//!   `hugepages-<size>`): real requests, and a configured scalar resource
//!   the pod does not request is left out of the score.

use crate::error::{Error, ErrorCode};

pub const DEFAULT_MILLI_CPU_REQUEST: i64 = 100;
pub const DEFAULT_MEMORY_REQUEST: i64 = 200 * 1024 * 1024;
/// Quantities must be exact in a JS number.
pub const MAX_QUANTITY: f64 = 9_007_199_254_740_991.0;
pub const MAX_NODES: usize = 1_000_000;
pub const MAX_PODS: usize = 10_000_000;
/// Distinct resources in one cluster.
pub const MAX_RESOURCES: usize = 64;
pub const CPU: usize = 0;
pub const MEM: usize = 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Cpu = 0,
    Memory = 1,
    EphemeralStorage = 2,
    Scalar = 3,
}

impl Kind {
    pub fn from_code(field: &str, v: f64) -> Result<Kind, Error> {
        Ok(
            match crate::error::check_range(field, v, 0.0, 3.0)? as u32 {
                0 => Kind::Cpu,
                1 => Kind::Memory,
                2 => Kind::EphemeralStorage,
                _ => Kind::Scalar,
            },
        )
    }
}

/// Resource 0 must be cpu, 1 memory, and no other is either.
pub fn check_kinds(kinds: &[Kind]) -> Result<(), Error> {
    if kinds.len() < 2 || kinds[CPU] != Kind::Cpu || kinds[MEM] != Kind::Memory {
        return Err(Error::new(
            ErrorCode::BadBuffer,
            "resources",
            "the resource list must start with cpu and memory".to_string(),
        ));
    }
    if kinds.len() > MAX_RESOURCES {
        return Err(Error::new(
            ErrorCode::LimitExceeded,
            "resources",
            format!(
                "the cluster uses {} distinct resources; the limit is {}",
                kinds.len(),
                MAX_RESOURCES
            ),
        ));
    }
    if kinds[2..]
        .iter()
        .any(|&k| k == Kind::Cpu || k == Kind::Memory)
    {
        return Err(Error::new(
            ErrorCode::BadBuffer,
            "resources",
            "cpu and memory may appear only once".to_string(),
        ));
    }
    Ok(())
}

/// A node: allocatable and already-requested amounts per resource.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub allocatable: Vec<i64>,
    /// Sum of the real requests of pods on the node (filter, BalancedAllocation).
    pub requested: Vec<i64>,
    /// The same with unset cpu / memory requests counted as the defaults
    /// (NodeResourcesFit's scores); equal to `requested` for other resources.
    pub nonzero_requested: Vec<i64>,
}

impl Node {
    /// A node whose pods' requests are all explicit.
    pub fn new(allocatable: Vec<i64>, requested: Vec<i64>) -> Node {
        Node {
            allocatable,
            nonzero_requested: requested.clone(),
            requested,
        }
    }

    /// Adds a pod's requests (as bound pods add to a node's NodeInfo).
    pub fn add(&mut self, kinds: &[Kind], pod: &Pod) {
        for r in 0..self.requested.len() {
            self.requested[r] = self.requested[r].saturating_add(pod.real(r));
            self.nonzero_requested[r] =
                self.nonzero_requested[r].saturating_add(pod.nonzero(kinds, r));
        }
    }
}

/// A pod's requests per resource; None = unset (0, or the default for cpu
/// and memory in the fit scores).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Pod {
    pub request: Vec<Option<i64>>,
}

impl Pod {
    #[inline]
    pub fn real(&self, r: usize) -> i64 {
        self.request.get(r).copied().flatten().unwrap_or(0)
    }
    /// The request as NodeResourcesFit scores it (NonMissingContainerRequests).
    #[inline]
    pub fn nonzero(&self, kinds: &[Kind], r: usize) -> i64 {
        match (self.request.get(r).copied().flatten(), kinds[r]) {
            (Some(v), _) => v,
            (None, Kind::Cpu) => DEFAULT_MILLI_CPU_REQUEST,
            (None, Kind::Memory) => DEFAULT_MEMORY_REQUEST,
            (None, _) => 0,
        }
    }
}

/// Checks a quantity from the ABI: a whole number in [0, 2^53).
pub fn quantity(field: &str, v: f64) -> Result<i64, Error> {
    quantity_at(v, || field.to_string())
}

/// `quantity` with the field's name built only for the message.
#[inline]
pub fn quantity_at(v: f64, name: impl FnOnce() -> String) -> Result<i64, Error> {
    if !(v.is_finite() && (0.0..=MAX_QUANTITY).contains(&v) && v == v.trunc()) {
        return Err(quantity_error(&name(), v));
    }
    Ok(v as i64)
}

#[cold]
#[inline(never)]
fn quantity_error(field: &str, v: f64) -> Error {
    Error::new(
        ErrorCode::OutOfRange,
        field,
        format!(
            "{} must be a whole number from 0 to {}, got {}",
            field,
            crate::num::Num(MAX_QUANTITY),
            crate::num::Num(v)
        ),
    )
}
