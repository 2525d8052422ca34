//! Kubernetes-style placement: filter nodes by fit, then score them the way
//! kube-scheduler's NodeResourcesFit and NodeResourcesBalancedAllocation
//! plugins do, in the same integer arithmetic (figures §6). Sources, all in
//! kubernetes/kubernetes pkg/scheduler/framework/plugins/noderesources/:
//! - LeastAllocated (least_allocated.go @05c351a9): per resource
//!   (capacity − requested)·100 / capacity, 0 if capacity is 0 or requested >
//!   capacity; node = Σ wᵣ·sᵣ / Σ wᵣ with integer division;
//! - MostAllocated (most_allocated.go @046d201c): min(requested, capacity)·100
//!   / capacity, 0 if capacity is 0; same weighted mean;
//! - RequestedToCapacityRatio (requested_to_capacity_ratio.go @0a295a8d):
//!   utilization = requested·100 / capacity (100 if capacity 0 or over), the
//!   shape (scores 0–10, ×10) as helper.BuildBrokenLinearFunction with
//!   integer division; resources with allocatable 0 are skipped, only scores
//!   > 0 enter the mean, which is rounded half away from zero (math.Round).
//!   This revision reproduces the resource-bin-packing.md worked example
//!   (node 1 = 5, node 2 = 7); the older integer division would give 6;
//! - BalancedAllocation (balanced_allocation.go @02d7708a): fractions
//!   min(requested / allocatable, 1) over resources with allocatable > 0; with
//!   two, std = |f₁ − f₂| / 2, with more the population std; score = int64((1
//!   − std)·100). It uses actual requests (useRequested), and a pod with no
//!   requests at all is skipped (score 0).
//! The fit-strategy scores use NonZeroRequested: a pod's unset CPU / memory
//! request counts as 100m / 200 MiB (pkg/scheduler/util/pod_resources.go),
//! for scoring only; the fit filter uses the real requests (unset = 0).
//! A node's final score is Σ pluginWeight × pluginScore (default weights 1
//! and 1, default_plugins.go). Among equal totals this simulator picks the
//! first node visited (kube-scheduler picks one at random): a modelling
//! choice that keeps runs deterministic without drawing random numbers.

use crate::error::{Error, ErrorCode};

pub const MAX_NODE_SCORE: i64 = 100;
pub const MAX_CUSTOM_PRIORITY_SCORE: i64 = 10;
pub const DEFAULT_MILLI_CPU_REQUEST: i64 = 100;
pub const DEFAULT_MEMORY_REQUEST: i64 = 200 * 1024 * 1024;
/// Quantities must be exact in a JS number.
pub const MAX_QUANTITY: f64 = 9_007_199_254_740_991.0;
pub const MAX_NODES: usize = 1_000_000;
pub const MAX_PODS: usize = 10_000_000;
pub const CPU: usize = 0;
pub const MEM: usize = 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strategy {
    LeastAllocated = 0,
    MostAllocated = 1,
    RequestedToCapacityRatio = 2,
    BalancedAllocation = 3,
}

impl Strategy {
    pub fn from_u32(v: u32) -> Result<Strategy, Error> {
        match v {
            0 => Ok(Strategy::LeastAllocated),
            1 => Ok(Strategy::MostAllocated),
            2 => Ok(Strategy::RequestedToCapacityRatio),
            3 => Ok(Strategy::BalancedAllocation),
            _ => Err(Error::out_of_range("strategy", v as f64, 0.0, 3.0)),
        }
    }
}

/// A node: allocatable and already-requested CPU (millicores) and memory (bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Node {
    pub allocatable: [i64; 2],
    /// Sum of the real requests of pods on the node (fit filter, BalancedAllocation).
    pub requested: [i64; 2],
    /// The same with unset requests counted as the defaults (fit strategies).
    pub nonzero_requested: [i64; 2],
}

/// A pod's requests; None = unset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Pod {
    pub request: [Option<i64>; 2],
}

