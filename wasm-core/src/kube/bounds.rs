//! The scheduler's fast path for clusters of cpu and memory only: node state
//! in fixed pairs, each node's total scored without allocation (`Fast::total`,
//! the same arithmetic as `strategies.rs` and `balanced.rs`, checked equal
//! by tests), and per-block upper bounds for a branch and bound.

use super::balanced::{balanced_resource_score, combine, fraction};
use super::config::{SchedConfig, Strategy};
use super::filter::fits_resource;
use super::resources::{Node, DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST};
use super::strategies::{mean, resource_score, trunc_i64, MAX_NODE_SCORE};

/// `a.max(b)` with the same result (IEEE maxNum: a NaN operand yields the
/// other), in the speed build as a compare and a select: in wasm `f64::max`
/// is a call to compiler-builtins' `fmax`, because wasm's own `f64.max`
/// propagates NaN, and the bounds take a dozen per block. Browsers'
/// size-tuned build keeps the call (smaller).
#[cfg_attr(feature = "speed", inline(always))]
#[cfg_attr(not(feature = "speed"), inline)]
fn fmax(a: f64, b: f64) -> f64 {
    if cfg!(not(feature = "speed")) {
        a.max(b)
    } else if b > a || a.is_nan() {
        b
    } else {
        a
    }
}

/// `a.min(b)` with the same result (see `fmax`).
#[cfg_attr(feature = "speed", inline(always))]
#[cfg_attr(not(feature = "speed"), inline)]
fn fmin(a: f64, b: f64) -> f64 {
    if cfg!(not(feature = "speed")) {
        a.min(b)
    } else if b < a || a.is_nan() {
        b
    } else {
        a
    }
}

/// A node of a cpu-and-memory cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Node2 {
    pub alloc: [i64; 2],
    pub req: [i64; 2],
    pub nz: [i64; 2],
}

impl Node2 {
    pub fn of(n: &Node) -> Node2 {
        Node2 {
            alloc: [n.allocatable[0], n.allocatable[1]],
            req: [n.requested[0], n.requested[1]],
            nz: [n.nonzero_requested[0], n.nonzero_requested[1]],
        }
    }
}

/// A pod of a cpu-and-memory cluster: the key of the score caches.
pub(crate) type Pod2 = [Option<i64>; 2];

#[inline]
pub(crate) fn real2(p: &Pod2) -> [i64; 2] {
    [p[0].unwrap_or(0), p[1].unwrap_or(0)]
}

#[inline]
pub(crate) fn nonzero2(p: &Pod2) -> [i64; 2] {
    [
        p[0].unwrap_or(DEFAULT_MILLI_CPU_REQUEST),
        p[1].unwrap_or(DEFAULT_MEMORY_REQUEST),
    ]
}

/// The configuration folded for two resources: NodeResourcesFit's weights
/// summed per resource (an entry listed twice counts twice, which for a
/// weighted mean is the same as once with the summed weight) and which
/// resources BalancedAllocation uses.
pub(crate) struct Fast {
    pub w: [i64; 2],
    pub sel: [bool; 2],
    /// Whether `BlockBounds::upper` may add its joint bound (LeastAllocated
    /// and BalancedAllocation's change formula, both weighted), and the
    /// plugin weights it mixes the per-node summaries with.
    joint: bool,
    fit_weight: f64,
    balanced_weight: f64,
}

impl Fast {
    pub fn new(cfg: &SchedConfig) -> Fast {
        let mut w = [0i64; 2];
        for e in &cfg.fit.resources {
            w[e.resource] += e.weight;
        }
        let mut sel = [false; 2];
        for e in &cfg.balanced.resources {
            sel[e.resource] = true;
        }
        let joint = cfg.fit.strategy == Strategy::LeastAllocated
            && cfg.fit_weight > 0
            && cfg.balanced_weight > 0
            && cfg.balanced.version.balance_change()
            && sel[0]
            && sel[1]
            && w[0] + w[1] > 0;
        Fast {
            w,
            sel,
            joint,
            fit_weight: cfg.fit_weight as f64,
            balanced_weight: cfg.balanced_weight as f64,
        }
    }

    /// NodeResourcesFit's weighted mean of a node's scoring fractions
    /// (nonzero requested / allocatable), for the joint bound.
    fn weighted_fraction(&self, n: &Node2) -> f64 {
        let wsum = (self.w[0] + self.w[1]) as f64;
        (self.w[0] as f64 * (n.nz[0] as f64 / n.alloc[0] as f64)
            + self.w[1] as f64 * (n.nz[1] as f64 / n.alloc[1] as f64))
            / wsum
    }

