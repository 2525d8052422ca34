//! NodeResourcesFit's scoring strategies, per resource and per node
//! (noderesources/least_allocated.go, most_allocated.go,
//! requested_to_capacity_ratio.go; helper/shape_score.go). Identical at
//! v1.35.4 and v1.37.2 apart from the scorer's signature:
//! - LeastAllocated: (capacity − requested)·100 / capacity, 0 if requested >
//!   capacity; node = Σ wᵣ·sᵣ / Σ wᵣ with integer division;
//! - MostAllocated: min(requested, capacity)·100 / capacity; same mean;
//! - RequestedToCapacityRatio: utilization = requested·100 / capacity (100
//!   if over), the shape (scores 0–10, ×10) as BuildBrokenLinearFunction
//!   with integer division; only scores > 0 enter the mean, which is rounded
//!   half away from zero (math.Round).
//!
//! Every strategy skips a configured entry whose allocatable is 0 (its
//! weight does not count) and counts a resource listed twice twice.

use super::config::{ScoreConfig, Strategy};
use super::inputs::entry_inputs;
use super::resources::{Kind, Node, Pod};

pub const MAX_NODE_SCORE: i64 = 100;
pub const MAX_CUSTOM_PRIORITY_SCORE: i64 = 10;

/// `x as i64`, in the speed build's wasm without V8's checked conversion
/// when |x| < 2^51 (a quotient or a score here): V8 converts f64 to i64 by
/// truncating, converting, converting back and comparing. Adding 1.5 · 2^52
/// to the truncated value puts the integer in the low bits of the sum.
/// Browsers' size-tuned build keeps `as` (smaller).
#[inline(always)]
pub(crate) fn trunc_i64(x: f64) -> i64 {
    #[cfg(all(target_arch = "wasm32", feature = "speed"))]
    {
        if x.abs() < MAGIC_LIMIT {
            return trunc_i64_bits(x);
        }
    }
    x as i64
}

/// 1.5 · 2^52 and 2^51 (see `trunc_i64_bits`).
const MAGIC: f64 = 6_755_399_441_055_744.0;
#[cfg_attr(not(all(target_arch = "wasm32", feature = "speed")), allow(dead_code))]
const MAGIC_LIMIT: f64 = 2_251_799_813_685_248.0;

/// `x as i64` for |x| < 2^51 from the bits of trunc(x) + 1.5 · 2^52 (exact:
/// the sum lies in [2^52, 2^53), where the spacing of f64 is 1).
#[cfg_attr(not(all(target_arch = "wasm32", feature = "speed")), allow(dead_code))]
#[inline(always)]
pub(crate) fn trunc_i64_bits(x: f64) -> i64 {
    ((x.trunc() + MAGIC).to_bits() as i64).wrapping_sub(MAGIC.to_bits() as i64)
}

/// ⌊a / b⌋ for 0 ≤ a, 0 < b, as Go's int64 division. Below 2^53 both are
/// exact in f64 and the rounded quotient is at most one too high, which the
/// multiply-back fixes; a hardware 64-bit divide is several times slower.
#[inline]
pub(crate) fn div(a: i64, b: i64) -> i64 {
    const EXACT: i64 = 1 << 53;
    if a < EXACT && b < EXACT {
        let q = trunc_i64(a as f64 / b as f64);
        if q * b > a {
            q - 1
        } else {
            q
        }
    } else {
        a / b
    }
}

#[inline]
pub(crate) fn least_requested(requested: i64, capacity: i64) -> i64 {
    if capacity == 0 || requested > capacity {
        return 0;
    }
    // capacity ≤ 2^53 so (capacity − requested)·100 cannot overflow.
    div((capacity - requested) * MAX_NODE_SCORE, capacity)
}

#[inline]
pub(crate) fn most_requested(requested: i64, capacity: i64) -> i64 {
    if capacity == 0 {
        return 0;
    }
    div(requested.min(capacity) * MAX_NODE_SCORE, capacity)
}

pub(crate) fn broken_linear(shape: &[(i64, i64)], p: i64) -> i64 {
    for i in 0..shape.len() {
        if p <= shape[i].0 {
            if i == 0 {
                return shape[0].1;
            }
            let (u0, s0) = shape[i - 1];
            let (u1, s1) = shape[i];
            return s0 + (s1 - s0) * (p - u0) / (u1 - u0);
        }
    }
    shape.last().map_or(0, |x| x.1)
}

#[inline]
pub(crate) fn rtcr_resource(shape: &[(i64, i64)], requested: i64, capacity: i64) -> i64 {
    if capacity == 0 || requested > capacity {
        return broken_linear(shape, 100);
    }
    let u = if requested <= 0 {
        0
    } else if requested >= capacity {
        100
    } else {
        div(requested * 100, capacity)
    };
    broken_linear(shape, u)
}

/// Go's math.Round for the non-negative quotients here: half away from zero.
#[inline]
pub(crate) fn go_round(x: f64) -> i64 {
    trunc_i64((x + 0.5).floor())
}

/// The shape on the 0–100 scale (requestedToCapacityRatioScorer).
pub fn scaled_shape(shape: &[(i64, i64)]) -> Vec<(i64, i64)> {
    shape
        .iter()
        .map(|&(u, s)| (u, s * (MAX_NODE_SCORE / MAX_CUSTOM_PRIORITY_SCORE)))
        .collect()
}

/// One strategy's score for a resource. Inlined in the speed build: it is
/// called for every node scored, and a call in wasm spills the caller.
#[cfg_attr(feature = "speed", inline(always))]
#[cfg_attr(not(feature = "speed"), inline)]
pub(crate) fn resource_score(
    strategy: Strategy,
    shape: &[(i64, i64)],
    requested: i64,
    capacity: i64,
) -> i64 {
    match strategy {
        Strategy::LeastAllocated => least_requested(requested, capacity),
        Strategy::MostAllocated => most_requested(requested, capacity),
        _ => rtcr_resource(shape, requested, capacity),
    }
}

/// The weighted mean of a node's resource scores (`sum`, `wsum` as the
/// scorers accumulate them).
#[inline]
pub(crate) fn mean(strategy: Strategy, sum: i64, wsum: i64) -> i64 {
    if wsum == 0 {
        0
    } else if strategy == Strategy::RequestedToCapacityRatio {
        go_round(sum as f64 / wsum as f64)
    } else {
        div(sum, wsum)
    }
}

/// NodeResourcesFit's score of a node for a pod (`shape` scaled).
pub fn fit_score(
    cfg: &ScoreConfig,
    shape: &[(i64, i64)],
    kinds: &[Kind],
    node: &Node,
    pod: &Pod,
) -> i64 {
    let (mut sum, mut wsum) = (0i64, 0i64);
    for e in &cfg.resources {
        let p = pod.nonzero(kinds, e.resource);
        if let Some((allocated, alloc)) = entry_inputs(kinds, e.resource, false, node, p) {
            let s = resource_score(cfg.strategy, shape, allocated.saturating_add(p), alloc);
            if cfg.strategy == Strategy::RequestedToCapacityRatio && s <= 0 {
                continue;
            }
            sum += s * e.weight;
            wsum += e.weight;
        }
    }
    mean(cfg.strategy, sum, wsum)
}