impl Pod {
    pub fn real(&self) -> [i64; 2] {
        [self.request[0].unwrap_or(0), self.request[1].unwrap_or(0)]
    }
    pub fn nonzero(&self) -> [i64; 2] {
        [self.request[0].unwrap_or(DEFAULT_MILLI_CPU_REQUEST), self.request[1].unwrap_or(DEFAULT_MEMORY_REQUEST)]
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ScoreConfig {
    pub strategy: Strategy,
    /// Resource weights [cpu, memory]; 0 = resource not listed.
    pub weights: [i64; 2],
    /// (utilization 0–100, score 0–10) points, utilization increasing.
    pub shape: Vec<(i64, i64)>,
}

impl ScoreConfig {
    pub fn new(strategy: Strategy) -> ScoreConfig {
        ScoreConfig { strategy, weights: [1, 1], shape: vec![(0, 0), (100, 10)] }
    }

    pub fn validate(&self) -> Result<(), Error> {
        for (k, name) in ["resources.cpu.weight", "resources.memory.weight"].iter().enumerate() {
            if !(0..=100).contains(&self.weights[k]) {
                return Err(Error::out_of_range(name, self.weights[k] as f64, 1.0, 100.0));
            }
        }
        if self.weights == [0, 0] {
            return Err(Error::new(ErrorCode::Inconsistent, "resources", "resources must list cpu or memory with a weight from 1 to 100".to_string()));
        }
        if self.strategy == Strategy::RequestedToCapacityRatio {
            if self.shape.is_empty() {
                return Err(Error::new(ErrorCode::OutOfRange, "shape", "shape needs at least one point".to_string()));
            }
            for (i, &(u, s)) in self.shape.iter().enumerate() {
                if !(0..=100).contains(&u) {
                    return Err(Error::out_of_range(&format!("shape[{}].utilization", i), u as f64, 0.0, 100.0));
                }
                if !(0..=MAX_CUSTOM_PRIORITY_SCORE).contains(&s) {
                    return Err(Error::out_of_range(&format!("shape[{}].score", i), s as f64, 0.0, 10.0));
                }
                if i > 0 && u <= self.shape[i - 1].0 {
                    let f = format!("shape[{}].utilization", i);
                    return Err(Error::new(ErrorCode::Inconsistent, &f, format!("{} must be greater than the previous point's utilization", f)));
                }
            }
        }
        Ok(())
    }
}

/// ⌊a / b⌋ for 0 ≤ a, 0 < b, as Go's int64 division. Below 2^53 both are
/// exact in f64 and the rounded quotient is at most one too high, which the
/// multiply-back fixes; a hardware 64-bit divide is several times slower.
#[inline]
fn div(a: i64, b: i64) -> i64 {
    const EXACT: i64 = 1 << 53;
    if a < EXACT && b < EXACT {
        let q = (a as f64 / b as f64) as i64;
        if q * b > a { q - 1 } else { q }
    } else {
        a / b
    }
}

#[inline]
fn least_requested(requested: i64, capacity: i64) -> i64 {
    if capacity == 0 || requested > capacity {
        return 0;
    }
    // capacity ≤ 2^53 so (capacity − requested)·100 cannot overflow.
    div((capacity - requested) * MAX_NODE_SCORE, capacity)
}

#[inline]
fn most_requested(requested: i64, capacity: i64) -> i64 {
    if capacity == 0 {
        return 0;
    }
    div(requested.min(capacity) * MAX_NODE_SCORE, capacity)
}

fn broken_linear(shape: &[(i64, i64)], p: i64) -> i64 {
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

fn rtcr_resource(shape: &[(i64, i64)], requested: i64, capacity: i64) -> i64 {
    if capacity == 0 || requested > capacity {
        return broken_linear(shape, 100);
    }
    let u = if requested <= 0 { 0 } else if requested >= capacity { 100 } else { div(requested * 100, capacity) };
    broken_linear(shape, u)
}

/// RequestedToCapacityRatio over any number of resources (weight 0 = not
/// listed): allocatable-0 resources skipped, only scores > 0 averaged, rounded.
pub fn rtcr_node(shape: &[(i64, i64)], requested: &[i64], alloc: &[i64], weights: &[i64]) -> i64 {
    let (mut sum, mut wsum) = (0i64, 0i64);
    for r in 0..requested.len().min(alloc.len()).min(weights.len()) {
        let w = weights[r];
        if w == 0 || alloc[r] == 0 {
            continue;
        }
        let s = rtcr_resource(shape, requested[r], alloc[r]);
        if s > 0 {
            sum += s * w;
            wsum += w;
        }
    }
    if wsum == 0 { 0 } else { go_round(sum as f64 / wsum as f64) }
}

/// Go's math.Round for the non-negative quotients here: half away from zero.
fn go_round(x: f64) -> i64 {
    (x + 0.5).floor() as i64
}

/// NodeResourcesFit's score for `requested` (node + pod, non-zero form).
#[inline]
pub fn fit_score(cfg: &ScoreConfig, scaled_shape: &[(i64, i64)], requested: &[i64; 2], alloc: &[i64; 2]) -> i64 {
    let (mut sum, mut wsum) = (0i64, 0i64);
    match cfg.strategy {
        Strategy::LeastAllocated | Strategy::MostAllocated => {
            for r in 0..2 {
                let w = cfg.weights[r];
                if w == 0 {
                    continue;
                }
                let s = if cfg.strategy == Strategy::LeastAllocated { least_requested(requested[r], alloc[r]) } else { most_requested(requested[r], alloc[r]) };
                sum += s * w;
                wsum += w;
            }
            if wsum == 0 { 0 } else { div(sum, wsum) }
        }
        Strategy::RequestedToCapacityRatio => rtcr_node(scaled_shape, requested, alloc, &cfg.weights),
        Strategy::BalancedAllocation => balanced_score(&cfg.weights, requested, alloc),
    }
}

/// BalancedAllocation over the listed resources (weights only select them).
#[inline]
pub fn balanced_score(weights: &[i64; 2], requested: &[i64; 2], alloc: &[i64; 2]) -> i64 {
    let mut f = [0.0f64; 2];
    let mut n = 0;
    for r in 0..2 {
        if weights[r] == 0 || alloc[r] == 0 {
            continue;
        }
        let x = requested[r] as f64 / alloc[r] as f64;
        f[n] = if x > 1.0 { 1.0 } else { x };
        n += 1;
    }
    let std = if n == 2 { ((f[0] - f[1]) / 2.0).abs() } else { 0.0 };
    ((1.0 - std) * MAX_NODE_SCORE as f64) as i64
}

pub fn scaled_shape(cfg: &ScoreConfig) -> Vec<(i64, i64)> {
    cfg.shape.iter().map(|&(u, s)| (u, s * (MAX_NODE_SCORE / MAX_CUSTOM_PRIORITY_SCORE))).collect()
}

/// Whether the pod's real requests fit on the node (NodeResourcesFit filter).
pub fn fits(node: &Node, pod: &Pod) -> bool {
    let p = pod.real();
    (0..2).all(|r| node.requested[r].saturating_add(p[r]) <= node.allocatable[r])
}

/// Scores every node for one pod with one strategy, as `virtlab score` does:
/// fit strategies see node nonzero-requested + the pod's non-zero request;
/// BalancedAllocation sees real requests (a pod with none scores 0).
pub fn score_nodes(cfg: &ScoreConfig, nodes: &[Node], pod: &Pod) -> Result<Vec<i64>, Error> {
    cfg.validate()?;
    let shape = scaled_shape(cfg);
    Ok(nodes.iter().map(|n| strategy_score(cfg, &shape, n, pod)).collect())
}

fn strategy_score(cfg: &ScoreConfig, shape: &[(i64, i64)], n: &Node, pod: &Pod) -> i64 {
    if cfg.strategy == Strategy::BalancedAllocation {
        let p = pod.real();
        if p == [0, 0] {
            return 0;
        }
        let req = [n.requested[0] + p[0], n.requested[1] + p[1]];
        return balanced_score(&cfg.weights, &req, &n.allocatable);
    }
    let p = pod.nonzero();
    let req = [n.nonzero_requested[0] + p[0], n.nonzero_requested[1] + p[1]];
    fit_score(cfg, shape, &req, &n.allocatable)
}

/// A scheduling run: NodeResourcesFit with a strategy plus BalancedAllocation.
#[derive(Clone, Debug, PartialEq)]
pub struct SchedConfig {
    /// NodeResourcesFit's scoring strategy (not BalancedAllocation).
    pub fit: ScoreConfig,
    pub fit_weight: i64,
    /// 0 disables the BalancedAllocation plugin.
    pub balanced_weight: i64,
    /// percentageOfNodesToScore: 0 = kube's adaptive default, 100 = all.
    pub percentage_of_nodes_to_score: i64,
}

/// kube-scheduler's numFeasibleNodesToFind (kubernetes/kubernetes
/// pkg/scheduler/schedule_one.go @003b4460, read for this code):
/// all nodes below 100; else percentage (adaptive 50 − nodes/125, at least
/// 5) of the nodes, at least 100.
pub fn num_feasible_nodes_to_find(percentage: i64, num_all_nodes: i64) -> i64 {
    const MIN_NODES: i64 = 100;
    const MIN_PERCENT: i64 = 5;
    if num_all_nodes < MIN_NODES || percentage >= 100 {
        return num_all_nodes;
    }
    let mut pct = percentage;
    if pct <= 0 {
        pct = (50 - num_all_nodes / 125).max(MIN_PERCENT);
    }
    let n = num_all_nodes * pct / 100;
    n.max(MIN_NODES)
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NodeView {
    pub feasible: bool,
    /// Whether the node was among the nodes scored (sampling may stop early).
    pub scored: bool,
    pub fit_score: i64,
    pub balanced_score: i64,
    pub total: i64,
}

pub struct Scheduler {
    cfg: SchedConfig,
    shape: Vec<(i64, i64)>,
    pub nodes: Vec<Node>,
    next_start: usize,
    /// Per distinct pod request: every node's total score, kept current.
    cache: Vec<ScoreTree>,
    cache_limit: usize,
    /// Requests seen once: a request gets a score cache on its second
    /// occurrence (a request that never repeats would only cost upkeep).
    seen: std::collections::HashSet<Pod>,
    /// Bounds per node, per block of BLOCK consecutive nodes and per group
    /// of BLOCK blocks: a two-level branch and bound (see `best_by_blocks`).
    node_bounds: Vec<BlockBounds>,
    blocks: Vec<BlockBounds>,
    groups: Vec<BlockBounds>,
}

/// Nodes per block for the branch and bound of `schedule_all_scored`.
const BLOCK: usize = 16;

/// Summary of a block of nodes from which an upper bound on any of its
/// nodes' totals follows for any pod (see `BlockBounds::upper`). Fractions
/// are f64 and the bound gets a margin far above their rounding error; the
/// bound only decides which blocks are scored exactly, so it never changes
/// a score, only whether a block that cannot win is skipped.
#[derive(Clone, Copy, Debug)]
struct BlockBounds {
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
    /// Some node has an allocatable of 0 (BalancedAllocation then sees one
    /// resource and scores 100).
    any_zero: bool,
}

impl BlockBounds {
    const EMPTY: BlockBounds = BlockBounds {
        max_free: [i64::MIN; 2],
        min_frac: [f64::INFINITY; 2],
        max_frac: [f64::NEG_INFINITY; 2],
        min_inv: [f64::INFINITY; 2],
        max_inv: [f64::NEG_INFINITY; 2],
        min_diff: f64::INFINITY,
        max_diff: f64::NEG_INFINITY,
        any_zero: false,
    };

    /// The bounds of one node.
    fn of_node(n: &Node) -> BlockBounds {
        let mut b = BlockBounds::EMPTY;
        for r in 0..2 {
            b.max_free[r] = n.allocatable[r].saturating_sub(n.requested[r]);
            if n.allocatable[r] == 0 {
                b.any_zero = true;
                continue;
            }
            let a = n.allocatable[r] as f64;
            let f = n.nonzero_requested[r] as f64 / a;
            b.min_frac[r] = f;
            b.max_frac[r] = f;
            b.min_inv[r] = 1.0 / a;
            b.max_inv[r] = 1.0 / a;
        }
        if n.allocatable[0] > 0 && n.allocatable[1] > 0 {
            let d = n.requested[0] as f64 / n.allocatable[0] as f64 - n.requested[1] as f64 / n.allocatable[1] as f64;
            b.min_diff = d;
            b.max_diff = d;
        }
        b
    }

    /// The bounds of the union of two sets of nodes.
    #[inline]
    fn join(&self, o: &BlockBounds) -> BlockBounds {
        let mut b = *self;
        for r in 0..2 {
            b.max_free[r] = b.max_free[r].max(o.max_free[r]);
            b.min_frac[r] = b.min_frac[r].min(o.min_frac[r]);
            b.max_frac[r] = b.max_frac[r].max(o.max_frac[r]);
            b.min_inv[r] = b.min_inv[r].min(o.min_inv[r]);
            b.max_inv[r] = b.max_inv[r].max(o.max_inv[r]);
        }
        b.min_diff = b.min_diff.min(o.min_diff);
        b.max_diff = b.max_diff.max(o.max_diff);
        b.any_zero |= o.any_zero;
        b
    }

    fn of_all(items: &[BlockBounds]) -> BlockBounds {
        items.iter().fold(BlockBounds::EMPTY, |a, b| a.join(b))
    }

    /// An upper bound on the total of every node in the block that passes
    /// the filter for a pod with real requests `real` and scoring requests
    /// `nz`; −1 if none can pass it. Each plugin's score is an integer ≤ a
    /// real bound, so ≤ the bound's floor (taken with a margin of 1e-7 on
    /// the 0–100 scale, far above the f64 rounding in the fractions).
    fn upper(&self, cfg: &SchedConfig, real: &[i64; 2], nz: &[f64; 2], balanced_skip: bool) -> i64 {
        if real[0] > self.max_free[0] || real[1] > self.max_free[1] {
            return -1;
        }
        const MARGIN: f64 = 1e-7;
        // Clamped to [0, 100] first, so truncation is the floor.
        let floor = |x: f64| -> i64 { (x + MARGIN).max(0.0).min(MAX_NODE_SCORE as f64) as i64 };
        let w = &cfg.fit.weights;
        let (mut sum, mut wsum) = (0i64, 0i64);
        for r in 0..2 {
            if w[r] == 0 || cfg.fit.strategy == Strategy::RequestedToCapacityRatio {
                // RequestedToCapacityRatio averages only the resources with
                // allocatable > 0 and a score > 0: bounded by 100 below.
                continue;
            }
            // Nodes with allocatable 0 score 0 on r, under any bound ≥ 0.
            let s = if self.min_frac[r] == f64::INFINITY {
                0
            } else {
                match cfg.fit.strategy {
                    // (cap − req)·100 / cap falls as req / cap rises.
                    Strategy::LeastAllocated => floor(100.0 * (1.0 - self.min_frac[r] - nz[r] * self.min_inv[r])),
                    // min(req, cap)·100 / cap rises with req / cap.
                    Strategy::MostAllocated => floor(100.0 * (self.max_frac[r] + nz[r] * self.max_inv[r]).min(1.0)),
                    _ => MAX_NODE_SCORE, // not reached (see above)
                }
            };
            sum += s * w[r];
            wsum += w[r];
        }
        // The plugin's weighted mean is monotone in the resource scores.
        let fit = if cfg.fit.strategy == Strategy::RequestedToCapacityRatio {
            MAX_NODE_SCORE
        } else if wsum == 0 {
            0
        } else {
            sum / wsum
        };
        let bal = if cfg.balanced_weight == 0 || balanced_skip {
            0
        } else if w[0] == 0 || w[1] == 0 || self.any_zero {
            MAX_NODE_SCORE
        } else if self.min_diff == f64::INFINITY {
            0
        } else {
            // A node that passes the filter has requested + pod ≤ allocatable,
            // so its fractions are ≤ 1 (no clamping) and their difference is
            // diff + pod_cpu / alloc_cpu − pod_mem / alloc_mem.
            let (pc, pm) = (real[0] as f64, real[1] as f64);
            let lo = self.min_diff + pc * self.min_inv[0] - pm * self.max_inv[1];
            let hi = self.max_diff + pc * self.max_inv[0] - pm * self.min_inv[1];
            let m = if lo <= 0.0 && hi >= 0.0 { 0.0 } else { lo.abs().min(hi.abs()) };
            floor(100.0 * (1.0 - m / 2.0))
        };
        fit * cfg.fit_weight + bal * cfg.balanced_weight
    }
}

/// Every node's total for one pod request (−1 = fails the filter) under a
/// max tree whose inner nodes hold the index of the best leaf (ties to the
/// lower index). Only the node that receives a pod changes state, so after
/// each placement one leaf per cached request is rescored: the same scores
/// as scoring every node again, without recomputing the unchanged ones.
/// Used only when every node is scored (then the scan order is 0..n and
/// kube's first-best tie rule means the lowest index).
struct ScoreTree {
    pod: Pod,
    size: usize,
    val: Vec<i64>,
    best: Vec<u32>,
}

impl ScoreTree {
    fn build(pod: Pod, totals: Vec<i64>) -> ScoreTree {
        let n = totals.len();
        let size = n.max(1).next_power_of_two();
        let mut val = totals;
        val.resize(size, -1);
        let mut best = vec![0u32; 2 * size];
        for h in 0..size {
            best[size + h] = h as u32;
        }
        let mut t = ScoreTree { pod, size, val, best };
        for i in (1..size).rev() {
            t.best[i] = t.pick(i);
        }
        t
    }

    #[inline]
    fn pick(&self, i: usize) -> u32 {
        let (l, r) = (self.best[2 * i], self.best[2 * i + 1]);
        if self.val[r as usize] > self.val[l as usize] { r } else { l }
    }

    fn set(&mut self, h: usize, v: i64) {
        self.val[h] = v;
        let mut i = (self.size + h) >> 1;
        while i >= 1 {
            self.best[i] = self.pick(i);
            i >>= 1;
        }
    }

    fn winner(&self) -> Option<usize> {
        let b = self.best[1] as usize;
        if self.val[b] >= 0 { Some(b) } else { None }
    }
}

pub const NOT_SCHEDULED: u32 = u32::MAX;

impl Scheduler {
    pub fn new(cfg: SchedConfig, nodes: Vec<Node>) -> Result<Scheduler, Error> {
        cfg.fit.validate()?;
        if cfg.fit.strategy == Strategy::BalancedAllocation {
            return Err(Error::new(ErrorCode::Inconsistent, "strategy", "strategy must be a NodeResourcesFit strategy; BalancedAllocation is the separate plugin (balancedWeight)".to_string()));
        }
        if !(0..=100).contains(&cfg.fit_weight) {
            return Err(Error::out_of_range("fitWeight", cfg.fit_weight as f64, 0.0, 100.0));
        }
        if !(0..=100).contains(&cfg.balanced_weight) {
            return Err(Error::out_of_range("balancedWeight", cfg.balanced_weight as f64, 0.0, 100.0));
        }
        if !(0..=100).contains(&cfg.percentage_of_nodes_to_score) {
            return Err(Error::out_of_range("percentageOfNodesToScore", cfg.percentage_of_nodes_to_score as f64, 0.0, 100.0));
        }
        if nodes.len() > MAX_NODES {
            return Err(Error::new(ErrorCode::LimitExceeded, "nodes", format!("nodes has {} entries; the limit is {}", nodes.len(), MAX_NODES)));
        }
        let shape = scaled_shape(&cfg.fit);
        // Keep the caches within about 64 MiB in all.
        let per = nodes.len().max(1).next_power_of_two() * 16;
        let cache_limit = (64usize << 20) / per;
        let node_bounds: Vec<BlockBounds> = nodes.iter().map(BlockBounds::of_node).collect();
        let blocks: Vec<BlockBounds> = node_bounds.chunks(BLOCK).map(BlockBounds::of_all).collect();
        let groups = blocks.chunks(BLOCK).map(BlockBounds::of_all).collect();
        Ok(Scheduler { cfg, shape, nodes, next_start: 0, cache: Vec::new(), cache_limit: cache_limit.min(64), seen: std::collections::HashSet::new(), node_bounds, blocks, groups })
    }

    fn total(&self, n: &Node, pod: &Pod, balanced_skip: bool) -> i64 {
        self.total_of(n, &pod.real(), &pod.nonzero(), balanced_skip)
    }

    /// `total` with the pod's real and scoring requests worked out once.
    #[inline]
    fn total_of(&self, n: &Node, real: &[i64; 2], nz: &[i64; 2], balanced_skip: bool) -> i64 {
        if n.requested[0].saturating_add(real[0]) > n.allocatable[0] || n.requested[1].saturating_add(real[1]) > n.allocatable[1] {
            return -1; // the filter, as `fits`
        }
        let req = [n.nonzero_requested[0].saturating_add(nz[0]), n.nonzero_requested[1].saturating_add(nz[1])];
        let fit = fit_score(&self.cfg.fit, &self.shape, &req, &n.allocatable);
        let balanced = if self.cfg.balanced_weight == 0 || balanced_skip {
            0
        } else {
            balanced_score(&self.cfg.fit.weights, &[n.requested[0] + real[0], n.requested[1] + real[1]], &n.allocatable)
        };
        fit * self.cfg.fit_weight + balanced * self.cfg.balanced_weight
    }

    fn view(&self, n: &Node, pod: &Pod, balanced_skip: bool) -> NodeView {
        let p = pod.nonzero();
        let req = [n.nonzero_requested[0].saturating_add(p[0]), n.nonzero_requested[1].saturating_add(p[1])];
        let fit_score = fit_score(&self.cfg.fit, &self.shape, &req, &n.allocatable);
        let balanced_score = if self.cfg.balanced_weight == 0 || balanced_skip {
            0
        } else {
            let r = pod.real();
            balanced_score(&self.cfg.fit.weights, &[n.requested[0] + r[0], n.requested[1] + r[1]], &n.allocatable)
        };
        NodeView { feasible: true, scored: true, fit_score, balanced_score, total: fit_score * self.cfg.fit_weight + balanced_score * self.cfg.balanced_weight }
    }

    /// Schedules one pod; with `views`, fills one entry per node.
    pub fn schedule(&mut self, pod: &Pod, mut views: Option<&mut Vec<NodeView>>) -> Option<usize> {
        let n = self.nodes.len();
        if let Some(v) = views.as_mut() {
            v.clear();
            v.resize(n, NodeView::default());
        }
        if n == 0 {
            return None;
        }
        let want = num_feasible_nodes_to_find(self.cfg.percentage_of_nodes_to_score, n as i64) as usize;
        let balanced_skip = pod.real() == [0, 0];
        if views.is_none() && want >= n {
            return self.schedule_all_scored(pod, balanced_skip);
        }
        let mut best: Option<(i64, usize)> = None;
        let (mut found, mut processed) = (0usize, 0usize);
        let start = self.next_start;
        while processed < n && found < want {
            let i = if start + processed < n { start + processed } else { start + processed - n };
            processed += 1;
            let node = &self.nodes[i];
            if !fits(node, pod) {
                continue;
            }
            found += 1;
            let v = self.view(node, pod, balanced_skip);
            if best.map_or(true, |(t, _)| v.total > t) {
                best = Some((v.total, i));
            }
            if let Some(vs) = views.as_mut() {
                vs[i] = v;
            }
        }
        if let Some(vs) = views.as_mut() {
            for (i, node) in self.nodes.iter().enumerate() {
                if !vs[i].scored {
                    vs[i].feasible = fits(node, pod);
                }
            }
        }
        self.next_start = (start + processed) % n;
        let (_, i) = best?;
        self.bind(i, pod);
        Some(i)
    }

    /// Every node scored: scan order 0..n, the first best total wins.
    fn schedule_all_scored(&mut self, pod: &Pod, balanced_skip: bool) -> Option<usize> {
        let k = match self.cache.iter().position(|t| t.pod == *pod) {
            Some(k) => k,
            None => {
                // A repeated request gets a cache (while there is room); a
                // new one is answered by the block branch and bound.
                if self.cache.len() >= self.cache_limit || !self.seen.contains(pod) {
                    if self.seen.len() >= 4096 {
                        self.seen.clear(); // bounded memory; only costs a later cache
                    }
                    self.seen.insert(*pod);
                    let i = self.best_by_blocks(pod, balanced_skip)?;
                    self.bind(i, pod);
                    return Some(i);
                }
                let totals: Vec<i64> = self.nodes.iter().map(|n| self.total(n, pod, balanced_skip)).collect();
                self.cache.push(ScoreTree::build(*pod, totals));
                self.cache.len() - 1
            }
        };
        let i = self.cache[k].winner()?;
        self.bind(i, pod);
        Some(i)
    }

    /// The node a full scan in index order picks (highest total, first
    /// index among equals), scoring exactly only the blocks whose upper
    /// bound could still beat or tie the best found so far. The group and
    /// block with the highest bound go first so that the best is good early;
    /// the rest follow in index order, each skipped when its bound is below
    /// the best, or equal to it from a higher index.
    fn best_by_blocks(&self, pod: &Pod, balanced_skip: bool) -> Option<usize> {
        let real = pod.real();
        let z = pod.nonzero();
        let nz = [z[0] as f64, z[1] as f64];
        let upper = |b: &BlockBounds| b.upper(&self.cfg, &real, &nz, balanced_skip);
        let beaten = |u: i64, lo: usize, best: &Option<(i64, usize)>| u < 0 || best.map_or(false, |(bt, bi)| u < bt || (u == bt && lo > bi));
        let mut best: Option<(i64, usize)> = None;
        // The first group with the highest bound, and its first best block.
        let mut top: Option<(i64, usize)> = None;
        for (g, gb) in self.groups.iter().enumerate() {
            let u = upper(gb);
            if u >= 0 && top.map_or(true, |(t, _)| u > t) {
                top = Some((u, g));
            }
        }
        let (_, g0) = top?;
        let blocks_of = |g: usize| g * BLOCK..((g + 1) * BLOCK).min(self.blocks.len());
        let mut top: Option<(i64, usize)> = None;
        for b in blocks_of(g0) {
            let u = upper(&self.blocks[b]);
            if u >= 0 && top.map_or(true, |(t, _)| u > t) {
                top = Some((u, b));
            }
        }
        let b0 = top.map(|(_, b)| b);
        if let Some(b0) = b0 {
            self.scan_block(b0, &real, &z, balanced_skip, &mut best);
        }
        for g in 0..self.groups.len() {
            if beaten(upper(&self.groups[g]), g * BLOCK * BLOCK, &best) {
                continue;
            }
            for b in blocks_of(g) {
                if Some(b) == b0 || beaten(upper(&self.blocks[b]), b * BLOCK, &best) {
                    continue;
                }
                self.scan_block(b, &real, &z, balanced_skip, &mut best);
            }
        }
        best.map(|(_, i)| i)
    }

    fn scan_block(&self, b: usize, real: &[i64; 2], nz: &[i64; 2], balanced_skip: bool, best: &mut Option<(i64, usize)>) {
        let lo = b * BLOCK;
        let hi = (lo + BLOCK).min(self.nodes.len());
        for i in lo..hi {
            let t = self.total_of(&self.nodes[i], real, nz, balanced_skip);
            if t >= 0 && best.map_or(true, |(bt, bi)| t > bt || (t == bt && i < bi)) {
                *best = Some((t, i));
            }
        }
    }

    /// Charges the pod to node `i` and rescores that node in every cache.
    fn bind(&mut self, i: usize, pod: &Pod) {
        let (r, z) = (pod.real(), pod.nonzero());
        let node = &mut self.nodes[i];
        for k in 0..2 {
            node.requested[k] = node.requested[k].saturating_add(r[k]);
            node.nonzero_requested[k] = node.nonzero_requested[k].saturating_add(z[k]);
        }
        self.node_bounds[i] = BlockBounds::of_node(&self.nodes[i]);
        let b = i / BLOCK;
        self.blocks[b] = BlockBounds::of_all(&self.node_bounds[b * BLOCK..((b + 1) * BLOCK).min(self.nodes.len())]);
        let g = b / BLOCK;
        self.groups[g] = BlockBounds::of_all(&self.blocks[g * BLOCK..((g + 1) * BLOCK).min(self.blocks.len())]);
        let node = self.nodes[i];
        for t in 0..self.cache.len() {
            let p = self.cache[t].pod;
            let v = self.total(&node, &p, p.real() == [0, 0]);
            self.cache[t].set(i, v);
        }
    }
}

/// Checks a quantity from the ABI: a whole number in [0, 2^53).
pub fn quantity(field: &str, v: f64) -> Result<i64, Error> {
    if !(v.is_finite() && v >= 0.0 && v <= MAX_QUANTITY && v == v.trunc()) {
        return Err(Error::new(ErrorCode::OutOfRange, field, format!("{} must be a whole number from 0 to {}, got {}", field, MAX_QUANTITY, v)));
    }
    Ok(v as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MB: i64 = 1024 * 1024;

    fn node(ac: i64, am: i64, rc: i64, rm: i64) -> Node {
        Node { allocatable: [ac, am], requested: [rc, rm], nonzero_requested: [rc, rm] }
    }

    /// kubernetes/website resource-bin-packing.md, "Node scoring for
    /// capacity allocation": requests intel.com/foo 2, memory 256MB, cpu 2;
    /// weights foo 5, memory 1, cpu 3; shape (0,0),(100,10). Node 1 has
    /// foo 4 / memory 1 GB / cpu 8 available with 1 / 256MB / 1 used; node 2
    /// has 8 / 1GB / 8 with 2 / 512MB / 6 used. The doc works on the 0–10
    /// score scale (shape scores unscaled) and gets node 1 = 5, node 2 = 7;
    /// 7 needs the rounding of this revision (62/9 = 6.9). On kube's current
    /// 0–100 scale (shape ×10) the same nodes score 60 and 69.
    #[test]
    fn resource_bin_packing_doc_example() {
        let w = [5, 1, 3];
        let n1_req = [2 + 1, (256 + 256) * MB, 2 + 1];
        let n1_alloc = [4, 1024 * MB, 8];
        let n2_req = [2 + 2, (256 + 512) * MB, 2 + 6];
        let n2_alloc = [8, 1024 * MB, 8];
        let doc_shape = [(0, 0), (100, 10)];
        // The per-resource scores the doc shows: 7, 5, 3 and 5, 7, 10.
        let per = |req: &[i64; 3], alloc: &[i64; 3]| [0, 1, 2].map(|r| rtcr_resource(&doc_shape, req[r], alloc[r]));
        assert_eq!(per(&n1_req, &n1_alloc), [7, 5, 3]);
        assert_eq!(per(&n2_req, &n2_alloc), [5, 7, 10]);
        assert_eq!(rtcr_node(&doc_shape, &n1_req, &n1_alloc, &w), 5);
        assert_eq!(rtcr_node(&doc_shape, &n2_req, &n2_alloc, &w), 7);
        let kube_shape = scaled_shape(&ScoreConfig::new(Strategy::RequestedToCapacityRatio));
        assert_eq!(rtcr_node(&kube_shape, &n1_req, &n1_alloc, &w), 60); // (75·5 + 50 + 37·3) / 9 = 59.6
        assert_eq!(rtcr_node(&kube_shape, &n2_req, &n2_alloc, &w), 69); // (50·5 + 75 + 100·3) / 9 = 69.4
        // The cpu + memory part through score_nodes (weights cpu 3, memory 1).
        let mut cfg = ScoreConfig::new(Strategy::RequestedToCapacityRatio);
        cfg.weights = [3, 1];
        let pod = Pod { request: [Some(2), Some(256 * MB)] };
        let s = score_nodes(&cfg, &[node(8, 1024 * MB, 1, 256 * MB), node(8, 1024 * MB, 6, 512 * MB)], &pod).unwrap();
        assert_eq!(s, vec![40, 94]); // (37·3 + 50) / 4 = 40.25; (100·3 + 75) / 4 = 93.75
    }

    #[test]
    fn least_and_most_allocated_integer_arithmetic() {
        // cpu: (4000 − 3000)·100/4000 = 25; memory: (10000 − 5000)·100/10000 = 50; mean 37.
        let n = node(4000, 10000, 2900, 4000);
        let pod = Pod { request: [Some(100), Some(1000)] };
        assert_eq!(score_nodes(&ScoreConfig::new(Strategy::LeastAllocated), &[n], &pod).unwrap(), vec![37]);
        assert_eq!(score_nodes(&ScoreConfig::new(Strategy::MostAllocated), &[n], &pod).unwrap(), vec![62]); // (75 + 50) / 2
        // Over-requested: least gives 0, most clamps to 100.
        let over = node(1000, 1000, 1000, 1000);
        assert_eq!(score_nodes(&ScoreConfig::new(Strategy::LeastAllocated), &[over], &pod).unwrap(), vec![0]);
        assert_eq!(score_nodes(&ScoreConfig::new(Strategy::MostAllocated), &[over], &pod).unwrap(), vec![100]);
        // Truncation: (3 − 1)·100/3 = 66.
        assert_eq!(least_requested(1, 3), 66);
        // Weights: cpu 3, memory 1 -> (25·3 + 50) / 4 = 31.
        let mut cfg = ScoreConfig::new(Strategy::LeastAllocated);
        cfg.weights = [3, 1];
        assert_eq!(score_nodes(&cfg, &[n], &pod).unwrap(), vec![31]);
    }

    #[test]
    fn unset_requests_count_as_defaults_for_scoring_only() {
        let pod = Pod { request: [None, None] };
        assert_eq!(pod.nonzero(), [100, 200 * MB]);
        let n = node(1000, 1000 * MB, 0, 0);
        // least: cpu (1000−100)·100/1000 = 90, memory 80 -> 85.
        assert_eq!(score_nodes(&ScoreConfig::new(Strategy::LeastAllocated), &[n], &pod).unwrap(), vec![85]);
        // The filter uses the real request (0): a full node still fits.
        assert!(fits(&node(1000, 1000, 1000, 1000), &pod));
        // BalancedAllocation skips a best-effort pod.
        assert_eq!(score_nodes(&ScoreConfig::new(Strategy::BalancedAllocation), &[n], &pod).unwrap(), vec![0]);
    }

    #[test]
    fn balanced_allocation_uses_half_the_difference() {
        // cpu 3000/4000 = 0.75, memory 5000/10000 = 0.5 -> std 0.125 -> 87.
        let n = node(4000, 10000, 2900, 4000);
        let pod = Pod { request: [Some(100), Some(1000)] };
        assert_eq!(score_nodes(&ScoreConfig::new(Strategy::BalancedAllocation), &[n], &pod).unwrap(), vec![87]);
        // Fractions clamp at 1.
        let n = node(1000, 1000, 5000, 0);
        assert_eq!(score_nodes(&ScoreConfig::new(Strategy::BalancedAllocation), &[n], &Pod { request: [Some(1), Some(0)] }).unwrap(), vec![50]);
    }

    #[test]
    fn broken_linear_matches_helper_semantics() {
        let s = vec![(10, 0), (50, 80), (100, 100)];
        assert_eq!(broken_linear(&s, 0), 0);
        assert_eq!(broken_linear(&s, 30), 40);
        assert_eq!(broken_linear(&s, 49), 78); // 0 + 80·39/40 = 78
        assert_eq!(broken_linear(&s, 75), 90);
        assert_eq!(broken_linear(&s, 100), 100);
        let least = scaled_shape(&ScoreConfig { strategy: Strategy::RequestedToCapacityRatio, weights: [1, 1], shape: vec![(0, 10), (100, 0)] });
        assert_eq!(rtcr_resource(&least, 25, 100), 75);
        assert_eq!(rtcr_resource(&least, 0, 0), 0);
        assert_eq!(rtcr_resource(&least, 200, 100), 0);
    }

    #[test]
    fn feasible_node_count_follows_schedule_one() {
        assert_eq!(num_feasible_nodes_to_find(0, 50), 50);
        assert_eq!(num_feasible_nodes_to_find(0, 100), 100); // 49 % -> 49, floor 100
        assert_eq!(num_feasible_nodes_to_find(0, 1000), 420); // 42 %
        assert_eq!(num_feasible_nodes_to_find(0, 5000), 500); // 10 %
        assert_eq!(num_feasible_nodes_to_find(0, 10000), 500); // 50 − 80 -> 5 %
        assert_eq!(num_feasible_nodes_to_find(100, 5000), 5000);
        assert_eq!(num_feasible_nodes_to_find(1, 5000), 100);
    }

    #[test]
    fn scheduler_picks_highest_total_and_respects_fit() {
        let cfg = SchedConfig { fit: ScoreConfig::new(Strategy::MostAllocated), fit_weight: 1, balanced_weight: 1, percentage_of_nodes_to_score: 100 };
        let nodes = vec![node(4000, 8 * 1024 * MB, 0, 0), node(4000, 8 * 1024 * MB, 2000, 4096 * MB), node(1000, 1024 * MB, 900, 0)];
        let mut s = Scheduler::new(cfg, nodes).unwrap();
        let pod = Pod { request: [Some(500), Some(512 * MB)] };
        let mut views = Vec::new();
        assert_eq!(s.schedule(&pod, Some(&mut views)), Some(1)); // bin-packing prefers the busier node
        assert!(!views[2].feasible);
        assert_eq!(views[1].total, views[1].fit_score + views[1].balanced_score);
        // A pod that fits nowhere is not scheduled.
        assert_eq!(s.schedule(&Pod { request: [Some(5000), None] }, None), None);
        assert!(Scheduler::new(SchedConfig { fit: ScoreConfig::new(Strategy::BalancedAllocation), fit_weight: 1, balanced_weight: 1, percentage_of_nodes_to_score: 0 }, vec![]).is_err());
    }

    #[test]
    fn cached_scores_equal_a_full_rescan() {
        // Same pods through the cached path (views: None) and the scan path
        // (views: Some), for every strategy, on random nodes and repeated requests.
        let mut r = crate::rng::Rng::new(3);
        for strategy in [Strategy::LeastAllocated, Strategy::MostAllocated, Strategy::RequestedToCapacityRatio] {
            let nodes: Vec<Node> = (0..150).map(|_| node(1000 + r.below(8) as i64 * 1000, (1 + r.below(8) as i64) * 1024 * MB, 0, 0)).collect();
            let cfg = SchedConfig { fit: ScoreConfig::new(strategy), fit_weight: 1 + r.below(3) as i64, balanced_weight: r.below(3) as i64, percentage_of_nodes_to_score: 100 };
            let mut a = Scheduler::new(cfg.clone(), nodes.clone()).unwrap();
            let mut b = Scheduler::new(cfg, nodes).unwrap();
            let shapes = [Pod { request: [Some(250), Some(256 * MB)] }, Pod { request: [None, Some(512 * MB)] }, Pod { request: [None, None] }, Pod { request: [Some(1000), None] }];
            let mut views = Vec::new();
            for _ in 0..2000 {
                let p = shapes[r.below(4) as usize];
                assert_eq!(a.schedule(&p, None), b.schedule(&p, Some(&mut views)));
            }
            assert_eq!(a.nodes, b.nodes);
        }
    }

    /// The block branch and bound (distinct requests, every node scored)
    /// picks what the plain scan in `schedule` with views picks, for every
    /// strategy and weight mix, on nodes with ties, allocatable 0,
    /// over-requested nodes, unset requests and quantities near 2^53.
    #[test]
    fn block_search_equals_a_full_scan() {
        let mut r = crate::rng::Rng::new(11);
        const BIG: i64 = 1 << 52;
        for round in 0..60 {
            let strategy = [Strategy::LeastAllocated, Strategy::MostAllocated, Strategy::RequestedToCapacityRatio][round % 3];
            let n_nodes = [1, 15, 16, 17, 255, 256, 257, 700][r.below(8) as usize];
            let huge = round % 5 == 4;
            let shapes: Vec<(i64, i64)> = (0..3).map(|_| (r.below(5) as i64 * 1000, (r.below(5) as i64) * 1024 * MB)).collect();
            let nodes: Vec<Node> = (0..n_nodes)
                .map(|_| {
                    let (ac, am) = if huge { (BIG + r.below(1 << 40) as i64, BIG - r.below(1 << 40) as i64) } else { shapes[r.below(3) as usize] };
                    // Some nodes start over-requested (requested > allocatable).
                    let (rc, rm) = if r.below(10) == 0 { (ac + 1, am / 2) } else { (r.below(ac as u64 / 2 + 1) as i64, r.below(am as u64 / 2 + 1) as i64) };
                    node(ac, am, rc, rm)
                })
                .collect();
            let mut fit = ScoreConfig::new(strategy);
            fit.weights = [[1, 1], [1, 0], [0, 1], [3, 7]][r.below(4) as usize];
            if strategy == Strategy::RequestedToCapacityRatio {
                fit.shape = vec![(0, 10), (50, 3), (100, 7)];
            }
            let cfg = SchedConfig { fit, fit_weight: r.below(3) as i64, balanced_weight: r.below(3) as i64, percentage_of_nodes_to_score: 100 };
            let mut a = Scheduler::new(cfg.clone(), nodes.clone()).unwrap();
            let mut b = Scheduler::new(cfg, nodes).unwrap();
            let mut views = Vec::new();
            for k in 0..400 {
                let q = |r: &mut crate::rng::Rng, scale: i64| -> Option<i64> {
                    match r.below(8) {
                        0 => None,
                        1 => Some(0),
                        _ => Some(if huge { r.below(1 << 44) as i64 } else { r.below(scale as u64) as i64 }),
                    }
                };
                // Distinct requests (k added), so nothing comes from a cache.
                let p = Pod { request: [q(&mut r, 3000).map(|c| c + k), q(&mut r, 3 * 1024 * MB)] };
                assert_eq!(a.schedule(&p, None), b.schedule(&p, Some(&mut views)), "round {} pod {}", round, k);
            }
            assert_eq!(a.nodes, b.nodes);
        }
    }

    #[test]
    fn block_bounds_cover_every_node() {
        // The bound of a block is ≥ the exact total of each feasible node in it.
        let mut r = crate::rng::Rng::new(5);
        for _ in 0..2000 {
            let strategy = [Strategy::LeastAllocated, Strategy::MostAllocated, Strategy::RequestedToCapacityRatio][r.below(3) as usize];
            let mut fit = ScoreConfig::new(strategy);
            fit.weights = [1 + r.below(5) as i64, r.below(5) as i64];
            if r.below(2) == 0 {
                fit.weights.swap(0, 1);
            }
            let cfg = SchedConfig { fit, fit_weight: 1 + r.below(3) as i64, balanced_weight: r.below(3) as i64, percentage_of_nodes_to_score: 100 };
            let nodes: Vec<Node> = (0..1 + r.below(20) as usize)
                .map(|_| {
                    let ac = r.below(4) as i64 * 1000;
                    let am = r.below(4) as i64 * 1000;
                    let rc = r.below(ac as u64 + 1) as i64;
                    let rm = r.below(am as u64 + 1) as i64;
                    Node { allocatable: [ac, am], requested: [rc, rm], nonzero_requested: [rc + r.below(200) as i64, rm + r.below(200) as i64] }
                })
                .collect();
            let s = Scheduler::new(cfg.clone(), nodes.clone()).unwrap();
            let bounds = BlockBounds::of_all(&nodes.iter().map(BlockBounds::of_node).collect::<Vec<_>>());
            let pod = Pod { request: [Some(r.below(1000) as i64), if r.below(4) == 0 { None } else { Some(r.below(1000) as i64) }] };
            let skip = pod.real() == [0, 0];
            let z = pod.nonzero();
            let u = bounds.upper(&cfg, &pod.real(), &[z[0] as f64, z[1] as f64], skip);
            for n in &nodes {
                let t = s.total(n, &pod, skip);
                assert!(t <= u, "total {} above bound {} for {:?}", t, u, n);
            }
        }
    }

    #[test]
    fn float_division_equals_integer_division() {
        let mut r = crate::rng::Rng::new(17);
        for _ in 0..200_000 {
            let b = 1 + r.below(1 << 52) as i64 >> r.below(52);
            let a = r.below(1 << 53) as i64 >> r.below(53);
            let b = b.max(1);
            assert_eq!(div(a, b), a / b, "{} / {}", a, b);
            let k = r.below(1000) as i64;
            assert_eq!(div(k * b, b), k);
            if k * b > 0 {
                assert_eq!(div(k * b - 1, b), (k * b - 1) / b);
            }
        }
    }

    #[test]
    fn validation_names_fields() {
        let mut c = ScoreConfig::new(Strategy::RequestedToCapacityRatio);
        c.shape = vec![(0, 0), (0, 10)];
        assert_eq!(c.validate().unwrap_err().field, "shape[1].utilization");
        c.shape = vec![(0, 11)];
        assert_eq!(c.validate().unwrap_err().field, "shape[0].score");
        c.weights = [101, 1];
        assert_eq!(c.validate().unwrap_err().field, "resources.cpu.weight");
        assert_eq!(quantity("nodes[3].allocatable.cpu", -1.0).unwrap_err().field, "nodes[3].allocatable.cpu");
        assert!(quantity("x", 1.5).is_err());
    }
}