    /// BalancedAllocation's PreScore skip.
    #[inline]
    pub fn balanced_skip(&self, real: &[i64; 2]) -> bool {
        (!self.sel[0] || real[0] == 0) && (!self.sel[1] || real[1] == 0)
    }

    #[inline]
    pub fn fit_score(
        &self,
        cfg: &SchedConfig,
        shape: &[(i64, i64)],
        n: &Node2,
        nz: &[i64; 2],
    ) -> i64 {
        // Two calls rather than a loop over the two resources: in wasm, V8
        // keeps a loop's counter and checks the stack at every iteration.
        let (s0, w0) = self.fit_part(cfg, shape, n, nz, 0);
        let (s1, w1) = self.fit_part(cfg, shape, n, nz, 1);
        mean(cfg.fit.strategy, s0 + s1, w0 + w1)
    }

    /// Resource r's (score · weight, weight) in `fit_score`; (0, 0) when
    /// the resource is left out.
    #[cfg_attr(feature = "speed", inline(always))]
    #[cfg_attr(not(feature = "speed"), inline)]
    fn fit_part(
        &self,
        cfg: &SchedConfig,
        shape: &[(i64, i64)],
        n: &Node2,
        nz: &[i64; 2],
        r: usize,
    ) -> (i64, i64) {
        let w = self.w[r];
        if w == 0 || n.alloc[r] == 0 {
            return (0, 0);
        }
        let s = resource_score(
            cfg.fit.strategy,
            shape,
            n.nz[r].saturating_add(nz[r]),
            n.alloc[r],
        );
        if cfg.fit.strategy == Strategy::RequestedToCapacityRatio && s <= 0 {
            return (0, 0);
        }
        (s * w, w)
    }

    /// The balance of a node's real requests plus `add`.
    #[inline]
    pub fn balance(&self, n: &Node2, add: &[i64; 2]) -> i64 {
        // With one fraction or none the deviation is 0 (balance 100).
        if self.sel[0] && self.sel[1] && n.alloc[0] != 0 && n.alloc[1] != 0 {
            balanced_resource_score(&[
                fraction(n.req[0].saturating_add(add[0]), n.alloc[0]),
                fraction(n.req[1].saturating_add(add[1]), n.alloc[1]),
            ])
        } else {
            balanced_resource_score(&[])
        }
    }

    #[inline]
    pub fn balanced_score(&self, cfg: &SchedConfig, n: &Node2, real: &[i64; 2]) -> i64 {
        let with = self.balance(n, real);
        if cfg.balanced.version.balance_change() {
            combine(cfg.balanced.version, with, self.balance(n, &[0, 0]))
        } else {
            with
        }
    }

    /// A node's total for a pod (−1: fails the filter).
    /// Inlined in the speed build: called for every node scored, and a
    /// call in wasm spills every live value (V8 has no callee-saved registers).
    #[cfg_attr(feature = "speed", inline(always))]
    #[cfg_attr(not(feature = "speed"), inline)]
    pub fn total(
        &self,
        cfg: &SchedConfig,
        shape: &[(i64, i64)],
        n: &Node2,
        real: &[i64; 2],
        nz: &[i64; 2],
        skip: bool,
    ) -> i64 {
        if !fits_resource(real[0], n.alloc[0], n.req[0])
            || !fits_resource(real[1], n.alloc[1], n.req[1])
        {
            return -1;
        }
        let fit = if cfg.fit_weight == 0 {
            0
        } else {
            self.fit_score(cfg, shape, n, nz)
        };
        let bal = if cfg.balanced_weight == 0 || skip {
            0
        } else {
            self.balanced_score(cfg, n, real)
        };
        fit * cfg.fit_weight + bal * cfg.balanced_weight
    }
}

/// Summary of a block of nodes from which an upper bound on any of its
/// nodes' totals follows for any pod (see `BlockBounds::upper`). Fractions
/// are f64 and the bound gets a margin far above their rounding error; the
/// bound only decides which blocks are scored exactly, so it never changes
/// a score, only whether a block that cannot win is skipped.
#[derive(Clone, Copy, Debug)]
pub(crate) struct BlockBounds {
    /// max(allocatable − requested) per resource: the filter.
    max_free: [i64; 2],
    /// Over nodes with allocatable > 0: min and max of nonzero_requested /
    /// allocatable, and min and max of 1 / allocatable.
    min_frac: [f64; 2],
    max_frac: [f64; 2],
    min_inv: [f64; 2],
    max_inv: [f64; 2],
    /// Over nodes with both allocatables > 0: min and max of
    /// requested_cpu / alloc_cpu − requested_mem / alloc_mem.
    min_diff: f64,
    max_diff: f64,
    /// Some node has an allocatable of 0 on that resource (kube then leaves
    /// the resource out of that node's scores).
    zero: [bool; 2],
    /// Some node has more requested than allocatable (its fraction clamps).
    over: bool,
    /// The lowest balance without the pod (BalancedAllocation from v1.36).
    min_without: i64,
    /// For the joint bound (`Fast::joint`), over nodes with both
    /// allocatables > 0: max of −100·fw·L − bw·(25·d + W/2) and of
    /// −100·fw·L + bw·(25·d − W/2), with L the weighted scoring fraction, d
    /// the difference of real fractions, W the balance without the pod and
    /// fw, bw the plugin weights.
    joint: [f64; 2],
}

impl BlockBounds {
    pub const EMPTY: BlockBounds = BlockBounds {
        max_free: [i64::MIN; 2],
        min_frac: [f64::INFINITY; 2],
        max_frac: [f64::NEG_INFINITY; 2],
        min_inv: [f64::INFINITY; 2],
        max_inv: [f64::NEG_INFINITY; 2],
        min_diff: f64::INFINITY,
        max_diff: f64::NEG_INFINITY,
        zero: [false; 2],
        over: false,
        min_without: MAX_NODE_SCORE,
        joint: [f64::NEG_INFINITY; 2],
    };

    /// The bounds of one node.
    pub fn of_node(fast: &Fast, n: &Node2) -> BlockBounds {
        let mut b = BlockBounds::EMPTY;
        for r in 0..2 {
            b.max_free[r] = n.alloc[r].saturating_sub(n.req[r]);
            b.over |= n.req[r] > n.alloc[r];
            if n.alloc[r] == 0 {
                b.zero[r] = true;
                continue;
            }
            let a = n.alloc[r] as f64;
            let f = n.nz[r] as f64 / a;
            b.min_frac[r] = f;
            b.max_frac[r] = f;
            b.min_inv[r] = 1.0 / a;
            b.max_inv[r] = 1.0 / a;
        }
        if n.alloc[0] > 0 && n.alloc[1] > 0 {
            let d = n.req[0] as f64 / n.alloc[0] as f64 - n.req[1] as f64 / n.alloc[1] as f64;
            b.min_diff = d;
            b.max_diff = d;
            if fast.joint {
                let l = -100.0 * fast.fit_weight * fast.weighted_fraction(n);
                let w = fast.balance(n, &[0, 0]) as f64 / 2.0;
                let bw = fast.balanced_weight;
                b.joint = [l - bw * (25.0 * d + w), l + bw * (25.0 * d - w)];
            }
        }
        b.min_without = fast.balance(n, &[0, 0]);
        b
    }

    /// The bounds of the union of two sets of nodes.
    #[inline]
    pub fn join(&self, o: &BlockBounds) -> BlockBounds {
        let mut b = *self;
        for r in 0..2 {
            b.max_free[r] = b.max_free[r].max(o.max_free[r]);
            b.min_frac[r] = fmin(b.min_frac[r], o.min_frac[r]);
            b.max_frac[r] = fmax(b.max_frac[r], o.max_frac[r]);
            b.min_inv[r] = fmin(b.min_inv[r], o.min_inv[r]);
            b.max_inv[r] = fmax(b.max_inv[r], o.max_inv[r]);
            b.zero[r] |= o.zero[r];
        }
        b.min_diff = fmin(b.min_diff, o.min_diff);
        b.max_diff = fmax(b.max_diff, o.max_diff);
        b.over |= o.over;
        b.min_without = b.min_without.min(o.min_without);
        b.joint = [fmax(b.joint[0], o.joint[0]), fmax(b.joint[1], o.joint[1])];
        b
    }

    pub fn of_all(items: &[BlockBounds]) -> BlockBounds {
        items.iter().fold(BlockBounds::EMPTY, |a, b| a.join(b))
    }

    /// An upper bound on the total of every node in the block that passes
    /// the filter for a pod with real requests `real` and scoring requests
    /// `nz`; −1 if none can pass it. Each plugin's score is an integer ≤ a
    /// real bound, so ≤ the bound's floor (taken with a margin of 1e-7 on
    /// the 0–100 scale, far above the f64 rounding in the fractions).
    #[cfg_attr(feature = "speed", inline(always))]
    pub fn upper(
        &self,
        cfg: &SchedConfig,
        fast: &Fast,
        real: &[i64; 2],
        nz: &[f64; 2],
        balanced_skip: bool,
    ) -> i64 {
        if (real[0] > 0 && real[0] > self.max_free[0])
            || (real[1] > 0 && real[1] > self.max_free[1])
        {
            return -1;
        }
        const MARGIN: f64 = 1e-7;
        // Clamped to [0, 100] first, so truncation is the floor.
        let floor =
            |x: f64| -> i64 { trunc_i64(fmin(fmax(x + MARGIN, 0.0), MAX_NODE_SCORE as f64)) };
        let w = &fast.w;
        let fit = if cfg.fit_weight == 0 {
            0
        } else if cfg.fit.strategy == Strategy::RequestedToCapacityRatio {
            // It averages only the resources with a score > 0: bounded by 100.
            MAX_NODE_SCORE
        } else {
            let (mut sum, mut wsum, mut max, mut any_zero) = (0i64, 0i64, 0i64, false);
            for r in 0..2 {
                if w[r] == 0 {
                    continue;
                }
                any_zero |= self.zero[r];
                // No node of the block has allocatable > 0 on r: r is left out.
                if self.min_frac[r] == f64::INFINITY {
                    continue;
                }
                let s = match cfg.fit.strategy {
                    // (cap − req)·100 / cap falls as req / cap rises.
                    Strategy::LeastAllocated => {
                        floor(100.0 * (1.0 - self.min_frac[r] - nz[r] * self.min_inv[r]))
                    }
                    // min(req, cap)·100 / cap rises with req / cap.
                    _ => floor(100.0 * fmin(self.max_frac[r] + nz[r] * self.max_inv[r], 1.0)),
                };
                sum += s * w[r];
                wsum += w[r];
                max = max.max(s);
            }
            // The weighted mean is monotone in the resource scores; a node
            // that leaves a resource out averages a subset, at most the max.
            if any_zero {
                max
            } else if wsum == 0 {
                0
            } else {
                sum / wsum
            }
        };
        let bal = if cfg.balanced_weight == 0 || balanced_skip {
            0
        } else {
            let no_clamp =
                fast.sel[0] && fast.sel[1] && !self.zero[0] && !self.zero[1] && !self.over;
            let (pc, pm) = (real[0] as f64, real[1] as f64);
            let with = if !no_clamp {
                // One fraction (std 0), or fractions that may clamp at 1.
                MAX_NODE_SCORE
            } else if self.min_diff == f64::INFINITY {
                0
            } else {
                // A node that passes the filter and is not over-committed
                // has requested + pod ≤ allocatable, so its fractions are
                // ≤ 1 (no clamping) and their difference is diff +
                // pod_cpu / alloc_cpu − pod_mem / alloc_mem.
                let lo = self.min_diff + pc * self.min_inv[0] - pm * self.max_inv[1];
                let hi = self.max_diff + pc * self.max_inv[0] - pm * self.min_inv[1];
                let m = if lo <= 0.0 && hi >= 0.0 {
                    0.0
                } else {
                    fmin(lo.abs(), hi.abs())
                };
                floor(100.0 * (1.0 - m / 2.0))
            };
            // Monotone: rising in the balance with the pod, falling in the one without.
            let loose = combine(cfg.balanced.version, with, self.min_without);
            if cfg.balanced.version.balance_change() && no_clamp && self.min_diff != f64::INFINITY {
                // The change itself: with d₀ the fraction difference without
                // the pod and d₁ = d₀ + s with it (s the pod's shift),
                // balance = trunc(100 − 50·|d|), so with − without <
                // 50·(|d₀| − |d₀ + s|) + 1. Its maximum over the block's box
                // of d₀ and s keeps the signs: a pod that tilts a node
                // further from balance lowers its score.
                let shift_lo = pc * self.min_inv[0] - pm * self.max_inv[1];
                let shift_hi = pc * self.max_inv[0] - pm * self.min_inv[1];
                let g = max_gain(self.min_diff, self.max_diff, shift_lo, shift_hi);
                // An integer below 50·g + 1: at most its floor (with the margin).
                let change = trunc_i64(
                    (50.0 * g + 1.0 + MARGIN)
                        .floor()
                        .clamp(-(MAX_NODE_SCORE as f64), MAX_NODE_SCORE as f64),
                );
                loose.min(combine(cfg.balanced.version, change, 0))
            } else {
                loose
            }
        };
        let separate = fit * cfg.fit_weight + bal * cfg.balanced_weight;
        if fast.joint && !balanced_skip {
            separate.min(self.joint(cfg, fast, real, nz))
        } else {
            separate
        }
    }

    /// A bound on fit·fitWeight + balanced·balancedWeight that keeps what
    /// the separate bounds lose: the node with the least requested is not
    /// always the one the pod balances, and each node's balance without the
    /// pod is known exactly. For LeastAllocated without clamping, fit ≤
    /// 100·(1 − L − X) (L the node's weighted scoring fraction, X the
    /// pod's); BalancedAllocation's change formula gives balanced ≤ 50 +
    /// (50 + with − W)/2 (+ 1/2 if 50 + with − W may be negative, as Go and
    /// Rust truncate towards zero) with with ≤ 100 − 25·|d + s|·2 and
    /// −|d + s| ≤ ∓(d + s). Each piece is linear in the node's L, d and W,
    /// so the block's maxima of the two mixes bound every node's total.
    /// i64::MAX: no joint bound for this block.
    fn joint(&self, cfg: &SchedConfig, fast: &Fast, real: &[i64; 2], nz: &[f64; 2]) -> i64 {
        let clamps = |r: usize| self.max_frac[r] + nz[r] * self.max_inv[r] > 1.0;
        if self.zero[0]
            || self.zero[1]
            || self.over
            || self.joint[0] == f64::NEG_INFINITY
            || clamps(0)
            || clamps(1)
        {
            return i64::MAX;
        }
        let (fw, bw) = (cfg.fit_weight as f64, cfg.balanced_weight as f64);
        let (pc, pm) = (real[0] as f64, real[1] as f64);
        let shift_lo = pc * self.min_inv[0] - pm * self.max_inv[1];
        let shift_hi = pc * self.max_inv[0] - pm * self.min_inv[1];
        let shift_abs = fmax(shift_lo.abs(), shift_hi.abs());
        let wsum = (fast.w[0] + fast.w[1]) as f64;
        let x_min = (fast.w[0] as f64 * nz[0] * self.min_inv[0]
            + fast.w[1] as f64 * nz[1] * self.min_inv[1])
            / wsum;
        let j = fmin(
            self.joint[0] - 25.0 * bw * shift_lo,
            self.joint[1] + 25.0 * bw * shift_hi,
        );
        // with − W > 50·(|d| − |d + s|) − 1 ≥ −50·|s| − 1 ≥ −50 when |s| ≤ 0.98.
        let base = if shift_abs <= 0.98 { 125.0 } else { 125.5 };
        let b = fw * 100.0 * (1.0 - x_min) + bw * base + j;
        // Every node's total is at most b: at most its floor (with a margin).
        trunc_i64(fmax((b + 1e-7).floor(), -1.0))
    }
}

/// The maximum of |d| − |d + s| over d in [lo, hi] and s in [slo, shi]. The
/// function is linear between the lines d = 0 and d + s = 0, so its maximum
/// over the box lies at a corner or where those lines cross the box's edges.
fn max_gain(lo: f64, hi: f64, slo: f64, shi: f64) -> f64 {
    let g = |d: f64, s: f64| d.abs() - (d + s).abs();
    let mut m = fmax(fmax(fmax(g(lo, slo), g(lo, shi)), g(hi, slo)), g(hi, shi));
    for d in [lo, hi, 0.0] {
        // On d + s = 0 the value is |d|.
        if (lo..=hi).contains(&d) && (slo..=shi).contains(&-d) {
            m = fmax(m, d.abs());
        }
    }
    for s in [slo, shi] {
        if (lo..=hi).contains(&-s) {
            m = fmax(m, s.abs());
        }
        if (lo..=hi).contains(&0.0) {
            m = fmax(m, -s.abs());
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::{fmax, fmin};

    #[test]
    fn fmax_fmin_agree_with_std_on_special_values() {
        let v = [
            f64::NAN,
            f64::NEG_INFINITY,
            -1.5,
            -0.0,
            0.0,
            1e-300,
            2.0,
            f64::INFINITY,
        ];
        for &a in &v {
            for &b in &v {
                let (m, n) = (fmax(a, b), fmin(a, b));
                // NaN only when both are NaN, as maxNum; == treats -0 and +0 alike.
                assert_eq!(m.is_nan(), a.max(b).is_nan(), "max({}, {})", a, b);
                assert_eq!(n.is_nan(), a.min(b).is_nan(), "min({}, {})", a, b);
                if !m.is_nan() {
                    assert!(m == a.max(b), "max({}, {}) = {}", a, b, m);
                    assert!(n == a.min(b), "min({}, {}) = {}", a, b, n);
                }
            }
        }
    }
}
